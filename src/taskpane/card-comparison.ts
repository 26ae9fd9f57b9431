/**
 * "What differs between the cards" in plain words: the profile at hand on its own card against
 * every other card, from core's compareCards(). Pure: text in, text out.
 */
import type { CompiledCard } from "../core/card-registry";
import { compareCards, type CardComparison, type LineDifference } from "../core/compare-cards";
import { formatMoney, formatTokens } from "../core/currencies";
import { InputError } from "../core/errors";
import { PER_USER_FEATURES, type Profile } from "../core/estimate";
import { describeRate, signedTokens, tokensText } from "./wording";

export interface ComparisonText {
  readonly cardId: string;
  readonly cardName: string;
  /** The headline: tokens, allocation and overage cost on that card. */
  readonly sentence: string;
  /** The money difference against the profile's card, in a sentence. */
  readonly difference: string;
  /** One line per feature that counts differently, and notes on what the comparison assumes. */
  readonly details: readonly string[];
}

export interface ComparisonOptions {
  /** False when the price per token is not known yet: money is left out and overage said in tokens. */
  readonly priceKnown: boolean;
}

/** Plain-words comparisons of the profile on every other card; an InputError when the profile cannot be estimated. */
export function compareCardsInWords(profile: Profile, cards: readonly CompiledCard[], o: ComparisonOptions): ComparisonText[] | InputError {
  const comparisons = compareCards(profile, cards);
  if (comparisons instanceof InputError) return comparisons;
  return comparisons.map((c) => describeComparison(c, profile, o));
}

export function describeComparison(c: CardComparison, profile: Profile, o: ComparisonOptions): ComparisonText {
  const b = c.baseEstimate;
  const x = c.otherEstimate;
  const money = (n: number): string => formatMoney(n, profile.currency);
  const tokensPart = `uses ${formatTokens(x.total)} tokens a month (${signedTokens(c.tokens)})`;

  let allocationPart: string;
  if (c.allocation === 0) allocationPart = `gets the same ${formatTokens(x.allocation)} tokens of allocation`;
  else {
    const basis = c.other.card.allocation.basis !== c.base.card.allocation.basis ? allocationBasis(c.other) + " " : "";
    allocationPart = `gets ${formatTokens(x.allocation)} tokens (${basis}instead of ${formatTokens(b.allocation)})`;
  }

  let costPart: string;
  if (x.overage === 0) {
    costPart =
      b.overage === 0
        ? "stays within its allocation (no overage)"
        : o.priceKnown
          ? `pays no overage (instead of ${money(b.monthlyCost)} a month)`
          : `has no overage (instead of ${tokensText(b.overage)} a month)`;
  } else if (o.priceKnown) {
    costPart = `pays ${money(x.monthlyCost)} a month in overage (${money(x.annualCost)} a year)`;
  } else {
    costPart = `goes ${tokensText(x.overage)} over its allocation each month`;
  }

  const sentence = `On the ${c.other.card.name} card this profile ${tokensPart}, ${allocationPart} and ${costPart}.`;

  let difference: string;
  if (!o.priceKnown) difference = "Type a price per token to compare the cost.";
  else if (c.annualCost === 0)
    difference =
      x.overage === 0 && b.overage === 0 ? "Neither card bills overage for this profile." : `The overage costs the same on the ${c.base.card.name} card.`;
  else
    difference = `That is ${money(Math.abs(c.annualCost))} a year ${c.annualCost > 0 ? "more" : "less"} than on the ${c.base.card.name} card (${money(Math.abs(c.monthlyCost))} a month).`;

  const details = c.lines.map((d) => describeLine(d, c, profile));
  for (const f of PER_USER_FEATURES) {
    const own = profile.tokensPerUser[f];
    const line = b.lines.find((l) => l.feature === f);
    if (own !== undefined && line && line.quantity > 0)
      details.push(`Your own ${line.name} figure (${formatTokens(own)} tokens a user) is used on both cards.`);
  }
  const perInteraction = x.lines.filter((l) => l.quantity > 0 && c.other.byId.get(l.feature)?.perInteraction);
  if (perInteraction.length > 1) {
    details.push(
      `The ${c.other.card.name} card charges only the highest rate when one interaction uses several AI features ` +
        `(${perInteraction.map((l) => l.name).join(", ")}); this estimate adds the lines up, so it may be on the high side.`,
    );
  }
  return { cardId: c.other.id, cardName: c.other.card.name, sentence, difference, details };
}

function allocationBasis(card: CompiledCard): string {
  return card.card.allocation.basis === "per-organisation" ? "one allocation for the whole organisation," : "an allocation per user,";
}

function describeLine(d: LineDifference, c: CardComparison, profile: Profile): string {
  const baseName = c.base.card.name;
  const otherName = c.other.card.name;
  const name = d.base.name;
  if (!d.other.onCard) {
    return `${name} is not on the ${otherName} card: it counts 0 tokens there (${tokensText(d.base.tokens)} on the ${baseName} card).`;
  }
  if (!d.base.onCard) {
    return `${d.other.name} is not on the ${baseName} card: it counts ${tokensText(d.other.tokens)} on the ${otherName} card.`;
  }
  const fb = c.base.byId.get(d.feature);
  const fo = c.other.byId.get(d.feature);
  const rates = fb && fo ? `${describeRate(fo, profile.licence, profile.level)} instead of ${describeRate(fb, profile.licence, profile.level)}` : "";
  const unit = d.unitChange ? `; the ${formatTokens(d.base.quantity)} you typed count as ${d.unitChange.other}, not ${d.unitChange.base}` : "";
  const why = rates || unit ? ` (${rates}${unit})` : "";
  return `${name}: ${formatTokens(d.base.tokens)} → ${tokensText(d.other.tokens)}${why}.`;
}
