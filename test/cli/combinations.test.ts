/**
 * Every preset with every combination of sheets, through the command line's own `run` (in this
 * process, so the 42 workbooks take seconds): the workbook holds the sheets asked for, in order,
 * each with its sheet-scoped names and the core's figures as cached values, and a dashboard beside
 * a budget reads its budgets from the budget sheet. cli.test.ts runs the built program itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, type CliIo } from "../../src/cli/cli";
import { PLAN_PRESETS } from "../../src/plan/workbook";
import { SHEET_KIND_DEFINITIONS as SHEET_KINDS } from "../../src/plan/kinds";
import { workbookInputs } from "../../src/plan/inputs";
import { estimate, getCard, InputError } from "../../src/core";
import { BUDGET_SHEET_NAME } from "../../src/sheets/budget";
import { CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { DASHBOARD_SHEET_NAME } from "../../src/sheets/dashboard";
import { readBack, type ReadBack } from "../xlsx/read-back";

const TODAY = new Date("2026-11-27T10:00:00Z");
const ALL = SHEET_KINDS.map((k) => k.id);
/** The seven non-empty combinations, in the registry's order. */
const COMBINATIONS = [1, 2, 3, 4, 5, 6, 7].map((mask) => ALL.filter((_, i) => mask & (1 << i)));

const SHEET_OF = { calculator: CALCULATOR_SHEET_NAME, budget: BUDGET_SHEET_NAME, dashboard: DASHBOARD_SHEET_NAME } as const;
/** The names each sheet must carry (issue 4's key results, and the calculator's). */
const NAMES = {
  calculator: ["TotalTokens", "Allocation", "Overage", "AnnualCost", "Utilization"],
  budget: ["AnnualTokens", "AnnualOverageTokens", "AnnualCost", "MonthlyTokens"],
  dashboard: ["Consumed", "Remaining", "Utilization", "Health", "ProjectedMonthEnd"],
} as const;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cli-combinations-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function runIn(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work, today: () => TODAY };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

const cases = PLAN_PRESETS.flatMap((p) => COMBINATIONS.map((kinds) => [p.id, kinds.join(","), p, kinds] as const));

describe("every preset with every combination of sheets", () => {
  test.each(cases)("--preset %s --sheets %s", async (id, sheets, preset, kinds) => {
    const file = `${id}-${sheets.replace(/,/g, "-")}.xlsx`;
    const r = await runIn(["--preset", id, "--sheets", sheets, "--out", file]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const names = kinds.map((k) => SHEET_OF[k]);
    expect(r.stdout.split("\n")[0]).toMatch(new RegExp(`^Wrote ${file.replace(/\./g, "\\.")} \\(${kinds.length} sheets?: ${names.join(", ")}; [\\d.]+ KB\\)$`));
    const back = await readBack(readFileSync(join(work, file)));
    expect(back.workbook.worksheets.map((w) => w.name)).toEqual(names);
    for (const [i, kind] of kinds.entries()) {
      for (const name of NAMES[kind]) {
        expect([name, back.names.some((n) => n.name === name && n.localSheetId === i)]).toEqual([name, true]);
      }
    }

    // The cached key figures are the core's.
    const inputs = workbookInputs(preset.plan, kinds, { today: TODAY });
    if (kinds.includes("calculator")) {
      const card = getCard(inputs.profile.card);
      if (card instanceof InputError) throw new Error(card.message);
      const est = estimate(inputs.profile, card);
      if (est instanceof InputError) throw new Error(est.message);
      expect(back.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens").value).toBe(est.total);
    }
    if (kinds.includes("budget")) {
      const b = inputs.budget!.result;
      expect(["AnnualTokens", "AnnualOverageTokens", "AnnualCost"].map((n) => back.rawNamed(BUDGET_SHEET_NAME, n).value)).toEqual([
        b.annualTokens,
        b.annualOverageTokens,
        b.annualCost,
      ]);
    }
    if (kinds.includes("dashboard")) {
      const d = inputs.dashboard!.result;
      expect(["Consumed", "Remaining", "Health", "ProjectedMonthEnd"].map((n) => back.rawNamed(DASHBOARD_SHEET_NAME, n).value)).toEqual(
        [d.consumed, d.remaining, d.health, d.projected].map((x) => x ?? ""),
      );
      expect(budgetFormulas(back).length > 0).toBe(kinds.includes("budget"));
    }
    if (preset.id === "growth" && kinds.includes("budget")) expect(r.stdout).toContain("Annual budget, April 2026 to March 2027:");
    if (preset.id === "seasonal" && kinds.includes("budget")) expect(r.stdout).toMatch(/Annual cost +\$20,000\.00/);
  });
});

/** The dashboard's cells that read the budget sheet. */
function budgetFormulas(back: ReadBack): string[] {
  const out: string[] = [];
  back.sheet(DASHBOARD_SHEET_NAME).eachRow((row) =>
    row.eachCell((cell) => {
      const f = back.raw(DASHBOARD_SHEET_NAME, cell.address).formula;
      if (f && f.includes(BUDGET_SHEET_NAME)) out.push(f);
    }),
  );
  return out;
}

describe("the budget and the dashboard in one workbook", () => {
  test("the dashboard's budgets read the budget sheet's MonthlyTokens, month by month, whatever the order of the sheets", async () => {
    const r = await runIn(["--preset", "growth", "--sheets", "dashboard,budget", "--out", "linked.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Actual vs budget +budgets read from the budget sheet/);
    const back = await readBack(readFileSync(join(work, "linked.xlsx")));
    expect(back.workbook.worksheets.map((w) => w.name)).toEqual([DASHBOARD_SHEET_NAME, BUDGET_SHEET_NAME]);
    expect(budgetFormulas(back)).toEqual(Array.from({ length: 12 }, (_, k) => `INDEX('${BUDGET_SHEET_NAME}'!MonthlyTokens,1,${k + 1})`));
  });

  test("the march-2026 review reads the flat budget from January 2026", async () => {
    const r = await runIn(["--preset", "march-2026", "--sheets", "budget,dashboard", "--out", "march.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Annual budget, January 2026 to December 2026 (the flat plan of the profile):");
    const back = await readBack(readFileSync(join(work, "march.xlsx")));
    expect(budgetFormulas(back)).toEqual([1, 2, 3].map((k) => `INDEX('${BUDGET_SHEET_NAME}'!MonthlyTokens,1,${k})`));
  });
});

describe("--print-plan with the budget and dashboard", () => {
  test("prints every section asked for, defaults filled in; --plan reads it back to the same workbook", async () => {
    const printed = await runIn(["--preset", "growth", "--sheets", "calculator,budget,dashboard", "--print-plan"]);
    expect(printed.code).toBe(0);
    const json = JSON.parse(printed.stdout);
    expect(json.budget).toMatchObject({ startMonth: 4, startYear: 2026, growth: { kind: "target", users: 250 } });
    expect(json.dashboard).toMatchObject({ period: "April 2026", allocation: 50000 });
    expect(json.dashboard.variance).toHaveLength(12);
    writeFileSync(join(work, "growth-plan.json"), printed.stdout);
    const fromPreset = await runIn(["--preset", "growth", "--sheets", "calculator,budget,dashboard", "--out", "from-preset.xlsx"]);
    const fromPlan = await runIn(["--plan", "growth-plan.json", "--out", "from-plan.xlsx"]);
    expect(fromPlan.code).toBe(0);
    // The same figures; only the dashboard's origin differs (a section now, not a template).
    const figures = (out: string) =>
      out
        .split("\n")
        .slice(1)
        .map((line) => line.replace(/^(Usage dashboard, April 2026).*:$/, "$1:"));
    expect(figures(fromPlan.stdout)).toEqual(figures(fromPreset.stdout));
    const a = await readBack(readFileSync(join(work, "from-preset.xlsx")));
    const b = await readBack(readFileSync(join(work, "from-plan.xlsx")));
    expect(b.workbook.worksheets.map((w) => w.name)).toEqual([CALCULATOR_SHEET_NAME, BUDGET_SHEET_NAME, DASHBOARD_SHEET_NAME]);
    for (const [sheet, name] of [
      [BUDGET_SHEET_NAME, "AnnualCost"],
      [DASHBOARD_SHEET_NAME, "Consumed"],
      [CALCULATOR_SHEET_NAME, "TotalTokens"],
    ] as const) {
      expect(b.rawNamed(sheet, name)).toEqual(a.rawNamed(sheet, name));
    }
    expect(budgetFormulas(b)).toEqual(budgetFormulas(a));
  });

  test("a flat budget's start is printed, so the plan no longer depends on the day", async () => {
    const printed = await runIn(["--preset", "small", "--sheets", "budget", "--print-plan"]);
    expect(JSON.parse(printed.stdout).budget).toEqual({ startMonth: 12, startYear: 2026 });
  });
});
