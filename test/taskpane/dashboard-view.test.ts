import { editDashboardField, initialDashboardForm, type DashboardFormValues, type LinkedBudget } from "../../src/taskpane/dashboard-form";
import { DASHBOARD_SHEET, dashboardView, type DashboardPreview } from "../../src/taskpane/dashboard-view";
import { sheetInsertView } from "../../src/taskpane/sheet-actions";

const previewOf = (v: DashboardFormValues, budget: LinkedBudget | null = null): DashboardPreview => {
  const view = dashboardView(v, budget);
  if (!view.preview) throw new Error(`no preview: ${view.waiting} ${JSON.stringify(view.problems)}`);
  return view.preview;
};

const BUDGET: LinkedBudget = {
  sheetName: "Annual Budget",
  plan: { months: Array.from({ length: 12 }, (_, i) => ({ year: 2026, month: i + 1, consumption: 20000 })) },
};

describe("the preview of the notes' March 2026 dashboard", () => {
  test("30,190 remaining, 39.6% used, GREEN", () => {
    expect(previewOf(initialDashboardForm())).toMatchObject({
      consumed: "19,810",
      consumedNote: "of 50,000 allocated",
      remaining: "30,190",
      available: "60.4%",
      utilisation: "39.6%",
      health: "GREEN",
      healthText: "GREEN: within limits",
      projected: "19,810",
      projectedNote: "The data covers the whole period: the projection is what was consumed.",
      advice: "Room to spare: AI usage can safely grow.",
      trend: "Stable: week 4 used 5,810 tokens (+510, +9.6%) against week 3.",
    });
  });

  test("shares by feature, largest first", () => {
    expect(previewOf(initialDashboardForm()).bars.map((b) => [b.label, b.text])).toEqual([
      ["Agent Copilot", "11,000 tokens (55.5%)"],
      ["Virtual Agent", "8,000 tokens (40.4%)"],
      ["AI Scoring", "500 tokens (2.5%)"],
      ["Voice Bots", "294 tokens (1.5%)"],
      ["Messaging", "13 tokens (0.1%)"],
      ["AI Translate", "3 tokens (<0.1%)"],
    ]);
  });

  test("the variance table in words", () => {
    expect(previewOf(initialDashboardForm()).variance).toEqual([
      { month: "January 2026", budgeted: "20,000", actual: "18,940", variance: "-1,060", share: "-5.3%", over: false, linked: false },
      { month: "February 2026", budgeted: "19,000", actual: "19,415", variance: "+415", share: "+2.2%", over: true, linked: false },
      { month: "March 2026", budgeted: "21,000", actual: "19,810", variance: "-1,190", share: "-5.7%", over: false, linked: false },
    ]);
  });

  test("the live region's sentence", () => {
    expect(dashboardView(initialDashboardForm()).announcement).toBe(
      "19,810 tokens consumed, 30,190 remaining, 39.6% used. Health GREEN: within limits. Projected month end 19,810.",
    );
  });
});

describe("health follows the projection", () => {
  test("mid-month at a pace that ends over the allocation: RED before it is reached", () => {
    const v = editDashboardField(initialDashboardForm(), "daysElapsed", "10");
    const p = previewOf(v);
    expect(p).toMatchObject({
      consumed: "19,810",
      utilisation: "39.6%",
      projected: "61,411",
      health: "RED",
      healthText: "RED: over allocation: overage is billed",
    });
    expect(p.projectedNote).toBe("At the pace of the 10 days covered, for 31 days: 122.8% of the tokens available, 11,411 over.");
    expect(p.advice).toBe("Over allocation: buy top-up tokens or reduce AI usage.");
  });

  test("AMBER between 80% and 100%", () => {
    expect(previewOf(editDashboardField(initialDashboardForm(), "allocation", "22000")).health).toBe("AMBER");
  });

  test("one week: no trend yet", () => {
    let v = initialDashboardForm();
    for (const i of [1, 2, 3]) v = editDashboardField(v, `weekly.${i}`, "");
    expect(previewOf(v).trend).toBe("Type two weeks or more to see the trend.");
  });
});

describe("problems", () => {
  test("a key figure's problem pauses the preview and the insert", () => {
    const view = dashboardView(editDashboardField(initialDashboardForm(), "allocation", "0"));
    expect(view.preview).toBeNull();
    expect(view.problems).toEqual({ allocation: "The allocation must be more than 0: utilisation and health are measured against it." });
    expect(sheetInsertView(DASHBOARD_SHEET, view.problemCount, "excel", false)).toMatchObject({
      enabled: false,
      label: "Insert usage dashboard",
      reason: "Fix the field marked above to insert the usage dashboard.",
    });
  });

  test("a variance row's problem keeps the key figures but not the insert", () => {
    const view = dashboardView(editDashboardField(initialDashboardForm(), "variance.1.actual", "x"));
    expect(view.preview).toMatchObject({ consumed: "19,810", variance: [] });
    expect(view.problemCount).toBe(1);
  });

  test("a month's actual left blank is a month without an actual, not a problem: no variance for it", () => {
    const view = dashboardView(editDashboardField(initialDashboardForm(), "variance.1.actual", ""));
    expect(view.problemCount).toBe(0);
    expect(view.preview?.variance[1]).toMatchObject({ month: "February 2026", actual: "not yet", variance: "", share: "", over: false });
  });
});

describe("the budget sheet inserted in this session", () => {
  test("not offered without one", () => {
    expect(dashboardView(initialDashboardForm()).link).toEqual({ offered: false, label: "", hint: "" });
    expect(dashboardView(initialDashboardForm()).linkedBudgets).toEqual([null, null, null]);
  });

  test("offered with its actual name; the rows in its year read it", () => {
    const view = dashboardView(initialDashboardForm(), BUDGET);
    expect(view.link).toEqual({
      offered: true,
      label: "Read budgets from the 'Annual Budget' sheet",
      hint: "3 of 3 months read their budget from it (Jan 2026 to Dec 2026); the sheet links to its cells.",
    });
    expect(view.linkedBudgets).toEqual(["20,000", "20,000", "20,000"]);
    expect(view.parsed.budgetSheetName).toBe("Annual Budget");
    expect(view.preview?.variance.map((m) => [m.budgeted, m.linked])).toEqual([
      ["20,000", true],
      ["20,000", true],
      ["20,000", true],
    ]);
  });

  test("switched off", () => {
    const view = dashboardView(editDashboardField(initialDashboardForm(), "linkBudget", "false"), BUDGET);
    expect(view.link.hint).toBe("Off: every budget below is typed.");
    expect(view.parsed.budgetSheetName).toBeUndefined();
  });
});
