/**
 * A small stand-in for Excel's CustomFunctions global, so the custom functions can build their
 * error values in Node. Import it before the functions module: importing installs it on
 * globalThis (once), and the same shape is used to load the built bundle in a vm context.
 */

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type ErrorCodeValue = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Like the runtime's CustomFunctionError: an Error with a code and an optional message. */
export class StubCustomFunctionError extends Error {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message?: string) {
    super(message ?? "");
    this.code = code ?? ERROR_CODES.invalidValue;
  }
}

export interface CustomFunctionsStub {
  Error: typeof StubCustomFunctionError;
  ErrorCode: typeof ERROR_CODES;
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  /** Every associate call in order, as [id, function]. */
  readonly associations: [string, (...args: unknown[]) => unknown][];
}

/** A fresh stub (for a vm context); `installed` below is the one on globalThis. */
export function makeStub(): CustomFunctionsStub {
  const associations: [string, (...args: unknown[]) => unknown][] = [];
  return {
    Error: StubCustomFunctionError,
    ErrorCode: ERROR_CODES,
    associations,
    associate(id, fn) {
      if (typeof id !== "string" || typeof fn !== "function") throw new TypeError(`associate(${String(id)}, ${typeof fn})`);
      associations.push([id, fn]);
    },
  };
}

const g = globalThis as unknown as { CustomFunctions?: CustomFunctionsStub };
g.CustomFunctions ??= makeStub();

/** The stub installed on globalThis. */
export const installed: CustomFunctionsStub = g.CustomFunctions;

/** The error code of a result if it is an Excel error value, else undefined. */
export function errorCode(x: unknown): ErrorCodeValue | undefined {
  return x instanceof StubCustomFunctionError ? x.code : undefined;
}

/** The message of an error value (undefined for anything else). */
export function messageOf(x: unknown): string | undefined {
  return x instanceof StubCustomFunctionError ? x.message : undefined;
}

/** An omitted argument as Excel passes it: null (typed to fit the functions' optional string parameters). */
export const OMITTED = null as never;
