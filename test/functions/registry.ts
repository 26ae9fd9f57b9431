/**
 * The custom functions by id, paired the way custom-functions-metadata pairs them (the pairs the
 * webpack plugin turns into CustomFunctions.associate calls) in the module generated from the
 * functions' table, for tests that call by id; and `F`, every function by its JavaScript name.
 */
import "./custom-functions-stub";
import { readFileSync } from "fs";
import { parseTree } from "custom-functions-metadata";
import { writeWrappers } from "../../scripts/function-wrappers";
import { FEATURE_CATALOGUE, type FeatureEntry } from "../../src/core/feature-catalogue";
import { featureSlot } from "../../src/functions/arguments";

export type CustomFunction = (...args: unknown[]) => unknown;

/** The generated JSDoc'd module (build/functions/functions.ts), written now if it is missing or stale. */
export const FUNCTIONS_SOURCE = writeWrappers();

const parsed = parseTree(readFileSync(FUNCTIONS_SOURCE, "utf8"), FUNCTIONS_SOURCE);

/** Every custom function by its JavaScript name, as the build registers it: { copilot, voicebot, annualCost, ... }. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const F = require(FUNCTIONS_SOURCE) as Readonly<Record<string, CustomFunction>> & { readonly rates: (card?: unknown, model?: unknown) => unknown[][] };

/** Every custom function by id: { COPILOT: copilot, ... }. */
export const BY_ID: Readonly<Record<string, CustomFunction>> = Object.fromEntries(parsed.associate.map((a) => [a.id, F[a.functionName]]));

export const IDS: readonly string[] = Object.keys(BY_ID);

/**
 * The per-feature consumption functions (every catalogue entry with a function) by feature id, called
 * with one argument list (quantity, rounding, card, level, model): a feature priced per user (COPILOT,
 * ANALYTICS) gets a blank own rate, and only a licence-dependent one (COPILOT) the licence model.
 * A card given as text goes in as a one-cell range, as a cell reference passes it; any other card
 * argument (null for omitted, a card's id as typed text) goes in as it is.
 */
export const PER_FEATURE: Readonly<
  Record<string, (q: unknown, rounding: string | null, card: string | { readonly typed: unknown }, level: string | null, model: string | null) => unknown>
> = Object.fromEntries(
  (FEATURE_CATALOGUE as readonly FeatureEntry[]).flatMap((e) => {
    if (!e.function) return [];
    const fn = F[e.function.name.toLowerCase()];
    const { ownRate, licenceDependent } = featureSlot(e.id);
    const call = (q: unknown, r: string | null, c: string | { readonly typed: unknown }, l: string | null, m: string | null) =>
      fn(q, ...(ownRate ? [null] : []), r, typeof c === "string" ? [[c]] : c.typed, l, ...(licenceDependent ? [m] : []));
    return [[e.id, call]];
  }),
);
