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

/**
 * The per-feature consumption functions by feature id, called with one argument list
 * (quantity, rounding, card, level, model): COPILOT and ANALYTICS get a blank own rate, and only
 * COPILOT takes the licence model.
 */
export const PER_FEATURE: Readonly<Record<string, (q: unknown, rounding: string, card: string, level: string, model: string) => unknown>> = {
  copilot: (q, r, c, l, m) => F.copilot(q, null, r, [[c]], l, m),
  analytics: (q, r, c, l) => F.analytics(q, null, r, [[c]], l),
  scoring: (q, r, c, l) => F.scoring(q, r, [[c]], l),
  translate: (q, r, c, l) => F.translate(q, r, [[c]], l),
  voicebot: (q, r, c, l) => F.voicebot(q, r, [[c]], l),
  digitalbot: (q, r, c, l) => F.digitalbot(q, r, [[c]], l),
  messaging: (q, r, c, l) => F.messaging(q, r, [[c]], l),
  social: (q, r, c, l) => F.social(q, r, [[c]], l),
  virtualagent: (q, r, c, l) => F.virtualagent(q, r, [[c]], l),
};
