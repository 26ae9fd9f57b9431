/**
 * Excel's CustomFunctions global for the tests (scripts/custom-functions-stand-in.ts, shared with the
 * help page's build). Import it before the functions module: importing installs it on globalThis
 * (once), and makeStub() gives a fresh one to load the built bundle in a vm context.
 */

import { installStub, StubCustomFunctionError, type CustomFunctionsStub, type ErrorCodeValue } from "../../scripts/custom-functions-stand-in";

export { ERROR_CODES, makeStub, StubCustomFunctionError, type CustomFunctionsStub, type ErrorCodeValue } from "../../scripts/custom-functions-stand-in";

/** The stub installed on globalThis. */
export const installed: CustomFunctionsStub = installStub();

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
