/**
 * The monthly usage dashboard: a period's allocation and actual consumption in, the key figures of
 * the notes' "Token Usage Dashboard" out (consumed, remaining, % available, utilisation, shares,
 * weekly trend, month-end projection, health and advice), plus the monthly actual-vs-budget
 * variance table of the monthly review. The dashboard sheet, the taskpane preview and the import
 * all compute it here.
 */
import { monthKey, monthLabel } from "./calendar";
import { findFeature, type CompiledCard } from "./card-registry";
import { getCard } from "./cards";
import { overage } from "./cost";
import { checkQuantity, InputError, type Result } from "./errors";
import { advice, healthOfUtilisation, projectMonthEnd } from "./monitoring";
import { HEALTH_BANDS, type HealthStatus } from "./planning-rules";

/** Tokens that are AI Experience tokens but cannot be put on a feature of the card (a generic usage line). */
export const OTHER_FEATURE = { id: "other", name: "Other AI tokens" } as const;
/**
 * Tokens of an export that gives totals only, with no feature: one line for all AI features together,
 * never spread over features (Genesys documents no per-feature breakdown in its exports).
 */
export const ALL_FEATURES = { id: "all", name: "All AI features" } as const;

/**
 * The weekly trend word. The last week is compared with the week before:
 * a change above +threshold of the week before is "rising", below -threshold "falling", else "stable".
 * When the week before is 0, any consumption in the last week is "rising". With fewer than two
 * weeks there is nothing to compare and the trend reads "stable".
 * (+10% keeps the notes' March 2026 weeks, 5,300 then 5,810 (+9.6%), "stable", as the notes say.)
 */
export const TREND_RULE = { threshold: 0.1 } as const;
export const TREND_WORDS = ["rising", "stable", "falling"] as const;
export type TrendWord = (typeof TREND_WORDS)[number];

/** At most this many weeks in a dashboard period (a 31-day month spans at most 5 weeks of the month, 6 calendar weeks). */
export const MAX_WEEKS = 6;
/** At most this many months in the variance table: one budget year. */
export const MAX_VARIANCE_MONTHS = 12;

export interface FeatureActual {
  /** A feature id of the dashboard's card, or OTHER_FEATURE.id. */
  readonly feature: string;
  /** Tokens consumed in the period. */
  readonly tokens: number;
}

export interface VarianceMonth {
  /** The month's label, e.g. "January 2026": text, written as text. */
  readonly month: string;
  /** Budgeted tokens for the month (from the annual budget when there is one). */
  readonly budgeted: number;
  /** Actual tokens consumed in the month. */
  readonly actual: number;
  /**
   * The month's place in the annual budget (0-based month of the plan), when the budget comes from a
   * budget sheet: the dashboard sheet reads that month's budget cell. Without it the budget is typed.
   */
  readonly budgetIndex?: number;
}

export interface UsageDashboard {
  /** The period's label, e.g. "March 2026": the analyst's text, always written as text. */
  readonly period: string;
  /** The rate card whose feature names the dashboard shows. */
  readonly card: string;
  /** Tokens allocated for the period (including top-ups bought for it). */
  readonly allocation: number;
  /** Actual consumption per feature, in the order shown. */
  readonly features: readonly FeatureActual[];
  /** Tokens consumed week by week (week 1 first). */
  readonly weekly: readonly number[];
  /** Days of the period elapsed so far; equal to daysInPeriod once the period is over. */
  readonly daysElapsed: number;
  readonly daysInPeriod: number;
  /** The monthly actual-vs-budget review, oldest month first. */
  readonly variance?: readonly VarianceMonth[];
}

export interface FeatureShare {
  /** The card's feature id (or "other"). */
  readonly feature: string;
  /** The card's name of the feature (never text from an import). */
  readonly name: string;
  readonly tokens: number;
  /** The feature's share of total consumption; 0 when nothing was consumed. */
  readonly share: number;
}

export interface WeekFigures {
  /** 1-based week number. */
  readonly week: number;
  readonly tokens: number;
  /** Tokens more (or fewer) than the week before; null for week 1. */
  readonly change: number | null;
  /** The change as a share of the week before; null for week 1 or when the week before is 0. */
  readonly changeShare: number | null;
}

export interface VarianceFigures extends VarianceMonth {
  /** actual - budgeted: positive is over budget, negative under. */
  readonly variance: number;
  /** variance / budgeted; null when nothing was budgeted. */
  readonly varianceShare: number | null;
}

export interface DashboardResult {
  readonly period: string;
  readonly card: string;
  readonly allocation: number;
  readonly consumed: number;
  /** max(0, allocation - consumed). */
  readonly remaining: number;
  /** remaining / allocation (0.6038 for 60% available). */
  readonly available: number;
  /** consumed / allocation (0.3962 for 39.6%). */
  readonly utilisation: number;
  readonly features: readonly FeatureShare[];
  readonly weeks: readonly WeekFigures[];
  readonly trend: TrendWord;
  readonly daysElapsed: number;
  readonly daysInPeriod: number;
  /** True when every day of the period has elapsed: the projection is then the consumption itself. */
  readonly complete: boolean;
  /** Month-end consumption if the pace so far continues (core projectMonthEnd). */
  readonly projected: number;
  /** projected / allocation. */
  readonly projectedUtilisation: number;
  /** Tokens over allocation at month end if the pace continues: max(0, projected - allocation). */
  readonly projectedOverage: number;
  /** Health of the projection against the allocation (HEALTH_BANDS). */
  readonly health: HealthStatus;
  readonly healthMeaning: string;
  /** The advice of ADVICE_BANDS for the projected utilisation. */
  readonly advice: string;
  readonly variance: readonly VarianceFigures[];
  /** Variance table totals; null when the table is empty. */
  readonly varianceTotal: VarianceFigures | null;
}

const inputError = (message: string): InputError => new InputError("value", message);

/** A dashboard feature by id (or a name findFeature knows): its card id and the name shown, or "Other AI tokens". */
export function dashboardFeature(card: CompiledCard, id: string): Result<{ readonly id: string; readonly name: string }> {
  if (id === OTHER_FEATURE.id) return OTHER_FEATURE;
  if (id === ALL_FEATURES.id) return ALL_FEATURES;
  const f = card.byId.get(id) ?? findFeature(card, id);
  return f instanceof InputError ? f : { id: f.id, name: f.name };
}

/** The trend word of a list of weekly figures, by TREND_RULE. */
export function weeklyTrend(weekly: readonly number[]): TrendWord {
  if (weekly.length < 2) return "stable";
  const last = weekly[weekly.length - 1];
  const before = weekly[weekly.length - 2];
  const change = last - before;
  if (change > TREND_RULE.threshold * before) return "rising";
  if (change < -TREND_RULE.threshold * before) return "falling";
  return "stable";
}

/** Week-over-week figures of a list of weekly consumption. */
export function weekFigures(weekly: readonly number[]): WeekFigures[] {
  return weekly.map((tokens, i) => {
    if (i === 0) return { week: 1, tokens, change: null, changeShare: null };
    const before = weekly[i - 1];
    const change = tokens - before;
    return { week: i + 1, tokens, change, changeShare: before === 0 ? null : change / before };
  });
}

/** One row of the variance table: variance = actual - budgeted, and its share of the budget. */
export function varianceOf(m: VarianceMonth): VarianceFigures {
  const variance = m.actual - m.budgeted;
  return { ...m, variance, varianceShare: m.budgeted === 0 ? null : variance / m.budgeted };
}

/** Every problem of a dashboard's input, as the first one found; undefined for a sound input. */
export function dashboardProblem(d: UsageDashboard, card: CompiledCard): InputError | undefined {
  if (typeof d.period !== "string") return inputError("The period label must be text.");
  const badAllocation = checkQuantity(d.allocation, "The allocation");
  if (badAllocation) return badAllocation;
  if (d.allocation === 0) return new InputError("div0", "The allocation is 0, so utilisation and health are undefined.");
  if (d.features.length === 0) return inputError("There is no consumption by feature to show.");
  const seen = new Set<string>();
  for (const f of d.features) {
    const found = dashboardFeature(card, f.feature);
    if (found instanceof InputError) return found;
    if (seen.has(found.id)) return inputError(`${found.name} is listed twice.`);
    seen.add(found.id);
    const bad = checkQuantity(f.tokens, `Tokens of ${found.name}`);
    if (bad) return bad;
  }
  if (d.weekly.length > MAX_WEEKS) return inputError(`A period has at most ${MAX_WEEKS} weeks, got ${d.weekly.length}.`);
  for (let i = 0; i < d.weekly.length; i++) {
    const bad = checkQuantity(d.weekly[i], `Tokens of week ${i + 1}`);
    if (bad) return bad;
  }
  const badDays = checkQuantity(d.daysInPeriod, "Days in the period") ?? checkQuantity(d.daysElapsed, "Days elapsed");
  if (badDays) return badDays;
  if (d.daysInPeriod === 0) return new InputError("num", "The period must have at least one day.");
  if (d.daysElapsed === 0) return new InputError("div0", "No days have elapsed yet, so there is no pace to project.");
  if (d.daysElapsed > d.daysInPeriod) return new InputError("num", "Days elapsed cannot exceed the days in the period.");
  const variance = d.variance ?? [];
  if (variance.length > MAX_VARIANCE_MONTHS) return inputError(`The variance table holds at most ${MAX_VARIANCE_MONTHS} months, got ${variance.length}.`);
  for (const m of variance) {
    if (typeof m.month !== "string") return inputError("A month label must be text.");
    const bad = checkQuantity(m.budgeted, `Budgeted tokens of ${m.month}`) ?? checkQuantity(m.actual, `Actual tokens of ${m.month}`);
    if (bad) return bad;
    if (m.budgetIndex !== undefined && !(Number.isInteger(m.budgetIndex) && m.budgetIndex >= 0 && m.budgetIndex < MAX_VARIANCE_MONTHS)) {
      return inputError(`The budget month of ${m.month} must be a whole number from 0 to ${MAX_VARIANCE_MONTHS - 1}.`);
    }
  }
  return undefined;
}

/** Computes the dashboard; the first problem of its input if it has any. */
export function computeDashboard(d: UsageDashboard): Result<DashboardResult> {
  const card = getCard(d.card);
  if (card instanceof InputError) return card;
  const problem = dashboardProblem(d, card);
  if (problem) return problem;

  let consumed = 0;
  for (const f of d.features) consumed += f.tokens;
  const features = d.features.map((f) => {
    const { id, name } = dashboardFeature(card, f.feature) as { id: string; name: string };
    return { feature: id, name, tokens: f.tokens, share: consumed === 0 ? 0 : f.tokens / consumed };
  });
  const remaining = d.allocation > consumed ? d.allocation - consumed : 0;
  const complete = d.daysElapsed >= d.daysInPeriod;
  const pace = projectMonthEnd(consumed, d.daysElapsed, d.daysInPeriod);
  if (pace instanceof InputError) return pace;
  // A finished period projects to what was consumed, exactly (no x / 31 x 31 noise).
  const projected = complete ? consumed : pace;
  const projectedUtilisation = projected / d.allocation;
  const health = healthOfUtilisation(projectedUtilisation);
  const variance = (d.variance ?? []).map(varianceOf);
  let varianceTotal: VarianceFigures | null = null;
  if (variance.length > 0) {
    let budgeted = 0;
    let actual = 0;
    for (const m of variance) {
      budgeted += m.budgeted;
      actual += m.actual;
    }
    varianceTotal = varianceOf({ month: "Total", budgeted, actual });
  }
  const weeks = weekFigures(d.weekly);
  // Figures each finite can still add or divide beyond the largest number (tokens of 1e308, a week
  // of 1e-300 tokens before one of 1): say so rather than show Infinity.
  const figures = [
    consumed,
    consumed / d.allocation,
    projected,
    projectedUtilisation,
    ...weeks.map((w) => w.changeShare ?? 0),
    ...variance.map((m) => m.varianceShare ?? 0),
    ...(varianceTotal ? [varianceTotal.budgeted, varianceTotal.actual, varianceTotal.varianceShare ?? 0] : []),
  ];
  if (!figures.every(Number.isFinite)) return new InputError("num", "The figures are too large to compute: check the allocation, the tokens and the days.");
  return {
    period: d.period,
    card: card.id,
    allocation: d.allocation,
    consumed,
    remaining,
    available: remaining / d.allocation,
    utilisation: consumed / d.allocation,
    features,
    weeks,
    trend: weeklyTrend(d.weekly),
    daysElapsed: d.daysElapsed,
    daysInPeriod: d.daysInPeriod,
    complete,
    projected,
    projectedUtilisation,
    projectedOverage: overage(projected, d.allocation) as number,
    health,
    healthMeaning: HEALTH_BANDS.find((b) => b.status === health)?.meaning ?? "",
    advice: advice(projectedUtilisation),
    variance,
    varianceTotal,
  };
}


/** What the variance table needs of an annual plan (core annual-plan's AnnualPlanResult has it). */
export interface PlanMonths {
  readonly months: readonly { readonly year: number; readonly month: number; readonly consumption: number }[];
}

/**
 * The variance rows of the months of a plan that have actuals: budgeted = the plan's forecast
 * consumption of the month (what the budget sheet names MonthlyTokens), with the month's place in
 * the plan so the dashboard sheet can read the budget sheet's cell. `actuals` by month, "2026-03".
 */
export function varianceFromPlan(plan: PlanMonths, actuals: Readonly<Record<string, number>>): VarianceMonth[] {
  const out: VarianceMonth[] = [];
  plan.months.forEach((m, budgetIndex) => {
    const key = monthKey(m.year, m.month);
    const actual = actuals[key];
    if (actual !== undefined) out.push({ month: monthLabel(key), budgeted: m.consumption, actual, budgetIndex });
  });
  return out;
}
