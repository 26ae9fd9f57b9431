/**
 * Turns a SheetModel into the list of writes the Excel writer queues: one 2D array per block and
 * property, formats grouped into as few ranges as possible, and the sheet's names, validations,
 * conditional formats, charts and notes as Office-shaped values. Pure: no Excel.run, no context,
 * no sync; the writer (writer.ts) only walks this plan. Office appears here as types only.
 *
 * A broken model (bad address, formula without "=", NaN value, list item with a comma...) is a
 * programmer mistake: planSheet first runs the sheets' own validateModel (the check the .xlsx writer
 * runs too), which throws naming the cell or range, before anything is written to the workbook.
 */
import { a1, columnLetters, parseA1, parseRange, rangeA1 } from "../sheets/a1";
import {
  cellsOf,
  headerFooter,
  type Cell,
  type CellStyle,
  type CellValue,
  type Chart,
  type DataValidation,
  type PageSetup,
  type SheetModel,
} from "../sheets/model";
import { EXCEL_LIMITS, validateModel } from "../sheets/validate-model";

/** A value for Range.formulas: a formula ("=..."), a constant, or null to leave the cell as it is. */
export type FormulaCell = string | number | boolean | null;

/** A rectangle of a sheet, 0-based. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface BlockWrite {
  /** The block's rectangle, e.g. "A1:N500". */
  readonly address: string;
  /** Range.formulas: formulas, constants (strings made safe by excelText) and null for empty cells. */
  readonly formulas: FormulaCell[][];
  /** Range.numberFormat, null where the model gives no format; omitted when no cell has one. */
  readonly numberFormat?: (string | null)[][];
}

/**
 * One property set on a group of cells. Each address is either a single range ("B5:D9") for
 * Worksheet.getRange or a comma-separated list of ranges ("B5:D9,F5:F9") for Worksheet.getRanges,
 * kept short enough for Excel to accept (see MAX_AREAS_ADDRESS_CHARS).
 */
export interface AreaWrite<T> {
  readonly addresses: readonly string[];
  readonly value: T;
}

export type HorizontalAlignment = "Left" | "Center" | "Right";
/** Excel's built-in style names as Range.style takes them: the values of the Excel.BuiltInStyle enum. */
export type BuiltInStyleName = `${Excel.BuiltInStyle}`;
export type ChartTypeName = `${Excel.ChartType}`;

export interface ColumnWidthWrite {
  /** Whole columns, e.g. "B:D". */
  readonly address: string;
  /** Range.format.columnWidth, in points (see columnWidthPoints). */
  readonly points: number;
}

export interface ValidationWrite {
  readonly address: string;
  readonly rule: Excel.DataValidationRule;
  readonly errorAlert: Excel.DataValidationErrorAlert;
  readonly prompt?: Excel.DataValidationPrompt;
}

export interface ConditionalFormatWrite {
  readonly address: string;
  /** The rule's formula in en-US syntax, written for the top-left cell of the range. */
  readonly formula: string;
  readonly fill: string;
  readonly font: string;
}

export interface ChartSeriesWrite {
  readonly name: string;
  readonly values: string;
  readonly categories: string;
  /** Set only for the line series of a combined column-and-line chart. */
  readonly chartType?: ChartTypeName;
}

export interface ChartWrite {
  readonly type: ChartTypeName;
  readonly title: string;
  /** How the first series' range is read by ChartCollection.add. */
  readonly seriesBy: "Rows" | "Columns";
  /** Top-left and bottom-right cells the chart covers. */
  readonly from: string;
  readonly to: string;
  readonly series: readonly ChartSeriesWrite[];
}

export interface NoteWrite {
  readonly address: string;
  readonly text: string;
}

/** How the sheet prints, as Worksheet.pageLayout takes it (ExcelApi 1.9). */
export interface PageLayoutWrite {
  readonly orientation: "Portrait" | "Landscape";
  readonly zoom: { readonly horizontalFitToPages: number; readonly verticalFitToPages: number };
  readonly printArea: string;
  /** Whole rows ("1:2") and whole columns ("A:A") repeated on every page. */
  readonly titleRows?: string;
  readonly titleColumns?: string;
  /** pageLayout.headersFooters.defaultForAllPages, in Excel's header/footer codes. */
  readonly headersFooters: {
    readonly leftHeader: string;
    readonly centerHeader: string;
    readonly rightHeader: string;
    readonly leftFooter: string;
    readonly centerFooter: string;
    readonly rightFooter: string;
  };
}

export type FreezeWrite = { readonly kind: "at"; readonly address: string } | { readonly kind: "rows" | "columns"; readonly count: number };

export interface SheetPlan {
  /** The wanted sheet name; the writer picks a free variant. */
  readonly name: string;
  readonly blocks: readonly BlockWrite[];
  readonly styles: readonly AreaWrite<BuiltInStyleName>[];
  readonly bold: readonly AreaWrite<true>[];
  readonly align: readonly AreaWrite<HorizontalAlignment>[];
  readonly wrap: readonly AreaWrite<true>[];
  /** Range.format.shrinkToFit (ExcelApi 1.9): figures print smaller rather than as "###". */
  readonly shrink: readonly AreaWrite<true>[];
  readonly columns: readonly ColumnWidthWrite[];
  readonly merges: readonly string[];
  readonly names: readonly { readonly name: string; readonly address: string; readonly comment?: string }[];
  readonly validations: readonly ValidationWrite[];
  readonly conditionalFormats: readonly ConditionalFormatWrite[];
  readonly charts: readonly ChartWrite[];
  readonly notes: readonly NoteWrite[];
  readonly freeze?: FreezeWrite;
  readonly tabColor?: string;
  readonly pageLayout?: PageLayoutWrite;
  /** Rows taller than the default: whole rows ("5:5") and Range.format.rowHeight in points. */
  readonly rowHeights?: readonly { readonly address: string; readonly points: number }[];
}

/**
 * The model's named styles as Excel's built-in cell styles (Home > Cell Styles), so a user can
 * restyle the whole sheet by editing a style. "label" keeps the Normal style: nothing to write.
 */
export const EXCEL_STYLES = {
  title: "SheetTitle",
  subtitle: "Heading2",
  heading: "Heading3",
  label: null,
  input: "Input",
  output: "Output",
  calculation: "Calculation",
  total: "Total",
  note: "ExplanatoryText",
  good: "Good",
  neutral: "Neutral",
  bad: "Bad",
} as const satisfies Record<CellStyle, BuiltInStyleName | null>;

/**
 * The fill and font colours of Excel's Good, Neutral and Bad cell styles, for conditional formats
 * (which take colours, not style names).
 */
export const CONDITIONAL_COLOURS = {
  good: { fill: "#C6EFCE", font: "#006100" },
  neutral: { fill: "#FFEB9C", font: "#9C5700" },
  bad: { fill: "#FFC7CE", font: "#9C0006" },
} as const;

const CHART_TYPES = {
  column: "ColumnClustered",
  bar: "BarClustered",
  line: "Line",
  pie: "Pie",
  columnLine: "ColumnClustered",
} as const satisfies Record<Chart["type"], ChartTypeName>;

/**
 * Longest comma-separated address handed to Worksheet.getRanges. Excel rejects long lists with
 * "The argument is invalid or missing" at a length it does not document (around 8,000 characters,
 * OfficeDev/office-js#5198); 2,000 stays well clear of it.
 */
export const MAX_AREAS_ADDRESS_CHARS = 2000;

/** Excel's limit on a validation prompt or error message. */
const MAX_MESSAGE_CHARS = 255;
const MAX_COLS = EXCEL_LIMITS.columns;

/**
 * Column width: the model counts characters of the default font (as Excel's Format > Column Width
 * dialog does); Range.format.columnWidth takes points. Excel makes a column of w characters
 * w x 7 + 5 pixels wide for the default Calibri 11 font (7 px per digit, 5 px of padding), and a
 * pixel is 0.75 point at 96 dpi. Check: the default 8.43 characters gives 64 px = 48 pt, the width
 * Excel reports for an untouched column. Other default fonts make this approximate.
 */
export const DIGIT_WIDTH_PX = 7;
export const COLUMN_PADDING_PX = 5;
export const POINTS_PER_PIXEL = 0.75;

export function columnWidthPoints(characters: number): number {
  if (!(characters > 0)) return 0;
  return Math.round(characters * DIGIT_WIDTH_PX + COLUMN_PADDING_PX) * POINTS_PER_PIXEL;
}

/**
 * A string as Excel must receive it in Range.formulas to stay exactly that text. Excel reads what
 * it is given as if typed: "=..", "+..", "-.." and "@.." become formulas, "1/2" a date, "00123" a
 * number, "TRUE" a boolean, "#N/A" an error, and a leading apostrophe disappears. Such strings get
 * a leading apostrophe, Excel's text prefix: the cell shows the string unchanged, as text. Any
 * string with a digit is prefixed too, since telling "May 5" (a date) from "Step 5" (text) is
 * Excel's locale-dependent business; the prefix is invisible in the cell.
 */
export function excelText(text: string): string {
  return needsTextPrefix(text) ? `'${text}` : text;
}

export function needsTextPrefix(text: string): boolean {
  if (text === "") return false;
  return /^\s*[=+\-@'#]/.test(text) || /\d/.test(text) || /^\s*(true|false)\s*$/i.test(text);
}

/** The Range.formulas entry of a model cell (validateModel has checked it). */
export function formulaCell(cell: Cell | null | undefined): FormulaCell {
  if (!cell) return null;
  if (cell.formula !== undefined) return cell.formula;
  return constantCell(cell.value);
}

function constantCell(value: CellValue | undefined): FormulaCell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return excelText(value);
  return value;
}

/** Builds the write plan of a model. Throws InvalidModelError (src/sheets validateModel) for a broken model. */
export function planSheet(model: SheetModel): SheetPlan {
  validateModel(model);
  return {
    name: model.name,
    blocks: model.blocks.map(planBlock).filter((b): b is BlockWrite => b !== null),
    ...planCellFormats(model),
    columns: planColumns(model),
    merges: model.merges.map(normalRange),
    names: model.names.map((n) => {
      const address = normalRange(n.ref);
      return n.comment ? { name: n.name, address, comment: n.comment } : { name: n.name, address };
    }),
    validations: model.validations.map(planValidation),
    conditionalFormats: model.conditionalFormats.map((cf) => ({ address: normalRange(cf.range), formula: cf.formula, ...CONDITIONAL_COLOURS[cf.style] })),
    charts: model.charts.map(planChart),
    notes: planNotes(model),
    ...(model.freeze ? planFreeze(model.freeze) : {}),
    ...(model.tabColor !== undefined ? { tabColor: checkedColour(model.tabColor) } : {}),
    ...(model.page ? { pageLayout: planPageLayout(model.page) } : {}),
    ...(model.rowHeights?.length ? { rowHeights: model.rowHeights.map((r) => ({ address: `${r.row + 1}:${r.row + 1}`, points: r.height })) } : {}),
  };
}

/** The model's page setup as pageLayout writes. */
function planPageLayout(page: PageSetup): PageLayoutWrite {
  const { header, footer } = headerFooter(page);
  return {
    orientation: page.orientation === "landscape" ? "Landscape" : "Portrait",
    zoom: { horizontalFitToPages: page.fitToPagesWide, verticalFitToPages: page.fitToPagesTall },
    printArea: normalRange(page.printArea),
    ...(page.printTitleRows ? { titleRows: page.printTitleRows } : {}),
    ...(page.printTitleColumns ? { titleColumns: page.printTitleColumns } : {}),
    headersFooters: {
      leftHeader: header.left,
      centerHeader: header.center,
      rightHeader: header.right,
      leftFooter: footer.left,
      centerFooter: footer.center,
      rightFooter: footer.right,
    },
  };
}

function planBlock(block: SheetModel["blocks"][number]): BlockWrite | null {
  const origin = parseA1(block.at);
  const rows = block.rows.length;
  const cols = block.rows.reduce((n, r) => Math.max(n, r.length), 0);
  if (rows === 0 || cols === 0) return null;
  const formulas: FormulaCell[][] = [];
  const numberFormat: (string | null)[][] = [];
  let anyFormat = false;
  for (let r = 0; r < rows; r++) {
    const line = block.rows[r];
    const f: FormulaCell[] = new Array(cols).fill(null);
    const n: (string | null)[] = new Array(cols).fill(null);
    for (let c = 0; c < line.length; c++) {
      const cell = line[c];
      if (!cell) continue;
      f[c] = formulaCell(cell);
      if (cell.format !== undefined) {
        n[c] = cell.format;
        anyFormat = true;
      }
    }
    formulas.push(f);
    numberFormat.push(n);
  }
  const address = rangeA1(origin.row, origin.col, rows, cols);
  return anyFormat ? { address, formulas, numberFormat } : { address, formulas };
}

function planCellFormats(model: SheetModel): Pick<SheetPlan, "styles" | "bold" | "align" | "wrap" | "shrink"> {
  const styles = new Map<number, BuiltInStyleName>();
  const bold = new Map<number, true>();
  const align = new Map<number, HorizontalAlignment>();
  const wrap = new Map<number, true>();
  const shrink = new Map<number, true>();
  for (const { row, col, cell } of cellsOf(model)) {
    const key = row * MAX_COLS + col;
    // Later blocks win where blocks overlap, as their formulas do.
    styles.delete(key);
    bold.delete(key);
    align.delete(key);
    wrap.delete(key);
    shrink.delete(key);
    const style = cell.style ? EXCEL_STYLES[cell.style] : null;
    if (style) styles.set(key, style);
    if (cell.bold) bold.set(key, true);
    if (cell.align) align.set(key, ALIGNMENTS[cell.align]);
    if (cell.wrap) wrap.set(key, true);
    if (cell.shrink) shrink.set(key, true);
  }
  return { styles: areaWrites(styles), bold: areaWrites(bold), align: areaWrites(align), wrap: areaWrites(wrap), shrink: areaWrites(shrink) };
}

const ALIGNMENTS = { left: "Left", center: "Center", right: "Right" } as const satisfies Record<NonNullable<Cell["align"]>, HorizontalAlignment>;

/** Groups cells by value into rectangles, then into address lists short enough for getRanges. */
function areaWrites<T>(cells: Map<number, T>): AreaWrite<T>[] {
  const grouped = groupRectangles([...cells].map(([key, value]) => ({ row: Math.floor(key / MAX_COLS), col: key % MAX_COLS, value })));
  return [...grouped].map(([value, rects]) => ({ value, addresses: chunkAddresses(rects) }));
}

/**
 * Covers cells with rectangles of equal value: runs of equal neighbours along each row, then runs
 * with the same columns on consecutive rows merged into one rectangle. A column of 500 "Input"
 * cells becomes one range; a regular table of 500 x 14 cells a handful. Values are compared with ===.
 */
export function groupRectangles<T>(cells: Iterable<{ row: number; col: number; value: T }>): Map<T, Rect[]> {
  const byRow = new Map<number, Map<number, T>>();
  for (const { row, col, value } of cells) {
    let line = byRow.get(row);
    if (!line) byRow.set(row, (line = new Map()));
    line.set(col, value);
  }
  const result = new Map<T, Rect[]>();
  const close = (o: { value: T; rect: Rect }) => {
    let list = result.get(o.value);
    if (!list) result.set(o.value, (list = []));
    list.push(o.rect);
  };
  type Open = { value: T; rect: Rect };
  // Open rectangles by value, then by "col:cols" of their run.
  let open = new Map<T, Map<string, Open>>();
  let previousRow = -2;
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const line = byRow.get(row)!;
    const next = new Map<T, Map<string, Open>>();
    const cols = [...line.keys()].sort((a, b) => a - b);
    for (let i = 0; i < cols.length;) {
      const start = cols[i];
      const value = line.get(start) as T;
      let end = start;
      while (i + 1 < cols.length && cols[i + 1] === end + 1 && line.get(cols[i + 1]) === value) end = cols[++i];
      i++;
      const id = `${start}:${end - start + 1}`;
      const candidate = row === previousRow + 1 ? open.get(value)?.get(id) : undefined;
      const o: Open = candidate
        ? { value, rect: { ...candidate.rect, rows: candidate.rect.rows + 1 } }
        : { value, rect: { row, col: start, rows: 1, cols: end - start + 1 } };
      if (candidate) open.get(value)!.delete(id);
      let forValue = next.get(value);
      if (!forValue) next.set(value, (forValue = new Map()));
      forValue.set(id, o);
    }
    for (const forValue of open.values()) for (const o of forValue.values()) close(o);
    open = next;
    previousRow = row;
  }
  for (const forValue of open.values()) for (const o of forValue.values()) close(o);
  for (const rects of result.values()) rects.sort((a, b) => a.row - b.row || a.col - b.col);
  return result;
}

/** Joins rectangle addresses with commas, starting a new list before one would pass the limit. */
export function chunkAddresses(rects: readonly Rect[], maxChars = MAX_AREAS_ADDRESS_CHARS): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const r of rects) {
    const address = rangeA1(r.row, r.col, r.rows, r.cols);
    if (current && current.length + 1 + address.length > maxChars) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current},${address}` : address;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Consecutive columns of equal width become one "B:D" write. */
function planColumns(model: SheetModel): ColumnWidthWrite[] {
  const widths = new Map<number, number>();
  for (const { col, width } of model.columns) widths.set(col, width);
  const cols = [...widths.keys()].sort((a, b) => a - b);
  const writes: ColumnWidthWrite[] = [];
  for (let i = 0; i < cols.length;) {
    const start = cols[i];
    const width = widths.get(start)!;
    let end = start;
    while (i + 1 < cols.length && cols[i + 1] === end + 1 && widths.get(cols[i + 1]) === width) end = cols[++i];
    i++;
    writes.push({ address: `${columnLetters(start)}:${columnLetters(end)}`, points: columnWidthPoints(width) });
  }
  return writes;
}

function planValidation(v: DataValidation): ValidationWrite {
  const address = normalRange(v.range);
  const prompt = v.prompt ? { prompt: { showPrompt: true, title: "", message: shortMessage(v.prompt) } } : {};
  if (v.type === "list") {
    const source = v.values.join(",");
    return {
      address,
      rule: { list: { inCellDropDown: true, source } },
      errorAlert: stopAlert(`Pick one of: ${v.values.join(", ")}.`),
      ...prompt,
    };
  }
  const basic: Excel.BasicDataValidation =
    v.max === undefined ? { operator: "GreaterThanOrEqualTo", formula1: v.min } : { operator: "Between", formula1: v.min, formula2: v.max };
  const kind = v.type === "whole" ? "a whole number" : "a number";
  const bounds = v.max === undefined ? `of at least ${v.min}` : `from ${v.min} to ${v.max}`;
  return {
    address,
    rule: v.type === "whole" ? { wholeNumber: basic } : { decimal: basic },
    errorAlert: stopAlert(`Enter ${kind} ${bounds}.`),
    ...prompt,
  };
}

function stopAlert(message: string): Excel.DataValidationErrorAlert {
  return { showAlert: true, style: "Stop", title: "Invalid value", message: shortMessage(message) };
}

const shortMessage = (text: string) => (text.length <= MAX_MESSAGE_CHARS ? text : text.slice(0, MAX_MESSAGE_CHARS - 1) + "…");

function planChart(chart: Chart): ChartWrite {
  const categories = normalRange(chart.categories);
  const anchor = parseRange(chart.anchor);
  const first = parseRange(chart.series[0].values);
  return {
    type: CHART_TYPES[chart.type],
    title: chart.title,
    seriesBy: first.cols === 1 && first.rows > 1 ? "Columns" : "Rows",
    from: a1(anchor.row, anchor.col),
    to: a1(anchor.row + anchor.rows - 1, anchor.col + anchor.cols - 1),
    series: chart.series.map((s, i) => ({
      name: s.name,
      values: normalRange(s.values),
      categories,
      ...(chart.type === "columnLine" && i > 0 ? { chartType: "Line" as const } : {}),
    })),
  };
}

function planNotes(model: SheetModel): NoteWrite[] {
  const notes = new Map<number, NoteWrite>();
  for (const { row, col, cell } of cellsOf(model)) {
    if (cell.note) notes.set(row * MAX_COLS + col, { address: a1(row, col), text: cell.note });
  }
  return [...notes.values()];
}

function planFreeze(freeze: NonNullable<SheetModel["freeze"]>): { freeze?: FreezeWrite } {
  const { rows, columns } = freeze;
  if (rows > 0 && columns > 0) return { freeze: { kind: "at", address: rangeA1(0, 0, rows, columns) } };
  if (rows > 0) return { freeze: { kind: "rows", count: rows } };
  if (columns > 0) return { freeze: { kind: "columns", count: columns } };
  return {};
}

function checkedColour(colour: string): string {
  return `#${colour.trim().replace(/^#/, "").toUpperCase()}`;
}

/** A range as Excel's API takes it: "B7:D9", "B7" for one cell (validateModel has checked it). */
function normalRange(ref: string): string {
  const r = parseRange(ref);
  return rangeA1(r.row, r.col, r.rows, r.cols);
}
