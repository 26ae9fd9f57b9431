/**
 * A contract card judged in money: the profile on the contract and on each shipped card. Kept apart
 * from ./contract-card.ts so the custom functions, which compile contract tables, do not carry the
 * estimate.
 */
import type { CompiledCard } from "./card-registry";
import { InputError, type Result } from "./errors";
import { estimate, type Estimate, type Profile } from "./estimate";

/** One card's figures for a profile, in the comparison a contract is judged by. */
export interface ContractComparisonRow {
  readonly card: CompiledCard;
  readonly estimate: Estimate;
  /** The price per token used: the contract's (the profile's) for the contract, a shipped card's list price in the currency where it has one. */
  readonly price: number;
  /** True when a shipped card has no list price in the currency and the profile's price is used. */
  readonly profilePrice: boolean;
}

/**
 * A profile on the contract and on each shipped card, in money: monthly tokens, overage and annual
 * cost in the profile's currency. A shipped card is priced at its list price in that currency (what
 * the organisation would pay without the contract), or at the profile's price where it lists none.
 */
export function contractComparison(profile: Profile, contract: CompiledCard, shipped: readonly CompiledCard[]): Result<ContractComparisonRow[]> {
  const own = estimate({ ...profile, card: contract.id }, contract);
  if (own instanceof InputError) return own;
  const rows: ContractComparisonRow[] = [{ card: contract, estimate: own, price: profile.pricePerToken, profilePrice: true }];
  for (const card of shipped) {
    const list = card.card.pricing.perToken[profile.currency];
    const price = list ?? profile.pricePerToken;
    const e = estimate({ ...profile, card: card.id, pricePerToken: price }, card);
    if (e instanceof InputError) return e;
    rows.push({ card, estimate: e, price, profilePrice: list === undefined });
  }
  return rows;
}
