/**
 * How each kind of the registry (../sheet-kinds.ts) is made, gathered: the compiler refuses a kind
 * listed there without its parts here. Heavy (it brings every sheet builder): the command line
 * imports it, the taskpane only in the chunks its inserts and downloads load.
 */
import { SHEET_KINDS, type SheetKindId, type SheetKindInfo } from "../sheet-kinds";
import { BUDGET_KIND } from "./budget";
import { CALCULATOR_KIND } from "./calculator";
import { DASHBOARD_KIND } from "./dashboard";
import type { SheetKindParts } from "./kind";

export type { SheetContext, SheetKindParts } from "./kind";

const PARTS = {
  calculator: CALCULATOR_KIND,
  budget: BUDGET_KIND,
  dashboard: DASHBOARD_KIND,
} as const satisfies { readonly [K in SheetKindId]: SheetKindParts<unknown> };

/** The input each kind's sheet is built from: the calculator's a Profile, the budget's an AnnualPlan... */
export type KindInput<K extends SheetKindId> = (typeof PARTS)[K] extends SheetKindParts<infer I> ? I : never;

/** A kind of the registry with its parts. */
export type SheetKind<K extends SheetKindId = SheetKindId> = SheetKindInfo & SheetKindParts<KindInput<K>> & { readonly id: K };

/** Every kind with its parts, in the registry's order. */
export const SHEET_KIND_DEFINITIONS: readonly SheetKind[] = SHEET_KINDS.map((info) => ({ ...info, ...PARTS[info.id] }) as SheetKind);

export function kindOf<K extends SheetKindId>(id: K): SheetKind<K> {
  return SHEET_KIND_DEFINITIONS.find((k) => k.id === id) as unknown as SheetKind<K>;
}
