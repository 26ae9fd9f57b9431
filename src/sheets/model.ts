/**
 * A worksheet described as data: what to write, never how. Built from the core by the sheet
 * builders (calculator, budget, dashboard), written by src/excel into the open workbook and by
 * src/xlsx into a file. Building a model is pure: no Office, no DOM, no I/O.
 *
 * Addresses are A1 strings on the model's own sheet. Formulas are native Excel formulas in
 * English (en-US) syntax with a leading "=", using only functions Excel 2016 and LibreOffice know.
 */
import { parseA1 } from "./a1";

/** A literal cell value. A string is always text: a writer must never let it become a formula. */
export type CellValue = string | number | boolean | null;

/** Named cell styles; each writer maps them to its host (Excel's built-in styles where they exist). */
export const CELL_STYLES = ["title", "subtitle", "heading", "label", "input", "output", "calculation", "total", "note", "good", "neutral", "bad"] as const;
export type CellStyle = (typeof CELL_STYLES)[number];

export interface Cell {
  /** A literal value. Ignored when `formula` is set. */
  readonly value?: CellValue;
  /** A native Excel formula starting with "=". */
  readonly formula?: string;
  /**
   * The value the formula computes, as the core computed it: written as the cached value of an
   * .xlsx file so viewers that do not recalculate still show the right number.
   */
  readonly result?: CellValue;
  /** An Excel number format code, e.g. "#,##0" or "0.0%". */
  readonly format?: string;
  readonly style?: CellStyle;
  /** Bold text, for labels that are not headings. */
  readonly bold?: boolean;
  /** Horizontal alignment. */
  readonly align?: "left" | "center" | "right";
  /** Wrap long text within the cell. */
  readonly wrap?: boolean;
  /**
   * Shrink the text to fit the column: a figure wider than its column prints smaller instead of as
   * "###". The sheet builder sets it on every figure cell.
   */
  readonly shrink?: boolean;
  /** A cell note (comment) shown on hover. */
  readonly note?: string;
}

/** A rectangle of cells written in one go: rows x columns, top-left at `at`. Rows may be ragged; missing cells stay empty. */
export interface Block {
  readonly at: string;
  readonly rows: readonly (readonly (Cell | null)[])[];
}

/** A sheet-scoped defined name: other sheets refer to it as 'Sheet name'!Name. */
export interface DefinedName {
  readonly name: string;
  /** A cell or range on this sheet, e.g. "C24" or "C5:C13". */
  readonly ref: string;
  readonly comment?: string;
}

export type DataValidation =
  | { readonly range: string; readonly type: "list"; readonly values: readonly string[]; readonly prompt?: string }
  | { readonly range: string; readonly type: "decimal" | "whole"; readonly min: number; readonly max?: number; readonly prompt?: string };

/**
 * A conditional format: when the formula (written for the top-left cell of `range`, relative
 * references moving with each cell) is TRUE, the cell takes the style.
 */
export interface ConditionalFormat {
  readonly range: string;
  readonly formula: string;
  readonly style: "good" | "neutral" | "bad";
}

export interface ChartSeries {
  readonly name: string;
  /** A one-row or one-column range of values on this sheet. */
  readonly values: string;
}

export interface Chart {
  readonly type: "column" | "bar" | "line" | "pie" | "columnLine";
  readonly title: string;
  /** The range of category labels on this sheet. */
  readonly categories: string;
  readonly series: readonly ChartSeries[];
  /** Where the chart sits: the range it covers. */
  readonly anchor: string;
}

export interface ColumnWidth {
  /** 0-based column index. */
  readonly col: number;
  /** Width in characters of the default font, as Excel's column width. */
  readonly width: number;
}

/** A header or footer in three parts, in Excel's header/footer codes. */
export interface HeaderFooterParts {
  readonly left: string;
  readonly center: string;
  readonly right: string;
}

/**
 * How the sheet prints: both writers apply it (ExcelJS pageSetup/headerFooter, office.js pageLayout).
 * The paper size is left to the printer and the locale (A4 or Letter), so it is not part of the model.
 */
export interface PageSetup {
  readonly orientation: "portrait" | "landscape";
  /** Scale to fit this many pages across (1: every column of a row on one page). */
  readonly fitToPagesWide: number;
  /** Scale so the print area fits this many pages down at most. */
  readonly fitToPagesTall: number;
  /** The range printed, e.g. "A1:K80". */
  readonly printArea: string;
  /** Rows repeated at the top of every page, e.g. "1:2" (1-based, as Excel writes them). */
  readonly printTitleRows?: string;
  /** Columns repeated at the left of every page, e.g. "A:A". */
  readonly printTitleColumns?: string;
  /** The printed header's plain text: the sheet's title on the left, its rate card (name and date) in the middle. */
  readonly title: string;
  readonly detail: string;
}

export interface SheetModel {
  /** The wanted sheet name; a writer picks a free variant ("Token Calculator (2)") and never overwrites. */
  readonly name: string;
  readonly blocks: readonly Block[];
  readonly columns: readonly ColumnWidth[];
  readonly merges: readonly string[];
  readonly names: readonly DefinedName[];
  readonly validations: readonly DataValidation[];
  readonly conditionalFormats: readonly ConditionalFormat[];
  readonly charts: readonly Chart[];
  /** Rows and columns kept in view when scrolling. */
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly tabColor?: string;
  /** How the sheet prints. */
  readonly page?: PageSetup;
  /** Rows taller than the default, in points: rows whose wrapped text needs more than one line. */
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
}

/** Excel's rules for a sheet name: 1-31 characters, none of []:*?/\ and no leading or trailing apostrophe. */
export const SHEET_NAME_MAX = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/** Makes any text a legal sheet name (forbidden characters replaced, trimmed, shortened). */
export function legalSheetName(text: string): string {
  const cleaned = text
    .replace(FORBIDDEN, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  return (cleaned || "Sheet").slice(0, SHEET_NAME_MAX).trim();
}

/**
 * The first name not in use: the wanted name, then "Name (2)", "Name (3)"..., shortening the base
 * so the suffix fits in 31 characters. Excel compares sheet names case-insensitively.
 */
export function uniqueSheetName(wanted: string, existing: Iterable<string>): string {
  const taken = new Set<string>();
  for (const n of existing) taken.add(n.toLowerCase());
  const base = legalSheetName(wanted);
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd() + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Text as it must stand in a header or footer: "&" doubled, so no text ever becomes a code. */
const headerText = (text: string): string => text.replace(/&/g, "&&");

/**
 * The printed header and footer of a page setup, in Excel's header/footer codes (the same in
 * ExcelJS and office.js): title left, rate card centre, printing date right; the sheet's tab name
 * left and "Page n of N" right in the footer.
 */
export function headerFooter(page: PageSetup): { readonly header: HeaderFooterParts; readonly footer: HeaderFooterParts } {
  return {
    header: { left: headerText(page.title), center: headerText(page.detail), right: "Printed &D" },
    footer: { left: "&A", center: "", right: "Page &P of &N" },
  };
}

/** Every cell of a model with its address, in block order. */
export function* cellsOf(model: SheetModel): Generator<{ row: number; col: number; cell: Cell }> {
  for (const block of model.blocks) {
    const origin = parseA1(block.at);
    for (let r = 0; r < block.rows.length; r++) {
      const cells = block.rows[r];
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (cell) yield { row: origin.row + r, col: origin.col + c, cell };
      }
    }
  }
}
