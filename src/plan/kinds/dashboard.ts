/**
 * The usage dashboard kind: one period's actuals, from a usage export, the plan's dashboard section,
 * or the budget's first month pre-filled with its forecast (../inputs.ts states the rules).
 */
import { formatPercent, formatTokens, type UsageDashboard } from "../../core";
import { DASHBOARD_PRESETS } from "../../core/dashboard-presets";
import { findPreset } from "../../core/presets";
import { buildDashboardSheet, DASHBOARD_SHEET_NAME } from "../../sheets/dashboard";
import type { SheetKindParts } from "./kind";

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

const percent = (x: number | null) => (x === null ? "n/a" : formatPercent(x));

const FROM = { plan: "", usage: " (from the usage export)", forecast: " (no actuals yet: type them into the empty cells)" } as const;
const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "-" : ""}${formatTokens(Math.round(Math.abs(x)))}`;

export const DASHBOARD_KIND: SheetKindParts<UsageDashboard> = {
  sheetName: DASHBOARD_SHEET_NAME,
  presets: DASHBOARD_PRESETS.map((p) => ({ id: p.id, label: p.label, plan: { profile: organisation(p.id), dashboard: p.dashboard } })),
  section: "dashboard",
  readsUsage: true,
  inputOf: (w) => w.dashboard!.input,
  /** With a budget sheet in the workbook, the variance rows of its months read it; alone, every budget is a typed value. */
  build: (d, sheetName, context) => {
    const budgetSheetName = context.sheetNames.get("budget");
    if (budgetSheetName !== undefined) return buildDashboardSheet(d, { sheetName, budgetSheetName });
    const typed: UsageDashboard = d.variance ? { ...d, variance: d.variance.map(({ budgetIndex: _, ...m }) => m) } : d;
    return buildDashboardSheet(typed, { sheetName });
  },
  summary: (_d, w) => {
    const { result: r, source } = w.dashboard!;
    const available =
      r.committed > 0
        ? `${formatTokens(r.tokensAvailable)} available (${formatTokens(r.allocation)} allocated + ${formatTokens(r.committed)} committed)`
        : `${formatTokens(r.allocation)}`;
    const rows: (readonly [string, string])[] =
      r.consumed === null || r.remaining === null || r.projected === null || r.utilisation === null
        ? [["Consumed", `no actuals yet, of ${available} tokens`]]
        : [
            ["Consumed", `${formatTokens(r.consumed)} of ${available} tokens (${percent(r.utilisation)})`],
            ["Remaining", `${formatTokens(r.remaining)} tokens`],
            ["Projected month-end", `${formatTokens(r.projected)} tokens (${r.health})${r.complete ? "" : `, from the ${r.daysElapsed} days covered`}`],
          ];
    for (const v of r.variance) {
      if (!v.partial || v.compared === null || v.varianceShare === null) continue;
      rows.push([
        `${v.month} vs budget`,
        `${signed(v.variance!)} tokens (${v.varianceShare > 0 ? "+" : ""}${percent(v.varianceShare)}) against ${formatTokens(Math.round(v.compared))}, the budget pro-rated to ${r.daysElapsed} of ${r.daysInPeriod} days`,
      ]);
    }
    if (w.linked && r.variance.some((v) => v.budgetIndex !== undefined)) rows.push(["Actual vs budget", "budgets read from the budget sheet"]);
    return { title: `Usage dashboard, ${r.period}${FROM[source]}${r.coverage ? `, ${r.coverage}` : ""}:`, rows };
  },
  fileName: (d) => `${DASHBOARD_SHEET_NAME} ${d.period}`.trim(),
};
