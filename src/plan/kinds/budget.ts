/** The annual budget kind: twelve months of the plan's budget section, or the flat year of its profile. */
import { formatMoney, formatTokens, monthKey, monthLabel, profileOf, type AnnualPlan } from "../../core";
import { BUDGET_PRESETS } from "../../core/budget-presets";
import { BUDGET_SHEET_NAME, buildBudgetSheet } from "../../sheets/budget";
import type { SheetKindParts } from "./kind";

export const BUDGET_KIND: SheetKindParts<AnnualPlan> = {
  sheetName: BUDGET_SHEET_NAME,
  presets: BUDGET_PRESETS.map((p) => ({ id: p.id, label: p.label, plan: { profile: profileOf(p.plan), budget: p.plan } })),
  section: "budget",
  inputOf: (w) => w.budget!.plan,
  build: (plan, sheetName) => buildBudgetSheet(plan, { sheetName }),
  summary: (plan, w) => {
    const r = w.budget!.result;
    const first = r.months[0];
    const last = r.months[r.months.length - 1];
    const money = (x: number) => formatMoney(x, plan.currency);
    return {
      title: `Annual budget, ${monthLabel(monthKey(first.year, first.month))} to ${monthLabel(monthKey(last.year, last.month))}${w.budget!.source === "flat" ? " (the flat plan of the profile)" : ""}:`,
      rows: [
        ["Annual tokens", `${formatTokens(r.annualTokens)} tokens against ${formatTokens(r.annualAllocation)} allocated`],
        [
          "Annual overage",
          `${formatTokens(r.annualOverageTokens)} tokens in ${r.monthsOverAllocation} month${r.monthsOverAllocation === 1 ? "" : "s"} over allocation`,
        ],
        ["Annual cost", `${money(r.annualCost)} (top-ups and overage)`],
        ...(r.committedFrom === "contract"
          ? [["Committed tokens", `${formatTokens(r.annualCommitted)} tokens a year (contract: ${r.card.card.name})`] as [string, string]]
          : []),
        ...(r.other.annual > 0 ? [["Other features", `${formatTokens(r.other.annual)} tokens a year (your own figure)`] as [string, string]] : []),
        ...(r.unpriced.length > 0 ? [["Not priced", `${r.unpriced.join("; ")}: the card has no rate, counted 0`] as [string, string]] : []),
      ],
    };
  },
  fileName: (plan) => plan.name.trim() || BUDGET_SHEET_NAME,
};
