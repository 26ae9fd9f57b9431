/**
 * Column widths and the gate: figure columns are laid out for realistic figures (LARGEST_FIGURE,
 * 999,999,999), so the sheets print readably; every figure cell shrinks to fit its column, so a
 * larger figure that input the gate accepts can give (GATE_LARGEST, from src/core/input-rules.ts)
 * prints smaller rather than as "###". test/xlsx/print.test.ts prints both to PDF.
 */
import { BUDGET_PRESETS, CALCULATOR_PRESETS, computeAnnualPlan, DASHBOARD_PRESETS, estimate, INPUT_RULES as R, InputError, PLAN_MONTHS } from "../../src/core";
import { parseRange } from "../../src/sheets/a1";
import { buildBudget } from "../../src/sheets/budget";
import { buildCalculator } from "../../src/sheets/calculator";
import { buildDashboard } from "../../src/sheets/dashboard";
import { currencyFormat } from "../../src/sheets/formats";
import { DEFAULT_WIDTH, figureWidth, formattedLength, GATE_LARGEST, isFigure, LARGEST_FIGURE } from "../../src/sheets/fit";
import { cellsOf, type Cell, type SheetModel } from "../../src/sheets/model";
import { GATE_MAXIMUM, GATE_MAXIMUM_DASHBOARD, GATE_MAXIMUM_PLAN } from "../fixtures/gate-maximum";
import { cardOf } from "./support";

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

/** The budget's twelve month columns, E to P. */
const MONTH_COLUMNS = Array.from({ length: PLAN_MONTHS }, (_, i) => 4 + i);

describe("the largest figures come from the gate", () => {
  test("the gate's maxima give figures far above the ones columns are laid out for", () => {
    expect(LARGEST_FIGURE).toBe(999_999_999);
    expect(Math.min(...Object.values(GATE_LARGEST).map((l) => l.tokens))).toBeGreaterThan(LARGEST_FIGURE);
    // A year's money is the year's tokens at the largest price, at least.
    expect(GATE_LARGEST.budget.money).toBeGreaterThanOrEqual(GATE_LARGEST.budget.tokens * R.pricePerToken.max);
    expect(GATE_LARGEST.calculator.money).toBeGreaterThanOrEqual(GATE_LARGEST.calculator.tokens * R.pricePerToken.max * 12);
    // The gate's largest per-user line alone: users x own tokens per user.
    expect(GATE_LARGEST.calculator.tokens).toBeGreaterThan(R.users.max * R.tokensPerUser.max);
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
    ["calculator", () => buildCalculator(GATE_MAXIMUM).model],
    ["budget", () => buildBudget(GATE_MAXIMUM_PLAN).model],
    ["dashboard", () => buildDashboard(GATE_MAXIMUM_DASHBOARD).model],
  ] as const)("the %s at the gate's maxima: every figure cell shrinks to fit, no text cell does", (_kind, build) => {
    const model = build();
    const figures = [...cellsOf(model)].filter(({ cell }) => isFigure(cell));
    expect(figures.length).toBeGreaterThan(20);
    expect(figures.filter(({ cell }) => !cell.shrink).map(({ row, col }) => `${row},${col}`)).toEqual([]);
    const shrunkText = [...cellsOf(model)].filter(({ cell }) => cell.shrink && typeof valueOf(cell) === "string" && !isFigure(cell));
    expect(shrunkText.map(({ row, col }) => `${row},${col}`)).toEqual([]);
  });
});

describe("columns laid out for realistic figures", () => {
  const presets: readonly [string, () => SheetModel][] = [
    ...CALCULATOR_PRESETS.map((p) => [`calculator ${p.id}`, () => buildCalculator(p.profile).model] as [string, () => SheetModel]),
    ...BUDGET_PRESETS.map((p) => [`budget ${p.id}`, () => buildBudget(p.plan).model] as [string, () => SheetModel]),
    ...DASHBOARD_PRESETS.map((p) => [`dashboard ${p.id}`, () => buildDashboard(p.dashboard).model] as [string, () => SheetModel]),
  ];

  test.each(presets)("%s: every figure fits its column at full size, up to 999,999,999", (_id, build) => {
    const model = build();
    const widths = widthsOf(model);
    const short: string[] = [];
    for (const { row, col, cell } of cellsOf(model)) {
      const v = valueOf(cell);
      if (!isFigure(cell)) continue;
      const need = figureWidth(cell)!;
      const own = typeof v === "number" ? formattedLength(v, cell.format!)! : 0;
      expect(need).toBeGreaterThanOrEqual(own);
      if (need > roomOf(model, widths, row, col) + 1e-9) short.push(`${row},${col}: ${String(v)} in ${cell.format}`);
    }
    expect(short).toEqual([]);
  });

  test.each(BUDGET_PRESETS.map((p) => [p.id, p.plan] as const))(
    "the %s budget's month columns are at most 18 characters wide, so it prints readably",
    (_id, plan) => {
      const widths = widthsOf(buildBudget(plan).model);
      const months = MONTH_COLUMNS.map((c) => widths.get(c) ?? DEFAULT_WIDTH);
      // Wide enough for 999,999,999 in the money format, and no wider than a readable page allows.
      expect(Math.min(...months)).toBeGreaterThanOrEqual(figureWidth({ formula: "=1", result: 1, format: currencyFormat(plan.currency) })!);
      expect(Math.max(...months)).toBeLessThanOrEqual(18);
    },
  );

  test("a plan's own larger figures widen its columns: the gate-maximum budget prints them at full size", () => {
    const model = buildBudget(GATE_MAXIMUM_PLAN).model;
    const widths = widthsOf(model);
    for (const { row, col, cell } of cellsOf(model)) {
      const v = valueOf(cell);
      if (!isFigure(cell) || typeof v !== "number") continue;
      expect({ row, col, fits: figureWidth(cell)! <= roomOf(model, widths, row, col) + 1e-9 }).toEqual({ row, col, fits: true });
    }
  });
});
