/**
 * The one gate between Excel values and the core: every argument of a TOKENS function passes
 * through here, so the coercion rules are written once (after HyperFormula's
 * coerceScalarToNumberOrError and formulajs' parseNumber), and every core InputError becomes an
 * Excel error value here.
 *
 * Rules (documented for analysts in the README's function reference):
 * - blank (omitted argument: null; empty cell: null or ""; text of only spaces) is 0 for a quantity,
 *   and the default for an optional argument;
 * - TRUE is 1 and FALSE is 0, as in Excel arithmetic (=TRUE*2 is 2);
 * - numeric text is read as a number in the workbook's locale by the core's one reader
 *   (src/core/input-rules.ts): " 1000 ", "1e3", "2.5", "20%" (0.2), "1,000" where the comma groups
 *   thousands; text only a guess could read ("1.000" where the point is the decimal separator) or
 *   with currency symbols is refused with #VALUE!;
 * - every number then meets its field's rule (whole or not, minimum, maximum): #NUM! otherwise;
 * - an Excel error value that reaches a function is returned unchanged (propagates).
 *
 * The happy path (a number within its rule) allocates nothing and is small enough to be inlined.
 */
import type { InputError, InputErrorCode } from "../core/errors";
import { checkInput, passes, readNumberText, separatorsOf, type InputField, type Separators } from "../core/input-rules";

/** An Excel error value with a message (the message shows for #VALUE! and #N/A). */
export type ExcelError = CustomFunctions.Error;

const ERROR_CODES = {
  value: "invalidValue",
  num: "invalidNumber",
  na: "notAvailable",
  div0: "divisionByZero",
} as const satisfies Record<InputErrorCode, keyof typeof CustomFunctions.ErrorCode>;

/** Builds an Excel error value: "value" #VALUE!, "num" #NUM!, "na" #N/A, "div0" #DIV/0!. */
export function excelError(code: InputErrorCode, message: string): ExcelError {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[ERROR_CODES[code]], message);
}

/** The Excel error value of a core InputError. */
export const fromInputError = (e: InputError): ExcelError => excelError(e.code, e.message);

/** True for an Excel error value passed in as an argument (or returned by this gate). */
export function isExcelError(v: unknown): v is ExcelError {
  return typeof CustomFunctions !== "undefined" && v instanceof CustomFunctions.Error;
}

/**
 * The separators numeric text is read with: the runtime's locale (Intl), replaced by Excel's own
 * when the host gives them (src/excel reads Application.cultureInfo once; useSeparators sets them).
 */
let textSeparators: Separators = separatorsOf();

/** Reads numeric text with the workbook's separators from now on (set once, when the host is known). */
export function useSeparators(sep: Separators): void {
  textSeparators = sep;
}

/** A number a field of the rule table accepts (src/core/input-rules.ts): blank is 0. */
export function quantity(v: unknown, what: string, field: InputField): number | ExcelError {
  if (typeof v === "number" && passes(field, v)) return v;
  return checkedQuantity(toNumber(v, what, 0), what, field);
}

/** An optional number of a field: blank takes the default. */
export function optionalQuantity(v: unknown, fallback: number, what: string, field: InputField): number | ExcelError {
  if (typeof v === "number" && passes(field, v)) return v;
  if (isBlank(v)) return fallback;
  return checkedQuantity(toNumber(v, what, fallback), what, field);
}

function checkedQuantity(n: number | ExcelError, what: string, field: InputField): number | ExcelError {
  if (typeof n !== "number") return n;
  const bad = checkInput(field, n, what);
  return bad ? fromInputError(bad) : n;
}

/** Blank: omitted (null/undefined), an empty cell, or text of only spaces. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * Any Excel scalar to a number, or the error to show. `blank` is the value of a blank. Text is read
 * by the core's reader in the workbook's locale. Does not check the field's rule (see quantity).
 */
export function toNumber(v: unknown, what: string, blank: number): number | ExcelError {
  switch (typeof v) {
    case "number":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "undefined":
      return blank;
    case "string": {
      const n = readNumberText(v, textSeparators, what, blank);
      return typeof n === "number" ? n : fromInputError(n);
    }
    case "object":
      if (v === null) return blank;
      if (isExcelError(v)) return v;
      if (Array.isArray(v)) return excelError("value", `${what} must be a single value, not a range.`);
      return excelError("value", `${what} must be a number.`);
    default:
      return excelError("value", `${what} must be a number.`);
  }
}

/**
 * Optional text (a name or a keyword): null when blank, the text otherwise; numbers and booleans
 * become their text (Excel passes a cell's value as it is). An error value propagates.
 */
export function optionalText(v: unknown, what: string): string | null | ExcelError {
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (isExcelError(v)) return v;
  return excelError("value", `${what} must be text.`);
}

/** An optional TRUE/FALSE: blank is the default; numbers are TRUE unless 0; "TRUE"/"FALSE" text is read. */
export function optionalFlag(v: unknown, fallback: boolean, what: string): boolean | ExcelError {
  if (typeof v === "boolean") return v;
  if (isBlank(v)) return fallback;
  if (typeof v === "number") return v - v === 0 ? v !== 0 : excelError("num", `${what} must be TRUE or FALSE.`);
  if (typeof v === "string") {
    const t = v.trim().toUpperCase();
    if (t === "TRUE") return true;
    if (t === "FALSE") return false;
    return excelError("value", `${what} must be TRUE or FALSE, got "${clip(v.trim())}".`);
  }
  if (isExcelError(v)) return v;
  return excelError("value", `${what} must be TRUE or FALSE.`);
}

/**
 * The cells of a range as quantities, row by row. Blank cells are 0. A range that is empty or
 * ragged (rows of different lengths) is #VALUE!; a bad cell gives its error, naming the cell.
 * A single number (from a caller that is not Excel) counts as a one-cell range.
 */
export function rangeQuantities(range: unknown, what: string, field: InputField): number[] | ExcelError {
  if (typeof range === "number" || typeof range === "string" || typeof range === "boolean" || range == null) {
    const one = quantity(range, what, field);
    return typeof one === "number" ? [one] : one;
  }
  if (isExcelError(range)) return range;
  if (!Array.isArray(range) || range.length === 0) return excelError("value", `${what} must be a range of numbers; it is empty.`);
  const width = Array.isArray(range[0]) ? range[0].length : -1;
  if (width <= 0) return excelError("value", `${what} must be a range of numbers; it is empty.`);
  const out: number[] = [];
  for (let r = 0; r < range.length; r++) {
    const row: unknown = range[r];
    if (!Array.isArray(row) || row.length !== width) {
      return excelError("value", `${what} must be a rectangular range; row ${r + 1} has a different number of cells.`);
    }
    for (let c = 0; c < width; c++) {
      const cell: unknown = row[c];
      const n = typeof cell === "number" && passes(field, cell) ? cell : quantity(cell, what, field);
      if (typeof n !== "number") return withPlace(n, `cell ${out.length + 1} of ${what.toLowerCase()}`);
      out.push(n);
    }
  }
  return out;
}

function withPlace(e: ExcelError, place: string): ExcelError {
  const code = e.code;
  const message = e.message ? `${place.charAt(0).toUpperCase()}${place.slice(1)}: ${e.message}` : undefined;
  return new CustomFunctions.Error(code, message);
}

/** A result for a cell: numbers that are not finite become #NUM!, core errors become Excel errors. */
export function numberResult(r: number | InputError): number | ExcelError {
  if (typeof r === "number") return r - r === 0 ? r : excelError("num", "The result is too large to show.");
  return fromInputError(r);
}

/**
 * A function body that threw: a bug, shown as #VALUE! with a message rather than a raw exception.
 * Used by the generated functions module (scripts/function-wrappers.ts), which knip does not see.
 * @public
 */
/**
 * Thrown where a call needs code that is still loading (the reader of a card given as a range): the
 * guard in the function's declaration calls again once it has loaded (settle).
 */
export class Pending {
  constructor(readonly ready: Promise<void>) {}
}

/**
 * The guard's answer to an exception in a function: a call that was waiting for code (Pending) is
 * made again, f(...args), once the code is here, as a promise Excel waits for (the cell shows #BUSY!
 * meanwhile); anything else is a bug, shown as #VALUE! naming the function (unexpected). The guard
 * passes the function and its arguments rather than a closure: a closure over them would make every
 * call, not just the failing one, keep its arguments on the heap.
 */
export function settle<T>(fn: string, e: unknown, f: (...args: never[]) => T, ...args: unknown[]): T | ExcelError | Promise<T | ExcelError> {
  if (!(e instanceof Pending)) return unexpected(fn, e);
  return e.ready.then(
    () => {
      try {
        return (f as (...a: unknown[]) => T)(...args);
      } catch (x) {
        return unexpected(fn, x);
      }
    },
    () => excelError("na", `TOKENS.${fn} could not load the reader of card tables. Recalculate to try again.`),
  );
}

/** settle for a function that spills a table: its error as a one-cell table. */
export function settleTable(fn: string, e: unknown, f: (...args: never[]) => unknown[][], ...args: unknown[]): unknown[][] {
  const r = settle(fn, e, f, ...args);
  // A promise is returned as it is: Excel waits for it. (The declared type stays a table, which
  // custom-functions-metadata needs to register a spilling function.)
  return r instanceof Promise ? (r.then((t) => (Array.isArray(t) ? t : [[t]])) as unknown as unknown[][]) : Array.isArray(r) ? r : [[r]];
}

export function unexpected(fn: string, e: unknown): ExcelError {
  const detail = e instanceof Error ? e.message : String(e);
  return excelError("value", `TOKENS.${fn} failed unexpectedly (${clip(detail)}). Please report this.`);
}

const clip = (t: string): string => (t.length > 40 ? `${t.slice(0, 37)}...` : t);
