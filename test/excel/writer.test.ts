/**
 * The Excel writer against office-addin-mock: what lands in which range, how many syncs, the free
 * sheet name, user text kept as text, and a clean workbook after a failure.
 */
import { InsertError, insertSheet, writeSheet } from "../../src/excel/writer";
import { findPreset } from "../../src/core/presets";
import { SheetBuilder } from "../../src/sheets/builder";
import { buildCalculatorSheet } from "../../src/sheets/calculator";
import { bigModel, smallModel } from "./models";
import { mockWorkbook, type MockWorkbook } from "./mock-workbook";

const only = (wb: MockWorkbook, address: string) => {
  const found = wb.rangesAt(address);
  expect(found).toHaveLength(1);
  return found[0];
};

/** Every address that got `style`, as written (a RangeAreas address lists several ranges). */
const styled = (wb: MockWorkbook, style: string) => wb.ranges.filter((r) => r.mock.style === style).map((r) => r.address);

describe("writeSheet: a calculator-sized model", () => {
  let wb: MockWorkbook;
  let result: Awaited<ReturnType<typeof writeSheet>>;

  beforeAll(async () => {
    wb = mockWorkbook();
    result = await writeSheet(wb.context, smallModel());
  });

  it("syncs twice: once to read the sheet names, once to write everything", () => {
    expect(result.syncs).toBe(2);
    expect(wb.syncs()).toBe(2);
    expect(wb.log.filter((l) => l === "sync")).toHaveLength(2);
    expect(wb.loads).toEqual(["items/name"]);
    // Reading before the first sync, then one batch: suspend, add, write, activate.
    expect(wb.log.indexOf("sync")).toBeLessThan(wb.log.indexOf("suspendApiCalculationUntilNextSync"));
    expect(wb.log.indexOf("suspendScreenUpdatingUntilNextSync")).toBeLessThan(wb.log.indexOf("add(Token Calculator (2))"));
    expect(wb.log.lastIndexOf("sync")).toBe(wb.log.length - 1);
  });

  it('never overwrites: "Token Calculator" is taken, so the sheet is "Token Calculator (2)"', () => {
    expect(result.sheetName).toBe("Token Calculator (2)");
    expect(wb.context.workbook.worksheets.add).toHaveBeenCalledTimes(1);
    expect(wb.context.workbook.worksheets.add).toHaveBeenCalledWith("Token Calculator (2)");
  });

  it("writes the block's formulas and constants in one 2D array", () => {
    expect(only(wb, "A1:D8").formulas).toEqual([
      ["Token Calculator", null, null, null],
      ["Rate card: study notes", null, null, null],
      ["Scenario", '\'=HYPERLINK("http://evil.example","x")', null, null],
      ["Copilot users", 200, null, null],
      ["Tokens per user", 55, null, null],
      ["Total tokens", "=B4*B5", null, null],
      ["'+44 20 7946 0000", "'-5 users", "'@home", true],
      ["Currency", "USD", null, null],
    ]);
  });

  it("writes text that looks like a formula as text, with Excel's apostrophe prefix, and real formulas as formulas", () => {
    const [, , scenario, , , total, row7] = only(wb, "A1:D8").formulas;
    expect(scenario[1]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(row7.slice(0, 3)).toEqual(["'+44 20 7946 0000", "'-5 users", "'@home"]);
    expect(total[1]).toBe("=B4*B5");
  });

  it("writes number formats in one 2D array, null where the model gives none", () => {
    const nf = only(wb, "A1:D8").numberFormat;
    expect(nf).toHaveLength(8);
    expect(nf.map((row: unknown[]) => row[1])).toEqual([null, null, null, "#,##0", "#,##0", "#,##0", null, null]);
    expect(nf.flat().filter((x: unknown) => x !== null)).toHaveLength(3);
  });

  it("applies Excel's built-in styles, grouping equal cells into one range or RangeAreas", () => {
    expect(styled(wb, "SheetTitle")).toEqual(["A1"]);
    expect(styled(wb, "ExplanatoryText")).toEqual(["A2"]);
    expect(styled(wb, "Input")).toEqual(["B3:B5,B8"]);
    expect(styled(wb, "Output")).toEqual(["B6"]);
    expect(wb.ranges.find((r) => r.address === "B3:B5,B8")?.areas).toBe(true);
  });

  it("sets bold, alignment and wrapping on the cells that ask for it", () => {
    expect(only(wb, "A6").format.font.bold).toBe(true);
    expect(only(wb, "D7").format.horizontalAlignment).toBe("Center");
    expect(only(wb, "A8").format.wrapText).toBe(true);
  });

  it("makes the figures, and only them, shrink to fit their column rather than show ###", () => {
    const shrunk = wb.ranges.filter((r) => r.mock.format.shrinkToFit === true).map((r) => r.address);
    expect(shrunk).toEqual(["B4:B6"]);
  });

  it("converts column widths from characters to points, one write per run of equal widths", () => {
    expect(only(wb, "A:A").format.columnWidth).toBe(161.25);
    expect(only(wb, "B:C").format.columnWidth).toBe(77.25);
    expect(only(wb, "D:D").format.columnWidth).toBe(56.25);
  });

  it("merges, and adds the sheet-scoped names on their ranges", () => {
    expect(only(wb, "A1:D1").merge).toHaveBeenCalledWith(false);
    const add = wb.newSheet.names.add as jest.Mock;
    expect(add).toHaveBeenCalledTimes(1);
    const [name, ref, comment] = add.mock.calls[0];
    expect([name, wb.addressOf(ref), comment]).toEqual(["TotalTokens", "B6", "Total monthly tokens"]);
  });

  it("sets data validation rules, prompts and error alerts", () => {
    const whole = wb.rangesAt("B4:B5").find((r) => r.dataValidation.rule !== undefined).dataValidation;
    expect(whole.rule).toEqual({ wholeNumber: { operator: "GreaterThanOrEqualTo", formula1: 0 } });
    expect(whole.prompt).toEqual({ showPrompt: true, title: "", message: "A whole number of at least 0" });
    expect(whole.errorAlert).toMatchObject({ showAlert: true, style: "Stop", message: "Enter a whole number of at least 0." });
    const list = wb.rangesAt("B8").find((r) => r.dataValidation.rule !== undefined).dataValidation;
    expect(list.rule).toEqual({ list: { inCellDropDown: true, source: "USD,EUR,GBP" } });
  });

  it("adds the conditional format as a custom formula rule in the Bad style's colours", () => {
    const range = wb.rangesAt("B6").find((r) => (r.conditionalFormats.add as jest.Mock).mock.calls.length > 0);
    const add = range.conditionalFormats.add as jest.Mock;
    expect(add).toHaveBeenCalledWith("Custom");
    const custom = add.mock.results[0].value.custom;
    expect(custom.rule.formula).toBe("=B6>10000");
    expect(custom.format.fill.color).toBe("#FFC7CE");
    expect(custom.format.font.color).toBe("#9C0006");
  });

  it("adds the chart from the series' ranges, with its title, categories and position", () => {
    const add = wb.newSheet.charts.add as jest.Mock;
    expect(add).toHaveBeenCalledTimes(1);
    const [type, source, seriesBy] = add.mock.calls[0];
    expect([type, wb.addressOf(source), seriesBy]).toEqual(["ColumnClustered", "B4:B5", "Columns"]);
    const chart = add.mock.results[0].value;
    expect(chart.title.text).toBe("Tokens by line");
    expect(chart.setPosition).toHaveBeenCalledWith("F2", "L14");
    const first = (chart.series.getItemAt as jest.Mock).mock.results[0].value;
    expect(first.name).toBe("Inputs");
    expect(wb.addressOf(first.setXAxisValues.mock.calls[0][0])).toBe("A4:A5");
  });

  it("sets the page layout: landscape, fit to 1 x 2 pages, print area (cells and chart) and titles, header and footer", () => {
    const layout = wb.newSheet.pageLayout;
    expect(layout.orientation).toBe("Landscape");
    expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 2 });
    expect(layout.setPrintArea).toHaveBeenCalledWith("A1:L14");
    expect(layout.setPrintTitleRows).toHaveBeenCalledWith("1:2");
    expect(layout.setPrintTitleColumns).toHaveBeenCalledWith("A:A");
    expect(layout.headersFooters.defaultForAllPages).toMatchObject({
      leftHeader: "Token calculator: Q&&A desk",
      centerHeader: "Study notes card, 2026-03",
      rightHeader: "Printed &D",
      leftFooter: "&A",
      centerFooter: "",
      rightFooter: "Page &P of &N",
    });
  });

  it("freezes the title rows, colours the tab, activates the sheet and adds the note", () => {
    expect(wb.newSheet.freezePanes.freezeRows).toHaveBeenCalledWith(2);
    expect(wb.newSheet.tabColor).toBe("#1F6FB2");
    expect(wb.newSheet.activate).toHaveBeenCalledTimes(1);
    const [[cell, text]] = (wb.newSheet.notes.add as jest.Mock).mock.calls;
    expect([wb.addressOf(cell), text]).toEqual(["B3", "Your scenario name"]);
    expect(result.skipped).toEqual([]);
  });

  it("suspends calculation and screen updating for the write", () => {
    expect(wb.context.application.suspendApiCalculationUntilNextSync).toHaveBeenCalledTimes(1);
    expect(wb.context.application.suspendScreenUpdatingUntilNextSync).toHaveBeenCalledTimes(1);
  });

  it("touches none of the existing sheets", () => {
    for (const s of wb.existing) {
      expect(s.delete).not.toHaveBeenCalled();
      expect(s.activate).not.toHaveBeenCalled();
      expect(s.getRange).not.toHaveBeenCalled();
    }
    expect(wb.newSheet.delete).not.toHaveBeenCalled();
  });
});

describe("writeSheet: a 500 x 14 model", () => {
  let wb: MockWorkbook;
  let result: Awaited<ReturnType<typeof writeSheet>>;

  beforeAll(async () => {
    wb = mockWorkbook();
    result = await writeSheet(wb.context, bigModel(500, 14));
  });

  it("still syncs only twice", () => {
    expect(result.syncs).toBe(2);
    expect(wb.syncs()).toBe(2);
  });

  it("writes the 7,000 cells with one formulas array and one number-format array", () => {
    const block = only(wb, "A1:N500");
    expect(block.formulas).toHaveLength(500);
    expect(block.formulas.every((row: unknown[]) => row.length === 14)).toBe(true);
    expect(block.formulas[0]).toEqual(["'Line 1", 1, 2, 3, "=B1*4", "=B1*5", "=B1*6", "=B1*7", "=B1*8", "=B1*9", "=B1*10", "=B1*11", "=B1*12", "=SUM(B1:D1)"]);
    expect(block.formulas[499][13]).toBe("=SUM(B500:D500)");
    expect(block.numberFormat[0]).toEqual([
      null,
      "#,##0",
      "#,##0",
      "#,##0",
      "#,##0",
      "0.0%",
      "#,##0",
      "0.0%",
      "#,##0",
      "0.0%",
      "#,##0",
      "0.0%",
      "#,##0",
      "#,##0",
    ]);
  });

  it("groups styles into a handful of ranges instead of one per cell", () => {
    expect(styled(wb, "Input")).toEqual(["B1:D500"]);
    expect(styled(wb, "Total")).toEqual(["N1:N500"]);
    expect(styled(wb, "Calculation")).toEqual(["E1:M500"]);
    expect(only(wb, "N1:N500").format.font.bold).toBe(true);
    // One proxy per address: block, 3 styles, frozen corner, the figures shrinking to fit (B:N); the name, bold and conditional format
    // share N1:N500, and the validation B1:D500. Widths are whole columns, one write per run of equal
    // widths (the figure columns widen to their widest figure, so the runs follow the formats).
    const addresses = wb.ranges.map((r) => r.address);
    expect(addresses.filter((a) => /\d/.test(a)).sort()).toEqual(["A1", "A1:N500", "B1:D500", "B1:N500", "E1:M500", "N1:N500"]);
    const columns = addresses.filter((a) => !/\d/.test(a));
    expect(columns[0]).toBe("A:A");
    expect(columns.length).toBeLessThanOrEqual(14);
  });

  it("freezes the header row and label column", () => {
    expect(wb.addressOf(wb.newSheet.freezePanes.freezeAt.mock.calls[0][0])).toBe("A1");
  });
});

describe("writeSheet: the real calculator sheet (mid-market preset)", () => {
  it("writes it in two syncs, with its key names on the new sheet", async () => {
    const model = buildCalculatorSheet(findPreset("mid-market")!.profile);
    const wb = mockWorkbook();
    const result = await writeSheet(wb.context, model);
    expect(result).toEqual({ sheetName: "Token Calculator (2)", syncs: 2, skipped: [] });
    const names = (wb.newSheet.names.add as jest.Mock).mock.calls.map((c) => c[0]);
    expect(names).toEqual(expect.arrayContaining(["TotalTokens", "Allocation", "Overage", "AnnualCost", "Utilization"]));
    // Every formula of the model reaches Excel unchanged; no custom function is in the sheet.
    const written = wb.ranges.filter((r) => r.mock.formulas !== undefined).flatMap((r) => r.mock.formulas.flat());
    const formulas = model.blocks.flatMap((b) => b.rows.flat()).flatMap((c) => (c?.formula ? [c.formula] : []));
    expect(formulas.length).toBeGreaterThan(10);
    expect(written).toEqual(expect.arrayContaining(formulas));
    expect(written.filter((x: unknown) => typeof x === "string" && /TOKENS\./i.test(x))).toEqual([]);
  });
});

describe("writeSheet: sheet names", () => {
  it("takes the model's name when it is free", async () => {
    const wb = mockWorkbook({ sheets: ["Sheet1"] });
    expect((await writeSheet(wb.context, smallModel())).sheetName).toBe("Token Calculator");
  });

  it("counts past taken variants, comparing names without case", async () => {
    const wb = mockWorkbook({ sheets: ["token calculator", "TOKEN CALCULATOR (2)", "Sheet1"] });
    expect((await writeSheet(wb.context, smallModel())).sheetName).toBe("Token Calculator (3)");
  });

  it("keeps a long name within 31 characters, shortening it to fit the suffix", async () => {
    const long = "Contact Center Token Budget for FY2026 Planning";
    const wb = mockWorkbook({ sheets: [long.slice(0, 31)] });
    const { sheetName } = await writeSheet(wb.context, smallModel(long));
    expect(sheetName).toBe("Contact Center Token Budget (2)");
    expect(sheetName.length).toBeLessThanOrEqual(31);
  });

  it("replaces characters Excel forbids in sheet names", async () => {
    const wb = mockWorkbook();
    const { sheetName } = await writeSheet(wb.context, smallModel("Q1/Q2: [draft]*?"));
    expect(sheetName).not.toMatch(/[[\]:*?/\\]/);
    expect(wb.context.workbook.worksheets.add).toHaveBeenCalledWith(sheetName);
  });
});

describe("writeSheet: failures", () => {
  const protectedError = Object.assign(new Error("The workbook is protected."), {
    code: "InvalidOperation",
    debugInfo: { errorLocation: "WorksheetCollection.add" },
  });

  it("deletes the half-written sheet and says the workbook is protected", async () => {
    const wb = mockWorkbook({ failSync: { 2: protectedError } });
    const error = await writeSheet(wb.context, smallModel()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsertError);
    expect((error as InsertError).message).toBe("The workbook is protected: unprotect it to insert a sheet.");
    expect((error as InsertError).kind).toBe("protected");
    expect((error as InsertError).cause).toBe(protectedError);
    expect((error as InsertError).leftBehind).toBeUndefined();
    expect(wb.context.workbook.worksheets.getItemOrNullObject).toHaveBeenCalledWith("Token Calculator (2)");
    expect(wb.newSheet.delete).toHaveBeenCalledTimes(1);
    // Two syncs to write, then, on the failure path only, one to find the sheet and one to delete it.
    expect(wb.syncs()).toBe(4);
    for (const s of wb.existing) expect(s.delete).not.toHaveBeenCalled();
  });

  it("deletes nothing when Excel never created the sheet", async () => {
    const wb = mockWorkbook({ failSync: { 2: protectedError }, addTakesEffect: false });
    const error = (await writeSheet(wb.context, smallModel()).catch((e: unknown) => e)) as InsertError;
    expect(error.kind).toBe("protected");
    expect(wb.newSheet.delete).not.toHaveBeenCalled();
    expect(wb.syncs()).toBe(3);
  });

  it("names the sheet it could not remove", async () => {
    const wb = mockWorkbook({ failSync: { 2: protectedError, 3: new Error("connection lost") } });
    const error = (await writeSheet(wb.context, smallModel()).catch((e: unknown) => e)) as InsertError;
    expect(error.leftBehind).toBe("Token Calculator (2)");
    expect(error.message).toBe(
      'The workbook is protected: unprotect it to insert a sheet. A partly written sheet "Token Calculator (2)" could not be removed: delete it by hand.',
    );
  });

  it("checks protection before adding anything", async () => {
    const wb = mockWorkbook({ protected: true });
    const error = (await writeSheet(wb.context, smallModel()).catch((e: unknown) => e)) as InsertError;
    expect(error.kind).toBe("protected");
    expect(wb.context.workbook.worksheets.add).not.toHaveBeenCalled();
    expect(wb.syncs()).toBe(1);
  });

  it("reports an invalid argument with where Excel found it, and cleans up", async () => {
    const invalid = Object.assign(new Error("The argument is invalid or missing or has an incorrect format."), {
      code: "InvalidArgument",
      debugInfo: { errorLocation: "Range.numberFormat" },
    });
    const wb = mockWorkbook({ failSync: { 2: invalid } });
    const error = (await writeSheet(wb.context, smallModel()).catch((e: unknown) => e)) as InsertError;
    expect(error.kind).toBe("invalid-argument");
    expect(error.officeCode).toBe("InvalidArgument");
    expect(error.message).toBe("Excel rejected part of the sheet (Range.numberFormat): The argument is invalid or missing or has an incorrect format.");
    expect(wb.newSheet.delete).toHaveBeenCalledTimes(1);
  });

  it("passes any other error on with its own message, and cleans up", async () => {
    const wb = mockWorkbook({ failSync: { 2: new Error("Something odd") } });
    const error = (await writeSheet(wb.context, smallModel()).catch((e: unknown) => e)) as InsertError;
    expect(error.kind).toBe("unknown");
    expect(error.message).toBe("The sheet could not be inserted: Something odd");
    expect(wb.newSheet.delete).toHaveBeenCalledTimes(1);
  });

  it("does not delete a sheet it did not add when the name was taken in the meantime", async () => {
    const taken = Object.assign(new Error("exists"), { code: "ItemAlreadyExists" });
    const wb = mockWorkbook({ failSync: { 2: taken } });
    const error = (await writeSheet(wb.context, smallModel()).catch((e: unknown) => e)) as InsertError;
    expect(error.kind).toBe("name-taken");
    expect(wb.context.workbook.worksheets.getItemOrNullObject).not.toHaveBeenCalled();
    expect(wb.newSheet.delete).not.toHaveBeenCalled();
  });

  it("still cleans up when another write of the batch reports ItemAlreadyExists", async () => {
    const clash = Object.assign(new Error("exists"), { code: "ItemAlreadyExists", debugInfo: { errorLocation: "NamedItemCollection.add" } });
    const wb = mockWorkbook({ failSync: { 2: clash } });
    await writeSheet(wb.context, smallModel()).catch(() => undefined);
    expect(wb.newSheet.delete).toHaveBeenCalledTimes(1);
  });

  it("maps a failure of the first sync without cleanup", async () => {
    const wb = mockWorkbook({ failSync: { 1: Object.assign(new Error("busy"), { code: "InvalidOperationInCellEditMode" }) } });
    const error = (await writeSheet(wb.context, smallModel()).catch((e: unknown) => e)) as InsertError;
    expect(error.message).toBe("Excel is editing a cell: press Enter or Esc, then insert again.");
    expect(wb.context.workbook.worksheets.add).not.toHaveBeenCalled();
  });

  it("refuses a broken model before touching the workbook", async () => {
    const b = new SheetBuilder("Broken");
    b.at("A1", { formula: "SUM(B1:B2)" });
    const wb = mockWorkbook();
    const error = (await writeSheet(wb.context, b.build()).catch((e: unknown) => e)) as InsertError;
    expect(error.kind).toBe("invalid-model");
    expect(error.message).toMatch(/Broken!A1: a formula must start with "="/);
    expect(wb.syncs()).toBe(0);
  });

  it("refuses to run on an Excel older than ExcelApi 1.9", async () => {
    const wb = mockWorkbook();
    const isSetSupported = (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= 8;
    const error = (await writeSheet(wb.context, smallModel(), { isSetSupported }).catch((e: unknown) => e)) as InsertError;
    expect(error.kind).toBe("unsupported");
    expect(wb.syncs()).toBe(0);
  });
});

describe("writeSheet: options", () => {
  it("skips cell notes, and says so, where ExcelApi 1.18 is missing", async () => {
    const wb = mockWorkbook();
    const isSetSupported = (_: string, version: string) => version !== "1.18";
    const result = await writeSheet(wb.context, smallModel(), { isSetSupported });
    expect(wb.newSheet.notes.add).not.toHaveBeenCalled();
    expect(result.skipped).toEqual(["1 cell notes (they need ExcelApi 1.18)"]);
    expect(result.syncs).toBe(2);
  });

  it("leaves the active sheet alone when asked", async () => {
    const wb = mockWorkbook();
    await writeSheet(wb.context, smallModel(), { activate: false });
    expect(wb.newSheet.activate).not.toHaveBeenCalled();
  });
});

describe("insertSheet: through Excel.run", () => {
  const global = globalThis as { Excel?: unknown };
  afterEach(() => {
    delete global.Excel;
  });

  it("runs one Excel.run, inserts and activates the sheet in two syncs", async () => {
    const wb = mockWorkbook();
    global.Excel = wb.excel;
    const result = await insertSheet(smallModel(), { activate: true });
    expect(result).toEqual({ sheetName: "Token Calculator (2)", syncs: 2, skipped: [] });
    expect(wb.newSheet.activate).toHaveBeenCalledTimes(1);
    expect(only(wb, "A1:D8").formulas[2][1]).toBe('\'=HYPERLINK("http://evil.example","x")');
  });

  it("turns a failure into an InsertError for the taskpane", async () => {
    const wb = mockWorkbook({ failSync: { 2: Object.assign(new Error("denied"), { code: "InvalidOperation" }) } });
    global.Excel = wb.excel;
    const error = await insertSheet(smallModel()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsertError);
    expect(error).toMatchObject({ kind: "protected", message: "The workbook is protected: unprotect it to insert a sheet." });
    expect(wb.newSheet.delete).toHaveBeenCalledTimes(1);
  });

  it("says so outside Excel", async () => {
    await expect(insertSheet(smallModel())).rejects.toMatchObject({ kind: "not-in-excel", message: "Open the add-in inside Excel to insert a sheet." });
  });
});
