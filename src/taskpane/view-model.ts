/**
 * What the calculator tab shows, computed from the form alone: problems by field, hints, the live
 * preview (totals, health, chart, low/expected/high) and the card comparison. Pure and cheap enough
 * to run on every keystroke; calculator-panel.ts only paints it. Whether "Insert calculator" can run
 * is sheet-actions.ts's, as for the other tabs.
 *
 * The pieces the Annual budget and Usage dashboard views share with it are exported: the volume
 * lines and own-rate hints on a card, the card's note, the price hint, a bar of the chart.
 */
import { sheetKind } from "../plan/sheet-kinds";
import { CARDS, getCard } from "../core/cards";
import { ownFeatures } from "../core/contract-card";
import { contractComparison } from "../core/contract-comparison";
import type { CompiledCard } from "../core/card-registry";
import { pricePerToken } from "../core/cost";
import { formatMoney, formatTokens, type CurrencyCode } from "../core/currencies";
import { InputError } from "../core/errors";
import { CALCULATOR_LINES, estimate, PER_USER_FEATURES, type Estimate, type PerUserFeature, type Profile, type VolumeFeature } from "../core/estimate";
import { HEALTH_BANDS, type HealthStatus } from "../core/planning-rules";
import { RATE_LEVELS, type RateLevel } from "../core/ratecard";
import { compareCardsInWords, type ComparisonText } from "./card-comparison";
import { cardOf, parseForm, type FieldPath, type FormValues } from "./form";
import { capitalise, describeRange, describeRate, fixFirst, formatPercent, tokensText } from "./wording";

export interface LineView {
  readonly feature: VolumeFeature;
  readonly label: string;
  /** The unit the chosen card counts the line in ("minutes", "interactions"), shown in the input. */
  readonly unit: string;
  /** The rate in words, or why the line counts nothing on this card. */
  readonly hint: string;
  readonly onCard: boolean;
}

export interface Bar {
  readonly label: string;
  readonly tokens: number;
  /** Share of the total, 0-1. */
  readonly share: number;
  /** Length of the bar, 0-1 of the longest. */
  readonly length: number;
  /** The bar in words, for screen readers and for the figure beside it: "2,500 tokens (53.2%)". */
  readonly text: string;
}

export interface ResultsView {
  readonly total: string;
  readonly allocation: string;
  readonly allocationNote: string;
  readonly overage: string;
  /** Money figures; "—" while the price per token is not known. */
  readonly monthlyCost: string;
  readonly annualCost: string;
  readonly utilisation: string;
  readonly health: HealthStatus;
  /** The status in words: "GREEN: within limits" (never colour alone). */
  readonly healthText: string;
  readonly advice: string;
  /** The unused allocation: "30,190 tokens (60.4%)", "n/a (no allocation)". */
  readonly unused: string;
  /** The notes' flag on it (under 20% unused is their good range); "" without an allocation. */
  readonly unusedText: string;
  /** True when under the notes' 20%; null without an allocation. */
  readonly unusedGood: boolean | null;
  /** The lines with a volume or an own rate the card does not price, next to the total; "" when none. */
  readonly unpriced: string;
}

/** The sentence naming the lines a card does not price (they count 0), as the sheets word it; "" when none. */
export const unpricedText = (lines: readonly string[], cardName: string): string =>
  lines.length === 0 ? "" : `Not in the total, the ${cardName} card has no rate for: ${lines.join("; ")}.`;

export interface RangeRow {
  readonly level: RateLevel;
  readonly label: string;
  readonly total: string;
  readonly annualCost: string;
  readonly selected: boolean;
}

/** The hints of a profile's fields on the chosen card, shown by the calculator and the annual budget alike. */
export interface ProfileHints {
  readonly lines: readonly LineView[];
  /** The hint of each own tokens-per-user field: what the card's rate is. */
  readonly ownRateHints: Readonly<Record<PerUserFeature, string>>;
  /** The card in a sentence: name, what it says, source and date. */
  readonly cardNote: string;
  readonly priceHint: string;
  /** True when the analyst typed a price and the card has its own for the currency: offer to go back to it. */
  readonly offerCardPrice: boolean;
}

/** A volume field of a feature of the card's own (a contract's). */
export interface OwnLineView {
  readonly feature: string;
  readonly label: string;
  readonly unit: string;
  readonly hint: string;
}

export interface CalculatorView extends ProfileHints {
  /** The card's own features (a contract's), each with a volume field after the template's lines. */
  readonly ownLines: readonly OwnLineView[];
  /** The message of each field that has a problem. */
  readonly problems: Readonly<Partial<Record<FieldPath, string>>>;
  readonly problemCount: number;
  /** The parsed profile; meaningful only when problemCount is 0. */
  readonly profile: Profile;
  /** Which rates of the card are ranges, for the rate level picker. */
  readonly levelHint: string;
  /** Null when the preview cannot be computed; `waiting` says why. */
  readonly results: ResultsView | null;
  readonly waiting: string;
  readonly bars: readonly Bar[];
  /** Low / expected / high where the card has a range that the profile uses; empty otherwise. */
  readonly range: readonly RangeRow[];
  readonly rangeNote: string;
  readonly comparisons: readonly ComparisonText[];
  readonly comparisonWaiting: string;
  /** A short sentence for the live region. */
  readonly announcement: string;
}

/** The volume fields of a card's own features (a contract's), for any tab that prices a profile. */
export function ownLineViews(card: CompiledCard, p: Pick<Profile, "licence" | "level">): OwnLineView[] {
  return ownFeatures(card).map((f) => ({
    feature: f.id,
    label: `${f.name} a month`,
    unit: f.units,
    hint: `The contract's own feature: ${describeRate(f, p.licence, p.level)}.`,
  }));
}

/** A figure that cannot be known yet (money while the price per token is wrong). */
export const DASH = "—";

const LEVEL_LABEL: Record<RateLevel, string> = { low: "Low", mid: "Expected", high: "High" };

/** Fields whose problems still let the tokens be computed (money waits for them). */
export const MONEY_ONLY: readonly string[] = ["pricePerToken", "name"];

export function calculatorView(v: FormValues, cards: readonly CompiledCard[] = CARDS): CalculatorView {
  const { profile, problems } = parseForm(v);
  const card = cardOf(v);
  const problemMap: Partial<Record<FieldPath, string>> = {};
  for (const p of problems) problemMap[p.field as FieldPath] = p.message;

  const tokensBlocked = problems.filter((p) => !MONEY_ONLY.includes(p.field));
  const priceKnown = !problems.some((p) => p.field === "pricePerToken");
  const computable = tokensBlocked.length === 0 ? (priceKnown ? profile : { ...profile, pricePerToken: 0 }) : null;
  const est = computable ? estimate(computable, card) : null;
  const ok = est && !(est instanceof InputError) ? est : null;

  const results = ok ? resultsView(ok, computable as Profile, card, priceKnown) : null;
  const waiting = ok ? "" : fixFirst(tokensBlocked.length, "see the preview");

  const bars = ok ? barsOf(ok) : [];

  let comparisons: readonly ComparisonText[] = [];
  let comparisonWaiting = "";
  if (computable && ok) {
    const words = compareCardsInWords(computable, cards, { priceKnown });
    if (words instanceof InputError) comparisonWaiting = words.message;
    else comparisons = words;
  } else comparisonWaiting = "Fix the fields marked above to compare the cards.";

  const range = computable && ok ? rangeRows(computable, card, priceKnown) : [];
  return {
    problems: problemMap,
    problemCount: problems.length,
    profile,
    ...profileHints(v, card, profile),
    levelHint: levelHint(card),
    ownLines: ownLineViews(card, profile),
    results,
    waiting,
    bars,
    range,
    rangeNote: range.length > 0 ? "The card gives a range for a rate this profile uses: totals at its low end, the expected figure and its high end." : "",
    comparisons,
    comparisonWaiting,
    announcement: results
      ? `${results.total} tokens a month against an allocation of ${results.allocation}: ${results.healthText}. Overage ${results.overage} tokens, annual cost ${results.annualCost}.`
      : waiting,
  };
}

function resultsView(e: Estimate, p: Profile, card: CompiledCard, priceKnown: boolean): ResultsView {
  const band = HEALTH_BANDS.find((b) => b.status === e.health);
  const money = (n: number): string => (priceKnown ? formatMoney(n, p.currency) : DASH);
  return {
    total: formatTokens(e.total),
    allocation: formatTokens(e.allocation),
    allocationNote: allocationNote(card, p),
    overage: formatTokens(e.overage),
    monthlyCost: money(e.monthlyCost),
    annualCost: money(e.annualCost),
    utilisation: e.utilisation === null ? "n/a (no allocation)" : formatPercent(e.utilisation),
    health: e.health,
    healthText: band ? `${e.health}: ${band.meaning}` : e.health,
    advice: e.advice,
    unused: e.unused.share === null ? "n/a (no allocation)" : `${formatTokens(e.unused.tokens)} tokens (${formatPercent(e.unused.share)})`,
    unusedText: e.unused.text,
    unusedGood: e.unused.good,
    unpriced: unpricedText(e.unpriced, card.card.name),
  };
}

function allocationNote(card: CompiledCard, p: Profile): string {
  const rule = card.card.allocation;
  const each = rule[p.licence];
  return rule.basis === "per-user"
    ? `${formatTokens(each)} per ${p.licence} user × ${formatTokens(p.users)} users`
    : `${formatTokens(each)} for the organisation (${p.licence} licences), whatever the number of users`;
}

function barsOf(e: Estimate): Bar[] {
  const used = e.lines.filter((l) => l.tokens > 0).sort((a, b) => b.tokens - a.tokens);
  const max = used.length > 0 ? used[0].tokens : 0;
  return used.map((l) => barOf(l.name, l.tokens, e.total > 0 ? l.tokens / e.total : 0, max));
}

/** A bar of a chart by feature: its length against the longest (`max`), its figure and share in words. */
export function barOf(label: string, tokens: number, share: number, max: number): Bar {
  // A share that rounds to 0.0% is still a share: "<0.1%".
  const percent = share > 0 && share < 0.0005 ? "<0.1%" : formatPercent(share);
  return { label, tokens, share, length: max > 0 ? tokens / max : 0, text: `${tokensText(tokens)} (${percent})` };
}

/** The hints of the profile's fields: read from the form as typed (price) and the profile as parsed (licence, level). */
export function profileHints(v: Pick<FormValues, "currency" | "priceTyped">, card: CompiledCard, p: Pick<Profile, "licence" | "level">): ProfileHints {
  return {
    lines: lineViews(card, p),
    ownRateHints: ownRateHints(card, p),
    cardNote: `${card.card.description} Source: ${card.card.source}, ${card.card.date}.`,
    ...priceView(v, card),
  };
}

/** Each volume line on the chosen card: its unit and rate in words, or why it counts nothing. */
function lineViews(card: CompiledCard, p: Pick<Profile, "licence" | "level">): LineView[] {
  return CALCULATOR_LINES.map((line) => {
    const f = card.byId.get(line.feature);
    if (!f) return { feature: line.feature, label: line.label, unit: "", hint: `Not on the ${card.card.name} card: counts 0 tokens.`, onCard: false };
    const range = describeRange(f);
    const rate = describeRate(f, p.licence, p.level);
    const hint =
      line.period === "users"
        ? `${capitalise(rate)} a month${range ? ` (range ${range})` : ""}.`
        : `${capitalise(f.units)} ${line.period === "day" ? "a working day" : "a month"}. ${capitalise(rate)}${range ? ` (range ${range})` : ""}.`;
    return { feature: line.feature, label: line.label, unit: f.units, hint, onCard: true };
  });
}

function levelHint(card: CompiledCard): string {
  const ranged = card.card.features.filter((f) => f.range).map((f) => `${f.name} (${describeRange(f)})`);
  if (ranged.length === 0) return `The ${card.card.name} card gives no ranges: every level gives the same figures.`;
  return `Where the card gives a range: on the ${card.card.name} card, ${ranged.join(" and ")}.`;
}

/** The hint of each own tokens-per-user field: the card's rate it replaces. */
function ownRateHints(card: CompiledCard, p: Pick<Profile, "licence" | "level">): Record<PerUserFeature, string> {
  const out = {} as Record<PerUserFeature, string>;
  for (const feature of PER_USER_FEATURES) {
    const f = card.byId.get(feature);
    out[feature] = f ? `Optional. Blank uses the card's rate: ${describeRate(f, p.licence, p.level)}.` : `Not on the ${card.card.name} card.`;
  }
  return out;
}

/** The price field's hint: the card's price in the currency, or the analyst's own; and whether to offer the card's back. */
function priceView(v: Pick<FormValues, "currency" | "priceTyped">, card: CompiledCard): { priceHint: string; offerCardPrice: boolean } {
  const code = v.currency as CurrencyCode;
  const cardPrice = pricePerToken(card, code);
  if (cardPrice instanceof InputError) {
    return {
      priceHint: v.priceTyped ? `Your price. ${cardPrice.message.replace(/: type.*$/, ".")}` : cardPrice.message,
      offerCardPrice: false,
    };
  }
  const theirs = `The ${card.card.name} card's price in ${code} is ${formatMoney(cardPrice, code)}`;
  if (!v.priceTyped) return { priceHint: `${theirs} a token; type your negotiated price to replace it.`, offerCardPrice: false };
  return { priceHint: `Your price. ${theirs}.`, offerCardPrice: true };
}

/** Totals at each rate level, where the card gives a range for a feature the profile uses at the card's rate. */
function rangeRows(p: Profile, card: CompiledCard, priceKnown: boolean): RangeRow[] {
  const ranged = CALCULATOR_LINES.some((line) => {
    const f = card.byId.get(line.feature);
    const own = (PER_USER_FEATURES as readonly string[]).includes(line.feature) && p.tokensPerUser[line.feature as "copilot"] !== undefined;
    return f?.range && !own && p.volumes[line.feature] > 0;
  });
  if (!ranged) return [];
  const rows: RangeRow[] = [];
  for (const level of RATE_LEVELS) {
    const e = estimate({ ...p, level }, card);
    if (e instanceof InputError) return [];
    rows.push({
      level,
      label: LEVEL_LABEL[level],
      total: formatTokens(e.total),
      annualCost: priceKnown ? formatMoney(e.annualCost, p.currency) : DASH,
      selected: level === p.level,
    });
  }
  return rows;
}

/** What the tab inserts, in the words of its footer. */
export const CALCULATOR_SHEET = sheetKind("calculator");

/** Where the add-in runs, as the status line says it. */
export type HostState = "checking" | "excel" | "outside";

export const HOST_STATUS: Record<HostState, string> = {
  checking: "Checking for Excel…",
  excel: "Running inside Excel.",
  outside: "Not running inside Excel: preview and download only.",
};

/** One row of the contract's money comparison, as the pane shows it. */
export interface ContractMoneyRow {
  readonly card: string;
  readonly tokens: string;
  readonly overage: string;
  readonly annualCost: string;
}

/**
 * The profile on the contract card against each shipped card, in the profile's currency (a shipped
 * card at its list price there, or at the profile's price where it lists none); no rows unless the
 * profile is on the contract card and its figures can be computed.
 */
export function contractMoneyRows(p: Profile, valid: boolean, shipped: readonly CompiledCard[]): ContractMoneyRow[] {
  const contract = getCard(p.card);
  if (!valid || contract instanceof InputError || contract.card.baseCard === undefined) return [];
  const rows = contractComparison(p, contract, shipped);
  if (rows instanceof InputError) return [];
  const money = (x: number) => formatMoney(x, p.currency);
  return rows.map((r) => ({
    card:
      r.card === contract
        ? `${r.card.card.name} (at ${money(r.price)})`
        : `${r.card.card.name} (${r.profilePrice ? `your ${money(r.price)}` : `list ${money(r.price)}`})`,
    tokens: formatTokens(r.estimate.total),
    overage: formatTokens(r.estimate.overage),
    annualCost: money(r.estimate.annualCost),
  }));
}
