/**
 * The TOKENS custom functions: thin wrappers that pass Excel input through one gate (./coerce),
 * read options (./arguments), call the core and map its errors to Excel error values.
 *
 * Conventions (also in the README's function reference):
 * - Consumption functions: the quantity first, then [rounding], [card], [level]; COPILOT and
 *   CONSUMPTION add [model] last, because only licence-dependent rates (Copilot on the published
 *   card) need it. So `=TOKENS.CONSUMPTION("virtualagent", 1000, "line", "genesys-published")` is 500.
 * - Other functions take [card] after their own optional arguments:
 *   `=TOKENS.ALLOCATION(50, "named", "genesys-published")` is 250.
 * - Omitted or blank optional arguments take their defaults (Excel passes null for an omitted
 *   argument: no TypeScript default parameters here).
 * - Numeric parameters are typed `unknown` (metadata type "any") so that text, booleans and blanks
 *   reach the gate, which gives a message saying what is wrong, rather than Excel's bare #VALUE!.
 * - Each body is wrapped so that a bug shows as #VALUE! with a message, never a raw exception.
 *
 * Registration: custom-functions-metadata-plugin generates functions.json from these JSDoc blocks
 * and appends one `CustomFunctions.associate("ID", fn)` per @customfunction to this module in the
 * webpack bundle. A second, hand-written set of associate calls would register every id twice
 * (the runtime then warns "[DuplicatedName]" for each), so there is none here; the module loads in
 * Node as it is. test/functions/metadata.test.ts replays the plugin's registration against this
 * module, and test/functions/bundle.test.ts checks the built bundle registers each id once.
 * This file exports custom functions only: helpers live beside it.
 */
import "./outside-excel";
import { allocation as allocationTokens } from "../core/allocation";
import { budgetWithBuffers, topUpNeed } from "../core/budgeting";
import { DEFAULT_LINE_OPTIONS, monthlyFromDaily } from "../core/consumption";
import { cost as costOf, overage as overageTokens } from "../core/cost";
import { health as healthOf, projectMonthEnd, utilisation } from "../core/monitoring";
import { BUDGET_BUFFERS, WORKING_DAYS_PER_MONTH } from "../core/planning-rules";
import { LICENCE_MODELS } from "../core/ratecard";
import { annualOverageCost } from "./annual";
import { CARDS, DEFAULT_CARD_INDEX, cardAt, cardIndex, defaultPrice, featureSlot, licenceIndex, priceArg } from "./arguments";
import { fromInputError, numberResult, optionalFlag, optionalQuantity, quantity, unexpected } from "./coerce";
import { featureLine, namedLine } from "./lines";
import { ratesTable } from "./rates-table";
import { cardTable } from "../core/contract-table";

const COPILOT = featureSlot("copilot");
const ANALYTICS = featureSlot("analytics");
const SCORING = featureSlot("scoring");
const TRANSLATE = featureSlot("translate");
const VOICEBOT = featureSlot("voicebot");
const DIGITALBOT = featureSlot("digitalbot");
const MESSAGING = featureSlot("messaging");
const SOCIAL = featureSlot("social");
const VIRTUALAGENT = featureSlot("virtualagent");
const NO_ADD_ON = { addOn: false } as const;
const WITH_ADD_ON = { addOn: true } as const;
const DEFAULT_CARD = CARDS[DEFAULT_CARD_INDEX];
const DEFAULT_PRICE = defaultPrice(DEFAULT_CARD_INDEX);
/** RATES() tables by card and licence model, built once. */
const RATE_TABLES = CARDS.map((c) => LICENCE_MODELS.map((l) => ratesTable(c, l)));

/**
 * Monthly tokens for Agent Copilot users. Study-notes rate: 50 tokens per user (range 40-60); published card: 40 per named, 60 per concurrent user.
 * @customfunction COPILOT
 * @helpurl https://localhost:3000/help/functions.html#COPILOT
 * @example =TOKENS.COPILOT(50)
 * @example =TOKENS.COPILOT(50, , , "genesys-published", , "concurrent")
 * @example =TOKENS.COPILOT(50, , , , "high")
 * @param users Copilot users in the month.
 * @param tokensPerUser Your own tokens-per-user figure (e.g. 55); blank uses the card's rate.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @param model Licence model, for licence-dependent rates: "named" (default) or "concurrent".
 * @returns Tokens for the month.
 */
export function copilot(
  users: unknown,
  tokensPerUser?: unknown,
  rounding?: string,
  card?: unknown[][],
  level?: string,
  model?: string,
): number | CustomFunctions.Error {
  try {
    return featureLine(COPILOT, users, tokensPerUser, rounding, card, level, model);
  } catch (e) {
    return unexpected("COPILOT", e);
  }
}

/**
 * Monthly tokens for Speech & Text Analytics users. Study-notes rate: 37.5 tokens per user (range 30-45).
 * @customfunction ANALYTICS
 * @helpurl https://localhost:3000/help/functions.html#ANALYTICS
 * @example =TOKENS.ANALYTICS(10)
 * @example =TOKENS.ANALYTICS(10, 40)
 * @example =TOKENS.ANALYTICS(10, , , "genesys-published")
 * @param users Analytics users in the month.
 * @param tokensPerUser Your own tokens-per-user figure; blank uses the card's rate.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function analytics(users: unknown, tokensPerUser?: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(ANALYTICS, users, tokensPerUser, rounding, card, level, null);
  } catch (e) {
    return unexpected("ANALYTICS", e);
  }
}

/**
 * Monthly tokens for AI Scoring (Virtual Supervisor). Study-notes rate: 1 token per 20 evaluations.
 * @customfunction SCORING
 * @helpurl https://localhost:3000/help/functions.html#SCORING
 * @example =TOKENS.SCORING(4000)
 * @example =TOKENS.SCORING(4010, "exact")
 * @param evaluations Evaluations scored in the month.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function scoring(evaluations: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(SCORING, evaluations, null, rounding, card, level, null);
  } catch (e) {
    return unexpected("SCORING", e);
  }
}

/**
 * Monthly tokens for AI Translate. Study-notes rate: 1 token per 100 minutes; the published card counts interactions (1 token per 2).
 * @customfunction TRANSLATE
 * @helpurl https://localhost:3000/help/functions.html#TRANSLATE
 * @example =TOKENS.TRANSLATE(300)
 * @example =TOKENS.TRANSLATE(300, , "genesys-published")
 * @param minutes Minutes of transcript translated in the month (interactions on the published card).
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function translate(minutes: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(TRANSLATE, minutes, null, rounding, card, level, null);
  } catch (e) {
    return unexpected("TRANSLATE", e);
  }
}

/**
 * Monthly tokens for Voice Bots. Study-notes rate: 1 token per 17 minutes.
 * @customfunction VOICEBOT
 * @helpurl https://localhost:3000/help/functions.html#VOICEBOT
 * @example =TOKENS.VOICEBOT(5000)
 * @example =TOKENS.VOICEBOT(5000, "exact")
 * @example =TOKENS.VOICEBOT(-5)
 * @param minutes Voice bot minutes in the month.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function voicebot(minutes: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(VOICEBOT, minutes, null, rounding, card, level, null);
  } catch (e) {
    return unexpected("VOICEBOT", e);
  }
}

/**
 * Monthly tokens for Digital Bots. Study-notes rate: 1 token per 51 sessions.
 * @customfunction DIGITALBOT
 * @helpurl https://localhost:3000/help/functions.html#DIGITALBOT
 * @example =TOKENS.DIGITALBOT(10000)
 * @example =TOKENS.DIGITALBOT(10000, "up")
 * @param sessions Digital bot sessions in the month.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function digitalbot(sessions: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(DIGITALBOT, sessions, null, rounding, card, level, null);
  } catch (e) {
    return unexpected("DIGITALBOT", e);
  }
}

/**
 * Monthly tokens for Messaging (Facebook, Instagram, WhatsApp, X, Apple Business Chat). Study-notes rate: 1 token per 400 messages.
 * @customfunction MESSAGING
 * @helpurl https://localhost:3000/help/functions.html#MESSAGING
 * @example =TOKENS.MESSAGING(5000)
 * @example =TOKENS.MESSAGING("5,000")
 * @param messages Inbound and outbound messages in the month.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function messaging(messages: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(MESSAGING, messages, null, rounding, card, level, null);
  } catch (e) {
    return unexpected("MESSAGING", e);
  }
}

/**
 * Monthly tokens for social listening and responses. Study-notes rate: 1 token per 400 posts.
 * @customfunction SOCIAL
 * @helpurl https://localhost:3000/help/functions.html#SOCIAL
 * @example =TOKENS.SOCIAL(800)
 * @example =TOKENS.SOCIAL(800, , "genesys-published")
 * @param posts Social posts in the month.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function social(posts: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(SOCIAL, posts, null, rounding, card, level, null);
  } catch (e) {
    return unexpected("SOCIAL", e);
  }
}

/**
 * Monthly tokens for Virtual Agent. Study-notes rate: 2 tokens per session; published card: 0.5 per interaction.
 * @customfunction VIRTUALAGENT
 * @helpurl https://localhost:3000/help/functions.html#VIRTUALAGENT
 * @example =TOKENS.VIRTUALAGENT(1000)
 * @example =TOKENS.VIRTUALAGENT(1000, , "genesys-published")
 * @param sessions Virtual Agent sessions in the month (interactions on the published card).
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @returns Tokens for the month.
 */
export function virtualagent(sessions: unknown, rounding?: string, card?: unknown[][], level?: string): number | CustomFunctions.Error {
  try {
    return featureLine(VIRTUALAGENT, sessions, null, rounding, card, level, null);
  } catch (e) {
    return unexpected("VIRTUALAGENT", e);
  }
}

/**
 * Monthly tokens for any feature of the rate card, by id or name, including the included (zero-token) ones. RATES() lists the features.
 * @customfunction CONSUMPTION
 * @helpurl https://localhost:3000/help/functions.html#CONSUMPTION
 * @example =TOKENS.CONSUMPTION("virtualagent", 1000, "line", "genesys-published")
 * @example =TOKENS.CONSUMPTION("Voice Bots", 5000)
 * @example =TOKENS.CONSUMPTION("predictiverouting", 1000)
 * @example =TOKENS.CONSUMPTION("summary", 500)
 * @param feature Feature id or name, e.g. "voicebot" or "Voice Bots".
 * @param quantity Quantity in the month, in the feature's unit.
 * @param rounding "line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param level Where the rate is a range: "low", "mid" (default) or "high".
 * @param model Licence model, for licence-dependent rates: "named" (default) or "concurrent".
 * @returns Tokens for the month.
 */
export function consumption(
  feature: string,
  quantity: unknown,
  rounding?: string,
  card?: unknown[][],
  level?: string,
  model?: string,
): number | CustomFunctions.Error {
  try {
    return namedLine(feature, quantity, rounding, card, level, model);
  } catch (e) {
    return unexpected("CONSUMPTION", e);
  }
}

/**
 * A monthly volume from a daily one: per day x working days.
 * @customfunction MONTHLY
 * @helpurl https://localhost:3000/help/functions.html#MONTHLY
 * @example =TOKENS.MONTHLY(200)
 * @example =TOKENS.MONTHLY(200, 22)
 * @param perDay Volume per working day.
 * @param workingDays Working days in the month; blank is 20.
 * @returns The volume for the month.
 */
export function monthly(perDay: unknown, workingDays?: unknown): number | CustomFunctions.Error {
  try {
    const d = quantity(perDay, "The daily volume", "quantity");
    if (typeof d !== "number") return d;
    const w = workingDays == null ? WORKING_DAYS_PER_MONTH : optionalQuantity(workingDays, WORKING_DAYS_PER_MONTH, "Working days", "workingDays");
    if (typeof w !== "number") return w;
    return numberResult(monthlyFromDaily(d, w));
  } catch (e) {
    return unexpected("MONTHLY", e);
  }
}

/**
 * The monthly token allocation: 250 per named or 350 per concurrent user on the study-notes card; one amount for the organisation on the published card.
 * @customfunction ALLOCATION
 * @helpurl https://localhost:3000/help/functions.html#ALLOCATION
 * @example =TOKENS.ALLOCATION(200)
 * @example =TOKENS.ALLOCATION(50, "concurrent")
 * @example =TOKENS.ALLOCATION(50, "named", "genesys-published")
 * @param users Licensed users.
 * @param model Licence model: "named" (default) or "concurrent".
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param addOn TRUE to add the card's per-agent add-on where it has one (published card: CX 4, unconfirmed); blank is FALSE.
 * @returns Tokens allocated for the month.
 */
export function allocation(users: unknown, model?: string, card?: unknown[][], addOn?: unknown): number | CustomFunctions.Error {
  try {
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
  } catch (e) {
    return unexpected("ALLOCATION", e);
  }
}

/**
 * Tokens over the allocation in one month: MAX(0, consumption - allocation).
 * @customfunction OVERAGE
 * @helpurl https://localhost:3000/help/functions.html#OVERAGE
 * @example =TOKENS.OVERAGE(60000, 50000)
 * @example =TOKENS.OVERAGE(40000, 50000)
 * @param consumption Tokens consumed in the month.
 * @param allocation Tokens allocated for the month.
 * @returns Overage tokens for the month.
 */
export function overage(consumption: unknown, allocation: unknown): number | CustomFunctions.Error {
  try {
    const c = quantity(consumption, "Consumption", "tokens");
    if (typeof c !== "number") return c;
    const a = quantity(allocation, "Allocation", "tokens");
    if (typeof a !== "number") return a;
    return numberResult(overageTokens(c, a));
  } catch (e) {
    return unexpected("OVERAGE", e);
  }
}

/**
 * What tokens cost: tokens x price per token.
 * @customfunction COST
 * @helpurl https://localhost:3000/help/functions.html#COST
 * @example =TOKENS.COST(1000)
 * @example =TOKENS.COST(1000, "EUR", "genesys-published")
 * @example =TOKENS.COST(1000, "EUR")
 * @param tokens Tokens to price (e.g. the overage).
 * @param pricePerToken A price per token, or a currency code whose price the card lists (e.g. "EUR"); blank is the card's price (USD 1.00).
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @returns The cost, in the price's currency.
 */
export function cost(tokens: unknown, pricePerToken?: unknown, card?: unknown[][]): number | CustomFunctions.Error {
  try {
    const t = quantity(tokens, "Tokens", "tokens");
    if (typeof t !== "number") return t;
    if (pricePerToken == null && card == null) return numberResult(costOf(t, DEFAULT_PRICE));
    const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
    if (typeof c !== "number") return c;
    const p = priceArg(pricePerToken, c);
    if (typeof p !== "number") return p;
    return numberResult(costOf(t, p));
  } catch (e) {
    return unexpected("COST", e);
  }
}

/**
 * The cost of a year's overage with no carryover: each month's overage MAX(0, consumption - allocation) is summed, so unused tokens never offset another month.
 * @customfunction ANNUALCOST
 * @helpurl https://localhost:3000/help/functions.html#ANNUALCOST
 * @example =TOKENS.ANNUALCOST({40000;20000;40000}, 30000)
 * @example =TOKENS.ANNUALCOST({40000;20000}, {30000;30000;30000})
 * @param monthlyConsumption Tokens consumed, one cell per month (blank cells are 0).
 * @param monthlyAllocation Tokens allocated: one number for every month, or one cell per month.
 * @param pricePerToken A price per token, or a currency code whose price the card lists (e.g. "EUR"); blank is the card's price (USD 1.00).
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @returns The period's overage cost, in the price's currency.
 */
export function annualCost(
  monthlyConsumption: unknown[][],
  monthlyAllocation: unknown[][],
  pricePerToken?: unknown,
  card?: unknown[][],
): number | CustomFunctions.Error {
  try {
    const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
    if (typeof c !== "number") return c;
    const p = priceArg(pricePerToken, c);
    if (typeof p !== "number") return p;
    return annualOverageCost(monthlyConsumption, monthlyAllocation, p);
  } catch (e) {
    return unexpected("ANNUALCOST", e);
  }
}

/**
 * Consumption as a share of the allocation (0.396 is 39.6%); 40-80% is the good range.
 * @customfunction UTILIZATION
 * @helpurl https://localhost:3000/help/functions.html#UTILIZATION
 * @example =TOKENS.UTILIZATION(19810, 50000)
 * @example =TOKENS.UTILIZATION(100, 0)
 * @param consumption Tokens consumed (or projected).
 * @param allocation Tokens allocated; 0 gives #DIV/0!.
 * @returns The share of the allocation used.
 */
export function utilization(consumption: unknown, allocation: unknown): number | CustomFunctions.Error {
  try {
    const c = quantity(consumption, "Consumption", "tokens");
    if (typeof c !== "number") return c;
    const a = quantity(allocation, "Allocation", "tokens");
    if (typeof a !== "number") return a;
    return numberResult(utilisation(c, a));
  } catch (e) {
    return unexpected("UTILIZATION", e);
  }
}

/**
 * Health of consumption against allocation: "GREEN" up to 80%, "AMBER" above 80% up to 100%, "RED" above 100% (overage).
 * @customfunction HEALTH
 * @helpurl https://localhost:3000/help/functions.html#HEALTH
 * @example =TOKENS.HEALTH(30000, 50000)
 * @example =TOKENS.HEALTH(45000, 50000)
 * @example =TOKENS.HEALTH(60000, 50000)
 * @param consumption Tokens consumed, or the month-end projection.
 * @param allocation Tokens allocated for the month.
 * @returns "GREEN", "AMBER" or "RED".
 */
export function health(consumption: unknown, allocation: unknown): string | CustomFunctions.Error {
  try {
    const c = quantity(consumption, "Consumption", "tokens");
    if (typeof c !== "number") return c;
    const a = quantity(allocation, "Allocation", "tokens");
    if (typeof a !== "number") return a;
    const h = healthOf(c, a);
    return typeof h === "string" ? h : fromInputError(h);
  } catch (e) {
    return unexpected("HEALTH", e);
  }
}

/**
 * Month-end consumption if the pace so far continues: consumed / days elapsed x days in the period.
 * @customfunction PROJECT
 * @helpurl https://localhost:3000/help/functions.html#PROJECT
 * @example =TOKENS.PROJECT(6000, 10, 31)
 * @example =TOKENS.PROJECT(6000, 0, 31)
 * @param consumedToDate Tokens consumed so far this period.
 * @param daysElapsed Days elapsed so far (0 gives #DIV/0!).
 * @param daysInPeriod Days in the whole period (at least the days elapsed).
 * @returns Projected tokens at the end of the period.
 */
export function project(consumedToDate: unknown, daysElapsed: unknown, daysInPeriod: unknown): number | CustomFunctions.Error {
  try {
    const c = quantity(consumedToDate, "Consumption to date", "tokens");
    if (typeof c !== "number") return c;
    const e = quantity(daysElapsed, "Days elapsed", "days");
    if (typeof e !== "number") return e;
    const p = quantity(daysInPeriod, "Days in the period", "days");
    if (typeof p !== "number") return p;
    return numberResult(projectMonthEnd(c, e, p));
  } catch (e) {
    return unexpected("PROJECT", e);
  }
}

/**
 * A token budget from a baseline: baseline x (1 + overage buffer + growth buffer).
 * @customfunction BUDGET
 * @helpurl https://localhost:3000/help/functions.html#BUDGET
 * @example =TOKENS.BUDGET(1000)
 * @example =TOKENS.BUDGET(1000, "20%", 0.15)
 * @param baseline Baseline tokens per month.
 * @param overageBuffer Buffer for unpredictability, as a fraction (0.2 or "20%"); blank is 20%.
 * @param growthBuffer Buffer for growth, as a fraction; blank is 10% (the notes suggest 10-15%).
 * @returns Budgeted tokens per month.
 */
export function budget(baseline: unknown, overageBuffer?: unknown, growthBuffer?: unknown): number | CustomFunctions.Error {
  try {
    const b = quantity(baseline, "The baseline", "tokens");
    if (typeof b !== "number") return b;
    const o = overageBuffer == null ? BUDGET_BUFFERS.overage : optionalQuantity(overageBuffer, BUDGET_BUFFERS.overage, "The overage buffer", "buffer");
    if (typeof o !== "number") return o;
    const g = growthBuffer == null ? BUDGET_BUFFERS.growth : optionalQuantity(growthBuffer, BUDGET_BUFFERS.growth, "The growth buffer", "buffer");
    if (typeof g !== "number") return g;
    return numberResult(budgetWithBuffers(b, o, g));
  } catch (e) {
    return unexpected("BUDGET", e);
  }
}

/**
 * Whole top-up tokens to buy so the projection (plus a buffer) fits the allocation, rounded up; 0 when it already fits.
 * @customfunction TOPUP
 * @helpurl https://localhost:3000/help/functions.html#TOPUP
 * @example =TOKENS.TOPUP(40000, 30000)
 * @example =TOKENS.TOPUP(40000, 30000, "10%")
 * @example =TOKENS.TOPUP(20000, 30000)
 * @param projected Projected tokens for the month.
 * @param allocation Tokens allocated for the month.
 * @param buffer Safety margin on the projection, as a fraction (0.1 or "10%"); blank is 0.
 * @returns Tokens to buy.
 */
export function topUp(projected: unknown, allocation: unknown, buffer?: unknown): number | CustomFunctions.Error {
  try {
    const p = quantity(projected, "The projected consumption", "tokens");
    if (typeof p !== "number") return p;
    const a = quantity(allocation, "The allocation", "tokens");
    if (typeof a !== "number") return a;
    const b = buffer == null ? 0 : optionalQuantity(buffer, 0, "The buffer", "buffer");
    if (typeof b !== "number") return b;
    return numberResult(topUpNeed(p, a, b));
  } catch (e) {
    return unexpected("TOPUP", e);
  }
}

/**
 * The rate card as a table that spills: a header row, then per feature its id, name, unit, tokens, per, tokens per unit, low, high, included, source and confidence.
 * @customfunction RATES
 * @helpurl https://localhost:3000/help/functions.html#RATES
 * @example =TOKENS.RATES()
 * @example =TOKENS.RATES("genesys-published", "concurrent")
 * @param card Rate card: "study-notes" (default) or "genesys-published".
 * @param model Licence model for licence-dependent rates: "named" (default) or "concurrent".
 * @returns The rates table, header row first.
 */
export function rates(card?: unknown[][], model?: string): unknown[][] {
  try {
    const c = card == null ? DEFAULT_CARD_INDEX : cardIndex(card);
    if (typeof c !== "number") return [[c]];
    const l = licenceIndex(model);
    if (typeof l !== "number") return [[l]];
    return (c < CARDS.length ? RATE_TABLES[c][l] : cardTable(cardAt(c), LICENCE_MODELS[l])) as unknown[][];
  } catch (e) {
    return [[unexpected("RATES", e)]];
  }
}
