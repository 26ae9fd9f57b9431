/**
 * How the taskpane writes figures and rates in words. Formatting happens here, at output only;
 * amounts stay numbers everywhere before.
 */
import type { FeatureRate, LicenceModel, RateLevel } from "../core/ratecard";
import { formatTokens } from "../core/currencies";

/** A share written as a percentage with one decimal: 0.396 -> "39.6%". */
export function formatPercent(share: number): string {
  return `${formatTokens(Math.round(share * 1000) / 10)}%`;
}

/** A difference of tokens with its sign: 2000 -> "+2,000", -2000 -> "-2,000", 0 -> "no change". */
export function signedTokens(delta: number): string {
  if (delta === 0) return "no change";
  return `${delta > 0 ? "+" : "-"}${formatTokens(Math.abs(delta))}`;
}

/**
 * Where committed tokens come from when the analyst typed none and the contract card buys some, as the
 * budget and dashboard tabs say it: "Committed tokens: 1,600 a month from the contract card (Example Corp contract); ...".
 */
export function contractCommittedNote(tokensAMonth: number, cardName: string): string {
  return `Committed tokens: ${formatTokens(tokensAMonth)} a month from the contract card (${cardName}); type a figure to use your own.`;
}

/** "1 token" or "2,000 tokens". */
export function tokensText(n: number): string {
  return `${formatTokens(n)} ${n === 1 ? "token" : "tokens"}`;
}

/** "a" or "an" before a word, by its sound: "a user", "an interaction", "an evaluation". */
export function article(word: string): string {
  return /^(u[bcdfghjklmnpqrstvwxz][aeiou]|eu|one)/i.test(word) || !/^[aeiou]/i.test(word) ? "a" : "an";
}

/** The tokens one `per` block costs on a card, for a licence model and rate level. */
function tokensOf(f: FeatureRate, licence: LicenceModel, level: RateLevel): number {
  if (level !== "mid" && f.range) return f.range[level];
  return typeof f.tokens === "number" ? f.tokens : f.tokens[licence];
}

/**
 * A rate in words: "50 tokens a user", "1 token per 20 evaluations", "0.5 token an interaction",
 * "included". Licence-dependent rates name the licence: "40 tokens a named user".
 */
export function describeRate(f: FeatureRate, licence: LicenceModel, level: RateLevel): string {
  if (f.included) return "included (no tokens)";
  const t = tokensOf(f, licence, level);
  const who = typeof f.tokens === "number" ? f.unit : `${licence} ${f.unit}`;
  const amount = `${formatTokens(t)} ${t === 1 || t < 1 ? "token" : "tokens"}`;
  if (f.per === 1) return `${amount} ${article(who)} ${who}`;
  return `${amount} per ${formatTokens(f.per)} ${f.units}`;
}

/** A feature's range where it has one: "40-60". */
export function describeRange(f: FeatureRate): string | undefined {
  return f.range ? `${formatTokens(f.range.low)}-${formatTokens(f.range.high)}` : undefined;
}

/** "rate" -> "Rate": a sentence that starts with a word of ours. */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** What a tab says while fields block something: "Fix the field marked above to insert the calculator." */
export function fixFirst(count: number, what: string): string {
  return count <= 1 ? `Fix the field marked above to ${what}.` : `Fix the ${count} fields marked above to ${what}.`;
}
