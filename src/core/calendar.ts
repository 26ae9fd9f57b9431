/**
 * The calendar: month names, month keys and labels, days in a month. The one table of month names
 * and the one month parser every face uses (sheets, taskpane, command line, usage import).
 */

export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** A calendar month: year and month 1-12. */
export interface CalendarMonth {
  readonly year: number;
  readonly month: number;
}

/** "2026-03" for year 2026, month 3. */
export const monthKey = (year: number, month: number): string => `${year}-${month < 10 ? "0" : ""}${month}`;

/** "March 2026" for "2026-03". */
export const monthLabel = (key: string): string => `${MONTH_NAMES[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;

/** A month (1 = January) in short: "Mar", or "Mar 2026" with its year. */
export const shortMonth = (month: number, year?: number): string => {
  const short = MONTH_NAMES[month - 1].slice(0, 3);
  return year === undefined ? short : `${short} ${year}`;
};

/** Days in a calendar month (Gregorian, leap years included). */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const MONTH_WORDS = MONTH_NAMES.map((m) => m.toLowerCase());

/**
 * The month a label names: "March 2026", "Mar 2026", "Sept 2026", "March, 2026" (three letters or
 * more, or the whole name) or "2026-03" / "2026-3"; undefined for any other text.
 */
export function parseMonthLabel(label: string): CalendarMonth | undefined {
  const text = label.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (iso) {
    const month = Number(iso[2]);
    return month >= 1 && month <= 12 ? { year: Number(iso[1]), month } : undefined;
  }
  const words = /^([a-z]+)\.?,?\s+(\d{4})$/.exec(text);
  if (!words || words[1].length < 3) return undefined;
  const index = MONTH_WORDS.findIndex((w) => w.startsWith(words[1]));
  return index < 0 ? undefined : { year: Number(words[2]), month: index + 1 };
}

/** The calendar month after the one `today` is in (UTC). */
export function monthAfter(today: Date): CalendarMonth {
  const m = today.getUTCMonth() + 1;
  return m === 12 ? { year: today.getUTCFullYear() + 1, month: 1 } : { year: today.getUTCFullYear(), month: m + 1 };
}
