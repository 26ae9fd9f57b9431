/**
 * With no carryover, a year's overage is never below the naive yearly figure max(0, Σc − Σa): a
 * month's unused allocation never offsets another month's overage. When the naive figure is
 * positive the difference is exactly the allocation left unused in the under-used months, which is
 * what carryover would have saved. In the core's annualOverage and in the annual plan
 * (computeAnnualPlan), at every rate level. (ANNUALCOST against the naive sum, for whole numbers,
 * is in test/functions/properties.test.ts.)
 */
import { fc } from "./count";
import { planArbitrary } from "./arbitraries";
import { annualOverage, computeAnnualPlan, getCard, InputError, RATE_LEVELS, type CompiledCard } from "../../src/core";

const sum = (xs: readonly number[]): number => xs.reduce((t, x) => t + x, 0);

/** a >= b up to floating-point noise in sums of fractions. */
function expectAtLeast(a: number, b: number, what: string): void {
  if (!(a >= b - 1e-9 * Math.max(1, Math.abs(b)))) throw new Error(`${what}: ${a} is below the naive ${b}`);
}

const month = fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.double({ min: 0, max: 300_000, noNaN: true, noDefaultInfinity: true }), fc.constant(0));

describe("annual overage with no carryover is never below the naive yearly figure", () => {
  test("core annualOverage: one allocation for every month, or one per month", () => {
    fc.assert(
      fc.property(
        fc.array(month, { minLength: 1, maxLength: 24 }),
        fc.oneof(month, fc.array(month, { minLength: 24, maxLength: 24 })),
        fc.oneof(fc.constant(1), fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true })),
        (consumption, alloc, price) => {
          const allocations = typeof alloc === "number" ? consumption.map(() => alloc) : alloc.slice(0, consumption.length);
          const r = annualOverage(consumption, typeof alloc === "number" ? alloc : allocations, price);
          if (r instanceof InputError) throw new Error(r.message);
          const naive = Math.max(0, sum(consumption) - sum(allocations));
          expectAtLeast(r.tokens, naive, "tokens");
          expectAtLeast(r.cost, naive * price, "cost");
          expect(r.tokens).toBe(sum(r.monthly));
          for (const m of r.monthly) expect(m).toBeGreaterThanOrEqual(0);
          // Overage = consumption - allocation + the allocation lost in under-used months.
          const lost = sum(consumption.map((c, i) => Math.max(0, allocations[i] - c)));
          const net = sum(consumption) - sum(allocations);
          expect(Math.abs(r.tokens - (net + lost))).toBeLessThanOrEqual(1e-9 * Math.max(1, sum(consumption) + sum(allocations)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("whole numbers: equal to the naive figure only when no allocation was lost (or, under budget for the year, no month was over)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 12, maxLength: 12 }),
        (consumption, allocs) => {
          const allocations = allocs.slice(0, consumption.length);
          const r = annualOverage(consumption, allocations, 1);
          if (r instanceof InputError) throw new Error(r.message);
          const naive = Math.max(0, sum(consumption) - sum(allocations));
          const over = consumption.some((c, i) => c > allocations[i]);
          const under = consumption.some((c, i) => c < allocations[i]);
          const net = sum(consumption) - sum(allocations);
          expect(r.tokens).toBeGreaterThanOrEqual(naive);
          expect(r.tokens === naive).toBe(net >= 0 ? !under : !over);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("computeAnnualPlan: the year's overage and cost at every rate level, top-ups counted as bought", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const card = getCard(plan.card) as CompiledCard;
        const r = computeAnnualPlan(plan, card);
        if (r instanceof InputError) throw new Error(r.message);
        for (const level of RATE_LEVELS) {
          const l = r.levels[level];
          // Bought top-ups add to the allocation of their month only.
          const naive = Math.max(0, sum(l.consumption) - r.annualAllocation - r.annualTopUp);
          expectAtLeast(l.overageTokens, naive, `${level}: overage tokens`);
          expectAtLeast(l.costTotal, (r.annualTopUp + naive) * plan.pricePerToken, `${level}: cost`);
        }
        expect(r.annualOverageTokens).toBe(r.levels[plan.level].overageTokens);
        expectAtLeast(r.annualOverageTokens, Math.max(0, r.annualTokens - r.annualAllocation - r.annualTopUp), "AnnualOverageTokens");
        // The buffered need is never below the naive need of the buffered budget either.
        expectAtLeast(r.annualBufferedNeed, Math.max(0, r.annualBudgetTokens - r.annualAllocation - r.annualTopUp), "buffered need");
      }),
      { numRuns: 300 },
    );
  });
});
