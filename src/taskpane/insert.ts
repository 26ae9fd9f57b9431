/**
 * "Insert calculator": the profile's calculator sheet model, written by src/excel (the only place
 * that calls Excel.run). Loaded on first use, so the taskpane's first load stays small.
 */
import type { Profile } from "../core/estimate";
import { InsertError, insertSheet } from "../excel/writer";
import { buildCalculatorSheet } from "../sheets/calculator";

export type InsertOutcome =
  | { readonly ok: true; readonly sheetName: string; readonly skipped: readonly string[] }
  | { readonly ok: false; readonly message: string };

export async function insertCalculator(profile: Profile): Promise<InsertOutcome> {
  try {
    const model = buildCalculatorSheet(profile);
    const { sheetName, skipped } = await insertSheet(model);
    return { ok: true, sheetName, skipped };
  } catch (e) {
    if (e instanceof InsertError) return { ok: false, message: e.message };
    console.error("Insert calculator failed", e);
    return { ok: false, message: "The calculator could not be inserted because of an unexpected error. Please try again; if it happens again, report it with the steps that led to it." };
  }
}
