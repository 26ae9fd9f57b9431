/**
 * Tokens a feature consumes for a monthly quantity, one line at a time, and totals of lines.
 */
import { findFeature, type CompiledCard } from "./card-registry";
import { checkQuantity, InputError, isAmount, type Result } from "./errors";
import { WORKING_DAYS_PER_MONTH } from "./planning-rules";
import type { FeatureRate, LicenceModel, RateLevel } from "./ratecard";
import { lineTokens, type RoundingRule } from "./rounding";

export interface LineOptions {
  readonly rounding: RoundingRule;
  readonly licence: LicenceModel;
  readonly level: RateLevel;
  /** Overrides the card's rate: tokens per single unit (e.g. 55 tokens per Copilot user). */
  readonly tokensPerUnit?: number;
}

export const DEFAULT_LINE_OPTIONS: LineOptions = { rounding: "line", licence: "named", level: "mid" };

/**
 * One consumption line: quantity x rate (x working days for a daily volume), rounded by the rule on
 * the figures as typed (see rounding.ts). The product is taken in the order
 * quantity x tokens / per, the same order the generated sheets' formulas use, so both agree to the bit.
 */
export function featureTokens(f: FeatureRate, quantity: number, o: LineOptions, days = 1): Result<number> {
  // Checked first without words: the message is put together only for a figure that fails.
  if (!isAmount(quantity)) return checkQuantity(quantity, `The quantity of ${f.name}`) as InputError;
  if (o.tokensPerUnit !== undefined) {
    if (!isAmount(o.tokensPerUnit)) return checkQuantity(o.tokensPerUnit, `Tokens per ${f.unit}`) as InputError;
    return lineTokens(quantity, o.tokensPerUnit, 1, o.rounding, days);
  }
  const t = f.tokens;
  const tokens = o.level === "mid" || !f.range ? (typeof t === "number" ? t : t[o.licence]) : f.range[o.level];
  return lineTokens(quantity, tokens, f.per, o.rounding, days);
}

/** Tokens for a feature named by id or name on a card. */
export function consumption(card: CompiledCard, feature: string, quantity: number, o: LineOptions = DEFAULT_LINE_OPTIONS): Result<number> {
  const f = findFeature(card, feature);
  return f instanceof InputError ? f : featureTokens(f, quantity, o);
}

/** A monthly volume from a daily one: perDay x working days (20 unless given). */
export function monthlyFromDaily(perDay: number, workingDays: number = WORKING_DAYS_PER_MONTH): Result<number> {
  return checkQuantity(perDay, "The daily volume") ?? checkQuantity(workingDays, "Working days") ?? perDay * workingDays;
}

/** Sums lines that were each rounded by their rule. */
export function sumLines(lines: readonly number[]): number {
  let total = 0;
  for (const x of lines) total += x;
  return total;
}
