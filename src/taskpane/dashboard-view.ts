/**
 * What the Usage dashboard tab shows, computed from the form (and the budget sheet inserted in this
 * session, if any): problems by field, the features of the card, which budgets come from the budget
 * sheet, and the live preview (consumed, remaining, % available, utilisation, health, projection,
 * recommendation, trend, shares and the variance table). Pure; dashboard-panel.ts only paints it.
 */
import { sheetKind } from "../plan/sheet-kinds";
import { formatTokens } from "../core/currencies";
import { InputError } from "../core/errors";
import { computeDashboard, type DashboardResult } from "../core/usage-dashboard";
import type { HealthStatus } from "../core/planning-rules";
import { budgetLinks, dashboardFeatures, parseDashboardForm, type DashboardFieldPath, type DashboardFormValues, type LinkedBudget } from "./dashboard-form";
import type { ParsedDashboard } from "./dashboard-form";
import { cardOf } from "./form";
import { shortMonth } from "../core/calendar";
import { barOf, type Bar } from "./view-model";
import { capitalise, contractCommittedNote, fixFirst, formatPercent, signedTokens, tokensText } from "./wording";

export interface DashboardPreview {
  readonly consumed: string;
  readonly consumedNote: string;
  readonly remaining: string;
  readonly available: string;
  readonly utilisation: string;
  readonly health: HealthStatus;
  /** The status in words (never colour alone): "GREEN: within limits". */
  readonly healthText: string;
  readonly projected: string;
  readonly projectedNote: string;
  readonly advice: string;
  readonly trend: string;
  /** "Partial: the data covers 7 of 31 days (...)" for a partial period, else "". */
  readonly coverage: string;
  readonly bars: readonly Bar[];
  /** What the pane says instead of shares when the data has only a total; "" otherwise. */
  readonly breakdownNote: string;
  readonly variance: readonly {
    readonly month: string;
    readonly budgeted: string;
    readonly actual: string;
    readonly variance: string;
    readonly share: string;
    readonly over: boolean;
    readonly linked: boolean;
  }[];
  /** Said above the variance table: example figures, pro-rated budgets; "" when nothing to say. */
  readonly varianceNote: string;
}

export interface DashboardView {
  readonly problems: Readonly<Partial<Record<DashboardFieldPath, string>>>;
  readonly problemCount: number;
  readonly parsed: ParsedDashboard;
  /** The features the form asks for on the chosen card, "Other AI tokens" last. */
  readonly features: readonly { readonly id: string; readonly name: string }[];
  readonly cardNote: string;
  /** Where the committed tokens come from when none are typed: "Committed tokens: 1,600 a month from the contract card (...)..."; "" otherwise. */
  readonly committedNote: string;
  /** Per variance row: the budget sheet's figure when the row reads it, else null (typed). */
  readonly linkedBudgets: readonly (string | null)[];
  /** Whether to offer "read budgets from the budget sheet", and what it says. */
  readonly link: { readonly offered: boolean; readonly label: string; readonly hint: string };
  readonly preview: DashboardPreview | null;
  readonly waiting: string;
  readonly announcement: string;
}

/** What the tab inserts, in the words of its footer. */
export const DASHBOARD_SHEET = sheetKind("dashboard");

/** Fields whose problems leave the key figures computable (only the variance table waits). */
const VARIANCE_ONLY = (field: string): boolean => field.startsWith("variance.") || field === "period";

export function dashboardView(v: DashboardFormValues, budget: LinkedBudget | null = null): DashboardView {
  const parsed = parseDashboardForm(v, budget);
  const { problems } = parsed;
  const card = cardOf(v);
  const problemMap: Partial<Record<DashboardFieldPath, string>> = {};
  for (const p of problems) problemMap[p.field as DashboardFieldPath] = p.message;

  const blocking = problems.filter((p) => !VARIANCE_ONLY(p.field));
  let result: DashboardResult | null = null;
  if (blocking.length === 0) {
    const r = computeDashboard(problems.length === 0 ? parsed.dashboard : { ...parsed.dashboard, variance: [] });
    if (!(r instanceof InputError)) result = r;
  }
  const links = budgetLinks(v, budget);
  const preview = result && result.hasActuals ? previewOf(result, links) : null;
  const waiting = preview ? "" : result ? "Type the actual tokens of a feature to see the preview." : fixFirst(blocking.length, "see the preview");

  const linkedCount = links.filter((k) => k !== undefined).length;
  const first = budget?.plan.months[0];
  const last = budget?.plan.months[budget.plan.months.length - 1];
  const span = first && last ? `${monthName(first)} to ${monthName(last)}` : "";
  return {
    problems: problemMap,
    problemCount: problems.length,
    parsed,
    features: dashboardFeatures(card),
    cardNote: `Feature names of the ${card.card.name} card.`,
    committedNote: parsed.dashboard.committedFrom === "contract" ? contractCommittedNote(parsed.dashboard.committed ?? 0, card.card.name) : "",
    linkedBudgets: links.map((k) => (k === undefined || !budget ? null : formatTokens(budget.plan.months[k].consumption))),
    link: budget
      ? {
          offered: true,
          label: `Read budgets from the '${budget.sheetName}' sheet`,
          hint: !v.linkBudget
            ? "Off: every budget below is typed."
            : linkedCount > 0
              ? `${linkedCount} of ${v.variance.length} months read their budget from it (${span}); the sheet links to its cells.`
              : `No month below is in that budget (${span}): their budgets stay typed.`,
        }
      : { offered: false, label: "", hint: "" },
    preview,
    waiting,
    announcement: preview
      ? `${preview.consumed} tokens consumed, ${preview.remaining} remaining, ${preview.utilisation} used. Health ${preview.healthText}. Projected month end ${preview.projected}.`
      : waiting,
  };
}

const monthName = (m: { year: number; month: number }): string => shortMonth(m.month, m.year);

function previewOf(r: DashboardResult, links: readonly (number | undefined)[]): DashboardPreview {
  const max = r.features.reduce((a, f) => Math.max(a, f.tokens ?? 0), 0);
  const bars: Bar[] = r.breakdown ? r.features.filter((f) => f.tokens !== null).map((f) => barOf(f.name, f.tokens ?? 0, f.share ?? 0, max)) : [];
  const withData = r.weeks.filter((w) => w.tokens !== null);
  const lastWeek = withData[withData.length - 1];
  const trend =
    r.trend === null || !lastWeek
      ? "Type two weeks or more to see the trend."
      : `${capitalise(r.trend)}: week ${lastWeek.week} used ${tokensText(lastWeek.tokens ?? 0)} (${signedTokens(lastWeek.change ?? 0)}${lastWeek.changeShare === null ? "" : `, ${lastWeek.changeShare >= 0 ? "+" : ""}${formatPercent(lastWeek.changeShare)}`}) against week ${lastWeek.week - 1}.`;
  const consumed = r.consumed ?? 0;
  const projected = r.projected ?? 0;
  const available =
    r.committed > 0
      ? `${formatTokens(r.tokensAvailable)} available (${formatTokens(r.allocation)} allocated + ${formatTokens(r.committed)} committed)`
      : `${formatTokens(r.allocation)} allocated`;
  const own = r.variance.find((m) => m.partial);
  const notes = [
    ...(r.varianceExample ? ["Example figures, not from the study notes or any usage data: replace them with your own."] : []),
    ...(own && own.compared !== null
      ? [
          `${own.month} is partial (${r.daysElapsed} of ${r.daysInPeriod} days): its actual is compared with ${formatTokens(Math.round(own.compared))}, its budget pro-rated to the days covered.`,
        ]
      : []),
  ];
  return {
    consumed: formatTokens(consumed),
    consumedNote: `of ${available}`,
    remaining: formatTokens(r.remaining ?? 0),
    available: formatPercent(r.available ?? 0),
    utilisation: formatPercent(r.utilisation ?? 0),
    health: r.health ?? "GREEN",
    healthText: `${r.health ?? ""}: ${r.healthMeaning}`,
    projected: formatTokens(Math.round(projected)),
    projectedNote: r.complete
      ? "The data covers the whole period: the projection is what was consumed."
      : `At the pace of the ${r.daysElapsed} days covered, for ${r.daysInPeriod} days: ${formatPercent(r.projectedUtilisation ?? 0)} of the tokens available${(r.projectedOverage ?? 0) > 0 ? `, ${formatTokens(Math.round(r.projectedOverage ?? 0))} over` : ""}.`,
    advice: r.advice,
    trend,
    coverage: r.complete ? "" : `Partial: the data covers ${r.daysElapsed} of ${r.daysInPeriod} days.`,
    bars,
    breakdownNote: r.breakdown ? "" : "The usage data has token totals only, no per-feature breakdown: there are no shares to show.",
    variance: r.variance.map((m, i) => ({
      month: m.partial ? `${m.month} (partial)` : m.month,
      budgeted: formatTokens(m.budgeted),
      actual: m.actual === null ? "not yet" : formatTokens(m.actual),
      variance: m.variance === null ? "" : signedTokens(m.variance),
      share: m.variance === null ? "" : m.varianceShare === null ? "n/a" : `${m.varianceShare > 0 ? "+" : ""}${formatPercent(m.varianceShare)}`,
      over: m.variance !== null && m.variance > 0,
      linked: links[i] !== undefined,
    })),
    varianceNote: notes.join(" "),
  };
}
