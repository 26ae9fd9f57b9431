/**
 * The custom functions by id, paired the way custom-functions-metadata pairs them (the pairs the
 * webpack plugin turns into CustomFunctions.associate calls), for tests that call by id.
 */
import "./custom-functions-stub";
import { readFileSync } from "fs";
import { resolve } from "path";
import { parseTree } from "custom-functions-metadata";
import * as F from "../../src/functions/functions";

export type CustomFunction = (...args: unknown[]) => unknown;

export const FUNCTIONS_SOURCE = resolve(__dirname, "../../src/functions/functions.ts");

const parsed = parseTree(readFileSync(FUNCTIONS_SOURCE, "utf8"), FUNCTIONS_SOURCE);

/** Every custom function by id: { COPILOT: copilot, ... }. */
export const BY_ID: Readonly<Record<string, CustomFunction>> = Object.fromEntries(
  parsed.associate.map((a) => [a.id, (F as unknown as Record<string, CustomFunction>)[a.functionName]]),
);

export const IDS: readonly string[] = Object.keys(BY_ID);
