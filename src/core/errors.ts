/**
 * Errors as values for bad input (a cell's problem), exceptions for programmer mistakes
 * (a broken rate card, a bug). The custom functions map an InputError to an Excel error value;
 * the taskpane shows its message next to the field.
 */
export type InputErrorCode = "value" | "num" | "na" | "div0";

export class InputError {
  constructor(
    /** Which Excel error the problem maps to: #VALUE!, #NUM!, #N/A or #DIV/0!. */
    readonly code: InputErrorCode,
    /** A sentence for the analyst saying what is wrong. */
    readonly message: string,
  ) {}
}

/** A result a cell can show: a value, or the reason it cannot be computed. */
export type Result<T> = T | InputError;

/** Thrown only for data that must never reach an analyst: a malformed rate card or preset. */
export class RateCardError extends Error {
  override readonly name = "RateCardError";
}

/** Checks a quantity the analyst typed: finite and not negative. */
/** What checkQuantity accepts: a finite number >= 0 (NaN fails too). */
export const isAmount = (value: number): boolean => value >= 0 && value < Infinity;

export function checkQuantity(value: number, what: string): InputError | undefined {
  if (!Number.isFinite(value)) return new InputError("num", `${what} must be a finite number.`);
  if (value < 0) return new InputError("num", `${what} cannot be negative.`);
  return undefined;
}
