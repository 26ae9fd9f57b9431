import { computeAnnualPlan, type AnnualPlanResult } from "../../src/core/annual-plan";
import { BUDGET_PRESETS, findBudgetPreset } from "../../src/core/budget-presets";
import { getCard } from "../../src/core/cards";
import { InputError } from "../../src/core/errors";
import { VOLUME_FEATURES } from "../../src/core/estimate";
import {
  addInitiative,
  applyBudgetPreset,
  BUDGET_CHOICES,
  budgetFieldOrder,
  budgetFieldValue,
  budgetFormFromPlan,
  budgetInputId,
  CUSTOM_PRESET,
  editBudgetField,
  initialBudgetForm,
  MAX_INITIATIVES,
  parseBudgetForm,
  removeInitiative,
  type BudgetFormValues,
} from "../../src/taskpane/budget-form";
import { useCardPrice } from "../../src/taskpane/form";

const preset = (id: string): BudgetFormValues => applyBudgetPreset(initialBudgetForm(), id);
const problemsOf = (v: BudgetFormValues): Record<string, string> => Object.fromEntries(parseBudgetForm(v).problems.map((p) => [p.field, p.message]));
const computed = (v: BudgetFormValues): AnnualPlanResult => {
  const { plan } = parseBudgetForm(v);
  const r = computeAnnualPlan(plan, getCard(plan.card) as never);
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};

describe("the presets fill the form", () => {
  test("the picker offers the shared ids, growth and seasonal, then Custom", () => {
    expect(BUDGET_CHOICES.preset.map((c) => c.value)).toEqual(["growth", "seasonal", CUSTOM_PRESET]);
  });

  test("the tab opens on the growth preset", () => {
    const v = initialBudgetForm();
    expect(v).toMatchObject({
      preset: "growth",
      startMonth: "4",
      startYear: "2026",
      users: "200",
      growthKind: "target",
      growthFigure: "250",
      followUsers: false,
    });
    expect(v.tokensPerUser.copilot).toBe("55");
    expect(v.initiatives).toEqual([{ name: "New Virtual Agent deployment and expanded messaging channels", tokensPerMonth: "8000", goLive: "4" }]);
    expect([v.bufferUnpredictability, v.bufferGrowth]).toEqual(["20", "10"]);
  });

  test("seasonal: multipliers and top-ups by calendar month, priced as the notes price it", () => {
    const v = preset("seasonal");
    expect(v).toMatchObject({ preset: "seasonal", card: "study-notes", currency: "USD", pricePerToken: "1", startMonth: "7", users: "120" });
    expect(v.seasonality).toEqual(["1.5", "1", "1", "1", "1", "0.5", "0.5", "0.5", "1", "1", "1", "1.5"]);
    expect(v.topUps).toEqual(["10000", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "10000"]);
    expect(v.initiatives).toEqual([]);
  });

  test.each(BUDGET_PRESETS.map((p) => p.id))("%s: the form gives back the preset's year exactly", (id) => {
    const p = findBudgetPreset(id)!;
    const expected = computeAnnualPlan(p.plan, getCard(p.plan.card) as never) as AnnualPlanResult;
    const v = preset(id);
    expect(parseBudgetForm(v).problems).toEqual([]);
    const r = computed(v);
    expect(r.months).toEqual(expected.months);
    expect([r.annualTokens, r.annualOverageTokens, r.annualCost]).toEqual([expected.annualTokens, expected.annualOverageTokens, expected.annualCost]);
  });

  test("Custom keeps the form as it is", () => {
    const v = editBudgetField(preset("seasonal"), "users", "150");
    expect(applyBudgetPreset(v, CUSTOM_PRESET)).toEqual({ ...v, preset: CUSTOM_PRESET });
  });
});

describe("editing the form", () => {
  test("a planning figure makes the plan your own; its name or price does not", () => {
    const v = initialBudgetForm();
    expect(editBudgetField(v, "volumes.copilot", "210").preset).toBe(CUSTOM_PRESET);
    expect(editBudgetField(v, "seasonality.11", "1.2").preset).toBe(CUSTOM_PRESET);
    expect(editBudgetField(v, "initiatives.0.tokensPerMonth", "9000").preset).toBe(CUSTOM_PRESET);
    expect(editBudgetField(v, "name", "FY27").preset).toBe("growth");
    expect(editBudgetField(v, "pricePerToken", "0.9").preset).toBe("growth");
  });

  test("every field reads back what was typed", () => {
    let v = addInitiative(initialBudgetForm());
    const order = budgetFieldOrder(v).filter((p) => !["preset", "card", "currency", "growth.kind", "followUsers", "licence", "rounding", "level"].includes(p));
    order.forEach((path, i) => (v = editBudgetField(v, path, `${i + 1}`)));
    order.forEach((path, i) => expect([path, budgetFieldValue(v, path)]).toEqual([path, `${i + 1}`]));
    expect(budgetFieldValue(editBudgetField(v, "followUsers", "true"), "followUsers")).toBe("true");
  });

  test("input ids are unique and distinct from the calculator's", () => {
    const ids = budgetFieldOrder(addInitiative(initialBudgetForm())).map(budgetInputId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^b-[A-Za-z0-9-]+$/);
    expect(budgetInputId("initiatives.0.goLive")).toBe("b-initiatives-0-goLive");
  });

  test("the price follows the card and the currency until one is typed", () => {
    let v = editBudgetField(initialBudgetForm(), "card", "genesys-published");
    v = editBudgetField(v, "currency", "EUR");
    expect(v.pricePerToken).toBe("0.8");
    v = editBudgetField(v, "pricePerToken", "0.75");
    expect(editBudgetField(v, "currency", "GBP").pricePerToken).toBe("0.75");
    expect(useCardPrice(editBudgetField(v, "currency", "GBP")).priceTyped).toBe(false);
  });

  test("percentages are typed as percent, with or without the sign", () => {
    let v = editBudgetField(initialBudgetForm(), "buffers.unpredictability", "25%");
    v = editBudgetField(v, "buffers.growth", "12.5");
    v = editBudgetField(editBudgetField(v, "growth.kind", "rate"), "growth.figure", "1.5 %");
    const { plan, problems } = parseBudgetForm(v);
    expect(problems).toEqual([]);
    expect(plan.buffers).toEqual({ unpredictability: 0.25, growth: 0.125 });
    expect(plan.growth).toEqual({ kind: "rate", monthly: 0.015 });
  });

  test("initiatives are added blank (live from month 1) and removed by index, at most ten", () => {
    let v = addInitiative(initialBudgetForm());
    expect(v.initiatives[1]).toEqual({ name: "", tokensPerMonth: "", goLive: "1" });
    expect(parseBudgetForm(v).plan.initiatives[1]).toEqual({ name: "", tokensPerMonth: 0, goLive: 1 });
    v = removeInitiative(v, 0);
    expect(v.initiatives).toEqual([{ name: "", tokensPerMonth: "", goLive: "1" }]);
    for (let i = 0; i < 20; i++) v = addInitiative(v);
    expect(v.initiatives).toHaveLength(MAX_INITIATIVES);
    expect(removeInitiative(v, 99)).toBe(v);
  });

  test("a seasonal figure stays with its calendar month when the plan starts elsewhere", () => {
    const v = editBudgetField(preset("seasonal"), "startMonth", "1");
    const r = computed(v);
    expect(r.months.filter((m) => m.multiplier === 1.5).map((m) => m.month)).toEqual([1, 12]);
    expect(r.months.filter((m) => m.topUp === 10000).map((m) => m.month)).toEqual([1, 12]);
  });

  test("a later go-live leaves the feature out of the first months", () => {
    const v = editBudgetField(initialBudgetForm(), "goLive.virtualagent", "3");
    const r = computed(v);
    expect(r.months.map((m) => m.consumption).slice(0, 3)).toEqual([19810 - 8000, 19810 - 8000, 19810]);
  });

  test("the form round-trips a plan", () => {
    const p = findBudgetPreset("growth")!.plan;
    const back = parseBudgetForm(budgetFormFromPlan(p)).plan;
    const goLive = Object.fromEntries(VOLUME_FEATURES.map((f) => [f, 1]));
    expect(back).toEqual({ ...p, goLive });
  });
});

describe("problems are named by the field that has them", () => {
  test.each([
    ["users", "abc", "The number of users must be a number, e.g. 50."],
    ["users", "", "The number of users is required."],
    ["users", "-5", "The number of users cannot be negative."],
    ["startYear", "1800", "The start year must be a whole number from 1901 to 9998."],
    ["startYear", "2026.5", "The start year must be a whole number from 1901 to 9998."],
    ["workingDays", "40", "Working days per month must be at most 31 (days a month)."],
    ["volumes.voicebot", "lots", "Voice bot minutes per day must be a number, e.g. 50."],
    ["tokensPerUser.copilot", "-1", "Tokens per user cannot be negative."],
    ["seasonality.11", "-1", "Seasonal multipliers cannot be negative."],
    ["topUps.0", "1,0", "Top-up tokens must be a number, e.g. 5000."],
    ["initiatives.0.tokensPerMonth", "-8000", "An initiative's tokens a month cannot be negative."],
    ["buffers.unpredictability", "twenty", "The unpredictability buffer must be a number, e.g. 20."],
    ["buffers.growth", "-10", "The growth buffer cannot be negative."],
    ["pricePerToken", "", "The price per token is required."],
  ] as const)("%s = %p: %s", (path, text, message) => {
    expect(problemsOf(editBudgetField(initialBudgetForm(), path, text))).toEqual({ [path]: message });
  });

  test("the growth figure has one input whatever the kind", () => {
    const rate = editBudgetField(initialBudgetForm(), "growth.kind", "rate");
    expect(problemsOf(editBudgetField(rate, "growth.figure", "-150"))).toEqual({
      "growth.figure": "The monthly growth rate must be at least -0.99, got -1.5.",
    });
    expect(problemsOf(editBudgetField(initialBudgetForm(), "growth.figure", "-1"))).toEqual({
      "growth.figure": "The target number of users cannot be negative.",
    });
    expect(problemsOf(editBudgetField(initialBudgetForm(), "growth.figure", ""))).toEqual({
      "growth.figure": "The number of users in the last month is required.",
    });
  });

  test("problems come in the order of the form, one per field", () => {
    let v = editBudgetField(initialBudgetForm(), "buffers.growth", "x");
    v = editBudgetField(v, "users", "x");
    v = editBudgetField(v, "seasonality.3", "x");
    expect(parseBudgetForm(v).problems.map((p) => p.field)).toEqual(["users", "seasonality.3", "buffers.growth"]);
  });
});

describe("committed tokens", () => {
  test("blank is none; a figure is committed every month, added to what is available; a negative one is a problem", () => {
    const v = preset("seasonal");
    expect(v.committedTokens).toBe("");
    expect(parseBudgetForm(v).plan.committedTokens).toBeUndefined();
    const edited = editBudgetField(v, "committedTokens", "5000");
    expect(edited.preset).toBe(CUSTOM_PRESET);
    const { plan, problems } = parseBudgetForm(edited);
    expect(problems).toEqual([]);
    expect(plan.committedTokens).toBe(5000);
    const after = computeAnnualPlan(plan, getCard("study-notes") as never) as AnnualPlanResult;
    expect(after.months.every((m) => m.committed === 5000 && m.available === m.allocation + 5000 + m.topUp)).toBe(true);
    expect(problemsOf(editBudgetField(v, "committedTokens", "-1"))).toEqual({ committedTokens: expect.stringMatching(/negative/) });
  });
});
