/**
 * "Insert ..." and "Download .xlsx" of every tab, for any sheet kind of the registry (src/plan): the
 * kind's sheet model, written by src/excel (the only place that calls Excel.run) into the open
 * workbook, or by src/xlsx into a workbook the browser downloads. Loaded on the first click, as a
 * chunk of its own, so the taskpane's first load stays small; the .xlsx writer with ExcelJS is a
 * further chunk, loaded by src/xlsx on the first download only.
 */
import { InsertError, insertSheet } from "../excel/writer";
import { kindOf, type KindInput } from "../plan/kinds";
import type { SheetKindId } from "../plan/sheet-kinds";
import { downloadWorkbook, xlsxFileName } from "../xlsx/download";

export type InsertOutcome =
  { readonly ok: true; readonly sheetName: string; readonly skipped: readonly string[] } | { readonly ok: false; readonly message: string };

export type DownloadOutcome = { readonly ok: true; readonly fileName: string } | { readonly ok: false; readonly message: string };

/**
 * Inserts the kind's sheet built from its input. `sheetNames`: the sheets of other kinds it may
 * read, by kind (the dashboard's budgets from an inserted budget sheet).
 */
export async function insertSheetOf<K extends SheetKindId>(
  id: K,
  input: KindInput<K>,
  sheetNames: ReadonlyMap<SheetKindId, string> = new Map(),
): Promise<InsertOutcome> {
  const kind = kindOf(id);
  try {
    const { sheetName, skipped } = await insertSheet(kind.build(input, kind.sheetName, { sheetNames }));
    return { ok: true, sheetName, skipped };
  } catch (e) {
    if (e instanceof InsertError) return { ok: false, message: e.message };
    console.error(`Insert ${kind.noun} failed`, e);
    return {
      ok: false,
      message: `The ${kind.noun} could not be inserted because of an unexpected error. Please try again; if it happens again, report it with the steps that led to it.`,
    };
  }
}

/** The file a download is saved as: named after the scenario, the plan or the period; else the sheet's name. */
export const sheetFileName = <K extends SheetKindId>(id: K, input: KindInput<K>): string => xlsxFileName(kindOf(id).fileName(input));

/** Downloads the kind's sheet alone: it refers to no other sheet (a dashboard's budgets are typed values). */
export async function downloadSheetOf<K extends SheetKindId>(id: K, input: KindInput<K>): Promise<DownloadOutcome> {
  const kind = kindOf(id);
  const fileName = sheetFileName(id, input);
  try {
    await downloadWorkbook([kind.build(input, kind.sheetName, { sheetNames: new Map() })], fileName);
    return { ok: true, fileName };
  } catch (e) {
    console.error("Download .xlsx failed", e);
    // webpack names a chunk that could not be fetched "ChunkLoadError": here, the writer's (ExcelJS).
    if (e instanceof Error && e.name === "ChunkLoadError")
      return { ok: false, message: "The workbook writer could not be loaded. Check the connection and try again." };
    return {
      ok: false,
      message: "The workbook could not be made because of an unexpected error. Please try again; if it happens again, report it with the steps that led to it.",
    };
  }
}
