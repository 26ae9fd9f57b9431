/**
 * The one check of a sheet model, called by both writers (src/excel into the open workbook, src/xlsx
 * into a file) before they write anything: a model either writer would refuse, or that Excel would
 * refuse or silently change, is refused here with the same sentence in both. A broken model is a
 * programmer's mistake, not the analyst's: the message names the sheet and the cell or range.
 */
import { parseA1, parseRange, rangeA1 } from "./a1";
import { cellsOf, type SheetModel } from "./model";

/** Excel's grid and limits (Excel specifications and limits). */
export const EXCEL_LIMITS = {
  rows: 1_048_576,
  columns: 16_384,
  /** Characters of a cell's text. */
  cellText: 32_767,
  /** Characters of an in-cell list validation's source, commas included. */
  listSource: 255,
  /** Characters of a defined name. */
  name: 255,
} as const;

/** A model no writer should write; the message names the sheet and the cell or range. */
export class InvalidModelError extends Error {
  override readonly name = "InvalidModelError";
}

/** Every problem of a model, each a sentence starting with "Sheet!A1: ". Empty when the model can be written. */
export function modelProblems(model: SheetModel): string[] {
  const problems: string[] = [];
  const at = (where: string, text: string) => problems.push(`${model.name}!${where}: ${text}`);
  /** The range normalised ("A1:B2"), or undefined after reporting why it is not one. */
  const range = (ref: string, what: string): string | undefined => {
    let r;
    try {
      r = parseRange(ref);
    } catch {
      at(String(ref), `${what}: not an A1 range of this sheet`);
      return undefined;
    }
    if (!inGrid(r.row, r.col, r.rows, r.cols)) {
      at(ref, `${what}: outside Excel's grid`);
      return undefined;
    }
    return rangeA1(r.row, r.col, r.rows, r.cols);
  };

  for (const block of model.blocks) {
    let origin;
    try {
      origin = parseA1(block.at);
    } catch {
      at(String(block.at), "a block must start at an A1 cell address");
      continue;
    }
    const cols = block.rows.reduce((n, r) => Math.max(n, r.length), 0);
    if (!inGrid(origin.row, origin.col, block.rows.length, cols)) at(block.at, "the block runs outside Excel's grid");
  }
  for (const { row, col, cell } of cellsOf(model)) {
    const where = rangeA1(row, col, 1, 1);
    if (cell.formula !== undefined) {
      if (!cell.formula.startsWith("=")) at(where, `a formula must start with "=", got ${JSON.stringify(cell.formula)}`);
      continue;
    }
    const v = cell.value;
    if (typeof v === "number" && !Number.isFinite(v)) at(where, `${v} is not a number a cell can hold`);
    if (typeof v === "string" && v.length > EXCEL_LIMITS.cellText) at(where, `text longer than Excel's ${EXCEL_LIMITS.cellText} characters`);
  }
  for (const { col, width } of model.columns) {
    if (!Number.isInteger(col) || col < 0 || col >= EXCEL_LIMITS.columns) at("columns", `${col} is not a column index`);
    else if (!Number.isFinite(width) || width < 0) at("columns", `column ${col + 1}: width ${width} is not a width`);
  }
  for (const m of model.merges) range(m, "merge");
  const names = new Set<string>();
  for (const n of model.names) {
    if (!isExcelName(n.name)) at(n.ref, `${JSON.stringify(n.name)} is not a valid Excel name`);
    if (names.has(n.name.toLowerCase())) at(n.ref, `the name ${JSON.stringify(n.name)} is defined twice`);
    names.add(n.name.toLowerCase());
    range(n.ref, `name ${n.name}`);
  }
  for (const v of model.validations) {
    range(v.range, "validation");
    if (v.type === "list") {
      if (v.values.length === 0) at(v.range, "a list validation needs at least one value");
      const bad = v.values.find((x) => x.includes(",") || x.trim() === "");
      if (bad !== undefined) at(v.range, `list item ${JSON.stringify(bad)} is empty or holds a comma`);
      const source = v.values.map((x) => x.replace(/"/g, '""')).join(",");
      if (source.length > EXCEL_LIMITS.listSource) at(v.range, `the list is longer than Excel's ${EXCEL_LIMITS.listSource} characters`);
    } else if (!Number.isFinite(v.min) || (v.max !== undefined && !(Number.isFinite(v.max) && v.max >= v.min))) {
      at(v.range, `validation bounds ${v.min}..${v.max} are not a range`);
    }
  }
  for (const cf of model.conditionalFormats) {
    range(cf.range, "conditional format");
    if (!cf.formula.startsWith("=")) at(cf.range, 'a conditional format\'s formula must start with "="');
  }
  model.charts.forEach((chart, i) => {
    const what = `chart ${i + 1} (${chart.title})`;
    if (chart.series.length === 0) at(chart.anchor, `${what}: no series`);
    range(chart.categories, what);
    range(chart.anchor, what);
    for (const s of chart.series) range(s.values, what);
  });
  if (model.freeze) {
    const { rows, columns } = model.freeze;
    if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 0 || columns < 0) at("freeze", `${rows} rows, ${columns} columns cannot be frozen`);
  }
  if (model.page) range(model.page.printArea, "print area");
  if (model.tabColor !== undefined && !/^#?[0-9A-Fa-f]{6}$/.test(model.tabColor.trim()))
    at("tab", `colour ${JSON.stringify(model.tabColor)} is not a #RRGGBB colour`);
  return problems;
}

/** Throws InvalidModelError naming the first problems of a model; returns when both writers can write it. */
export function validateModel(model: SheetModel): void {
  const problems = modelProblems(model);
  if (problems.length === 0) return;
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : "";
  throw new InvalidModelError(problems.slice(0, 3).join("; ") + more);
}

const inGrid = (row: number, col: number, rows: number, cols: number): boolean =>
  row >= 0 && col >= 0 && row + rows <= EXCEL_LIMITS.rows && col + cols <= EXCEL_LIMITS.columns;

/** Excel's rules for a defined name, enough to catch a model's typo before Excel does: no cell address, no space. */
function isExcelName(name: string): boolean {
  return (
    /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) &&
    name.length <= EXCEL_LIMITS.name &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name)
  );
}
