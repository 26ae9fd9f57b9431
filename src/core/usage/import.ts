/**
 * Importing actual usage: the text of a usage export (CSV, or the JSON of the Platform API) in, the AI
 * Experience token rows it holds out, with totals by feature, month and week, the days each month
 * covers, and every row skipped with its reason. Pure: the text is only read, the result is plain
 * data, and a file that cannot be read gives an InputError and no result ("refused").
 *
 * Rules, in the order they are applied:
 *  1. Text: a leading byte-order mark is dropped; a binary or wrongly-decoded text is refused. Text
 *     starting with { or [ is JSON (./json-shapes); anything else is CSV (./csv).
 *  2. CSV header: the first of the first 10 non-empty lines that
 *     - carries every column of the analyst's mapping (options.mapping), or
 *     - is the Admin UI's Billable Usage report (Charge Name, Entity, Timestamp and a column naming
 *       tokens): one row per user, the month of its Timestamp, a total without features, or
 *     - names a date, a feature and a quantity column (COLUMN_ALIASES, options.columns overriding).
 *     Lines before it are a preamble and are not counted. Other columns are ignored (and listed).
 *     No such line: refused, and the taskpane offers the mapping step (previewUsage).
 *  3. Rows: ./aggregate (token rows, dates, quantities, units, totals).
 */
import { DEFAULT_CARD } from "../cards";
import { InputError, type Result } from "../errors";
import { UsageAccumulator, type RawRow } from "./aggregate";
import { columnKey, detectDelimiter, HEADER_SEARCH_LINES, isBlank, looksBinary, quoted, scanCsv, showText } from "./csv";
import { jsonRows } from "./json-shapes";
import { describeAliases, headerSignature, mappedColumns, recogniseColumns, REQUIRED, type ColumnMapping, type HeaderColumns } from "./mapping";
import { DateOrderEvidence, parseEndDate, parseQuantity, parseUsageDate, type DecimalSeparator } from "./numbers";
import type { ColumnRole } from "./shapes";
import type { ImportOptions, UsageImport, UsageShape } from "./types";

/** The file's columns are no known shape: the analyst maps them (previewUsage shows the header and first rows). */
export class UnknownColumnsError extends InputError {}
/** The rows carry no date and no month: the analyst gives the month (ImportOptions.month). */
export class MonthNeededError extends InputError {}

/** Text longer than this is refused before parsing (about 50 MB). */
export const MAX_IMPORT_CHARS = 50_000_000;
/** Rows shown by previewUsage. */
export const PREVIEW_ROWS = 5;

const MONTH_OPTION = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The checks every text passes first; the text without its byte-order mark, or why it is refused. */
function usableText(text: unknown): Result<string> {
  if (typeof text !== "string") return new InputError("value", "The usage export must be text.");
  if (text.length > MAX_IMPORT_CHARS)
    return new InputError(
      "value",
      `The file is too large to import (${text.length.toLocaleString("en-US")} characters; at most ${MAX_IMPORT_CHARS.toLocaleString("en-US")}).`,
    );
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (isBlank(body)) return new InputError("value", "The file is empty.");
  if (looksBinary(body))
    return new InputError("value", "The file does not look like text: is it a spreadsheet (.xlsx) or a UTF-16 file? Save it as CSV (UTF-8) and try again.");
  return body;
}

const isJson = (body: string): boolean => /^\s*[[{]/.test(body);

/** The Admin UI's Billable Usage report: Charge Name, Entity, Timestamp, and a column of tokens (as the report's example images show it). */
function billableUsageReport(header: readonly string[]): ColumnMapping | undefined {
  const keys = header.map(columnKey);
  if (!["chargename", "entity", "timestamp"].every((k) => keys.includes(k))) return undefined;
  const tokens = keys.findIndex((k) => k.includes("token"));
  if (tokens < 0) return undefined;
  return { period: keys.indexOf("timestamp"), quantity: tokens, tokenRows: { column: tokens } };
}

/** Reads a usage export (CSV or JSON); an InputError with a message when it cannot be read at all. */
export function importUsage(text: string, options: ImportOptions = {}): Result<UsageImport> {
  const body = usableText(text);
  if (body instanceof InputError) return body;
  if (options.month !== undefined && !MONTH_OPTION.test(options.month))
    return new InputError("value", `The month ${quoted(options.month)} is not a month: write it as 2026-03.`);
  return isJson(body) ? importJson(body, options) : importCsv(body, options);
}

/**
 * The same as importUsage: the name the faces have always called.
 * @alias
 */
export const importUsageCsv = importUsage;

function importJson(body: string, options: ImportOptions): Result<UsageImport> {
  const read = jsonRows(body);
  if (read instanceof InputError) return read;
  if (read.rows.length === 0) return new InputError("value", 'The JSON has an empty "usages" list: there is nothing to import.');
  const acc = new UsageAccumulator({
    card: options.card ?? DEFAULT_CARD,
    licence: options.licence ?? "named",
    dateOrder: "mdy",
    decimal: ".",
    ...(options.month ? { month: options.month } : {}),
  });
  for (const row of read.rows) acc.add(row);
  for (const p of read.prepay ?? []) {
    if (!acc.isTokenRow(p.row) || !read.period) continue;
    const q = parseQuantity(p.quantityText, ".");
    const from = parseUsageDate(read.period.start, "mdy");
    const to = parseEndDate(read.period.end, "mdy");
    if (!Number.isFinite(q) || q < 0 || !from || !to)
      acc.warnings.push(`The committed tokens (prepayQuantity "${showText(p.quantityText)}") or the billing period could not be read: they were not taken.`);
    else if (q > 0) acc.commit(from, to >= from ? to : from, q);
  }
  return acc.result({
    shape: read.shape,
    delimiter: ",",
    headerLine: 0,
    columns: read.columns,
    contextColumns: read.shape === "subscription-overview" ? ["usages[].partNumber", "usages[].grouping"] : [],
    ignoredColumns: [],
    ...(read.currency ? { currency: showText(read.currency, 8) } : {}),
  });
}

interface FoundHeader {
  readonly line: number;
  readonly fields: string[];
  readonly cols: HeaderColumns;
  readonly shape: UsageShape;
  /** The mapping the rows are read by (the analyst's, or a known shape's), when not by recognition. */
  readonly mapping?: ColumnMapping;
}

function importCsv(body: string, options: ImportOptions): Result<UsageImport> {
  const card = options.card ?? DEFAULT_CARD;
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const decimal: DecimalSeparator = options.decimal ?? (delimiter === ";" ? "," : ".");
  // Pass 1: the header, whether data follows it, and the evidence of the date order.
  let found: FoundHeader | undefined;
  let best: { line: number; fields: string[]; cols: HeaderColumns; found: number } | undefined;
  let firstLine: string[] | undefined;
  let problem: InputError | undefined;
  let seen = 0;
  let hasData = false;
  const evidence = new DateOrderEvidence();
  const needOrder = options.dateOrder === undefined;
  const scanned = scanCsv(body, delimiter, (fields, line) => {
    const blank = fields.every(isBlank);
    if (found) {
      if (!blank) hasData = true;
      if (!needOrder) return !hasData;
      const c = found.cols.index.date ?? found.cols.period;
      const cell = c === undefined ? undefined : fields[c];
      if (cell !== undefined) evidence.see(cell);
      return true;
    }
    if (blank) return true;
    firstLine ??= fields;
    if (++seen > HEADER_SEARCH_LINES) return false;
    if (options.mapping) {
      const cols = mappedColumns(fields, options.mapping);
      if (cols instanceof InputError) problem ??= cols;
      else found = { line, fields, cols, shape: "mapped-csv", mapping: options.mapping };
      return true;
    }
    const known = billableUsageReport(fields);
    if (known) {
      const cols = mappedColumns(fields, known);
      if (!(cols instanceof InputError)) found = { line, fields, cols, shape: "billable-usage-report", mapping: known };
      return true;
    }
    const cols = recogniseColumns(fields, options.columns);
    if (cols instanceof InputError) {
      problem ??= cols;
      return true;
    }
    const n = REQUIRED.filter((role) => cols.index[role] !== undefined).length;
    if (n === REQUIRED.length) found = { line, fields, cols, shape: "usage-csv" };
    else if (!best || n > best.found) best = { line, fields, cols, found: n };
    return true;
  });
  if (scanned) return scanned;
  if (!found) {
    if (options.mapping) return problem ?? new InputError("value", `No line among the first ${HEADER_SEARCH_LINES} carries the columns of the mapping.`);
    if (problem && (!best || best.found === 0)) return problem;
    if (!best || best.found === 0) {
      const cells = firstLine ? firstLine.slice(0, 8).map(quoted).join(", ") : "";
      return new UnknownColumnsError(
        "value",
        `No header with a date, a feature and a quantity column was found in the first ${HEADER_SEARCH_LINES} lines: map the columns by hand. The first line holds: ${cells}.`,
      );
    }
    const b = best;
    const missing = REQUIRED.filter((role) => b.cols.index[role] === undefined);
    const cells = b.fields.slice(0, 12).map(quoted).join(", ");
    return new UnknownColumnsError(
      "value",
      `No ${missing.join(" or ")} column on the header line ${b.line}: ${missing.map((role) => `a ${role} column is called ${describeAliases(role)}`).join("; ")}; or map the columns by hand. The header holds: ${cells}.`,
    );
  }
  const h: FoundHeader = found;
  if (!hasData) return new InputError("value", `The file has a header (line ${h.line}) but no data rows.`);
  const { index, context, end, period, tokenRows } = h.cols;
  if (index.date === undefined && period === undefined && options.month === undefined) {
    return new MonthNeededError("value", "The rows carry no date and no month: give the month the export covers (e.g. 2026-03).");
  }
  const mapped = new Set<number>([
    ...Object.values(index),
    ...context,
    ...(end !== undefined ? [end] : []),
    ...(period !== undefined ? [period] : []),
    ...(tokenRows ? [tokenRows.column] : []),
  ]);

  const warnings: string[] = [];
  const dateOrder = options.dateOrder ?? evidence.decide(delimiter, warnings);
  const acc = new UsageAccumulator({ card, licence: options.licence ?? "named", dateOrder, decimal, ...(options.month ? { month: options.month } : {}) });
  acc.warnings.push(...warnings);
  const byMapping = h.mapping !== undefined;
  const noFeature = index.feature === undefined;

  // Pass 2: every line after the header, kept or skipped. One row object is reused: the accumulator keeps none.
  const texts: string[] = [];
  const raw: { -readonly [K in keyof RawRow]: RawRow[K] } = { line: 0, texts, quantityText: "", unitText: "" };
  if (byMapping && noFeature) raw.allFeatures = true;
  let pastHeader = false;
  scanCsv(body, delimiter, (fields, line) => {
    if (!pastHeader) {
      pastHeader = line === h.line;
      return;
    }
    if (fields.every(isBlank)) return acc.empty(line);
    if (tokenRows) {
      const cell = fields[tokenRows.column] ?? "";
      raw.token = tokenRows.keys ? tokenRows.keys.has(columnKey(cell)) : !isBlank(cell);
    }
    texts.length = 0;
    texts.push(index.feature !== undefined ? (fields[index.feature] ?? "") : "");
    for (const c of context) texts.push(fields[c] ?? "");
    raw.line = line;
    if (index.date !== undefined) raw.dateText = fields[index.date] ?? "";
    if (end !== undefined) raw.endText = fields[end] ?? "";
    if (period !== undefined) raw.monthText = fields[period] ?? "";
    raw.quantityText = fields[index.quantity!] ?? "";
    raw.unitText = index.unit !== undefined ? (fields[index.unit] ?? "") : "";
    acc.add(raw);
  });
  const columns: Partial<Record<ColumnRole | "period", string>> = {};
  for (const role of [...REQUIRED, "unit"] as ColumnRole[]) {
    const c = index[role];
    if (c !== undefined) columns[role] = showText(h.fields[c]);
  }
  if (period !== undefined) columns.period = showText(h.fields[period]);
  return acc.result({
    shape: h.shape,
    delimiter,
    headerLine: h.line,
    columns,
    contextColumns: context.map((c) => showText(h.fields[c])),
    ...(end !== undefined ? { endColumn: showText(h.fields[end]) } : {}),
    ignoredColumns: h.fields.flatMap((f, c) => (mapped.has(c) || isBlank(f) ? [] : [showText(f)])).slice(0, 20),
  });
}

/** The first lines of a CSV whose columns are to be mapped by hand: its header, first rows and the header's signature. */
export interface UsagePreview {
  readonly headerLine: number;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per column, its distinct values over the whole file (the first PREVIEW_VALUES), for picking the token rows. */
  readonly values: readonly (readonly string[])[];
  readonly signature: string;
}

/** Distinct values listed per column in a preview. */
export const PREVIEW_VALUES = 30;

/** The header (first non-empty line) and first rows of a CSV, cleaned for display; an InputError for JSON or unreadable text. */
export function previewUsage(text: string): Result<UsagePreview> {
  const body = usableText(text);
  if (body instanceof InputError) return body;
  if (isJson(body)) return new InputError("value", "A JSON export cannot be mapped by hand: it must be a billable-usage report or a subscription overview.");
  let header: string[] | undefined;
  let headerLine = 0;
  const rows: string[][] = [];
  const values: Set<string>[] = [];
  const problem = scanCsv(body, detectDelimiter(body), (fields, line) => {
    if (fields.every(isBlank)) return true;
    if (!header) {
      header = fields.map((f) => showText(f.trim()));
      headerLine = line;
      header.forEach(() => values.push(new Set()));
      return true;
    }
    if (rows.length < PREVIEW_ROWS) rows.push(fields.map((f) => showText(f.trim())));
    fields.forEach((f, c) => {
      const set = values[c];
      if (set && set.size < PREVIEW_VALUES && !isBlank(f)) set.add(showText(f.trim()));
    });
    return true;
  });
  if (problem) return problem;
  if (!header) return new InputError("value", "The file is empty.");
  return { headerLine, header, rows, values: values.map((v) => [...v]), signature: headerSignature(header) };
}
