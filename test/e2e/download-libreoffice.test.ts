/**
 * "Download .xlsx" writes with ExcelJS bundled writer-only (webpack.config.js EXCELJS_WRITER_ONLY:
 * no reader, CSV or SAX parser): the calculator and the annual budget (with its chart, added through
 * JSZip) downloaded from the pane in Chromium are read back in Node and opened by LibreOffice headless,
 * which recalculates the calculator's formulas on its own and gets the pane's total.
 */
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { BUDGET_SHEET_NAME } from "../../src/sheets/budget";
import { CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { findSoffice, recalculateWithLibreOffice } from "../xlsx/libreoffice";
import { readBack } from "../xlsx/read-back";
import { describeWithChromium } from "./support/browser";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(240_000);

const soffice = findSoffice();
if (!soffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the downloads are read back but not opened in LibreOffice.");

describeWithChromium("downloads written by the writer-only ExcelJS", () => {
  const { outside } = chromiumSuite();
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "download-lo-"));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the calculator and the budget download, read back with their formulas and chart, and LibreOffice recalculates the pane's total", async () => {
    const tp = await outside();
    const { page } = tp;
    await page.selectOption("#f-preset", "mid-market");
    await page.locator("#calc-total", { hasText: "19,810" }).waitFor();
    const shown = Number((await page.locator("#calc-total").innerText()).replace(/[^\d.]/g, ""));
    const [calc] = await Promise.all([page.waitForEvent("download"), page.click("#calc-download")]);
    const calcFile = join(work, "calculator.xlsx");
    await calc.saveAs(calcFile);

    await page.click("#tab-budget");
    await page.locator("#b-download").waitFor();
    const [budget] = await Promise.all([page.waitForEvent("download"), page.click("#b-download")]);
    const budgetFile = join(work, "budget.xlsx");
    await budget.saveAs(budgetFile);
    expect(tp.problems()).toEqual({ consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] });
    await tp.close();

    // As downloaded: a native formula with the core's figure as its cached value, and the budget's chart.
    const calcBack = await readBack(readFileSync(calcFile));
    const total = calcBack.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens");
    expect(total.formula).toMatch(/^SUM\(/);
    expect(total.value).toBe(shown);
    const budgetBack = await readBack(readFileSync(budgetFile));
    expect(budgetBack.workbook.worksheets.map((w) => w.name)).toContain(BUDGET_SHEET_NAME);
    expect([...budgetBack.parts.keys()].some((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toBe(true);

    if (!soffice) {
      if (process.env.CI) throw new Error("LibreOffice (soffice) is required in CI.");
      return;
    }
    const [calcLo, budgetLo] = recalculateWithLibreOffice(soffice, [calcFile, budgetFile], join(work, "lo"), work);
    // Read by address: the name as the downloaded file defines it (LibreOffice may rewrite names).
    const ref = calcBack.names.find((n) => n.name === "TotalTokens")!.ref;
    const address = ref.slice(ref.lastIndexOf("!") + 1).replace(/\$/g, "");
    const recalculated = (await readBack(readFileSync(calcLo))).raw(CALCULATOR_SHEET_NAME, address);
    expect(recalculated.formula).toMatch(/^SUM\(/);
    expect(recalculated.value).toBe(shown);
    expect((await readBack(readFileSync(budgetLo))).workbook.worksheets.map((w) => w.name)).toContain(BUDGET_SHEET_NAME);
  });
});
