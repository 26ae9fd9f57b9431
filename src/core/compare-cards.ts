/**
 * One profile priced on two rate cards: what changes in tokens, allocation and money. The taskpane
 * turns it into plain words; this module only computes. The profile is taken as typed, own
 * tokens-per-user figures and the price per token included, so only the cards' rates differ.
 */
import type { CompiledCard } from "./card-registry";
import { InputError, type Result } from "./errors";
import { estimate, type Estimate, type EstimateLine, type Profile, type VolumeFeature } from "./estimate";

export interface LineDifference {
  readonly feature: VolumeFeature;
  /** The line on the base card (the profile's own card) and on the other card. */
  readonly base: EstimateLine;
  readonly other: EstimateLine;
  /** other.tokens - base.tokens. */
  readonly tokens: number;
  /** The unit the typed quantity is counted in on each card, where both cards price the feature and differ. */
  readonly unitChange?: { readonly base: string; readonly other: string };
}

export interface CardComparison {
  readonly base: CompiledCard;
  readonly other: CompiledCard;
  readonly baseEstimate: Estimate;
  readonly otherEstimate: Estimate;
  /** Differences other - base of the totals. */
  readonly tokens: number;
  readonly allocation: number;
  readonly overage: number;
  readonly monthlyCost: number;
  readonly annualCost: number;
  /** The lines with a typed quantity whose tokens or unit differ between the cards, in template order. */
  readonly lines: readonly LineDifference[];
}

/** The profile on its own card against each other card of `cards`; an InputError when the profile cannot be estimated. */
export function compareCards(profile: Profile, cards: readonly CompiledCard[]): Result<CardComparison[]> {
  const base = cards.find((c) => c.id === profile.card);
  if (!base) return new InputError("na", `Unknown rate card "${profile.card}".`);
  const baseEstimate = estimate(profile, base);
  if (baseEstimate instanceof InputError) return baseEstimate;
  const out: CardComparison[] = [];
  for (const other of cards) {
    if (other.id === base.id) continue;
    const otherEstimate = estimate({ ...profile, card: other.id }, other);
    if (otherEstimate instanceof InputError) return otherEstimate;
    out.push({
      base,
      other,
      baseEstimate,
      otherEstimate,
      tokens: otherEstimate.total - baseEstimate.total,
      allocation: otherEstimate.allocation - baseEstimate.allocation,
      overage: otherEstimate.overage - baseEstimate.overage,
      monthlyCost: otherEstimate.monthlyCost - baseEstimate.monthlyCost,
      annualCost: otherEstimate.annualCost - baseEstimate.annualCost,
      lines: lineDifferences(base, other, baseEstimate, otherEstimate),
    });
  }
  return out;
}

function lineDifferences(baseCard: CompiledCard, otherCard: CompiledCard, b: Estimate, o: Estimate): LineDifference[] {
  const out: LineDifference[] = [];
  for (let i = 0; i < b.lines.length; i++) {
    const base = b.lines[i];
    const other = o.lines[i];
    if (base.quantity === 0) continue;
    const fb = baseCard.byId.get(base.feature);
    const fo = otherCard.byId.get(other.feature);
    const unitChange = base.onCard && other.onCard && fb && fo && fb.units !== fo.units ? { base: fb.units, other: fo.units } : undefined;
    if (base.tokens === other.tokens && base.onCard === other.onCard && !unitChange) continue;
    out.push({ feature: base.feature, base, other, tokens: other.tokens - base.tokens, ...(unitChange ? { unitChange } : {}) });
  }
  return out;
}
