import { MARCH_2026 } from "../../src/core/dashboard-presets";
import {
  addVarianceMonth,
  applyDashboardPreset,
  budgetLinks,
  CUSTOM_PRESET,
  DASHBOARD_CHOICES,
  dashboardFeatures,
  dashboardFieldValue,
  dashboardInputId,
  editDashboardField,
  initialDashboardForm,
  monthOfLabel,
  parseDashboardForm,
  removeVarianceMonth,
  type DashboardFormValues,
  type LinkedBudget,
} from "../../src/taskpane/dashboard-form";
import { CARDS } from "../../src/core/cards";
import { INPUT_RULES } from "../../src/core/input-rules";

const problemsOf = (v: DashboardFormValues): Record<string, string> => Object.fromEntries(parseDashboardForm(v).problems.map((p) => [p.field, p.message]));

/** A budget sheet inserted this session: January to December 2026, 20,000 + 100 x month tokens. */
const BUDGET: LinkedBudget = {
  sheetName: "Annual Budget (2)",
  plan: { months: Array.from({ length: 12 }, (_, i) => ({ year: 2026, month: i + 1, consumption: 20000 + 100 * (i + 1) })) },
};

describe("the march-2026 preset fills the form", () => {
  test("the picker offers the shared id, then Custom", () => {
    expect(DASHBOARD_CHOICES.preset.map((c) => c.value)).toEqual(["march-2026", CUSTOM_PRESET]);
  });

  test("the form gives back the preset's dashboard exactly", () => {
    const v = initialDashboardForm();
    expect(v.preset).toBe("march-2026");
    expect(v.weekly).toEqual(["4500", "4200", "5300", "5810", "", ""]);
    const parsed = parseDashboardForm(v);
    expect(parsed.problems).toEqual([]);
    expect(parsed.dashboard).toEqual(MARCH_2026);
    expect(parsed.budgetSheetName).toBeUndefined();
  });

  test("a figure makes it your own; the card does not", () => {
    const v = initialDashboardForm();
    expect(editDashboardField(v, "features.copilot", "12000").preset).toBe(CUSTOM_PRESET);
    expect(editDashboardField(v, "weekly.4", "100").preset).toBe(CUSTOM_PRESET);
    expect(editDashboardField(v, "card", "genesys-published").preset).toBe("march-2026");
    expect(applyDashboardPreset(editDashboardField(v, "allocation", "1"), "march-2026")).toEqual(v);
  });

  test("every field reads back what was typed", () => {
    let v = initialDashboardForm();
    const paths = [
      "period",
      "allocation",
      "daysElapsed",
      "daysInPeriod",
      "features.copilot",
      "features.other",
      "weekly.5",
      "variance.2.month",
      "variance.0.budgeted",
      "variance.1.actual",
    ] as const;
    paths.forEach((p, i) => (v = editDashboardField(v, p, `x${i}`)));
    paths.forEach((p, i) => expect(dashboardFieldValue(v, p)).toBe(`x${i}`));
    expect(dashboardInputId("variance.0.month")).toBe("d-variance-0-month");
  });
});

describe("features on the card", () => {
  test("every feature that costs tokens, then Other", () => {
    expect(dashboardFeatures(CARDS[0]).map((f) => f.id)).toEqual([
      "copilot",
      "analytics",
      "scoring",
      "translate",
      "voicebot",
      "digitalbot",
      "messaging",
      "social",
      "virtualagent",
      "other",
      "all",
    ]);
  });

  test("blank and 0 are left out; the rest are listed largest first", () => {
    let v = editDashboardField(initialDashboardForm(), "features.translate", "");
    v = editDashboardField(v, "features.other", "20000");
    expect(parseDashboardForm(v).dashboard.features.map((f) => f.feature)).toEqual(["other", "copilot", "virtualagent", "scoring", "voicebot", "messaging"]);
  });

  test("a figure of a feature the other card lacks is kept, not used", () => {
    let v = editDashboardField(initialDashboardForm(), "features.social", "400");
    v = editDashboardField(v, "card", "genesys-published");
    expect(v.features.social).toBe("400");
    expect(parseDashboardForm(v).dashboard.features.some((f) => f.feature === "social")).toBe(false);
  });
});

describe("problems are named by the field that has them", () => {
  test.each([
    ["allocation", "", "The allocation is required."],
    ["allocation", "0", "The allocation must be more than 0: utilisation and health are measured against it."],
    ["allocation", "-5", "The allocation cannot be negative."],
    ["features.copilot", "many", "Tokens of Agent Copilot must be a number, e.g. 50."],
    ["weekly.2", "-1", "Tokens of week 3 cannot be negative."],
    ["daysElapsed", "0", "The data must cover at least one day to project the month end."],
    ["daysElapsed", "32", "The days covered cannot exceed the days in the period."],
    ["daysElapsed", "3.5", "Days the data covers must be a whole number."],
    ["daysInPeriod", "", "Days in the period is required."],
    ["daysInPeriod", "400", "Days in the period must be at most 366 (days of a dashboard period)."],
    ["variance.0.month", " ", "Name the month, e.g. January 2026."],
    ["variance.1.budgeted", "", "Budgeted tokens is required."],
    ["variance.2.actual", "x", "Actual tokens must be a number, e.g. 5000."],
  ] as const)("%s = %p: %s", (path, text, message) => {
    expect(problemsOf(editDashboardField(initialDashboardForm(), path, text))).toEqual({ [path]: message });
  });

  test("a period longer than a month (a 45-day peak) is accepted, up to a year", () => {
    const v = editDashboardField(initialDashboardForm(), "daysInPeriod", "45");
    expect(problemsOf(v)).toEqual({});
    expect(parseDashboardForm(editDashboardField(v, "daysElapsed", "40")).dashboard).toMatchObject({ daysInPeriod: 45, daysElapsed: 40 });
    expect(problemsOf(editDashboardField(initialDashboardForm(), "daysInPeriod", String(INPUT_RULES.periodDays.max)))).toEqual({});
  });

  test("no feature typed", () => {
    let v = initialDashboardForm();
    for (const f of Object.keys(v.features)) v = editDashboardField(v, `features.${f}`, "");
    expect(problemsOf(v)).toEqual({ features: "Type the tokens of at least one feature." });
  });

  test("a blank week before a typed one", () => {
    const v = editDashboardField(editDashboardField(initialDashboardForm(), "weekly.1", ""), "weekly.4", "100");
    expect(problemsOf(v)).toEqual({ "weekly.1": "Week 2 is blank while a later week is not: type 0 if nothing was used." });
    expect(parseDashboardForm(editDashboardField(initialDashboardForm(), "weekly.3", "")).dashboard.weekly).toEqual([4500, 4200, 5300]);
  });
});

describe("the variance table and the budget sheet of this session", () => {
  test("month labels are read in the usual ways", () => {
    expect(["March 2026", " mar 2026 ", "Mar. 2026", "Sept 2026", "2026-03", "2026-3"].map(monthOfLabel)).toEqual([
      "2026-03",
      "2026-03",
      "2026-03",
      "2026-09",
      "2026-03",
      "2026-03",
    ]);
    expect(["", "Q1 2026", "Ma 2026", "2026-13", "=SUM(A1)", "March"].map(monthOfLabel)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("rows whose month is in the budget read it; the sheet's name goes with them", () => {
    const v = initialDashboardForm();
    expect(budgetLinks(v, BUDGET)).toEqual([0, 1, 2]);
    const parsed = parseDashboardForm(editDashboardField(v, "variance.0.budgeted", "not read"), BUDGET);
    expect(parsed.problems).toEqual([]);
    expect(parsed.budgetSheetName).toBe("Annual Budget (2)");
    expect(parsed.dashboard.variance).toEqual([
      { month: "January 2026", budgeted: 20100, actual: 18940, budgetIndex: 0 },
      { month: "February 2026", budgeted: 20200, actual: 19415, budgetIndex: 1 },
      { month: "March 2026", budgeted: 20300, actual: 19810, budgetIndex: 2 },
    ]);
  });

  test("switched off, or no month in the budget: typed budgets and no sheet name", () => {
    const off = parseDashboardForm(editDashboardField(initialDashboardForm(), "linkBudget", "false"), BUDGET);
    expect(off.budgetSheetName).toBeUndefined();
    expect(off.dashboard).toEqual(MARCH_2026);
    const later: LinkedBudget = { ...BUDGET, plan: { months: BUDGET.plan.months.map((m) => ({ ...m, year: 2027 })) } };
    expect(parseDashboardForm(initialDashboardForm(), later).budgetSheetName).toBeUndefined();
  });

  test("adding a month names the next one; removing takes the row out", () => {
    let v = addVarianceMonth(initialDashboardForm());
    expect(v.variance[3]).toEqual({ month: "April 2026", budgeted: "", actual: "" });
    v = editDashboardField(v, "variance.3.month", "December 2026");
    expect(addVarianceMonth(v).variance[4].month).toBe("January 2027");
    v = removeVarianceMonth(v, 0);
    expect(v.variance.map((r) => r.month)).toEqual(["February 2026", "March 2026", "December 2026"]);
    for (let i = 0; i < 20; i++) v = addVarianceMonth(v);
    expect(v.variance).toHaveLength(12);
  });
});
