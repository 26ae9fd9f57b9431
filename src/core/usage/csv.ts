/**
 * Reading the text of a usage export: text hygiene (showText, binary detection) and CSV (RFC 4180,
 * lenient about stray quotes) record by record, so a large file costs no more memory than its largest
 * record. Pure.
 *
 *  - A leading byte-order mark is dropped by the caller. More than 1% control characters (NUL and the
 *    like, or U+FFFD) in the first 64K characters means a binary or wrongly-decoded file.
 *  - Fields in double quotes may hold delimiters, line breaks and "" for a quote; records end at CRLF,
 *    LF or CR; a quote that never closes rejects the file. A quote inside an unquoted field, or text
 *    after a closing quote, is kept as written.
 *  - The delimiter is the most frequent of , ; and tab on the first lines, outside quotes (ties: ",").
 */
import { InputError, type Result } from "../errors";

export type Delimiter = "," | ";" | "\t";

/** Header lines are looked for among this many first non-empty lines. */
export const HEADER_SEARCH_LINES = 10;
/** File text quoted in a message is cut to this many characters. */
export const MESSAGE_TEXT_MAX = 40;
/** The share of control characters above which a text is taken for binary. */
const BINARY_SHARE = 0.01;
const BINARY_SAMPLE = 65536;

export interface CsvRecord {
  /** The line the record starts on, 1-based. */
  readonly line: number;
  readonly fields: readonly string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Text from a file, fit for a message: control characters shown as U+FFFD, cut to `max` characters. */
export function showText(text: string, max: number = MESSAGE_TEXT_MAX): string {
  if (text.length <= max && !UNSHOWABLE.test(text)) return text;
  const cut = text.length > max ? text.slice(0, max) : text;
  const clean = cut.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\ufffd").replace(/[\r\n\t]/g, " ");
  return text.length > max ? `${clean}… (${text.length.toLocaleString("en-US")} characters)` : clean;
}

const UNSHOWABLE = /[\u0000-\u001f\u007f]/;
/** Control characters other than tab and line breaks: junk in a name. */
export const JUNK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const quoted = (text: string): string => `"${showText(text)}"`;

/** A column name or feature text reduced to lower-case letters and digits. */
export const columnKey = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, "");

export const isBlank = (s: string): boolean => s.trim() === "";

export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd) control++;
  }
  return control > n * BINARY_SHARE;
}

// CSV records

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
