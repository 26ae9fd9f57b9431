/**
 * "Download .xlsx" outside Excel: the profile's calculator sheet model, written to a workbook in the
 * browser by src/xlsx. Loaded on first use (and the writer with ExcelJS only after it), so the
 * taskpane's first load stays small.
 */
import type { Profile } from "../core/estimate";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../sheets/calculator";
import { downloadWorkbook, xlsxFileName } from "../xlsx/download";

export type DownloadOutcome = { readonly ok: true; readonly fileName: string } | { readonly ok: false; readonly message: string };

/** The file is named after the scenario; a scenario without a name gets the sheet's name. */
export const calculatorFileName = (profile: Profile): string => xlsxFileName(profile.name.trim() || CALCULATOR_SHEET_NAME);

export async function downloadCalculator(profile: Profile): Promise<DownloadOutcome> {
  const fileName = calculatorFileName(profile);
  try {
    await downloadWorkbook([buildCalculatorSheet(profile)], fileName);
    return { ok: true, fileName };
  } catch (e) {
    console.error("Download .xlsx failed", e);
    // webpack names a chunk that could not be fetched "ChunkLoadError": here, the writer's (ExcelJS).
    if (e instanceof Error && e.name === "ChunkLoadError")
      return { ok: false, message: "The workbook writer could not be loaded. Check the connection and try again." };
    return { ok: false, message: "The workbook could not be made because of an unexpected error. Please try again; if it happens again, report it with the steps that led to it." };
  }
}
