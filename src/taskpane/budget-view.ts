/**
 * What the Annual budget tab shows, computed from the form alone: problems by field, hints, month
 * labels, and the live preview (annual tokens, overage, cost, peak month, months over allocation,
 * the last month against its allocation, and twelve bars of consumption against allocation).
 * Pure and cheap enough to run on every keystroke; budget-panel.ts only paints it.
 */
import { sheetKind } from "../plan/sheet-kinds";
import { computeAnnualPlan, PLAN_MONTHS, planMonth, type AnnualPlan, type AnnualPlanResult, type PlanMonth } from "../core/annual-plan";
import { formatMoney, formatTokens, type CurrencyCode } from "../core/currencies";
import { InputError } from "../core/errors";
import { NOT_THIS_YEAR, parseBudgetForm, type BudgetFieldPath, type BudgetFormValues } from "./budget-form";
import { cardOf } from "./form";
import { shortMonth } from "../core/calendar";
import { DASH, MONEY_ONLY, ownLineViews, profileHints, unpricedText, type OwnLineView, type ProfileHints } from "./view-model";
import { contractCommittedNote, fixFirst, formatPercent } from "./wording";

export interface PlanMonthLabel {
  /** "Apr 2026" (or "Apr" while the year cannot be read). */
  readonly label: string;
  /** "Apr". */
  readonly short: string;
  /** 0 = January: where the month's seasonal multiplier and top-up live in the form. */
  readonly calendarIndex: number;
}

export interface MonthBar {
  readonly label: string;
  readonly short: string;
  readonly consumption: number;
  readonly allocation: number;
  readonly topUp: number;
  readonly overage: number;
  /** Consumption above the allocation (top-ups aside): the month the sheet highlights. */
  readonly over: boolean;
  /** Bar heights, 0-1 of the chart's scale. */
  readonly consumptionLength: number;
  readonly allocationLength: number;
  /** The top of the month's top-ups, bought above its allocation (equal to allocationLength when none). */
  readonly topUpLength: number;
  /** The month in words, for screen readers and the table: "Apr 2026: 19,810 tokens against 50,000 (39.6%)". */
  readonly text: string;
  /** The month's figures as the table shows them. */
  readonly cells: { readonly tokens: string; readonly allocation: string; readonly topUp: string; readonly overage: string; readonly cost: string };
}

export interface BudgetPreview {
  readonly annualTokens: string;
  readonly annualOverage: string;
  readonly annualCost: string;
  /** "Jul 2026" and its tokens. */
  readonly peak: string;
  readonly peakNote: string;
  /** The annual overage as the command line words it: "0 tokens in 2 months over allocation". */
  readonly monthsOver: string;
  /** What top-ups covered: "after 20,000 top-up tokens bought". */
  readonly monthsOverNote: string;
  /** The last month of the plan: its tokens ("27,810"), and the note "of 62,500 in Mar 2027: 44.5%". */
  readonly lastMonth: string;
  readonly lastMonthNote: string;
  /** The budget with the notes' buffers, in a sentence. */
  readonly buffered: string;
  /** The lines with a volume or an own rate the card does not price (they count 0); "" when none. */
  readonly unpriced: string;
  /** Where the committed tokens come from when the plan gives none: "1,600 a month from the contract card Example Corp contract"; "" otherwise. */
  readonly committedNote: string;
  readonly bars: readonly MonthBar[];
  /** The chart's y-axis, bottom to top: 0, half the scale, the scale (tokens). */
  readonly axis: readonly { readonly label: string; readonly at: number }[];
}

/** The smallest 1, 2, 2.5 or 5 x 10^k at or above `x` (0 stays 0): a scale whose ticks read as round numbers. */
export function niceCeiling(x: number): number {
  if (!(x > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= x * (1 - 1e-12)) return step * power;
  return 10 * power;
}

export interface BudgetView extends ProfileHints {
  /** The card's own features (a contract's), each with a volume field after the template's lines (as the calculator's). */
  readonly ownLines: readonly OwnLineView[];
  readonly problems: Readonly<Partial<Record<BudgetFieldPath, string>>>;
  readonly problemCount: number;
  /** The parsed plan; meaningful only when problemCount is 0. */
  readonly plan: AnnualPlan;
  /** The computed year; null while a field blocks it. */
  readonly result: AnnualPlanResult | null;
  /** The twelve months of the plan, in plan order. */
  readonly months: readonly PlanMonthLabel[];
  /** Go-live choices: each month of the plan, then "later". */
  readonly goLiveChoices: readonly { readonly value: string; readonly label: string }[];
  readonly growthLabel: string;
  readonly growthHint: string;
  readonly usersHint: string;
  readonly preview: BudgetPreview | null;
  readonly waiting: string;
  readonly announcement: string;
}

/** What the tab inserts, in the words of its footer. */
export const BUDGET_SHEET = sheetKind("budget");

export function budgetView(v: BudgetFormValues): BudgetView {
  const { plan, problems } = parseBudgetForm(v);
  const card = cardOf(v);
  const months = monthLabels(plan);
  const problemMap: Partial<Record<BudgetFieldPath, string>> = {};
  for (const p of problems) problemMap[p.field as BudgetFieldPath] = monthMessage(p.field, p.message, months);

  const tokensBlocked = problems.filter((p) => !MONEY_ONLY.includes(p.field));
  const priceKnown = !problems.some((p) => p.field === "pricePerToken");
  let result: AnnualPlanResult | null = null;
  if (tokensBlocked.length === 0) {
    const r = computeAnnualPlan(priceKnown ? plan : { ...plan, pricePerToken: 0 }, card);
    if (!(r instanceof InputError)) result = r;
  }
  const preview = result ? previewOf(result, plan.currency, priceKnown, months) : null;
  const waiting = preview ? "" : fixFirst(tokensBlocked.length, "see the preview");

  return {
    problems: problemMap,
    problemCount: problems.length,
    plan,
    result,
    months,
    goLiveChoices: [
      ...months.map((m, i) => ({ value: String(i + 1), label: m.label })),
      { value: NOT_THIS_YEAR, label: `After ${months[PLAN_MONTHS - 1].label}` },
    ],
    ...profileHints(v, card, plan),
    ownLines: ownLineViews(card, plan),
    ...growthWords(v.growthKind),
    usersHint:
      card.card.allocation.basis === "per-user"
        ? `Licensed users in the first month: ${formatTokens(card.card.allocation[plan.licence === "concurrent" ? "concurrent" : "named"])} tokens each a month on the ${card.card.name} card.`
        : `Licensed users in the first month. The ${card.card.name} card's allocation is for the organisation, whatever the users.`,
    preview,
    waiting,
    announcement: preview
      ? `Annual budget: ${preview.annualTokens} tokens, ${preview.annualOverage} tokens of overage, cost ${preview.annualCost}. ` +
        `Peak ${preview.peak} at ${preview.peakNote}; overage ${preview.monthsOver}.`
      : waiting,
  };
}

/** A month's seasonal multiplier or top-up names its month: "Dec 2026: Seasonal multipliers cannot be negative." */
function monthMessage(field: string, message: string, months: readonly PlanMonthLabel[]): string {
  const m = /^(seasonality|topUps)\.(\d+)$/.exec(field);
  const month = m ? months.find((x) => x.calendarIndex === Number(m[2])) : undefined;
  return month ? `${month.label}: ${message}` : message;
}

/** Month labels of the plan from its start; "Month 1".. while the start cannot be read. */
export function monthLabels(p: Pick<AnnualPlan, "startMonth" | "startYear">): PlanMonthLabel[] {
  const monthOk = Number.isInteger(p.startMonth) && p.startMonth >= 1 && p.startMonth <= 12;
  const yearOk = Number.isInteger(p.startYear) && p.startYear >= 1901 && p.startYear <= 9998;
  const start = monthOk ? p.startMonth : 1;
  return Array.from({ length: PLAN_MONTHS }, (_, i) => {
    const c = planMonth(yearOk ? p.startYear : 2000, start, i);
    return { label: shortMonth(c.month, yearOk ? c.year : undefined), short: shortMonth(c.month), calendarIndex: c.month - 1 };
  });
}

function previewOf(r: AnnualPlanResult, currency: CurrencyCode, priceKnown: boolean, labels: readonly PlanMonthLabel[]): BudgetPreview {
  const money = (n: number): string => (priceKnown ? formatMoney(n, currency) : DASH);
  let largest = 0;
  for (const m of r.months) largest = Math.max(largest, m.consumption, m.allocation + m.topUp);
  const scale = niceCeiling(largest);
  const bars = r.months.map((m, i): MonthBar => {
    const { label, short } = labels[i];
    return {
      label,
      short,
      consumption: m.consumption,
      allocation: m.allocation,
      topUp: m.topUp,
      overage: m.overage,
      over: m.headroom < 0,
      consumptionLength: scale > 0 ? m.consumption / scale : 0,
      allocationLength: scale > 0 ? m.allocation / scale : 0,
      topUpLength: scale > 0 ? (m.allocation + m.topUp) / scale : 0,
      text: monthText(label, m),
      cells: {
        tokens: formatTokens(m.consumption),
        allocation: formatTokens(m.allocation),
        topUp: formatTokens(m.topUp),
        overage: formatTokens(m.overage),
        cost: money(m.cost),
      },
    };
  });
  const last = r.months[PLAN_MONTHS - 1];
  const buffer = r.months[0].consumption > 0 ? r.months[0].budget / r.months[0].consumption - 1 : null;
  return {
    annualTokens: formatTokens(r.annualTokens),
    annualOverage: formatTokens(r.annualOverageTokens),
    annualCost: money(r.annualCost),
    peak: labels[r.peakMonth].label,
    peakNote: `${formatTokens(r.peakTokens)} tokens`,
    // Worded as the command line words it: months over allocation whose top-ups covered them bill nothing.
    monthsOver: `${formatTokens(r.annualOverageTokens)} tokens in ${r.monthsOverAllocation} month${r.monthsOverAllocation === 1 ? "" : "s"} over allocation`,
    monthsOverNote: r.annualTopUp > 0 ? `after ${formatTokens(r.annualTopUp)} top-up tokens bought` : "no top-ups bought",
    lastMonth: formatTokens(last.consumption),
    lastMonthNote: `of ${formatTokens(last.allocation)} in ${labels[PLAN_MONTHS - 1].label}${last.utilisation === null ? "" : `: ${formatPercent(last.utilisation)}`}`,
    buffered:
      `With the buffers${buffer === null ? "" : ` (+${formatPercent(buffer)})`}: ${formatTokens(Math.round(r.annualBudgetTokens))} tokens a year, ` +
      `${formatTokens(Math.round(r.annualBufferedNeed))} of them beyond allocation and top-ups; plan for up to ${money(r.annualBudgetCost)}.`,
    unpriced: unpricedText(r.unpriced, r.card.card.name),
    committedNote: r.committedFrom === "contract" ? contractCommittedNote(r.months[0].committed, r.card.card.name) : "",
    bars,
    axis: scale > 0 ? [0, 0.5, 1].map((at) => ({ label: formatTokens(scale * at), at })) : [],
  };
}

function monthText(label: string, m: PlanMonth): string {
  const share = m.utilisation === null ? "" : ` (${formatPercent(m.utilisation)})`;
  const topUp = m.topUp > 0 ? `, ${formatTokens(m.topUp)} bought` : "";
  const over = m.overage > 0 ? `, overage ${formatTokens(m.overage)}` : m.headroom < 0 ? ", over allocation" : "";
  return `${label}: ${formatTokens(m.consumption)} tokens against ${formatTokens(m.allocation)}${share}${topUp}${over}`;
}

function growthWords(kind: string): { growthLabel: string; growthHint: string } {
  if (kind === "rate") return { growthLabel: "Growth a month (%)", growthHint: "1.5 adds 1.5% a month; negative shrinks." };
  if (kind === "target") return { growthLabel: "Users in the last month", growthHint: "Equal steps from the first month to the last." };
  return { growthLabel: "Users added a month", growthHint: "Negative for fewer users; 0 keeps them flat." };
}
