/**
 * Writes sheet models to an .xlsx workbook with ExcelJS. Runs in Node (the command line) and in the
 * browser (the taskpane's download, which loads this module on demand): no file system here, the
 * caller decides where the bytes go.
 *
 * - Formulas are native and carry the core's value as their cached result, so viewers that do not
 *   recalculate show the right numbers. Functions newer than Excel 2007 get their "_xlfn." prefix.
 * - A string is always text (a shared string), even when it starts with "=": it never becomes a formula.
 * - Defined names are scoped to their sheet (localSheetId), so two sheets may each have a `Utilization`
 *   and other sheets say 'Token Calculator'!TotalTokens.
 * - ExcelJS cannot write charts: ./charts.ts adds them to the written file as DrawingML parts.
 */
import * as ExcelJS from "exceljs";
import { absA1, columnLetters, parseRange } from "../sheets/a1";
import { cellsOf, headerFooter, uniqueSheetName, type Cell, type CellValue, type DataValidation, type PageSetup, type SheetModel } from "../sheets/model";
import { addCharts } from "./charts";
import { EXCEL_LIMITS, validateModel } from "../sheets/validate-model";
import { prefixFutureFunctions } from "./future-functions";
import { conditionalStyle, StyleCache, toArgb } from "./styles";
import { xmlSafe } from "./xml-text";

export { xmlSafe };

/** Excel's limit on the characters of a cell. */
export const MAX_CELL_TEXT = EXCEL_LIMITS.cellText;

export interface WriteOptions {
  /**
   * Store each formula's `result` as its cached value (default true). False leaves formulas without
   * cached values, so a spreadsheet engine has to compute them: the tests use it to prove that
   * LibreOffice computes the core's figures on its own.
   */
  readonly cachedResults?: boolean;
  /** Written into the file's properties as its creator (default "AI Token Planner"). */
  readonly creator?: string;
  /** The workbook's creation and modification time in its properties; default now. */
  readonly created?: Date;
  /** The paper every sheet prints on; default none, so the printer's and the locale's paper is used. */
  readonly paper?: PaperSize;
}

/** Paper sizes a file may name, with their number in the file format (ECMA-376 ST_PaperSize). */
export const PAPER_SIZES = { Letter: 1, A4: 9 } as const;
export type PaperSize = keyof typeof PAPER_SIZES;

/** A sheet-scoped name as ExcelJS's workbook model holds it once read from a file. */
interface ScopedName {
  readonly name: string;
  readonly ranges: string[];
  readonly localSheetId: number;
}

/**
 * Builds the ExcelJS workbook of the models, in order. A sheet name already taken in the workbook
 * gets a free variant ("Plan (2)"); callers that refer from one sheet to another give the models
 * distinct names (see src/plan/sheet-kinds.ts). Throws InvalidModelError (src/sheets validateModel, the
 * check the Excel writer runs too) for a malformed model, a programmer's mistake, before writing anything.
 */
export function buildWorkbook(models: readonly SheetModel[], options: WriteOptions = {}): ExcelJS.Workbook {
  for (const model of models) validateModel(model);
  const wb = new ExcelJS.Workbook();
  wb.creator = options.creator ?? "AI Token Planner";
  wb.lastModifiedBy = wb.creator;
  const now = options.created ?? new Date();
  wb.created = now;
  wb.modified = now;

  const styles = new StyleCache();
  const taken: string[] = [];
  const scoped: ScopedName[] = [];
  models.forEach((model, index) => {
    const name = uniqueSheetName(xmlSafe(model.name), taken);
    taken.push(name);
    const ws = wb.addWorksheet(name);
    writeSheet(ws, model, styles, options.cachedResults !== false);
    for (const n of model.names) scoped.push({ name: n.name, ranges: [`${quoteSheet(name)}!${absoluteRef(n.ref)}`], localSheetId: index });
    if (model.page) {
      applyPageSetup(ws, model.page, options.paper);
      scoped.push(...printNames(name, model.page, index));
    }
  });
  addScopedNames(wb, scoped);
  return wb;
}

/** The .xlsx bytes of the models: a Buffer in Node, a Uint8Array in the browser. */
export async function writeWorkbook(models: readonly SheetModel[], options: WriteOptions = {}): Promise<Uint8Array> {
  const wb = buildWorkbook(models, options);
  const bytes = (await wb.xlsx.writeBuffer()) as unknown as Uint8Array;
  // ExcelJS names each worksheet part by the sheet's id; the charts are added beside them.
  const sheets = models.map((model, i) => ({ model, name: wb.worksheets[i].name, part: `xl/worksheets/sheet${wb.worksheets[i].id}.xml` }));
  return addCharts(bytes, sheets);
}

function writeSheet(ws: ExcelJS.Worksheet, model: SheetModel, styles: StyleCache, cached: boolean): void {
  for (const { row, col, cell } of cellsOf(model)) {
    const target = ws.getRow(row + 1).getCell(col + 1);
    const value = cellValue(cell, cached);
    if (value !== null) target.value = value;
    const style = styles.styleOf(cell);
    if (style) target.style = style;
    if (cell.note) target.note = xmlSafe(cell.note);
  }

  for (const c of model.columns) ws.getColumn(c.col + 1).width = c.width;
  for (const r of model.rowHeights ?? []) ws.getRow(r.row + 1).height = r.height;
  for (const m of model.merges) ws.mergeCells(m);

  for (const v of model.validations) validate(ws, v);

  // Priorities follow the model's order: where rules overlap, the first one listed wins.
  model.conditionalFormats.forEach((cf, i) => {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: "expression", priority: i + 1, formulae: [prefixFutureFunctions(stripEquals(cf.formula))], style: conditionalStyle(cf.style) }],
    });
  });

  if (model.freeze && (model.freeze.rows > 0 || model.freeze.columns > 0)) {
    const { rows, columns } = model.freeze;
    ws.views = [{ state: "frozen", xSplit: columns, ySplit: rows, topLeftCell: `${columnLetters(columns)}${rows + 1}` }];
  }
  const argb = model.tabColor ? toArgb(model.tabColor) : undefined;
  if (argb) ws.properties.tabColor = { argb };
}

/** How the sheet prints: orientation, fit to pages, print area and titles, header and footer. */
function applyPageSetup(ws: ExcelJS.Worksheet, page: PageSetup, paper: PaperSize | undefined): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: page.orientation,
    fitToPage: true,
    fitToWidth: page.fitToPagesWide,
    fitToHeight: page.fitToPagesTall,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(paper ? { paperSize: PAPER_SIZES[paper] as ExcelJS.PageSetup["paperSize"] } : {}),
  };
  const { header, footer } = headerFooter(page);
  const line = (p: { left: string; center: string; right: string }) => xmlSafe(`&L${p.left}&C${p.center}&R${p.right}`);
  ws.headerFooter = { differentFirst: false, differentOddEven: false, oddHeader: line(header), oddFooter: line(footer) };
}

/**
 * The print area and print titles as the sheet-scoped names Excel keeps them in. Written here
 * rather than through ExcelJS's pageSetup.printArea, which neither quotes an apostrophe in a sheet
 * name nor makes the rows absolute.
 */
function printNames(sheet: string, page: PageSetup, localSheetId: number): ScopedName[] {
  const names: ScopedName[] = [{ name: "_xlnm.Print_Area", ranges: [`${quoteSheet(sheet)}!${absoluteRef(page.printArea)}`], localSheetId }];
  const whole = (span: string) =>
    span
      .split(":")
      .map((part) => `$${part}`)
      .join(":");
  const titles = [page.printTitleColumns, page.printTitleRows].filter((t): t is string => t !== undefined).map((t) => `${quoteSheet(sheet)}!${whole(t)}`);
  if (titles.length > 0) names.push({ name: "_xlnm.Print_Titles", ranges: [titles.join(",")], localSheetId });
  return names;
}

/** A data validation on every cell of its range (ExcelJS joins equal neighbours back into one range when writing). */
function validate(ws: ExcelJS.Worksheet, v: DataValidation): void {
  const common = { allowBlank: true, showErrorMessage: true, ...(v.prompt ? { showInputMessage: true, prompt: xmlSafe(v.prompt) } : {}) };
  let rule: ExcelJS.DataValidation;
  if (v.type === "list") {
    const list = v.values.map((x) => xmlSafe(x).replace(/"/g, '""')).join(",");
    rule = { type: "list", formulae: [`"${list}"`], ...common };
  } else if (v.max === undefined) {
    rule = { type: v.type, operator: "greaterThanOrEqual", formulae: [v.min], ...common };
  } else {
    rule = { type: v.type, operator: "between", formulae: [v.min, v.max], ...common };
  }
  const r = parseRange(v.range);
  for (let row = r.row; row < r.row + r.rows; row++) {
    for (let col = r.col; col < r.col + r.cols; col++) ws.getRow(row + 1).getCell(col + 1).dataValidation = rule;
  }
}

/** The ExcelJS value of a model cell; null for an empty cell. */
function cellValue(cell: Cell, cached: boolean): ExcelJS.CellValue {
  if (cell.formula !== undefined) {
    const formula = prefixFutureFunctions(stripEquals(cell.formula));
    const result = cached ? cachedResult(cell.result) : undefined;
    return result === undefined ? ({ formula } as ExcelJS.CellFormulaValue) : ({ formula, result } as ExcelJS.CellFormulaValue);
  }
  return literal(cell.value ?? null);
}

function literal(v: CellValue): string | number | boolean | null {
  return typeof v === "string" ? xmlSafe(v) : v;
}

/** A formula's cached value: a finite number, text or a boolean; anything else is left for the reader to compute. */
function cachedResult(v: CellValue | undefined): string | number | boolean | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") return v.length <= MAX_CELL_TEXT ? xmlSafe(v) : undefined;
  return v;
}

const stripEquals = (formula: string): string => (formula.startsWith("=") ? formula.slice(1) : formula);

const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** "C24" -> "$C$24", "C5:C13" -> "$C$5:$C$13". */
function absoluteRef(ref: string): string {
  const r = parseRange(ref);
  const first = absA1(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? first : `${first}:${absA1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/**
 * ExcelJS keeps workbook-wide names only (`workbook.definedNames`), yet writes a name's
 * localSheetId when its model carries one, as it does for print areas. The names are added to
 * the model ExcelJS serialises, on this workbook object only.
 */
function addScopedNames(wb: ExcelJS.Workbook, names: readonly ScopedName[]): void {
  if (names.length === 0) return;
  const descriptor = findModelProperty(wb);
  Object.defineProperty(wb, "model", {
    configurable: true,
    enumerable: false,
    get() {
      const model = descriptor.get!.call(this) as { definedNames?: unknown[] };
      model.definedNames = [...(model.definedNames ?? []), ...names];
      return model;
    },
    set(value: unknown) {
      descriptor.set!.call(this, value);
    },
  });
}

function findModelProperty(wb: object): PropertyDescriptor {
  for (let proto = Object.getPrototypeOf(wb); proto; proto = Object.getPrototypeOf(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, "model");
    if (d?.get && d.set) return d;
  }
  throw new Error("This ExcelJS version has no Workbook.model property: sheet-scoped names cannot be written.");
}
