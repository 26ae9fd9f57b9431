/**
 * Watching the month: utilisation, health status, advice and the month-end projection.
 */
import { checkQuantity, InputError, type Result } from "./errors";
import { PLANNING_RULES, planningRuleIndex, type HealthStatus } from "./planning-rules";

/** Consumption as a share of allocation (0.396 for 39.6%). */
export function utilisation(consumption: number, allocation: number): Result<number> {
  const bad = checkQuantity(consumption, "Consumption") ?? checkQuantity(allocation, "Allocation");
  if (bad) return bad;
  if (allocation === 0) return new InputError("div0", "The allocation is 0, so utilisation is undefined.");
  return consumption / allocation;
}

/** GREEN up to 80% of allocation, AMBER up to 100%, RED above (overage). Nothing consumed of nothing is GREEN. */
export function health(consumption: number, allocation: number): Result<HealthStatus> {
  const bad = checkQuantity(consumption, "Consumption") ?? checkQuantity(allocation, "Allocation");
  if (bad) return bad;
  if (allocation === 0) return consumption === 0 ? PLANNING_RULES[0].status : PLANNING_RULES[PLANNING_RULES.length - 1].status;
  return healthOfUtilisation(consumption / allocation);
}

/** The health status of a utilisation: the status of its band in PLANNING_RULES. */
export function healthOfUtilisation(u: number): HealthStatus {
  return PLANNING_RULES[planningRuleIndex(u)].status;
}

/** The advice that fits a utilisation: the advice of the same band, so it always agrees with the health. */
export function advice(u: number): string {
  return PLANNING_RULES[planningRuleIndex(u)].advice;
}

/** Month-end consumption if the pace so far continues: consumed / daysElapsed x daysInPeriod. */
export function projectMonthEnd(consumedToDate: number, daysElapsed: number, daysInPeriod: number): Result<number> {
  const bad =
    checkQuantity(consumedToDate, "Consumption to date") ?? checkQuantity(daysElapsed, "Days elapsed") ?? checkQuantity(daysInPeriod, "Days in the period");
  if (bad) return bad;
  if (daysElapsed === 0) return new InputError("div0", "No days have elapsed yet, so there is no pace to project.");
  if (daysElapsed > daysInPeriod) return new InputError("num", "Days elapsed cannot exceed the days in the period.");
  return (consumedToDate / daysElapsed) * daysInPeriod;
}
