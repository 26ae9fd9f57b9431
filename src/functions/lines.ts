/**
 * One consumption line for a custom function: the quantity through the input gate, the card,
 * feature and options read once, then the core's featureTokens. Shared by the per-feature
 * functions (COPILOT, VOICEBOT, ...) and CONSUMPTION, so all of them round and fail alike.
 */
import { findFeature } from "../core/card-registry";
import { DEFAULT_LINE_OPTIONS, featureTokens, type LineOptions } from "../core/consumption";
import { InputError } from "../core/errors";
import { lineTokens } from "../core/rounding";
import type { FeatureRate } from "../core/ratecard";
import { DEFAULT_CARD_INDEX, cardAt, cardIndex, featureOnCard, lineOptions, missingFeature, quantityRule, slotFeature, type FeatureSlot } from "./arguments";
import { excelError, fromInputError, isBlank, isExcelError, numberResult, optionalText, quantity, type ExcelError } from "./coerce";

/**
 * Tokens of a fixed feature's line: VOICEBOT(minutes, ...) and the like. With every option
 * omitted (the common call) it goes straight to the core with the default card and options.
 */
export function featureLine(
  slot: FeatureSlot,
  quantityArg: unknown,
  tokensPerUnit: unknown,
  rounding: unknown,
  card: unknown,
  level: unknown,
  model: unknown,
): number | ExcelError {
  const q = quantity(quantityArg, slot.quantity, slot.rule);
  if (typeof q !== "number") return q;
  if (card == null && tokensPerUnit == null && rounding == null && level == null && model == null && slot.defaultRate !== undefined) {
    // What featureTokens does under DEFAULT_LINE_OPTIONS, with the rate read once: the gate has
    // already bounded q, so the line is a finite number (test/functions: the same as CONSUMPTION's).
    return lineTokens(q, slot.defaultRate.tokens, slot.defaultRate.per, DEFAULT_LINE_OPTIONS.rounding);
  }
  return optionedLine(slot, q, tokensPerUnit, rounding, card, level, model);
}

function optionedLine(
  slot: FeatureSlot,
  q: number,
  tokensPerUnit: unknown,
  rounding: unknown,
  card: unknown,
  level: unknown,
  model: unknown,
): number | ExcelError {
  const c = cardIndex(card);
  if (typeof c !== "number") return c;
  const f = slotFeature(slot, c);
  if (f === undefined) return missingFeature(slot, cardAt(c));
  return line(f, q, tokensPerUnit, rounding, level, model);
}

/** Tokens of a line for a feature named by the analyst: CONSUMPTION(feature, quantity, ...). */
export function namedLine(feature: unknown, quantityArg: unknown, rounding: unknown, card: unknown, level: unknown, model: unknown): number | ExcelError {
  const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
  if (typeof c !== "number") return c;
  // An exact feature id is found without touching the text; anything else goes to the core's findFeature.
  let f = typeof feature === "string" ? featureOnCard(c, feature) : undefined;
  if (f === undefined) {
    const found = findNamedFeature(c, feature);
    if (isExcelError(found)) return found;
    f = found;
  }
  const q = quantity(quantityArg, "The quantity", quantityRule(f));
  if (typeof q !== "number") return q;
  if (rounding == null && level == null && model == null) return numberResult(featureTokens(f, q, DEFAULT_LINE_OPTIONS));
  return line(f, q, null, rounding, level, model);
}

function findNamedFeature(card: number, feature: unknown): FeatureRate | ExcelError {
  const name = optionalText(feature, "The feature");
  if (name === null) return excelError("value", 'Name a feature, for example "voicebot" (RATES() lists them).');
  if (typeof name !== "string") return name;
  const f = findFeature(cardAt(card), name);
  return f instanceof InputError ? fromInputError(f) : f;
}

function line(f: FeatureRate, q: number, tokensPerUnit: unknown, rounding: unknown, level: unknown, model: unknown): number | ExcelError {
  let o: LineOptions | ExcelError = lineOptions(rounding, level, model);
  if (!("rounding" in o)) return o;
  if (tokensPerUnit !== null && tokensPerUnit !== undefined && !isBlank(tokensPerUnit)) {
    const t = quantity(tokensPerUnit, `Tokens per ${f.unit}`, "tokensPerUser");
    if (typeof t !== "number") return t;
    o = { rounding: o.rounding, licence: o.licence, level: o.level, tokensPerUnit: t };
  }
  return numberResult(featureTokens(f, q, o));
}
