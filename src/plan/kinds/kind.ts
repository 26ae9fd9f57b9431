/**
 * What a sheet kind of the registry (../sheet-kinds.ts) is made of. Each kind writes one of these
 * in ./<id>.ts; ./index.ts gathers them.
 */
import type { SheetModel } from "../../sheets/model";
import type { WorkbookInputs } from "../inputs";
import type { Plan } from "../plan-file";
import type { SheetKindId } from "../sheet-kinds";

/** The sheets around the one being built. */
export interface SheetContext {
  /** The sheet name of each other kind in the same workbook, so one sheet can refer to another ('Annual Budget'!MonthlyTokens). */
  readonly sheetNames: ReadonlyMap<SheetKindId, string>;
}

/** A worked example that fills a kind's sheet (ids shared by the taskpane and the command line). */
export interface KindPreset {
  readonly id: string;
  readonly label: string;
  readonly plan: Plan;
}

/** A kind's summary: a title ("" for none) and label/value rows, printed by the command line. */
export interface KindSummary {
  readonly title: string;
  readonly rows: readonly (readonly [string, string])[];
}

export interface SheetKindParts<Input> {
  /** The sheet's name in a workbook (a writer picks a free variant when it is taken). */
  readonly sheetName: string;
  readonly presets: readonly KindPreset[];
  /** The plan's section for this kind (a field of Plan; its file format in ../plan-schema.ts); none: the profile is its input. */
  readonly section?: Exclude<keyof Plan, "profile">;
  /** Whether a usage export (--usage) asks for this sheet. */
  readonly readsUsage?: boolean;
  /** Its input among a workbook's inputs (../inputs.ts derives them from a plan, by its stated rules). */
  readonly inputOf: (w: WorkbookInputs) => Input;
  // Methods (not function properties), so a kind of any input is a SheetKindParts<unknown>.
  build(input: Input, sheetName: string, context: SheetContext): SheetModel;
  summary(input: Input, w: WorkbookInputs): KindSummary;
  /** The file a download of this sheet alone is saved as (without ".xlsx"). */
  fileName(input: Input): string;
}
