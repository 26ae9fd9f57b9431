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
import { advice, health } from "./monitoring";
import type { HealthStatus } from "./planning-rules";
import { LICENCE_MODELS, RATE_LEVELS, type LicenceModel, type RateLevel } from "./ratecard";
import { ROUNDING_RULES, type RoundingRule } from "./rounding";

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
}

export interface EstimateLine extends CalculatorLine {
  readonly name: string;
  /** The volume as typed (per day, per month or users). */
  readonly quantity: number;
  readonly monthlyQuantity: number;
  readonly tokens: number;
  /** False when the card has no rate for the feature: the line counts 0. */
  readonly onCard: boolean;
}

export interface Estimate {
  readonly lines: readonly EstimateLine[];
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

/** Every problem of a profile, each naming its field, so a form can show it next to the field. */
export function profileProblems(p: Profile, cards: readonly CompiledCard[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, e: InputError | undefined) => e && out.push({ field, message: e.message });
  out.push(...textProblems("name", p.name, "The scenario name"));
  if (!cards.some((c) => c.id === p.card)) out.push({ field: "card", message: `Unknown rate card "${p.card}".` });
  if (!LICENCE_MODELS.includes(p.licence)) out.push({ field: "licence", message: `Licence model must be "named" or "concurrent".` });
  if (!isCurrencyCode(p.currency)) out.push({ field: "currency", message: `Unknown currency "${p.currency}".` });
  if (!ROUNDING_RULES.includes(p.rounding)) out.push({ field: "rounding", message: `Rounding must be one of ${ROUNDING_RULES.join(", ")}.` });
  if (!RATE_LEVELS.includes(p.level)) out.push({ field: "level", message: `Rate level must be one of ${RATE_LEVELS.join(", ")}.` });
  add("users", checkInput("users", p.users, "The number of users"));
  add("workingDays", checkInput("workingDays", p.workingDays, "Working days per month"));
  add("pricePerToken", checkInput("pricePerToken", p.pricePerToken, "The price per token"));
  for (const line of CALCULATOR_LINES) add(`volumes.${line.feature}`, checkInput(volumeRule(line), p.volumes[line.feature], line.label));
  for (const f of PER_USER_FEATURES) {
    const t = p.tokensPerUser[f];
    if (t !== undefined) add(`tokensPerUser.${f}`, checkInput("tokensPerUser", t, "Tokens per user"));
  }
  return out;
}

/** The monthly quantity of a line: daily volumes times working days. */
export const monthlyQuantity = (line: CalculatorLine, quantity: number, workingDays: number): number =>
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
    total,
    allocation: alloc,
    committed,
    overage: over,
    monthlyCost,
    annualCost: monthlyCost * MONTHS_PER_YEAR,
    utilisation,
    health: health(total, available) as HealthStatus,
    advice: advice(utilisation ?? (total === 0 ? 0 : Infinity)),
  };
}
