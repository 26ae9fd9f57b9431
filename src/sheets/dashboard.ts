/**
 * The usage dashboard sheet: the notes' "Token Usage Dashboard" for one period as a working
 * worksheet, with the monthly actual-vs-budget variance table of the monthly review. Allocation,
 * actuals per feature and per week, and the days are input-styled cells; every result is a native
 * Excel formula over them and over the planning rules written on the same sheet, and carries the
 * value computeDashboard gives as its cached result. User text (the period, month labels) is
 * written as plain text values; feature names come from the rate card.
 *
 * Layout (1-based rows; the tables grow with the number of features, weeks and months):
 *
 *   A1        title                       B2  period (text)          B3  rate card
 *   B6        allocation for the period   B7  days elapsed           B8  days in the period
 *   B11       total consumed       -> Consumed
 *   B12       remaining            -> Remaining          B13  % available
 *   B14       utilisation          -> Utilization
 *   B15       projected month-end  -> ProjectedMonthEnd  B16  projected utilisation   B17  projected overage
 *   B18       health of the projection -> Health (coloured by conditional formats)
 *   B19       recommendation (the advice band of the projected utilisation)
 *   row 21 on consumption by feature: A name (card), B tokens (input), C share; then the pie chart's data
 *   then the weekly trend: A week, B tokens (input), C change, D change %; the trend word below
 *   then the monthly actual vs budget: A month (text), B budgeted (input, or a formula on the budget
 *   sheet), C actual (input, or =Consumed for the period's own month), D variance, E variance %; total row
 *   then the planning rules: trend threshold, health bands and advice bands (editable cells).
 *   Chart: a pie of consumption by feature at G2.
 */
import { getCard } from "../core/cards";
import { InputError } from "../core/errors";
import { computeDashboard, TREND_RULE, type DashboardResult, type UsageDashboard } from "../core/usage-dashboard";
import { a1, absA1, columnLetters, parseRange, quoteSheetName, rangeA1 } from "./a1";
import { SheetBuilder } from "./builder";
import { FRACTIONAL_TOKENS_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, TEXT_FORMAT, TOKENS_FORMAT } from "./formats";
import { adviceFormula, healthFormula, highlightHealth, NOT_APPLICABLE, utilisationFormula, writeHealthBlock, type HealthBlock } from "./health-block";
import type { BudgetLayout } from "./budget";
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
  readonly variance: string;
  readonly varianceShare: string;
}

/** Where everything is on a dashboard sheet (A1 addresses without $). */
export interface DashboardLayout {
  readonly period: string;
  readonly allocation: string;
  readonly daysElapsed: string;
  readonly daysInPeriod: string;
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
  ["Consumed", l.consumed, "Tokens consumed in the period: the sum of the features."],
  ["Remaining", l.remaining, "Tokens left of the allocation: max(0, allocation - consumed)."],
  ["Utilization", l.utilisation, "Consumption as a share of the allocation."],
  ["Health", l.health, "GREEN, AMBER or RED: the month-end projection against the allocation."],
  ["ProjectedMonthEnd", l.projected, "Month-end consumption if the pace so far continues."],
];

const COL = { label: 0, value: 1, c: 2, d: 3, e: 4 } as const;
const WIDTHS = [40, 16, 16, 16, 14, 3];
const ROW = {
  title: 0,
  period: 1,
  card: 2,
  inputs: 4,
  allocation: 5,
  elapsed: 6,
  days: 7,
  key: 9,
  consumed: 10,
  remaining: 11,
  available: 12,
  utilisation: 13,
  projected: 14,
  projectedUtilisation: 15,
  projectedOverage: 16,
  health: 17,
  advice: 18,
  featuresHeading: 20,
} as const;
/** Where the chart sits. */
const CHART_ANCHOR = "G2:N19";
/** The weekly trend's chart, under the feature shares. */
const TREND_CHART_ANCHOR = "G21:N38";

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

const sameLabel = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

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
    b.merge(rangeA1(row, COL.c, 1, 3));
  };

  // Heading.
  b.put(ROW.title, 0, { value: "AI Experience token usage dashboard", style: "title" });
  b.merge(rangeA1(ROW.title, 0, 1, 5));
  b.put(ROW.period, COL.label, { value: "Period", style: "label" });
  b.put(ROW.period, COL.value, { value: d.period, style: "input", format: TEXT_FORMAT });
  b.merge(rangeA1(ROW.period, COL.value, 1, 2));
  b.put(ROW.card, COL.label, { value: "Rate card (feature names)", style: "label" });
  b.put(ROW.card, COL.value, { value: `${card.card.name} (${card.id}), dated ${card.card.date}`, style: "subtitle", note: card.card.description });
  b.merge(rangeA1(ROW.card, COL.value, 1, 4));

  // Inputs.
  b.put(ROW.inputs, COL.label, { value: "Inputs", style: "heading" });
  const input = (row: number, label: string, cell: Cell, hint: string) => {
    b.put(row, COL.label, { value: label, style: "label" });
    b.put(row, COL.value, { style: "input", ...cell });
    note(row, hint);
  };
  input(ROW.allocation, "Allocation for the period (tokens)", { value: d.allocation, format: tokensFormat(d.allocation) }, "monthly allocation plus any top-up bought for the period");
  input(ROW.elapsed, "Days elapsed", { value: d.daysElapsed, format: INTEGER_FORMAT }, "equal to the days in the period once it is over");
  input(ROW.days, "Days in the period", { value: d.daysInPeriod, format: INTEGER_FORMAT }, "31 for March; the projection scales the pace so far to it");
  b.validate({ range: a1(ROW.allocation, COL.value), type: "decimal", min: 0, prompt: "Tokens allocated for the period, more than 0." });
  b.validate({ range: a1(ROW.elapsed, COL.value), type: "decimal", min: 0, prompt: "Days of the period elapsed so far." });
  b.validate({ range: a1(ROW.days, COL.value), type: "decimal", min: 0, prompt: "Days in the period (31 for March)." });
  const ref = { allocation: V(ROW.allocation), elapsed: V(ROW.elapsed), days: V(ROW.days) };

  // Where the tables go: features, weeks, variance, rules.
  const featuresHeader = ROW.featuresHeading + 1;
  const firstFeature = featuresHeader + 1;
  const lastFeature = firstFeature + d.features.length - 1;
  const weeksHeading = lastFeature + 2;
  const weeksHeader = weeksHeading + 1;
  const firstWeek = weeksHeader + 1;
  const trendRow = firstWeek + d.weekly.length;
  const varianceHeading = trendRow + 2;
  const varianceHeader = varianceHeading + 1;
  const firstMonth = varianceHeader + 1;
  const months = res.variance;
  const varianceTotalRow = firstMonth + months.length;
  const varianceNote = varianceTotalRow + (months.length > 0 ? 1 : 0);
  const rulesHeading = varianceNote + 2;
  const thresholdRow = rulesHeading + 1;
  const rules = writeHealthBlock(b, { row: thresholdRow + 2, col: COL.label });
  const thresholdRef = abs(thresholdRow, COL.value);

  // Key figures.
  b.put(ROW.key, COL.label, { value: "Key figures", style: "heading" });
  const keyFigure = (row: number, label: string, how: string, cell: Cell) => {
    b.put(row, COL.label, { value: label, style: row === ROW.consumed ? "total" : "label", bold: true });
    b.put(row, COL.value, cell);
    if (how) note(row, how);
  };
  const consumedRef = V(ROW.consumed);
  const featureTokens = `${abs(firstFeature, COL.value)}:${abs(lastFeature, COL.value)}`;
  keyFigure(ROW.consumed, "Total consumed", "sum of the features below", { formula: `=SUM(${featureTokens})`, result: res.consumed, style: "total", format: tokensFormat(res.consumed) });
  keyFigure(ROW.remaining, "Remaining", "max(0, allocation − consumed): unused tokens do not carry over", {
    formula: `=MAX(0,${ref.allocation}-${consumedRef})`,
    result: res.remaining,
    style: "output",
    format: tokensFormat(res.remaining),
  });
  keyFigure(ROW.available, "% available", "remaining ÷ allocation", {
    formula: `=IF(${ref.allocation}=0,"${NOT_APPLICABLE}",${V(ROW.remaining)}/${ref.allocation})`,
    result: res.available,
    style: "output",
    format: PERCENT_FORMAT,
    align: "right",
  });
  keyFigure(ROW.utilisation, "Utilisation", "consumed ÷ allocation (40-80% is the good range)", {
    formula: `=${utilisationFormula({ total: consumedRef, allocation: ref.allocation })}`,
    result: res.utilisation,
    style: "output",
    format: PERCENT_FORMAT,
    align: "right",
  });
  keyFigure(ROW.projected, "Projected month-end consumption", "consumed ÷ days elapsed × days in the period (the consumption itself once the period is over)", {
    formula: `=IF(${ref.elapsed}>=${ref.days},${consumedRef},${consumedRef}/${ref.elapsed}*${ref.days})`,
    result: res.projected,
    style: "output",
    format: TOKENS_FORMAT,
  });
  const projectedRef = V(ROW.projected);
  const projectedUtilRef = V(ROW.projectedUtilisation);
  keyFigure(ROW.projectedUtilisation, "Projected utilisation", "projected month-end ÷ allocation", {
    formula: `=${utilisationFormula({ total: projectedRef, allocation: ref.allocation })}`,
    result: res.projectedUtilisation,
    style: "output",
    format: PERCENT_FORMAT,
    align: "right",
  });
  keyFigure(ROW.projectedOverage, "Projected overage", "max(0, projected − allocation): billed at month end", {
    formula: `=MAX(0,${projectedRef}-${ref.allocation})`,
    result: res.projectedOverage,
    style: "output",
    format: TOKENS_FORMAT,
  });
  const status = { total: projectedRef, allocation: ref.allocation, utilisation: projectedUtilRef };
  keyFigure(ROW.health, "Health (of the month-end projection)", "GREEN / AMBER / RED by the thresholds below", {
    formula: `=${healthFormula(rules, status)}`,
    result: res.health,
    style: "output",
    bold: true,
    align: "center",
  });
  highlightHealth(b, a1(ROW.health, COL.value), rules);
  b.put(ROW.advice, COL.label, { value: "Recommendation", style: "label", bold: true });
  b.put(ROW.advice, COL.value, { formula: `=${adviceFormula(rules, status)}`, result: res.advice, style: "output", wrap: true });
  b.merge(rangeA1(ROW.advice, COL.value, 1, 4));

  // Consumption by feature.
  b.put(ROW.featuresHeading, COL.label, { value: "Consumption by feature", style: "heading" });
  b.row(featuresHeader, 0, [
    { value: "Feature", style: "heading" },
    { value: "Tokens", style: "heading", align: "right" },
    { value: "Share", style: "heading", align: "right" },
  ]);
  const features: DashboardFeatureCells[] = res.features.map((f, i) => {
    const row = firstFeature + i;
    b.row(row, 0, [
      { value: f.name, style: "label" },
      { value: f.tokens, style: "input", format: tokensFormat(f.tokens) },
      { formula: `=IF(${consumedRef}=0,0,${abs(row, COL.value)}/${consumedRef})`, result: f.share, style: "calculation", format: PERCENT_FORMAT },
    ]);
    return { feature: f.feature, tokens: a1(row, COL.value), share: a1(row, COL.c) };
  });
  b.validate({ range: rangeA1(firstFeature, COL.value, d.features.length, 1), type: "decimal", min: 0, prompt: "Tokens consumed in the period, 0 or more." });
  b.chart({
    type: "pie",
    title: `Consumption by feature, ${d.period}`,
    categories: rangeA1(firstFeature, COL.label, d.features.length, 1),
    series: [{ name: "Tokens", values: rangeA1(firstFeature, COL.value, d.features.length, 1) }],
    anchor: CHART_ANCHOR,
  });

  // Weekly trend.
  b.put(weeksHeading, COL.label, { value: "Weekly trend", style: "heading" });
  b.row(weeksHeader, 0, [
    { value: "Week", style: "heading" },
    { value: "Tokens", style: "heading", align: "right" },
    { value: "Change", style: "heading", align: "right" },
    { value: "Change %", style: "heading", align: "right" },
  ]);
  const weeks: DashboardWeekCells[] = res.weeks.map((w, i) => {
    const row = firstWeek + i;
    const cells: (Cell | null)[] = [
      { value: `Week ${w.week}`, style: "label" },
      { value: w.tokens, style: "input", format: tokensFormat(w.tokens) },
    ];
    if (i > 0) {
      const before = abs(row - 1, COL.value);
      cells.push(
        { formula: `=${abs(row, COL.value)}-${before}`, result: w.change, style: "calculation", format: tokensFormat(w.change ?? 0) },
        { formula: `=IF(${before}=0,"",${abs(row, COL.c)}/${before})`, result: orBlank(w.changeShare), style: "calculation", format: PERCENT_FORMAT, align: "right" },
      );
    }
    b.row(row, 0, cells);
    return { tokens: a1(row, COL.value), change: a1(row, COL.c), changeShare: a1(row, COL.d) };
  });
  if (d.weekly.length > 0) {
    b.validate({ range: rangeA1(firstWeek, COL.value, d.weekly.length, 1), type: "decimal", min: 0, prompt: "Tokens consumed in the week, 0 or more." });
    b.chart({
      type: "column",
      title: `Weekly consumption, ${d.period}`,
      categories: rangeA1(firstWeek, COL.label, d.weekly.length, 1),
      series: [{ name: "Tokens", values: rangeA1(firstWeek, COL.value, d.weekly.length, 1) }],
      anchor: TREND_CHART_ANCHOR,
    });
  }
  b.put(trendRow, COL.label, { value: "Trend (the last week against the week before)", style: "label", bold: true });
  if (d.weekly.length >= 2) {
    const before = abs(trendRow - 2, COL.value);
    const change = abs(trendRow - 1, COL.c);
    b.put(trendRow, COL.value, {
      formula: `=IF(${change}>${thresholdRef}*${before},"rising",IF(${change}<-${thresholdRef}*${before},"falling","stable"))`,
      result: res.trend,
      style: "output",
      align: "center",
    });
  } else {
    b.put(trendRow, COL.value, { value: res.trend, style: "output", align: "center" });
  }
  note(trendRow, "rising or falling when the last week moves by more than the threshold below");

  // Monthly actual vs budget.
  const linked = options.budgetSheetName !== undefined;
  b.put(varianceHeading, COL.label, { value: "Monthly actual vs budget", style: "heading" });
  b.row(varianceHeader, 0, [
    { value: "Month", style: "heading" },
    { value: "Budgeted tokens", style: "heading", align: "right", wrap: true },
    { value: "Actual tokens", style: "heading", align: "right", wrap: true },
    { value: "Variance", style: "heading", align: "right" },
    { value: "Variance %", style: "heading", align: "right" },
  ]);
  const varianceRow = (row: number, label: Cell, budgeted: Cell, actual: Cell, m: { variance: number; varianceShare: number | null }, total: boolean): DashboardVarianceCells => {
    const B = abs(row, COL.value);
    const C = abs(row, COL.c);
    const D = abs(row, COL.d);
    b.row(row, 0, [
      label,
      budgeted,
      actual,
      { formula: `=${C}-${B}`, result: m.variance, style: total ? "total" : "calculation", format: tokensFormat(m.variance) },
      { formula: `=IF(${B}=0,"",${D}/${B})`, result: orBlank(m.varianceShare), style: total ? "total" : "calculation", format: PERCENT_FORMAT, align: "right" },
    ]);
    return { month: a1(row, COL.label), budgeted: a1(row, COL.value), actual: a1(row, COL.c), variance: a1(row, COL.d), varianceShare: a1(row, COL.e) };
  };
  const inputMonths = d.variance ?? [];
  const variance: DashboardVarianceCells[] = months.map((m, i) => {
    const row = firstMonth + i;
    const k = inputMonths[i].budgetIndex;
    const budgeted: Cell = linked && k !== undefined
      ? { formula: budgetReference(options.budgetSheetName!, k, options.budgetMonthlyRef), result: m.budgeted, style: "calculation", format: tokensFormat(m.budgeted), note: `Month ${k + 1} of the budget sheet.` }
      : { value: m.budgeted, style: "input", format: tokensFormat(m.budgeted) };
    const isPeriod = sameLabel(m.month, d.period) && m.actual === res.consumed;
    const actual: Cell = isPeriod
      ? { formula: `=${consumedRef}`, result: m.actual, style: "calculation", format: tokensFormat(m.actual), note: "The period's total consumed, above." }
      : { value: m.actual, style: "input", format: tokensFormat(m.actual) };
    return varianceRow(row, { value: m.month, style: "label", format: TEXT_FORMAT }, budgeted, actual, m, false);
  });
  let varianceTotal: DashboardVarianceCells | undefined;
  if (months.length > 0 && res.varianceTotal) {
    const t = res.varianceTotal;
    const sum = (col: number) => `=SUM(${abs(firstMonth, col)}:${abs(varianceTotalRow - 1, col)})`;
    varianceTotal = varianceRow(
      varianceTotalRow,
      { value: "Total", style: "total" },
      { formula: sum(COL.value), result: t.budgeted, style: "total", format: tokensFormat(t.budgeted) },
      { formula: sum(COL.c), result: t.actual, style: "total", format: tokensFormat(t.actual) },
      t,
      true,
    );
    // Over budget in red, under in green: both columns read the variance (column fixed, row relative).
    const range = rangeA1(firstMonth, COL.d, months.length + 1, 2);
    const variance0 = `$${columnLetters(COL.d)}${firstMonth + 1}`;
    b.highlight({ range, formula: `=${variance0}>0`, style: "bad" });
    b.highlight({ range, formula: `=${variance0}<0`, style: "good" });
  }
  const source = linked
    ? `Budgets read from the ${options.budgetSheetName} sheet (its forecast consumption) where the month is in its plan, else typed; actuals typed (the period's own month follows Total consumed). Variance = actual − budget: positive is over budget.`
    : "Budgets and actuals typed (the period's own month follows Total consumed). Variance = actual − budget: positive is over budget.";
  b.put(varianceNote, COL.label, { value: source, style: "note" });
  b.merge(rangeA1(varianceNote, COL.label, 1, 5));
  inputMonths.forEach((m, i) => {
    const row = firstMonth + i;
    const cells = [linked && m.budgetIndex !== undefined ? -1 : COL.value, COL.c].filter((c) => c >= 0);
    for (const c of cells) b.validate({ range: a1(row, c), type: "decimal", min: 0, prompt: "Tokens, 0 or more." });
  });

  // Planning rules: the trend threshold, then the health and advice bands.
  b.put(rulesHeading, COL.label, { value: "Planning rule: weekly trend", style: "heading" });
  b.merge(rangeA1(rulesHeading, COL.label, 1, 5));
  b.put(thresholdRow, COL.label, { value: "Rising or falling beyond a weekly change of", style: "label" });
  b.put(thresholdRow, COL.value, { value: TREND_RULE.threshold, style: "input", format: PERCENT_FORMAT });
  note(thresholdRow, "of the week before");
  b.validate({ range: a1(thresholdRow, COL.value), type: "decimal", min: 0, prompt: "A share of the week before: 10% is 0.1." });

  const layout: DashboardLayout = {
    period: a1(ROW.period, COL.value),
    allocation: a1(ROW.allocation, COL.value),
    daysElapsed: a1(ROW.elapsed, COL.value),
    daysInPeriod: a1(ROW.days, COL.value),
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
