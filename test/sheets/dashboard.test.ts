import { fc } from "../properties/count"; // fast-check, with each fc.assert's runs counted for the test report
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import {
  ADVICE_BANDS,
  CARDS as SHIPPED_CARDS,
  compileContract,
  computeDashboard,
  dashboardFromImport,
  findBudgetPreset,
  getCard,
  importUsageCsv,
  InputError,
  MARCH_2026,
  OTHER_FEATURE,
  TREND_RULE,
  useOwnCard,
  varianceFromPlan,
  type CompiledCard,
  type DashboardResult,
  type UsageDashboard,
} from "../../src/core";
import { a1, parseA1 } from "../../src/sheets/a1";
import { buildBudget, BUDGET_SHEET_NAME, committedSourceLabel } from "../../src/sheets/budget";
import { planFromJson, planToJson } from "../../src/plan/plan-file";
import { SheetBuilder } from "../../src/sheets/builder";
import {
  budgetMonthlyRange,
  budgetReference,
  BUDGET_MONTHLY_NAME,
  buildDashboard,
  buildDashboardSheet,
  DASHBOARD_SHEET_NAME,
  InvalidDashboardError,
  type DashboardLayout,
} from "../../src/sheets/dashboard";
import { PERCENT_FORMAT, TEXT_FORMAT } from "../../src/sheets/formats";
import { HEALTH_STYLES } from "../../src/sheets/health-block";
import { cellsOf, type Cell, type SheetModel } from "../../src/sheets/model";
import { writeWorkbook } from "../../src/xlsx/write-workbook";
import type { Workbook } from "../helpers/formula-engine";
import { findSoffice, recalculateWithLibreOffice } from "../xlsx/libreoffice";
import { readBack, type ReadBack } from "../xlsx/read-back";
import { DASHBOARD_EXAMPLE } from "../fixtures/worked-examples";
import { BY_HAND, CONTRACT_JSON } from "../fixtures/contract-example";
import { evaluateExact, formulaProblems, resultMismatches } from "./support";

const SHEET = DASHBOARD_SHEET_NAME;

const core = (d: UsageDashboard): DashboardResult => {
  const r = computeDashboard(d);
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};

const cellAt = (model: SheetModel, ref: string): Cell | undefined => {
  const { row, col } = parseA1(ref);
  for (const c of cellsOf(model)) if (c.row === row && c.col === col) return c.cell;
  return undefined;
};

/** The figures of a dashboard sheet as the engine computes them. */
function sheetFigures(wb: Workbook, l: DashboardLayout, sheet = SHEET) {
  const get = (ref: string) => wb.get(sheet, ref);
  return {
    consumed: get(l.consumed),
    remaining: get(l.remaining),
    available: get(l.available),
    utilisation: get(l.utilisation),
    projected: get(l.projected),
    projectedUtilisation: get(l.projectedUtilisation),
    projectedOverage: get(l.projectedOverage),
    health: get(l.health),
    advice: get(l.advice),
    shares: l.features.map((f) => get(f.share)),
    changes: l.weeks.slice(1).map((w) => [get(w.change), get(w.changeShare)]),
    trend: get(l.trend),
    // An empty input (an actual not known yet) reads null; a formula's empty result "".
    variance: l.variance.map((v) => [get(v.budgeted), get(v.actual) ?? "", get(v.compared), get(v.variance), get(v.varianceShare)]),
    total: l.varianceTotal
      ? [l.varianceTotal.budgeted, l.varianceTotal.actual, l.varianceTotal.compared, l.varianceTotal.variance, l.varianceTotal.varianceShare].map(get)
      : null,
  };
}

/** The same figures as the core computes them ("" where the core has no value, as the sheet shows it). */
function coreFigures(d: UsageDashboard) {
  const r = core(d);
  const blank = <T>(x: T | null) => (x === null ? "" : x);
  return {
    consumed: blank(r.consumed),
    remaining: blank(r.remaining),
    available: blank(r.available),
    utilisation: blank(r.utilisation),
    projected: blank(r.projected),
    projectedUtilisation: blank(r.projectedUtilisation),
    projectedOverage: blank(r.projectedOverage),
    health: blank(r.health),
    advice: r.advice,
    shares: r.features.map((f) => blank(f.share)),
    changes: r.weeks.slice(1).map((w) => [blank(w.change), blank(w.changeShare)]),
    trend: blank(r.trend),
    variance: r.variance.map((m) => [m.budgeted, blank(m.actual), blank(m.compared), blank(m.variance), blank(m.varianceShare)]),
    total: r.varianceTotal
      ? [
          r.varianceTotal.budgeted,
          blank(r.varianceTotal.actual),
          blank(r.varianceTotal.compared),
          blank(r.varianceTotal.variance),
          blank(r.varianceTotal.varianceShare),
        ]
      : null,
  };
}

const formulas = (model: SheetModel): string[] => [...cellsOf(model)].flatMap(({ cell }) => (cell.formula ? [cell.formula] : []));

describe("the notes' March 2026 dashboard in a real formula engine", () => {
  const { model, layout } = buildDashboard(MARCH_2026);
  const wb = evaluateExact(model);

  test("via the sheet-scoped names: Consumed 19,810, Remaining 30,190, Utilization 39.6%, Health GREEN, ProjectedMonthEnd 19,810", () => {
    expect(wb.name(SHEET, "Consumed")).toBe(DASHBOARD_EXAMPLE.consumed);
    expect(wb.name(SHEET, "Remaining")).toBe(DASHBOARD_EXAMPLE.remaining);
    expect(wb.name(SHEET, "Utilization")).toBe(DASHBOARD_EXAMPLE.utilisation);
    expect(wb.name(SHEET, "Health")).toBe(DASHBOARD_EXAMPLE.health);
    expect(wb.name(SHEET, "ProjectedMonthEnd")).toBe(DASHBOARD_EXAMPLE.consumed);
    expect(model.names.map((n) => n.name)).toEqual(["Consumed", "Remaining", "Utilization", "Health", "ProjectedMonthEnd"]);
  });

  test("60% available, the shares of the notes, the weekly figures, a stable trend and the advice to grow", () => {
    expect(wb.get(SHEET, layout.available)).toBe(DASHBOARD_EXAMPLE.available);
    const shares = Object.fromEntries(layout.features.map((f) => [f.feature, wb.get(SHEET, f.share) as number]));
    for (const [id, share] of Object.entries(DASHBOARD_EXAMPLE.shares)) expect(shares[id]).toBeCloseTo(share, id === "messaging" || id === "translate" ? 4 : 3);
    expect(layout.weeks.map((w) => wb.get(SHEET, w.tokens))).toEqual([...DASHBOARD_EXAMPLE.weekly]);
    expect(wb.get(SHEET, layout.trend)).toBe("stable");
    expect(wb.get(SHEET, layout.advice)).toBe(ADVICE_BANDS[0].advice);
  });

  test("every figure is the core's, and every formula's engine value is its cached result", () => {
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(MARCH_2026));
    expect(resultMismatches(wb, model)).toEqual([]);
  });

  test("native functions only: nothing newer than Excel 2016, nothing LibreOffice lacks, no custom functions", () => {
    const problems = formulas(model).flatMap(formulaProblems);
    expect(problems).toEqual([]);
    expect(formulas(model).length).toBeGreaterThan(30);
  });

  test("inputs are input-styled values; outputs are formulas", () => {
    const inputs = [
      layout.allocation,
      layout.daysElapsed,
      layout.daysInPeriod,
      ...layout.features.map((f) => f.tokens),
      ...layout.weeks.map((w) => w.tokens),
      ...layout.variance.map((v) => v.budgeted),
      layout.trendThreshold,
    ];
    for (const ref of inputs) expect([ref, cellAt(model, ref)?.style, cellAt(model, ref)?.formula]).toEqual([ref, "input", undefined]);
    for (const ref of [layout.consumed, layout.remaining, layout.available, layout.utilisation, layout.projected, layout.health, layout.advice, layout.trend]) {
      expect(cellAt(model, ref)?.formula).toMatch(/^=/);
    }
    // January and February actuals are typed; March's follows Total consumed.
    expect(layout.variance.map((v) => cellAt(model, v.actual)?.formula)).toEqual([undefined, undefined, `=$B$14`]);
    expect(layout.consumed).toBe("B14");
  });

  test("health is coloured by three conditional formats reading the bands' status cells", () => {
    const cfs = model.conditionalFormats.filter((cf) => cf.range === layout.health);
    expect(cfs.map((cf) => cf.style)).toEqual(Object.values(HEALTH_STYLES));
    const statusCells = layout.rules.health.map((h) => h.statusRef);
    cfs.forEach((cf, i) => expect(cf.formula).toBe(`=$B$21=${statusCells[i]}`));
  });

  test("variance cells over budget are red, under green; an empty variance is not coloured", () => {
    const v = model.conditionalFormats.filter((cf) => cf.range.startsWith("E"));
    const first = parseA1(layout.variance[0].variance).row + 1;
    const range = `E${first}:F${parseA1(layout.varianceTotal!.variance).row + 1}`;
    expect(v.map((cf) => [cf.range, cf.formula, cf.style])).toEqual([
      [range, `=AND(ISNUMBER($E${first}),$E${first}>0)`, "bad"],
      [range, `=AND(ISNUMBER($E${first}),$E${first}<0)`, "good"],
    ]);
  });

  test("a pie chart of consumption by feature over the feature rows, and a column chart of the weeks", () => {
    const [chart, weekly] = model.charts;
    expect(model.charts).toHaveLength(2);
    expect(chart.type).toBe("pie");
    const first = layout.features[0].tokens;
    const last = layout.features[layout.features.length - 1].tokens;
    expect(chart.series[0].values).toBe(`${first}:${last}`);
    expect(chart.categories).toBe(`A${parseA1(first).row + 1}:A${parseA1(last).row + 1}`);
    expect(wb.get(SHEET, chart.categories.split(":")[0])).toBe("Agent Copilot");
    // The weekly trend as columns over the weeks' rows.
    expect(weekly.type).toBe("column");
    expect(weekly.series[0].values).toBe(`${layout.weeks[0].tokens}:${layout.weeks[layout.weeks.length - 1].tokens}`);
  });

  test("the rules are cells: thresholds from HEALTH_BANDS and ADVICE_BANDS, the trend threshold from TREND_RULE", () => {
    expect(wb.get(SHEET, layout.trendThreshold)).toBe(TREND_RULE.threshold);
    expect(cellAt(model, layout.trendThreshold)?.format).toBe(PERCENT_FORMAT);
    expect(layout.rules.health.map((h) => wb.get(SHEET, h.statusRef))).toEqual(["GREEN", "AMBER", "RED"]);
    expect(layout.rules.bands.map((a) => wb.get(SHEET, a.adviceRef))).toEqual(ADVICE_BANDS.map((b) => b.advice));
  });
});

describe("editing a cell recalculates as the core says", () => {
  test("an actual, a week, the allocation and the days", () => {
    const { model, layout } = buildDashboard(MARCH_2026);
    const wb = evaluateExact(model);
    const copilot = layout.features.findIndex((f) => f.feature === "copilot");
    wb.set(SHEET, layout.features[copilot].tokens, 31000);
    // March's variance row reads Total consumed: the core's input changes with it.
    let d: UsageDashboard = {
      ...MARCH_2026,
      features: MARCH_2026.features.map((f) => (f.feature === "copilot" ? { ...f, tokens: 31000 } : f)),
      variance: MARCH_2026.variance!.map((m) => (m.month === "March 2026" ? { ...m, actual: 39810 } : m)),
    };
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
    expect(wb.name(SHEET, "Consumed")).toBe(39810);
    expect(wb.name(SHEET, "Health")).toBe("GREEN");
    // The period's own variance row follows.
    expect(wb.get(SHEET, layout.variance[2].variance)).toBe(39810 - 21000);

    wb.set(SHEET, layout.weeks[3].tokens, 4000);
    d = { ...d, weekly: [4500, 4200, 5300, 4000] };
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
    expect(wb.get(SHEET, layout.trend)).toBe("falling");

    wb.set(SHEET, layout.allocation, 45000);
    wb.set(SHEET, layout.daysElapsed, 20);
    d = { ...d, allocation: 45000, daysElapsed: 20 };
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
    expect(wb.name(SHEET, "ProjectedMonthEnd")).toBe((39810 / 20) * 31);
    expect(wb.name(SHEET, "Health")).toBe("RED");
  });

  test("health flips GREEN -> AMBER -> RED at 80% and 100% of the allocation, on the projection", () => {
    const d: UsageDashboard = { ...MARCH_2026, features: [{ feature: "copilot", tokens: 40000 }], weekly: [], variance: [] };
    const { model, layout } = buildDashboard(d);
    const wb = evaluateExact(model);
    const at = (tokens: number, elapsed = 31) => {
      wb.set(SHEET, layout.features[0].tokens, tokens);
      wb.set(SHEET, layout.daysElapsed, elapsed);
      const expected = core({ ...d, features: [{ feature: "copilot", tokens }], daysElapsed: elapsed }).health;
      const got = wb.name(SHEET, "Health");
      expect(got).toBe(expected);
      return got;
    };
    expect(at(40000)).toBe("GREEN"); // 80% exactly
    expect(at(40001)).toBe("AMBER");
    expect(at(50000)).toBe("AMBER"); // 100% exactly
    expect(at(50001)).toBe("RED");
    // Mid-month, the pace decides: 20,000 in 10 of 31 days projects to 62,000.
    expect(at(20000, 10)).toBe("RED");
    expect(at(12000, 10)).toBe("GREEN"); // 37,200
    expect(at(13000, 10)).toBe("AMBER"); // 40,300
  });

  test("editing a threshold moves the band", () => {
    const { model, layout } = buildDashboard(MARCH_2026);
    const wb = evaluateExact(model);
    wb.set(SHEET, layout.rules.bands[0].upToRef, 0.3);
    wb.set(SHEET, layout.rules.bands[1].upToRef, 0.3);
    expect(wb.name(SHEET, "Health")).toBe("AMBER");
    wb.set(SHEET, layout.trendThreshold, 0.05);
    expect(wb.get(SHEET, layout.trend)).toBe("rising");
  });
});

/** Random dashboards on either card: features, weeks, variance rows, days. */
const CARDS = ["study-notes", "genesys-published"] as const;
const tokens = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 120_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 400_000 }).map((n) => n / 4) },
);
const dashboardArbitrary: fc.Arbitrary<UsageDashboard> = fc
  .record({
    card: fc.constantFrom(...CARDS),
    allocation: fc.oneof(fc.integer({ min: 1, max: 300_000 }), fc.constantFrom(250, 50_000, 62_500)),
    featureCount: fc.integer({ min: 1, max: 9 }),
    featureTokens: fc.array(tokens, { minLength: 9, maxLength: 9 }),
    withOther: fc.boolean(),
    weekly: fc.array(tokens, { maxLength: 6 }),
    days: fc.integer({ min: 28, max: 31 }),
    elapsedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    variance: fc.array(fc.record({ budgeted: tokens, actual: tokens }), { maxLength: 12 }),
    period: fc.string({ maxLength: 20 }),
  })
  .map((x) => {
    const card = getCard(x.card) as CompiledCard;
    const ids = card.card.features.map((f) => f.id).slice(0, x.featureCount);
    const features = ids.map((feature, i) => ({ feature, tokens: x.featureTokens[i] }));
    if (x.withOther) features.push({ feature: OTHER_FEATURE.id, tokens: x.featureTokens[8] });
    return {
      period: x.period,
      card: x.card,
      allocation: x.allocation,
      features,
      weekly: x.weekly,
      daysInPeriod: x.days,
      daysElapsed: Math.max(1, Math.round(x.elapsedShare * x.days)),
      variance: x.variance.map((v, i) => ({ month: `Month ${i + 1}`, ...v })),
    };
  });

describe("random dashboards: the engine computes what the core computes", () => {
  test("health, projection, utilisation, shares, weekly changes, trend and variance, and every cached result", () => {
    fc.assert(
      fc.property(dashboardArbitrary, (d) => {
        const { model, layout } = buildDashboard(d);
        const wb = evaluateExact(model);
        expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
        expect(resultMismatches(wb, model)).toEqual([]);
        expect(formulas(model).flatMap(formulaProblems)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("typing random figures into one sheet recalculates to the core's figures", () => {
    const start: UsageDashboard = {
      ...MARCH_2026,
      features: MARCH_2026.features.slice(0, 3),
      weekly: [1, 2, 3, 4],
      variance: MARCH_2026.variance!.slice(0, 2),
    };
    const { model, layout } = buildDashboard(start);
    const wb = evaluateExact(model);
    const input = fc.record({
      allocation: fc.integer({ min: 1, max: 200_000 }),
      features: fc.array(tokens, { minLength: 3, maxLength: 3 }),
      weekly: fc.array(tokens, { minLength: 4, maxLength: 4 }),
      elapsed: fc.integer({ min: 1, max: 31 }),
      budgets: fc.array(tokens, { minLength: 2, maxLength: 2 }),
      actuals: fc.array(tokens, { minLength: 2, maxLength: 2 }),
    });
    fc.assert(
      fc.property(input, (x) => {
        wb.engine.batch(() => {
          wb.set(SHEET, layout.allocation, x.allocation);
          wb.set(SHEET, layout.daysElapsed, x.elapsed);
          layout.features.forEach((f, i) => wb.set(SHEET, f.tokens, x.features[i]));
          layout.weeks.forEach((w, i) => wb.set(SHEET, w.tokens, x.weekly[i]));
          layout.variance.forEach((v, i) => {
            wb.set(SHEET, v.budgeted, x.budgets[i]);
            wb.set(SHEET, v.actual, x.actuals[i]);
          });
        });
        const d: UsageDashboard = {
          ...start,
          allocation: x.allocation,
          daysElapsed: x.elapsed,
          features: start.features.map((f, i) => ({ ...f, tokens: x.features[i] })),
          weekly: x.weekly,
          variance: start.variance!.map((m, i) => ({ ...m, budgeted: x.budgets[i], actual: x.actuals[i] })),
        };
        expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
      }),
      { numRuns: 150 },
    );
  });
});

describe("the variance table and the annual budget sheet", () => {
  const plan = findBudgetPreset("growth")!.plan;
  const budget = buildBudget(plan);

  test("a real budget sheet: the budgeted tokens are its forecast months, and follow its edits", () => {
    // April to June 2026 reviewed: the plan's first three months.
    const variance = varianceFromPlan(budget.result, { "2026-04": 19500, "2026-05": 20100, "2026-06": 19810 });
    const d: UsageDashboard = { ...MARCH_2026, period: "June 2026", daysInPeriod: 30, daysElapsed: 30, variance };
    const { model, layout } = buildDashboard(d, { budgetSheetName: BUDGET_SHEET_NAME, budgetMonthlyRef: budgetMonthlyRange(budget.layout) });
    const wb = evaluateExact(budget.model, model);
    expect(layout.variance.map((v) => wb.get(SHEET, v.budgeted))).toEqual(budget.result.months.slice(0, 3).map((m) => m.consumption));
    expect(layout.variance.map((v) => cellAt(model, v.budgeted)?.formula)).toEqual(
      budget.layout.months.consumption.slice(0, 3).map((ref) => `='${BUDGET_SHEET_NAME}'!${ref.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")}`),
    );
    expect(resultMismatches(wb, model)).toEqual([]);
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
    // June's actual is the period's consumption (19,810 of the dashboard's features).
    expect(wb.get(SHEET, layout.variance[2].actual)).toBe(19810);
    // Double the plan's May seasonality: the May budget on the dashboard doubles with the budget sheet's forecast.
    const mayMultiplier = budget.layout.months.multiplier[1];
    wb.set(BUDGET_SHEET_NAME, mayMultiplier, 2);
    const mayForecast = wb.get(BUDGET_SHEET_NAME, budget.layout.months.consumption[1]);
    expect(mayForecast).not.toBe(budget.result.months[1].consumption);
    expect(wb.get(SHEET, layout.variance[1].budgeted)).toBe(mayForecast);
    expect(wb.get(SHEET, layout.variance[1].variance)).toBe(20100 - (mayForecast as number));
  });

  test("a stand-in budget sheet with the contract (twelve months in a row): months are read by their place in the plan", () => {
    const b = new SheetBuilder("Budget 2026");
    for (let k = 0; k < 12; k++) b.put(9, 4 + k, { value: 1000 * (k + 1) });
    b.define(BUDGET_MONTHLY_NAME, "E10:P10");
    const standIn = b.build();
    const variance = [
      { month: "March 2026", budgeted: 3000, actual: 19810, budgetIndex: 2 },
      { month: "December 2026", budgeted: 12000, actual: 500, budgetIndex: 11 },
      { month: "Typed", budgeted: 7, actual: 5 }, // no place in the plan: typed
    ];
    const d: UsageDashboard = { ...MARCH_2026, variance };
    const { model, layout } = buildDashboard(d, { budgetSheetName: "Budget 2026", budgetMonthlyRef: "E10:P10" });
    const wb = evaluateExact(standIn, model);
    expect(layout.variance.map((v) => wb.get(SHEET, v.budgeted))).toEqual([3000, 12000, 7]);
    expect(layout.variance.map((v) => cellAt(model, v.budgeted)?.style)).toEqual([undefined, undefined, "input"]);
    expect(resultMismatches(wb, model)).toEqual([]);
    wb.set("Budget 2026", "G10", 2500);
    expect(wb.get(SHEET, layout.variance[0].variance)).toBe(19810 - 2500);
    // A column works as well as a row.
    expect(budgetReference("Budget 2026", 3, "$C$5:$C$16")).toBe("='Budget 2026'!$C$8");
  });

  test("by default the budget is read through the budget sheet's MonthlyTokens name (Excel resolves sheet-scoped names)", () => {
    expect(BUDGET_MONTHLY_NAME).toBe("MonthlyTokens");
    expect(budget.model.names.find((n) => n.name === BUDGET_MONTHLY_NAME)?.ref).toBe(budgetMonthlyRange(budget.layout));
    const d: UsageDashboard = { ...MARCH_2026, variance: [{ month: "April 2026", budgeted: 1, actual: 2, budgetIndex: 0 }] };
    const { model, layout } = buildDashboard(d, { budgetSheetName: "Annual Budget" });
    expect(cellAt(model, layout.variance[0].budgeted)?.formula).toBe("=INDEX('Annual Budget'!MonthlyTokens,1,1)");
    expect(formulas(model).flatMap(formulaProblems)).toEqual([]);
    expect(() => budgetReference("B", 0, "A1:B2")).toThrow(/one row or one column/);
  });

  test("without a budget sheet the budgets are typed inputs", () => {
    const { model, layout } = buildDashboard(MARCH_2026);
    expect(layout.variance.map((v) => [cellAt(model, v.budgeted)?.value, cellAt(model, v.budgeted)?.style])).toEqual([
      [20000, "input"],
      [19000, "input"],
      [21000, "input"],
    ]);
  });
});

describe("user text stays text", () => {
  test("a period label or month label that looks like a formula is written as a plain text value", () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@SUM(A1:A2)"];
    const d: UsageDashboard = { ...MARCH_2026, period: hostile[0], variance: hostile.map((month, i) => ({ month, budgeted: i, actual: i })) };
    const { model, layout } = buildDashboard(d);
    const period = cellAt(model, layout.period)!;
    expect([period.value, period.formula, period.format]).toEqual([hostile[0], undefined, TEXT_FORMAT]);
    layout.variance.forEach((v, i) => {
      const c = cellAt(model, v.month)!;
      expect([c.value, c.formula, c.format]).toEqual([hostile[i], undefined, TEXT_FORMAT]);
    });
    const wb = evaluateExact(model);
    expect(wb.get(SHEET, layout.period)).toBe(hostile[0]);
    expect(layout.variance.map((v) => wb.get(SHEET, v.month))).toEqual(hostile);
    // No formula anywhere holds the user's text.
    for (const f of formulas(model)) expect(f).not.toMatch(/HYPERLINK|evil/);
  });

  test("an import's hostile names never reach the sheet: names come from the card", () => {
    const text = "Date,Feature,Quantity\n2026-03-02,\"=cmd|' /C calc'!A0\",5\n2026-03-02,+Agent Copilot,7\n";
    const imp = importUsageCsv(text);
    if (imp instanceof InputError) throw new Error(imp.message);
    const d = dashboardFromImport(imp, 1000);
    if (d instanceof InputError) throw new Error(d.message);
    const model = buildDashboardSheet(d);
    const texts = [...cellsOf(model)].map(({ cell }) => String(cell.value ?? cell.formula ?? ""));
    expect(texts.some((t) => /cmd|\+Agent/.test(t))).toBe(false);
    expect(texts).toContain("Agent Copilot");
  });
});

describe("from the usage report fixture to a sheet", () => {
  test("the imported March evaluates to the notes' figures", () => {
    const imp = importUsageCsv(readFileSync(resolve(__dirname, "../fixtures/usage/genesys-usage-report-march-2026.csv"), "utf8"));
    if (imp instanceof InputError) throw new Error(imp.message);
    const d = dashboardFromImport(imp, 50000, { budgets: { "2026-03": 21000 } });
    if (d instanceof InputError) throw new Error(d.message);
    const { model, layout } = buildDashboard(d);
    const wb = evaluateExact(model);
    expect([wb.name(SHEET, "Consumed"), wb.name(SHEET, "Remaining"), wb.name(SHEET, "Health")]).toEqual([19810, 30190, "GREEN"]);
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
    expect(resultMismatches(wb, model)).toEqual([]);
  });
});

describe("building", () => {
  test("a bad dashboard is refused with the core's message", () => {
    expect(() => buildDashboardSheet({ ...MARCH_2026, allocation: 0 })).toThrow(InvalidDashboardError);
    expect(() => buildDashboardSheet({ ...MARCH_2026, features: [{ feature: "telepathy", tokens: 1 }] })).toThrow(/telepathy/);
  });

  test("the sheet name is an option; the layout is the same", () => {
    const a = buildDashboard(MARCH_2026);
    const b = buildDashboard(MARCH_2026, { sheetName: "March" });
    expect(b.model.name).toBe("March");
    expect(b.layout).toEqual(a.layout);
  });

  test("one or no week: no trend, and no formula for it", () => {
    for (const weekly of [[], [5]]) {
      const { model, layout } = buildDashboard({ ...MARCH_2026, weekly, variance: [] });
      expect(cellAt(model, layout.trend)).toMatchObject({ value: "" });
      expect(layout.varianceTotal).toBeUndefined();
      const wb = evaluateExact(model);
      expect(resultMismatches(wb, model)).toEqual([]);
    }
  });

  test("a cell's address as the layout gives it", () => {
    const { layout } = buildDashboard(MARCH_2026);
    expect([layout.allocation, layout.daysElapsed, layout.daysInPeriod, layout.health, layout.advice]).toEqual(["B6", "B8", "B9", "B21", "B22"]);
    expect(layout.committed).toBe("B7");
    expect(a1(parseA1(layout.features[0].tokens).row, 0)).toBe("A26");
  });
});

/**
 * The same sheets recalculated by LibreOffice from files written without cached values: the
 * budget link through the budget sheet's MonthlyTokens name (INDEX of a sheet-scoped name on another
 * sheet, which the test engine cannot parse) and through cell references. Without LibreOffice the
 * block is skipped with a warning, except in CI (process.env.CI), where it fails, as the xlsx suite does.
 */
const soffice = findSoffice();
if (!soffice && !process.env.CI) {
  console.warn("LibreOffice (soffice) is not installed: the dashboard's recalculation tests are skipped. Install libreoffice-calc-nogui to run them.");
}

test("LibreOffice is available where it must be (CI)", () => {
  if (process.env.CI) expect(soffice).toBeDefined();
});

(soffice ? describe : describe.skip)("LibreOffice computes the dashboard's figures", () => {
  const plan = findBudgetPreset("growth")!.plan;
  const budget = buildBudget(plan);
  const variance = varianceFromPlan(budget.result, { "2026-04": 19500, "2026-05": 20100, "2026-06": 19810 });
  const linked: UsageDashboard = { ...MARCH_2026, period: "June 2026", daysInPeriod: 30, daysElapsed: 30, variance };
  const byName = buildDashboard(linked, { sheetName: "By name", budgetSheetName: BUDGET_SHEET_NAME });
  const byCells = buildDashboard(linked, { sheetName: "By cells", budgetSheetName: BUDGET_SHEET_NAME, budgetMonthlyRef: budgetMonthlyRange(budget.layout) });
  const midMonth = buildDashboard(
    { ...MARCH_2026, daysElapsed: 12, weekly: [4500, 0], variance: [{ month: "x", budgeted: 0, actual: 3 }] },
    { sheetName: "Mid-month" },
  );
  let back: ReadBack;
  let work = "";

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "dashboard-lo-"));
    const file = join(work, "dashboard.xlsx");
    writeFileSync(file, await writeWorkbook([budget.model, byName.model, byCells.model, midMonth.model], { cachedResults: false }));
    const [out] = recalculateWithLibreOffice(soffice!, [file], join(work, "out"), work);
    back = await readBack(readFileSync(out));
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const close = (got: unknown, want: unknown): boolean =>
    typeof got === "number" && typeof want === "number"
      ? Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want))
      : Object.is(got, want) || (want === "" && got === undefined);

  const mismatches = (model: SheetModel): string[] => {
    const out: string[] = [];
    for (const { row, col, cell } of cellsOf(model)) {
      if (cell.formula === undefined) continue;
      const got = back.raw(model.name, a1(row, col));
      if (got.formula === undefined) out.push(`${a1(row, col)}: no formula after LibreOffice`);
      else if (!close(got.value, cell.result))
        out.push(`${a1(row, col)} ${cell.formula}: LibreOffice ${JSON.stringify(got.value)}, core ${JSON.stringify(cell.result)}`);
    }
    return out;
  };

  test("every formula of both linked dashboards and a mid-month one gives the core's value", () => {
    expect(mismatches(byName.model)).toEqual([]);
    expect(mismatches(byCells.model)).toEqual([]);
    expect(mismatches(midMonth.model)).toEqual([]);
  });

  test("the budgeted tokens are the budget sheet's forecast, read through its MonthlyTokens name", () => {
    expect(byName.layout.variance.map((v) => back.raw("By name", v.budgeted).value)).toEqual(budget.result.months.slice(0, 3).map((m) => m.consumption));
    expect(back.rawNamed("By name", "Health").value).toBe("GREEN");
  });
});

describe("never an invented actual, totals only, partial periods, committed tokens", () => {
  const template: UsageDashboard = {
    period: "April 2026",
    card: "study-notes",
    allocation: 50000,
    features: [
      { feature: "copilot", tokens: null },
      { feature: "virtualagent", tokens: null },
    ],
    weekly: [null, null, null, null, null],
    daysElapsed: 30,
    daysInPeriod: 30,
    variance: [
      { month: "April 2026", budgeted: 19810, actual: null },
      { month: "May 2026", budgeted: 20000, actual: null },
    ],
  };

  test("a template without actuals: empty inputs, empty figures, no error value; typing actuals fills them", () => {
    const { model, layout } = buildDashboard(template);
    expect(layout.features.map((f) => cellAt(model, f.tokens))).toEqual(
      layout.features.map(() => ({ style: "input", format: expect.any(String), shrink: true })),
    );
    const wb = evaluateExact(model);
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(template));
    for (const ref of [layout.consumed, layout.health, layout.trend, layout.varianceTotal!.actual, layout.varianceTotal!.variance])
      expect(wb.get(SHEET, ref)).toBe("");
    expect(resultMismatches(wb, model)).toEqual([]);
    wb.set(SHEET, layout.features[0].tokens, 12000);
    wb.set(SHEET, layout.weeks[0].tokens, 5000);
    wb.set(SHEET, layout.weeks[1].tokens, 7000);
    wb.set(SHEET, layout.variance[1].actual, 21000);
    const typed: UsageDashboard = {
      ...template,
      features: [{ feature: "copilot", tokens: 12000 }, template.features[1]],
      weekly: [5000, 7000, null, null, null],
      variance: [
        { ...template.variance![0], actual: 12000 },
        { ...template.variance![1], actual: 21000 },
      ],
    };
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(typed));
    expect(wb.get(SHEET, layout.trend)).toBe("rising");
    expect(wb.get(SHEET, layout.variance[1].variance)).toBe(1000);
  });

  test("totals only: one All AI features line, no shares, no pie, and a note saying the data has no breakdown", () => {
    const { model, layout } = buildDashboard({ ...MARCH_2026, features: [{ feature: "all", tokens: 19810 }], varianceExample: false });
    expect(layout.features).toHaveLength(1);
    expect(cellAt(model, a1(parseA1(layout.features[0].tokens).row, 0))?.value).toBe("All AI features");
    expect(cellAt(model, layout.features[0].share)).toBeUndefined();
    expect(model.charts.filter((c) => c.type === "pie")).toEqual([]);
    expect(cellAt(model, layout.noBreakdown!)?.value).toMatch(/no per-feature breakdown/);
    expect(evaluateExact(model).name(SHEET, "Consumed")).toBe(19810);
  });

  test("the notes' preset labels its variance rows as an example on the sheet; the days hint comes from the month", () => {
    const { model } = buildDashboard(MARCH_2026);
    const texts = [...cellsOf(model)].map(({ cell }) => cell.value).filter((v): v is string => typeof v === "string");
    expect(texts.some((t) => /^Example figures, not from the study notes/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith("31 for March 2026"))).toBe(true);
    const feb = buildDashboard({ ...simpleFebruary() });
    const febTexts = [...cellsOf(feb.model)].map(({ cell }) => cell.value).filter((v): v is string => typeof v === "string");
    expect(febTexts.some((t) => t.startsWith("28 for February 2027"))).toBe(true);
    expect(febTexts.some((t) => /^Example figures/.test(t))).toBe(false);
  });

  test("partial: 7 of 31 days marked, the projection and the month's variance use the days covered", () => {
    const d: UsageDashboard = {
      ...MARCH_2026,
      features: [{ feature: "copilot", tokens: 4800 }],
      weekly: [],
      daysElapsed: 7,
      varianceExample: false,
      variance: [{ month: "March 2026", budgeted: 21000, actual: 4800 }],
    };
    const { model, layout } = buildDashboard(d);
    const wb = evaluateExact(model);
    expect(wb.get(SHEET, layout.coverage)).toMatch(/^partial \(7 of 31 days\)/);
    expect(wb.get(SHEET, layout.variance[0].marker)).toBe("partial (7 of 31 days): budget pro-rated");
    expect(wb.get(SHEET, layout.variance[0].compared)).toBeCloseTo((21000 * 7) / 31, 9);
    expect(sheetFigures(wb, layout)).toEqual(coreFigures(d));
    wb.set(SHEET, layout.daysElapsed, 31);
    expect(wb.get(SHEET, layout.variance[0].marker)).toBe("");
    expect(wb.get(SHEET, layout.variance[0].compared)).toBe(21000);
  });

  test("committed tokens: 2,000 + 250 allocated against 2,731 consumed projects 481 over", () => {
    const d: UsageDashboard = { ...MARCH_2026, allocation: 250, committed: 2000, features: [{ feature: "all", tokens: 2731 }], weekly: [], variance: [] };
    const { model, layout } = buildDashboard(d);
    const wb = evaluateExact(model);
    expect(wb.get(SHEET, layout.tokensAvailable)).toBe(2250);
    expect(wb.get(SHEET, layout.projectedOverage)).toBe(481);
    expect(wb.name(SHEET, "Remaining")).toBe(0);
    expect(wb.name(SHEET, "Health")).toBe("RED");
  });
});

function simpleFebruary(): UsageDashboard {
  return {
    period: "February 2027",
    card: "study-notes",
    allocation: 1000,
    features: [{ feature: "copilot", tokens: 10 }],
    weekly: [],
    daysElapsed: 28,
    daysInPeriod: 28,
  };
}

describe("committed tokens from the contract card", () => {
  const card = compileContract(CONTRACT_JSON, SHIPPED_CARDS);
  let release: () => void;
  beforeAll(() => (release = useOwnCard(card)));
  afterAll(() => release());

  /** The text beside the committed tokens (the note cell of their row). */
  const besideCommitted = (model: SheetModel, layout: DashboardLayout): unknown => {
    const { row } = parseA1(layout.committed);
    return cellAt(model, a1(row, 2))?.value;
  };
  const PLAN = {
    version: 1,
    name: "Example Corp",
    card: "contract",
    users: 30,
    volumes: { copilot: 30, virtualagent: 200, voicebot: 100 },
    dashboard: { period: "March 2026", features: { copilot: 1350, virtualagent: 8000 } },
  };

  test("a plan file without its own figure takes the contract's 1,600, and the sheet names the contract as the budget sheet does", () => {
    const plan = planFromJson(PLAN);
    if (Array.isArray(plan) || !plan.dashboard) throw new Error(JSON.stringify(plan));
    expect(plan.dashboard.committed).toBe(BY_HAND.committed);
    expect(plan.dashboard.committedFrom).toBe("contract");
    const { model, layout } = buildDashboard(plan.dashboard);
    expect(cellAt(model, layout.committed)?.value).toBe(1600);
    expect(besideCommitted(model, layout)).toBe(
      `${committedSourceLabel("contract", card)}: prepaid tokens of the contract, besides the allocation; 0 when none`,
    );
    expect(besideCommitted(model, layout)).toMatch(/^contract: Example Corp contract: /);
    // Printed and read back (--print-plan), the figure is still the contract's, not typed.
    const printed = planToJson(plan.profile, { dashboard: plan.dashboard });
    expect(printed.dashboard?.committed).toBeUndefined();
    const again = planFromJson(printed);
    if (Array.isArray(again)) throw new Error(JSON.stringify(again));
    expect(again.dashboard).toMatchObject({ committed: BY_HAND.committed, committedFrom: "contract" });
    // The budget sheet's label is the same text.
    const budget = planFromJson({ ...PLAN, dashboard: undefined, budget: {} });
    if (Array.isArray(budget) || !budget.budget) throw new Error(JSON.stringify(budget));
    const texts = [...cellsOf(buildBudget(budget.budget).model)].map((c) => c.cell.value);
    expect(texts).toContain("contract: Example Corp contract");
  });

  test("committed tokens typed in the plan's dashboard section are not labelled the contract's", () => {
    const plan = planFromJson({ ...PLAN, dashboard: { ...PLAN.dashboard, committed: 500 } });
    if (Array.isArray(plan) || !plan.dashboard) throw new Error(JSON.stringify(plan));
    expect(plan.dashboard.committedFrom).toBeUndefined();
    const { model, layout } = buildDashboard(plan.dashboard);
    expect(cellAt(model, layout.committed)?.value).toBe(500);
    expect(besideCommitted(model, layout)).toBe("prepaid tokens of the contract, besides the allocation; 0 when none");
  });

  test("a budget with its own committed tokens: the dashboard's month takes them, unlabelled", () => {
    const plan = planFromJson({ ...PLAN, budget: { committedTokens: 700 } });
    if (Array.isArray(plan) || !plan.dashboard) throw new Error(JSON.stringify(plan));
    expect(plan.dashboard.committed).toBe(700);
    expect(plan.dashboard.committedFrom).toBeUndefined();
  });
});
