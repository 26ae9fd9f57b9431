/**
 * "Insert annual budget", "Insert usage dashboard" and their "Download .xlsx": the sheet models of
 * src/sheets, written by src/excel (the only place that calls Excel.run) or by src/xlsx. Loaded on
 * first use, as a chunk of its own, so the taskpane's first load stays small; the .xlsx writer with
 * ExcelJS is a further chunk, loaded by src/xlsx on the first download only.
 */
import type { AnnualPlan } from "../core/annual-plan";
import type { UsageDashboard } from "../core/usage-dashboard";
import { InsertError, insertSheet } from "../excel/writer";
import { BUDGET_SHEET_NAME, buildBudgetSheet } from "../sheets/budget";
import { buildDashboardSheet, DASHBOARD_SHEET_NAME } from "../sheets/dashboard";
import type { SheetModel } from "../sheets/model";
import { downloadWorkbook, xlsxFileName } from "../xlsx/download";
import type { DownloadOutcome } from "./download";
import type { InsertOutcome } from "./insert";

async function insert(build: () => SheetModel, what: string): Promise<InsertOutcome> {
  try {
    const { sheetName, skipped } = await insertSheet(build());
    return { ok: true, sheetName, skipped };
  } catch (e) {
    if (e instanceof InsertError) return { ok: false, message: e.message };
    console.error(`Insert ${what} failed`, e);
    return { ok: false, message: `The ${what} could not be inserted because of an unexpected error. Please try again; if it happens again, report it with the steps that led to it.` };
  }
}

async function download(build: () => SheetModel, fileName: string): Promise<DownloadOutcome> {
  try {
    await downloadWorkbook([build()], fileName);
    return { ok: true, fileName };
  } catch (e) {
    console.error("Download .xlsx failed", e);
    // webpack names a chunk that could not be fetched "ChunkLoadError": here, the writer's (ExcelJS).
    if (e instanceof Error && e.name === "ChunkLoadError") return { ok: false, message: "The workbook writer could not be loaded. Check the connection and try again." };
    return { ok: false, message: "The workbook could not be made because of an unexpected error. Please try again; if it happens again, report it with the steps that led to it." };
  }
}

export function insertBudget(plan: AnnualPlan): Promise<InsertOutcome> {
  return insert(() => buildBudgetSheet(plan), "annual budget");
}

/** The dashboard; with `budgetSheetName`, the variance rows that carry a budget month read it from that sheet. */
export function insertDashboard(d: UsageDashboard, budgetSheetName?: string): Promise<InsertOutcome> {
  return insert(() => buildDashboardSheet(d, budgetSheetName ? { budgetSheetName } : {}), "usage dashboard");
}

/** The file is named after the plan; a plan without a name gets the sheet's name. */
export const budgetFileName = (plan: AnnualPlan): string => xlsxFileName(plan.name.trim() || BUDGET_SHEET_NAME);
export const dashboardFileName = (d: UsageDashboard): string => xlsxFileName(`${DASHBOARD_SHEET_NAME} ${d.period}`.trim());

export function downloadBudget(plan: AnnualPlan): Promise<DownloadOutcome> {
  return download(() => buildBudgetSheet(plan), budgetFileName(plan));
}

/** A downloaded dashboard stands alone: its budgets are typed values (no other workbook to read them from). */
export function downloadDashboard(d: UsageDashboard): Promise<DownloadOutcome> {
  const typed: UsageDashboard = d.variance ? { ...d, variance: d.variance.map(({ budgetIndex: _, ...m }) => m) } : d;
  return download(() => buildDashboardSheet(typed), dashboardFileName(d));
}
