/**
 * The sheets a workbook can hold, by kind, and the presets that fill them. The command line's
 * --sheets and --preset read these registries; a new sheet builder joins by adding its kind, a new
 * preset by adding an entry (the ids are the taskpane's). What a sheet is built from when the
 * preset is of another kind is decided by ./inputs.ts.
 * Pure: no file system, so the taskpane could use them too.
 */
import { profileOf } from "../core/annual-plan";
import { BUDGET_PRESETS } from "../core/budget-presets";
import { DASHBOARD_PRESETS } from "../core/dashboard-presets";
import { CALCULATOR_PRESETS, findPreset } from "../core/presets";
import { buildBudgetSheet, BUDGET_SHEET_NAME } from "../sheets/budget";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../sheets/calculator";
import { buildDashboardSheet, DASHBOARD_SHEET_NAME } from "../sheets/dashboard";
import { uniqueSheetName, type SheetModel } from "../sheets/model";
import { type Plan } from "./plan-file";
import { workbookInputs, type WorkbookInputs, type WorkbookOptions } from "./inputs";

export interface SheetContext {
  /** The sheet name given to each kind in this workbook, so one sheet can refer to another ('Annual Budget'!MonthlyTokens). */
  readonly sheetNames: ReadonlyMap<string, string>;
}

export const SHEET_KIND_IDS = ["calculator", "budget", "dashboard"] as const;
export type SheetKindId = (typeof SHEET_KIND_IDS)[number];

export interface SheetKind {
  readonly id: SheetKindId;
  /** What the sheet is, for --help and messages. */
  readonly label: string;
  /** The sheet's name in the workbook. */
  readonly sheetName: string;
  readonly build: (inputs: WorkbookInputs, sheetName: string, context: SheetContext) => SheetModel;
}

export const SHEET_KINDS: readonly SheetKind[] = [
  {
    id: "calculator",
    label: "token calculator (the notes' quick estimate)",
    sheetName: CALCULATOR_SHEET_NAME,
    build: (inputs, sheetName) => buildCalculatorSheet(inputs.profile, { sheetName }),
  },
  {
    id: "budget",
    label: "annual budget (twelve months: growth, season, top-ups, no carryover)",
    sheetName: BUDGET_SHEET_NAME,
    build: (inputs, sheetName) => buildBudgetSheet(inputs.budget!.plan, { sheetName }),
  },
  {
    id: "dashboard",
    label: "usage dashboard (a month's actuals, health, actual vs budget)",
    sheetName: DASHBOARD_SHEET_NAME,
    build: (inputs, sheetName, context) =>
      buildDashboardSheet(inputs.dashboard!.input, { sheetName, ...(inputs.linked ? { budgetSheetName: context.sheetNames.get("budget")! } : {}) }),
  },
];

export const availableSheetKinds = (): readonly SheetKind[] => SHEET_KINDS;

export interface PlanPreset {
  readonly id: string;
  readonly label: string;
  /** The sheet kind the preset is an example of. */
  readonly kind: SheetKindId;
  readonly plan: Plan;
  /** The sheets written when --sheets is not given. */
  readonly sheets: readonly SheetKindId[];
}

/**
 * The organisation of each dashboard preset, whose profile fills the calculator and the flat budget
 * beside it: the notes' March 2026 dashboard is the mid-market center's month (50,000 = 200 x 250).
 */
const DASHBOARD_ORGANISATION: Readonly<Record<string, string>> = { "march-2026": "mid-market" };

function organisation(dashboardId: string) {
  const preset = findPreset(DASHBOARD_ORGANISATION[dashboardId] ?? "");
  if (!preset) throw new Error(`The dashboard preset "${dashboardId}" names no calculator preset as its organisation.`);
  return preset.profile;
}

export const PLAN_PRESETS: readonly PlanPreset[] = [
  ...CALCULATOR_PRESETS.map((p) => ({ id: p.id, label: p.label, kind: "calculator" as const, plan: { profile: p.profile }, sheets: ["calculator" as const] })),
  ...BUDGET_PRESETS.map((p) => ({ id: p.id, label: p.label, kind: "budget" as const, plan: { profile: profileOf(p.plan), budget: p.plan }, sheets: ["budget" as const] })),
  ...DASHBOARD_PRESETS.map((p) => ({
    id: p.id,
    label: p.label,
    kind: "dashboard" as const,
    plan: { profile: organisation(p.id), dashboard: p.dashboard },
    sheets: ["dashboard" as const],
  })),
];

export const availablePresets = (): readonly PlanPreset[] => PLAN_PRESETS;

/** A registry lookup that failed, with the sentence to show. */
export class LookupError extends Error {
  override readonly name = "LookupError";
}

export function findPlanPreset(id: string): PlanPreset {
  const wanted = id.trim().toLowerCase();
  const preset = PLAN_PRESETS.find((p) => p.id === wanted);
  if (!preset) throw new LookupError(`unknown preset "${id}". Available presets: ${PLAN_PRESETS.map((p) => p.id).join(", ")}.`);
  return preset;
}

/** The sheet kinds of a --sheets list ("calculator,budget"), in order, each once. */
export function resolveSheetKinds(ids: readonly string[]): SheetKind[] {
  const available = SHEET_KINDS.map((k) => k.id).join(", ");
  const out: SheetKind[] = [];
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    if (id === "") continue;
    const kind = SHEET_KINDS.find((k) => k.id === id);
    if (!kind) throw new LookupError(`unknown sheet kind "${raw.trim()}". Available sheets: ${available}.`);
    if (!out.includes(kind)) out.push(kind);
  }
  if (out.length === 0) throw new LookupError(`no sheet to write. Available sheets: ${available}.`);
  return out;
}

/** The sheets of a plan when --sheets is not given: the calculator, and a sheet for each section the plan has. */
export function defaultSheets(plan: Plan, usage: boolean): SheetKindId[] {
  const out: SheetKindId[] = ["calculator"];
  if (plan.budget) out.push("budget");
  if (plan.dashboard || usage) out.push("dashboard");
  return out;
}

/** The sheet names of the kinds in one workbook, each unique. */
function sheetNamesOf(kinds: readonly SheetKind[]): Map<string, string> {
  const sheetNames = new Map<string, string>();
  for (const k of kinds) sheetNames.set(k.id, uniqueSheetName(k.sheetName, sheetNames.values()));
  return sheetNames;
}

/** Builds the sheets of the kinds from their inputs (workbookInputs), each with a name unique in the workbook. */
export function buildSheetsFrom(inputs: WorkbookInputs, kinds: readonly SheetKind[]): SheetModel[] {
  const sheetNames = sheetNamesOf(kinds);
  const context: SheetContext = { sheetNames };
  return kinds.map((k) => k.build(inputs, sheetNames.get(k.id)!, context));
}

/** Builds the sheets of the kinds from a plan, by the rules of ./inputs.ts. */
export function buildSheets(plan: Plan, kinds: readonly SheetKind[], options: WorkbookOptions = { today: new Date() }): SheetModel[] {
  return buildSheetsFrom(
    workbookInputs(
      plan,
      kinds.map((k) => k.id),
      options,
    ),
    kinds,
  );
}
