/**
 * What each sheet of a workbook is built from, when the plan (a preset or a plan file) does not
 * give it all. The rules, stated once (docs/plan-format.md repeats them for people):
 *
 * - Calculator: the plan's profile. A budget preset's profile is its first month (core profileOf:
 *   the first month's users and the baseline volumes, without growth, season, top-ups or
 *   initiatives); the march-2026 dashboard's is the mid-market organisation it belongs to.
 * - Budget: the plan's budget; without one, the flat plan of the profile (core planFromProfile: no
 *   growth, no season, no top-ups, every feature live from the first month, the notes' buffers),
 *   starting at the first month the dashboard reviews (its first variance month, else its period),
 *   else at the first month of the usage export's last twelve, else the month after today.
 * - Dashboard: from the usage export when --usage is given; else the plan's dashboard; else the
 *   budget's first month as a template WITHOUT actuals: each feature the budget forecasts as an empty actual
 *   (initiatives as "Other AI tokens"), five empty weeks, the month's allocation and top-up as the
 *   allocation, its committed tokens, and the twelve months of the budget in the variance table with
 *   empty actuals: a forecast is never shown as an actual, so there is no variance until one is typed.
 * - With a budget sheet in the workbook, every month of the variance table that is one of the
 *   budget's twelve reads its budget from that sheet (INDEX('Annual Budget'!MonthlyTokens,1,k), the
 *   budget sheet's sheet-scoped name); other months keep their typed budget.
 * - Committed tokens: a budget without its own takes its contract card's (core computeAnnualPlan; the
 *   budget sheet says "contract: <name>"), and so does the dashboard of its month; a plan's figure wins.
 * - The dashboard's allocation, when the plan does not give it: the budget's allocation and
 *   top-up of the dashboard's month when the month is in the budget, else the profile's allocation.
 *
 * Pure: no file system, no clock (today is given).
 */
import {
  computeAnnualPlan,
  computeDashboard,
  dashboardFromImport,
  daysInMonth,
  getCard,
  InputError,
  monthAfter,
  monthKey,
  monthLabel,
  OTHER_FEATURE,
  parseMonthLabel,
  planFromProfile,
  type AnnualPlan,
  type AnnualPlanResult,
  type CalendarMonth,
  type CompiledCard,
  type DashboardResult,
  type FeatureActual,
  type Profile,
  type UsageDashboard,
  type UsageImport,
  type VarianceMonth,
} from "../core";
import { dashboardAnchor, monthAllocation, type Plan } from "./plan-file";

/** A plan that cannot make the sheets asked for; the message is for the analyst (exit code 2). */
export class WorkbookProblem extends Error {
  override readonly name = "WorkbookProblem";
}

/** Where a sheet's inputs came from, for the summary the command line prints. */
export type BudgetSource = "plan" | "flat";
export type DashboardSource = "plan" | "usage" | "forecast";

/** Everything the sheets of one workbook are built from. */
export interface WorkbookInputs {
  readonly profile: Profile;
  readonly card: CompiledCard;
  /** The budget, when a budget sheet or a dashboard needs one. */
  readonly budget?: { readonly plan: AnnualPlan; readonly result: AnnualPlanResult; readonly source: BudgetSource };
  /** The dashboard, when a dashboard sheet is asked for. */
  readonly dashboard?: { readonly input: UsageDashboard; readonly result: DashboardResult; readonly source: DashboardSource };
  /** True when the dashboard's variance table reads its budgets from the budget sheet of the same workbook. */
  readonly linked: boolean;
}

export interface WorkbookOptions {
  /** Today (for the default start of a flat budget). */
  readonly today: Date;
  /** A usage export read by core importUsageCsv: feeds the dashboard. */
  readonly usage?: UsageImport;
  /** The month of the usage export to show, YYYY-MM (default: its last month). */
  readonly usageMonth?: string;
}

/** The inputs of the sheets `kinds` (ids of ./sheet-kinds) from a plan, by the rules above. */
export function workbookInputs(plan: Plan, kinds: readonly string[], o: WorkbookOptions): WorkbookInputs {
  const card = getCard(plan.profile.card);
  if (card instanceof InputError) throw new WorkbookProblem(card.message);
  const wantBudget = kinds.includes("budget");
  const wantDashboard = kinds.includes("dashboard");
  if (o.usage && !wantDashboard) throw new WorkbookProblem("--usage feeds the dashboard sheet: add dashboard to --sheets.");
  if (!wantBudget && !wantDashboard) return { profile: plan.profile, card, linked: false };

  const budget = plan.budget
    ? { plan: plan.budget, source: "plan" as const }
    : { plan: flatBudget(plan.profile, budgetAnchor(plan, o)), source: "flat" as const };
  const computed = computeAnnualPlan(budget.plan, card);
  if (computed instanceof InputError) throw new WorkbookProblem(`the budget cannot be computed: ${computed.message}`);
  const budgetInputs = { ...budget, result: computed };
  if (!wantDashboard) return { profile: plan.profile, card, budget: budgetInputs, linked: false };

  const linked = wantBudget;
  let input: UsageDashboard;
  let source: DashboardSource;
  if (o.usage) {
    input = usageDashboard(o.usage, plan.profile, card, computed, linked, o.usageMonth);
    source = "usage";
  } else if (plan.dashboard) {
    input = linked ? linkVariance(plan.dashboard, computed) : plan.dashboard;
    source = "plan";
  } else {
    input = forecastDashboard(budget.plan, computed, linked);
    source = "forecast";
  }
  const result = computeDashboard(input);
  if (result instanceof InputError) throw new WorkbookProblem(`the dashboard cannot be made: ${result.message}`);
  return { profile: plan.profile, card, budget: budgetInputs, dashboard: { input, result, source }, linked };
}

/** The first month of a flat budget: the month the dashboard reviews first, the usage export's, else the month after today. */
function budgetAnchor(plan: Plan, o: WorkbookOptions): CalendarMonth {
  if (o.usage && o.usage.months.length > 0) {
    const first = o.usage.months.slice(-12)[0].month;
    return { year: Number(first.slice(0, 4)), month: Number(first.slice(5, 7)) };
  }
  return dashboardAnchor(plan.dashboard) ?? monthAfter(o.today);
}

/** The flat plan of a profile from a month: core planFromProfile with its defaults. */
export function flatBudget(profile: Profile, start: CalendarMonth): AnnualPlan {
  return planFromProfile(profile, { startMonth: start.month, startYear: start.year });
}

/** The variance rows of months inside the budget read the budget sheet; their budget becomes its forecast. */
function linkVariance(d: UsageDashboard, budget: AnnualPlanResult): UsageDashboard {
  if (!d.variance || d.variance.length === 0) return d;
  const variance = d.variance.map((v): VarianceMonth => {
    const m = parseMonthLabel(v.month);
    const k = m ? budget.months.findIndex((x) => x.year === m.year && x.month === m.month) : -1;
    if (k < 0) {
      const { budgetIndex: _unlinked, ...typed } = v;
      return typed;
    }
    return { ...v, budgeted: budget.months[k].consumption, budgetIndex: k };
  });
  return { ...d, variance };
}

/** Empty weeks of a template dashboard: the weeks of the month a usage export counts (1-7, ..., 22-28, 29-31). */
const TEMPLATE_WEEKS = 5;

/** The budget's first month as a dashboard without actuals (see the rules above). */
function forecastDashboard(plan: AnnualPlan, budget: AnnualPlanResult, linked: boolean): UsageDashboard {
  const first = budget.months[0];
  const features: FeatureActual[] = [];
  for (const row of budget.rows) {
    if (row.onCard && row.annual > 0 && !features.some((f) => f.feature === row.feature)) features.push({ feature: row.feature, tokens: null });
  }
  if (budget.initiatives.length > 0 || features.length === 0) features.push({ feature: OTHER_FEATURE.id, tokens: null });
  const allocation = first.allocation + first.topUp;
  const committed = first.committed;
  if (!(allocation + committed > 0)) {
    throw new WorkbookProblem(
      `the dashboard needs an allocation above 0, and the budget's first month (${monthLabel(monthKey(first.year, first.month))}) has none: give the plan users, or a dashboard section with its allocation.`,
    );
  }
  const days = daysInMonth(first.year, first.month);
  const variance: VarianceMonth[] = budget.months.map((m, k) => ({
    month: monthLabel(monthKey(m.year, m.month)),
    budgeted: m.consumption,
    actual: null,
    ...(linked ? { budgetIndex: k } : {}),
  }));
  return {
    period: monthLabel(monthKey(first.year, first.month)),
    card: plan.card,
    allocation,
    ...(committed > 0 ? { committed } : {}),
    features,
    weekly: Array.from({ length: TEMPLATE_WEEKS }, () => null),
    daysElapsed: days,
    daysInPeriod: days,
    variance,
  };
}

/** The dashboard of a usage export's last month, its budgets from the budget (read from its sheet when linked). */
function usageDashboard(
  usage: UsageImport,
  profile: Profile,
  card: CompiledCard,
  budget: AnnualPlanResult,
  linked: boolean,
  usageMonth?: string,
): UsageDashboard {
  if (usage.months.length === 0) throw new WorkbookProblem("--usage: the usage export has no AI Experience token rows, so there is no dashboard to make.");
  if (usageMonth !== undefined && !usage.months.some((m) => m.month === usageMonth))
    throw new WorkbookProblem(`--month: the usage export has no AI Experience token rows in ${monthLabel(usageMonth)}.`);
  const last = usageMonth ?? usage.months[usage.months.length - 1].month;
  const month = { year: Number(last.slice(0, 4)), month: Number(last.slice(5, 7)) };
  const allocation = monthAllocation(profile, card, budget, month);
  if (!(allocation > 0)) {
    throw new WorkbookProblem(`--usage: the dashboard needs an allocation above 0 for ${monthLabel(last)}, and the plan allocates none: give the plan users.`);
  }
  const budgets: Record<string, number> = {};
  for (const m of budget.months) budgets[monthKey(m.year, m.month)] = m.consumption;
  const d = dashboardFromImport(usage, allocation, { month: last, ...(linked ? { plan: budget } : { budgets }) });
  if (d instanceof InputError) throw new WorkbookProblem(`--usage: ${d.message}`);
  return d;
}
