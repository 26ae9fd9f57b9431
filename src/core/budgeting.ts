/**
 * Budgeting: buffers on a baseline and the top-up tokens to buy.
 */
import { checkQuantity, type Result } from "./errors";
import { BUDGET_BUFFERS } from "./planning-rules";
import { RELATIVE_TOLERANCE, roundUp } from "./rounding";

/** A budget from a baseline: baseline x (1 + overage buffer + growth buffer); buffers as fractions (0.2 = 20%). */
export function budgetWithBuffers(
  baseline: number,
  overageBuffer: number = BUDGET_BUFFERS.overage,
  growthBuffer: number = BUDGET_BUFFERS.growth,
): Result<number> {
  return (
    checkQuantity(baseline, "The baseline") ??
    checkQuantity(overageBuffer, "The overage buffer") ??
    checkQuantity(growthBuffer, "The growth buffer") ??
    baseline * (1 + overageBuffer + growthBuffer)
  );
}

/** Whole tokens to buy so that the projection (plus a buffer) fits: ceil(max(0, projected x (1 + buffer) - allocation)). */
export function topUpNeed(projected: number, allocation: number, buffer = 0): Result<number> {
  const bad = checkQuantity(projected, "The projected consumption") ?? checkQuantity(allocation, "The allocation") ?? checkQuantity(buffer, "The buffer");
  if (bad) return bad;
  const target = projected * (1 + buffer);
  const need = target - allocation;
  // Binary noise of the product (12345 x 1.1 = 13579.500000000002) is measured against the target,
  // not against the tiny difference: it is not a token to buy.
  return need > RELATIVE_TOLERANCE * target ? roundUp(need) : 0;
}
