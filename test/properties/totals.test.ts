/**
 * Totals equal the sum of their lines, under each rounding rule: the core's estimate, the annual
 * plan's months and year, and the generated sheets as a formula engine (HyperFormula) computes
 * them, also after an analyst has typed new volumes into the sheet.
 */
import { fc } from "./count";
import { planArbitrary, profileArbitrary, quantity } from "./arbitraries";
import {
  computeAnnualPlan,
  estimate,
  getCard,
  InputError,
  PLAN_MONTHS,
  RATE_LEVELS,
  ROUNDING_RULES,
  type AnnualPlanResult,
  type CompiledCard,
  type Estimate,
} from "../../src/core";
import { buildBudget } from "../../src/sheets/budget";
import { buildCalculator } from "../../src/sheets/calculator";
import { evaluate, type Workbook } from "../helpers/formula-engine";

const cardOf = (id: string): CompiledCard => {
  const c = getCard(id);
  if (c instanceof InputError) throw new Error(c.message);
  return c;
};

const ok = <T>(r: T | InputError): T => {
  if (r instanceof InputError) throw new Error(`unexpected InputError: ${r.message}`);
  return r;
};

/** Left-to-right sum, the order the core adds in. */
const sum = (xs: readonly number[]): number => xs.reduce((t, x) => t + x, 0);

/**
 * A total against its parts: bit for bit when the parts are whole (each line rounded, below 2^53),
 * else within floating-point noise (an engine may add fractions in another order).
 */
function expectTotal(total: unknown, parts: readonly unknown[], what: string): void {
  if (typeof total !== "number" || parts.some((p) => typeof p !== "number")) throw new Error(`${what}: not numbers: ${JSON.stringify({ total, parts })}`);
  const xs = parts as number[];
  const s = sum(xs);
  if (xs.every((x) => Number.isInteger(x)) && Math.abs(s) < 2 ** 53) {
    if (total !== s) throw new Error(`${what}: total ${total}, sum of lines ${s} (${xs.join(" + ")})`);
  } else if (!(Math.abs(total - s) <= 1e-9 * Math.max(1, Math.abs(s)))) {
    throw new Error(`${what}: total ${total}, sum of lines ${s}`);
  }
}

describe("the core's totals are the sums of their lines", () => {
  test("estimate(): TOTAL = the sum of the lines, under each rounding rule, on both cards", () => {
    fc.assert(
      fc.property(profileArbitrary, (profile) => {
        const card = cardOf(profile.card);
        for (const rounding of ROUNDING_RULES) {
          const e: Estimate = ok(estimate({ ...profile, rounding }, card));
          const lines = e.lines.map((l) => l.tokens);
          // The same additions in the same order: equal to the bit.
          expect(e.total).toBe(sum(lines));
          expect(e.overage).toBe(Math.max(0, e.total - e.allocation));
        }
      }),
      { numRuns: 500 },
    );
  });

  test("computeAnnualPlan(): each month is the sum of its rows and initiatives, the year the sum of the months", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const card = cardOf(plan.card);
        for (const rounding of ROUNDING_RULES) {
          const r: AnnualPlanResult = ok(computeAnnualPlan({ ...plan, rounding }, card));
          const at = (i: number) => `${rounding}, month ${i + 1}`;
          for (const row of r.rows) expect(row.annual).toBe(sum(row.tokens));
          for (const it of r.initiatives) expect(it.annual).toBe(sum(it.tokens));
          for (let i = 0; i < PLAN_MONTHS; i++) {
            expectTotal(r.months[i].consumption, [...r.rows.map((row) => row.tokens[i]), ...r.initiatives.map((it) => it.tokens[i])], at(i));
            // Each rate level's month: its own rows at that level, plus the initiatives.
            for (const level of RATE_LEVELS) {
              expectTotal(
                r.levels[level].consumption[i],
                [...r.rows.map((row) => row.tokensAt[level][i]), ...r.initiatives.map((it) => it.tokens[i])],
                `${at(i)} at ${level}`,
              );
            }
          }
          expect(r.annualTokens).toBe(sum(r.months.map((m) => m.consumption)));
          expect(r.annualAllocation).toBe(sum(r.months.map((m) => m.allocation)));
          expect(r.annualTopUp).toBe(sum(r.months.map((m) => m.topUp)));
          expect(r.annualOverageTokens).toBe(sum(r.months.map((m) => m.overage)));
          expect(r.annualCost).toBe(sum(r.months.map((m) => m.cost)));
          expect(r.annualBudgetTokens).toBe(sum(r.months.map((m) => m.budget)));
          expect(r.annualBufferedNeed).toBe(sum(r.months.map((m) => m.bufferedNeed)));
          expect(r.annualBudgetCost).toBe(sum(r.months.map((m) => m.bufferedCost)));
          for (const level of RATE_LEVELS) {
            const l = r.levels[level];
            expect(l.tokens).toBe(sum(l.consumption));
            expect(l.overageTokens).toBe(sum(l.overage));
            expect(l.costTotal).toBe(sum(l.cost));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** The engine with full-precision output (smartRounding rounds to 10 digits on the way out). */
function exact(...models: Parameters<typeof evaluate>): Workbook {
  const wb = evaluate(...models);
  wb.engine.updateConfig({ smartRounding: false });
  return wb;
}

describe("the generated sheets' totals, computed by a formula engine, are the sums of their line cells", () => {
  test("calculator: TOTAL and the low / expected / high totals, before and after volumes are typed in", () => {
    fc.assert(
      fc.property(profileArbitrary, fc.array(fc.tuple(fc.nat(8), quantity), { maxLength: 4 }), (profile, edits) => {
        const { model, layout } = buildCalculator(profile);
        const wb = exact(model);
        const get = (ref: string) => wb.get(model.name, ref);
        const check = (when: string) => {
          expectTotal(
            get(layout.total),
            layout.lines.map((l) => get(l.tokens)),
            `${profile.rounding}: TOTAL ${when}`,
          );
          for (const level of RATE_LEVELS) {
            const column = layout.lines.map((l) => get(level === "low" ? l.low : level === "mid" ? l.expected : l.high));
            expectTotal(get(layout.range[level].total), column, `${profile.rounding}: ${level} total ${when}`);
          }
        };
        check("as built");
        for (const [line, q] of edits) wb.set(model.name, layout.lines[line].quantity, q);
        if (edits.length > 0) check(`after typing ${JSON.stringify(edits)}`);
      }),
      { numRuns: 40 },
    );
  });

  test("budget: each month's consumption is the sum of its token rows and initiatives; the year is the sum of the months", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const { model, layout } = buildBudget(plan);
        const wb = exact(model);
        const get = (ref: string) => wb.get(model.name, ref);
        for (let i = 0; i < PLAN_MONTHS; i++) {
          const parts = [...layout.lines.map((l) => get(l.tokens[i])), ...layout.initiatives.map((it) => get(it.tokens[i]))];
          expectTotal(get(layout.months.consumption[i]), parts, `${plan.rounding}, month ${i + 1}`);
        }
        for (const row of ["consumption", "overage", "cost", "allocation"] as const) {
          expectTotal(get(layout.year[row]!), layout.months[row].map(get), `${plan.rounding}, year of ${row}`);
        }
      }),
      { numRuns: 15 },
    );
  });
});
