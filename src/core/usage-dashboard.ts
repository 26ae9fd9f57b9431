/**
 * The monthly usage dashboard: a period's allocation and actual consumption in, the key figures of
 * the notes' "Token Usage Dashboard" out (consumed, remaining, % available, utilisation, shares,
 * weekly trend, month-end projection, health and advice), plus the monthly actual-vs-budget
 * variance table of the monthly review. The dashboard sheet, the taskpane preview and the import
 * all compute it here.
 *
 * Rules that keep it honest:
 *  - An actual is never made up. A feature, a week or a month without an actual (null) stays empty;
 *    the figures that need actuals (consumed, remaining, utilisation, projection, health, a month's
 *    variance, the total of actuals) are null until there is one, and the trend needs two weeks.
 *  - Days covered: `daysElapsed` is the number of days of the period the data covers. Fewer than the
 *    period's days is a partial period ("partial (7 of 31 days)"): the projection scales the pace of
 *    the days covered, and the period's own month in the variance table is compared with its budget
 *    pro-rated to the days covered.
 *  - Tokens available = allocation (with top-ups) + committed tokens; overage only above that.
 *  - A dashboard whose only line is the total ("All AI features", or the generic "Other AI tokens")
 *    has no per-feature breakdown: no shares are shown for it.
 */
import type { CommittedSource } from "./annual-plan";
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
 * weeks of data there is nothing to compare and there is no trend (null).
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
  /** A feature id of the dashboard's card, OTHER_FEATURE.id or ALL_FEATURES.id. */
  readonly feature: string;
  /** Tokens consumed in the period; null while there is no actual (an empty input on the sheet). */
  readonly tokens: number | null;
}

export interface VarianceMonth {
  /** The month's label, e.g. "January 2026": text, written as text. */
  readonly month: string;
  /** Budgeted tokens for the month (from the annual budget when there is one). */
  readonly budgeted: number;
  /** Actual tokens consumed in the month; null while the month has no actual (an empty input). */
  readonly actual: number | null;
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
  /** Tokens allocated for the period (the free allocation plus top-ups bought for it). */
  readonly allocation: number;
  /** Committed (prepaid) tokens of the period, besides the allocation; none when absent. */
  readonly committed?: number;
  /** Where the committed tokens come from: "contract" when they are the contract card's (not typed); typed when absent. */
  readonly committedFrom?: CommittedSource;
  /** Actual consumption per feature, in the order shown. */
  readonly features: readonly FeatureActual[];
  /**
   * Tokens consumed week by week, `firstWeek` first; null for a week without data yet. Weeks with
   * data come first: a week with data after an empty one is a problem (type 0 for a week of no use).
   */
  readonly weekly: readonly (number | null)[];
  /** The number of the first week listed (default 1): data that starts late in the month skips weeks. */
  readonly firstWeek?: number;
  /** Days of the period the data covers (elapsed so far); equal to daysInPeriod for a whole period. */
  readonly daysElapsed: number;
  readonly daysInPeriod: number;
  /** The monthly actual-vs-budget review, oldest month first. */
  readonly variance?: readonly VarianceMonth[];
  /** The variance table holds example figures, not anyone's data: the sheet and the pane say so. */
  readonly varianceExample?: boolean;
}

export interface FeatureShare {
  /** The card's feature id (or "other", "total"). */
  readonly feature: string;
  /** The card's name of the feature (never text from an import). */
  readonly name: string;
  readonly tokens: number | null;
  /** The feature's share of total consumption; null without an actual, without a breakdown, or when nothing was consumed. */
  readonly share: number | null;
}

export interface WeekFigures {
  /** 1-based week number of the month. */
  readonly week: number;
  readonly tokens: number | null;
  /** Tokens more (or fewer) than the week before; null for the first week or a week without data. */
  readonly change: number | null;
  /** The change as a share of the week before; null as change, or when the week before is 0. */
  readonly changeShare: number | null;
}

export interface VarianceFigures extends VarianceMonth {
  /**
   * The budget the actual is compared with: the month's budget, pro-rated to the days covered for
   * the period's own month when the period is partial. Null while the month has no actual.
   */
  readonly compared: number | null;
  /** True for the period's own month when the data covers only part of it. */
  readonly partial: boolean;
  /** actual - compared: positive is over budget, negative under; null without an actual. */
  readonly variance: number | null;
  /** variance / compared; null without an actual or when nothing was budgeted. */
  readonly varianceShare: number | null;
}

export interface DashboardResult {
  readonly period: string;
  readonly card: string;
  readonly allocation: number;
  /** Committed (prepaid) tokens of the period (0 when none). */
  readonly committed: number;
  /** allocation + committed: what can be consumed before overage. */
  readonly tokensAvailable: number;
  /** False when the only line is a total: no shares. */
  readonly breakdown: boolean;
  /** True when at least one feature has an actual; every figure below that needs actuals is null otherwise. */
  readonly hasActuals: boolean;
  readonly consumed: number | null;
  /** max(0, tokensAvailable - consumed). */
  readonly remaining: number | null;
  /** remaining / tokensAvailable (0.6038 for 60% available). */
  readonly available: number | null;
  /** consumed / tokensAvailable (0.3962 for 39.6%). */
  readonly utilisation: number | null;
  readonly features: readonly FeatureShare[];
  readonly weeks: readonly WeekFigures[];
  /** The trend of the last two weeks with data; null with fewer than two. */
  readonly trend: TrendWord | null;
  /** Days of the period the data covers. */
  readonly daysElapsed: number;
  readonly daysInPeriod: number;
  /** True when the data covers every day of the period: the projection is then the consumption itself. */
  readonly complete: boolean;
  /** "partial (7 of 31 days)" when the data covers part of the period, else "". */
  readonly coverage: string;
  /** Month-end consumption if the pace of the days covered continues (core projectMonthEnd). */
  readonly projected: number | null;
  /** projected / tokensAvailable. */
  readonly projectedUtilisation: number | null;
  /** Tokens over what is available at month end if the pace continues: max(0, projected - tokensAvailable). */
  readonly projectedOverage: number | null;
  /** Health of the projection against the tokens available (HEALTH_BANDS). */
  readonly health: HealthStatus | null;
  readonly healthMeaning: string;
  /** The advice of ADVICE_BANDS for the projected utilisation ("" without actuals). */
  readonly advice: string;
  /** The variance table holds example figures (UsageDashboard.varianceExample). */
  readonly varianceExample: boolean;
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

/** True when a dashboard's features are one total line: the data has no per-feature breakdown. */
export function totalsOnly(features: readonly FeatureActual[]): boolean {
  return features.length === 1 && (features[0].feature === ALL_FEATURES.id || features[0].feature === OTHER_FEATURE.id);
}

/** "partial (7 of 31 days)" for data that covers part of a period, "" for a whole one. */
export function coverageText(daysCovered: number, daysInPeriod: number): string {
  return daysCovered < daysInPeriod ? `partial (${daysCovered} of ${daysInPeriod} days)` : "";
}

/** The weeks with data, in order (they come before any empty week). */
const weeksWithData = (weekly: readonly (number | null)[]): number[] => weekly.filter((w): w is number => w !== null);

/** The trend word of the last two weeks with data, by TREND_RULE; null with fewer than two. */
export function weeklyTrend(weekly: readonly (number | null)[]): TrendWord | null {
  const data = weeksWithData(weekly);
  if (data.length < 2) return null;
  const last = data[data.length - 1];
  const before = data[data.length - 2];
  const change = last - before;
  if (change > TREND_RULE.threshold * before) return "rising";
  if (change < -TREND_RULE.threshold * before) return "falling";
  return "stable";
}

/** Week-over-week figures of a list of weekly consumption, the first week numbered `firstWeek`. */
export function weekFigures(weekly: readonly (number | null)[], firstWeek = 1): WeekFigures[] {
  return weekly.map((tokens, i) => {
    const week = firstWeek + i;
    const before = i === 0 ? null : weekly[i - 1];
    if (tokens === null || before === null) return { week, tokens, change: null, changeShare: null };
    const change = tokens - before;
    return { week, tokens, change, changeShare: before === 0 ? null : change / before };
  });
}

/**
 * One row of the variance table: the budget compared (pro-rated to `share` of the month's days for a
 * partial month), variance = actual - compared, and its share of the compared budget. Without an
 * actual every figure is null.
 */
export function varianceOf(m: VarianceMonth, share = 1): VarianceFigures {
  const partial = share < 1;
  if (m.actual === null) return { ...m, compared: null, partial, variance: null, varianceShare: null };
  const compared = partial ? m.budgeted * share : m.budgeted;
  const variance = m.actual - compared;
  return { ...m, compared, partial, variance, varianceShare: compared === 0 ? null : variance / compared };
}

const sameLabel = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The row of the variance table that is the dashboard's own period (its label is the period's); -1 when none. */
export function periodRow(d: Pick<UsageDashboard, "period" | "variance">): number {
  return (d.variance ?? []).findIndex((m) => typeof m.month === "string" && typeof d.period === "string" && sameLabel(m.month, d.period));
}

/** Every problem of a dashboard's input, as the first one found; undefined for a sound input. */
export function dashboardProblem(d: UsageDashboard, card: CompiledCard): InputError | undefined {
  if (typeof d.period !== "string") return inputError("The period label must be text.");
  const badAllocation = checkQuantity(d.allocation, "The allocation");
  if (badAllocation) return badAllocation;
  if (d.committed !== undefined) {
    const badCommitted = checkQuantity(d.committed, "Committed tokens");
    if (badCommitted) return badCommitted;
  }
  if (d.allocation + (d.committed ?? 0) === 0) return new InputError("div0", "The allocation is 0, so utilisation and health are undefined.");
  if (d.features.length === 0) return inputError("There is no consumption by feature to show.");
  const seen = new Set<string>();
  for (const f of d.features) {
    const found = dashboardFeature(card, f.feature);
    if (found instanceof InputError) return found;
    if (seen.has(found.id)) return inputError(`${found.name} is listed twice.`);
    seen.add(found.id);
    const bad = f.tokens === null ? undefined : checkQuantity(f.tokens, `Tokens of ${found.name}`);
    if (bad) return bad;
  }
  if (seen.has(ALL_FEATURES.id) && seen.size > 1) return inputError(`${ALL_FEATURES.name} is the total of every feature: it cannot be listed beside them.`);
  const firstWeek = d.firstWeek ?? 1;
  if (!(Number.isInteger(firstWeek) && firstWeek >= 1 && firstWeek <= MAX_WEEKS))
    return inputError(`The first week must be a whole number from 1 to ${MAX_WEEKS}.`);
  if (firstWeek - 1 + d.weekly.length > MAX_WEEKS) return inputError(`A period has at most ${MAX_WEEKS} weeks, got ${firstWeek - 1 + d.weekly.length}.`);
  for (let i = 0; i < d.weekly.length; i++) {
    const w = d.weekly[i];
    if (w === null) continue;
    if (i > 0 && d.weekly[i - 1] === null)
      return inputError(`Week ${firstWeek + i} has tokens but week ${firstWeek + i - 1} is empty: type 0 for a week without use.`);
    const bad = checkQuantity(w, `Tokens of week ${firstWeek + i}`);
    if (bad) return bad;
  }
  const badDays = checkQuantity(d.daysInPeriod, "Days in the period") ?? checkQuantity(d.daysElapsed, "Days elapsed");
  if (badDays) return badDays;
  if (d.daysInPeriod === 0) return new InputError("num", "The period must have at least one day.");
  if (d.daysElapsed === 0) return new InputError("div0", "The data covers no day yet, so there is no pace to project.");
  if (d.daysElapsed > d.daysInPeriod) return new InputError("num", "The days covered cannot exceed the days in the period.");
  const variance = d.variance ?? [];
  if (variance.length > MAX_VARIANCE_MONTHS) return inputError(`The variance table holds at most ${MAX_VARIANCE_MONTHS} months, got ${variance.length}.`);
  for (const m of variance) {
    if (typeof m.month !== "string") return inputError("A month label must be text.");
    const bad =
      checkQuantity(m.budgeted, `Budgeted tokens of ${m.month}`) ?? (m.actual === null ? undefined : checkQuantity(m.actual, `Actual tokens of ${m.month}`));
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

  const committed = d.committed ?? 0;
  const tokensAvailable = d.allocation + committed;
  const breakdown = !totalsOnly(d.features);
  const hasActuals = d.features.some((f) => f.tokens !== null);
  let sum = 0;
  for (const f of d.features) sum += f.tokens ?? 0;
  const consumed = hasActuals ? sum : null;
  const features = d.features.map((f): FeatureShare => {
    const { id, name } = dashboardFeature(card, f.feature) as { id: string; name: string };
    const shown = breakdown ? name : ALL_FEATURES.name;
    return { feature: id, name: shown, tokens: f.tokens, share: !breakdown || f.tokens === null || !consumed ? null : f.tokens / consumed };
  });
  const complete = d.daysElapsed >= d.daysInPeriod;
  let projected: number | null = null;
  if (consumed !== null) {
    const pace = projectMonthEnd(consumed, d.daysElapsed, d.daysInPeriod);
    if (pace instanceof InputError) return pace;
    // A finished period projects to what was consumed, exactly (no x / 31 x 31 noise).
    projected = complete ? consumed : pace;
  }
  const projectedUtilisation = projected === null ? null : projected / tokensAvailable;
  const health = projectedUtilisation === null ? null : healthOfUtilisation(projectedUtilisation);
  const own = periodRow(d);
  const share = d.daysElapsed / d.daysInPeriod;
  const variance = (d.variance ?? []).map((m, i) => varianceOf(m, i === own ? share : 1));
  let varianceTotal: VarianceFigures | null = null;
  if (variance.length > 0) {
    let budgeted = 0;
    let actual = 0;
    let compared = 0;
    let withActual = 0;
    for (const m of variance) {
      budgeted += m.budgeted;
      if (m.actual === null || m.compared === null) continue;
      actual += m.actual;
      compared += m.compared;
      withActual++;
    }
    varianceTotal =
      withActual === 0
        ? { month: "Total", budgeted, actual: null, compared: null, partial: false, variance: null, varianceShare: null }
        : {
            month: "Total",
            budgeted,
            actual,
            compared,
            partial: false,
            variance: actual - compared,
            varianceShare: compared === 0 ? null : (actual - compared) / compared,
          };
  }
  const weeks = weekFigures(d.weekly, d.firstWeek ?? 1);
  // Figures each finite can still add or divide beyond the largest number (tokens of 1e308, a week
  // of 1e-300 tokens before one of 1): say so rather than show Infinity.
  const figures = [
    tokensAvailable,
    sum,
    sum / tokensAvailable,
    projected ?? 0,
    projectedUtilisation ?? 0,
    ...weeks.map((w) => w.changeShare ?? 0),
    ...variance.map((m) => m.varianceShare ?? 0),
    ...(varianceTotal ? [varianceTotal.budgeted, varianceTotal.actual ?? 0, varianceTotal.varianceShare ?? 0] : []),
  ];
  if (!figures.every(Number.isFinite)) return new InputError("num", "The figures are too large to compute: check the allocation, the tokens and the days.");
  const remaining = consumed === null ? null : tokensAvailable > consumed ? tokensAvailable - consumed : 0;
  return {
    period: d.period,
    card: card.id,
    allocation: d.allocation,
    committed,
    tokensAvailable,
    breakdown,
    hasActuals,
    consumed,
    remaining,
    available: remaining === null ? null : remaining / tokensAvailable,
    utilisation: consumed === null ? null : consumed / tokensAvailable,
    features,
    weeks,
    trend: weeklyTrend(d.weekly),
    daysElapsed: d.daysElapsed,
    daysInPeriod: d.daysInPeriod,
    complete,
    coverage: coverageText(d.daysElapsed, d.daysInPeriod),
    projected,
    projectedUtilisation,
    projectedOverage: projected === null ? null : (overage(projected, tokensAvailable) as number),
    health,
    healthMeaning: health === null ? "" : (HEALTH_BANDS.find((b) => b.status === health)?.meaning ?? ""),
    advice: projectedUtilisation === null ? "" : advice(projectedUtilisation),
    varianceExample: d.varianceExample === true,
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
