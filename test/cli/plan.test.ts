/**
 * Plan files and the registries behind --preset and --sheets: the schema file is the generated
 * one, the documented examples are valid, presets survive a trip through a plan file, defaults and
 * prices follow the card, every problem names its field.
 */
import Ajv2020 from "ajv/dist/2020";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  BUDGET_PRESETS,
  CALCULATOR_PRESETS,
  CARD_IDS,
  CARDS,
  computeAnnualPlan,
  DASHBOARD_PRESETS,
  findBudgetPreset,
  findPreset,
  getCard,
  GROWTH_KINDS,
  importUsageCsv,
  InputError,
  MARCH_2026,
  parseMonthLabel,
  profileOf,
  type AnnualPlanResult,
  type CompiledCard,
} from "../../src/core";
import { schemaText, SCHEMA_FILE } from "../../src/cli/generate-schema";
import { budgetField, parsePlan, planFromJson, planToJson, type Plan, type PlanProblem } from "../../src/plan/plan-file";
import { DASHBOARD_FEATURE_IDS, PLAN_SCHEMA } from "../../src/plan/plan-schema";
import { buildSheets, defaultSheets, findPlanPreset, LookupError, PLAN_PRESETS, resolveSheetKinds } from "../../src/plan/workbook";
import { SHEET_KIND_DEFINITIONS as SHEET_KINDS } from "../../src/plan/kinds";
import { flatBudget, workbookInputs, WorkbookProblem } from "../../src/plan/inputs";
import { ROOT } from "./run-cli";

const planOf = (x: Plan | PlanProblem[]): Plan => {
  if (Array.isArray(x)) throw new Error(JSON.stringify(x));
  return x;
};

describe("the schema", () => {
  test(`${SCHEMA_FILE} is the one generated from the core (npx tsx src/cli/generate-schema.ts)`, () => {
    expect(readFileSync(join(ROOT, SCHEMA_FILE), "utf8")).toBe(schemaText());
  });

  test("is a valid draft 2020-12 schema, and every JSON example in docs/plan-format.md is a valid plan", () => {
    const validate = new Ajv2020({ strict: true }).compile(PLAN_SCHEMA);
    const doc = readFileSync(join(ROOT, "docs/plan-format.md"), "utf8");
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const e of examples) {
      expect(validate(e)).toBe(true);
      planOf(planFromJson(e));
    }
  });

  test("lists exactly the core's cards, growth kinds and card features", () => {
    expect(PLAN_SCHEMA.properties.card.enum).toEqual([...CARD_IDS, "contract"]);
    expect(PLAN_SCHEMA.properties.budget.properties.growth.properties.kind.enum).toEqual([...GROWTH_KINDS]);
    const features = new Set(CARDS.flatMap((c) => c.card.features.map((f) => f.id)));
    expect(new Set(DASHBOARD_FEATURE_IDS)).toEqual(new Set([...features, "other", "all"]));
    expect(Object.keys(PLAN_SCHEMA.properties.dashboard.properties.features.properties)).toEqual(DASHBOARD_FEATURE_IDS);
  });
});

describe("plans", () => {
  test.each(CALCULATOR_PRESETS.map((p) => [p.id, p] as const))("preset %s written as a plan and read back is the same profile", (_id, preset) => {
    const json = planToJson(preset.profile);
    expect(planOf(planFromJson(JSON.parse(JSON.stringify(json)))).profile).toEqual(preset.profile);
  });

  test.each(PLAN_PRESETS.map((p) => [p.id, p] as const))(
    "preset %s written as a plan file and read back is the same plan, sections included",
    (_id, preset) => {
      const json = JSON.parse(JSON.stringify(planToJson(preset.plan.profile, preset.plan)));
      const back = planOf(planFromJson(json));
      expect(back.profile).toStrictEqual(preset.plan.profile);
      expect(back.budget).toStrictEqual(preset.plan.budget);
      expect(back.dashboard).toStrictEqual(preset.plan.dashboard);
      expect(Object.keys(json).filter((k) => k === "budget" || k === "dashboard")).toEqual(preset.kind === "calculator" ? [] : [preset.kind]);
    },
  );

  test("a minimal plan takes the defaults, and the card's price in its currency", () => {
    const p = planOf(parsePlan('{"version":1,"users":10,"volumes":{"copilot":10}}')).profile;
    expect(p).toMatchObject({
      name: "Token plan",
      card: "study-notes",
      licence: "named",
      workingDays: 20,
      currency: "USD",
      pricePerToken: 1,
      rounding: "line",
      level: "mid",
    });
    expect(p.volumes.voicebot).toBe(0);
    const eur = planOf(planFromJson({ version: 1, users: 10, volumes: {}, card: "genesys-published", currency: "EUR" })).profile;
    expect(eur.pricePerToken).toBe(0.8);
  });

  test("a byte-order mark is allowed; every problem names its field", () => {
    planOf(parsePlan('\uFEFF{"version":1,"users":1,"volumes":{}}'));
    expect(parsePlan('{"version":1,"users":-1,"volumes":{"scoring":"many"},"extra":1}')).toEqual([
      { field: "plan.extra", message: expect.stringMatching(/^is not a field of a plan \(known here: \$schema, version, name, card/) },
      { field: "plan.users", message: "cannot be negative" },
      { field: "plan.volumes.scoring", message: "must be a number" },
    ]);
    expect(parsePlan("[1]")).toEqual([{ field: "plan", message: "must be a JSON object" }]);
    expect(parsePlan("{")).toEqual([{ field: "plan", message: expect.stringMatching(/^is not valid JSON: .*\(line 1, column 2\)$/) }]);
  });
});

describe("registries", () => {
  test("presets carry the taskpane's ids, each with its kind, plan and default sheet; the core's presets are the ones offered", () => {
    expect(PLAN_PRESETS.map((p) => p.id)).toEqual(["small", "mid-market", "enterprise", "growth", "seasonal", "march-2026"]);
    expect(PLAN_PRESETS.map((p) => [p.kind, p.sheets])).toEqual([
      ["calculator", ["calculator"]],
      ["calculator", ["calculator"]],
      ["calculator", ["calculator"]],
      ["budget", ["budget"]],
      ["budget", ["budget"]],
      ["dashboard", ["dashboard"]],
    ]);
    expect(PLAN_PRESETS.map((p) => p.id)).toEqual([...CALCULATOR_PRESETS, ...BUDGET_PRESETS, ...DASHBOARD_PRESETS].map((p) => p.id));
    expect(findPlanPreset("Mid-Market").plan.profile.users).toBe(200);
    expect(findPlanPreset("growth").plan.budget).toBe(findBudgetPreset("growth")!.plan);
    expect(findPlanPreset("march-2026").plan).toEqual({ profile: findPreset("mid-market")!.profile, dashboard: MARCH_2026 });
    expect(() => findPlanPreset("huge")).toThrow(
      new LookupError('unknown preset "huge". Available presets: small, mid-market, enterprise, growth, seasonal, march-2026.'),
    );
  });

  test("every sheet kind builds for every preset, alone and together, with names unique in the workbook", () => {
    const all = SHEET_KINDS.map((k) => k.id);
    expect(all).toEqual(["calculator", "budget", "dashboard"]);
    const subsets = [1, 2, 3, 4, 5, 6, 7].map((mask) => all.filter((_, i) => mask & (1 << i)));
    for (const p of PLAN_PRESETS) {
      for (const ids of subsets) {
        const models = buildSheets(p.plan, resolveSheetKinds(ids), { today: TODAY });
        expect(models.map((m) => m.name)).toEqual(ids.map((id) => SHEET_KINDS.find((k) => k.id === id)!.sheetName));
      }
    }
    expect(resolveSheetKinds(["calculator", " Calculator", ""]).map((k) => k.id)).toEqual(["calculator"]);
    expect(() => resolveSheetKinds([""])).toThrow("no sheet to write");
    expect(() => resolveSheetKinds(["budget", "pivot"])).toThrow('unknown sheet kind "pivot". Available sheets: calculator, budget, dashboard.');
  });

  test("a plan file's default sheets: the calculator and one per section; --usage adds the dashboard", () => {
    const profile = findPreset("small")!.profile;
    expect(defaultSheets({ profile }, false)).toEqual(["calculator"]);
    expect(defaultSheets({ profile }, true)).toEqual(["calculator", "dashboard"]);
    expect(defaultSheets(findPlanPreset("growth").plan, false)).toEqual(["calculator", "budget"]);
    expect(defaultSheets({ ...findPlanPreset("growth").plan, dashboard: MARCH_2026 }, false)).toEqual(["calculator", "budget", "dashboard"]);
  });
});

const TODAY = new Date("2026-11-27T10:00:00Z");
const card = (id: string): CompiledCard => {
  const c = getCard(id);
  if (c instanceof InputError) throw new Error(c.message);
  return c;
};
const computed = (plan: Parameters<typeof computeAnnualPlan>[0]): AnnualPlanResult => {
  const r = computeAnnualPlan(plan, card(plan.card));
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};
const base = { version: 1, users: 200, volumes: { copilot: 200 } };

describe("budget and dashboard sections", () => {
  test("a budget section: the profile's fields and the section's, in the core's AnnualPlan", () => {
    const plan = planOf(
      planFromJson({
        ...base,
        name: "Acme",
        volumes: { copilot: 200, virtualagent: 100 },
        budget: {
          startMonth: 10,
          startYear: 2026,
          growth: { kind: "rate", monthly: 0.02 },
          goLive: { virtualagent: 3 },
          multipliers: [1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5],
          topUps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5000],
          initiatives: [{ name: "Chat bot", tokensPerMonth: 1000 }],
          buffers: { unpredictability: 0.25 },
          sites: [{ name: "North", volumes: { virtualagent: 40 }, goLive: { virtualagent: 2 } }],
        },
      }),
    );
    expect(plan.budget).toMatchObject({
      name: "Acme",
      card: "study-notes",
      users: 200,
      startMonth: 10,
      startYear: 2026,
      growth: { kind: "rate", monthly: 0.02 },
      userFeaturesFollowUsers: true,
      goLive: { virtualagent: 3 },
      seasonality: [1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5],
      topUps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5000],
      initiatives: [{ name: "Chat bot", tokensPerMonth: 1000, goLive: 1 }],
      buffers: { unpredictability: 0.25, growth: 0.1 },
      sites: [{ name: "North", volumes: { virtualagent: 40 }, goLive: { virtualagent: 2 } }],
    });
    expect(plan.budget!.volumes).toEqual(plan.profile.volumes);
  });

  test("the start month: as given, January of a year, the first month the dashboard reviews, else the month after today", () => {
    const start = (budget: object, extra: object = {}) => {
      const b = planOf(planFromJson({ ...base, budget, ...extra }, { today: TODAY })).budget!;
      return [b.startYear, b.startMonth];
    };
    expect(start({ startMonth: 4, startYear: 2027 })).toEqual([2027, 4]);
    expect(start({ startYear: 2027 })).toEqual([2027, 1]);
    expect(start({})).toEqual([2026, 12]);
    expect(planOf(planFromJson({ ...base, budget: {} }, { today: new Date("2026-12-31T23:00:00Z") })).budget).toMatchObject({ startYear: 2027, startMonth: 1 });
    expect(start({ startMonth: 12 })).toEqual([2026, 12]);
    expect(start({ startMonth: 3 })).toEqual([2027, 3]);
    const dashboard = { period: "March 2026", features: { copilot: 10 }, variance: [{ month: "Jan 2026", actual: 5 }] };
    expect(start({}, { dashboard })).toEqual([2026, 1]);
    expect(start({}, { dashboard: { ...dashboard, variance: [] } })).toEqual([2026, 3]);
  });

  test("a dashboard section's defaults: days of the period's month, the period over, the budget's allocation for the month", () => {
    const d = planOf(planFromJson({ ...base, dashboard: { period: "February 2028", features: { copilot: 9000 } } })).dashboard!;
    expect(d).toEqual({
      period: "February 2028",
      card: "study-notes",
      allocation: 50000,
      features: [{ feature: "copilot", tokens: 9000 }],
      weekly: [],
      daysElapsed: 29,
      daysInPeriod: 29,
      variance: [],
    });
    // In a budget with growth and a top-up, the month's own allocation and top-up.
    const grown = planOf(
      planFromJson({
        ...base,
        budget: { startMonth: 1, startYear: 2026, growth: { kind: "users", perMonth: 10 }, topUps: [0, 0, 700, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        dashboard: { period: "2026-03", features: { copilot: 1 } },
      }),
    );
    expect(grown.dashboard!.allocation).toBe(220 * 250 + 700);
    expect(
      planOf(planFromJson({ ...base, dashboard: { period: "Peak", features: { other: 1 }, daysInPeriod: 45, daysElapsed: 9, allocation: 7 } })).dashboard,
    ).toMatchObject({ daysInPeriod: 45, daysElapsed: 9, allocation: 7 });
  });

  test("month labels", () => {
    expect(["March 2026", "mar 2026", "Sept 2026", "Sep. 2026", "2026-03", " December 1999 "].map(parseMonthLabel)).toEqual([
      { year: 2026, month: 3 },
      { year: 2026, month: 3 },
      { year: 2026, month: 9 },
      { year: 2026, month: 9 },
      { year: 2026, month: 3 },
      { year: 1999, month: 12 },
    ]);
    expect(["Q1 2026", "Ma 2026", "2026-13", "March", "Marchy 2026", ""].map(parseMonthLabel)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  const sectionCases: [string, object, PlanProblem[]][] = [
    [
      "a negative seasonal multiplier",
      { budget: { multipliers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1] } },
      [{ field: "plan.budget.multipliers[11]", message: "seasonal multipliers cannot be negative." }],
    ],
    [
      "too few top-ups",
      { budget: { topUps: [1, 2, 3] } },
      [{ field: "plan.budget.topUps", message: "must list 12 figures, one for each calendar month from January, got 3" }],
    ],
    ["a growth kind without its figure", { budget: { growth: { kind: "rate" } } }, [{ field: "plan.budget.growth.monthly", message: "is required" }]],
    [
      "a growth rate of -100%",
      { budget: { growth: { kind: "rate", monthly: -1 } } },
      [{ field: "plan.budget.growth.monthly", message: "the monthly growth rate must be at least -0.99, got -1." }],
    ],
    [
      "an unknown growth kind",
      { budget: { growth: { kind: "decay", perMonth: 1 } } },
      [{ field: "plan.budget.growth.kind", message: 'must be one of "users", "rate", "target"' }],
    ],
    [
      "a site's negative volume",
      {
        budget: {
          sites: [
            { name: "A", volumes: { copilot: 1 } },
            { name: "B", volumes: { voicebot: -1 } },
          ],
        },
      },
      [{ field: "plan.budget.sites[1].volumes.voicebot", message: "voice bot minutes per day cannot be negative." }],
    ],
    ["a site without volumes", { budget: { sites: [{ name: "A", volumes: {} }] } }, [{ field: "plan.budget.sites[0].volumes", message: "must not be empty" }]],
    [
      "an initiative live in month 0",
      { budget: { initiatives: [{ name: "x", tokensPerMonth: 5, goLive: 0 }] } },
      [{ field: "plan.budget.initiatives[0].goLive", message: "an initiative's go-live month must be a whole number of at least 1." }],
    ],
    [
      "a go-live month that is a fraction",
      { budget: { goLive: { copilot: 2.5 } } },
      [{ field: "plan.budget.goLive.copilot", message: "the go-live month of Agent Copilot users must be a whole number of at least 1." }],
    ],
    ["month 13", { budget: { startMonth: 13 } }, [{ field: "plan.budget.startMonth", message: "the start month must be a whole number from 1 to 12." }]],
    [
      "a year Excel has no dates for",
      { budget: { startYear: 9999 } },
      [{ field: "plan.budget.startYear", message: "the start year must be a whole number from 1901 to 9998." }],
    ],
    [
      "a misspelt budget field",
      { budget: { seasonality: [] } },
      [{ field: "plan.budget.seasonality", message: expect.stringMatching(/^is not a field of a plan \(known here: name, startMonth, startYear, growth, /) }],
    ],
    [
      "a feature not on the card",
      { dashboard: { period: "March 2026", features: { copilot: 5, summary: 3 } } },
      [{ field: "plan.dashboard.features.summary", message: expect.stringMatching(/^is not a feature of the Study notes card \(copilot, /) }],
    ],
    [
      "a feature no card has",
      { dashboard: { period: "March 2026", features: { wow: 3 } } },
      [{ field: "plan.dashboard.features.wow", message: expect.stringMatching(/^is not a field of a plan/) }],
    ],
    ["no features", { dashboard: { period: "March 2026", features: {} } }, [{ field: "plan.dashboard.features", message: "must not be empty" }]],
    [
      "a period that is not a month, without its days",
      { dashboard: { period: "Q1", features: { copilot: 5 } } },
      [{ field: "plan.dashboard.daysInPeriod", message: 'is required: the period "Q1" is not a month such as "March 2026"' }],
    ],
    [
      "more days elapsed than the period has",
      { dashboard: { period: "April 2026", features: { copilot: 1 }, daysElapsed: 31 } },
      [{ field: "plan.dashboard.daysElapsed", message: "must be at most the days in the period (30)" }],
    ],
    [
      "seven weeks",
      { dashboard: { period: "March 2026", features: { copilot: 1 }, weekly: [1, 2, 3, 4, 5, 6, 7] } },
      [{ field: "plan.dashboard.weekly", message: "must list at most 6 entries, got 7" }],
    ],
    [
      "no allocation to measure against",
      { users: 0, dashboard: { period: "March 2026", features: { copilot: 1 } } },
      [{ field: "plan.dashboard.allocation", message: "is required: the plan allocates no tokens for the period" }],
    ],
    [
      "a negative actual",
      { dashboard: { period: "March 2026", features: { copilot: 1 }, variance: [{ month: "Jan", actual: -1 }] } },
      [{ field: "plan.dashboard.variance[0].actual", message: "cannot be negative" }],
    ],
    [
      "13 months in the review",
      { dashboard: { period: "March 2026", features: { copilot: 1 }, variance: Array(13).fill({ month: "x", actual: 1 }) } },
      [{ field: "plan.dashboard.variance", message: "must list at most 12 entries, got 13" }],
    ],
  ];
  test.each(sectionCases)("%s: the problem names the field", (_title, fields, problems) => {
    expect(planFromJson({ ...base, ...fields }, { today: TODAY })).toEqual(problems);
  });

  test("the core's budget fields as the plan file names them", () => {
    expect(
      ["seasonality.11", "topUps.0", "sites.3.volumes.copilot", "initiatives.0.goLive", "growth.users", "startYear", "users", "volumes.voicebot"].map(
        budgetField,
      ),
    ).toEqual([
      "plan.budget.multipliers[11]",
      "plan.budget.topUps[0]",
      "plan.budget.sites[3].volumes.copilot",
      "plan.budget.initiatives[0].goLive",
      "plan.budget.growth.users",
      "plan.budget.startYear",
      "plan.users",
      "plan.volumes.voicebot",
    ]);
  });
});

describe("what fills a sheet the plan has no section for", () => {
  const kinds = ["calculator", "budget", "dashboard"];

  test("a budget preset's calculator is its first month; its dashboard a template of that month without actuals, linked to the budget sheet", () => {
    const growth = findPlanPreset("growth").plan;
    const inputs = workbookInputs(growth, kinds, { today: TODAY });
    expect(inputs.profile).toEqual(profileOf(growth.budget!));
    expect(inputs.profile.users).toBe(200);
    expect(inputs.budget).toMatchObject({ source: "plan", plan: growth.budget });
    const r = inputs.budget!.result;
    const d = inputs.dashboard!;
    expect(d.source).toBe("forecast");
    expect(d.input).toMatchObject({ period: "April 2026", allocation: 50000, weekly: [null, null, null, null, null], daysElapsed: 30, daysInPeriod: 30 });
    // Never a forecast copied as an actual: the features, weeks and months are empty until typed.
    expect(d.input.features.every((f) => f.tokens === null)).toBe(true);
    expect(d.result.consumed).toBeNull();
    expect(d.result.trend).toBeNull();
    expect(d.input.variance!.map((v) => [v.month, v.budgeted, v.actual, v.budgetIndex])).toEqual(
      r.months.map((m, k) => [expect.stringMatching(/ 202[67]$/), m.consumption, null, k]),
    );
    expect(d.result.variance.every((v) => v.variance === null)).toBe(true);
    expect(d.result.varianceTotal).toMatchObject({ actual: null, variance: null });
    expect(inputs.linked).toBe(true);
    // Without the budget sheet, the same template with typed budgets.
    const alone = workbookInputs(growth, ["dashboard"], { today: TODAY });
    expect(alone.linked).toBe(false);
    expect(alone.dashboard!.input.variance!.every((v) => v.budgetIndex === undefined)).toBe(true);
  });

  test("an initiative live in the first month shows as Other AI tokens; its forecast month is the budget's", () => {
    const growth = findPlanPreset("growth").plan;
    const early = { ...growth, budget: { ...growth.budget!, initiatives: [{ name: "x", tokensPerMonth: 8000, goLive: 1 }] } };
    const d = workbookInputs(early, ["dashboard"], { today: TODAY }).dashboard!;
    expect(d.input.features.at(-1)).toEqual({ feature: "other", tokens: null });
    expect(d.result.consumed).toBeNull();
  });

  test("a calculator preset's budget is its flat plan from the month after today; its dashboard that plan's first month", () => {
    const small = findPlanPreset("small").plan;
    const inputs = workbookInputs(small, kinds, { today: TODAY });
    expect(inputs.budget).toMatchObject({ source: "flat", plan: flatBudget(small.profile, { year: 2026, month: 12 }) });
    expect(inputs.budget!.result.annualTokens).toBe(12 * 4701);
    expect(inputs.dashboard!.input).toMatchObject({ period: "December 2026", allocation: 12500 });
    expect(inputs.dashboard!.result.consumed).toBeNull();
    expect(inputs.dashboard!.input.features.map((f) => f.feature).sort()).toEqual(["copilot", "messaging", "scoring", "virtualagent"]);
  });

  test("the march-2026 dashboard: the mid-market calculator, a flat budget from January 2026 its review reads", () => {
    const inputs = workbookInputs(findPlanPreset("march-2026").plan, kinds, { today: TODAY });
    expect(inputs.profile.name).toBe("Mid-market center");
    expect(inputs.budget!.plan).toMatchObject({ startMonth: 1, startYear: 2026 });
    const v = inputs.dashboard!.input.variance!;
    expect(v.map((m) => [m.month, m.budgeted, m.actual, m.budgetIndex])).toEqual([
      ["January 2026", 19810, 18940, 0],
      ["February 2026", 19810, 19415, 1],
      ["March 2026", 19810, 19810, 2],
    ]);
    // Without the budget sheet: the preset's own typed budgets.
    expect(workbookInputs(findPlanPreset("march-2026").plan, ["dashboard"], { today: TODAY }).dashboard!.input).toBe(MARCH_2026);
  });

  test("a review month outside the budget keeps its typed budget", () => {
    const plan = { ...findPlanPreset("growth").plan, dashboard: MARCH_2026 };
    const v = workbookInputs(plan, kinds, { today: TODAY }).dashboard!.input.variance!;
    expect(v.map((m) => [m.budgeted, m.budgetIndex])).toEqual([
      [20000, undefined],
      [19000, undefined],
      [21000, undefined],
    ]);
  });

  test("a usage export: its last month, budgets from the budget, the budget's allocation for the month", () => {
    const csv = readFileSync(join(ROOT, "test/fixtures/usage/genesys-usage-report-march-2026.csv"), "utf8");
    const usage = importUsageCsv(csv, { card: card("study-notes") });
    if (usage instanceof InputError) throw new Error(usage.message);
    const plan = planOf(planFromJson({ ...base, budget: { startMonth: 1, startYear: 2026, growth: { kind: "users", perMonth: 10 } } }));
    const inputs = workbookInputs(plan, ["budget", "dashboard"], { today: TODAY, usage });
    expect(inputs.dashboard!.source).toBe("usage");
    expect(inputs.dashboard!.input).toMatchObject({ period: "March 2026", allocation: 220 * 250 });
    expect(inputs.dashboard!.result.consumed).toBe(19810);
    expect(inputs.dashboard!.input.variance).toEqual([
      { month: "March 2026", budgeted: computed(plan.budget!).months[2].consumption, actual: 19810, budgetIndex: 2 },
    ]);
    // The flat budget of a profile starts at the export's first month.
    expect(workbookInputs(findPlanPreset("small").plan, ["budget", "dashboard"], { today: TODAY, usage }).budget!.plan).toMatchObject({
      startMonth: 3,
      startYear: 2026,
    });
    expect(() => workbookInputs(plan, ["budget"], { today: TODAY, usage })).toThrow(
      new WorkbookProblem("--usage feeds the dashboard sheet: add dashboard to --sheets."),
    );
  });

  test("no allocation in the budget's first month: a clear refusal", () => {
    const none = planOf(planFromJson({ version: 1, users: 0, volumes: { messaging: 4000 } }));
    expect(() => workbookInputs(none, ["dashboard"], { today: TODAY })).toThrow(
      /^the dashboard needs an allocation above 0, and the budget's first month \(December 2026\) has none/,
    );
    expect(workbookInputs(none, ["budget"], { today: TODAY }).budget!.result.annualOverageTokens).toBe(12 * 10);
  });
});

describe("committed tokens in a plan file", () => {
  const json = {
    version: 1,
    card: "genesys-published",
    users: 1,
    volumes: {},
    budget: { startMonth: 1, startYear: 2026, initiatives: [{ name: "Bots", tokensPerMonth: 2731 }], committedTokens: 2000 },
  };
  const planOf = (j: unknown): Plan => {
    const p = planFromJson(j, { today: TODAY });
    if (Array.isArray(p)) throw new Error(p.map((x) => `${x.field}: ${x.message}`).join("; "));
    return p;
  };

  test("2,000 committed + 250 allocation against 2,731 consumed: 481 overage tokens a month, and the dashboard takes them", () => {
    const plan = planOf(json);
    expect(plan.budget!.committedTokens).toBe(2000);
    const inputs = workbookInputs(plan, ["budget", "dashboard"], { today: TODAY });
    expect(inputs.budget!.result.months.map((m) => m.overage)).toEqual(Array(12).fill(481));
    expect(inputs.dashboard!.input).toMatchObject({ allocation: 250, committed: 2000 });
    expect(inputs.dashboard!.result.tokensAvailable).toBe(2250);
  });

  test("one figure or twelve; written back as given; anything else names the field", () => {
    const twelve = Array.from({ length: 12 }, (_, i) => (i === 0 ? 2000 : 0));
    expect(planOf({ ...json, budget: { ...json.budget, committedTokens: twelve } }).budget!.committedTokens).toEqual(twelve);
    expect(planToJson(planOf(json).profile, { budget: planOf(json).budget }).budget?.committedTokens).toBe(2000);
    const bad = planFromJson({ ...json, budget: { ...json.budget, committedTokens: [1, 2] } }, { today: TODAY });
    expect(Array.isArray(bad) && bad.some((p) => p.field.startsWith("plan.budget.committedTokens"))).toBe(true);
  });
});
