/**
 * The usage dashboard sheet: the notes' "Token Usage Dashboard" for one period as a working
 * worksheet, with the monthly actual-vs-budget variance table of the monthly review. Allocation,
 * actuals per feature and per week, and the days are input-styled cells; every result is a native
 * Excel formula over them and over the planning rules written on the same sheet, and carries the
 * value computeDashboard gives as its cached result. User text (the period, month labels) is
 * written as plain text values; feature names come from the rate card.
 *
 * Never an invented actual: an actual not known yet is an EMPTY input cell, and every formula that
 * needs actuals (consumed, remaining, utilisation, projection, health, a month's variance, the total
 * of actuals, the trend) returns "" until there is one: no error value, no 0.0%.
 *
 * Layout (1-based rows; the tables grow with the number of features, weeks and months):
 *
 *   A1        title                       B2  period (text)          B3  rate card
 *   B6        allocation for the period   B7  committed tokens
 *   B8        days the data covers        B9  days in the period     B10 coverage ("partial (7 of 31 days)")
 *   B13       tokens available (allocation + committed)
 *   B14       total consumed       -> Consumed
 *   B15       remaining            -> Remaining          B16  % available
 *   B17       utilisation          -> Utilization
 *   B18       projected month-end  -> ProjectedMonthEnd  B19  projected utilisation   B20  projected overage
 *   B21       health of the projection -> Health (coloured by conditional formats)
 *   B22       recommendation (the advice band of the projected utilisation)
 *   row 24 on consumption by feature: A name (card), B tokens (input), C share; then the pie chart's data
 *   then the weekly trend: A week, B tokens (input), C change, D change %; the trend word below
 *   then the monthly actual vs budget: A month (text), B budgeted (input, or a formula on the budget
 *   sheet), C actual (input, or =Consumed for the period's own month), D budget for the days covered
 *   (pro-rated for a partial period's own month), E variance, F variance %, G partial marker; total row
 *   then the planning rules: trend threshold, health bands and advice bands (editable cells).
 *   Chart: a pie of consumption by feature at H2 (none when the data has no per-feature breakdown).
 */
import { getCard } from "../core/cards";
import { MONTH_NAMES, parseMonthLabel } from "../core/calendar";
import { InputError } from "../core/errors";
import { computeDashboard, periodRow, TREND_RULE, type DashboardResult, type UsageDashboard } from "../core/usage-dashboard";
import { a1, absA1, columnLetters, parseRange, quoteSheetName, rangeA1 } from "./a1";
import { SheetBuilder } from "./builder";
import { FRACTIONAL_TOKENS_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, TEXT_FORMAT, TOKENS_FORMAT } from "./formats";
import { adviceFormula, healthFormula, highlightHealth, NOT_APPLICABLE, utilisationFormula, writeHealthBlock, type HealthBlock } from "./health-block";
import { committedSourceLabel, type BudgetLayout } from "./budget";
import type { Cell, SheetModel } from "./model";

export const DASHBOARD_SHEET_NAME = "Usage Dashboard";

/**
 * The sheet-scoped name the annual budget sheet (budget.ts) gives its twelve months of forecast
 * consumption, one row, month 1 of the plan first: the budgeted tokens actuals are reviewed against.
 */
export const BUDGET_MONTHLY_NAME = "MonthlyTokens";

export interface DashboardOptions {
  /** The wanted sheet name; "Usage Dashboard" by default. */
  readonly sheetName?: string;
  /**
   * The annual budget sheet to read the monthly budgets from: each variance row with a `budgetIndex`
   * (varianceFromPlan, dashboardFromImport's `plan`) reads that month of the budget; the other rows,
   * and every row without this option, are typed inputs.
   */
  readonly budgetSheetName?: string;
  /**
   * Where the budget sheet keeps its twelve monthly budgeted tokens: an A1 range of one row or one
   * column of that sheet ("E31:P31", see budgetMonthlyRange), read cell by cell, which every
   * spreadsheet evaluates; or a sheet-scoped name of a one-row range, read with INDEX(name,1,k)
   * (Excel). Default: BUDGET_MONTHLY_NAME, the name the budget sheet defines.
   */
  readonly budgetMonthlyRef?: string;
}

/** Thrown for a dashboard whose input has a problem: callers check computeDashboard() first. */
export class InvalidDashboardError extends Error {
  override readonly name = "InvalidDashboardError";
  constructor(readonly problem: InputError) {
    super(`The dashboard cannot be built into a sheet: ${problem.message}`);
  }
}

export interface DashboardFeatureCells {
  readonly feature: string;
  readonly tokens: string;
  readonly share: string;
}

export interface DashboardWeekCells {
  readonly tokens: string;
  readonly change: string;
  readonly changeShare: string;
}

export interface DashboardVarianceCells {
  readonly month: string;
  readonly budgeted: string;
  readonly actual: string;
  /** The budget the actual is compared with (pro-rated to the days covered for a partial own month). */
  readonly compared: string;
  readonly variance: string;
  readonly varianceShare: string;
  /** The partial-period marker beside the row. */
  readonly marker: string;
}

/** Where everything is on a dashboard sheet (A1 addresses without $). */
export interface DashboardLayout {
  readonly period: string;
  readonly allocation: string;
  readonly committed: string;
  /** Days of the period the data covers. */
  readonly daysElapsed: string;
  readonly daysInPeriod: string;
  /** "partial (7 of 31 days)" or "the whole period". */
  readonly coverage: string;
  readonly tokensAvailable: string;
  readonly consumed: string;
  readonly remaining: string;
  readonly available: string;
  readonly utilisation: string;
  readonly projected: string;
  readonly projectedUtilisation: string;
  readonly projectedOverage: string;
  readonly health: string;
  readonly advice: string;
  readonly features: readonly DashboardFeatureCells[];
  /** The note that says the data has no per-feature breakdown; undefined when it has one. */
  readonly noBreakdown?: string;
  readonly weeks: readonly DashboardWeekCells[];
  /** The trend word's cell. */
  readonly trend: string;
  readonly trendThreshold: string;
  readonly variance: readonly DashboardVarianceCells[];
  /** The total row of the variance table; undefined when the table is empty. */
  readonly varianceTotal?: DashboardVarianceCells;
  readonly rules: HealthBlock;
}

/** The sheet-scoped names of a dashboard: other sheets refer to 'Usage Dashboard'!Consumed and so on. */
export const DASHBOARD_NAMES = (l: DashboardLayout): [string, string, string][] => [
  ["Consumed", l.consumed, "Tokens consumed in the period: the sum of the features; empty until an actual is typed."],
  ["Remaining", l.remaining, "Tokens left of what is available: max(0, allocation + committed - consumed)."],
  ["Utilization", l.utilisation, "Consumption as a share of the allocation."],
  ["Health", l.health, "GREEN, AMBER or RED: the month-end projection against the allocation."],
  ["ProjectedMonthEnd", l.projected, "Month-end consumption if the pace so far continues."],
];

const COL = { label: 0, value: 1, c: 2, d: 3, e: 4, f: 5, g: 6 } as const;
const WIDTHS = [40, 16, 16, 16, 14, 14, 3];
const ROW = {
  title: 0,
  period: 1,
  card: 2,
  inputs: 4,
  allocation: 5,
  committed: 6,
  elapsed: 7,
  days: 8,
  coverage: 9,
  key: 11,
  tokensAvailable: 12,
  consumed: 13,
  remaining: 14,
  available: 15,
  utilisation: 16,
  projected: 17,
  projectedUtilisation: 18,
  projectedOverage: 19,
  health: 20,
  advice: 21,
  featuresHeading: 23,
} as const;
/** Where the chart sits. */
const CHART_ANCHOR = "H2:O20";
/** The weekly trend's chart, under the feature shares. */
const TREND_CHART_ANCHOR = "H22:O40";
/** What the sheet says where the data has only a total. */
export const NO_BREAKDOWN_NOTE = "The usage data has token totals only, no per-feature breakdown: there are no shares to show.";
/** What the sheet says above a variance table of example figures. */
export const EXAMPLE_VARIANCE_NOTE = "Example figures, not from the study notes or any usage data: replace them with your own budgets and actuals.";

const tokensFormat = (x: number): string => (Number.isInteger(x) ? TOKENS_FORMAT : FRACTIONAL_TOKENS_FORMAT);
/** The core's "no value" (null) as a cell shows it: an empty text, as the formulas' "" branch. */
const orBlank = (x: number | null): number | string => (x === null ? "" : x);

/** The A1 range of a budget sheet's twelve forecast months (its MonthlyTokens), for DashboardOptions.budgetMonthlyRef. */
export function budgetMonthlyRange(layout: Pick<BudgetLayout, "months">): string {
  const cells = layout.months.consumption;
  return `${cells[0]}:${cells[cells.length - 1]}`;
}

/** The formula of a budget cell reading month `k` (0-based) of the budget sheet. */
export function budgetReference(sheetName: string, k: number, ref: string = BUDGET_MONTHLY_NAME): string {
  const sheet = quoteSheetName(sheetName);
  if (/^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(ref)) {
    const r = parseRange(ref.replace(/\$/g, ""));
    if (r.rows > 1 && r.cols > 1) throw new Error(`The budget range ${ref} must be one row or one column.`);
    const cell = r.rows === 1 ? absA1(r.row, r.col + k) : absA1(r.row + k, r.col);
    return `=${sheet}!${cell}`;
  }
  return `=INDEX(${sheet}!${ref},1,${k + 1})`;
}

/** The hint beside "days in the period", computed from the period: "31 for March 2026". */
export function daysHint(period: string, daysInPeriod: number): string {
  const m = parseMonthLabel(period);
  return m
    ? `${daysInPeriod} for ${MONTH_NAMES[m.month - 1]} ${m.year}; the projection scales the pace of the days covered to it`
    : "the projection scales the pace of the days covered to it";
}

/** An empty input cell: an actual not known yet is left for the analyst to type. */
const blankInput = (format: string): Cell => ({ style: "input", format });

/** Builds the dashboard sheet. Throws InvalidDashboardError for an input with a problem. */
export function buildDashboardSheet(d: UsageDashboard, options: DashboardOptions = {}): SheetModel {
  return buildDashboard(d, options).model;
}

/** Builds the dashboard sheet and tells where everything is on it. */
export function buildDashboard(d: UsageDashboard, options: DashboardOptions = {}): { model: SheetModel; layout: DashboardLayout; result: DashboardResult } {
  const res = computeDashboard(d);
  if (res instanceof InputError) throw new InvalidDashboardError(res);
  const card = getCard(d.card);
  if (card instanceof InputError) throw new InvalidDashboardError(card);

  const b = new SheetBuilder(options.sheetName ?? DASHBOARD_SHEET_NAME);
  WIDTHS.forEach((w, col) => b.width(col, w));
  const abs = absA1;
  const V = (row: number) => abs(row, COL.value);
  const note = (row: number, text: string) => {
    if (text === "") return;
    b.put(row, COL.c, { value: text, style: "note" });
    b.merge(rangeA1(row, COL.c, 1, 4));
  };

  // Heading.
  b.put(ROW.title, 0, { value: "AI Experience token usage dashboard", style: "title" });
  b.merge(rangeA1(ROW.title, 0, 1, 6));
  b.put(ROW.period, COL.label, { value: "Period", style: "label" });
  b.put(ROW.period, COL.value, { value: d.period, style: "input", format: TEXT_FORMAT });
  b.merge(rangeA1(ROW.period, COL.value, 1, 2));
  b.put(ROW.card, COL.label, { value: "Rate card (feature names)", style: "label" });
  b.put(ROW.card, COL.value, { value: `${card.card.name} (${card.id}), dated ${card.card.date}`, style: "subtitle", note: card.card.description });
  b.merge(rangeA1(ROW.card, COL.value, 1, 5));

  // Inputs.
  b.put(ROW.inputs, COL.label, { value: "Inputs", style: "heading" });
  const input = (row: number, label: string, cell: Cell, hint: string) => {
    b.put(row, COL.label, { value: label, style: "label" });
    b.put(row, COL.value, { style: "input", ...cell });
    note(row, hint);
  };
  input(
    ROW.allocation,
    "Allocation for the period (tokens)",
    { value: d.allocation, format: tokensFormat(d.allocation) },
    "free monthly allocation plus any top-up bought for the period",
  );
  input(
    ROW.committed,
    "Committed tokens for the period",
    { value: res.committed, format: tokensFormat(res.committed) },
    // The contract card's, when not typed: named as the budget sheet names them.
    [committedSourceLabel(d.committedFrom, card), "prepaid tokens of the contract, besides the allocation; 0 when none"].filter(Boolean).join(": "),
  );
  input(
    ROW.elapsed,
    "Days the data covers",
    { value: d.daysElapsed, format: INTEGER_FORMAT },
    "equal to the days in the period once the data covers all of it",
  );
  input(ROW.days, "Days in the period", { value: d.daysInPeriod, format: INTEGER_FORMAT }, daysHint(d.period, d.daysInPeriod));
  b.validate({ range: a1(ROW.allocation, COL.value), type: "decimal", min: 0, prompt: "Tokens allocated for the period, 0 or more." });
  b.validate({ range: a1(ROW.committed, COL.value), type: "decimal", min: 0, prompt: "Committed (prepaid) tokens for the period, 0 or more." });
  b.validate({ range: a1(ROW.elapsed, COL.value), type: "decimal", min: 0, prompt: "Days of the period the usage data covers." });
  b.validate({ range: a1(ROW.days, COL.value), type: "decimal", min: 0, prompt: "Days in the period (the days of its month)." });
  const ref = { allocation: V(ROW.allocation), committed: V(ROW.committed), elapsed: V(ROW.elapsed), days: V(ROW.days) };
  b.put(ROW.coverage, COL.label, { value: "Data covers", style: "label" });
  b.put(ROW.coverage, COL.value, {
    formula: `=IF(${ref.elapsed}<${ref.days},"partial ("&${ref.elapsed}&" of "&${ref.days}&" days): the projection uses the days covered, the month's variance its budget pro-rated to them","the whole period")`,
    result:
      res.coverage === "" ? "the whole period" : `${res.coverage}: the projection uses the days covered, the month's variance its budget pro-rated to them`,
    style: "output",
  });
  b.merge(rangeA1(ROW.coverage, COL.value, 1, 5));

  // Where the tables go: features, weeks, variance, rules.
  const featuresHeader = ROW.featuresHeading + 1;
  const firstFeature = featuresHeader + 1;
  const lastFeature = firstFeature + d.features.length - 1;
  const noBreakdownRow = lastFeature + 1;
  const weeksHeading = lastFeature + (res.breakdown ? 2 : 3);
  const weeksHeader = weeksHeading + 1;
  const firstWeek = weeksHeader + 1;
  const trendRow = firstWeek + d.weekly.length;
  const varianceHeading = trendRow + 2;
  const exampleRow = varianceHeading + 1;
  const varianceHeader = varianceHeading + (res.varianceExample ? 2 : 1);
  const firstMonth = varianceHeader + 1;
  const months = res.variance;
  const varianceTotalRow = firstMonth + months.length;
  const varianceNote = varianceTotalRow + (months.length > 0 ? 1 : 0);
  const rulesHeading = varianceNote + 2;
  const thresholdRow = rulesHeading + 1;
  const rules = writeHealthBlock(b, { row: thresholdRow + 2, col: COL.label });
  const thresholdRef = abs(thresholdRow, COL.value);

  // Key figures: each is "" until the features have an actual.
  b.put(ROW.key, COL.label, { value: "Key figures", style: "heading" });
  const keyFigure = (row: number, label: string, how: string, cell: Cell) => {
    b.put(row, COL.label, { value: label, style: row === ROW.consumed ? "total" : "label", bold: true });
    b.put(row, COL.value, cell);
    if (how) note(row, how);
  };
  const availableRef = V(ROW.tokensAvailable);
  const consumedRef = V(ROW.consumed);
  const whenConsumed = (f: string) => `=IF(${consumedRef}="","",${f})`;
  keyFigure(ROW.tokensAvailable, "Tokens available", "allocation + committed tokens: overage only above this", {
    formula: `=${ref.allocation}+${ref.committed}`,
    result: res.tokensAvailable,
    style: "output",
    format: tokensFormat(res.tokensAvailable),
  });
  const featureTokens = `${abs(firstFeature, COL.value)}:${abs(lastFeature, COL.value)}`;
  keyFigure(ROW.consumed, "Total consumed", "sum of the features below; empty until an actual is typed", {
    formula: `=IF(COUNT(${featureTokens})=0,"",SUM(${featureTokens}))`,
    result: orBlank(res.consumed),
    style: "total",
    format: tokensFormat(res.consumed ?? 0),
  });
  keyFigure(ROW.remaining, "Remaining", "max(0, tokens available − consumed): unused tokens do not carry over", {
    formula: whenConsumed(`MAX(0,${availableRef}-${consumedRef})`),
    result: orBlank(res.remaining),
    style: "output",
    format: tokensFormat(res.remaining ?? 0),
  });
  keyFigure(ROW.available, "% available", "remaining ÷ tokens available", {
    formula: whenConsumed(`IF(${availableRef}=0,"${NOT_APPLICABLE}",${V(ROW.remaining)}/${availableRef})`),
    result: orBlank(res.available),
    style: "output",
    format: PERCENT_FORMAT,
    align: "right",
  });
  keyFigure(ROW.utilisation, "Utilisation", "consumed ÷ tokens available (40-80% is the good range)", {
    formula: whenConsumed(utilisationFormula({ total: consumedRef, allocation: availableRef })),
    result: orBlank(res.utilisation),
    style: "output",
    format: PERCENT_FORMAT,
    align: "right",
  });
  keyFigure(
    ROW.projected,
    "Projected month-end consumption",
    "consumed ÷ days covered × days in the period (the consumption itself once the data covers the period)",
    {
      formula: whenConsumed(`IF(${ref.elapsed}>=${ref.days},${consumedRef},${consumedRef}/${ref.elapsed}*${ref.days})`),
      result: orBlank(res.projected),
      style: "output",
      format: TOKENS_FORMAT,
    },
  );
  const projectedRef = V(ROW.projected);
  const projectedUtilRef = V(ROW.projectedUtilisation);
  const whenProjected = (f: string) => `=IF(${projectedRef}="","",${f})`;
  keyFigure(ROW.projectedUtilisation, "Projected utilisation", "projected month-end ÷ tokens available", {
    formula: whenProjected(utilisationFormula({ total: projectedRef, allocation: availableRef })),
    result: orBlank(res.projectedUtilisation),
    style: "output",
    format: PERCENT_FORMAT,
    align: "right",
  });
  keyFigure(ROW.projectedOverage, "Projected overage", "max(0, projected − tokens available): billed at month end", {
    formula: whenProjected(`MAX(0,${projectedRef}-${availableRef})`),
    result: orBlank(res.projectedOverage),
    style: "output",
    format: TOKENS_FORMAT,
  });
  const status = { total: projectedRef, allocation: availableRef, utilisation: projectedUtilRef };
  keyFigure(ROW.health, "Health (of the month-end projection)", "GREEN / AMBER / RED by the thresholds below", {
    formula: whenProjected(healthFormula(rules, status)),
    result: res.health ?? "",
    style: "output",
    bold: true,
    align: "center",
  });
  highlightHealth(b, a1(ROW.health, COL.value), rules);
  b.put(ROW.advice, COL.label, { value: "Recommendation", style: "label", bold: true });
  b.put(ROW.advice, COL.value, { formula: whenProjected(adviceFormula(rules, status)), result: res.advice, style: "output", wrap: true });
  b.merge(rangeA1(ROW.advice, COL.value, 1, 5));

  // Consumption by feature.
  b.put(ROW.featuresHeading, COL.label, { value: "Consumption by feature", style: "heading" });
  b.row(featuresHeader, 0, [
    { value: "Feature", style: "heading" },
    { value: "Tokens", style: "heading", align: "right" },
    { value: "Share", style: "heading", align: "right" },
  ]);
  const features: DashboardFeatureCells[] = res.features.map((f, i) => {
    const row = firstFeature + i;
    const tokens = abs(row, COL.value);
    b.row(row, 0, [
      { value: f.name, style: "label" },
      f.tokens === null ? blankInput(TOKENS_FORMAT) : { value: f.tokens, style: "input", format: tokensFormat(f.tokens) },
      res.breakdown
        ? {
            formula: `=IF(OR(${tokens}="",${consumedRef}="",${consumedRef}=0),"",${tokens}/${consumedRef})`,
            result: orBlank(f.share),
            format: PERCENT_FORMAT,
            align: "right",
          }
        : null,
    ]);
    return { feature: f.feature, tokens: a1(row, COL.value), share: a1(row, COL.c) };
  });
  b.validate({
    range: rangeA1(firstFeature, COL.value, d.features.length, 1),
    type: "decimal",
    min: 0,
    prompt: "Tokens consumed in the period, 0 or more; leave empty while there is no actual.",
  });
  if (res.breakdown) {
    b.chart({
      type: "pie",
      title: `Consumption by feature, ${d.period}`,
      categories: rangeA1(firstFeature, COL.label, d.features.length, 1),
      series: [{ name: "Tokens", values: rangeA1(firstFeature, COL.value, d.features.length, 1) }],
      anchor: CHART_ANCHOR,
    });
  } else {
    b.put(noBreakdownRow, COL.label, { value: NO_BREAKDOWN_NOTE, style: "note", wrap: true });
    b.merge(rangeA1(noBreakdownRow, COL.label, 1, 6));
  }

  // Weekly trend: weeks without data are empty inputs; the trend needs two weeks with data.
  b.put(weeksHeading, COL.label, { value: "Weekly trend", style: "heading" });
  b.row(weeksHeader, 0, [
    { value: "Week", style: "heading" },
    { value: "Tokens", style: "heading", align: "right" },
    { value: "Change", style: "heading", align: "right" },
    { value: "Change %", style: "heading", align: "right" },
  ]);
  const weeks: DashboardWeekCells[] = res.weeks.map((w, i) => {
    const row = firstWeek + i;
    const tokens = abs(row, COL.value);
    const cells: (Cell | null)[] = [
      { value: `Week ${w.week}`, style: "label" },
      w.tokens === null ? blankInput(TOKENS_FORMAT) : { value: w.tokens, style: "input", format: tokensFormat(w.tokens) },
    ];
    if (i > 0) {
      const before = abs(row - 1, COL.value);
      const change = abs(row, COL.c);
      cells.push(
        {
          formula: `=IF(OR(${tokens}="",${before}=""),"",${tokens}-${before})`,
          result: orBlank(w.change),
          format: tokensFormat(w.change ?? 0),
        },
        {
          formula: `=IF(OR(${change}="",${before}="",${before}=0),"",${change}/${before})`,
          result: orBlank(w.changeShare),
          format: PERCENT_FORMAT,
          align: "right",
        },
      );
    }
    b.row(row, 0, cells);
    return { tokens: a1(row, COL.value), change: a1(row, COL.c), changeShare: a1(row, COL.d) };
  });
  if (d.weekly.length > 0) {
    b.validate({
      range: rangeA1(firstWeek, COL.value, d.weekly.length, 1),
      type: "decimal",
      min: 0,
      prompt: "Tokens consumed in the week, 0 or more; fill the weeks in order.",
    });
    b.chart({
      type: "column",
      title: `Weekly consumption, ${d.period}`,
      categories: rangeA1(firstWeek, COL.label, d.weekly.length, 1),
      series: [{ name: "Tokens", values: rangeA1(firstWeek, COL.value, d.weekly.length, 1) }],
      anchor: TREND_CHART_ANCHOR,
    });
  }
  b.put(trendRow, COL.label, { value: "Trend (the last week with data against the week before)", style: "label", bold: true });
  if (d.weekly.length >= 2) {
    const W = `${abs(firstWeek, COL.value)}:${abs(trendRow - 1, COL.value)}`;
    const last = `INDEX(${W},COUNT(${W}))`;
    const before = `INDEX(${W},COUNT(${W})-1)`;
    b.put(trendRow, COL.value, {
      formula: `=IF(COUNT(${W})<2,"",IF(${last}-${before}>${thresholdRef}*${before},"rising",IF(${last}-${before}<-${thresholdRef}*${before},"falling","stable")))`,
      result: res.trend ?? "",
      style: "output",
      align: "center",
    });
  } else {
    b.put(trendRow, COL.value, { value: "", style: "output", align: "center" });
  }
  note(trendRow, "needs two weeks of data; rising or falling when the last week moves by more than the threshold below");

  // Monthly actual vs budget.
  const linked = options.budgetSheetName !== undefined;
  b.put(varianceHeading, COL.label, { value: "Monthly actual vs budget", style: "heading" });
  if (res.varianceExample) {
    b.put(exampleRow, COL.label, { value: EXAMPLE_VARIANCE_NOTE, style: "bad", bold: true, wrap: true });
    b.merge(rangeA1(exampleRow, COL.label, 1, 6));
  }
  b.row(varianceHeader, 0, [
    { value: "Month", style: "heading" },
    { value: "Budgeted tokens", style: "heading", align: "right", wrap: true },
    { value: "Actual tokens", style: "heading", align: "right", wrap: true },
    { value: "Budget for the days covered", style: "heading", align: "right", wrap: true },
    { value: "Variance", style: "heading", align: "right" },
    { value: "Variance %", style: "heading", align: "right" },
  ]);
  const own = periodRow(d);
  const inputMonths = d.variance ?? [];
  const variance: DashboardVarianceCells[] = months.map((m, i) => {
    const row = firstMonth + i;
    const [B, C, D, E] = [COL.value, COL.c, COL.d, COL.e].map((c) => abs(row, c));
    const k = inputMonths[i].budgetIndex;
    const budgeted: Cell =
      linked && k !== undefined
        ? {
            formula: budgetReference(options.budgetSheetName!, k, options.budgetMonthlyRef),
            result: m.budgeted,
            format: tokensFormat(m.budgeted),
            note: `Month ${k + 1} of the budget sheet.`,
          }
        : { value: m.budgeted, style: "input", format: tokensFormat(m.budgeted) };
    const isOwn = i === own;
    const followsConsumed = isOwn && m.actual === res.consumed;
    const actual: Cell = followsConsumed
      ? {
          formula: `=${consumedRef}`,
          result: orBlank(m.actual),
          format: tokensFormat(m.actual ?? 0),
          note: "The period's total consumed, above.",
        }
      : m.actual === null
        ? blankInput(TOKENS_FORMAT)
        : { value: m.actual, style: "input", format: tokensFormat(m.actual) };
    const compared = isOwn ? `${B}*${ref.elapsed}/${ref.days}` : B;
    b.row(row, 0, [
      { value: m.month, style: "label", format: TEXT_FORMAT },
      budgeted,
      actual,
      {
        formula: `=IF(${C}="","",${compared})`,
        result: orBlank(m.compared),
        format: tokensFormat(m.compared ?? 0),
        ...(isOwn ? { note: "The month's budget pro-rated to the days the data covers (all of it for a whole month)." } : {}),
      },
      { formula: `=IF(${C}="","",${C}-${D})`, result: orBlank(m.variance), format: tokensFormat(m.variance ?? 0) },
      {
        formula: `=IF(OR(${C}="",${D}="",${D}=0),"",${E}/${D})`,
        result: orBlank(m.varianceShare),
        format: PERCENT_FORMAT,
        align: "right",
      },
    ]);
    if (isOwn) {
      b.put(row, COL.g, {
        formula: `=IF(${ref.elapsed}<${ref.days},"partial ("&${ref.elapsed}&" of "&${ref.days}&" days): budget pro-rated","")`,
        result: m.partial ? `${res.coverage}: budget pro-rated` : "",
        style: "note",
      });
    }
    return {
      month: a1(row, COL.label),
      budgeted: a1(row, COL.value),
      actual: a1(row, COL.c),
      compared: a1(row, COL.d),
      variance: a1(row, COL.e),
      varianceShare: a1(row, COL.f),
      marker: a1(row, COL.g),
    };
  });
  let varianceTotal: DashboardVarianceCells | undefined;
  if (months.length > 0 && res.varianceTotal) {
    const t = res.varianceTotal;
    const row = varianceTotalRow;
    const [C, D, E] = [COL.c, COL.d, COL.e].map((c) => abs(row, c));
    const column = (col: number) => `${abs(firstMonth, col)}:${abs(row - 1, col)}`;
    b.row(row, 0, [
      { value: "Total", style: "total" },
      { formula: `=SUM(${column(COL.value)})`, result: t.budgeted, style: "total", format: tokensFormat(t.budgeted) },
      { formula: `=IF(COUNT(${column(COL.c)})=0,"",SUM(${column(COL.c)}))`, result: orBlank(t.actual), style: "total", format: tokensFormat(t.actual ?? 0) },
      {
        formula: `=IF(${C}="","",SUM(${column(COL.d)}))`,
        result: orBlank(t.compared),
        style: "total",
        format: tokensFormat(t.compared ?? 0),
        note: "The budgets of the months that have an actual.",
      },
      { formula: `=IF(${C}="","",${C}-${D})`, result: orBlank(t.variance), style: "total", format: tokensFormat(t.variance ?? 0) },
      { formula: `=IF(OR(${C}="",${D}="",${D}=0),"",${E}/${D})`, result: orBlank(t.varianceShare), style: "total", format: PERCENT_FORMAT, align: "right" },
    ]);
    varianceTotal = {
      month: a1(row, COL.label),
      budgeted: a1(row, COL.value),
      actual: a1(row, COL.c),
      compared: a1(row, COL.d),
      variance: a1(row, COL.e),
      varianceShare: a1(row, COL.f),
      marker: a1(row, COL.g),
    };
    // Over budget in red, under in green: both columns read the variance (column fixed, row relative);
    // an empty variance ("" is text, which compares above any number) is never coloured.
    const range = rangeA1(firstMonth, COL.e, months.length + 1, 2);
    const variance0 = `$${columnLetters(COL.e)}${firstMonth + 1}`;
    b.highlight({ range, formula: `=AND(ISNUMBER(${variance0}),${variance0}>0)`, style: "bad" });
    b.highlight({ range, formula: `=AND(ISNUMBER(${variance0}),${variance0}<0)`, style: "good" });
  }
  const source = linked
    ? `Budgets read from the ${options.budgetSheetName} sheet (its forecast consumption) where the month is in its plan, else typed. Actuals are typed, and empty until known (the period's own month follows Total consumed); a month without an actual has no variance. Variance = actual − budget for the days covered: positive is over budget.`
    : "Budgets typed. Actuals are typed, and empty until known (the period's own month follows Total consumed); a month without an actual has no variance. Variance = actual − budget for the days covered: positive is over budget.";
  b.put(varianceNote, COL.label, { value: source, style: "note", wrap: true });
  b.merge(rangeA1(varianceNote, COL.label, 1, 7));
  inputMonths.forEach((m, i) => {
    const row = firstMonth + i;
    // Only typed cells take a validation: a budget read from the budget sheet and the own month's actual (=Consumed) are formulas.
    const followsConsumed = i === own && m.actual === res.consumed;
    const cells = [linked && m.budgetIndex !== undefined ? -1 : COL.value, followsConsumed ? -1 : COL.c].filter((c) => c >= 0);
    for (const c of cells) b.validate({ range: a1(row, c), type: "decimal", min: 0, prompt: "Tokens, 0 or more; leave an actual empty until it is known." });
  });

  // Planning rules: the trend threshold, then the health and advice bands.
  b.put(rulesHeading, COL.label, { value: "Planning rule: weekly trend", style: "heading" });
  b.merge(rangeA1(rulesHeading, COL.label, 1, 6));
  b.put(thresholdRow, COL.label, { value: "Rising or falling beyond a weekly change of", style: "label" });
  b.put(thresholdRow, COL.value, { value: TREND_RULE.threshold, style: "input", format: PERCENT_FORMAT });
  note(thresholdRow, "of the week before");
  b.validate({ range: a1(thresholdRow, COL.value), type: "decimal", min: 0, prompt: "A share of the week before: 10% is 0.1." });

  const layout: DashboardLayout = {
    period: a1(ROW.period, COL.value),
    allocation: a1(ROW.allocation, COL.value),
    committed: a1(ROW.committed, COL.value),
    daysElapsed: a1(ROW.elapsed, COL.value),
    daysInPeriod: a1(ROW.days, COL.value),
    coverage: a1(ROW.coverage, COL.value),
    tokensAvailable: a1(ROW.tokensAvailable, COL.value),
    consumed: a1(ROW.consumed, COL.value),
    remaining: a1(ROW.remaining, COL.value),
    available: a1(ROW.available, COL.value),
    utilisation: a1(ROW.utilisation, COL.value),
    projected: a1(ROW.projected, COL.value),
    projectedUtilisation: a1(ROW.projectedUtilisation, COL.value),
    projectedOverage: a1(ROW.projectedOverage, COL.value),
    health: a1(ROW.health, COL.value),
    advice: a1(ROW.advice, COL.value),
    features,
    ...(res.breakdown ? {} : { noBreakdown: a1(noBreakdownRow, COL.label) }),
    weeks,
    trend: a1(trendRow, COL.value),
    trendThreshold: a1(thresholdRow, COL.value),
    variance,
    ...(varianceTotal ? { varianceTotal } : {}),
    rules,
  };
  for (const [name, where, comment] of DASHBOARD_NAMES(layout)) b.define(name, where, comment);
  b.freezePanes(1, 0);
  b.printOn({ kind: "Usage dashboard", name: d.period, detail: `${card.card.name} card, ${card.card.date}`, pagesTall: 2, titleRows: "1:1" });
  return { model: b.build(), layout, result: res };
}
