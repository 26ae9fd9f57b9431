/**
 * Column widths and wrapping worked out from a sheet's content, so a printed or opened sheet never
 * shows "###" and never cuts a label off:
 *
 * - a column holding figures is at least as wide as the widest figure it may show: the larger of
 *   the cell's own value and LARGEST_FIGURE, in the cell's number format (currency symbol,
 *   grouping and decimals included);
 * - a text cell wider than the room it has (its column, or its merged columns, or the empty cells
 *   it can run into up to the sheet's last column) wraps; wrapped rows grow when the file opens.
 *
 * Widths are Excel's: characters of the default font's digits. Text is measured a character per
 * digit width (Calibri's letters are narrower on average), bold and larger styles proportionally more.
 */
import { parseRange } from "./a1";
import type { Cell, CellStyle } from "./model";

/**
 * The largest figure any figure cell must show without "###": just under a billion tokens or
 * currency units. The core's rounding agrees with Excel's up to about a billion tokens a line
 * (README, Limits), so the sheets are laid out for figures up to there; a larger cell value widens
 * its column to fit.
 */
export const LARGEST_FIGURE = 999_999_999;

/** Excel's width of a column nobody sized. */
export const DEFAULT_WIDTH = 8.43;

/** How much wider than a digit a character of each style prints (font size, bold). */
const STYLE_SCALE: Partial<Record<CellStyle, number>> = { title: 1.7, subtitle: 1.3, heading: 1.1, output: 1.1, total: 1.1, calculation: 1.1 };
const scaleOf = (cell: Cell): number => Math.max(STYLE_SCALE[cell.style ?? "label"] ?? 1, cell.bold ? 1.1 : 1);

/** Room Excel leaves inside a cell, in characters. */
const PADDING = 1.5;

interface ParsedFormat {
  readonly literal: number;
  readonly percent: boolean;
  readonly decimals: number;
  readonly grouped: boolean;
}
/** Number formats read once: a sheet has a handful, and a large budget tens of thousands of cells. */
const FORMATS = new Map<string, ParsedFormat | null>();

function parseFormat(format: string): ParsedFormat | null {
  let parsed = FORMATS.get(format);
  if (parsed !== undefined) return parsed;
  const literal = [...format.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join("").length;
  const code = format.replace(/"[^"]*"/g, "").split(";")[0];
  parsed = /[dmyhs@]/i.test(code)
    ? null
    : { literal, percent: code.includes("%"), decimals: /\.([0#]+)/.exec(code)?.[1].length ?? 0, grouped: code.includes(",") };
  FORMATS.set(format, parsed);
  return parsed;
}

/** Characters the text of a number takes in an Excel number format ("#,##0.00", '"€"#,##0.00', "0.0%"); undefined for dates and text formats. */
export function formattedLength(value: number, format: string): number | undefined {
  const f = parseFormat(format);
  if (!f) return undefined;
  const x = Math.abs(f.percent ? value * 100 : value);
  const whole = x < 1 ? 1 : Math.floor(Math.log10(x)) + 1;
  const groups = f.grouped ? Math.floor((whole - 1) / 3) : 0;
  return f.literal + whole + groups + (f.decimals > 0 ? f.decimals + 1 : 0) + (f.percent ? 1 : 0) + (value < 0 ? 1 : 0);
}

/** The width a figure cell needs for the largest figure it may show; undefined for text, dates or no format. */
export function figureWidth(cell: Cell): number | undefined {
  const v = cell.formula !== undefined ? cell.result : cell.value;
  if (!cell.format || (v !== undefined && v !== null && typeof v !== "number")) return undefined;
  const percent = parseFormat(cell.format)?.percent ?? false;
  // A share is at most a few hundred percent in practice; a figure may reach LARGEST_FIGURE.
  const largest = Math.max(Math.abs(typeof v === "number" && Number.isFinite(v) ? v : 0), percent ? 0 : LARGEST_FIGURE);
  const chars = formattedLength(largest, cell.format);
  return chars === undefined ? undefined : chars * scaleOf(cell) + PADDING;
}

/** The width text takes in a cell, in characters of the default font's digits. */
export function textWidth(cell: Cell, text: string): number {
  return text.length * scaleOf(cell) + PADDING;
}

export interface FitInput {
  readonly cells: ReadonlyMap<number, ReadonlyMap<number, Cell>>;
  /** The widths set so far, by 0-based column. */
  readonly widths: ReadonlyMap<number, number>;
  readonly merges: readonly string[];
  readonly lastCol: number;
}

export interface Fitted {
  /** New widths for columns that must widen, by column. */
  readonly widths: ReadonlyMap<number, number>;
  /** Cells ("row,col") whose text must wrap. */
  readonly wrap: ReadonlySet<string>;
  /** Rows that must grow for their wrapped text: lines of text, by 0-based row. */
  readonly lines: ReadonlyMap<number, number>;
}

/** Works out which columns widen for their figures and which text cells wrap. */
export function fitContent(input: FitInput): Fitted {
  const widths = new Map(input.widths);
  const width = (col: number) => widths.get(col) ?? DEFAULT_WIDTH;
  const grown = new Map<number, number>();

  // Figures first: they decide the columns' widths, which the text then has to live with.
  for (const [, row] of input.cells) {
    for (const [col, cell] of row) {
      const need = figureWidth(cell);
      if (need !== undefined && need > width(col)) {
        const w = Math.ceil(need);
        widths.set(col, w);
        grown.set(col, w);
      }
    }
  }

  // A malformed merge is left for the writers to refuse with their own message.
  const merges = input.merges.flatMap((m) => {
    try {
      return [parseRange(m)];
    } catch {
      return [];
    }
  });
  const merged = new Map<string, { cols: number; rows: number }>();
  for (const r of merges) merged.set(`${r.row},${r.col}`, { cols: r.cols, rows: r.rows });
  const insideMerge = new Set<string>();
  for (const r of merges) {
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) if (i > 0 || j > 0) insideMerge.add(`${r.row + i},${r.col + j}`);
  }

  const wrap = new Set<string>();
  const lines = new Map<number, number>();
  const needLines = (row: number, n: number) => lines.set(row, Math.max(lines.get(row) ?? 1, n));
  for (const [rowIndex, row] of input.cells) {
    for (const [col, cell] of row) {
      const text = cell.formula !== undefined ? cell.result : cell.value;
      if (typeof text !== "string" || text === "") continue;
      if (cell.wrap) {
        // Wrapped already: the row grows to show every line (programs do not all fit rows on opening).
        const merge = merged.get(`${rowIndex},${col}`);
        let room = width(col);
        if (merge?.rows === 1) for (let j = 1; j < merge.cols; j++) room += width(col + j);
        needLines(rowIndex, wrappedLines(cell, text, room));
        continue;
      }
      const key = `${rowIndex},${col}`;
      if (insideMerge.has(key)) continue;
      const merge = merged.get(key);
      let room = 0;
      if (merge) {
        for (let j = 0; j < merge.cols; j++) room += width(col + j);
      } else {
        // Text runs into empty cells to its right (left-aligned text only), up to the sheet's last column.
        room = width(col);
        const runs = cell.align === undefined || cell.align === "left";
        for (let c = col + 1; runs && c <= input.lastCol && !row.has(c) && !insideMerge.has(`${rowIndex},${c}`) && !merged.has(`${rowIndex},${c}`); c++)
          room += width(c);
      }
      if (textWidth(cell, text) > room) {
        wrap.add(key);
        let own = width(col);
        if (merge?.rows === 1) for (let j = 1; j < merge.cols; j++) own += width(col + j);
        needLines(rowIndex, wrappedLines(cell, text, own));
      }
    }
  }
  for (const [row, n] of lines) if (n <= 1) lines.delete(row);
  return { widths: grown, wrap, lines };
}

/** Lines a text takes when wrapped in `room` characters, breaking between words (a word longer than a line takes several). */
function wrappedLines(cell: Cell, text: string, room: number): number {
  const perLine = Math.max(1, Math.floor((room - PADDING) / scaleOf(cell)));
  let count = 0;
  for (const paragraph of text.split("\n")) {
    let lines = 1;
    let line = 0;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const w = Math.min(word.length, perLine);
      lines += Math.ceil(word.length / perLine) - 1;
      if (line === 0) line = w;
      else if (line + 1 + w <= perLine) line += 1 + w;
      else {
        lines++;
        line = w;
      }
    }
    count += lines;
  }
  return count;
}

/** Points a row of Calibri 11 takes per line of text (Excel's default row is 15 points). */
export const POINTS_PER_LINE = 15;
