/**
 * The usage dashboard form as data: what the analyst typed (text, exactly as typed), how it becomes a
 * core UsageDashboard, and the pure state changes of the form. No DOM here: dashboard-panel.ts only
 * copies these values in and out of the inputs.
 *
 * Rules of the form, beside the core's (computeDashboard):
 *  - A feature left blank or at 0 is not on the dashboard; the others are listed largest first.
 *  - Weeks are taken up to the last one typed; a blank week before it is a problem (type 0).
 *  - A variance row needs a month label and its budgeted tokens; an actual left blank is a month
 *    without an actual yet (no variance is shown for it, nothing is made up).
 *  - Committed tokens left blank are the rate card's a month (a contract card's; none on the shipped
 *    cards), and the sheet names the contract as their source; a typed figure, 0 included, wins.
 *  - When a budget sheet was inserted in this session and "read budgets from it" is on, the rows whose
 *    month is in that budget take their budget from it (the dashboard sheet links to its cells).
 */
import type { CompiledCard } from "../core/card-registry";
import { getCard } from "../core/cards";
import { committedTokens } from "../core/contract-card";
import { findDashboardPreset, DASHBOARD_PRESETS } from "../core/dashboard-presets";
import { InputError } from "../core/errors";
import { checkInput, INPUT_RULES } from "../core/input-rules";
import type { FieldProblem } from "../core/estimate";
import { monthKey, monthLabel, parseMonthLabel } from "../core/calendar";
import {
  ALL_FEATURES,
  computeDashboard,
  MAX_VARIANCE_MONTHS,
  MAX_WEEKS,
  OTHER_FEATURE,
  type FeatureActual,
  type PlanMonths,
  type UsageDashboard,
  type VarianceMonth,
} from "../core/usage-dashboard";
import { cardOf, CHOICES, CUSTOM_PRESET, numberReader, onePerField, presetChoices, replaceAt } from "./form";

export { CUSTOM_PRESET };

export interface VarianceValues {
  readonly month: string;
  readonly budgeted: string;
  readonly actual: string;
}

export interface DashboardFormValues {
  /** A preset id of DASHBOARD_PRESETS, or CUSTOM_PRESET. */
  readonly preset: string;
  readonly period: string;
  readonly card: string;
  readonly allocation: string;
  /** Committed (prepaid) tokens of the period; blank is the card's (a contract's), 0 is none. */
  readonly committed: string;
  /** Tokens by feature id (of any card: values of features not on the chosen card are kept, not used). */
  readonly features: Readonly<Record<string, string>>;
  /** MAX_WEEKS entries, week 1 first; blank at the end for weeks not counted. */
  readonly weekly: readonly string[];
  readonly daysElapsed: string;
  readonly daysInPeriod: string;
  readonly variance: readonly VarianceValues[];
  /** Read the budgets of the months in the inserted budget sheet from it (when there is one). */
  readonly linkBudget: boolean;
  /** The variance rows are a preset's example figures (cleared once one of them is edited). */
  readonly varianceExample: boolean;
}

export type DashboardFieldPath =
  | "preset"
  | "period"
  | "card"
  | "allocation"
  | "committed"
  | "daysElapsed"
  | "daysInPeriod"
  | "linkBudget"
  /** Group-level problems: no feature typed; the core's own check of the whole dashboard. */
  | "features"
  | "dashboard"
  | `features.${string}`
  | `weekly.${number}`
  | `variance.${number}.month`
  | `variance.${number}.budgeted`
  | `variance.${number}.actual`;

/** The id of a field's input element: "d-allocation", "d-features-copilot", "d-variance-0-month". */
export const dashboardInputId = (path: DashboardFieldPath): string => `d-${path.replace(/\./g, "-")}`;

/** The budget sheet inserted in this session, as the form needs it. */
export interface LinkedBudget {
  readonly sheetName: string;
  readonly plan: PlanMonths;
}

/** The features a card's dashboard offers: every feature that costs tokens, "Other AI tokens", and "All AI features" (an export's total without features). */
export function dashboardFeatures(card: CompiledCard): { readonly id: string; readonly name: string }[] {
  return [
    ...card.card.features.filter((f) => !f.included).map((f) => ({ id: f.id, name: f.name })),
    { id: OTHER_FEATURE.id, name: OTHER_FEATURE.name },
    { id: ALL_FEATURES.id, name: ALL_FEATURES.name },
  ];
}

const blankWeeks = (): string[] => Array.from({ length: MAX_WEEKS }, () => "");

/** The form filled from a dashboard (a preset's, or one made from an import). */
export function dashboardFormFromData(d: UsageDashboard, preset: string = CUSTOM_PRESET, linkBudget = true): DashboardFormValues {
  const features: Record<string, string> = {};
  for (const f of d.features) features[f.feature] = f.tokens === null ? "" : String(f.tokens);
  const weekly = blankWeeks();
  d.weekly.slice(0, MAX_WEEKS - ((d.firstWeek ?? 1) - 1)).forEach((w, i) => (weekly[i + (d.firstWeek ?? 1) - 1] = w === null ? "" : String(w)));
  return {
    preset,
    period: d.period,
    card: d.card,
    allocation: String(d.allocation),
    // The contract card's committed tokens stay blank: they follow the card chosen.
    committed: d.committed && d.committedFrom !== "contract" ? String(d.committed) : "",
    features,
    weekly,
    daysElapsed: String(d.daysElapsed),
    daysInPeriod: String(d.daysInPeriod),
    variance: (d.variance ?? []).map((m) => ({ month: m.month, budgeted: String(m.budgeted), actual: m.actual === null ? "" : String(m.actual) })),
    linkBudget,
    varianceExample: d.varianceExample === true,
  };
}

export function initialDashboardForm(): DashboardFormValues {
  const first = DASHBOARD_PRESETS[0];
  return dashboardFormFromData(first.dashboard, first.id);
}

export function applyDashboardPreset(v: DashboardFormValues, presetId: string): DashboardFormValues {
  const preset = findDashboardPreset(presetId);
  if (!preset) return { ...v, preset: CUSTOM_PRESET };
  return dashboardFormFromData(preset.dashboard, preset.id, v.linkBudget);
}

/**
 * The month a variance row's label names, as "2026-03": "March 2026", "Mar 2026", "2026-03" (core
 * parseMonthLabel). Undefined for any other text (the row then keeps its typed budget).
 */
export function monthOfLabel(label: string): string | undefined {
  const m = parseMonthLabel(label);
  return m ? monthKey(m.year, m.month) : undefined;
}

/** Where each variance row reads its budget: the month of the linked plan (0-based) or undefined (typed). */
export function budgetLinks(v: Pick<DashboardFormValues, "variance" | "linkBudget">, budget: LinkedBudget | null): (number | undefined)[] {
  if (!budget || !v.linkBudget) return v.variance.map(() => undefined);
  const index = new Map<string, number>();
  budget.plan.months.forEach((m, k) => index.set(monthKey(m.year, m.month), k));
  return v.variance.map((row) => {
    const key = monthOfLabel(row.month);
    return key === undefined ? undefined : index.get(key);
  });
}

export interface ParsedDashboard {
  readonly dashboard: UsageDashboard;
  /** With a linked budget sheet: its name, for the dashboard sheet's formulas. */
  readonly budgetSheetName?: string;
  readonly problems: readonly FieldProblem[];
}

export function parseDashboardForm(v: DashboardFormValues, budget: LinkedBudget | null = null): ParsedDashboard {
  const problems: FieldProblem[] = [];
  const reader = numberReader<DashboardFieldPath>(problems);
  // Every figure of the dashboard is a count: none may be negative.
  const num = (path: DashboardFieldPath, text: string, what: string, blank: number | "required"): number => {
    const x = reader.num(path, text, what, blank);
    if (x < 0) problems.push({ field: path, message: `${what} cannot be negative.` });
    return x;
  };
  const whole = (path: DashboardFieldPath, x: number, what: string): void => {
    if (!Number.isInteger(x)) problems.push({ field: path, message: `${what} must be a whole number.` });
  };

  const card = cardOf(v);
  if (getCard(v.card) instanceof InputError) problems.push({ field: "card", message: `Unknown rate card "${v.card}".` });
  const allocation = num("allocation", v.allocation, "The allocation", "required");
  // Blank: the card's committed tokens a month (a contract's; none on the shipped cards), as the budget takes them.
  const committedTyped = v.committed.trim() !== "";
  const committed = committedTyped ? num("committed", v.committed, "Committed tokens", 0) : committedTokens(card);
  if (allocation === 0 && !problems.some((p) => p.field === "allocation"))
    problems.push({ field: "allocation", message: "The allocation must be more than 0: utilisation and health are measured against it." });

  const features: FeatureActual[] = [];
  dashboardFeatures(card).forEach(({ id, name }) => {
    const tokens = num(`features.${id}`, v.features[id] ?? "", `Tokens of ${name}`, 0);
    if (tokens > 0) features.push({ feature: id, tokens });
  });
  // Largest first, as the notes' dashboard lists them (card order on a tie).
  features.sort((a, b) => (b.tokens ?? 0) - (a.tokens ?? 0));
  if (features.length === 0 && !problems.some((p) => p.field.startsWith("features."))) {
    problems.push({ field: "features", message: "Type the tokens of at least one feature." });
  }

  let lastWeek = -1;
  v.weekly.forEach((w, i) => {
    if (w.trim() !== "") lastWeek = i;
  });
  const weekly: number[] = [];
  for (let i = 0; i <= lastWeek && i < MAX_WEEKS; i++) {
    const text = v.weekly[i] ?? "";
    if (text.trim() === "") {
      problems.push({ field: `weekly.${i}`, message: `Week ${i + 1} is blank while a later week is not: type 0 if nothing was used.` });
      weekly.push(0);
    } else weekly.push(num(`weekly.${i}`, text, `Tokens of week ${i + 1}`, 0));
  }

  const daysInPeriod = num("daysInPeriod", v.daysInPeriod, "Days in the period", "required");
  const daysElapsed = num("daysElapsed", v.daysElapsed, "Days the data covers", "required");
  whole("daysInPeriod", daysInPeriod, "Days in the period");
  whole("daysElapsed", daysElapsed, "Days the data covers");
  // A period's days: a quarter or a 45-day peak, at most a year (the plan file's periodDays rule).
  for (const [path, x, what] of [
    ["daysInPeriod", daysInPeriod, "Days in the period"],
    ["daysElapsed", daysElapsed, "Days the data covers"],
  ] as const)
    if (x > INPUT_RULES.periodDays.max) problems.push({ field: path, message: checkInput("periodDays", x, what)!.message });
  if (daysInPeriod === 0 && !problems.some((p) => p.field === "daysInPeriod"))
    problems.push({ field: "daysInPeriod", message: "The period must have at least one day." });
  if (daysElapsed === 0 && !problems.some((p) => p.field === "daysElapsed"))
    problems.push({ field: "daysElapsed", message: "The data must cover at least one day to project the month end." });
  if (daysElapsed > daysInPeriod && daysInPeriod > 0)
    problems.push({ field: "daysElapsed", message: "The days covered cannot exceed the days in the period." });

  const links = budgetLinks(v, budget);
  const variance: VarianceMonth[] = v.variance.slice(0, MAX_VARIANCE_MONTHS).map((row, i) => {
    if (row.month.trim() === "") problems.push({ field: `variance.${i}.month`, message: "Name the month, e.g. January 2026." });
    const k = links[i];
    const actual = row.actual.trim() === "" ? null : num(`variance.${i}.actual`, row.actual, "Actual tokens", "required");
    if (k !== undefined && budget) return { month: row.month, budgeted: budget.plan.months[k].consumption, actual, budgetIndex: k };
    return { month: row.month, budgeted: num(`variance.${i}.budgeted`, row.budgeted, "Budgeted tokens", "required"), actual };
  });
  const linked = links.some((k) => k !== undefined);

  const dashboard: UsageDashboard = {
    period: v.period,
    card: card.id,
    allocation,
    ...(committed > 0 ? { committed } : {}),
    ...(committed > 0 && !committedTyped ? { committedFrom: "contract" as const } : {}),
    features,
    weekly,
    daysElapsed,
    daysInPeriod,
    variance,
    ...(v.varianceExample ? { varianceExample: true } : {}),
  };
  // Whatever the fields above let through, the core has the last word (it is what the sheet checks).
  if (problems.length === 0) {
    const r = computeDashboard(dashboard);
    if (r instanceof InputError) problems.push({ field: "dashboard", message: r.message });
  }
  return { dashboard, ...(linked && budget ? { budgetSheetName: budget.sheetName } : {}), problems: onePerField(problems) };
}

/** The value of a field as the form holds it ("true"/"false" for the check box). */
export function dashboardFieldValue(v: DashboardFormValues, path: DashboardFieldPath): string {
  const parts = path.split(".");
  switch (parts[0]) {
    case "features":
      return parts.length > 1 ? (v.features[parts[1]] ?? "") : "";
    case "weekly":
      return v.weekly[Number(parts[1])] ?? "";
    case "variance": {
      const row = v.variance[Number(parts[1])];
      return row ? row[parts[2] as keyof VarianceValues] : "";
    }
    case "linkBudget":
      return v.linkBudget ? "true" : "false";
    case "dashboard":
      return "";
    default:
      return v[path as "period"];
  }
}

/** Edits of these fields keep the preset's name in the picker. */
const KEEPS_PRESET: readonly string[] = ["preset", "card", "linkBudget"];

export function editDashboardField(v: DashboardFormValues, path: DashboardFieldPath, text: string): DashboardFormValues {
  if (path === "preset") return applyDashboardPreset(v, text);
  const preset = KEEPS_PRESET.includes(path) ? v.preset : CUSTOM_PRESET;
  const parts = path.split(".");
  const i = Number(parts[1]);
  switch (parts[0]) {
    case "features":
      return parts.length > 1 ? { ...v, preset, features: { ...v.features, [parts[1]]: text } } : v;
    case "weekly":
      return i >= 0 && i < MAX_WEEKS ? { ...v, preset, weekly: replaceAt(v.weekly, i, text) } : v;
    case "variance": {
      const row = v.variance[i];
      return row ? { ...v, preset, varianceExample: false, variance: replaceAt(v.variance, i, { ...row, [parts[2]]: text }) } : v;
    }
    case "linkBudget":
      return { ...v, linkBudget: text === "true" };
    case "dashboard":
      return v;
    default:
      return { ...v, preset, [path]: text };
  }
}

/** Adds a month to the variance table: the month after the last one when its label can be read. */
export function addVarianceMonth(v: DashboardFormValues): DashboardFormValues {
  if (v.variance.length >= MAX_VARIANCE_MONTHS) return v;
  const last = v.variance.length > 0 ? monthOfLabel(v.variance[v.variance.length - 1].month) : undefined;
  let month = "";
  if (last) {
    const y = Number(last.slice(0, 4));
    const m = Number(last.slice(5, 7));
    month = monthLabel(m === 12 ? monthKey(y + 1, 1) : monthKey(y, m + 1));
  }
  return { ...v, preset: CUSTOM_PRESET, varianceExample: false, variance: [...v.variance, { month, budgeted: "", actual: "" }] };
}

export function removeVarianceMonth(v: DashboardFormValues, index: number): DashboardFormValues {
  if (index < 0 || index >= v.variance.length) return v;
  return { ...v, preset: CUSTOM_PRESET, varianceExample: false, variance: v.variance.filter((_, k) => k !== index) };
}

export const DASHBOARD_CHOICES = {
  preset: presetChoices(DASHBOARD_PRESETS),
  card: CHOICES.card,
} as const;
