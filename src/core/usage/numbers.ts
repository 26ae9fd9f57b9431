/**
 * Dates and quantities of a usage export, written as text in one locale or another. Pure.
 *
 *  - Dates: 2026-03-05 (a time after it is ignored: the date is taken as written, not moved between
 *    time zones), 2026/03/05, 05/03/2026 or 03/05/2026 (day or month first: detected over the whole
 *    file, else month first, or day first in a ; file), 5 Mar 2026, Mar 5, 2026.
 *  - An end date at exactly midnight (2026-04-01T00:00:00Z) ends the day before: the API's periods
 *    may be written either way.
 *  - Quantities: "1,234.5", "1234.5", "1 234,5" and "1.234,5" (in a ; file the decimal separator is
 *    the comma unless told otherwise), "+12"; "-3" and "(3)" are negative.
 */
import { daysInMonth, MONTH_NAMES, parseMonthLabel } from "../calendar";
import { checkInput, INVARIANT, readInput } from "../input-rules";
import type { Delimiter } from "./csv";

export type DecimalSeparator = "." | ",";
export type DateOrder = "mdy" | "dmy";

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/;
const YMD_DATE = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:$|[T\s])/;
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[T\s,])/;
const DAY_NAME_DATE = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4})(?:$|[T\s,])/;
const NAME_DAY_DATE = /^([A-Za-z]{3,9})\.?[\s-]+(\d{1,2}),?[\s-]+(\d{4})(?:$|[T\s,])/;

export const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function monthOfName(name: string): number {
  const k = name.toLowerCase();
  return MONTH_NAMES.findIndex((m) => m.toLowerCase() === k || (k.length >= 3 && m.toLowerCase().startsWith(k))) + 1;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Reads a date of a usage export as an ISO date (YYYY-MM-DD); undefined when it is not one. */
export function parseUsageDate(cell: string, order: DateOrder): string | undefined {
  const t = cell.trim();
  let m = ISO_DATE.exec(t) ?? YMD_DATE.exec(t);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = NUMERIC_DATE.exec(t);
  if (m) return order === "dmy" ? isoDate(+m[3], +m[2], +m[1]) : isoDate(+m[3], +m[1], +m[2]);
  m = DAY_NAME_DATE.exec(t);
  if (m) return isoDate(+m[3], monthOfName(m[2]), +m[1]);
  m = NAME_DAY_DATE.exec(t);
  if (m) return isoDate(+m[3], monthOfName(m[1]), +m[2]);
  return undefined;
}

/** Digits only, with no separator to interpret: read as they are. */
const SIMPLE_NUMBER = /^\d{1,15}$/;

/**
 * Reads a quantity written as text through the input gate (input-rules.ts: the file's decimal
 * separator, the other one grouping thousands, and the bounds of a token count); NaN when it is not
 * a number or is out of bounds. Accounting negatives "(5)" and negative numbers come back negative.
 */
export function parseQuantity(cell: string, decimal: DecimalSeparator): number {
  if (SIMPLE_NUMBER.test(cell)) return checkInput("tokens", Number(cell), "") ? NaN : Number(cell);
  let t = cell.trim().replace(/[\s\u00a0\u202f']/g, "");
  let sign = 1;
  if (t.startsWith("(") && t.endsWith(")")) {
    sign = -1;
    t = t.slice(1, -1);
  }
  if (t.startsWith("-") || t.startsWith("\u2212")) {
    sign = -sign;
    t = t.slice(1);
  } else if (t.startsWith("+")) t = t.slice(1);
  if (t === "" || t.endsWith("%")) return NaN;
  let x = readInput("tokens", t, { decimal, group: decimal === "." ? "," : "." }, "");
  // A file guessed comma-decimal (";" between fields) may still write "1.5": a point with no comma is a decimal point there.
  if (typeof x !== "number" && decimal === "," && !t.includes(",") && !/^\d{1,3}\.\d{3}$/.test(t)) x = readInput("tokens", t, INVARIANT, "");
  return typeof x === "number" ? sign * x : NaN;
}

/** Evidence of day-first or month-first dates, gathered cell by cell. */
export class DateOrderEvidence {
  dayFirst = false;
  monthFirst = false;
  numeric = false;

  see(cell: string): void {
    const m = NUMERIC_DATE.exec(cell.trim());
    if (!m) return;
    this.numeric = true;
    if (+m[1] > 12) this.dayFirst = true;
    if (+m[2] > 12) this.monthFirst = true;
  }

  decide(delimiter: Delimiter, warnings: string[]): DateOrder {
    if (this.dayFirst && !this.monthFirst) return "dmy";
    if (this.monthFirst && !this.dayFirst) return "mdy";
    if (this.dayFirst && this.monthFirst) {
      warnings.push("Dates are written both day first and month first: they were read month first, and the others skipped as bad dates.");
      return "mdy";
    }
    const order: DateOrder = delimiter === ";" ? "dmy" : "mdy";
    if (this.numeric) warnings.push(`Dates such as 03/04/2026 could be read either way: they were read ${order === "dmy" ? "day" : "month"} first.`);
    return order;
  }
}

const MIDNIGHT_END = /^(\d{4})-(\d{1,2})-(\d{1,2})T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/;

/** The last day a period's end date covers: an end at exactly midnight ends the day before. */
export function parseEndDate(cell: string, order: DateOrder): string | undefined {
  const t = cell.trim();
  const m = MIDNIGHT_END.exec(t);
  if (m) {
    const start = isoDate(+m[1], +m[2], +m[3]);
    return start === undefined ? undefined : addDays(start, -1);
  }
  return parseUsageDate(t, order);
}

/** An ISO date moved by `days` (UTC calendar arithmetic). */
export function addDays(iso: string, days: number): string {
  const d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) + days));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Days from one ISO date to another, both included. */
export function daysBetween(from: string, to: string): number {
  const t = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  return Math.round((t(to) - t(from)) / 86_400_000) + 1;
}

/** The month a period cell names, YYYY-MM: "2026-03", "March 2026", "Mar 2026", or a date (its month). */
export function parseUsageMonth(cell: string, order: DateOrder): string | undefined {
  const m = parseMonthLabel(cell);
  if (m) return m.year >= MIN_YEAR && m.year <= MAX_YEAR ? `${m.year}-${pad2(m.month)}` : undefined;
  return parseUsageDate(cell, order)?.slice(0, 7);
}

/** The first and last day of a month YYYY-MM. */
export function monthSpan(month: string): { readonly from: string; readonly to: string } {
  return { from: `${month}-01`, to: `${month}-${pad2(daysInMonth(+month.slice(0, 4), +month.slice(5, 7)))}` };
}
