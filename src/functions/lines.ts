/**
 * One consumption line for a custom function: the quantity through the input gate, the card,
 * feature and options read once, then the core's featureTokens. Shared by the per-feature
 * functions (COPILOT, VOICEBOT, ...) and CONSUMPTION, so all of them round and fail alike.
 */
import { findFeature } from "../core/card-registry";
import { FEATURE_CATALOGUE } from "../core/feature-catalogue";
import { featureTokens, type LineOptions } from "../core/consumption";
import { InputError } from "../core/errors";
import { within } from "../core/input-rules";
import { halfUpLine } from "../core/rounding";
import type { FeatureRate } from "../core/ratecard";
import {
  CARDS,
  DEFAULT_CARD_INDEX,
  cardAt,
  cardIndex,
  featureSlot,
  lineOptions,
  missingFeature,
  quantityRule,
  slotFeature,
  type FeatureSlot,
} from "./arguments";
import { excelError, fromInputError, isBlank, isExcelError, numberResult, optionalText, quantity, type ExcelError } from "./coerce";

/** Tokens of a fixed feature's line: VOICEBOT(minutes, ...) and the like. */
export function featureLine(
  slot: FeatureSlot,
  quantityArg: unknown,
  tokensPerUnit: unknown,
  rounding: unknown,
  card: unknown,
  level: unknown,
  model: unknown,
): number | ExcelError {
  const q = slotQuantity(slot, quantityArg);
  if (typeof q !== "number") return q;
  const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
  if (typeof c !== "number") return c;
  return slotLine(slot, c, q, tokensPerUnit, rounding, level, model);
}

/** A slot's quantity through the gate, with the bounds the slot holds (see input-rules' `within`). */
const slotQuantity = (slot: FeatureSlot, v: unknown): number | ExcelError =>
  typeof v === "number" && within(slot, v) ? v : quantity(v, slot.quantity, slot.rule);

/**
 * A slot's line on the card at index c. With every option omitted (the common call, on a shipped
 * card) it takes the rate read once: what featureTokens does under DEFAULT_LINE_OPTIONS, the gate
 * having bounded q (test/functions: the same as the core's).
 */
function slotLine(slot: FeatureSlot, c: number, q: number, tokensPerUnit: unknown, rounding: unknown, level: unknown, model: unknown): number | ExcelError {
  const rate = c < CARDS.length && tokensPerUnit == null && rounding == null && level == null && model == null ? slot.rates[c] : undefined;
  // The default options round by "line": halfUpLine is lineTokens(q, tokens, per, "line").
  return rate !== undefined ? halfUpLine(q, rate.tokens, rate.per) : optionedLine(slot, c, q, tokensPerUnit, rounding, level, model);
}

/**
 * The rest of slotLine, apart so that the common call stays small enough for the engine to inline
 * whole: a line with options, on a card read from a range, or of a feature the card lacks.
 */
function optionedLine(slot: FeatureSlot, c: number, q: number, tokensPerUnit: unknown, rounding: unknown, level: unknown, model: unknown): number | ExcelError {
  const f = slotFeature(slot, c);
  if (f === undefined) return missingFeature(slot, cardAt(c));
  return line(f, q, tokensPerUnit, rounding, level, model);
}

/** Every catalogue feature by its id, for CONSUMPTION (its quantity is "The quantity"); no prototype, so "constructor" is none. */
const NAMED_SLOTS = Object.setPrototypeOf(Object.fromEntries(FEATURE_CATALOGUE.map((e) => [e.id, featureSlot(e.id, "The quantity")])), null) as Readonly<
  Record<string, FeatureSlot | undefined>
>;

/** Tokens of a line for a feature named by the analyst: CONSUMPTION(feature, quantity, ...). */
export function namedLine(feature: unknown, quantityArg: unknown, rounding: unknown, card: unknown, level: unknown, model: unknown): number | ExcelError {
  const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
  if (typeof c !== "number") return c;
  // A feature's exact id on a card that has it takes its slot, as its own function does.
  const slot = typeof feature === "string" ? NAMED_SLOTS[feature] : undefined;
  if (slot === undefined || slotFeature(slot, c) === undefined) return lineByName(c, feature, quantityArg, rounding, level, model);
  const q = slotQuantity(slot, quantityArg);
  return typeof q === "number" ? slotLine(slot, c, q, null, rounding, level, model) : q;
}

/** The rest of namedLine (apart, as optionedLine is): a feature named otherwise, found by the core's findFeature. */
function lineByName(c: number, feature: unknown, quantityArg: unknown, rounding: unknown, level: unknown, model: unknown): number | ExcelError {
  const f = findNamedFeature(c, feature);
  if (isExcelError(f)) return f;
  const q = quantity(quantityArg, "The quantity", quantityRule(f));
  if (typeof q !== "number") return q;
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
