/**
 * The TOKENS custom functions' implementations: each passes Excel input through one gate (./coerce),
 * reads options (./arguments), calls the core and maps its errors to Excel error values.
 *
 * What Excel sees of them (ids, descriptions, arguments, examples, help links) is declared once in
 * ./function-table.ts; scripts/function-wrappers.ts generates from it, at build time, the JSDoc'd
 * module that custom-functions-metadata reads (build/functions/functions.ts, never committed): one
 * declaration per function, whose body calls the function here inside the one guard (a bug shows as
 * #VALUE! with a message, never a raw exception). The build's plugin appends one
 * `CustomFunctions.associate` per function to that module, so nothing here registers anything.
 *
 * - The per-feature consumption functions (COPILOT, VOICEBOT, ...) are not written here: each
 *   catalogue entry with a `function` gets one from `featureFunction` (FEATURE_FUNCTIONS).
 * - Omitted or blank optional arguments take their defaults (Excel passes null for an omitted
 *   argument: no TypeScript default parameters here).
 * - Numeric parameters are `unknown` so that text, booleans and blanks reach the gate, which says
 *   what is wrong rather than Excel's bare #VALUE!.
 */
import "./outside-excel";
import { allocation as allocationTokens } from "../core/allocation";
import { budgetWithBuffers, topUpNeed } from "../core/budgeting";
import { DEFAULT_LINE_OPTIONS, monthlyFromDaily } from "../core/consumption";
import { cost as costOf, overage as overageTokens } from "../core/cost";
import { FEATURE_CATALOGUE, type FeatureEntry } from "../core/feature-catalogue";
import { health as healthOf, projectMonthEnd, utilisation } from "../core/monitoring";
import { BUDGET_BUFFERS, WORKING_DAYS_PER_MONTH } from "../core/planning-rules";
import { LICENCE_MODELS } from "../core/ratecard";
import { annualOverageCost } from "./annual";
import { CARDS, DEFAULT_CARD_INDEX, cardAt, cardIndex, defaultPrice, featureSlot, licenceIndex, priceArg, tableOf } from "./arguments";
import { fromInputError, numberResult, optionalFlag, optionalQuantity, quantity, type ExcelError } from "./coerce";
import { featureLine, namedLine } from "./lines";
import { ratesTable } from "./rates-table";

const NO_ADD_ON = { addOn: false } as const;
const WITH_ADD_ON = { addOn: true } as const;
const DEFAULT_CARD = CARDS[DEFAULT_CARD_INDEX];
const DEFAULT_PRICE = defaultPrice(DEFAULT_CARD_INDEX);
/** RATES() tables by card and licence model, built once. */
const RATE_TABLES = CARDS.map((c) => LICENCE_MODELS.map((l) => ratesTable(c, l)));

/**
 * A per-feature consumption function, as Excel calls it: (quantity, [tokensPerUser], [rounding],
 * [card], [level], [model]); the own tokens-per-user figure only for a feature priced per user.
 */
export type FeatureFunction = (quantity: unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) => number | ExcelError;

/** The consumption function of a catalogue feature. */
export function featureFunction(id: string): FeatureFunction {
  const slot = featureSlot(id);
  return slot.ownRate
    ? (q, tokensPerUser, rounding, card, level, model) => featureLine(slot, q, tokensPerUser, rounding, card, level, model)
    : (q, rounding, card, level, model) => featureLine(slot, q, null, rounding, card, level, model);
}

/** The function of every catalogue feature that has one, by the function's name (COPILOT, AGENTICVA, ...). */
export const FEATURE_FUNCTIONS: Readonly<Record<string, FeatureFunction>> = Object.fromEntries(
  (FEATURE_CATALOGUE as readonly FeatureEntry[]).flatMap((e) => (e.function ? [[e.function.name, featureFunction(e.id)]] : [])),
);

/** CONSUMPTION(feature, quantity, [rounding], [card], [level], [model]): ./lines' namedLine itself, with no call between. */
export { namedLine as consumption };

/** MONTHLY(perDay, [workingDays]). */
export function monthly(perDay: unknown, workingDays?: unknown): number | ExcelError {
  const d = quantity(perDay, "The daily volume", "quantity");
  if (typeof d !== "number") return d;
  const w = workingDays == null ? WORKING_DAYS_PER_MONTH : optionalQuantity(workingDays, WORKING_DAYS_PER_MONTH, "Working days", "workingDays");
  if (typeof w !== "number") return w;
  return numberResult(monthlyFromDaily(d, w));
}

/** ALLOCATION(users, [model], [card], [addOn]). */
export function allocation(users: unknown, model?: unknown, card?: unknown, addOn?: unknown): number | ExcelError {
  const u = quantity(users, "The number of users", "users");
  if (typeof u !== "number") return u;
  if (model == null && card == null && addOn == null) return numberResult(allocationTokens(DEFAULT_CARD, u, DEFAULT_LINE_OPTIONS.licence, NO_ADD_ON));
  const l = licenceIndex(model);
  if (typeof l !== "number") return l;
  const c = cardIndex(card);
  if (typeof c !== "number") return c;
  const a = optionalFlag(addOn, false, "The add-on switch");
  if (typeof a !== "boolean") return a;
  return numberResult(allocationTokens(cardAt(c), u, LICENCE_MODELS[l], a ? WITH_ADD_ON : NO_ADD_ON));
}

/** Two token figures through the gate, then `f` of them. */
function ofTwoTokenFigures<R>(x: unknown, xName: string, y: unknown, yName: string, f: (x: number, y: number) => R): R | ExcelError {
  const a = quantity(x, xName, "tokens");
  if (typeof a !== "number") return a;
  const b = quantity(y, yName, "tokens");
  if (typeof b !== "number") return b;
  return f(a, b);
}

/** OVERAGE(consumption, allocation). */
export function overage(consumed: unknown, allocated: unknown): number | ExcelError {
  return ofTwoTokenFigures(consumed, "Consumption", allocated, "Allocation", (c, a) => numberResult(overageTokens(c, a)));
}

/** COST(tokens, [pricePerToken], [card]). */
export function cost(tokens: unknown, pricePerToken?: unknown, card?: unknown): number | ExcelError {
  const t = quantity(tokens, "Tokens", "tokens");
  if (typeof t !== "number") return t;
  if (pricePerToken == null && card == null) return numberResult(costOf(t, DEFAULT_PRICE));
  const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
  if (typeof c !== "number") return c;
  const p = priceArg(pricePerToken, c);
  if (typeof p !== "number") return p;
  return numberResult(costOf(t, p));
}

/** ANNUALCOST(monthlyConsumption, monthlyAllocation, [pricePerToken], [card]). */
export function annualCost(monthlyConsumption: unknown[][], monthlyAllocation: unknown[][], pricePerToken?: unknown, card?: unknown): number | ExcelError {
  const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
  if (typeof c !== "number") return c;
  const p = priceArg(pricePerToken, c);
  if (typeof p !== "number") return p;
  return annualOverageCost(monthlyConsumption, monthlyAllocation, p);
}

/** UTILIZATION(consumption, allocation). */
export function utilization(consumed: unknown, allocated: unknown): number | ExcelError {
  return ofTwoTokenFigures(consumed, "Consumption", allocated, "Allocation", (c, a) => numberResult(utilisation(c, a)));
}

/** HEALTH(consumption, allocation). */
export function health(consumed: unknown, allocated: unknown): string | ExcelError {
  return ofTwoTokenFigures(consumed, "Consumption", allocated, "Allocation", (c, a): string | ExcelError => {
    const h = healthOf(c, a);
    return typeof h === "string" ? h : fromInputError(h);
  });
}

/** PROJECT(consumedToDate, daysElapsed, daysInPeriod). */
export function project(consumedToDate: unknown, daysElapsed: unknown, daysInPeriod: unknown): number | ExcelError {
  const c = quantity(consumedToDate, "Consumption to date", "tokens");
  if (typeof c !== "number") return c;
  const e = quantity(daysElapsed, "Days elapsed", "days");
  if (typeof e !== "number") return e;
  const p = quantity(daysInPeriod, "Days in the period", "days");
  if (typeof p !== "number") return p;
  return numberResult(projectMonthEnd(c, e, p));
}

/** BUDGET(baseline, [overageBuffer], [growthBuffer]). */
export function budget(baseline: unknown, overageBuffer?: unknown, growthBuffer?: unknown): number | ExcelError {
  const b = quantity(baseline, "The baseline", "tokens");
  if (typeof b !== "number") return b;
  const o = overageBuffer == null ? BUDGET_BUFFERS.overage : optionalQuantity(overageBuffer, BUDGET_BUFFERS.overage, "The overage buffer", "buffer");
  if (typeof o !== "number") return o;
  const g = growthBuffer == null ? BUDGET_BUFFERS.growth : optionalQuantity(growthBuffer, BUDGET_BUFFERS.growth, "The growth buffer", "buffer");
  if (typeof g !== "number") return g;
  return numberResult(budgetWithBuffers(b, o, g));
}

/** TOPUP(projected, allocation, [buffer]). */
export function topUp(projected: unknown, allocated: unknown, buffer?: unknown): number | ExcelError {
  const p = quantity(projected, "The projected consumption", "tokens");
  if (typeof p !== "number") return p;
  const a = quantity(allocated, "The allocation", "tokens");
  if (typeof a !== "number") return a;
  const b = buffer == null ? 0 : optionalQuantity(buffer, 0, "The buffer", "buffer");
  if (typeof b !== "number") return b;
  return numberResult(topUpNeed(p, a, b));
}

/** RATES([card], [model]): a table that spills; an error is a one-cell table holding it. */
export function rates(card?: unknown, model?: unknown): unknown[][] {
  const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
  if (typeof c !== "number") return [[c]];
  const l = licenceIndex(model);
  if (typeof l !== "number") return [[l]];
  return (c < CARDS.length ? RATE_TABLES[c][l] : tableOf(cardAt(c), LICENCE_MODELS[l])) as unknown[][];
}
