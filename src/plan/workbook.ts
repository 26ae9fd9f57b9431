/**
 * Workbooks of several sheets, by kind: the presets of every kind, the kinds of a --sheets list,
 * the default sheets of a plan, and the sheets built with names unique in the workbook. Everything
 * here iterates the registry (./sheet-kinds.ts with ./kinds): a new kind needs no edit here. What a
 * sheet is built from when the plan has no section for it is decided by ./inputs.ts.
 * Pure: no file system, so the taskpane can use it too.
 */
import { uniqueSheetName, type SheetModel } from "../sheets/model";
import { workbookInputs, type WorkbookInputs, type WorkbookOptions } from "./inputs";
import { SHEET_KIND_DEFINITIONS, type SheetContext, type SheetKind } from "./kinds";
import type { Plan } from "./plan-file";
import type { SheetKindId } from "./sheet-kinds";

export type { SheetKind } from "./kinds";
export type { SheetKindId } from "./sheet-kinds";

export const availableSheetKinds = (): readonly SheetKind[] => SHEET_KIND_DEFINITIONS;

export interface PlanPreset {
  readonly id: string;
  readonly label: string;
  /** The sheet kind the preset is an example of. */
  readonly kind: SheetKindId;
  readonly plan: Plan;
  /** The sheets written when --sheets is not given. */
  readonly sheets: readonly SheetKindId[];
}

/** Every kind's presets, in the registry's order. */
export const PLAN_PRESETS: readonly PlanPreset[] = SHEET_KIND_DEFINITIONS.flatMap((k) => k.presets.map((p) => ({ ...p, kind: k.id, sheets: [k.id] })));

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
  const available = SHEET_KIND_DEFINITIONS.map((k) => k.id).join(", ");
  const out: SheetKind[] = [];
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    if (id === "") continue;
    const kind = SHEET_KIND_DEFINITIONS.find((k) => k.id === id);
    if (!kind) throw new LookupError(`unknown sheet kind "${raw.trim()}". Available sheets: ${available}.`);
    if (!out.includes(kind)) out.push(kind);
  }
  if (out.length === 0) throw new LookupError(`no sheet to write. Available sheets: ${available}.`);
  return out;
}

/** The sheets of a plan when --sheets is not given: each kind without a section (the profile's), and each whose section the plan has; a usage export adds the kinds that read it. */
export function defaultSheets(plan: Plan, usage: boolean): SheetKindId[] {
  return SHEET_KIND_DEFINITIONS.filter((k) => !k.section || plan[k.section] !== undefined || (usage && k.readsUsage)).map((k) => k.id);
}

/** The sheet names of the kinds in one workbook, each unique. */
function sheetNamesOf(kinds: readonly SheetKind[]): Map<SheetKindId, string> {
  const sheetNames = new Map<SheetKindId, string>();
  for (const k of kinds) sheetNames.set(k.id, uniqueSheetName(k.sheetName, sheetNames.values()));
  return sheetNames;
}

/** Builds the sheets of the kinds from their inputs (workbookInputs), each with a name unique in the workbook. */
export function buildSheetsFrom(inputs: WorkbookInputs, kinds: readonly SheetKind[]): SheetModel[] {
  const sheetNames = sheetNamesOf(kinds);
  const context: SheetContext = { sheetNames };
  return kinds.map((k) => k.build(k.inputOf(inputs), sheetNames.get(k.id)!, context));
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
