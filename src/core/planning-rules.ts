/**
 * The planning rules of the domain as data: working days, the utilisation bands (health and advice) and
 * budgeting buffers. Code reads these; no threshold is written as a literal elsewhere.
 */

/** Volumes quoted per day become monthly with this many working days (the notes use 20 throughout). */
export const WORKING_DAYS_PER_MONTH = 20;

export const HEALTH_STATUSES = ["GREEN", "AMBER", "RED"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/**
 * THE planning rules table: utilisation bands, each with its health status and its advice, so the two
 * always agree. A utilisation falls in the first band whose ceiling it does not exceed (ceilings are
 * inclusive: exactly 80% is GREEN with the good-range advice, exactly 100% AMBER with the monitor advice).
 */
export const PLANNING_RULES: readonly {
  readonly upTo: number;
  readonly status: HealthStatus;
  readonly range: string;
  readonly advice: string;
}[] = [
  { upTo: 0.4, status: "GREEN", range: "up to 40%", advice: "Room to spare: AI usage can safely grow." },
  { upTo: 0.8, status: "GREEN", range: "40-80%", advice: "Good range: keep reviewing actuals against the budget each month." },
  { upTo: 1.0, status: "AMBER", range: "80-100%", advice: "Overage risk: monitor weekly and prepare a top-up." },
  { upTo: Infinity, status: "RED", range: "over 100%", advice: "Over allocation: buy top-up tokens or reduce AI usage." },
];

/** What each health status means, in the pane and on the sheets. */
export const HEALTH_MEANINGS: Readonly<Record<HealthStatus, string>> = {
  GREEN: "within limits",
  AMBER: "overage risk: monitor",
  RED: "over allocation: overage is billed",
};

/** The index in PLANNING_RULES of the band a utilisation falls in. */
export function planningRuleIndex(u: number): number {
  const i = PLANNING_RULES.findIndex((band) => u <= band.upTo);
  return i < 0 ? PLANNING_RULES.length - 1 : i;
}

/**
 * The advice bands: the same table (each band's `advice`), named for the code that reads advice.
 * @alias
 */
export const ADVICE_BANDS = PLANNING_RULES;

/** The health bands, derived from PLANNING_RULES: per status, the ceiling of its last band. */
export const HEALTH_BANDS: readonly { readonly status: HealthStatus; readonly upTo: number; readonly meaning: string }[] = HEALTH_STATUSES.map((status) => {
  const bands = PLANNING_RULES.filter((b) => b.status === status);
  return { status, upTo: bands[bands.length - 1].upTo, meaning: HEALTH_MEANINGS[status] };
});

/**
 * The notes' key metric "Unused allocation" (wasted capacity): its good range is under 20% unused.
 * The unused share is max(0, available - consumption) / available, available = allocation + committed.
 */
export const UNUSED_ALLOCATION = {
  goodBelow: 0.2,
  good: "Under 20% unused: the notes' good range.",
  waste: "20% or more unused: wasted capacity (the notes' good range is under 20% unused).",
} as const;

/** Budgeting buffers added to a baseline: +20% for unpredictability, +10-15% for growth (10% by default). */
export const BUDGET_BUFFERS = {
  overage: 0.2,
  growth: 0.1,
  growthRange: { low: 0.1, high: 0.15 },
} as const;
