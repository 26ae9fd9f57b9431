/**
 * What a ribbon button inserts when its tab has not been opened yet: the tab's default (the form the
 * tab starts with), built and written exactly as the tab's own "Insert" does, through the same
 * insert (src/taskpane/sheet-output.ts) and so the same writer. Loaded on first use.
 */
import { budgetView } from "../taskpane/budget-view";
import { initialBudgetForm } from "../taskpane/budget-form";
import { initialDashboardForm } from "../taskpane/dashboard-form";
import { dashboardView } from "../taskpane/dashboard-view";
import { initialForm } from "../taskpane/form";
import type { InsertOutcome } from "../taskpane/sheet-output";
import { SESSION } from "../taskpane/session";
import { insertedMessage } from "../taskpane/sheet-actions";
import { calculatorView } from "../taskpane/view-model";
import type { CommandOutcome } from "./ribbon";

const said = (outcome: InsertOutcome, more = ""): CommandOutcome =>
  outcome.ok ? { ok: true, message: `${insertedMessage(outcome.sheetName, outcome.skipped)}${more}` } : outcome;

export async function insertDefault(noun: string): Promise<CommandOutcome> {
  const { insertSheetOf } = await import(/* webpackChunkName: "sheet-output" */ "../taskpane/sheet-output");
  if (noun === "calculator") return said(await insertSheetOf("calculator", calculatorView(initialForm()).profile));
  if (noun === "annual budget") {
    const view = budgetView(initialBudgetForm());
    if (!view.plan) return { ok: false, message: "The annual budget's default plan could not be built." };
    const outcome = await insertSheetOf("budget", view.plan);
    if (outcome.ok) {
      const months = view.result?.months.map((m) => ({ year: m.year, month: m.month, consumption: m.consumption })) ?? [];
      SESSION.rememberBudget({ sheetName: outcome.sheetName, plan: { months } });
    }
    return said(outcome);
  }
  if (noun === "usage dashboard") {
    const { dashboard, budgetSheetName } = dashboardView(initialDashboardForm(), SESSION.insertedBudget()).parsed;
    if (!dashboard) return { ok: false, message: "The usage dashboard's default could not be built." };
    return said(
      await insertSheetOf("dashboard", dashboard, new Map(budgetSheetName ? [["budget", budgetSheetName]] : [])),
      budgetSheetName ? ` Its budgets read the '${budgetSheetName}' sheet.` : "",
    );
  }
  return { ok: false, message: `The ribbon has no "${noun}" to insert.` };
}
