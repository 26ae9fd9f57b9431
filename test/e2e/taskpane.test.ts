/**
 * The taskpane in a real browser, outside Excel (issue 6.2): the production build with the real
 * office.js (served locally, OFFICE_JS=local) in headless Chromium, as someone opening the add-in's
 * page in a plain browser sees it. Every page is watched for console errors, page errors, CSP
 * violations and requests that leave 127.0.0.1 (refused). Screenshots: test-artifacts/e2e/outside-*.png.
 */
import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { findPreset } from "../../src/core/presets";
import { columnLetters } from "../../src/sheets/a1";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { cellsOf, type SheetModel } from "../../src/sheets/model";
import { editField, FIELD_ORDER, fieldValue, initialForm, inputId, type FieldPath } from "../../src/taskpane/form";
import { sheetDownloadedMessage } from "../../src/taskpane/sheet-actions";
import { CALCULATOR_SHEET, calculatorView, HOST_STATUS } from "../../src/taskpane/view-model";
import { ROOT } from "./support/build";
import { ARTIFACTS, describeWithChromium, inPage, type CspViolation, type OpenOptions, type TaskpanePage } from "./support/browser";
import { focusableIn, walk } from "./support/keyboard";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(60_000);

const NO_PROBLEMS = { consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] };
const PRESET_TOTALS = [
  ["small", "4,701"],
  ["mid-market", "19,810"],
  ["enterprise", "93,527"],
] as const;
const HOSTILE_NAME = '=HYPERLINK("http://evil.example","x")';

/** The policy of a Content-Security-Policy string, directive by directive. */
function directives(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources;
  }
  return out;
}

const TEMPLATE_POLICY = (() => {
  const html = fs.readFileSync(path.join(ROOT, "src", "taskpane", "taskpane.html"), "utf8").replace(/<!--[\s\S]*?-->/g, "");
  return directives(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)![1]);
})();

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describeWithChromium("the taskpane in Chromium, outside Excel", () => {
  const suite = chromiumSuite();
  let buildDir: string;
  /** The lazily loaded chunks (everything but the two entry bundles), and the one holding ExcelJS. */
  let lazyChunks: string[];
  let excelJsChunk: string;

  beforeAll(() => {
    buildDir = suite.build.dir;
    const files = fs.readdirSync(buildDir).filter((f) => f.endsWith(".js"));
    lazyChunks = files.filter((f) => f !== "taskpane.js" && f !== "functions.js");
    excelJsChunk = files.find((f) => fs.readFileSync(path.join(buildDir, f), "utf8").includes("xl/workbook.xml"))!;
  });

  const taskpane = (options: OpenOptions = {}): Promise<TaskpanePage> => suite.outside(options);

  test("loads clean: no console error, page error, CSP violation or request leaving 127.0.0.1; says it is outside Excel and previews", async () => {
    const tp = await taskpane();
    const { page } = tp;
    expect(await text(page, "#host-status")).toBe(HOST_STATUS.outside);
    expect(await text(page, "#calc-total")).toBe("4,701");
    expect(await page.locator("#calc-download").isVisible()).toBe(true);
    expect(await page.locator("#calc-insert").getAttribute("aria-disabled")).toBe("true");

    // The policy arrives with the page, unchanged by the build, before any script.
    const served = await inPage<{ policy: string; beforeScripts: boolean }>(
      page,
      `(function () {
        var meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
        var script = document.querySelector("script");
        return { policy: meta ? meta.content : "", beforeScripts: Boolean(meta && script && (meta.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING)) };
      })()`,
    );
    expect(directives(served.policy)).toEqual(TEMPLATE_POLICY);
    expect(served.beforeScripts).toBe(true);

    // First load: the page, office.js (local), the two bundles, the stylesheet, the icon; no lazy chunk.
    const loaded = tp.requests.map((r) => new URL(r.url).pathname.slice(1));
    expect(loaded).toEqual(expect.arrayContaining(["taskpane.html", "office-js/office.js", "functions.js", "taskpane.js"]));
    expect(loaded.filter((f) => lazyChunks.includes(f))).toEqual([]);

    await tp.screenshot("outside-01-loaded");

    // office.js, outside Office, tries its telemetry frame about 3 s after load: the policy refuses it
    // (see isKnownOfficeJsRefusal), and no request leaves the machine. Wait for it, so "clean" covers that too.
    await page.waitForTimeout(Math.max(0, 4500 - (await inPage<number>(page, "performance.now()"))));
    const refused = tp.officeJsRefusals.filter((r): r is CspViolation => typeof r !== "string").map((v) => `${v.directive} ${v.blockedURI}`);
    console.log(`office.js telemetry refused by the CSP within 4.5 s of load: ${refused.join(", ") || "none"}`);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("the presets fill the form and the preview shows 4,701 / 19,810 / 93,527", async () => {
    const tp = await taskpane();
    const { page } = tp;
    for (const [id, total] of PRESET_TOTALS) {
      await page.selectOption("#f-preset", id);
      await page.locator("#calc-total", { hasText: total }).waitFor();
      const profile = findPreset(id)!.profile;
      expect(await page.inputValue("#f-name")).toBe(profile.name);
      expect(await page.inputValue("#f-users")).toBe(String(profile.users));
      expect(await page.inputValue("#f-volumes-messaging")).toBe(String(profile.volumes.messaging));
      expect(await page.inputValue("#f-tokensPerUser-copilot")).toBe(profile.tokensPerUser.copilot === undefined ? "" : String(profile.tokensPerUser.copilot));
      expect(await page.isChecked(`#f-licence-${profile.licence}`)).toBe(true);
      expect(await text(page, "#calc-health")).toBe("GREEN");
      expect(await text(page, "#calc-summary")).toMatch(new RegExp(`Tokens a month\\s+${total}`));
      await tp.screenshot(`outside-02-preset-${id}`, "#calc-results");
    }
    // Editing a figure makes the profile the analyst's own.
    await page.fill("#f-users", "201");
    expect(await page.inputValue("#f-preset")).toBe("custom");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("invalid input shows its message beside the field (aria-invalid, aria-describedby) and blocks download and insert", async () => {
    const tp = await taskpane();
    const { page } = tp;
    // The page must say exactly what the view model says.
    const negative = calculatorView(editField(initialForm(), "users", "-5"));
    const both = calculatorView(editField(editField(initialForm(), "users", "-5"), "volumes.messaging", "lots"));

    await page.fill("#f-users", "-5");
    const users = page.locator("#f-users");
    await page.locator("#f-users-msg").waitFor({ state: "visible" });
    expect(await text(page, "#f-users-msg")).toBe(negative.problems.users);
    expect(await users.getAttribute("aria-invalid")).toBe("true");
    expect((await users.getAttribute("aria-describedby"))!.split(" ")).toContain("f-users-msg");

    await page.fill("#f-volumes-messaging", "lots");
    const messaging = page.locator("#f-volumes-messaging");
    expect(await text(page, "#f-volumes-messaging-msg")).toBe(both.problems["volumes.messaging"]);
    expect(await messaging.getAttribute("aria-invalid")).toBe("true");
    expect((await messaging.getAttribute("aria-describedby"))!.split(" ")[0]).toBe("f-volumes-messaging-msg");
    // The preview waits; both buttons refuse, and say why.
    expect(await text(page, "#calc-waiting")).toBe(both.waiting);
    expect(await page.locator("#calc-results").isHidden()).toBe(true);
    expect(await page.locator("#calc-insert").getAttribute("aria-disabled")).toBe("true");
    expect(await text(page, "#calc-insert-reason")).toBe("Fix the 2 fields marked above to insert the calculator.");
    expect(await page.locator("#calc-download").getAttribute("aria-disabled")).toBe("true");
    expect(await text(page, "#calc-download-reason")).toBe("Fix the 2 fields marked above to download the workbook.");
    await tp.screenshot("outside-03-invalid-input", "#f-users");

    tp.step = "blocked clicks";
    let downloads = 0;
    page.on("download", () => downloads++);
    // force: Playwright itself would not click an aria-disabled button; a person can.
    await page.click("#calc-download", { force: true });
    await page.click("#calc-insert", { force: true });
    await page.waitForTimeout(300);
    expect(downloads).toBe(0);
    expect(tp.requests.filter((r) => r.step === "blocked clicks")).toEqual([]);
    expect(await text(page, "#calc-insert-alert")).toBe("");

    // Fixed: the message goes, the description keeps only the hint, the preview comes back.
    await page.fill("#f-users", "50");
    await page.fill("#f-volumes-messaging", "500");
    await page.locator("#calc-total", { hasText: "4,701" }).waitFor();
    expect(await users.getAttribute("aria-invalid")).toBe("false");
    expect(await users.getAttribute("aria-describedby")).toBe("f-users-hint");
    expect(await page.locator("#f-users-msg").isHidden()).toBe(true);
    expect(await page.locator("#calc-download").getAttribute("aria-disabled")).toBe("false");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("Tab and Shift+Tab reach every control in order, each with a visible focus; the preset picker and the buttons work from the keyboard", async () => {
    const tp = await taskpane();
    const { page } = tp;
    // The order the form's data gives: the tab, every field (a radio group is one stop: its checked
    // radio), then the two buttons. The "Use the card's price" button shows only after a typed price.
    const form = initialForm();
    const stopOf = (p: FieldPath): string => (["licence", "rounding", "level"].includes(p) ? `${inputId(p)}-${fieldValue(form, p)}` : inputId(p));
    // Then the folded contract card editor (its fields show once it is opened).
    const expected = ["tab-calculator", ...FIELD_ORDER.map(stopOf), "calc-insert", "calc-download", "contract-toggle"];

    // Every visible, focusable control of the page: the walk below must meet each of them.
    const focusable = await inPage<string[]>(page, focusableIn("body"));
    expect([...focusable].sort()).toEqual([...expected].sort());

    const forward = await walk(page, "Tab", expected.length);
    expect(forward.map((s) => s.id)).toEqual(expected);
    expect(forward.filter((s) => !s.visible).map((s) => s.id)).toEqual([]);
    await tp.screenshot("outside-04-keyboard-focus-on-download");
    const backward = await walk(page, "Shift+Tab", expected.length - 1);
    expect(backward.map((s) => s.id)).toEqual([...expected].reverse().slice(1));
    expect(backward.filter((s) => !s.visible).map((s) => s.id)).toEqual([]);

    // The preset picker: arrow keys choose the next preset and the preview follows.
    await page.focus("#f-preset");
    await page.keyboard.press("ArrowDown");
    await page.locator("#calc-total", { hasText: "19,810" }).waitFor();
    expect(await page.inputValue("#f-preset")).toBe("mid-market");
    await page.keyboard.press("ArrowDown");
    await page.locator("#calc-total", { hasText: "93,527" }).waitFor();
    await page.keyboard.press("ArrowUp");
    await page.locator("#calc-total", { hasText: "19,810" }).waitFor();

    // A radio group: arrows move the choice.
    await page.focus("#f-licence-named");
    await page.keyboard.press("ArrowRight");
    expect(await page.isChecked("#f-licence-concurrent")).toBe(true);
    expect(await page.inputValue("#f-preset")).toBe("custom");

    // A typed price brings "Use the card's price" into the tab order right after the price; Space presses it.
    const cardPrice = await page.inputValue("#f-pricePerToken");
    await page.fill("#f-pricePerToken", "0.5");
    await page.focus("#f-pricePerToken");
    await page.keyboard.press("Tab");
    expect(await inPage<string>(page, "document.activeElement.textContent")).toBe("Use the card's price");
    await page.keyboard.press("Space");
    expect(await page.inputValue("#f-pricePerToken")).toBe(cardPrice);
    expect(await inPage<string>(page, "document.activeElement.id")).toBe("f-pricePerToken");

    // "Download .xlsx" from the keyboard.
    await page.focus("#calc-download");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("Mid-market center.xlsx");
    await page.locator("#calc-insert-status", { hasText: "Downloaded" }).waitFor();
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("Download .xlsx: ExcelJS loads only on the click, and the file holds the calculator with its formulas and cached values", async () => {
    const tp = await taskpane();
    const { page } = tp;
    await page.selectOption("#f-preset", "mid-market");
    await page.locator("#calc-total", { hasText: "19,810" }).waitFor();
    const requested = (step: string) => tp.requests.filter((r) => r.step === step).map((r) => new URL(r.url).pathname.slice(1));
    expect(tp.requests.map((r) => new URL(r.url).pathname.slice(1))).not.toContain(excelJsChunk);

    tp.step = "download";
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#calc-download")]);
    const fileName = "Mid-market center.xlsx";
    expect(download.suggestedFilename()).toBe(fileName);
    const saved = path.join(ARTIFACTS, "outside-mid-market.xlsx");
    await download.saveAs(saved);
    await page.locator("#calc-insert-status", { hasText: sheetDownloadedMessage(CALCULATOR_SHEET, fileName) }).waitFor();
    expect(requested("download")).toEqual(expect.arrayContaining(["sheet-output.js", "xlsx-writer.js", excelJsChunk]));
    expect(requested("download").filter((f) => !lazyChunks.includes(f))).toEqual([]);
    await tp.screenshot("outside-05-downloaded");

    const model = buildCalculatorSheet(findPreset("mid-market")!.profile);
    const sheet = await readSheet(saved);
    expect(sheet.name).toBe(CALCULATOR_SHEET_NAME);
    expectSameFormulas(sheet, model);
    const total = sheet.getCell(model.names.find((n) => n.name === "TotalTokens")!.ref);
    expect(total.formula).toMatch(/^SUM\(/);
    expect(total.result).toBe(19810);
    expect(sheet.getCell("C2").value).toBe("Mid-market center");

    // A scenario name that looks like a formula stays text, and the file name keeps to safe characters.
    tp.step = "hostile name";
    await page.fill("#f-name", HOSTILE_NAME);
    const [second] = await Promise.all([page.waitForEvent("download"), page.click("#calc-download")]);
    expect(second.suggestedFilename()).toBe("=HYPERLINK( http evil.example , x ).xlsx");
    const hostile = path.join(ARTIFACTS, "outside-hostile-name.xlsx");
    await second.saveAs(hostile);
    const cell = (await readSheet(hostile)).getCell("C2");
    expect(cell.value).toBe(HOSTILE_NAME);
    expect(cell.formula).toBeUndefined();
    // ExcelJS was fetched once.
    expect(requested("hostile name")).toEqual([]);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("the Content-Security-Policy is enforced: an inline script and a request to another origin are refused and reported", async () => {
    const tp = await taskpane();
    const { page } = tp;
    expect(tp.cspViolations).toEqual([]);
    // Chromium enforces Trusted Types (require-trusted-types-for 'script'): the script's text is refused
    // before script-src is asked; a browser without Trusted Types refuses it by script-src-elem.
    const refused = await inPage<string>(
      page,
      `(function () {
        var s = document.createElement("script");
        var refused = "";
        try { s.textContent = "window.__inlineRan = true"; } catch (e) { refused = e.name; }
        document.head.appendChild(s);
        return fetch("https://example.com/beacon").catch(function () { return null; }).then(function () { return refused; });
      })()`,
    );
    await page.waitForTimeout(200);
    expect(refused).toBe("TypeError");
    expect(await inPage(page, "window.__inlineRan === true")).toBe(false);
    expect(tp.cspViolations.map((v) => v.directive).sort()).toEqual(["connect-src", "require-trusted-types-for"]);
    // Refused by the policy before any request was made: nothing reached the network guard either.
    expect(tp.offsite).toEqual([]);
  });

  test("without office.js (blocked or offline) the taskpane still previews and downloads, and reports no uncaught error", async () => {
    // Before functions.js guarded its registration, this page threw "ReferenceError: CustomFunctions is not defined".
    const tp = await taskpane({ replace: { "/office-js/office.js": { status: 404, body: "" } } });
    const { page } = tp;
    expect(await text(page, "#host-status")).toBe(HOST_STATUS.outside);
    await page.selectOption("#f-preset", "enterprise");
    await page.locator("#calc-total", { hasText: "93,527" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#calc-download")]);
    expect(download.suggestedFilename()).toBe("Enterprise center.xlsx");
    await page.locator("#calc-insert-status", { hasText: "Downloaded" }).waitFor();
    await tp.screenshot("outside-06-no-office-js");
    expect(tp.problems()).toEqual({
      ...NO_PROBLEMS,
      // The browser's own line for the missing script, nothing else.
      consoleProblems: [expect.stringMatching(/^error: Failed to load resource: the server responded with a status of 404 .*\/office-js\/office\.js:\d+\)$/)],
    });
  });
});

/** The first sheet of an .xlsx file, read by ExcelJS in Node. */
async function readSheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0];
}

/** Every formula of the model is in the sheet, at its address, with the model's value cached beside it. */
function expectSameFormulas(sheet: ExcelJS.Worksheet, model: SheetModel): void {
  const strip = (f: string) => f.replace(/^=/, "").replace(/_xlfn\./g, "");
  const expected: Record<string, { formula: string; result: unknown }> = {};
  const actual: Record<string, { formula: string; result: unknown }> = {};
  for (const { row, col, cell } of cellsOf(model)) {
    if (cell.formula === undefined) continue;
    const address = `${columnLetters(col)}${row + 1}`;
    // ExcelJS reads a cached 0 or "" back as no result.
    const result = cell.result === 0 || cell.result === "" ? undefined : cell.result;
    expected[address] = { formula: strip(cell.formula), result };
    const got = sheet.getCell(address);
    const cached = got.result as unknown;
    actual[address] = { formula: strip(got.formula ?? ""), result: cached === 0 || cached === "" ? undefined : cached };
  }
  expect(Object.keys(expected).length).toBeGreaterThan(40);
  expect(actual).toEqual(expected);
}
