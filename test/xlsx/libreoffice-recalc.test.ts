/**
 * The written workbooks recalculated by a real spreadsheet engine, LibreOffice headless: every
 * formula is computed by LibreOffice (not read from the file's cached values) and must give the
 * core's figures, for the three calculator presets and random plans on both cards; for the budget
 * presets (growth, seasonal), the march-2026 dashboard, budget-and-dashboard workbooks whose
 * variance table reads the budget sheet through its sheet-scoped name, and random annual plans with
 * their dashboards on both cards, all made as the command line makes them; and for workbooks whose
 * rate was edited after they were written (issue 7: the sheets recalculate to the core's figure for
 * the edited rate). The cached values the files carry are the core's too.
 *
 * How we know LibreOffice computed them: the profile forces "always recalculate" on load, a canary
 * file ships deliberately wrong cached values that must come back corrected, the random plans are
 * written with no cached values at all, and the edited-rate files carry the old rate's cached values.
 *
 * All files go through one soffice run.
 *
 * Without LibreOffice the suite is skipped with a warning, except in CI (process.env.CI), where it fails.
 */
import { fc } from "../properties/count"; // fast-check, with each fc.assert's runs counted for the test report
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { type Plan } from "../../src/plan/plan-file";
import { profileOf } from "../../src/core/annual-plan";
import { buildSheetsFrom, findPlanPreset, resolveSheetKinds, type SheetKindId } from "../../src/plan/workbook";
import { workbookInputs, type WorkbookInputs } from "../../src/plan/inputs";
import {
  CALCULATOR_PRESETS,
  CARD_IDS,
  compileCard,
  computeAnnualPlan,
  daysInMonth,
  estimate,
  InputError,
  monthKey,
  monthLabel,
  OTHER_FEATURE,
  planFromProfile,
  varianceFromPlan,
  type AnnualPlan,
  type CompiledCard,
  type Profile,
  type UsageDashboard,
  type UserGrowth,
} from "../../src/core";
import { buildBudget, BUDGET_SHEET_NAME, NOT_THIS_YEAR } from "../../src/sheets/budget";
import { SheetBuilder } from "../../src/sheets/builder";
import { DASHBOARD_SHEET_NAME } from "../../src/sheets/dashboard";
import { buildCalculator, CALCULATOR_SHEET_NAME, type CalculatorLayout } from "../../src/sheets/calculator";
import { a1 } from "../../src/sheets/a1";
import { cellsOf, type SheetModel } from "../../src/sheets/model";
import { writeWorkbook } from "../../src/xlsx/write-workbook";
import { WORKED_EXAMPLES } from "../fixtures/worked-examples";
import { calculatorFigures, cardOf, coreFigures, profileArbitrary } from "../sheets/support";
import { setNumberCell, setTextCell } from "./edit-cell";
import { findSoffice, recalculateWithLibreOffice } from "./libreoffice";
import { readBack, type ReadBack } from "./read-back";

const soffice = findSoffice();
const SHEET = CALCULATOR_SHEET_NAME;
const RANDOM_PLANS = 16;
const RANDOM_ANNUAL_PLANS = 6;
const SEED = 20261127;
/** The day the command line is taken to run (the default start of a flat budget). */
const TODAY = new Date("2026-11-27T10:00:00Z");

if (!soffice && !process.env.CI) {
  console.warn("LibreOffice (soffice) is not installed: the recalculation tests are skipped. Install libreoffice-calc-nogui to run them.");
}

test("LibreOffice is available where it must be (CI)", () => {
  if (process.env.CI) expect(soffice).toBeDefined();
});

/** A sheet of formulas that refer to the calculator's sheet-scoped names, as another sheet or person would. */
function nameCheckSheet(): SheetModel {
  const b = new SheetBuilder("Check");
  ["TotalTokens", "Allocation", "Overage", "AnnualCost", "Utilization"].forEach((name, i) => {
    b.put(i, 0, { value: name });
    b.put(i, 1, { formula: `='${SHEET}'!${name}` });
  });
  return b.build();
}

/** Functions newer than Excel 2007, which the writer stores with their _xlfn. prefix. */
function futureFunctionsSheet(): SheetModel {
  const b = new SheetBuilder("Future");
  b.at("A1", { value: "a" });
  b.at("B1", { formula: '=IFNA(MATCH("zz",A1:A3,0),-1)' });
  b.at("B2", { formula: "=CEILING.MATH(2.1)" });
  b.at("B3", { formula: "=IFNA('Token Calculator'!TotalTokens,0)" });
  return b.build();
}

/** A calculator model whose cached results are all wrong: LibreOffice must replace every one. */
function withWrongCache(model: SheetModel): SheetModel {
  return {
    ...model,
    blocks: model.blocks.map((block) => ({
      ...block,
      rows: block.rows.map((row) =>
        row.map((cell) => (cell && cell.formula !== undefined ? { ...cell, result: typeof cell.result === "number" ? 987654321 : "stale" } : cell)),
      ),
    })),
  };
}

/** The edited Virtual Agent rate of issue 7's check: the published card's 0.5 tokens, typed over the notes' 2. */
const EDITED_RATE = 0.5;

/** A card with one feature's rate replaced, as an analyst's edit of the rates block. */
function editedCard(card: CompiledCard, feature: string, tokens: number): CompiledCard {
  return compileCard({ ...card.card, features: card.card.features.map((f) => (f.id === feature ? { ...f, tokens } : f)) });
}

/** A budget (or dashboard) workbook made as the command line makes it, and the same as written with cached values. */
interface SheetsCase {
  readonly file: string;
  readonly inputs: WorkbookInputs;
  readonly models: readonly SheetModel[];
  readonly cached: ReadBack;
}

const quarter = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((n) => n / 4);
const growthArbitrary: fc.Arbitrary<UserGrowth> = fc.oneof(
  fc.record({ kind: fc.constant("users" as const), perMonth: fc.integer({ min: -20, max: 40 }) }),
  fc.record({ kind: fc.constant("rate" as const), monthly: fc.integer({ min: -5, max: 8 }).map((n) => n / 100) }),
  fc.record({ kind: fc.constant("target" as const), users: fc.integer({ min: 0, max: 3000 }) }),
);

/**
 * A random annual plan (a random profile grown, seasoned, topped up, phased in) with a random
 * dashboard of one of its months, whose review covers some of its months: what a plan file with
 * `budget` and `dashboard` sections gives. The card is set by the sample's place (annualPlanOf).
 */
const annualSample = fc.record({
  profile: profileArbitrary,
  startMonth: fc.integer({ min: 1, max: 12 }),
  startYear: fc.integer({ min: 2020, max: 2035 }),
  growth: growthArbitrary,
  follow: fc.boolean(),
  seasonality: fc.array(quarter(2), { minLength: 12, maxLength: 12 }),
  topUps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40_000 })), { minLength: 12, maxLength: 12 }),
  goLive: fc.dictionary(fc.constantFrom("copilot", "virtualagent", "scoring", "voicebot", "messaging"), fc.integer({ min: 1, max: 13 }), { maxKeys: 3 }),
  initiatives: fc.array(
    fc.record({ name: fc.string({ maxLength: 20 }), tokensPerMonth: fc.integer({ min: 0, max: 20_000 }), goLive: fc.integer({ min: 1, max: 13 }) }),
    { maxLength: 2 },
  ),
  buffers: fc.record({ unpredictability: fc.integer({ min: 0, max: 40 }).map((n) => n / 100), growth: fc.integer({ min: 0, max: 20 }).map((n) => n / 100) }),
  featureMask: fc.integer({ min: 1, max: 4095 }),
  featureTokens: fc.array(fc.oneof(fc.integer({ min: 0, max: 30_000 }), quarter(5_000)), { minLength: 12, maxLength: 12 }),
  weekly: fc.array(fc.integer({ min: 0, max: 12_000 }), { maxLength: 5 }),
  periodMonth: fc.integer({ min: 0, max: 11 }),
  elapsed: fc.integer({ min: 1, max: 100 }),
  /** The allocation as a percentage of what was consumed, so every health band turns up. */
  allocationShare: fc.integer({ min: 30, max: 300 }),
  actuals: fc.array(fc.option(fc.integer({ min: 0, max: 80_000 }), { nil: undefined }), { minLength: 12, maxLength: 12 }),
});
type AnnualSample = typeof annualSample extends fc.Arbitrary<infer T> ? T : never;

/** The plan of a sample, on the card of its place in the sample (so both cards, whatever was drawn). */
function annualPlanOf(r: AnnualSample, i: number): Plan {
  const card = cardOf(CARD_IDS[i % CARD_IDS.length]);
  const profile: Profile = { ...r.profile, card: card.id };
  const budget = planFromProfile(profile, {
    startMonth: r.startMonth,
    startYear: r.startYear,
    growth: r.growth,
    userFeaturesFollowUsers: r.follow,
    seasonality: r.seasonality,
    topUps: r.topUps,
    goLive: r.goLive,
    initiatives: r.initiatives,
    buffers: r.buffers,
  });
  const result = computeAnnualPlan(budget, card);
  if (result instanceof InputError) throw new Error(result.message);
  const ids = [...card.card.features.map((f) => f.id), OTHER_FEATURE.id];
  const chosen = ids.filter((_, k) => r.featureMask & (1 << k));
  const features = (chosen.length > 0 ? chosen : [ids[0]]).map((feature, k) => ({ feature, tokens: r.featureTokens[k] }));
  const consumed = features.reduce((t, f) => t + f.tokens, 0);
  const m = result.months[r.periodMonth];
  const days = daysInMonth(m.year, m.month);
  const actuals: Record<string, number> = {};
  r.actuals.forEach((a, k) => {
    if (a !== undefined) actuals[monthKey(result.months[k].year, result.months[k].month)] = a;
  });
  // Months by label, as a plan file gives them: the command line links them to the budget sheet.
  const variance = varianceFromPlan(result, actuals).map(({ month, budgeted, actual }) => ({ month, budgeted, actual }));
  const dashboard: UsageDashboard = {
    period: monthLabel(monthKey(m.year, m.month)),
    card: card.id,
    allocation: Math.max(1, Math.round((consumed * r.allocationShare) / 100)),
    features,
    weekly: r.weekly,
    daysElapsed: Math.max(1, Math.round((r.elapsed / 100) * days)),
    daysInPeriod: days,
    variance,
  };
  return { profile, budget, dashboard };
}

interface Case {
  readonly file: string;
  readonly profile: Profile;
  readonly model: SheetModel;
  readonly layout: CalculatorLayout;
}

const describeWithLibreOffice = soffice ? describe : describe.skip;

describeWithLibreOffice("LibreOffice recalculates the written workbooks", () => {
  let work: string;
  const cases: Case[] = [];
  const recalculated = new Map<string, ReadBack>();
  const sheetCases: SheetsCase[] = [];
  let edited: { profile: Profile; plan: AnnualPlan; before: ReadBack };
  let goLive: { plan: AnnualPlan; picked: AnnualPlan; model: SheetModel };
  let seconds = 0;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "xlsx-libreoffice-"));
    const inputs: string[] = [];
    const add = async (file: string, profile: Profile, models: (m: SheetModel) => SheetModel[], options?: Parameters<typeof writeWorkbook>[1]) => {
      const { model, layout } = buildCalculator(profile);
      const path = join(work, file);
      writeFileSync(path, await writeWorkbook(models(model), options));
      inputs.push(path);
      cases.push({ file, profile, model, layout });
    };
    for (const p of CALCULATOR_PRESETS) {
      // As the command line writes it: cached values included.
      await add(`preset-${p.id}.xlsx`, p.profile, (m) => [m]);
    }
    await add("names.xlsx", CALCULATOR_PRESETS[1].profile, (m) => [m, nameCheckSheet()], { cachedResults: false });
    await add("canary.xlsx", CALCULATOR_PRESETS[0].profile, (m) => [withWrongCache(m)]);
    await add("future.xlsx", CALCULATOR_PRESETS[0].profile, (m) => [m, futureFunctionsSheet()], { cachedResults: false });
    const plans = fc.sample(profileArbitrary, { numRuns: RANDOM_PLANS, seed: SEED });
    // Both cards, whatever the sample drew.
    plans.forEach((p, i) => (plans[i] = { ...p, card: CARD_IDS[i % CARD_IDS.length] }));
    for (const [i, p] of plans.entries()) await add(`random-${i}.xlsx`, p, (m) => [m], { cachedResults: false });

    // Budgets and dashboards, as the command line makes them: with cached values for the presets,
    // without for the random plans (their cached values are checked on a second, in-memory copy).
    const addSheets = async (file: string, plan: Plan, kinds: SheetKindId[], cachedResults: boolean) => {
      const made = workbookInputs(plan, kinds, { today: TODAY });
      const models = buildSheetsFrom(made, resolveSheetKinds(kinds));
      const path = join(work, file);
      const bytes = await writeWorkbook(models, { cachedResults });
      writeFileSync(path, bytes);
      inputs.push(path);
      const cached = await readBack(cachedResults ? bytes : await writeWorkbook(models));
      sheetCases.push({ file, inputs: made, models, cached });
    };
    await addSheets("preset-growth.xlsx", findPlanPreset("growth").plan, ["budget"], true);
    await addSheets("preset-seasonal.xlsx", findPlanPreset("seasonal").plan, ["budget"], true);
    await addSheets("preset-march-2026.xlsx", findPlanPreset("march-2026").plan, ["dashboard"], true);
    await addSheets("combined-growth.xlsx", findPlanPreset("growth").plan, ["calculator", "budget", "dashboard"], true);
    await addSheets("combined-march-2026.xlsx", findPlanPreset("march-2026").plan, ["budget", "dashboard"], true);
    for (const [i, sample] of fc.sample(annualSample, { numRuns: RANDOM_ANNUAL_PLANS, seed: SEED }).entries()) {
      await addSheets(`annual-${i}.xlsx`, annualPlanOf(sample, i), ["budget", "dashboard"], false);
    }

    // Issue 7: Virtual Agent's rate edited in the written file (2 -> 0.5 tokens a session), on the
    // calculator and the budget sheet; the file keeps the old rate's cached values.
    {
      const growth = findPlanPreset("growth").plan.budget!;
      const calculator = buildCalculator(profileOf(growth));
      const budget = buildBudget(growth);
      let bytes = await writeWorkbook([calculator.model, budget.model]);
      const rateCell = (rates: typeof budget.layout.rates) => rates.features.get("virtualagent")!.tokens.replace(/\$/g, "");
      bytes = await setNumberCell(bytes, SHEET, rateCell(calculator.layout.rates), EDITED_RATE);
      bytes = await setNumberCell(bytes, BUDGET_SHEET_NAME, rateCell(budget.layout.rates), EDITED_RATE);
      const path = join(work, "edited-rate.xlsx");
      writeFileSync(path, bytes);
      inputs.push(path);
      edited = { profile: profileOf(growth), plan: growth, before: await readBack(bytes) };
    }

    // Go-live months picked by name in the written file: Virtual Agent from the plan's seventh month,
    // the initiative moved to "Not this year"; the file keeps the cached values of the plan as built.
    {
      const base = findPlanPreset("seasonal").plan.budget!;
      const plan: AnnualPlan = {
        ...base,
        goLive: { virtualagent: 3 },
        initiatives: [{ name: "Chat pilot", tokensPerMonth: 4000, goLive: 2 }],
      };
      const built = buildBudget(plan);
      const k = built.result.rows.findIndex((r) => r.feature === "virtualagent");
      const month7 = built.result.months[6];
      const seventh = `${monthLabel(monthKey(month7.year, month7.month)).slice(0, 3)} ${month7.year}`;
      let bytes = await writeWorkbook([built.model]);
      bytes = await setTextCell(bytes, BUDGET_SHEET_NAME, built.layout.lines[k].goLive, seventh);
      bytes = await setTextCell(bytes, BUDGET_SHEET_NAME, built.layout.initiatives[0].goLive, NOT_THIS_YEAR);
      const path = join(work, "go-live-names.xlsx");
      writeFileSync(path, bytes);
      inputs.push(path);
      const picked: AnnualPlan = { ...plan, goLive: { virtualagent: 7 }, initiatives: [{ ...plan.initiatives[0], goLive: 13 }] };
      goLive = { plan, picked, model: buildBudget(picked).model };
    }

    const started = Date.now();
    const outputs = recalculateWithLibreOffice(soffice!, inputs, join(work, "out"), work);
    seconds = (Date.now() - started) / 1000;
    for (const [i, out] of outputs.entries()) recalculated.set(basename(inputs[i]), await readBack(readFileSync(out)));
  }, 240_000);

  afterAll(() => {
    console.log(`LibreOffice recalculated ${recalculated.size} workbooks in one run: ${seconds.toFixed(1)} s`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const figuresOf = (back: ReadBack, l: CalculatorLayout) => calculatorFigures((ref) => back.raw(SHEET, ref).value, l);

  /** Numbers equal to 12 significant digits (LibreOffice and JavaScript may differ in the last bits); anything else exactly. */
  const close = (got: unknown, want: unknown): boolean =>
    typeof got === "number" && typeof want === "number" ? Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)) : Object.is(got, want);

  /** Every formula cell whose LibreOffice value differs from the core's (the model's result). */
  const mismatches = (back: ReadBack, model: SheetModel): string[] => {
    const out: string[] = [];
    for (const { row, col, cell } of cellsOf(model)) {
      if (cell.formula === undefined) continue;
      const got = back.raw(SHEET, a1(row, col));
      if (got.formula === undefined) out.push(`${a1(row, col)}: no formula after LibreOffice`);
      else if (!close(got.value, cell.result))
        out.push(`${a1(row, col)} ${cell.formula}: LibreOffice ${JSON.stringify(got.value)}, core ${JSON.stringify(cell.result)}`);
    }
    return out;
  };

  test.each(WORKED_EXAMPLES.map((w) => [w.preset, w.total] as const))("preset %s: LibreOffice computes %d tokens and every other figure of the core", (id) => {
    const c = cases.find((x) => x.file === `preset-${id}.xlsx`)!;
    const back = recalculated.get(c.file)!;
    const example = WORKED_EXAMPLES.find((w) => w.preset === id)!;
    expect(figuresOf(back, c.layout)).toEqual(coreFigures(c.profile));
    expect(back.rawNamed(SHEET, "TotalTokens").value).toBe(example.total);
    expect(back.rawNamed(SHEET, "Allocation").value).toBe(example.allocation);
    expect(mismatches(back, c.model)).toEqual([]);
  });

  test("the canary's wrong cached values are all replaced: LibreOffice really recalculated", () => {
    const c = cases.find((x) => x.file === "canary.xlsx")!;
    const back = recalculated.get(c.file)!;
    expect(back.rawNamed(SHEET, "TotalTokens").value).toBe(4701);
    expect(mismatches(back, c.model)).toEqual([]);
  });

  test("another sheet reaches the calculator's results through its sheet-scoped names", () => {
    const back = recalculated.get("names.xlsx")!;
    const c = cases.find((x) => x.file === "names.xlsx")!;
    const figures = coreFigures(c.profile);
    const check = (row: number) => back.raw("Check", `B${row}`).value;
    expect([check(1), check(2), check(3), check(4)]).toEqual([figures.total, figures.allocation, figures.overage, figures.annualCost]);
    expect(check(5)).toBeCloseTo(figures.utilisation as number, 12);
    expect(back.names.filter((n) => n.name === "TotalTokens")).toEqual([
      { name: "TotalTokens", localSheetId: 0, ref: `'${SHEET}'!${c.layout.total.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")}` },
    ]);
  });

  test("functions stored with their _xlfn. prefix are computed", () => {
    const back = recalculated.get("future.xlsx")!;
    expect(["B1", "B2", "B3"].map((ref) => back.raw("Future", ref).value)).toEqual([-1, 3, 4701]);
  });

  test(`${RANDOM_PLANS} random plans on both cards, written without cached values: LibreOffice computes the core's figures`, () => {
    const random = cases.filter((c) => c.file.startsWith("random-"));
    expect(random).toHaveLength(RANDOM_PLANS);
    expect(new Set(random.map((c) => c.profile.card))).toEqual(new Set(CARD_IDS));
    for (const c of random) {
      const back = recalculated.get(c.file)!;
      const got = figuresOf(back, c.layout);
      const want = coreFigures(c.profile);
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        const g = got[key];
        const w = want[key];
        const same = Array.isArray(w) ? (g as unknown[]).every((x, i) => close(x, w[i])) : close(g, w);
        if (!same) throw new Error(`${c.file} (${JSON.stringify(c.profile)}): ${key} is ${JSON.stringify(g)} in LibreOffice, ${JSON.stringify(w)} in the core`);
      }
      expect(mismatches(back, c.model)).toEqual([]);
    }
  });

  /** Every formula cell of the models whose LibreOffice value differs from the core's (the model's result). */
  const sheetMismatches = (back: ReadBack, models: readonly SheetModel[]): string[] => {
    const out: string[] = [];
    for (const model of models) {
      for (const { row, col, cell } of cellsOf(model)) {
        if (cell.formula === undefined) continue;
        const got = back.raw(model.name, a1(row, col));
        // A formula's "" result is stored as an empty text, or not at all.
        const same = close(got.value, cell.result) || (cell.result === "" && got.value === undefined);
        if (got.formula === undefined) out.push(`${model.name}!${a1(row, col)}: no formula after LibreOffice`);
        else if (!same)
          out.push(`${model.name}!${a1(row, col)} ${cell.formula}: LibreOffice ${JSON.stringify(got.value)}, core ${JSON.stringify(cell.result)}`);
      }
    }
    return out;
  };

  /** The named key results of a budget and a dashboard sheet, and the core's. */
  const keyTotals = (back: ReadBack, inputs: WorkbookInputs, models: readonly SheetModel[]) => {
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    const budgetSheet = models.find((m) => m.names.some((n) => n.name === "AnnualTokens"));
    if (budgetSheet) {
      const r = inputs.budget!.result;
      Object.assign(want, { AnnualTokens: r.annualTokens, AnnualOverageTokens: r.annualOverageTokens, AnnualCost: r.annualCost });
      for (const name of ["AnnualTokens", "AnnualOverageTokens", "AnnualCost"]) got[name] = back.rawNamed(budgetSheet.name, name).value;
    }
    const dashboardSheet = models.find((m) => m.names.some((n) => n.name === "Consumed"));
    if (dashboardSheet) {
      const d = inputs.dashboard!.result;
      // A dashboard without actuals (a budget's template) shows these empty: the core's null.
      Object.assign(want, {
        Consumed: d.consumed ?? "",
        Remaining: d.remaining ?? "",
        Utilization: d.utilisation ?? "",
        ProjectedMonthEnd: d.projected ?? "",
        Health: d.health ?? "",
      });
      for (const name of ["Consumed", "Remaining", "Utilization", "ProjectedMonthEnd", "Health"])
        got[name] = back.rawNamed(dashboardSheet.name, name).value ?? "";
    }
    const off = Object.keys(want).filter((k) => !close(got[k], want[k]));
    return { got, want, off };
  };

  const sheetCase = (file: string) => sheetCases.find((c) => c.file === file)!;

  test.each(["preset-growth.xlsx", "preset-seasonal.xlsx", "preset-march-2026.xlsx", "combined-growth.xlsx", "combined-march-2026.xlsx"])(
    "%s: LibreOffice computes every formula of the core, the named totals included; the cached values are the core's",
    (file) => {
      const c = sheetCase(file);
      const back = recalculated.get(file)!;
      expect(sheetMismatches(back, c.models)).toEqual([]);
      expect(keyTotals(back, c.inputs, c.models).off).toEqual([]);
      expect(keyTotals(c.cached, c.inputs, c.models).off).toEqual([]);
    },
  );

  test("the budget presets' figures of the notes: growth ends at 27,810 tokens against 62,500; seasonal costs USD 20,000 with no overage", () => {
    const growth = recalculated.get("preset-growth.xlsx")!;
    const monthly = growth.names
      .find((n) => n.name === "MonthlyTokens")!
      .ref.split("!")[1]
      .replace(/\$/g, "")
      .split(":");
    const lastMonth = monthly[1];
    expect(growth.raw(BUDGET_SHEET_NAME, lastMonth).value).toBe(27810);
    const allocation = growth.names
      .find((n) => n.name === "MonthlyAllocation")!
      .ref.split("!")[1]
      .replace(/\$/g, "")
      .split(":")[1];
    expect(growth.raw(BUDGET_SHEET_NAME, allocation).value).toBe(62500);
    const seasonal = recalculated.get("preset-seasonal.xlsx")!;
    expect(["AnnualCost", "AnnualOverageTokens"].map((n) => seasonal.rawNamed(BUDGET_SHEET_NAME, n).value)).toEqual([20000, 0]);
    expect(seasonal.rawNamed(BUDGET_SHEET_NAME, "MonthsOverAllocation").value).toBe(2);
  });

  test("budget and dashboard in one workbook: the variance table reads the budget sheet through its sheet-scoped name", () => {
    for (const file of ["combined-growth.xlsx", "combined-march-2026.xlsx"]) {
      const c = sheetCase(file);
      const back = recalculated.get(file)!;
      const linked = c.inputs.dashboard!.input.variance!.map((v, i) => ({ v, i })).filter(({ v }) => v.budgetIndex !== undefined);
      expect(linked.length).toBeGreaterThan(0);
      const dashboard = c.models.find((m) => m.name === DASHBOARD_SHEET_NAME)!;
      const budgetCells = [...cellsOf(dashboard)].filter(({ cell }) => cell.formula?.includes(`'${BUDGET_SHEET_NAME}'!MonthlyTokens`));
      expect(budgetCells.map(({ cell }) => cell.formula)).toEqual(
        linked.map(({ v }) => `=INDEX('${BUDGET_SHEET_NAME}'!MonthlyTokens,1,${v.budgetIndex! + 1})`),
      );
      const months = c.inputs.budget!.result.months;
      expect(budgetCells.map(({ row, col }) => back.raw(DASHBOARD_SHEET_NAME, a1(row, col)).value)).toEqual(
        linked.map(({ v }) => months[v.budgetIndex!].consumption),
      );
    }
    // March 2026's review against the flat mid-market budget: 18,940 / 19,415 / 19,810 against 19,810 a month.
    const march = recalculated.get("combined-march-2026.xlsx")!;
    const variance = sheetCase("combined-march-2026.xlsx").inputs.dashboard!.result.varianceTotal!;
    expect(variance).toMatchObject({ budgeted: 3 * 19810, actual: 18940 + 19415 + 19810 });
    expect(march.rawNamed(DASHBOARD_SHEET_NAME, "Consumed").value).toBe(19810);
  });

  test(`${RANDOM_ANNUAL_PLANS} random annual plans with their dashboards, on both cards, written without cached values: LibreOffice computes the core's figures`, () => {
    const random = sheetCases.filter((c) => c.file.startsWith("annual-"));
    expect(random).toHaveLength(RANDOM_ANNUAL_PLANS);
    expect(new Set(random.map((c) => c.inputs.profile.card))).toEqual(new Set(CARD_IDS));
    for (const c of random) {
      const back = recalculated.get(c.file)!;
      const totals = keyTotals(back, c.inputs, c.models);
      if (totals.off.length > 0)
        throw new Error(
          `${c.file} (${JSON.stringify(c.inputs.budget!.plan)}): ${totals.off.map((k) => `${k} is ${JSON.stringify(totals.got[k])} in LibreOffice, ${JSON.stringify(totals.want[k])} in the core`).join("; ")}`,
        );
      expect(sheetMismatches(back, c.models)).toEqual([]);
      // The same workbook as written with cached values carries the core's figures.
      expect(keyTotals(c.cached, c.inputs, c.models).off).toEqual([]);
    }
  });

  test("go-live months picked by name are recalculated to the core's figures for those months", () => {
    const back = recalculated.get("go-live-names.xlsx")!;
    const before = computeAnnualPlan(goLive.plan, cardOf(goLive.plan.card));
    const after = computeAnnualPlan(goLive.picked, cardOf(goLive.picked.card));
    if (before instanceof InputError || after instanceof InputError) throw new Error("the plan does not compute");
    // The edit matters, and LibreOffice computes every cell as the core does for the picked months.
    expect(after.annualTokens).toBeLessThan(before.annualTokens);
    expect(["AnnualTokens", "AnnualOverageTokens", "AnnualCost"].map((n) => back.rawNamed(BUDGET_SHEET_NAME, n).value)).toEqual([
      after.annualTokens,
      after.annualOverageTokens,
      after.annualCost,
    ]);
    const off: string[] = [];
    for (const { row, col, cell } of cellsOf(goLive.model)) {
      if (cell.formula === undefined) continue;
      const got = back.raw(BUDGET_SHEET_NAME, a1(row, col)).value;
      if (!close(got, cell.result)) off.push(`${a1(row, col)}: LibreOffice ${JSON.stringify(got)}, core ${JSON.stringify(cell.result)}`);
    }
    expect(off).toEqual([]);
  });

  test("issue 7: a rate edited in the written file is recalculated to the core's figures for that rate", () => {
    const back = recalculated.get("edited-rate.xlsx")!;
    const card = editedCard(cardOf("study-notes"), "virtualagent", EDITED_RATE);
    const est = estimate(edited.profile, card);
    const plan = computeAnnualPlan(edited.plan, card);
    if (est instanceof InputError || plan instanceof InputError) throw new Error("the edited card does not compute");
    const original = computeAnnualPlan(edited.plan, cardOf("study-notes"));
    if (original instanceof InputError) throw new Error(original.message);
    // The edit matters: 200 sessions a day x 20 days at 0.5 instead of 2 tokens.
    expect(est.total).toBe(19810 - 200 * 20 * (2 - EDITED_RATE));
    expect(plan.annualTokens).toBeLessThan(original.annualTokens);
    // The file still carries the old rate's cached values; LibreOffice gives the new rate's.
    expect(edited.before.rawNamed(SHEET, "TotalTokens").value).toBe(19810);
    expect(back.rawNamed(SHEET, "TotalTokens").value).toBe(est.total);
    expect(["AnnualTokens", "AnnualOverageTokens", "AnnualCost"].map((n) => back.rawNamed(BUDGET_SHEET_NAME, n).value)).toEqual([
      plan.annualTokens,
      plan.annualOverageTokens,
      plan.annualCost,
    ]);
    const monthly = back.names
      .find((n) => n.name === "MonthlyTokens" && n.localSheetId === 1)!
      .ref.split("!")[1]
      .replace(/\$/g, "");
    const [from] = monthly.split(":");
    expect(back.raw(BUDGET_SHEET_NAME, from).value).toBe(plan.months[0].consumption);
  });
});
