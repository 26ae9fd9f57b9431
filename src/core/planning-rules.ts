/**
 * The planning rules of the domain as data: working days, health bands, advice bands and
 * budgeting buffers. Code reads these; no threshold is written as a literal elsewhere.
 */

/** Volumes quoted per day become monthly with this many working days (the notes use 20 throughout). */
export const WORKING_DAYS_PER_MONTH = 20;

export const HEALTH_STATUSES = ["GREEN", "AMBER", "RED"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Health of consumption (or a projection) against allocation: the first band whose ceiling is not exceeded. */
export const HEALTH_BANDS: readonly { readonly status: HealthStatus; readonly upTo: number; readonly meaning: string }[] = [
  { status: "GREEN", upTo: 0.8, meaning: "within limits" },
  { status: "AMBER", upTo: 1.0, meaning: "overage risk: monitor" },
  { status: "RED", upTo: Infinity, meaning: "over allocation: overage is billed" },
];

/** What to do at a level of utilisation: the first band whose ceiling is above the utilisation. */
export const ADVICE_BANDS: readonly { readonly below: number; readonly range: string; readonly advice: string }[] = [
  { below: 0.4, range: "under 40%", advice: "Room to spare: AI usage can safely grow." },
  { below: 0.8, range: "40-80%", advice: "Good range: keep reviewing actuals against the budget each month." },
  { below: 1.0, range: "80-100%", advice: "Overage risk: monitor weekly and prepare a top-up." },
  { below: Infinity, range: "over 100%", advice: "Over allocation: buy top-up tokens or reduce AI usage." },
];

/** The good range of utilisation and the unused share that counts as waste. */
export const GOOD_UTILISATION = { low: 0.4, high: 0.8 } as const;

/** Budgeting buffers added to a baseline: +20% for unpredictability, +10-15% for growth (10% by default). */
export const BUDGET_BUFFERS = {
  overage: 0.2,
  growth: 0.1,
  growthRange: { low: 0.1, high: 0.15 },
} as const;
