/**
 * Writes a SheetModel into the open workbook as a new sheet: the only module that calls Excel.run.
 *
 * Two context.sync() calls per sheet, whatever its size:
 *   1. read the names of the existing sheets and whether the workbook structure is protected;
 *   2. one batch: suspend calculation and screen updating, add the sheet under a free name, write
 *      every block as one 2D array per property, then formats, widths, merges, names, validation,
 *      conditional formats, charts, tab colour, activation, frozen panes and notes.
 * Only the failure path syncs again: to find and delete the half-written sheet.
 *
 * Requirement sets: ExcelApi 1.9 is required (Worksheet.getRanges and
 * Application.suspendScreenUpdatingUntilNextSync; every other call needs 1.8 or less: see
 * REQUIREMENTS). Cell notes need ExcelApi 1.18 and are skipped, not failed, below it.
 */
import { uniqueSheetName, type SheetModel } from "../sheets/model";
import { InsertError, messageFor, toInsertError } from "./insert-error";
import { planSheet, type AreaWrite, type SheetPlan } from "./plan";

export { InsertError } from "./insert-error";

export interface InsertResult {
  /** The name the sheet was given: the model's, or a free variant such as "Token Calculator (2)". */
  readonly sheetName: string;
  /** context.sync() calls made: 2 for every successful insert. */
  readonly syncs: number;
  /** Parts of the model this Excel could not write (e.g. cell notes below ExcelApi 1.18), in words. */
  readonly skipped: readonly string[];
}

export interface InsertOptions {
  /** Make the new sheet the active one (default true). */
  readonly activate?: boolean;
  /**
   * Requirement-set check; defaults to Office.context.requirements.isSetSupported, or to "all
   * supported" outside Office (tests, benchmarks).
   */
  readonly isSetSupported?: (name: string, version: string) => boolean;
}

/** The ExcelApi version each kind of write needs, from @types/office-js. */
export const REQUIREMENTS = {
  /** worksheets.add/load, getRange, formulas, numberFormat, format.font/alignment/wrapText, activate, charts.add, chart.setPosition/title. */
  base: "1.1",
  /** Range.merge, format.columnWidth. */
  mergeAndWidths: "1.2",
  /** Worksheet.names.add, worksheets.getItemOrNullObject (cleanup). */
  names: "1.4",
  /** Range.conditionalFormats.add("Custom"), Application.suspendApiCalculationUntilNextSync. */
  conditionalFormatsAndCalculation: "1.6",
  /** Range.style, Worksheet.freezePanes, Worksheet.tabColor, chart series add/setValues/setXAxisValues/chartType, Workbook.protection. */
  stylesPanesSeries: "1.7",
  /** Range.dataValidation. */
  validation: "1.8",
  /** Worksheet.getRanges (RangeAreas), Application.suspendScreenUpdatingUntilNextSync, Worksheet.pageLayout. */
  rangeAreasAndScreen: "1.9",
  /** Worksheet.notes.add: optional. */
  notes: "1.18",
} as const;

export const REQUIRED_EXCEL_API = REQUIREMENTS.rangeAreasAndScreen;

/** Inserts the model as a new sheet of the open workbook. Throws InsertError with a message for the user. */
export async function insertSheet(model: SheetModel, options: InsertOptions = {}): Promise<InsertResult> {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") throw new InsertError("not-in-excel", messageFor("not-in-excel"));
  try {
    return await Excel.run((context) => writeSheet(context, model, options));
  } catch (error) {
    throw toInsertError(error, model.name);
  }
}

/**
 * Writes the model as a new sheet through an existing request context, in two syncs. On a failure
 * after the sheet was queued, deletes it again (extra syncs, failure path only) and throws InsertError.
 */
export async function writeSheet(context: Excel.RequestContext, model: SheetModel, options: InsertOptions = {}): Promise<InsertResult> {
  const supports = options.isSetSupported ?? officeSupports;
  if (!supports("ExcelApi", REQUIRED_EXCEL_API)) throw new InsertError("unsupported", messageFor("unsupported"));
  let plan: SheetPlan;
  try {
    plan = planSheet(model);
  } catch (error) {
    throw new InsertError("invalid-model", `The sheet could not be prepared (a bug in the add-in): ${(error as Error).message}`, { cause: error });
  }
  const withNotes = plan.notes.length > 0 && supports("ExcelApi", REQUIREMENTS.notes);
  const skipped = plan.notes.length > 0 && !withNotes ? [`${plan.notes.length} cell notes (they need ExcelApi ${REQUIREMENTS.notes})`] : [];

  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };

  // Sync 1: what is there already.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const protection = context.workbook.protection;
  protection.load("protected");
  try {
    await sync();
  } catch (error) {
    throw toInsertError(error, model.name);
  }
  if (protection.protected) throw new InsertError("protected", messageFor("protected"));
  const sheetName = uniqueSheetName(
    plan.name,
    worksheets.items.map((s) => s.name),
  );

  // Sync 2: everything else, in one batch.
  let queued = false;
  try {
    context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
    const sheet = worksheets.add(sheetName);
    queued = true;
    queueSheet(sheet, plan, { activate: options.activate ?? true, notes: withNotes });
    await sync();
  } catch (error) {
    if (!queued || isAddConflict(error)) throw toInsertError(error, sheetName);
    const removed = await removeSheet(context, sheetName, sync);
    throw toInsertError(error, sheetName, removed ? undefined : sheetName);
  }
  return { sheetName, syncs, skipped };
}

/** Queues every write of the plan on the new sheet. No sync, no reads. */
export function queueSheet(sheet: Excel.Worksheet, plan: SheetPlan, options: { activate: boolean; notes: boolean }): void {
  // One proxy per address, reused by every write to it (Office's advice: fewer range objects).
  const proxies = new Map<string, Excel.Range | Excel.RangeAreas>();
  const target = (address: string): Excel.Range | Excel.RangeAreas => {
    let r = proxies.get(address);
    if (!r) proxies.set(address, (r = address.includes(",") ? sheet.getRanges(address) : sheet.getRange(address)));
    return r;
  };
  // The plan gives single ranges (no commas) for everything but grouped formats.
  const range = (address: string): Excel.Range => target(address) as Excel.Range;
  const each = <T>(writes: readonly AreaWrite<T>[], set: (r: Excel.Range | Excel.RangeAreas, value: T) => void) => {
    for (const w of writes) for (const address of w.addresses) set(target(address), w.value);
  };

  // A style sets font, fill, borders, alignment (and may set the number format) at once: first,
  // so the model's explicit formats win over it.
  each(plan.styles, (r, style) => (r.style = style));
  for (const block of plan.blocks) {
    const r = range(block.address);
    if (block.numberFormat) r.numberFormat = block.numberFormat;
    r.formulas = block.formulas;
  }
  each(plan.bold, (r) => (r.format.font.bold = true));
  each(plan.align, (r, align) => (r.format.horizontalAlignment = align));
  each(plan.wrap, (r) => (r.format.wrapText = true));
  each(plan.shrink, (r) => (r.format.shrinkToFit = true));
  for (const c of plan.columns) range(c.address).format.columnWidth = c.points;
  for (const r of plan.rowHeights ?? []) range(r.address).format.rowHeight = r.points;
  for (const m of plan.merges) range(m).merge(false);
  for (const n of plan.names) {
    if (n.comment) sheet.names.add(n.name, range(n.address), n.comment);
    else sheet.names.add(n.name, range(n.address));
  }
  for (const v of plan.validations) {
    const dv = range(v.address).dataValidation;
    dv.rule = v.rule;
    dv.errorAlert = v.errorAlert;
    if (v.prompt) dv.prompt = v.prompt;
  }
  for (const cf of plan.conditionalFormats) {
    const custom = range(cf.address).conditionalFormats.add("Custom").custom;
    custom.rule.formula = cf.formula;
    custom.format.fill.color = cf.fill;
    custom.format.font.color = cf.font;
  }
  for (const c of plan.charts) {
    const [first, ...rest] = c.series;
    const chart = sheet.charts.add(c.type, range(first.values), c.seriesBy);
    chart.title.text = c.title;
    chart.setPosition(c.from, c.to);
    const s0 = chart.series.getItemAt(0);
    s0.name = first.name;
    s0.setXAxisValues(range(first.categories));
    for (const s of rest) {
      const series = chart.series.add(s.name);
      series.setValues(range(s.values));
      series.setXAxisValues(range(s.categories));
      if (s.chartType) series.chartType = s.chartType;
    }
  }
  if (plan.tabColor) sheet.tabColor = plan.tabColor;
  if (options.activate) sheet.activate();
  if (plan.freeze) {
    if (plan.freeze.kind === "at") sheet.freezePanes.freezeAt(range(plan.freeze.address));
    else if (plan.freeze.kind === "rows") sheet.freezePanes.freezeRows(plan.freeze.count);
    else sheet.freezePanes.freezeColumns(plan.freeze.count);
  }
  if (plan.pageLayout) {
    const p = plan.pageLayout;
    const layout = sheet.pageLayout;
    layout.orientation = p.orientation;
    layout.zoom = p.zoom;
    layout.centerHorizontally = true;
    layout.setPrintArea(p.printArea);
    if (p.titleRows) layout.setPrintTitleRows(p.titleRows);
    if (p.titleColumns) layout.setPrintTitleColumns(p.titleColumns);
    const hf = layout.headersFooters.defaultForAllPages;
    hf.leftHeader = p.headersFooters.leftHeader;
    hf.centerHeader = p.headersFooters.centerHeader;
    hf.rightHeader = p.headersFooters.rightHeader;
    hf.leftFooter = p.headersFooters.leftFooter;
    hf.centerFooter = p.headersFooters.centerFooter;
    hf.rightFooter = p.headersFooters.rightFooter;
  }
  // Notes (ExcelApi 1.18) come last. Each takes a Range rather than an address string, which
  // Excel's note and comment APIs read differently. A refused note fails the batch like any write.
  if (options.notes) for (const n of plan.notes) sheet.notes.add(range(n.address), n.text);
}

/**
 * Deletes the sheet this insert added, found by the name that was free at sync 1. Returns whether
 * the workbook is clean again (sheet deleted, or never created).
 */
async function removeSheet(context: Excel.RequestContext, sheetName: string, sync: () => Promise<void>): Promise<boolean> {
  try {
    const added = context.workbook.worksheets.getItemOrNullObject(sheetName);
    added.load("isNullObject");
    await sync();
    if (added.isNullObject) return true;
    added.delete();
    await sync();
    return true;
  } catch {
    return false;
  }
}

/**
 * True when Excel refused the add itself because the name got taken after sync 1: the sheet of
 * that name is then someone else's and must not be deleted. (planSheet rejects duplicate defined
 * names, so no other write of the batch reports ItemAlreadyExists.)
 */
function isAddConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; debugInfo?: { errorLocation?: unknown } };
  const location = e.debugInfo?.errorLocation;
  return e.code === "ItemAlreadyExists" && (typeof location !== "string" || location === "" || location.startsWith("WorksheetCollection.add"));
}

function officeSupports(name: string, version: string): boolean {
  if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported) return true;
  return Office.context.requirements.isSetSupported(name, version);
}
