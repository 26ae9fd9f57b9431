/**
 * A small stand-in for Excel's CustomFunctions global, so that the custom functions can build their
 * error values outside Excel: the help page's build computes its examples with it, and the tests
 * (test/functions/custom-functions-stub.ts) call the functions and load the built bundle with it.
 */

/** Excel's error value codes, as the runtime's CustomFunctions.ErrorCode holds them. */
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

/** A fresh stand-in (for a vm context); installStub() puts one on globalThis. */
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

/** The stand-in on globalThis, installed on the first call (a real CustomFunctions already there is kept). */
export function installStub(): CustomFunctionsStub {
  const g = globalThis as unknown as { CustomFunctions?: CustomFunctionsStub };
  g.CustomFunctions ??= makeStub();
  return g.CustomFunctions;
}
