/**
 * The .xlsx writer, read back with ExcelJS and from the zip itself: each preset's formulas and the
 * core's figures as cached values, sheet-scoped names, text that looks like a formula kept as text,
 * and every part of the sheet model that survives in a file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CALCULATOR_PRESETS, estimate, getCard, InputError, type Profile } from "../../src/core";
import { SheetBuilder } from "../../src/sheets/builder";
import { buildCalculatorSheet } from "../../src/sheets/calculator";
import { figureWidth } from "../../src/sheets/fit";
import { cellsOf, type SheetModel } from "../../src/sheets/model";
import { prefixFutureFunctions } from "../../src/xlsx/future-functions";
import { XLSX_STYLES } from "../../src/xlsx/styles";
import { writeWorkbook } from "../../src/xlsx/write-workbook";
import { WORKED_EXAMPLES } from "../fixtures/worked-examples";
import { allValues, findAll, findOne, parseXml } from "../build/xml-tree";
import { formulaOf, readBack } from "./read-back";

const SHEET = "Token Calculator";
const KEY_NAMES = ["TotalTokens", "Allocation", "Overage", "AnnualCost", "Utilization"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xlsx-writer-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const preset = (id: string): Profile => CALCULATOR_PRESETS.find((p) => p.id === id)!.profile;

/** Writes the models to a file and reads the file back, as a user's spreadsheet program would. */
async function roundTrip(models: SheetModel[], file: string, options?: Parameters<typeof writeWorkbook>[1]) {
  const path = join(dir, file);
  writeFileSync(path, await writeWorkbook(models, options));
  return readBack(readFileSync(path));
}

describe.each(WORKED_EXAMPLES.map((w) => [w.preset, w] as const))("preset %s written to .xlsx and read back", (id, example) => {
  const profile = preset(id);
  const model = buildCalculatorSheet(profile);
  let back: Awaited<ReturnType<typeof roundTrip>>;
  beforeAll(async () => {
    back = await roundTrip([model], `${id}.xlsx`);
  });

  test(`the names hold the notes' figures as cached values: total ${example.total}`, () => {
    const card = getCard(profile.card);
    if (card instanceof InputError) throw new Error(card.message);
    const core = estimate(profile, card);
    if (core instanceof InputError) throw new Error(core.message);
    const cached = (name: string) => back.rawNamed(SHEET, name).value;
    expect(cached("TotalTokens")).toBe(example.total);
    expect(cached("Allocation")).toBe(example.allocation);
    expect(cached("Overage")).toBe(example.overage);
    expect(cached("AnnualCost")).toBe(core.annualCost);
    expect(cached("Utilization")).toBeCloseTo(core.utilisation!, 12);
    expect(cached("Health")).toBe(core.health);
  });

  test("every formula is native, without '=', and caches the model's result", () => {
    const ws = back.sheet(SHEET);
    let formulas = 0;
    for (const { row, col, cell } of cellsOf(model)) {
      const got = ws.getRow(row + 1).getCell(col + 1);
      const stored = back.raw(SHEET, got.address);
      if (cell.formula !== undefined) {
        formulas++;
        expect(formulaOf(got)).toBe(prefixFutureFunctions(cell.formula.slice(1)));
        expect(stored.formula).toBe(prefixFutureFunctions(cell.formula.slice(1)));
        if (cell.result !== undefined && cell.result !== null) expect(stored.value).toEqual(cell.result);
      } else if (cell.value !== undefined && cell.value !== null) {
        expect(got.value).toEqual(cell.value);
        expect(stored.value).toEqual(cell.value);
      }
    }
    expect(formulas).toBeGreaterThan(30);
    expect(back.parts.get("xl/worksheets/sheet1.xml")).not.toMatch(/<f>=/);
  });

  test("every name of the model is scoped to its sheet, none is workbook-wide", () => {
    for (const n of model.names) {
      const found = back.names.filter((x) => x.name === n.name);
      expect(found).toHaveLength(1);
      expect(found[0].localSheetId).toBe(0);
      expect(found[0].ref.startsWith(`'${SHEET}'!$`)).toBe(true);
    }
    for (const name of KEY_NAMES) expect(back.names.some((x) => x.name === name && x.localSheetId === 0)).toBe(true);
  });

  test("input cells carry Excel's Input look; the health cell is highlighted by expression rules", () => {
    const ws = back.sheet(SHEET);
    const inputs = [...cellsOf(model)].filter((c) => c.cell.style === "input");
    expect(inputs.length).toBeGreaterThan(5);
    for (const { row, col } of inputs) {
      const s = ws.getRow(row + 1).getCell(col + 1).style;
      expect((s.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe("FFFFCC99");
      expect(s.font?.color?.argb).toBe("FF3F3F76");
      expect(s.border?.top?.color?.argb).toBe("FF7F7F7F");
      expect(s.protection?.locked).toBe(false);
    }
    const xml = back.parts.get("xl/worksheets/sheet1.xml")!;
    expect((xml.match(/<cfRule type="expression"/g) ?? []).length).toBe(model.conditionalFormats.length);
    expect((xml.match(/<dataValidation /g) ?? []).length).toBeGreaterThanOrEqual(model.validations.length - 1);
  });
});

test.each(['=HYPERLINK("http://example.com","click")', "+1+1", "-2+3", "@SUM(A1:A3)", "=1/0", "'quoted"])(
  "the scenario name %s stays text: a shared string, never a formula",
  async (name) => {
    const model = buildCalculatorSheet({ ...preset("small"), name });
    const back = await roundTrip([model], "hostile.xlsx");
    const at = [...cellsOf(model)].find((c) => c.cell.value === name)!;
    const cell = back
      .sheet(SHEET)
      .getRow(at.row + 1)
      .getCell(at.col + 1);
    expect(cell.value).toBe(name);
    expect(formulaOf(cell)).toBeUndefined();
    const xml = back.parts.get("xl/worksheets/sheet1.xml")!;
    const cellXml = new RegExp(`<c r="${cell.address}"[^>]*?(/>|>.*?</c>)`).exec(xml)![0];
    expect(cellXml).toContain('t="s"');
    expect(cellXml).not.toContain("<f>");
    expect(back.raw(SHEET, cell.address)).toEqual({ value: name, type: "s" });
  },
);

/** A small model using every feature of the sheet model. */
function everything(name = "Everything"): SheetModel {
  const b = new SheetBuilder(name);
  b.at("A1", { value: "Title", style: "title" });
  b.merge("A1:D1");
  b.at("A2", { value: "Subtitle", style: "subtitle" });
  b.at("A3", { value: "Heading", style: "heading" });
  b.at("A4", { value: "Label", style: "label", bold: true, align: "right", wrap: true, note: "A note on hover." });
  b.at("B4", { value: 1234.5, style: "input", format: "#,##0.00" });
  b.at("B5", { formula: "=B4*2", result: 2469, style: "output", format: "#,##0" });
  b.at("B6", { formula: '=IF(B5>100,"GREEN","RED")', result: "GREEN", style: "calculation" });
  b.at("B7", { formula: "=B5>100", result: true, style: "total" });
  b.at("B8", { formula: '=IFNA(MATCH("x",A1:A3,0),"none")', result: "none", style: "note" });
  b.at("B9", { value: "good", style: "good" });
  b.at("C9", { value: "neutral", style: "neutral" });
  b.at("D9", { value: "bad", style: "bad" });
  b.at("A10", { value: "=B4*1000" });
  b.at("A11", { value: true });
  b.at("C2", { value: "listed" });
  b.at("C3", { value: 3 });
  b.at("C4", { value: 0.5 });
  b.width(0, 30).width(1, 12.5);
  b.define("Amount", "B4", "The input.");
  b.define("Doubled", "B5");
  b.define("Status", "B6");
  b.define("Cells", "B4:B5");
  b.validate({ range: "C2", type: "list", values: ["listed", "other", 'with "quotes"'], prompt: "Pick one" });
  b.validate({ range: "C3:C5", type: "whole", min: 0 });
  b.validate({ range: "C4", type: "decimal", min: 0, max: 1, prompt: "0 to 1" });
  b.highlight({ range: "B5", formula: "=B5>1000", style: "bad" });
  b.highlight({ range: "B6", formula: '=IFNA(B6="GREEN",FALSE)', style: "good" });
  b.chart({ type: "column", title: "By feature", categories: "A2:A4", series: [{ name: "Tokens", values: "C2:C4" }], anchor: "F2:L15" });
  b.freezePanes(3, 1);
  b.tab("#1F6FB2");
  return b.build();
}

describe("every part of the sheet model", () => {
  let back: Awaited<ReturnType<typeof roundTrip>>;
  let xml: string;
  beforeAll(async () => {
    back = await roundTrip([everything()], "everything.xlsx");
    xml = back.parts.get("xl/worksheets/sheet1.xml")!;
  });

  test("values, number formats and formulas with text and boolean results", () => {
    const ws = back.sheet("Everything");
    expect(ws.getCell("B4").value).toBe(1234.5);
    expect(ws.getCell("B4").numFmt).toBe("#,##0.00");
    expect(ws.getCell("B5").value).toEqual({ formula: "B4*2", result: 2469 });
    expect(ws.getCell("B6").value).toEqual({ formula: 'IF(B5>100,"GREEN","RED")', result: "GREEN" });
    expect(ws.getCell("B7").value).toEqual({ formula: "B5>100", result: true });
    expect(ws.getCell("A10").value).toBe("=B4*1000");
    expect(ws.getCell("A11").value).toBe(true);
  });

  test("functions newer than Excel 2007 get their _xlfn. prefix in the file", () => {
    expect(formulaOf(back.sheet("Everything").getCell("B8"))).toBe('_xlfn.IFNA(MATCH("x",A1:A3,0),"none")');
    expect(xml).toContain("<formula>_xlfn.IFNA(B6=&quot;GREEN&quot;,FALSE)</formula>");
  });

  test("each named style has its Excel look", () => {
    const ws = back.sheet("Everything");
    const fill = (ref: string) => (ws.getCell(ref).style.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
    expect(ws.getCell("A1").font.size).toBe(18);
    expect(ws.getCell("A3").font.bold).toBe(true);
    expect(ws.getCell("A3").border.bottom?.style).toBe("medium");
    expect(fill("B5")).toBe("FFF2F2F2");
    expect(ws.getCell("B6").font.color?.argb).toBe("FFFA7D00");
    expect(ws.getCell("B7").border.bottom?.style).toBe("double");
    expect(ws.getCell("B8").font.italic).toBe(true);
    expect([fill("B9"), fill("C9"), fill("D9")]).toEqual(["FFC6EFCE", "FFFFEB9C", "FFFFC7CE"]);
    expect(ws.getCell("A4").font).toMatchObject({ bold: true, name: "Calibri", size: 11 });
    expect(ws.getCell("A1").font.name).toBe("Calibri Light");
    expect(ws.getCell("A4").alignment).toMatchObject({ horizontal: "right", wrapText: true });
    // Figures shrink to fit their column rather than show ###; text does not.
    expect([ws.getCell("B4").alignment?.shrinkToFit, ws.getCell("B5").alignment?.shrinkToFit]).toEqual([true, true]);
    expect(ws.getCell("B6").alignment?.shrinkToFit).toBeUndefined();
    for (const [style, look] of Object.entries(XLSX_STYLES)) if (style !== "label") expect(look).not.toEqual({});
  });

  test("notes, widths, merges, freeze panes and tab colour", () => {
    const ws = back.sheet("Everything");
    expect(ws.getCell("A4").note).toBe("A note on hover.");
    expect(ws.getColumn(1).width).toBe(30);
    // Column B was given 12.5 and widens to show the largest figure in its format, "999,999,999.00".
    expect(ws.getColumn(2).width).toBe(Math.ceil(figureWidth({ value: 1234.5, style: "input", format: "#,##0.00" })!));
    expect(ws.getColumn(2).width).toBeGreaterThan(12.5);
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.getCell("B1").master.address).toBe("A1");
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 3 });
    expect(ws.properties.tabColor).toEqual({ argb: "FF1F6FB2" });
  });

  test("data validations: lists with quotes escaped, whole and decimal bounds, prompts", () => {
    expect(xml).toContain(
      '<dataValidation type="list" allowBlank="1" showInputMessage="1" prompt="Pick one" showErrorMessage="1" sqref="C2"><formula1>&quot;listed,other,with &quot;&quot;quotes&quot;&quot;&quot;</formula1>',
    );
    expect(xml).toMatch(/<dataValidation type="whole" operator="greaterThanOrEqual"[^>]*sqref="C3"><formula1>0<\/formula1>/);
    expect(xml).toMatch(/<dataValidation type="whole" operator="greaterThanOrEqual"[^>]*sqref="C5"><formula1>0<\/formula1>/);
    expect(xml).toMatch(/<dataValidation type="decimal"[^>]*prompt="0 to 1"[^>]*sqref="C4"><formula1>0<\/formula1><formula2>1<\/formula2>/);
  });

  test("conditional formats are expression rules with the good/neutral/bad colours", () => {
    expect(xml).toMatch(/<conditionalFormatting sqref="B5"><cfRule type="expression" dxfId="\d+" priority="1"><formula>B5&gt;1000<\/formula>/);
    expect(xml).toMatch(/<conditionalFormatting sqref="B6"><cfRule type="expression" dxfId="\d+" priority="2">/);
    const styles = back.parts.get("xl/styles.xml")!;
    expect(styles).toMatch(/<dxf>.*FF9C0006.*FFFFC7CE.*<\/dxf>/s);
    expect(styles).toMatch(/<dxf>.*FF006100.*FFC6EFCE.*<\/dxf>/s);
  });

  test("names are sheet-scoped, ranges included", () => {
    expect(back.names).toEqual([
      { name: "Amount", localSheetId: 0, ref: "'Everything'!$B$4" },
      { name: "Doubled", localSheetId: 0, ref: "'Everything'!$B$5" },
      { name: "Status", localSheetId: 0, ref: "'Everything'!$B$6" },
      { name: "Cells", localSheetId: 0, ref: "'Everything'!$B$4:$B$5" },
    ]);
  });

  test("a chart is written as DrawingML beside ExcelJS's parts: anchored over its range, series on the sheet's cells", () => {
    const chart = parseXml(back.parts.get("xl/charts/chart1.xml")!);
    expect(findAll(chart, "barChart")).toHaveLength(1);
    expect(findOne(chart, "barDir").attrs.val).toBe("col");
    expect(allValues(findAll(chart, "title")[0])).toContain("By feature");
    const series = findAll(chart, "ser");
    expect(series).toHaveLength(1);
    expect(findAll(series[0], "f").map((f) => f.text)).toEqual(["'Everything'!$A$2:$A$4", "'Everything'!$C$2:$C$4"]);
    const drawing = parseXml(back.parts.get("xl/drawings/drawing1.xml")!);
    const from = findOne(drawing, "from");
    const to = findOne(drawing, "to");
    expect([findOne(from, "col").text, findOne(from, "row").text, findOne(to, "col").text, findOne(to, "row").text]).toEqual(["5", "1", "12", "15"]);
    expect(back.parts.get("xl/drawings/_rels/drawing1.xml.rels")).toContain('Target="../charts/chart1.xml"');
    // The sheet points at its drawing before the notes' legacy drawing, as the schema orders them.
    const rels = back.parts.get("xl/worksheets/_rels/sheet1.xml.rels")!;
    const id = /Id="(rId\d+)" Type="[^"]+\/drawing" Target="..\/drawings\/drawing1.xml"/.exec(rels)![1];
    expect(xml).toMatch(new RegExp(`<drawing r:id="${id}"/><legacyDrawing `));
    const types = back.parts.get("[Content_Types].xml")!;
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    // No text is left where the chart stands, and ExcelJS still reads the file.
    expect(back.sheet("Everything").getCell("F2").value).toBeNull();
  });
});

describe("page setup", () => {
  test("landscape, one page wide, the model's pages tall, print area and titles, header and footer; paper when asked", async () => {
    const b = new SheetBuilder("Printed");
    b.put(0, 0, { value: "Title" });
    b.put(40, 5, { value: 1 });
    b.chart({ type: "column", title: "Wide", categories: "A2:A4", series: [{ name: "s", values: "B2:B4" }], anchor: "G2:M20" });
    b.printOn({ kind: "Token calculator", name: "R&D centre", detail: "Study notes card, 2026-03", pagesTall: 2, titleRows: "1:2", titleColumns: "A:A" });
    const back = await roundTrip([b.build()], "printed.xlsx", { paper: "A4" });
    const xml = back.parts.get("xl/worksheets/sheet1.xml")!;
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="2"/);
    expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
    // "&" of the name is doubled so it prints as itself rather than starting a code.
    expect(xml).toContain("<oddHeader>&amp;LToken calculator: R&amp;&amp;D centre&amp;CStudy notes card, 2026-03&amp;RPrinted &amp;D</oddHeader>");
    expect(xml).toContain("<oddFooter>&amp;L&amp;A&amp;C&amp;RPage &amp;P of &amp;N</oddFooter>");
    const workbook = back.parts.get("xl/workbook.xml")!;
    // The print area reaches the chart's last column (M) and the last cell's row (41).
    expect(workbook).toContain('<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Printed&apos;!$A$1:$M$41</definedName>');
    expect(workbook).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Printed&apos;!$A:$A,&apos;Printed&apos;!$1:$2</definedName>');
  });

  test("without a paper the file names none, so the printer's paper is used", async () => {
    const back = await roundTrip([buildCalculatorSheet(preset("small"))], "no-paper.xlsx");
    const xml = back.parts.get("xl/worksheets/sheet1.xml")!;
    expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
    expect(xml).not.toMatch(/paperSize=/);
  });
});

test("two sheets may each have a name of their own: each is scoped to its sheet", async () => {
  const back = await roundTrip([everything("First"), everything("Second")], "two.xlsx");
  expect(back.names.filter((n) => n.name === "Amount")).toEqual([
    { name: "Amount", localSheetId: 0, ref: "'First'!$B$4" },
    { name: "Amount", localSheetId: 1, ref: "'Second'!$B$4" },
  ]);
});

test("a sheet name that is taken gets a free variant, and its names follow it", async () => {
  const back = await roundTrip([everything("Plan"), everything("plan")], "dupe.xlsx");
  expect(back.workbook.worksheets.map((w) => w.name)).toEqual(["Plan", "plan (2)"]);
  expect(back.names.find((n) => n.name === "Amount" && n.localSheetId === 1)!.ref).toBe("'plan (2)'!$B$4");
});

test("without cached results the formulas are written bare, for an engine to compute", async () => {
  const back = await roundTrip([buildCalculatorSheet(preset("mid-market"))], "bare.xlsx", { cachedResults: false });
  expect(back.rawNamed(SHEET, "TotalTokens")).toEqual({ formula: expect.stringMatching(/^SUM\(/) });
  expect(back.parts.get("xl/worksheets/sheet1.xml")).not.toMatch(/<f>[^<]*<\/f><v>/);
});

test("a formula's non-finite result is not cached (the reader computes it)", async () => {
  const b = new SheetBuilder("Inf");
  b.at("A1", { formula: "=1/0", result: Number.POSITIVE_INFINITY });
  const back = await roundTrip([b.build()], "inf.xlsx");
  expect(back.sheet("Inf").getCell("A1").value).toEqual({ formula: "1/0" });
});
