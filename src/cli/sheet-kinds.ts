/**
 * The sheets a workbook can hold, by kind, and the presets that fill them. The command line's
 * --sheets and --preset read these registries; a new sheet builder joins by giving its kind a
 * `build` function, a new preset by adding an entry (the ids are the taskpane's).
 * Pure: no file system, so the taskpane could use them too.
 */
import { CALCULATOR_PRESETS } from "../core/presets";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../sheets/calculator";
import { uniqueSheetName, type SheetModel } from "../sheets/model";
import type { Plan } from "./plan";

export interface SheetContext {
  /** The sheet name given to each kind in this workbook, so one sheet can refer to another ('Annual Budget'!AnnualTokens). */
  readonly sheetNames: ReadonlyMap<string, string>;
}

export interface SheetKind {
  readonly id: string;
  /** What the sheet is, for --help and messages. */
  readonly label: string;
  /** The sheet's name in the workbook. */
  readonly sheetName: string;
  /** Builds the sheet; undefined while the kind is planned but not built yet. */
  readonly build?: (plan: Plan, sheetName: string, context: SheetContext) => SheetModel;
}

export const SHEET_KINDS: readonly SheetKind[] = [
  {
    id: "calculator",
    label: "token calculator (the notes' quick estimate)",
    sheetName: CALCULATOR_SHEET_NAME,
    build: (plan, sheetName) => buildCalculatorSheet(plan.profile, { sheetName }),
  },
  // Issue 4: the annual budget and the usage dashboard join here with their builders.
  { id: "budget", label: "annual budget", sheetName: "Annual Budget" },
  { id: "dashboard", label: "usage dashboard", sheetName: "Usage Dashboard" },
];

export const availableSheetKinds = (): readonly SheetKind[] => SHEET_KINDS.filter((k) => k.build !== undefined);

export interface PlanPreset {
  readonly id: string;
  readonly label: string;
  /** The plan; undefined while the preset is planned but its sheets are not built yet. */
  readonly plan?: Plan;
  /** The sheets written when --sheets is not given. */
  readonly sheets: readonly string[];
}

export const PLAN_PRESETS: readonly PlanPreset[] = [
  ...CALCULATOR_PRESETS.map((p) => ({ id: p.id, label: p.label, plan: { profile: p.profile }, sheets: ["calculator"] })),
  // Issue 4: the notes' growth, seasonal and March 2026 dashboard examples.
  { id: "growth", label: "Growth: the mid-market center plus 50 agents", sheets: ["budget"] },
  { id: "seasonal", label: "Seasonal peaks: extra tokens bought for December and January", sheets: ["budget"] },
  { id: "march-2026", label: "Usage dashboard, March 2026 (mid-market)", sheets: ["dashboard"] },
];

export const availablePresets = (): readonly PlanPreset[] => PLAN_PRESETS.filter((p) => p.plan !== undefined);

/** A registry lookup that failed, with the sentence to show. */
export class LookupError extends Error {
  override readonly name = "LookupError";
}

export function findPlanPreset(id: string): PlanPreset & { plan: Plan } {
  const wanted = id.trim().toLowerCase();
  const available = availablePresets().map((p) => p.id).join(", ");
  const preset = PLAN_PRESETS.find((p) => p.id === wanted);
  if (!preset) throw new LookupError(`unknown preset "${id}". Available presets: ${available}.`);
  if (!preset.plan) throw new LookupError(`preset "${preset.id}" is not available yet (its ${preset.sheets.join(", ")} sheet is not built yet). Available presets: ${available}.`);
  return preset as PlanPreset & { plan: Plan };
}

/** The sheet kinds of a --sheets list ("calculator,budget"), in order, each once. */
export function resolveSheetKinds(ids: readonly string[]): SheetKind[] {
  const available = availableSheetKinds().map((k) => k.id).join(", ");
  const out: SheetKind[] = [];
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    if (id === "") continue;
    const kind = SHEET_KINDS.find((k) => k.id === id);
    if (!kind) throw new LookupError(`unknown sheet kind "${raw.trim()}". Available sheets: ${available}.`);
    if (!kind.build) throw new LookupError(`the ${kind.id} sheet is not available yet. Available sheets: ${available}.`);
    if (!out.includes(kind)) out.push(kind);
  }
  if (out.length === 0) throw new LookupError(`no sheet to write. Available sheets: ${available}.`);
  return out;
}

/** Builds the sheets of the kinds from a plan, each with a name unique in the workbook. */
export function buildSheets(plan: Plan, kinds: readonly SheetKind[]): SheetModel[] {
  const sheetNames = new Map<string, string>();
  for (const k of kinds) sheetNames.set(k.id, uniqueSheetName(k.sheetName, sheetNames.values()));
  const context: SheetContext = { sheetNames };
  return kinds.map((k) => k.build!(plan, sheetNames.get(k.id)!, context));
}
