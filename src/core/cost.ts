/**
 * Overage and what it costs. Allocations renew monthly with no carryover: a month's unused
 * tokens never offset another month's overage, so a year's overage is a sum of monthly overages.
 */
import type { CompiledCard } from "./card-registry";
import { isCurrencyCode } from "./currencies";
import { checkQuantity, InputError, type Result } from "./errors";

/** Tokens over the allocation in one month: max(0, consumption - allocation). */
export function overage(consumption: number, allocation: number): Result<number> {
  const bad = checkQuantity(consumption, "Consumption") ?? checkQuantity(allocation, "Allocation");
  if (bad) return bad;
  return consumption > allocation ? consumption - allocation : 0;
}

/** The price of tokens: tokens x price per token. */
export function cost(tokens: number, pricePerToken: number): Result<number> {
  return checkQuantity(tokens, "Tokens") ?? checkQuantity(pricePerToken, "The price per token") ?? tokens * pricePerToken;
}

/** The card's price of one extra token in a currency. */
export function pricePerToken(card: CompiledCard, currency: string = card.card.pricing.defaultCurrency): Result<number> {
  const code = currency.trim().toUpperCase();
  if (!isCurrencyCode(code)) return new InputError("value", `Unknown currency "${currency}".`);
  const price = card.card.pricing.perToken[code];
  return price === undefined ? new InputError("na", `The ${card.card.name} card has no price in ${code}: type your negotiated price instead.`) : price;
}

export interface AnnualOverage {
  /** Overage tokens month by month. */
  readonly monthly: readonly number[];
  /** The year's overage tokens: the sum of the monthly overages. */
  readonly tokens: number;
  /** What the year's overage costs at the price per token. */
  readonly cost: number;
}

/**
 * A year's (or any period's) overage with no carryover. `allocation` is one figure for every month
 * or one per month; the two lists must be of the same length.
 */
export function annualOverage(consumption: readonly number[], allocation: number | readonly number[], price: number): Result<AnnualOverage> {
  if (consumption.length === 0) return new InputError("value", "There are no monthly consumption figures.");
  if (typeof allocation !== "number" && allocation.length !== consumption.length && allocation.length !== 1) {
    return new InputError("value", `There are ${consumption.length} months of consumption but ${allocation.length} allocations.`);
  }
  const badPrice = checkQuantity(price, "The price per token");
  if (badPrice) return badPrice;
  const monthly: number[] = [];
  let tokens = 0;
  for (let m = 0; m < consumption.length; m++) {
    const a = typeof allocation === "number" ? allocation : allocation.length === 1 ? allocation[0] : allocation[m];
    const over = overage(consumption[m], a);
    if (over instanceof InputError) return new InputError(over.code, `Month ${m + 1}: ${over.message}`);
    monthly.push(over);
    tokens += over;
  }
  return { monthly, tokens, cost: tokens * price };
}
