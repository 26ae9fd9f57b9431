/**
 * Never an invented actual, partial periods and committed tokens, recalculated by LibreOffice headless
 * (issue 10): workbooks made by the command line (in this process), opened and recalculated by
 * LibreOffice, read back from the file it saved; then an analyst's typed actual is written into the
 * recalculated file and LibreOffice recalculates again.
 *
 * - A budget-only workbook (`--preset growth --sheets budget,dashboard`): every actual cell is an
 *   empty input, and the figures that need actuals (consumed, variance, totals of actuals, trend) are
 *   empty, with no error value anywhere. Typing one month's actual makes that month's variance appear.
 * - A usage file of 25-31 March: March is partial (7 of 31 days), compared with 7/31 of its budget.
 * - 2,000 committed tokens + 250 allocation against 2,731 consumed: 481 overage tokens.
 *
 * Without LibreOffice the suite is skipped with a warning, except in CI (process.env.CI), where it fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { run, type CliIo } from "../../src/cli/cli";
import { planFromJson, type Plan } from "../../src/plan/plan-file";
import { findPlanPreset } from "../../src/plan/workbook";
import { workbookInputs } from "../../src/plan/inputs";
import { importUsageCsv, InputError } from "../../src/core";
import { BUDGET_SHEET_NAME, buildBudget } from "../../src/sheets/budget";
import { buildDashboard, DASHBOARD_SHEET_NAME, type DashboardLayout } from "../../src/sheets/dashboard";
import { findSoffice, recalculateWithLibreOffice } from "./libreoffice";
import { setNumberCell } from "./edit-cell";
import { readBack, type ReadBack } from "./read-back";

const soffice = findSoffice();
const TODAY = new Date("2026-11-27T10:00:00Z");
const D = DASHBOARD_SHEET_NAME;

if (!soffice && !process.env.CI) {
  console.warn("LibreOffice (soffice) is not installed: the actuals recalculation tests are skipped. Install libreoffice-calc-nogui to run them.");
}

test("LibreOffice is available where it must be (CI)", () => {
  if (process.env.CI) expect(soffice).toBeDefined();
});

/** 25-31 March 2026, 640 Copilot tokens a day: 4,480 tokens in 7 of 31 days. */
const LATE_MARCH =
  ["Date,Resource,Quantity,Unit of Measure", ...[25, 26, 27, 28, 29, 30, 31].map((d) => `2026-03-${d},Agent Copilot,640,Tokens`)].join("\n") + "\n";

/** One named user on the published card (250 tokens a month), 2,731 tokens a month of bots, 2,000 committed. */
const COMMITTED_PLAN = {
  version: 1,
  name: "Committed",
  card: "genesys-published",
  users: 1,
  volumes: {},
  budget: { startMonth: 1, startYear: 2026, initiatives: [{ name: "Bots", tokensPerMonth: 2731 }], committedTokens: 2000 },
};

/** A plan file's plan; throws on problems. */
function planOf(json: unknown): Plan {
  const p = planFromJson(json, { today: TODAY });
  if (Array.isArray(p)) throw new Error(p.map((x) => `${x.field}: ${x.message}`).join("; "));
  return p;
}

/** Every stored cell of a sheet that holds an error value. */
function errorCells(back: ReadBack, sheet: string): string[] {
  const out: string[] = [];
  back.sheet(sheet).eachRow((row) =>
    row.eachCell((cell) => {
      const raw = back.raw(sheet, cell.address);
      if (raw.type === "e" || (typeof raw.value === "string" && /^#[A-Z0-9/!?]+/.test(raw.value))) out.push(`${cell.address}: ${raw.value}`);
    }),
  );
  return out;
}

const describeWithLibreOffice = soffice ? describe : describe.skip;

describeWithLibreOffice("LibreOffice: actuals are never invented", () => {
  let work: string;
  const first = new Map<string, ReadBack>();
  const second = new Map<string, ReadBack>();
  const stdout = new Map<string, string>();
  // Where the cells are: the same inputs the command line used, built again.
  const growth = findPlanPreset("growth").plan;
  const budgetOnly = workbookInputs(growth, ["budget", "dashboard"], { today: TODAY });
  const budgetOnlyLayout: DashboardLayout = buildDashboard(budgetOnly.dashboard!.input, { budgetSheetName: BUDGET_SHEET_NAME }).layout;
  let lateMarchLayout: DashboardLayout;
  let committedLayout: DashboardLayout;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "lo-actuals-"));
    writeFileSync(join(work, "late-march.csv"), LATE_MARCH);
    writeFileSync(join(work, "committed.json"), JSON.stringify(COMMITTED_PLAN));
    const cli = async (name: string, args: string[]) => {
      let out = "";
      let err = "";
      const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: work, today: () => TODAY };
      const code = await run([...args, "--out", name], io);
      if (code !== 0) throw new Error(`${args.join(" ")}: exit ${code}\n${err}`);
      stdout.set(name, out);
      return join(work, name);
    };
    const files = [
      await cli("budget-only.xlsx", ["--preset", "growth", "--sheets", "budget,dashboard"]),
      await cli("late-march.xlsx", ["--preset", "mid-market", "--sheets", "budget,dashboard", "--usage", "late-march.csv"]),
      await cli("committed.xlsx", ["--plan", "committed.json", "--sheets", "budget,dashboard"]),
    ];
    // The layouts of the other two, from the same inputs the command line used.
    const usage = importUsageCsv(LATE_MARCH);
    if (usage instanceof InputError) throw new Error(usage.message);
    const mid = workbookInputs(findPlanPreset("mid-market").plan, ["budget", "dashboard"], { today: TODAY, usage });
    lateMarchLayout = buildDashboard(mid.dashboard!.input, { budgetSheetName: BUDGET_SHEET_NAME }).layout;
    const committed = workbookInputs(planOf(COMMITTED_PLAN), ["budget", "dashboard"], { today: TODAY });
    committedLayout = buildDashboard(committed.dashboard!.input, { budgetSheetName: BUDGET_SHEET_NAME }).layout;

    const outputs = recalculateWithLibreOffice(soffice!, files, join(work, "out1"), work);
    for (const out of outputs) first.set(basename(out), await readBack(readFileSync(out)));

    // The analyst types actuals into the recalculated files.
    let budgetBytes: Uint8Array = readFileSync(outputs[0]);
    budgetBytes = await setNumberCell(budgetBytes, D, budgetOnlyLayout.variance[1].actual, 30000);
    const typedBudget = join(work, "typed-budget-only.xlsx");
    writeFileSync(typedBudget, budgetBytes);
    let committedBytes: Uint8Array = readFileSync(outputs[2]);
    committedBytes = await setNumberCell(committedBytes, D, committedLayout.features[0].tokens, 2731);
    const typedCommitted = join(work, "typed-committed.xlsx");
    writeFileSync(typedCommitted, committedBytes);
    const again = recalculateWithLibreOffice(soffice!, [typedBudget, typedCommitted], join(work, "out2"), work);
    for (const out of again) second.set(basename(out), await readBack(readFileSync(out)));
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const value = (back: ReadBack, ref: string) => back.raw(D, ref).value;
  const blankOrEmpty = (v: unknown) => v === undefined || v === "";

  test("a budget-only workbook: actual cells empty inputs; consumed, variances, totals of actuals and trend empty; no error value", () => {
    const back = first.get("budget-only.xlsx")!;
    const l = budgetOnlyLayout;
    expect(errorCells(back, D)).toEqual([]);
    expect(errorCells(back, BUDGET_SHEET_NAME)).toEqual([]);
    expect(l.features.map((f) => value(back, f.tokens))).toEqual(l.features.map(() => undefined));
    expect(l.weeks.map((w) => value(back, w.tokens))).toEqual(l.weeks.map(() => undefined));
    for (const ref of [l.consumed, l.remaining, l.utilisation, l.projected, l.health, l.trend]) expect(blankOrEmpty(value(back, ref))).toBe(true);
    // Months after the first are typed inputs, empty; the first follows Total consumed, empty too.
    expect(l.variance.slice(1).map((v) => value(back, v.actual))).toEqual(l.variance.slice(1).map(() => undefined));
    for (const v of l.variance) for (const ref of [v.actual, v.compared, v.variance, v.varianceShare]) expect(blankOrEmpty(value(back, ref))).toBe(true);
    const t = l.varianceTotal!;
    for (const ref of [t.actual, t.compared, t.variance, t.varianceShare]) expect(blankOrEmpty(value(back, ref))).toBe(true);
    // The budgets are there, read from the budget sheet.
    const budget = buildBudget(growth.budget!).result;
    expect(l.variance.map((v) => value(back, v.budgeted))).toEqual(budget.months.map((m) => m.consumption));
    expect(stdout.get("budget-only.xlsx")).toContain("no actuals yet");
  });

  test("after typing May's actual into the recalculated file, May's variance appears, and only May's", () => {
    const back = second.get("typed-budget-only.xlsx")!;
    const l = budgetOnlyLayout;
    const budget = buildBudget(growth.budget!).result;
    const may = budget.months[1].consumption;
    expect(value(back, l.variance[1].actual)).toBe(30000);
    expect(value(back, l.variance[1].compared)).toBe(may);
    expect(value(back, l.variance[1].variance)).toBeCloseTo(30000 - may, 6);
    expect(value(back, l.variance[1].varianceShare)).toBeCloseTo((30000 - may) / may, 9);
    for (const i of [0, 2, 3, 11]) expect(blankOrEmpty(value(back, l.variance[i].variance))).toBe(true);
    expect(value(back, l.varianceTotal!.actual)).toBe(30000);
    expect(value(back, l.varianceTotal!.variance)).toBeCloseTo(30000 - may, 6);
    expect(errorCells(back, D)).toEqual([]);
  });

  test("a 25-31 March file: March partial (7 of 31 days), its variance against 7/31 of the budget", () => {
    const back = first.get("late-march.xlsx")!;
    const l = lateMarchLayout;
    expect(value(back, l.daysElapsed)).toBe(7);
    expect(value(back, l.daysInPeriod)).toBe(31);
    expect(String(value(back, l.coverage))).toMatch(/^partial \(7 of 31 days\)/);
    const march = l.variance.length - 1;
    const budgeted = value(back, l.variance[march].budgeted) as number;
    expect(budgeted).toBe(19810);
    expect(value(back, l.variance[march].actual)).toBe(4480);
    expect(value(back, l.variance[march].compared)).toBeCloseTo((19810 * 7) / 31, 9);
    expect(value(back, l.variance[march].variance)).toBeCloseTo(4480 - (19810 * 7) / 31, 9);
    expect(String(value(back, l.variance[march].marker))).toMatch(/^partial \(7 of 31 days\): budget pro-rated/);
    expect(value(back, l.projected)).toBeCloseTo((4480 / 7) * 31, 9);
    expect(errorCells(back, D)).toEqual([]);
    expect(stdout.get("late-march.xlsx")).toMatch(/March 2026 \(from the usage export\), partial \(7 of 31 days\)/);
    expect(stdout.get("late-march.xlsx")).toMatch(/March 2026 vs budget +\+7 tokens \(\+0\.2%\) against 4,473, the budget pro-rated to 7 of 31 days/);
  });

  test("2,000 committed + 250 allocation against 2,731 consumed: 481 overage tokens, on the budget and on the dashboard", () => {
    const back = first.get("committed.xlsx")!;
    const b = buildBudget(workbookInputs(planOf(COMMITTED_PLAN), ["budget"], { today: TODAY }).budget!.plan);
    const overage = b.layout.months.overage.map((ref) => back.raw(BUDGET_SHEET_NAME, ref).value);
    expect(overage).toEqual(Array(12).fill(481));
    expect(b.layout.months.committed.map((ref) => back.raw(BUDGET_SHEET_NAME, ref).value)).toEqual(Array(12).fill(2000));
    expect(value(back, committedLayout.tokensAvailable)).toBe(2250);
    const typed = second.get("typed-committed.xlsx")!;
    expect(value(typed, committedLayout.consumed)).toBe(2731);
    expect(value(typed, committedLayout.projectedOverage)).toBe(481);
    expect(value(typed, committedLayout.health)).toBe("RED");
    expect(stdout.get("committed.xlsx")).toMatch(/Annual overage +5,772 tokens/);
  });
});
