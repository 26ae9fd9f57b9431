/* manifest.xml: what Excel needs for the shared runtime, the TOKENS namespace, the ribbon button and the icons. */
import * as fs from "fs";
import * as path from "path";
import { allValues, findAll, findOne, parseXml, XmlElement } from "./xml-tree";
import { RIBBON_COMMANDS, SHOW_PANE_ACTION } from "../../src/commands/ribbon";

const ROOT = path.resolve(__dirname, "..", "..");
const DEV_BASE = "https://localhost:3000/";
const manifest = parseXml(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));

function child(element: XmlElement, local: string): XmlElement {
  const found = element.children.filter((c) => c.local === local);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${local}> children`);
  return found[0];
}

/** The DefaultValue of the resource with that id (bt:Image, bt:Url or bt:String). */
function resource(id: string): string {
  const resources = findOne(manifest, "Resources");
  const matches = [...findAll(resources, "Image"), ...findAll(resources, "Url"), ...findAll(resources, "String")].filter(
    (e) => e.attrs.id === id,
  );
  if (matches.length !== 1) throw new Error(`resource ${id}: ${matches.length} definitions`);
  return matches[0].attrs.DefaultValue;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (bytes.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file} does not start with IHDR`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The repository file that a https://localhost:3000/ URL is served from (assets are copied as they are). */
function servedFile(url: string): string {
  expect(url.startsWith(DEV_BASE)).toBe(true);
  return path.join(ROOT, url.slice(DEV_BASE.length));
}

describe("manifest.xml", () => {
  it("is a TaskPaneApp for Excel named AI Token Planner", () => {
    expect(manifest.local).toBe("OfficeApp");
    expect(manifest.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(manifest, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(child(manifest, "ProviderName").text).toBe("AI Token Planner");
    expect(child(manifest, "DisplayName").attrs.DefaultValue).toBe("AI Token Planner");
    expect(child(manifest, "Description").attrs.DefaultValue).toMatch(/Genesys Cloud AI Experience tokens/);
    expect(child(manifest, "Description").attrs.DefaultValue.length).toBeLessThanOrEqual(250);
    expect(findAll(child(manifest, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
  });

  it("asks for ReadWriteDocument and nothing broader", () => {
    const permissions = findAll(manifest, "Permissions");
    expect(permissions).toHaveLength(1);
    expect(permissions[0].text).toBe("ReadWriteDocument");
  });

  it("requires SharedRuntime 1.1 and runs one long-lived runtime on the taskpane page", () => {
    const set = findOne(child(manifest, "Requirements"), "Set", { Name: "SharedRuntime" });
    expect(set.attrs.MinVersion).toBe("1.1");
    const runtimes = findAll(manifest, "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].attrs).toMatchObject({ resid: "Taskpane.Url", lifetime: "long" });
    expect(resource("Taskpane.Url")).toBe(`${DEV_BASE}taskpane.html`);
    expect(child(child(manifest, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(`${DEV_BASE}taskpane.html`);
    expect(findOne(manifest, "FunctionFile").attrs.resid).toBe("Taskpane.Url");
  });

  it("declares the custom functions under the TOKENS namespace", () => {
    const point = findOne(manifest, "ExtensionPoint", { "xsi:type": "CustomFunctions" });
    expect(resource(findOne(point, "Namespace").attrs.resid)).toBe("TOKENS");
    expect(resource(findOne(child(point, "Script"), "SourceLocation").attrs.resid)).toBe(`${DEV_BASE}functions.js`);
    expect(findOne(child(point, "Page"), "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(resource(findOne(child(point, "Metadata"), "SourceLocation").attrs.resid)).toBe(`${DEV_BASE}functions.json`);
  });

  it("puts a Home tab button that shows the taskpane", () => {
    const surface = findOne(manifest, "ExtensionPoint", { "xsi:type": "PrimaryCommandSurface" });
    const tab = findOne(surface, "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const button = findOne(tab, "Control", { id: "TokenPlanner.TaskpaneButton" });
    const action = findOne(button, "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(findOne(action, "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(resource(findOne(button, "Label").attrs.resid)).not.toBe("");
  });

  it("puts Insert calculator / annual budget / usage dashboard next to it, each running a command the pane associates", () => {
    const group = findOne(manifest, "Group", { id: "TokenPlanner.Group" });
    const buttons = findAll(group, "Control");
    expect(buttons[0].attrs.id).toBe("TokenPlanner.TaskpaneButton");
    const commands = buttons.slice(1).map((b) => {
      const action = findOne(b, "Action");
      expect(action.attrs["xsi:type"]).toBe("ExecuteFunction");
      return { action: findOne(action, "FunctionName").text, label: resource(findOne(b, "Label").attrs.resid) };
    });
    expect(commands).toEqual(RIBBON_COMMANDS.map((c) => ({ action: c.action, label: `Insert ${c.noun}` })));
    // ExecuteFunction runs in the function file: the shared runtime's page, which associates the actions.
    expect(findOne(manifest, "FunctionFile").attrs.resid).toBe("Taskpane.Url");
  });

  it("names a keyboard shortcut file whose actions the pane associates", () => {
    const extended = findOne(manifest, "ExtendedOverrides");
    expect(manifest.children[manifest.children.length - 1]).toBe(extended);
    const shortcuts = JSON.parse(fs.readFileSync(servedFile(extended.attrs.Url), "utf8")) as {
      actions: { id: string; type: string; name: string }[];
      shortcuts: { action: string; key: { default: string } }[];
    };
    expect(shortcuts.actions.map((a) => a.id)).toEqual([SHOW_PANE_ACTION]);
    for (const a of shortcuts.actions) {
      expect(a.type).toBe("ExecuteFunction");
      expect(a.name.length).toBeGreaterThan(0);
    }
    for (const s of shortcuts.shortcuts) {
      expect(shortcuts.actions.map((a) => a.id)).toContain(s.action);
      // At least one modifier besides Shift, and one other key (Office's rules for add-in shortcuts).
      expect(s.key.default).toMatch(/^(Ctrl|Alt|Command)(\+(Ctrl|Alt|Shift|Command|Option))*\+[A-Z0-9]$/);
    }
  });

  it("is named in the README as the ribbon names it", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const group = findOne(manifest, "Group", { id: "TokenPlanner.Group" });
    for (const b of findAll(group, "Control")) expect(readme).toContain(`**${resource(findOne(b, "Label").attrs.resid)}**`);
    expect(readme).toContain(`**${resource("TokenPlanner.Group.Label")}**`);
  });

  it("uses only https URLs, all under https://localhost:3000/", () => {
    const values = allValues(manifest);
    const urls = values.filter((v) => v.includes("://"));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(DEV_BASE)).toBe(true);
    expect(values.filter((v) => /http:\/\//i.test(v))).toEqual([]);
  });

  it("defines every resource it refers to", () => {
    const referenced = new Set<string>();
    const visit = (e: XmlElement): void => {
      if (e.attrs.resid) referenced.add(e.attrs.resid);
      e.children.forEach(visit);
    };
    visit(manifest);
    for (const id of referenced) expect(() => resource(id)).not.toThrow();
  });

  it("points at icon files that exist at the sizes claimed", () => {
    const claims: { url: string; size: number }[] = [
      { url: child(manifest, "IconUrl").attrs.DefaultValue, size: 32 },
      { url: child(manifest, "HighResolutionIconUrl").attrs.DefaultValue, size: 64 },
    ];
    for (const image of findAll(findOne(manifest, "Images"), "Image")) {
      const size = /^Icon\.(\d+)x\1$/.exec(image.attrs.id);
      expect(size).not.toBeNull();
      claims.push({ url: image.attrs.DefaultValue, size: Number(size![1]) });
    }
    // Every <bt:Image size="N" resid=...> in the ribbon points at an N-pixel image.
    for (const ref of findAll(findOne(manifest, "DesktopFormFactor"), "Image")) {
      claims.push({ url: resource(ref.attrs.resid), size: Number(ref.attrs.size) });
    }
    expect(new Set(claims.map((c) => c.size))).toEqual(new Set([16, 32, 64, 80]));
    for (const { url, size } of claims) {
      const file = servedFile(url);
      expect(fs.existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  it("links a support page that exists", () => {
    for (const url of [child(manifest, "SupportUrl").attrs.DefaultValue, resource("GetStarted.LearnMoreUrl")]) {
      expect(url).toMatch(/^https:\/\//);
      expect(fs.existsSync(servedFile(url))).toBe(true);
    }
  });
});
