/**
 * Column widths and wrapping worked out from a sheet's content, so a printed or opened sheet never
 * shows "###" and never cuts a label off:
 *
 * - a column holding figures is at least as wide as the larger of the cell's own value and
 *   LARGEST_FIGURE (999,999,999: forty times the largest figure of the print test's extreme plan,
 *   20,000 concurrent users on the published card), in the cell's number format (currency symbol,
 *   grouping and decimals included), so realistic figures print at full size;
 * - every figure cell shrinks to fit its column (Cell.shrink): a figure larger than that, which input
 *   the gate accepts can give (GATE_LARGEST, typed into a built sheet), prints smaller, never "###";
 * - a text cell wider than the room it has (its column, or its merged columns, or the empty cells
 *   it can run into up to the sheet's last column) wraps; wrapped rows grow when the file opens.
 *
 * Widths are Excel's: characters of the default font's digits. Text is measured a character per
 * digit width (Calibri's letters are narrower on average), bold and larger styles proportionally more.
 */
import { PLAN_MONTHS } from "../core/annual-plan";
import { CARDS } from "../core/cards";
import { CALCULATOR_LINES, MONTHS_PER_YEAR } from "../core/estimate";
import { INPUT_RULES } from "../core/input-rules";
import { parseRange } from "./a1";
import type { Cell, CellStyle } from "./model";

/** The largest figures a sheet's cells may show: tokens (and other counts) and amounts of money. */
export interface LargestFigures {
  readonly tokens: number;
  readonly money: number;
}

const R = INPUT_RULES;

/** Tokens per unit of a feature at its dearest on any shipped card: the higher licence, the high end of a range. */
function dearestRate(feature: string): number {
  let most = 0;
  for (const card of CARDS) {
    for (const f of card.card.features) {
      if (f.id !== feature) continue;
      const tokens = typeof f.tokens === "number" ? [f.tokens] : [f.tokens.named, f.tokens.concurrent];
      most = Math.max(most, ...tokens.map((t) => t / f.per), f.range ? f.range.high / f.per : 0);
    }
  }
  return most;
}

/** A calculator line's largest tokens a month: the gate's largest volume (users for a per-user line, with their own rate) at the dearest rate. */
function lineMax(line: (typeof CALCULATOR_LINES)[number]): number {
  const rate = dearestRate(line.feature);
  if (line.period === "users") return R.users.max * Math.max(R.tokensPerUser.max, rate);
  return R.quantity.max * rate * (line.period === "day" ? R.workingDays.max : 1);
}

/**
 * The largest figure each sheet can show for input the gate (src/core/input-rules.ts) accepts, on
 * the shipped cards' rates: what shrink-to-fit must be able to show (the print test prints a plan at
 * these maxima in columns laid out for LARGEST_FIGURE):
 *
 * - calculator: every line at its largest (users x own tokens per user, a daily volume x 31 days x the
 *   dearest rate); the year's overage cost at the largest price;
 * - budget: the same lines, per-user lines grown by the fastest growth over the eleven months after
 *   the first (doubling every month, or the largest user count added each month) and the others by
 *   the largest seasonal multiplier, plus an initiative and a top-up at the largest token figure;
 *   the largest buffers on top; twelve months of that, at the largest price;
 * - dashboard: every feature of the largest card at the largest token figure, projected over a
 *   31-day period from one day of data.
 *
 * Sites and initiatives add up without a bound on their number: a plan with many of them widens
 * its columns by its own figures when the sheet is built.
 */
export const GATE_LARGEST: Readonly<Record<"calculator" | "budget" | "dashboard", LargestFigures>> = (() => {
  const perUser = CALCULATOR_LINES.filter((l) => l.period === "users");
  const others = CALCULATOR_LINES.filter((l) => l.period !== "users");
  const sum = (lines: readonly (typeof CALCULATOR_LINES)[number][]) => lines.reduce((t, l) => t + lineMax(l), 0);
  const calculatorMonth = sum(CALCULATOR_LINES);
  const growth = Math.max((1 + R.growthRate.max) ** (PLAN_MONTHS - 1), PLAN_MONTHS);
  const budgetMonth = (sum(perUser) * growth + (sum(others) + R.tokens.max) * R.multiplier.max) * (1 + 2 * R.buffer.max);
  const budgetYear = budgetMonth * PLAN_MONTHS;
  const features = Math.max(...CARDS.map((c) => c.card.features.length));
  const dashboard = features * R.tokens.max * R.days.max;
  return {
    calculator: { tokens: calculatorMonth, money: calculatorMonth * R.pricePerToken.max * MONTHS_PER_YEAR },
    budget: { tokens: budgetYear, money: (budgetYear + R.tokens.max * PLAN_MONTHS) * R.pricePerToken.max },
    dashboard: { tokens: dashboard, money: 0 },
  };
})();

/**
 * The figure every figure column is laid out for, tokens or money: 999,999,999. The print test's
 * extreme plan (20,000 concurrent users, twenty times the enterprise volumes, EUR) reaches about
 * 23 million tokens and 19 million euros a year. Sizing for the gate's maxima instead (GATE_LARGEST,
 * up to 1e19) would make the budget's month columns some 37 characters wide and its page unreadably
 * small; figures beyond this one shrink to fit their column instead (Cell.shrink).
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

/** Figures a column is laid out for when the sheet names none: LARGEST_FIGURE, tokens and money. */
export const SIZED_FOR: LargestFigures = { tokens: LARGEST_FIGURE, money: LARGEST_FIGURE };

/** True for a cell showing a number in a number format (not text, a date or a text format): a figure that shrinks to fit. */
export function isFigure(cell: Cell): boolean {
  const v = cell.formula !== undefined ? cell.result : cell.value;
  return cell.format !== undefined && (v === undefined || v === null || typeof v === "number") && parseFormat(cell.format) !== null;
}

/**
 * The width a figure cell needs for the largest figure it is laid out for; undefined for text, dates
 * or no format. `largest`: money for a format with a currency symbol, tokens for any other.
 */
export function figureWidth(cell: Cell, largest: LargestFigures = SIZED_FOR): number | undefined {
  const v = cell.formula !== undefined ? cell.result : cell.value;
  if (!cell.format || (v !== undefined && v !== null && typeof v !== "number")) return undefined;
  const parsed = parseFormat(cell.format);
  // A share is at most a few hundred percent in practice: its own value counts.
  const money = (parsed?.literal ?? 0) > 0;
  const bound = !parsed || parsed.percent ? 0 : money ? largest.money : largest.tokens;
  const most = Math.max(Math.abs(typeof v === "number" && Number.isFinite(v) ? v : 0), bound);
  const chars = formattedLength(most, cell.format);
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
  /** The figures columns are laid out for; SIZED_FOR when not given. */
  readonly largest?: LargestFigures;
}

export interface Fitted {
  /** New widths for columns that must widen, by column. */
  readonly widths: ReadonlyMap<number, number>;
  /** Cells ("row,col") whose text must wrap. */
  readonly wrap: ReadonlySet<string>;
  /** Figure cells ("row,col"): they shrink to fit their column rather than show "###". */
  readonly shrink: ReadonlySet<string>;
  /** Rows that must grow for their wrapped text: lines of text, by 0-based row. */
  readonly lines: ReadonlyMap<number, number>;
}

/** Works out which columns widen for their figures and which text cells wrap. */
export function fitContent(input: FitInput): Fitted {
  const widths = new Map(input.widths);
  const width = (col: number) => widths.get(col) ?? DEFAULT_WIDTH;
  const grown = new Map<number, number>();

  // Figures first: they decide the columns' widths, which the text then has to live with.
  const shrink = new Set<string>();
  for (const [rowIndex, row] of input.cells) {
    for (const [col, cell] of row) {
      if (isFigure(cell)) shrink.add(`${rowIndex},${col}`);
      const need = figureWidth(cell, input.largest);
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
  return { widths: grown, wrap, shrink, lines };
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
