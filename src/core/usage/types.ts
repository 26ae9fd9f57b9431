/** The options and the result of a usage import: plain data, shared by the import's modules. */
import type { CompiledCard } from "../card-registry";
import type { LicenceModel } from "../ratecard";
import type { Delimiter } from "./csv";
import type { ColumnMapping, ColumnOverrides } from "./mapping";
import type { DateOrder, DecimalSeparator } from "./numbers";
import type { ColumnRole } from "./shapes";

export interface ImportOptions {
  /** The card whose features rows are put on and whose rates convert units (default: the default card). */
  readonly card?: CompiledCard;
  /** The licence model for converting per-user features (default named). */
  readonly licence?: LicenceModel;
  /** Column overrides by role: the header's text (any case) or a 0-based index. */
  readonly columns?: ColumnOverrides;
  /** The analyst's mapping of a file whose headers are not a known shape (replaces the recognition). */
  readonly mapping?: ColumnMapping;
  /** The month, YYYY-MM, of rows that carry no date (a period export, a mapping without a date column). */
  readonly month?: string;
  readonly delimiter?: Delimiter;
  readonly decimal?: DecimalSeparator;
  readonly dateOrder?: DateOrder;
}

/** What kind of export the text was read as. */
export type UsageShape =
  /** GET /api/v2/billing/reports/billableusage: BillingUsageReport (JSON). */
  | "billable-usage-api"
  /** The subscription overview of a billing period: SubscriptionOverview (JSON). */
  | "subscription-overview"
  /** Admin UI > Subscription > Download Usage Report > Billable Usage (CSV: Charge Name, Entity, Timestamp, ...). */
  | "billable-usage-report"
  /** Any CSV with a date, a feature and a quantity column by their usual names (the Resources Usage report flattened, ...). */
  | "usage-csv"
  /** A CSV read by the analyst's column mapping. */
  | "mapped-csv";

export const SKIP_REASONS = {
  empty: "empty line",
  "not-ai-tokens": "not an AI Experience token row",
  "bad-date": "date missing or not a date",
  "bad-quantity": "quantity missing or not a number",
  negative: "negative quantity",
  unit: "unit is neither tokens nor the feature's own unit",
  period: "period runs over more than one month",
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;
/** Rows skipped for these reasons are not token rows: skipped quietly and counted. Any other skip drops a token row: a warning. */
export const QUIET_SKIPS: readonly SkipReason[] = ["empty", "not-ai-tokens"];

export interface UsageRow {
  /** The line of the file the row starts on (1-based, header included); in JSON, the usage's place (1-based). */
  readonly line: number;
  /** ISO date, YYYY-MM-DD: the day, or the first day of the period the row covers. */
  readonly date: string;
  /** The last day the row covers, when it covers a period rather than a day. */
  readonly end?: string;
  /** A feature id of the card, "other" (a feature the card lacks) or "all" (a total without features). */
  readonly feature: string;
  /** The quantity as read, in `unit`. */
  readonly quantity: number;
  /** "tokens", or the card's unit the quantity was converted from. */
  readonly unit: string;
  readonly tokens: number;
  /** The row's feature text, cleaned of control characters and cut short: for display, never a formula. */
  readonly resource: string;
}

export interface SkipGroup {
  readonly reason: SkipReason;
  readonly label: string;
  readonly count: number;
  /** The first SKIP_LINES_SHOWN line numbers. */
  readonly lines: readonly number[];
  /** The first offending text, cleaned and cut short. */
  readonly example: string;
  /** True when the rows skipped are AI-token rows (a warning); false for rows that are not token rows. */
  readonly tokenRows: boolean;
}

/** One AI-token row that could not be used, and why. */
export interface SkippedTokenRow {
  readonly line: number;
  readonly reason: SkipReason;
  readonly label: string;
  /** The feature text of the row and the offending cell, cleaned and cut short. */
  readonly resource: string;
  readonly text: string;
}

export interface FeatureTotal {
  readonly feature: string;
  /** The card's name for the feature. */
  readonly name: string;
  readonly tokens: number;
  readonly rows: number;
}

export interface MonthTotal {
  /** YYYY-MM. */
  readonly month: string;
  /** "March 2026". */
  readonly label: string;
  readonly tokens: number;
  readonly rows: number;
  readonly byFeature: readonly FeatureTotal[];
  /** Tokens by week of the month, WEEKS_OF_MONTH entries (week 5 = days 29-31); all 0 when `weeksKnown` is false. */
  readonly weeks: readonly number[];
  /** False when some of the month's tokens come with a period, not a day: the weeks cannot be told. */
  readonly weeksKnown: boolean;
  /** The first and last day of the token rows (a period row counts its whole period). */
  readonly firstDate: string;
  readonly lastDate: string;
  /**
   * The days of the month the export covers: from the first to the last date of any row in the month
   * (token or not, and the end of a period), so days without AI usage still count as covered.
   */
  readonly coveredFrom: string;
  readonly coveredTo: string;
  readonly daysCovered: number;
  readonly daysInMonth: number;
  /** Fewer days covered than the month has. */
  readonly partial: boolean;
  /** Committed (prepaid) tokens of the month, when the export says (the subscription overview's prepayQuantity). */
  readonly committed?: number;
}

export interface WeekTotal {
  readonly month: string;
  /** 1-5, week of the month. */
  readonly week: number;
  readonly from: string;
  readonly to: string;
  readonly tokens: number;
}

export interface UsageImport {
  /** "ok": every token row used; "ok-with-warnings": token rows were skipped (see skippedTokenRows) or something needs checking. */
  readonly status: "ok" | "ok-with-warnings";
  readonly shape: UsageShape;
  readonly card: string;
  /** CSV only: how the text was read (JSON is read as "," / "." / ISO dates). */
  readonly delimiter: Delimiter;
  readonly decimal: DecimalSeparator;
  readonly dateOrder: DateOrder;
  /** The line of the header (0 for JSON). */
  readonly headerLine: number;
  /** The header text of each mapped column (cleaned, cut short); for JSON, the field names read. */
  readonly columns: Readonly<Partial<Record<ColumnRole | "period", string>>>;
  readonly contextColumns: readonly string[];
  /** The end-date column, when there is one (it extends the days covered). */
  readonly endColumn?: string;
  readonly ignoredColumns: readonly string[];
  /** Lines after the header (empty lines included), or usages of a JSON report. */
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsSkipped: number;
  readonly skipped: readonly SkipGroup[];
  /** AI-token rows that could not be used: how many, and the first SKIP_LINES_SHOWN of them. */
  readonly tokenRowsSkipped: number;
  readonly skippedTokenRows: readonly SkippedTokenRow[];
  readonly rows: readonly UsageRow[];
  readonly byFeature: readonly FeatureTotal[];
  /** False when some tokens come without a feature ("All AI features"): shares by feature cannot be shown for them. */
  readonly breakdown: boolean;
  readonly months: readonly MonthTotal[];
  readonly weeks: readonly WeekTotal[];
  /** Dates of the rows used. */
  readonly period: { readonly from: string; readonly to: string } | null;
  /** Dates of every row with a readable date, used or not, and end dates: how far the report reaches. */
  readonly reportDates: { readonly from: string; readonly to: string } | null;
  readonly total: number;
  /** Committed (prepaid) tokens of the period when the export gives them (subscription overview), else null. */
  readonly committedTokens: number | null;
  /** The currency of a subscription overview, when given. */
  readonly currency?: string;
  readonly warnings: readonly string[];
}
