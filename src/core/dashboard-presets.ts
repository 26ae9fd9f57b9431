/**
 * Usage dashboard presets, as data. The ids are shared with the taskpane and the command line
 * (the calculator presets are in ./presets).
 */
import type { UsageDashboard } from "./usage-dashboard";

export interface DashboardPreset {
  readonly id: string;
  readonly label: string;
  readonly dashboard: UsageDashboard;
}

/** Days in March. */
const MARCH_DAYS = 31;

/**
 * The study notes' "Token Usage Dashboard" for March 2026, the mid-market organisation
 * (shared/domain.md section 2): 19,810 tokens of 50,000, the month complete.
 *
 * From the notes: the allocation, the consumption by feature (19,810 in all) and the weeks. NOT from
 * the notes: the variance rows (budgets and actuals of January and February, March's budget) are an
 * example, flagged `varianceExample` so the sheet and the pane label them as such. March's actual is
 * the dashboard's consumption.
 */
export const MARCH_2026: UsageDashboard = {
  period: "March 2026",
  card: "study-notes",
  allocation: 50000,
  features: [
    { feature: "copilot", tokens: 11000 },
    { feature: "virtualagent", tokens: 8000 },
    { feature: "scoring", tokens: 500 },
    { feature: "voicebot", tokens: 294 },
    { feature: "messaging", tokens: 13 },
    { feature: "translate", tokens: 3 },
  ],
  weekly: [4500, 4200, 5300, 5810],
  daysElapsed: MARCH_DAYS,
  daysInPeriod: MARCH_DAYS,
  variance: [
    { month: "January 2026", budgeted: 20000, actual: 18940 },
    { month: "February 2026", budgeted: 19000, actual: 19415 },
    { month: "March 2026", budgeted: 21000, actual: 19810 },
  ],
  varianceExample: true,
};

export const DASHBOARD_PRESETS: readonly DashboardPreset[] = [
  { id: "march-2026", label: "March 2026 usage (mid-market, the notes' dashboard; example budget review)", dashboard: MARCH_2026 },
];

export function findDashboardPreset(id: string): DashboardPreset | undefined {
  return DASHBOARD_PRESETS.find((p) => p.id === id);
}
