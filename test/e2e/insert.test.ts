/**
 * The taskpane's insert buttons in a real browser, inside a stand-in Excel (issue 6.2): the production
 * build in headless Chromium with support/fake-office.js in place of office.js. The stand-in answers
 * Office.onReady as Excel and gives Excel.run a RequestContext that records every call, write, load
 * and sync; the tests check what the real writer (src/excel/writer.ts, bundled in the insert chunk)
 * asked of it. Screenshots: test-artifacts/e2e/excel-*.png.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { findPreset } from "../../src/core/presets";
import { planSheet } from "../../src/excel/plan";
import { columnLetters } from "../../src/sheets/a1";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { cellsOf } from "../../src/sheets/model";
import { insertedMessage } from "../../src/taskpane/sheet-actions";
import { HOST_STATUS } from "../../src/taskpane/view-model";
import { describeWithChromium, inPage, until } from "./support/browser";
import { fakeLog, type FakeLog } from "./support/stand-in";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(60_000);

const NO_PROBLEMS = { consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] };
const HOSTILE_NAME = '=HYPERLINK("http://evil.example","x")';

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** The 2D formulas written to each single range of the new sheet, by address. */
function formulasByAddress(log: FakeLog, sheetPath: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of log.sets) {
    if (s.prop !== "formulas") continue;
    const m = /^(.*)\.getRange\("([^"]+)"\)$/.exec(s.path);
    expect(m?.[1]).toBe(sheetPath);
    out[m![2]] = s.value;
  }
  return out;
}

describeWithChromium("the taskpane in Chromium, inside a stand-in Excel", () => {
  /** inExcel: the taskpane with the stand-in in place of office.js (whose real request gets an empty script). */
  const suite = chromiumSuite();
  const { inExcel } = suite;
  let functionIds: string[];

  beforeAll(() => {
    functionIds = (JSON.parse(fs.readFileSync(path.join(suite.build.dir, "functions.json"), "utf8")) as { functions: { id: string }[] }).functions.map(
      (f) => f.id,
    );
  });

  async function insert(page: Page, how: "click" | "keyboard" = "click"): Promise<void> {
    if (how === "click") await page.click("#calc-insert");
    else {
      await page.focus("#calc-insert");
      await page.keyboard.press("Enter");
    }
    // Busy while inserting, then a message in the status or the alert.
    await until(
      page,
      `document.getElementById("calc-insert").getAttribute("aria-busy") === null && (document.getElementById("calc-insert-status").textContent + document.getElementById("calc-insert-alert").textContent) !== ""`,
    );
  }

  test("says it runs inside Excel: insert enabled, no download button, every custom function registered once", async () => {
    const tp = await inExcel();
    const { page } = tp;
    expect(await text(page, "#host-status")).toBe(HOST_STATUS.excel);
    expect(await page.locator("#calc-insert").getAttribute("aria-disabled")).toBe("false");
    expect(await page.locator("#calc-download").isHidden()).toBe(true);
    const log = await fakeLog(page);
    expect([...log.associated].sort()).toEqual([...functionIds].sort());
    expect(log.runs).toBe(0); // nothing touches the workbook before a click
    await tp.screenshot("excel-01-ready");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("a formula given a contract card as a range waits for the card reader's chunk, then answers at once", async () => {
    const tp = await inExcel();
    const { page } = tp;
    tp.step = "formula";
    // COPILOT(30, , , range): RATES() of the default card with Copilot at 45 a user. The first call
    // is a promise (the reader loads, through the page's Trusted Types policy); the second a number.
    const answers = await inPage<{ first: string; value: unknown; second: unknown }>(
      page,
      `(async function () {
        var F = window.__fakeOfficeHandlers.functions;
        var table = F.RATES(null, null).map(function (r) { return r.slice(); });
        table.forEach(function (r) { if (r[0] === "copilot") { r[3] = 45; r[5] = 45; r[6] = 45; r[7] = 45; } });
        var first = F.COPILOT(30, null, null, table, null, null);
        var kind = first instanceof Promise ? "promise" : typeof first;
        var value = await first;
        return { first: kind, value: value, second: F.COPILOT(30, null, null, table, null, null) };
      })()`,
    );
    expect(answers).toEqual({ first: "promise", value: 1350, second: 1350 });
    expect(tp.requests.filter((r) => r.step === "formula").map((r) => path.basename(new URL(r.url).pathname))).toEqual(["card-tables.js"]);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("Insert calculator: one new sheet, two syncs, the writer's plan written as is, the scenario name kept as text", async () => {
    const tp = await inExcel({ sheetNames: ["Sheet1"] });
    const { page } = tp;
    await page.selectOption("#f-preset", "mid-market");
    await page.locator("#calc-total", { hasText: "19,810" }).waitFor();
    await page.fill("#f-name", HOSTILE_NAME);
    tp.step = "insert";
    await insert(page);

    expect(await text(page, "#calc-insert-status")).toBe(insertedMessage(CALCULATOR_SHEET_NAME));
    expect(await text(page, "#calc-insert-alert")).toBe("");
    // The insert code came as its own chunk on the click.
    expect(tp.requests.filter((r) => r.step === "insert").map((r) => new URL(r.url).pathname)).toContain("/sheet-output.js");
    await tp.screenshot("excel-02-inserted");

    const log = await fakeLog(page);
    expect(log.runs).toBe(1);
    expect(log.syncs).toBeLessThanOrEqual(2);
    expect(log.requirements).toContainEqual(["ExcelApi", "1.9"]);
    // Sync 1 reads the sheet names and the protection; sync 2 sends everything else.
    expect(log.loads.map((l) => [l.path, l.what, l.batch])).toEqual([
      ["workbook.worksheets", "items/name", 1],
      ["workbook.protection", "protected", 1],
    ]);
    const adds = log.calls.filter((c) => c.path === "workbook.worksheets" && c.method === "add");
    expect(adds).toEqual([{ path: "workbook.worksheets", method: "add", args: [CALCULATOR_SHEET_NAME], batch: 2 }]);
    const sheet = `workbook.worksheets.add("${CALCULATOR_SHEET_NAME}")`;
    // Nothing but the new sheet is written to: every range comes from it.
    const ranges = log.calls.filter((c) => c.method === "getRange" || c.method === "getRanges");
    expect(ranges.length).toBeGreaterThan(10);
    expect(ranges.filter((c) => c.path !== sheet)).toEqual([]);
    expect(log.calls.filter((c) => c.method === "delete")).toEqual([]);
    expect([...log.sets.map((s) => s.batch), ...log.calls.map((c) => c.batch)].every((b) => b === 2)).toBe(true);

    // Exactly the plan the writer makes of this profile's sheet: one 2D array per block.
    const profile = { ...findPreset("mid-market")!.profile, name: HOSTILE_NAME };
    const model = buildCalculatorSheet(profile);
    const plan = planSheet(model);
    const written = formulasByAddress(log, sheet);
    expect(written).toEqual(Object.fromEntries(plan.blocks.map((b) => [b.address, b.formulas])));
    // ...which holds the TOTAL formula, and the scenario name as text (apostrophe prefix), not a formula.
    const totalRef = model.names.find((n) => n.name === "TotalTokens")!.ref;
    const totalFormula = [...cellsOf(model)].find((c) => `${columnLetters(c.col)}${c.row + 1}` === totalRef)!.cell.formula!;
    expect(totalFormula).toMatch(/^=SUM\(/);
    const flat = Object.values(written).flatMap((rows) => (rows as unknown[][]).flat());
    expect(flat).toContain(totalFormula);
    expect(flat).toContain(`'${HOSTILE_NAME}`);
    expect(flat).not.toContain(HOSTILE_NAME);
    // The sheet-scoped name TotalTokens points at the total.
    const nameAdd = log.calls.find((c) => c.path === `${sheet}.names` && c.method === "add" && c.args[0] === "TotalTokens");
    expect(nameAdd?.args[1]).toEqual({ proxy: `${sheet}.getRange("${totalRef}")` });
    expect(log.calls.filter((c) => c.path === sheet && c.method === "activate")).toHaveLength(1);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test('a workbook that already has "Token Calculator" gets "Token Calculator (2)", inserted from the keyboard', async () => {
    const tp = await inExcel({ sheetNames: ["Sheet1", "Token Calculator"] });
    const { page } = tp;
    await insert(page, "keyboard");
    expect(await text(page, "#calc-insert-status")).toBe(insertedMessage("Token Calculator (2)"));
    const log = await fakeLog(page);
    expect(log.calls.filter((c) => c.method === "add" && c.path === "workbook.worksheets").map((c) => c.args)).toEqual([["Token Calculator (2)"]]);
    expect(log.syncs).toBe(2);
    await tp.screenshot("excel-03-inserted-second-copy");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("invalid input blocks insert: nothing reaches Excel, and the button says why", async () => {
    const tp = await inExcel();
    const { page } = tp;
    await page.fill("#f-users", "-5");
    expect(await page.locator("#calc-insert").getAttribute("aria-disabled")).toBe("true");
    expect(await text(page, "#calc-insert-reason")).toBe("Fix the field marked above to insert the calculator.");
    // force: Playwright itself would not click an aria-disabled button; a person can.
    await page.click("#calc-insert", { force: true });
    await page.focus("#calc-insert");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    expect((await fakeLog(page)).runs).toBe(0);
    expect(await text(page, "#calc-insert-status")).toBe("");
    expect(tp.requests.map((r) => new URL(r.url).pathname)).not.toContain("/sheet-output.js");
    await tp.screenshot("excel-04-insert-blocked");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("a protected workbook: the alert says so, and nothing is added", async () => {
    const tp = await inExcel({ protected: true });
    const { page } = tp;
    await insert(page);
    expect(await text(page, "#calc-insert-alert")).toBe("The workbook is protected: unprotect it to insert a sheet.");
    expect(await text(page, "#calc-insert-status")).toBe("");
    const log = await fakeLog(page);
    expect(log.syncs).toBe(1);
    expect(log.calls.filter((c) => c.method === "add")).toEqual([]);
    // The button is ready for another try.
    expect(await page.locator("#calc-insert").getAttribute("aria-disabled")).toBe("false");
    await tp.screenshot("excel-05-protected");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("Excel refusing the write (read-only): the alert says so, and the half-written sheet is deleted again", async () => {
    const tp = await inExcel({ failSync: { "2": { code: "AccessDenied", message: "You cannot perform the requested operation." } } });
    const { page } = tp;
    await insert(page);
    expect(await text(page, "#calc-insert-alert")).toBe(
      "Excel did not allow the change: the workbook may be read-only or protected. Open it for editing, then insert again.",
    );
    const log = await fakeLog(page);
    expect(log.calls.filter((c) => c.method === "getItemOrNullObject").map((c) => c.args)).toEqual([[CALCULATOR_SHEET_NAME]]);
    expect(log.calls.filter((c) => c.method === "delete").map((c) => c.path)).toEqual([`workbook.worksheets.getItemOrNullObject("${CALCULATOR_SHEET_NAME}")`]);
    await tp.screenshot("excel-06-read-only");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });
});
