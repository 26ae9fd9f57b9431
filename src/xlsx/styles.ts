/**
 * The sheet model's named cell styles as .xlsx cell formatting. ExcelJS cannot write named cell
 * styles (the "Input" entry of Excel's style gallery), so each style is written as the direct
 * formatting of the Excel built-in style it stands for, with that style's colours (Office 2013+
 * theme). `excelStyle` names the built-in, for writers that can apply it by name (src/excel).
 */
import type { Alignment, Borders, Fill, Font, Style } from "exceljs";
import type { Cell, CellStyle } from "../sheets/model";

export interface XlsxStyle {
  /** The Excel built-in cell style this look copies; undefined where Excel has none. */
  readonly excelStyle?: string;
  readonly font?: Partial<Font>;
  readonly fill?: Fill;
  readonly border?: Partial<Borders>;
  /** Input cells stay unlocked, so protecting the sheet still lets the analyst type. */
  readonly unlocked?: boolean;
}

const argb = (hex: string) => ({ argb: `FF${hex}` });
const solid = (hex: string): Fill => ({ type: "pattern", pattern: "solid", fgColor: argb(hex), bgColor: argb(hex) });
const box = (hex: string): Partial<Borders> => {
  const side = { style: "thin" as const, color: argb(hex) };
  return { top: side, left: side, bottom: side, right: side };
};

/** Excel's built-in colours: Text 2 for titles and headings, Accent 1 for totals and heading borders. */
const TEXT_2 = "44546A";
const ACCENT_1 = "4472C4";
/** Accent 1 at 40% and 50% lighter: the bottom borders of Heading 3 and Heading 2. */
const ACCENT_1_LIGHT = "8EA9DB";
const ACCENT_1_LIGHTER = "A2B8E1";

export const XLSX_STYLES: Readonly<Record<CellStyle, XlsxStyle>> = {
  title: { excelStyle: "Title", font: { name: "Calibri Light", size: 18, color: argb(TEXT_2) } },
  subtitle: {
    excelStyle: "Heading 2",
    font: { bold: true, size: 13, color: argb(TEXT_2) },
    border: { bottom: { style: "thick", color: argb(ACCENT_1_LIGHTER) } },
  },
  heading: {
    excelStyle: "Heading 3",
    font: { bold: true, color: argb(TEXT_2) },
    border: { bottom: { style: "medium", color: argb(ACCENT_1_LIGHT) } },
  },
  label: {},
  input: { excelStyle: "Input", font: { color: argb("3F3F76") }, fill: solid("FFCC99"), border: box("7F7F7F"), unlocked: true },
  output: { excelStyle: "Output", font: { bold: true, color: argb("3F3F3F") }, fill: solid("F2F2F2"), border: box("3F3F3F") },
  // No generated cell uses Calculation (workings are plain); it stays for models that ask for it.
  calculation: { excelStyle: "Calculation", font: { bold: true, color: argb("FA7D00") }, fill: solid("F2F2F2"), border: box("7F7F7F") },
  total: {
    excelStyle: "Total",
    font: { bold: true },
    border: { top: { style: "thin", color: argb(ACCENT_1) }, bottom: { style: "double", color: argb(ACCENT_1) } },
  },
  note: { excelStyle: "Explanatory Text", font: { italic: true, color: argb("7F7F7F") } },
  good: { excelStyle: "Good", font: { color: argb("006100") }, fill: solid("C6EFCE") },
  neutral: { excelStyle: "Neutral", font: { color: argb("9C5700") }, fill: solid("FFEB9C") },
  bad: { excelStyle: "Bad", font: { color: argb("9C0006") }, fill: solid("FFC7CE") },
};

/** The differential format of a conditional format: font colour and fill of the good/neutral/bad style. */
export function conditionalStyle(style: "good" | "neutral" | "bad"): Partial<Style> {
  // A differential format changes only what it names: the colour, not the face.
  const s = XLSX_STYLES[style];
  const hex = (s.fill as { fgColor: { argb: string } }).fgColor.argb;
  return { font: { color: s.font!.color }, fill: { type: "pattern", pattern: "solid", bgColor: { argb: hex } } };
}

/**
 * The ExcelJS style of a cell, or undefined for a cell with no formatting. Cells with the same
 * formatting get the same object, so ExcelJS's style table stays small and the write stays fast:
 * callers must assign it whole and never mutate it.
 */
export class StyleCache {
  private readonly cache = new Map<string, Partial<Style> | undefined>();

  styleOf(cell: Cell): Partial<Style> | undefined {
    const key = `${cell.style ?? ""}|${cell.format ?? ""}|${cell.bold ? 1 : 0}|${cell.align ?? ""}|${cell.wrap ? 1 : 0}|${cell.shrink ? 1 : 0}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const style = buildStyle(cell);
    this.cache.set(key, style);
    return style;
  }
}

/**
 * The workbook's default font (ExcelJS writes Calibri 11). A cell font always names its face and
 * size: a font given only as "bold" leaves each program to pick a face, and LibreOffice picks a serif.
 */
export const BASE_FONT: Partial<Font> = { name: "Calibri", size: 11, family: 2 };

function buildStyle(cell: Cell): Partial<Style> | undefined {
  const named = cell.style ? XLSX_STYLES[cell.style] : undefined;
  const style: Partial<Style> = {};
  if (cell.format) style.numFmt = cell.format;
  if (named?.font || cell.bold) style.font = { ...BASE_FONT, ...named?.font, ...(cell.bold ? { bold: true } : {}) };
  if (named?.fill) style.fill = named.fill;
  if (named?.border) style.border = named.border;
  if (named?.unlocked) style.protection = { locked: false };
  if (cell.align || cell.wrap || cell.shrink) {
    const alignment: Partial<Alignment> = {};
    if (cell.align) alignment.horizontal = cell.align;
    // A figure wider than its column prints smaller rather than as "###".
    if (cell.shrink) alignment.shrinkToFit = true;
    if (cell.wrap) {
      alignment.wrapText = true;
      alignment.vertical = "top";
    }
    style.alignment = alignment;
  }
  return Object.keys(style).length > 0 ? style : undefined;
}

/** "#1F6FB2", "1F6FB2" or "FF1F6FB2" as ExcelJS's ARGB; undefined for anything else. */
export function toArgb(color: string): string | undefined {
  const hex = color.trim().replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{6}$/.test(hex)) return `FF${hex}`;
  if (/^[0-9A-F]{8}$/.test(hex)) return hex;
  return undefined;
}
