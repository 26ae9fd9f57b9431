/**
 * Column widths from the input gate: the largest figures the sheets are laid out for come from the
 * gate's maxima (src/core/input-rules.ts) and the cards' rates, they hold for a plan at those
 * maxima, and every figure of such a plan fits its column in its format (no "###").
 */
import { computeAnnualPlan, estimate, INPUT_RULES as R, InputError, PLAN_MONTHS } from "../../src/core";
import { parseRange } from "../../src/sheets/a1";
import { buildBudget } from "../../src/sheets/budget";
import { buildCalculator } from "../../src/sheets/calculator";
import { buildDashboard } from "../../src/sheets/dashboard";
import { DEFAULT_WIDTH, figureWidth, formattedLength, GATE_LARGEST, INPUT_LARGEST, LARGEST_FIGURE } from "../../src/sheets/fit";
import { cellsOf, type Cell, type SheetModel } from "../../src/sheets/model";
import { GATE_MAXIMUM, GATE_MAXIMUM_DASHBOARD, GATE_MAXIMUM_PLAN } from "../fixtures/gate-maximum";
import { cardOf } from "./support";

const isMoney = (cell: Cell) => /"[^"]+"/.test(cell.format ?? "");
const valueOf = (cell: Cell) => (cell.formula !== undefined ? cell.result : cell.value);

/** Widths of a model's columns as written (the last width set wins, as in the writers). */
const widthsOf = (model: SheetModel): Map<number, number> => new Map(model.columns.map((c) => [c.col, c.width]));

/** Columns a cell may print across: its own, or its merge's. */
function roomOf(model: SheetModel, widths: Map<number, number>, row: number, col: number): number {
  for (const m of model.merges) {
    const r = parseRange(m);
    if (r.row === row && r.col === col) {
      let w = 0;
      for (let j = 0; j < r.cols; j++) w += widths.get(col + j) ?? DEFAULT_WIDTH;
      return w;
    }
  }
  return widths.get(col) ?? DEFAULT_WIDTH;
}

describe("the largest figures come from the gate", () => {
  test("LARGEST_FIGURE is the largest of the sheets' figures, far above the old billion", () => {
    expect(LARGEST_FIGURE).toBe(Math.max(...Object.values(GATE_LARGEST).flatMap((l) => [l.tokens, l.money])));
    expect(LARGEST_FIGURE).toBeGreaterThan(999_999_999);
    // A year's money is the year's tokens at the largest price, at least.
    expect(GATE_LARGEST.budget.money).toBeGreaterThanOrEqual(GATE_LARGEST.budget.tokens * R.pricePerToken.max);
    expect(GATE_LARGEST.calculator.money).toBeGreaterThanOrEqual(GATE_LARGEST.calculator.tokens * R.pricePerToken.max * 12);
    // The gate's largest per-user line alone: users x own tokens per user.
    expect(GATE_LARGEST.calculator.tokens).toBeGreaterThan(R.users.max * R.tokensPerUser.max);
    expect(INPUT_LARGEST).toEqual({ tokens: R.tokens.max, money: R.pricePerToken.max });
  });

  test("a calculator at the gate's maxima stays within the calculator's largest figures", () => {
    const e = estimate(GATE_MAXIMUM, cardOf(GATE_MAXIMUM.card));
    if (e instanceof InputError) throw new Error(e.message);
    expect(e.total).toBeGreaterThan(1e10);
    expect(e.total).toBeLessThanOrEqual(GATE_LARGEST.calculator.tokens);
    expect(e.annualCost).toBeLessThanOrEqual(GATE_LARGEST.calculator.money);
  });

  test("a budget at the gate's maxima stays within the budget's largest figures", () => {
    const res = computeAnnualPlan(GATE_MAXIMUM_PLAN, cardOf(GATE_MAXIMUM_PLAN.card));
    if (res instanceof InputError) throw new Error(res.message);
    expect(res.months).toHaveLength(PLAN_MONTHS);
    expect(res.annualBudgetTokens).toBeLessThanOrEqual(GATE_LARGEST.budget.tokens);
    expect(res.annualBudgetCost).toBeLessThanOrEqual(GATE_LARGEST.budget.money);
    expect(res.annualCost).toBeLessThanOrEqual(GATE_LARGEST.budget.money);
  });

  test.each([
    ["calculator", () => buildCalculator(GATE_MAXIMUM).model, GATE_LARGEST.calculator],
    ["budget", () => buildBudget(GATE_MAXIMUM_PLAN).model, GATE_LARGEST.budget],
    ["dashboard", () => buildDashboard(GATE_MAXIMUM_DASHBOARD).model, GATE_LARGEST.dashboard],
  ] as const)("the %s at the gate's maxima: every figure within its bound and fitting its column in its format", (_kind, build, largest) => {
    const model = build();
    const widths = widthsOf(model);
    const over: string[] = [];
    const hashes: string[] = [];
    for (const { row, col, cell } of cellsOf(model)) {
      const v = valueOf(cell);
      if (typeof v !== "number" || !cell.format) continue;
      const chars = formattedLength(v, cell.format);
      if (chars === undefined) continue;
      const percent = cell.format.includes("%");
      const bound = cell.style === "input" ? (isMoney(cell) ? INPUT_LARGEST.money : INPUT_LARGEST.tokens) : isMoney(cell) ? largest.money : largest.tokens;
      if (!percent && Math.abs(v) > bound) over.push(`${row},${col}: ${v} over ${bound}`);
      // The width the figure needs, as the sheet was laid out for it, is there.
      if (figureWidth(cell, largest)! > roomOf(model, widths, row, col) + 1e-9) hashes.push(`${row},${col}: ${v} in ${cell.format}`);
    }
    expect(over).toEqual([]);
    expect(hashes).toEqual([]);
  });
});
