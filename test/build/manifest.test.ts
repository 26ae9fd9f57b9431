/* manifest.xml: what Excel needs for the shared runtime, the TOKENS namespace, the ribbon button and the icons. */
import * as fs from "fs";
import * as path from "path";
import { allValues, findAll, findOne, parseXml, XmlElement } from "./xml-tree";

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
    const button = findOne(tab, "Control", { "xsi:type": "Button" });
    const action = findOne(button, "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(findOne(action, "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(resource(findOne(button, "Label").attrs.resid)).not.toBe("");
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
