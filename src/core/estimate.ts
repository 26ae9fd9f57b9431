/**
 * The quick estimate of the notes' "Cost Calculation Tool": a contact-center profile in, the
 * monthly consumption by line, allocation, overage, annual cost and health out. The calculator
 * sheet, the taskpane preview and the command line all compute it here.
 */
import { allocation } from "./allocation";
import { findFeature, type CompiledCard } from "./card-registry";
import { featureTokens } from "./consumption";
import { cost, overage } from "./cost";
import { isCurrencyCode, type CurrencyCode } from "./currencies";
import { InputError, type Result } from "./errors";
import { FEATURE_CATALOGUE, type FeatureEntry, type VolumeFeature, type VolumePeriod } from "./feature-catalogue";
import { checkInput, type InputField } from "./input-rules";
import { textProblems } from "./limits";
import { ownFeatures } from "./contract-card";
import { advice, health } from "./monitoring";
import { UNUSED_ALLOCATION, type HealthStatus } from "./planning-rules";
import { LICENCE_MODELS, RATE_LEVELS, type LicenceModel, type RateLevel } from "./ratecard";
import { lineTokens, ROUNDING_RULES, type RoundingRule } from "./rounding";

export type { VolumePeriod, VolumeFeature };

export interface CalculatorLine {
  /** The template's line number (1-7; the "other features" share 7). */
  readonly number: number;
  readonly feature: VolumeFeature;
  /** The question the template asks, e.g. "Virtual Agent sessions per day". */
  readonly label: string;
  readonly period: VolumePeriod;
}

/** The notes' quick estimation template, line by line: the catalogue's features that have a calculator line. */
export const CALCULATOR_LINES: readonly CalculatorLine[] = FEATURE_CATALOGUE.flatMap((e: FeatureEntry) =>
  e.calculator ? [{ number: e.calculator.number, feature: e.id as VolumeFeature, label: e.calculator.label, period: e.calculator.period }] : [],
);

export const VOLUME_FEATURES: readonly VolumeFeature[] = CALCULATOR_LINES.map((l) => l.feature);

/** Every volume of the template at 0: the base of presets and plans. */
export const zeroVolumes = (): Record<VolumeFeature, number> => Object.fromEntries(VOLUME_FEATURES.map((f) => [f, 0])) as Record<VolumeFeature, number>;

/** Features whose rate is per user, so an analyst may type their own tokens-per-user figure. */
export const PER_USER_FEATURES = ["copilot", "analytics"] as const;
export type PerUserFeature = (typeof PER_USER_FEATURES)[number];

export interface Profile {
  /** The scenario or company name: the analyst's text, always written as text. */
  readonly name: string;
  readonly card: string;
  readonly licence: LicenceModel;
  /** Licensed users: the allocation's basis on a per-user card. */
  readonly users: number;
  readonly workingDays: number;
  readonly currency: CurrencyCode;
  readonly pricePerToken: number;
  readonly rounding: RoundingRule;
  readonly level: RateLevel;
  readonly volumes: Readonly<Record<VolumeFeature, number>>;
  /** Own tokens-per-user figures that replace the card's rate (the mid-market example budgets Copilot at 55). */
  readonly tokensPerUser: Readonly<Partial<Record<PerUserFeature, number>>>;
  /**
   * The template's line 7 "Other features: ___ tokens": tokens a month the analyst counts for features
   * without a line of their own (AI Summary on the published card, a meter of no card). The analyst's
   * own figure, summed into the total; 0 when absent.
   */
  readonly otherTokens?: number;
  /** Volumes a month of the card's own features (a contract's, ownFeatures), by feature id; 0 when absent. */
  readonly ownVolumes?: Readonly<Record<string, number>>;
}

/** The label of line 7's free token entry. */
export const OTHER_TOKENS_LABEL = "Other features (tokens)";

export interface EstimateLine extends CalculatorLine {
  readonly name: string;
  /** The volume as typed (per day, per month or users). */
  readonly quantity: number;
  readonly monthlyQuantity: number;
  readonly tokens: number;
  /** False when the card has no rate for the feature: the line counts 0. */
  readonly onCard: boolean;
}

/** A line of a feature of the card's own (a contract's meter): its volume a month and tokens. */
export interface OwnEstimateLine {
  readonly feature: string;
  readonly name: string;
  /** The unit a quantity counts, plural ("emails"). */
  readonly units: string;
  readonly quantity: number;
  readonly tokens: number;
}

/** The unused part of the tokens available, and the notes' flag on it (planning-rules UNUSED_ALLOCATION). */
export interface UnusedAllocation {
  /** max(0, allocation + committed - total). */
  readonly tokens: number;
  /** tokens / (allocation + committed); null when there is nothing available. */
  readonly share: number | null;
  /** True when under the notes' 20%: the good range; false is wasted capacity; null without a share. */
  readonly good: boolean | null;
  /** The flag in words, "" without a share. */
  readonly text: string;
}

export interface Estimate {
  readonly lines: readonly EstimateLine[];
  /** The card's own features (a contract's), each a line after the template's; empty on the shipped cards. */
  readonly ownLines: readonly OwnEstimateLine[];
  /** Line 7's free token entry, rounded by the profile's rule, as counted in the total. */
  readonly otherTokens: number;
  /** The template's lines with a volume (or an own tokens-per-user figure) that the card does not price: they count 0. */
  readonly unpriced: readonly string[];
  readonly total: number;
  readonly allocation: number;
  /** Tokens the card's contract buys each month besides the allocation (0 on the shipped cards). */
  readonly committed: number;
  readonly overage: number;
  readonly monthlyCost: number;
  readonly annualCost: number;
  /** Consumption over the tokens available (allocation + committed); null when there are none. */
  readonly utilisation: number | null;
  readonly health: HealthStatus;
  readonly advice: string;
  readonly unused: UnusedAllocation;
}

/** The unused allocation of a month: what is left of the tokens available, and the notes' flag. */
export function unusedAllocation(total: number, available: number): UnusedAllocation {
  const left = available - total;
  const tokens = left > 0 ? left : 0;
  if (!(available > 0)) return { tokens, share: null, good: null, text: "" };
  const share = tokens / available;
  const good = share < UNUSED_ALLOCATION.goodBelow;
  return { tokens, share, good, text: good ? UNUSED_ALLOCATION.good : UNUSED_ALLOCATION.waste };
}

/** Months in a year: the annual cost of a steady month is 12 of them. */
export const MONTHS_PER_YEAR = 12;

export interface FieldProblem {
  /** The profile field, as a path: "users", "volumes.voicebot", "tokensPerUser.copilot". */
  readonly field: string;
  readonly message: string;
}

/** The input rule of a line's volume: users are whole, other volumes may be fractional. */
export const volumeRule = (line: Pick<CalculatorLine, "period">): InputField => (line.period === "users" ? "users" : "quantity");

/** The choices a profile and a plan share (card, licence, currency, rounding, level), each naming its field. */
export function choiceProblems(p: Pick<Profile, "card" | "licence" | "currency" | "rounding" | "level">, cards: readonly CompiledCard[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!cards.some((c) => c.id === p.card)) out.push({ field: "card", message: `Unknown rate card "${p.card}".` });
  if (!LICENCE_MODELS.includes(p.licence)) out.push({ field: "licence", message: `Licence model must be "named" or "concurrent".` });
  if (!isCurrencyCode(p.currency)) out.push({ field: "currency", message: `Unknown currency "${p.currency}".` });
  if (!ROUNDING_RULES.includes(p.rounding)) out.push({ field: "rounding", message: `Rounding must be one of ${ROUNDING_RULES.join(", ")}.` });
  if (!RATE_LEVELS.includes(p.level)) out.push({ field: "level", message: `Rate level must be one of ${RATE_LEVELS.join(", ")}.` });
  return out;
}

/** The analyst's own figures a profile and a plan share: tokens per user, line 7's other tokens, the contract's own volumes. */
export function ownFigureProblems(p: Pick<Profile, "card" | "tokensPerUser" | "otherTokens" | "ownVolumes">, cards: readonly CompiledCard[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, e: InputError | undefined) => e && out.push({ field, message: e.message });
  for (const f of PER_USER_FEATURES) {
    const t = p.tokensPerUser[f];
    if (t !== undefined) add(`tokensPerUser.${f}`, checkInput("tokensPerUser", t, "Tokens per user"));
  }
  if (p.otherTokens !== undefined) add("otherTokens", checkInput("tokens", p.otherTokens, OTHER_TOKENS_LABEL));
  out.push(
    ...ownVolumeProblems(
      p.ownVolumes,
      cards.find((c) => c.id === p.card),
      "volumes",
    ),
  );
  return out;
}

/** Every problem of a profile, each naming its field, so a form can show it next to the field. */
export function profileProblems(p: Profile, cards: readonly CompiledCard[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, e: InputError | undefined) => e && out.push({ field, message: e.message });
  out.push(...textProblems("name", p.name, "The scenario name"));
  out.push(...choiceProblems(p, cards));
  add("users", checkInput("users", p.users, "The number of users"));
  add("workingDays", checkInput("workingDays", p.workingDays, "Working days per month"));
  add("pricePerToken", checkInput("pricePerToken", p.pricePerToken, "The price per token"));
  for (const line of CALCULATOR_LINES) add(`volumes.${line.feature}`, checkInput(volumeRule(line), p.volumes[line.feature], line.label));
  out.push(...ownFigureProblems(p, cards));
  return out;
}

/** Problems of own-feature volumes: each must be a feature of the card's own and pass the quantity rule. */
export function ownVolumeProblems(volumes: Readonly<Record<string, number>> | undefined, card: CompiledCard | undefined, at: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!volumes) return out;
  const own = card ? ownFeatures(card) : [];
  for (const [id, v] of Object.entries(volumes)) {
    const f = own.find((x) => x.id === id);
    if (!f) {
      const known = own.map((x) => x.id).join(", ");
      out.push({
        field: `${at}.${id}`,
        message: `"${id}" is not a feature of the ${card?.card.name ?? "plan's"} card's own${known ? ` (its own: ${known})` : ": the card has none"}.`,
      });
      continue;
    }
    const e = checkInput("quantity", v, `${f.name} a month`);
    if (e) out.push({ field: `${at}.${id}`, message: e.message });
  }
  return out;
}

/** The tokens of line 7's free entry: the analyst's figure, rounded by the rule as any line. */
export const otherLineTokens = (tokens: number | undefined, rounding: RoundingRule): number => (tokens ? lineTokens(tokens, 1, 1, rounding) : 0);

/** The monthly quantity of a line: daily volumes times working days. */
export const monthlyQuantity = (line: Pick<CalculatorLine, "period">, quantity: number, workingDays: number): number =>
  line.period === "day" ? quantity * workingDays : quantity;

/** The message for inputs whose figures overflow the largest number a cell can hold. */
export const TOO_LARGE = "The figures are too large to compute: check the volumes, users and price per token.";

/** Computes the estimate of a profile on a card; the first problem of the profile if it has any. */
export function estimate(p: Profile, card: CompiledCard): Result<Estimate> {
  const problems = profileProblems(p, [card]);
  if (problems.length > 0) return new InputError("value", problems[0].message);
  const lines: EstimateLine[] = [];
  let total = 0;
  for (const line of CALCULATOR_LINES) {
    const quantity = p.volumes[line.feature];
    const monthly = monthlyQuantity(line, quantity, p.workingDays);
    const f = findFeature(card, line.feature);
    const onCard = !(f instanceof InputError);
    let tokens = 0;
    if (onCard) {
      const own = (PER_USER_FEATURES as readonly string[]).includes(line.feature) ? p.tokensPerUser[line.feature as PerUserFeature] : undefined;
      const days = line.period === "day" ? p.workingDays : 1;
      const t = featureTokens(f, quantity, { rounding: p.rounding, licence: p.licence, level: p.level, tokensPerUnit: own }, days);
      if (t instanceof InputError) return t;
      tokens = t;
    }
    total += tokens;
    lines.push({ ...line, name: onCard ? f.name : line.label, quantity, monthlyQuantity: monthly, tokens, onCard });
  }
  const ownLines: OwnEstimateLine[] = [];
  for (const f of ownFeatures(card)) {
    const quantity = p.ownVolumes?.[f.id] ?? 0;
    const t = featureTokens(f, quantity, { rounding: p.rounding, licence: p.licence, level: p.level });
    if (t instanceof InputError) return t;
    total += t;
    ownLines.push({ feature: f.id, name: f.name, units: f.units, quantity, tokens: t });
  }
  const otherTokens = otherLineTokens(p.otherTokens, p.rounding);
  total += otherTokens;
  const alloc = allocation(card, p.users, p.licence) as number;
  const committed = card.card.allocation.committed ?? 0;
  // Overage, utilisation and health are measured against every token available in the month.
  const available = alloc + committed;
  // Inputs each finite can still multiply or add up beyond the largest number (1e300 users x 250
  // tokens): say so, rather than return Infinity, NaN or an InputError in place of a figure.
  if (!Number.isFinite(total) || !Number.isFinite(available)) return new InputError("num", TOO_LARGE);
  const over = overage(total, available) as number;
  const monthlyCost = cost(over, p.pricePerToken) as number;
  if (!Number.isFinite(monthlyCost * MONTHS_PER_YEAR)) return new InputError("num", TOO_LARGE);
  const utilisation = available === 0 ? null : total / available;
  if (utilisation !== null && !Number.isFinite(utilisation)) return new InputError("num", TOO_LARGE);
  return {
    lines,
    ownLines,
    otherTokens,
    unpriced: unpricedLines(lines, p),
    total,
    allocation: alloc,
    committed,
    overage: over,
    monthlyCost,
    annualCost: monthlyCost * MONTHS_PER_YEAR,
    utilisation,
    health: health(total, available) as HealthStatus,
    advice: advice(utilisation ?? (total === 0 ? 0 : Infinity)),
    unused: unusedAllocation(total, available),
  };
}

/** The labels of the template's lines the card does not price although they have a volume or an own rate. */
export function unpricedLines(lines: readonly EstimateLine[], p: Pick<Profile, "tokensPerUser">): string[] {
  return lines
    .filter((l) => !l.onCard && (l.quantity > 0 || p.tokensPerUser[l.feature as PerUserFeature] !== undefined))
    .map((l) => (l.quantity > 0 ? l.label : `${l.label} (own rate)`));
}
