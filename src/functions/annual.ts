/**
 * ANNUALCOST's arithmetic over Excel ranges: the core's monthly overage, month by month, summed
 * (no carryover), then priced. A range of plain numbers (the usual case) is read in place without
 * copying; anything else (blanks, text, a ragged range, a bad cell) takes the gate and the core's
 * annualOverage, which give the same figure and the precise error.
 */
import { annualOverage, cost, overage } from "../core/cost";
import { InputError } from "../core/errors";
import { fromInputError, numberResult, rangeQuantities, type ExcelError } from "./coerce";

const MAX = Number.MAX_VALUE;

const isQuantity = (x: unknown): x is number => typeof x === "number" && x >= 0 && x <= MAX;

/** The period's overage tokens when both ranges hold only numbers >= 0 and their sizes agree, else -1. */
function plainOverage(consumption: unknown, allocation: unknown): number {
  if (!Array.isArray(consumption) || consumption.length === 0 || !Array.isArray(allocation) || allocation.length === 0) return -1;
  const first: unknown = consumption[0];
  const width = Array.isArray(first) ? first.length : 0;
  const aFirst: unknown = allocation[0];
  const aWidth = Array.isArray(aFirst) ? aFirst.length : 0;
  if (width === 0 || aWidth === 0) return -1;
  if (allocation.length === 1 && aWidth === 1) return overAllocation(consumption, width, (aFirst as unknown[])[0]);
  return allocation.length * aWidth === consumption.length * width ? overAllocations(consumption, width, allocation, aWidth) : -1;
}

/** Every month against one allocation. */
function overAllocation(consumption: unknown[], width: number, a: unknown): number {
  if (!isQuantity(a)) return -1;
  let tokens = 0;
  for (let r = 0; r < consumption.length; r++) {
    const row: unknown = consumption[r];
    if (!Array.isArray(row) || row.length !== width) return -1;
    for (let k = 0; k < width; k++) {
      const c: unknown = row[k];
      if (!isQuantity(c)) return -1;
      tokens += overage(c, a) as number;
    }
  }
  return tokens;
}

/** Month m against allocation m, the two ranges read in row order. */
function overAllocations(consumption: unknown[], width: number, allocation: unknown[], aWidth: number): number {
  let tokens = 0;
  for (let m = 0; m < consumption.length * width; m++) {
    const row: unknown = consumption[Math.floor(m / width)];
    const aRow: unknown = allocation[Math.floor(m / aWidth)];
    if (!Array.isArray(row) || row.length !== width || !Array.isArray(aRow) || aRow.length !== aWidth) return -1;
    const c: unknown = row[m % width];
    const a: unknown = aRow[m % aWidth];
    if (!isQuantity(c) || !isQuantity(a)) return -1;
    tokens += overage(c, a) as number;
  }
  return tokens;
}

/** The cost of a period's overage with no carryover, at a price per token. */
export function annualOverageCost(consumption: unknown, allocation: unknown, price: number): number | ExcelError {
  const tokens = plainOverage(consumption, allocation);
  if (tokens >= 0) return numberResult(cost(tokens, price));
  const months = rangeQuantities(consumption, "Monthly consumption", "tokens");
  if (!Array.isArray(months)) return months;
  const allocations = rangeQuantities(allocation, "Monthly allocation", "tokens");
  if (!Array.isArray(allocations)) return allocations;
  const year = annualOverage(months, allocations.length === 1 ? allocations[0] : allocations, price);
  return year instanceof InputError ? fromInputError(year) : numberResult(year.cost);
}
