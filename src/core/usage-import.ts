/**
 * Importing actual usage: the text of a usage export (CSV) in, the AI Experience token rows it holds
 * out, with totals by feature, month and week, and the reasons other rows were skipped. Pure: the
 * text is only read, the result is plain data, and a malformed file gives an InputError and no result.
 *
 * Shapes it reads (see test/fixtures/usage/):
 *  - the Genesys Cloud usage report (Admin > Subscription > Download Usage Report): one row per day
 *    and billable resource, e.g. Date, Resource, Part Number, Quantity, Unit of Measure;
 *  - the billable-usage API items (GET /api/v2/billing/reports/billableusage) flattened to CSV:
 *    startDate, name, partNumber, grouping, unitOfMeasureType, usageQuantity (quantities as text).
 *
 * Rules, in the order they are applied to a file:
 *  1. Text: a leading byte-order mark is dropped. More than 1% control characters (NUL and the like,
 *     or U+FFFD) in the first 64K characters means a binary or wrongly-decoded file: rejected.
 *  2. CSV (RFC 4180): fields in double quotes may hold delimiters, line breaks and "" for a quote;
 *     records end at CRLF, LF or CR; a quote that never closes rejects the file. A quote inside an
 *     unquoted field, or text after a closing quote, is kept as written.
 *     The delimiter is the most frequent of , ; and tab on the first lines, outside quotes (ties: ",").
 *  3. Header: the first of the first 10 non-empty lines that names a date, a feature and a quantity
 *     column (COLUMN_ALIASES, compared without case, spaces or punctuation: "Usage Quantity" =
 *     "usageQuantity"). Lines before it are a preamble and are not counted. Options.columns overrides
 *     the mapping by header text or 0-based index. Other columns are ignored (and listed).
 *  4. Rows, each kept or skipped with one reason (SKIP_REASONS), checked in this order:
 *     empty line; not an AI-token row; bad date; bad quantity; negative quantity; unit not convertible.
 *     - AI-token row: its feature text (or part number, grouping, description) names a feature of the
 *       card (the card's own names and ids, as findFeature) or of FEATURE_SYNONYMS, or names AI
 *       Experience tokens in general (then the feature is found inside the text, e.g.
 *       "AI Experience Tokens - Agent Copilot", else it counts as "Other AI tokens"), or its unit is tokens.
 *     - Dates: 2026-03-05 (a time after it is ignored: the date is taken as written, not moved between
 *       time zones), 2026/03/05, 05/03/2026 or 03/05/2026 (day or month first: detected over the whole
 *       file, else month first, or day first in a ; file; options.dateOrder overrides), 5 Mar 2026, Mar 5, 2026.
 *     - Quantities are text: "1,234.5", "1234.5", "1 234,5" and "1.234,5" (in a ; file the decimal
 *       separator is the comma unless options.decimal says otherwise), "+12"; "-3" and "(3)" are negative.
 *     - Units: empty, or anything with "token" in it, means tokens. The feature's own unit (minutes of
 *       Voice Bots, sessions of Virtual Agent, users of Copilot...) is converted to tokens at the card's
 *       rate, exactly (no rounding). Any other unit (USD, GB...) is skipped.
 *  5. Totals: by feature (card order, then Other), by month, and by week of the month: days 1-7 are
 *     week 1, 8-14 week 2, 15-21 week 3, 22-28 week 4, 29-31 week 5 (a short week).
 */
import { MONTH_NAMES, daysInMonth } from "./calendar";
import { normaliseFeatureId, type CompiledCard } from "./card-registry";
import { DEFAULT_CARD } from "./cards";
import { featureTokens } from "./consumption";
import { InputError, type Result } from "./errors";
import type { FeatureRate, LicenceModel } from "./ratecard";
import { monthKey, monthLabel } from "./calendar";
import { OTHER_FEATURE, type FeatureActual, type PlanMonths, type UsageDashboard, type VarianceMonth } from "./usage-dashboard";

// ---------------------------------------------------------------------------------------------
// Reference data

/** Column names recognised for each role, best first. Compared by `columnKey` (no case, spaces or punctuation). */
export const COLUMN_ALIASES = {
  date: ["date", "usage date", "day", "start date", "usage start date", "report date", "date (utc)", "billing date", "period", "period start", "timestamp", "start time", "date time", "from"],
  feature: ["feature", "resource", "resource name", "name", "product", "product name", "part name", "charge name", "item", "item name", "service", "usage type", "description"],
  quantity: ["quantity", "usage quantity", "qty", "tokens", "token quantity", "tokens used", "tokens consumed", "ai tokens", "amount", "usage", "consumption", "value", "count"],
  unit: ["unit", "unit of measure", "unit of measure type", "uom", "units", "measure"],
  /** The end of the period a row covers (the API's endDate): only tells how far the report reaches. */
  end: ["end date", "usage end date", "period end", "end time", "end", "to"],
  /** Further text that may name the feature when the feature column is generic ("AI Experience Tokens"). */
  context: ["part number", "part", "part no", "sku", "grouping", "group", "category", "usage group", "type", "description", "product", "name", "item"],
} as const;

export type ColumnRole = "date" | "feature" | "quantity" | "unit";

/**
 * Names of AI features in usage exports, beside the card's own names and ids. `unit` is the unit a
 * row named so is counted in when the file has no unit column ("Voice Bot Minutes" are minutes).
 * feature null: AI Experience tokens in general, not one feature.
 */
export const FEATURE_SYNONYMS: readonly { readonly text: string; readonly feature: string | null; readonly unit?: string }[] = [
  { text: "Genesys Cloud AI Experience Tokens", feature: null },
  { text: "Genesys AI Experience Tokens", feature: null },
  { text: "AI Experience Tokens", feature: null },
  { text: "AI Experience Token", feature: null },
  { text: "AI Experience", feature: null },
  { text: "AI Tokens", feature: null },
  { text: "AI Token", feature: null },
  { text: "Agent Copilot", feature: "copilot" },
  { text: "Genesys Agent Copilot", feature: "copilot" },
  { text: "Genesys Cloud Agent Copilot", feature: "copilot" },
  { text: "AI Copilot", feature: "copilot" },
  { text: "Copilot", feature: "copilot" },
  { text: "Agent Copilot Users", feature: "copilot", unit: "user" },
  { text: "Speech and Text Analytics", feature: "analytics" },
  { text: "Speech & Text Analytics", feature: "analytics" },
  { text: "Speech Analytics", feature: "analytics" },
  { text: "AI Scoring", feature: "scoring" },
  { text: "Virtual Supervisor", feature: "scoring" },
  { text: "AI Scoring Evaluations", feature: "scoring", unit: "evaluation" },
  { text: "AI Translate", feature: "translate" },
  { text: "AI Translation", feature: "translate" },
  { text: "Translation", feature: "translate" },
  { text: "Voice Bot", feature: "voicebot" },
  { text: "Voice Bots", feature: "voicebot" },
  { text: "Voicebot", feature: "voicebot" },
  { text: "Voice Bot Minutes", feature: "voicebot", unit: "minute" },
  { text: "Voice Bots Minutes", feature: "voicebot", unit: "minute" },
  { text: "Digital Bot", feature: "digitalbot" },
  { text: "Digital Bots", feature: "digitalbot" },
  { text: "Digital Bot Sessions", feature: "digitalbot", unit: "session" },
  { text: "AI Messaging", feature: "messaging" },
  { text: "Social Listening", feature: "social" },
  { text: "Social Listening Posts", feature: "social", unit: "post" },
  { text: "Virtual Agent", feature: "virtualagent" },
  { text: "Genesys Virtual Agent", feature: "virtualagent" },
  { text: "AI Virtual Agent", feature: "virtualagent" },
  { text: "Virtual Agent Sessions", feature: "virtualagent", unit: "session" },
  { text: "Virtual Agent Interactions", feature: "virtualagent", unit: "interaction" },
  { text: "AI Summary", feature: "summary" },
  { text: "AI Summaries", feature: "summary" },
  { text: "AI Summary & Insights", feature: "summary" },
  { text: "AI Summary and Insights", feature: "summary" },
  { text: "Summary & Insights", feature: "summary" },
];

/** Other spellings of the units the cards count in. */
export const UNIT_SYNONYMS: Readonly<Record<string, string>> = {
  min: "minute", mins: "minute", minutes: "minute",
  sess: "session", sessions: "session",
  msg: "message", msgs: "message", messages: "message",
  eval: "evaluation", evals: "evaluation", evaluations: "evaluation",
  seat: "user", seats: "user", users: "user", licence: "user", licences: "user", license: "user", licenses: "user",
  interactions: "interaction", posts: "post", summaries: "summary",
};

export const SKIP_REASONS = {
  empty: "empty line",
  "not-ai-tokens": "not an AI Experience token row",
  "bad-date": "date missing or not a date",
  "bad-quantity": "quantity missing or not a number",
  negative: "negative quantity",
  unit: "unit is neither tokens nor the feature's own unit",
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

/** Line numbers listed per skip reason (the count is always complete). */
export const SKIP_LINES_SHOWN = 20;
/** Header lines are looked for among this many first non-empty lines. */
export const HEADER_SEARCH_LINES = 10;
/** Text longer than this is refused before parsing (about 50 MB). */
export const MAX_IMPORT_CHARS = 50_000_000;
/** File text quoted in a message is cut to this many characters. */
export const MESSAGE_TEXT_MAX = 40;

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;
/** Days of a week of the month; the fifth week holds what is left (29-31). */
const WEEK_DAYS = 7;
export const WEEKS_OF_MONTH = 5;
/** The share of control characters above which a text is taken for binary. */
const BINARY_SHARE = 0.01;
const BINARY_SAMPLE = 65536;

// ---------------------------------------------------------------------------------------------
// Results

export type Delimiter = "," | ";" | "\t";
export type DecimalSeparator = "." | ",";
export type DateOrder = "mdy" | "dmy";

export interface ImportOptions {
  /** The card whose features rows are put on and whose rates convert units (default: the default card). */
  readonly card?: CompiledCard;
  /** The licence model for converting per-user features (default named). */
  readonly licence?: LicenceModel;
  /** Column overrides: the header's text (any case) or a 0-based index. */
  readonly columns?: Partial<Record<ColumnRole, string | number>>;
  readonly delimiter?: Delimiter;
  readonly decimal?: DecimalSeparator;
  readonly dateOrder?: DateOrder;
}

export interface UsageRow {
  /** The line of the file the row starts on (1-based, header included). */
  readonly line: number;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  /** A feature id of the card, or "other". */
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
  /** Tokens by week of the month, WEEKS_OF_MONTH entries (week 5 = days 29-31). */
  readonly weeks: readonly number[];
  readonly firstDate: string;
  readonly lastDate: string;
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
  readonly card: string;
  readonly delimiter: Delimiter;
  readonly decimal: DecimalSeparator;
  readonly dateOrder: DateOrder;
  /** The line of the header. */
  readonly headerLine: number;
  /** The header text of each mapped column (cleaned, cut short). */
  readonly columns: Readonly<Partial<Record<ColumnRole, string>>>;
  readonly contextColumns: readonly string[];
  /** The end-date column, when there is one (it only extends reportDates). */
  readonly endColumn?: string;
  readonly ignoredColumns: readonly string[];
  /** Lines after the header (empty lines included). */
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsSkipped: number;
  readonly skipped: readonly SkipGroup[];
  readonly rows: readonly UsageRow[];
  readonly byFeature: readonly FeatureTotal[];
  readonly months: readonly MonthTotal[];
  readonly weeks: readonly WeekTotal[];
  /** Dates of the rows used. */
  readonly period: { readonly from: string; readonly to: string } | null;
  /** Dates of every row with a readable date, used or not, and end dates: how far the report reaches. */
  readonly reportDates: { readonly from: string; readonly to: string } | null;
  readonly total: number;
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Text from a file, fit for a message: control characters shown as U+FFFD, cut to `max` characters. */
export function showText(text: string, max: number = MESSAGE_TEXT_MAX): string {
  if (text.length <= max && !UNSHOWABLE.test(text)) return text;
  const cut = text.length > max ? text.slice(0, max) : text;
  const clean = cut.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\ufffd").replace(/[\r\n\t]/g, " ");
  return text.length > max ? `${clean}… (${text.length.toLocaleString("en-US")} characters)` : clean;
}

const UNSHOWABLE = /[\u0000-\u001f\u007f]/;
/** Control characters other than tab and line breaks: junk in a name. */
const JUNK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const quoted = (text: string): string => `"${showText(text)}"`;

/** A column name or feature text reduced to lower-case letters and digits. */
export const columnKey = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, "");

const isBlank = (s: string): boolean => s.trim() === "";

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd) control++;
  }
  return control > n * BINARY_SHARE;
}

// ---------------------------------------------------------------------------------------------
// CSV

export interface CsvRecord {
  /** The line the record starts on, 1-based. */
  readonly line: number;
  readonly fields: readonly string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The delimiter of a CSV text: the most frequent of , ; and tab on one of its first lines, outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const candidates: Delimiter[] = [",", ";", "\t"];
  const best = [0, 0, 0];
  const counts = [0, 0, 0];
  let inQuotes = false;
  let lines = 0;
  const end = Math.min(text.length, 16384);
  for (let i = 0; i < end && lines < HEADER_SEARCH_LINES; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) {
      for (let k = 0; k < 3; k++) best[k] = Math.max(best[k], counts[k]);
      counts.fill(0);
      lines++;
    } else if (!inQuotes) {
      const k = candidates.indexOf(ch as Delimiter);
      if (k >= 0) counts[k]++;
    }
  }
  for (let k = 0; k < 3; k++) best[k] = Math.max(best[k], counts[k]);
  let pick = 0;
  for (let k = 1; k < 3; k++) if (best[k] > best[pick]) pick = k;
  return candidates[pick];
}

function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * Reads CSV text record by record (RFC 4180, lenient about stray quotes), calling `onRecord` with
 * each record's fields and first line; `onRecord` returning false stops the scan. Records are not
 * kept, so a large file costs no more memory than its largest record. An unclosed quote is an error.
 */
export function scanCsv(text: string, delimiter: Delimiter, onRecord: (fields: string[], line: number) => boolean | void): InputError | undefined {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      let start = ++i;
      value = "";
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return new InputError("value", `A quote opened on line ${openLine} is never closed: the file is not valid CSV.`);
        line += lineBreaks(text, i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(start, q + 1);
          i = start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === LF || c === CR) break;
        j++;
      }
      if (j > i) value += text.slice(i, j);
      i = j;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === LF || c === CR) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) fields.push("");
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (onRecord(fields, recordLine) === false) return undefined;
    fields = [];
    recordLine = ++line;
  }
  if (fields.length > 0) onRecord(fields, recordLine);
  return undefined;
}

/** Splits CSV text into records; an unclosed quote is an error. */
export function parseCsv(text: string, delimiter: Delimiter): Result<CsvRecord[]> {
  const records: CsvRecord[] = [];
  const problem = scanCsv(text, delimiter, (fields, line) => {
    records.push({ line, fields });
  });
  return problem ?? records;
}

// ---------------------------------------------------------------------------------------------
// Columns

interface Mapping {
  readonly index: Partial<Record<ColumnRole, number>>;
  readonly context: number[];
  readonly end?: number;
}

const ALIAS_KEYS = {
  end: COLUMN_ALIASES.end.map(columnKey),
  date: COLUMN_ALIASES.date.map(columnKey),
  feature: COLUMN_ALIASES.feature.map(columnKey),
  quantity: COLUMN_ALIASES.quantity.map(columnKey),
  unit: COLUMN_ALIASES.unit.map(columnKey),
  context: COLUMN_ALIASES.context.map(columnKey),
};
const ROLE_ORDER: readonly ColumnRole[] = ["quantity", "date", "unit", "feature"];
const REQUIRED: readonly ColumnRole[] = ["date", "feature", "quantity"];

function mapColumns(header: readonly string[], overrides: ImportOptions["columns"]): Result<Mapping> {
  const keys = header.map(columnKey);
  const taken = new Set<number>();
  const index: Partial<Record<ColumnRole, number>> = {};
  for (const role of ROLE_ORDER) {
    const o = overrides?.[role];
    if (o === undefined) continue;
    const at = typeof o === "number" ? (Number.isInteger(o) && o >= 0 && o < header.length ? o : -1) : keys.indexOf(columnKey(o));
    if (at < 0) return new InputError("value", `The ${role} column ${typeof o === "number" ? `number ${o + 1}` : quoted(o)} is not in the header.`);
    index[role] = at;
    taken.add(at);
  }
  for (const role of ROLE_ORDER) {
    if (index[role] !== undefined) continue;
    for (const alias of ALIAS_KEYS[role]) {
      const at = keys.findIndex((k, c) => k === alias && !taken.has(c));
      if (at >= 0) {
        index[role] = at;
        taken.add(at);
        break;
      }
    }
  }
  let end: number | undefined;
  for (const alias of ALIAS_KEYS.end) {
    const at = keys.findIndex((k, c) => k === alias && !taken.has(c));
    if (at >= 0) {
      end = at;
      taken.add(at);
      break;
    }
  }
  const context: number[] = [];
  for (const alias of ALIAS_KEYS.context) {
    keys.forEach((k, c) => {
      if (k === alias && !taken.has(c)) {
        context.push(c);
        taken.add(c);
      }
    });
  }
  return end === undefined ? { index, context } : { index, context, end };
}

const describeAliases = (role: ColumnRole): string => COLUMN_ALIASES[role].slice(0, 6).map((a) => `"${a}"`).join(", ") + ", ...";

// ---------------------------------------------------------------------------------------------
// Features

interface Resolution {
  readonly ai: boolean;
  /** A card feature id or "other". */
  readonly feature: string;
  /** The unit the name implies ("Voice Bot Minutes"). */
  readonly unit?: string;
}

const NOT_AI: Resolution = { ai: false, feature: "" };
const GENERIC_KEYS = new Set(FEATURE_SYNONYMS.filter((s) => s.feature === null).map((s) => columnKey(s.text)));
const SYNONYMS = new Map<string, { feature: string | null; unit?: string }>();
for (const s of FEATURE_SYNONYMS) SYNONYMS.set(columnKey(s.text), { feature: s.feature, unit: s.unit });
/** Phrases looked for inside a generic token row's text, longest first. */
const MIN_PHRASE = 6;

interface FeatureIndex {
  readonly card: CompiledCard;
  readonly phrases: readonly { readonly key: string; readonly feature: string }[];
  readonly cache: Map<string, Resolution>;
}

function featureIndex(card: CompiledCard): FeatureIndex {
  const phrases: { key: string; feature: string }[] = [];
  for (const s of FEATURE_SYNONYMS) if (s.feature !== null && !s.unit) phrases.push({ key: columnKey(s.text), feature: s.feature });
  for (const f of card.card.features) {
    phrases.push({ key: columnKey(f.name), feature: f.id });
    phrases.push({ key: f.id, feature: f.id });
  }
  return {
    card,
    phrases: phrases.filter((p) => p.key.length >= MIN_PHRASE).sort((a, b) => b.key.length - a.key.length),
    cache: new Map(),
  };
}

const onCard = (idx: FeatureIndex, id: string): string => (idx.card.byId.has(id) ? id : OTHER_FEATURE.id);

/** The card feature a single text names exactly, or generic, or nothing. */
function exactFeature(idx: FeatureIndex, text: string): Resolution | "generic" | undefined {
  // Text with control characters (NUL...) is junk, not a name: "Agent\u0000Copilot" names nothing.
  if (JUNK.test(text)) return undefined;
  const key = columnKey(text);
  if (key === "") return undefined;
  const syn = SYNONYMS.get(key);
  if (syn) return syn.feature === null ? "generic" : { ai: true, feature: onCard(idx, syn.feature), unit: syn.unit };
  const norm = normaliseFeatureId(text.trim());
  const f: FeatureRate | undefined = idx.card.byId.get(text.trim()) ?? idx.card.lookup.get(norm) ?? idx.card.lookup.get(norm.replace(/s$/, ""));
  return f ? { ai: true, feature: f.id } : undefined;
}

function resolveFeature(idx: FeatureIndex, texts: readonly string[], tokenUnit: boolean): Resolution {
  let generic = tokenUnit;
  for (const t of texts) {
    const r = exactFeature(idx, t);
    if (r === "generic") generic = true;
    else if (r) return r;
  }
  const keys = texts.map((t) => (JUNK.test(t) ? "" : columnKey(t)));
  if (!generic && !keys.some((k) => k.includes("token") || GENERIC_KEYS.has(k))) return NOT_AI;
  for (const k of keys) {
    for (const p of idx.phrases) if (k.includes(p.key)) return { ai: true, feature: onCard(idx, p.feature) };
  }
  return { ai: true, feature: OTHER_FEATURE.id };
}

const isTokenUnit = (unit: string): boolean => columnKey(unit).includes("token");

function unitOf(f: FeatureRate, unit: string): boolean {
  const k = columnKey(unit);
  const canonical = UNIT_SYNONYMS[k] ?? k;
  return canonical === columnKey(f.unit) || k === columnKey(f.units) || k === columnKey(f.unit);
}

// ---------------------------------------------------------------------------------------------
// Dates and quantities

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/;
const YMD_DATE = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:$|[T\s])/;
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[T\s,])/;
const DAY_NAME_DATE = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4})(?:$|[T\s,])/;
const NAME_DAY_DATE = /^([A-Za-z]{3,9})\.?[\s-]+(\d{1,2}),?[\s-]+(\d{4})(?:$|[T\s,])/;


const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

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
const GROUPED_DOT = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const PLAIN_DOT = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_COMMA = /^\d{1,3}(\.\d{3})+(,\d*)?$/;
const PLAIN_COMMA = /^\d+(,\d*)?$/;

/** Reads a quantity written as text; NaN when it is not a number. Negative numbers come back negative. */
export function parseQuantity(cell: string, decimal: DecimalSeparator): number {
  if (SIMPLE_NUMBER.test(cell)) return Number(cell);
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
  if (t === "") return NaN;
  let plain: string;
  if (decimal === ".") {
    if (GROUPED_DOT.test(t)) plain = t.replace(/,/g, "");
    else if (PLAIN_DOT.test(t)) plain = t;
    else return NaN;
  } else if (GROUPED_COMMA.test(t)) plain = t.replace(/\./g, "").replace(",", ".");
  else if (PLAIN_COMMA.test(t)) plain = t.replace(",", ".");
  else if (PLAIN_DOT.test(t)) plain = t;
  else return NaN;
  const x = Number(plain);
  return Number.isFinite(x) ? sign * x : NaN;
}

/** Evidence of day-first or month-first dates, gathered cell by cell. */
class DateOrderEvidence {
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

// ---------------------------------------------------------------------------------------------
// The import

interface MonthAcc {
  tokens: number;
  rows: number;
  byFeature: Map<string, { tokens: number; rows: number }>;
  weeks: number[];
  first: string;
  last: string;
}

interface SkipAcc {
  count: number;
  lines: number[];
  example: string;
}

/** Reads a usage export; an InputError with a message when the file cannot be read at all. */
export function importUsageCsv(text: string, options: ImportOptions = {}): Result<UsageImport> {
  if (typeof text !== "string") return new InputError("value", "The usage export must be text.");
  if (text.length > MAX_IMPORT_CHARS) return new InputError("value", `The file is too large to import (${text.length.toLocaleString("en-US")} characters; at most ${MAX_IMPORT_CHARS.toLocaleString("en-US")}).`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (isBlank(body)) return new InputError("value", "The file is empty.");
  if (looksBinary(body)) return new InputError("value", "The file does not look like text: is it a spreadsheet (.xlsx) or a UTF-16 file? Save it as CSV (UTF-8) and try again.");

  const card = options.card ?? DEFAULT_CARD;
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const decimal: DecimalSeparator = options.decimal ?? (delimiter === ";" ? "," : ".");
  // Pass 1: the header (the first of the first non-empty lines that maps every required column),
  // whether data follows it, and the evidence of the date order. Nothing is kept but that.
  let headerLine = -1;
  let header: string[] = [];
  let mapping: Mapping | undefined;
  let best: { line: number; fields: string[]; mapping: Mapping; found: number } | undefined;
  let firstLine: string[] | undefined;
  let overrideProblem: InputError | undefined;
  let seen = 0;
  let hasData = false;
  const evidence = new DateOrderEvidence();
  const needOrder = options.dateOrder === undefined;
  const scanned = scanCsv(body, delimiter, (fields, line) => {
    const blank = fields.every(isBlank);
    if (mapping) {
      if (!blank) hasData = true;
      if (!needOrder) return !hasData;
      const cell = fields[mapping.index.date!];
      if (cell !== undefined) evidence.see(cell);
      return true;
    }
    if (blank) return true;
    firstLine ??= fields;
    if (++seen > HEADER_SEARCH_LINES) return false;
    const m = mapColumns(fields, options.columns);
    if (m instanceof InputError) {
      overrideProblem ??= m;
      return true;
    }
    const found = REQUIRED.filter((role) => m.index[role] !== undefined).length;
    if (found === REQUIRED.length) {
      mapping = m;
      header = fields;
      headerLine = line;
    } else if (!best || found > best.found) best = { line, fields, mapping: m, found };
    return true;
  });
  if (scanned) return scanned;
  if (!mapping) {
    if (overrideProblem && (!best || best.found === 0)) return overrideProblem;
    if (!best || best.found === 0) {
      const cells = firstLine ? firstLine.slice(0, 8).map(quoted).join(", ") : "";
      return new InputError("value", `No header with a date, a feature and a quantity column was found in the first ${HEADER_SEARCH_LINES} lines. The first line holds: ${cells}.`);
    }
    const b = best;
    const missing = REQUIRED.filter((role) => b.mapping.index[role] === undefined);
    const cells = b.fields.slice(0, 12).map(quoted).join(", ");
    return new InputError(
      "value",
      `No ${missing.join(" or ")} column on the header line ${b.line}: ${missing.map((role) => `a ${role} column is called ${describeAliases(role)}`).join("; ")}. The header holds: ${cells}.`,
    );
  }
  if (!hasData) return new InputError("value", `The file has a header (line ${headerLine}) but no data rows.`);
  const found: Mapping = mapping;
  const col = found.index as Required<Pick<Record<ColumnRole, number>, "date" | "feature" | "quantity">> & { unit?: number };
  const contextCols = found.context;
  const endCol = found.end;
  const mapped = new Set<number>([col.date, col.feature, col.quantity, ...contextCols, ...(col.unit !== undefined ? [col.unit] : []), ...(endCol !== undefined ? [endCol] : [])]);

  const warnings: string[] = [];
  const dateOrder = options.dateOrder ?? evidence.decide(delimiter, warnings);
  const idx = featureIndex(card);
  const licence = options.licence ?? "named";

  const rows: UsageRow[] = [];
  const skips = new Map<SkipReason, SkipAcc>();
  const skip = (reason: SkipReason, line: number, example: string) => {
    let s = skips.get(reason);
    if (!s) skips.set(reason, (s = { count: 0, lines: [], example: showText(example) }));
    s.count++;
    if (s.lines.length < SKIP_LINES_SHOWN) s.lines.push(line);
  };
  const byFeature = new Map<string, { tokens: number; rows: number }>();
  const months = new Map<string, MonthAcc>();
  const unitKinds = new Map<string, Set<string>>();
  let reportFrom: string | undefined;
  let reportTo: string | undefined;
  let total = 0;
  const texts: string[] = [];

  // Dates and units repeat from row to row: each distinct text is read once (up to a bound).
  const CACHE_MAX = 10_000;
  const dates = new Map<string, string | undefined>();
  const readDate = (cell: string): string | undefined => {
    if (dates.has(cell)) return dates.get(cell);
    const d = parseUsageDate(cell, dateOrder);
    if (dates.size < CACHE_MAX && cell.length <= 64) dates.set(cell, d);
    return d;
  };
  const tokenUnits = new Map<string, boolean>();
  const isTokens = (unit: string): boolean => {
    let t = tokenUnits.get(unit);
    if (t === undefined) {
      t = isTokenUnit(unit);
      if (tokenUnits.size < CACHE_MAX && unit.length <= 64) tokenUnits.set(unit, t);
    }
    return t;
  };

  // Pass 2: every line after the header, kept or skipped.
  let rowsRead = 0;
  const processRow = (fields: string[], line: number): void => {
    rowsRead++;
    if (fields.every(isBlank)) {
      skip("empty", line, "");
      return;
    }
    const featureText = fields[col.feature] ?? "";
    const unitText = col.unit !== undefined ? (fields[col.unit] ?? "").trim() : "";
    const dateCell = fields[col.date] ?? "";
    const date = readDate(dateCell);
    if (date) {
      if (reportFrom === undefined || date < reportFrom) reportFrom = date;
      if (reportTo === undefined || date > reportTo) reportTo = date;
      const end = endCol !== undefined ? readDate(fields[endCol] ?? "") : undefined;
      if (end && end > reportTo) reportTo = end;
    }

    texts.length = 0;
    texts.push(featureText);
    for (const c of contextCols) texts.push(fields[c] ?? "");
    const tokenUnit = unitText !== "" && isTokens(unitText);
    const cacheKey = texts.join("\u0001") + (tokenUnit ? "\u0002t" : "");
    let res = cacheKey.length <= 400 ? idx.cache.get(cacheKey) : undefined;
    if (!res) {
      res = resolveFeature(idx, texts, tokenUnit);
      if (cacheKey.length <= 400 && idx.cache.size < 10000) idx.cache.set(cacheKey, res);
    }
    if (!res.ai) {
      skip("not-ai-tokens", line, featureText);
      return;
    }
    if (!date) {
      skip("bad-date", line, dateCell);
      return;
    }
    const quantity = parseQuantity(fields[col.quantity] ?? "", decimal);
    if (Number.isNaN(quantity)) {
      skip("bad-quantity", line, fields[col.quantity] ?? "");
      return;
    }
    if (quantity < 0) {
      skip("negative", line, fields[col.quantity] ?? "");
      return;
    }
    const unit = unitText || res.unit || "";
    let tokens: number;
    let unitName: string;
    if (unit === "" || isTokens(unit)) {
      tokens = quantity;
      unitName = "tokens";
    } else {
      const f = idx.card.byId.get(res.feature);
      if (!f || !unitOf(f, unit)) {
        skip("unit", line, unit);
        return;
      }
      tokens = featureTokens(f, quantity, { rounding: "exact", licence, level: "mid" }) as number;
      unitName = f.units;
    }
    let kinds = unitKinds.get(res.feature);
    if (!kinds) unitKinds.set(res.feature, (kinds = new Set()));
    kinds.add(unitName);

    rows.push({ line, date, feature: res.feature, quantity, unit: unitName, tokens, resource: showText(featureText, 80) });
    total += tokens;
    let ft = byFeature.get(res.feature);
    if (!ft) byFeature.set(res.feature, (ft = { tokens: 0, rows: 0 }));
    ft.tokens += tokens;
    ft.rows++;
    const month = date.slice(0, 7);
    let m = months.get(month);
    if (!m) months.set(month, (m = { tokens: 0, rows: 0, byFeature: new Map(), weeks: new Array(WEEKS_OF_MONTH).fill(0), first: date, last: date }));
    m.tokens += tokens;
    m.rows++;
    let mf = m.byFeature.get(res.feature);
    if (!mf) m.byFeature.set(res.feature, (mf = { tokens: 0, rows: 0 }));
    mf.tokens += tokens;
    mf.rows++;
    m.weeks[Math.min(WEEKS_OF_MONTH - 1, Math.floor((Number(date.slice(8, 10)) - 1) / WEEK_DAYS))] += tokens;
    if (date < m.first) m.first = date;
    if (date > m.last) m.last = date;
  };
  let pastHeader = false;
  scanCsv(body, delimiter, (fields, line) => {
    if (pastHeader) processRow(fields, line);
    else pastHeader = line === headerLine;
  });
  // Tokens are never negative, so a finite total means every row, month, week and feature total is finite.
  if (!Number.isFinite(total)) return new InputError("value", "The token quantities add up to more than can be computed (a quantity such as 1e308?): check the quantity column.");

  const order = [...card.card.features.map((f) => f.id), OTHER_FEATURE.id];
  const nameOf = (id: string) => (id === OTHER_FEATURE.id ? OTHER_FEATURE.name : (card.byId.get(id)?.name ?? id));
  const totals = (m: Map<string, { tokens: number; rows: number }>): FeatureTotal[] =>
    order.filter((id) => m.has(id)).map((id) => ({ feature: id, name: nameOf(id), tokens: m.get(id)!.tokens, rows: m.get(id)!.rows }));

  for (const [feature, kinds] of unitKinds) {
    if (kinds.size > 1) warnings.push(`${nameOf(feature)} has rows in ${[...kinds].join(" and ")}: check that they do not count the same usage twice.`);
  }

  const monthList: MonthTotal[] = [...months.keys()].sort().map((month) => {
    const m = months.get(month)!;
    return { month, label: monthLabel(month), tokens: m.tokens, rows: m.rows, byFeature: totals(m.byFeature), weeks: m.weeks, firstDate: m.first, lastDate: m.last };
  });
  const weeks: WeekTotal[] = [];
  for (const m of monthList) {
    const y = Number(m.month.slice(0, 4));
    const mm = Number(m.month.slice(5, 7));
    const last = daysInMonth(y, mm);
    m.weeks.forEach((tokens, w) => {
      const fromDay = w * WEEK_DAYS + 1;
      if (fromDay > last) return;
      const toDay = w === WEEKS_OF_MONTH - 1 ? last : Math.min(last, fromDay + WEEK_DAYS - 1);
      weeks.push({ month: m.month, week: w + 1, from: `${m.month}-${pad2(fromDay)}`, to: `${m.month}-${pad2(toDay)}`, tokens });
    });
  }
  const skipped: SkipGroup[] = (Object.keys(SKIP_REASONS) as SkipReason[])
    .filter((reason) => skips.has(reason))
    .map((reason) => {
      const s = skips.get(reason)!;
      return { reason, label: SKIP_REASONS[reason], count: s.count, lines: s.lines, example: s.example };
    });
  const rowsSkipped = skipped.reduce((n, s) => n + s.count, 0);
  const columns: Partial<Record<ColumnRole, string>> = {};
  for (const role of [...REQUIRED, "unit"] as ColumnRole[]) {
    const c = mapping.index[role];
    if (c !== undefined) columns[role] = showText(header[c]);
  }
  return {
    card: card.id,
    delimiter,
    decimal,
    dateOrder,
    headerLine,
    columns,
    contextColumns: contextCols.map((c) => showText(header[c])),
    ...(endCol !== undefined ? { endColumn: showText(header[endCol]) } : {}),
    ignoredColumns: header.flatMap((h, c) => (mapped.has(c) || isBlank(h) ? [] : [showText(h)])).slice(0, SKIP_LINES_SHOWN),
    rowsRead,
    rowsUsed: rows.length,
    rowsSkipped,
    skipped,
    rows,
    byFeature: totals(byFeature),
    months: monthList,
    weeks,
    period: rows.length > 0 ? { from: monthList[0].firstDate, to: monthList[monthList.length - 1].lastDate } : null,
    reportDates: reportFrom && reportTo ? { from: reportFrom, to: reportTo } : null,
    total,
    warnings,
  };
}

/** What an import did, in sentences for the analyst. */
export function importSummary(imp: UsageImport): string[] {
  const n = (x: number) => x.toLocaleString("en-US");
  const out = [`${n(imp.rowsUsed)} of ${n(imp.rowsRead)} rows used: ${n(Math.round(imp.total * 100) / 100)} tokens${imp.period ? ` from ${imp.period.from} to ${imp.period.to}` : ""}.`];
  for (const s of imp.skipped) {
    const more = s.count > s.lines.length ? ", ..." : "";
    out.push(`${n(s.count)} skipped, ${s.label}: line${s.count > 1 ? "s" : ""} ${s.lines.join(", ")}${more}${s.example ? ` (e.g. "${s.example}")` : ""}.`);
  }
  return out.concat(imp.warnings);
}

// ---------------------------------------------------------------------------------------------
// From an import to a dashboard

export interface DashboardFromImportOptions {
  /** The month to show, YYYY-MM (default: the last month of the import). */
  readonly month?: string;
  /**
   * Days of the month elapsed (default: the whole month when the report reaches past it, else the day
   * of the report's last date in the month).
   */
  readonly daysElapsed?: number;
  /** The period label (default "March 2026"). */
  readonly period?: string;
  /** Budgeted tokens by month (YYYY-MM), for the variance table; a month without a budget shows 0. */
  readonly budgets?: Readonly<Record<string, number>>;
  /**
   * The annual plan the budget sheet shows: months of the import inside the plan take its forecast
   * consumption as their budget (and read it from the budget sheet); `budgets` covers the others.
   */
  readonly plan?: PlanMonths;
}

/**
 * A dashboard of one month of an import. Features are the card's features with rows in the month,
 * largest first. Weeks are the weeks of the month (1-7, 8-14, 15-21, 22-28) that have fully
 * elapsed, so the weekly trend compares whole weeks; days 29-31 and a week in progress still count
 * in the consumption. The variance table lists every month of the import (the last 12).
 */
export function dashboardFromImport(imp: UsageImport, allocation: number, o: DashboardFromImportOptions = {}): Result<UsageDashboard> {
  if (imp.months.length === 0) return new InputError("value", "The import has no AI-token rows, so there is nothing to show.");
  const month = o.month ?? imp.months[imp.months.length - 1].month;
  const m = imp.months.find((x) => x.month === month);
  if (!m) return new InputError("value", `The import has no rows in ${/^\d{4}-\d{2}$/.test(month) ? monthLabel(month) : quoted(month)}.`);
  const daysInPeriod = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  // How far the report reaches (rows of any kind with a date), so days without AI usage still count as elapsed.
  const reach = imp.reportDates && imp.reportDates.to > m.lastDate ? imp.reportDates.to : m.lastDate;
  const lastDay = reach.slice(0, 7) > month ? daysInPeriod : Number(reach.slice(8, 10));
  // Where the data starts in the month: a file of 25-31 March covers 7 days, not 31 (a partial period).
  const start = imp.reportDates && imp.reportDates.from < m.firstDate ? imp.reportDates.from : m.firstDate;
  const firstDay = start.slice(0, 7) < month ? 1 : Number(start.slice(8, 10));
  const daysElapsed = o.daysElapsed ?? lastDay - firstDay + 1;
  // Largest first, as the notes' dashboard lists them (card order on a tie).
  const features: FeatureActual[] = m.byFeature
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.tokens - a.f.tokens || a.i - b.i)
    .map(({ f }) => ({ feature: f.feature, tokens: f.tokens }));
  let consumed = 0;
  for (const f of m.byFeature) consumed += f.tokens;
  // Whole weeks of the month (1-7, ..., 22-28) inside the days covered.
  const fullWeeks = Math.min(WEEKS_OF_MONTH - 1, Math.floor(lastDay / WEEK_DAYS));
  const firstWeek = Math.floor((firstDay - 1 + WEEK_DAYS - 1) / WEEK_DAYS);
  const planIndex = new Map<string, number>();
  o.plan?.months.forEach((pm, i) => planIndex.set(monthKey(pm.year, pm.month), i));
  const variance: VarianceMonth[] = imp.months.slice(-12).map((x) => {
    const actual = x.month === month ? consumed : x.tokens;
    const k = planIndex.get(x.month);
    return k !== undefined && o.plan
      ? { month: x.label, budgeted: o.plan.months[k].consumption, actual, budgetIndex: k }
      : { month: x.label, budgeted: o.budgets?.[x.month] ?? 0, actual };
  });
  return {
    period: o.period ?? m.label,
    card: imp.card,
    allocation,
    features,
    weekly: firstWeek < fullWeeks ? m.weeks.slice(firstWeek, fullWeeks) : [],
    ...(firstWeek > 0 && firstWeek < fullWeeks ? { firstWeek: firstWeek + 1 } : {}),
    daysElapsed,
    daysInPeriod,
    variance,
  };
}
