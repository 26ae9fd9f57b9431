import { applyBudgetPreset, editBudgetField, initialBudgetForm, NOT_THIS_YEAR, type BudgetFormValues } from "../../src/taskpane/budget-form";
import { BUDGET_SHEET, budgetView, monthLabels, niceCeiling, type BudgetPreview } from "../../src/taskpane/budget-view";
import { sheetDownloadedMessage, sheetDownloadView, sheetInsertView } from "../../src/taskpane/sheet-actions";

const preset = (id: string): BudgetFormValues => applyBudgetPreset(initialBudgetForm(), id);
const previewOf = (v: BudgetFormValues): BudgetPreview => {
  const view = budgetView(v);
  if (!view.preview) throw new Error(`no preview: ${view.waiting} ${JSON.stringify(view.problems)}`);
  return view.preview;
};

describe("the preview reproduces the notes' budget examples", () => {
  test("growth: 27,810 tokens against 62,500 in the last month, 44.5%", () => {
    const p = previewOf(preset("growth"));
    expect(p).toMatchObject({
      annualTokens: "309,720",
      annualOverage: "0",
      annualCost: "$0.00",
      peak: "Jul 2026",
      peakNote: "27,810 tokens",
      monthsOver: "0 tokens in 0 months over allocation",
      lastMonth: "27,810",
      lastMonthNote: "of 62,500 in Mar 2027: 44.5%",
    });
    expect(p.bars.map((b) => b.label)).toEqual([
      "Apr 2026",
      "May 2026",
      "Jun 2026",
      "Jul 2026",
      "Aug 2026",
      "Sep 2026",
      "Oct 2026",
      "Nov 2026",
      "Dec 2026",
      "Jan 2027",
      "Feb 2027",
      "Mar 2027",
    ]);
    expect(p.bars[11].text).toBe("Mar 2027: 27,810 tokens against 62,500 (44.5%)");
    expect(p.bars[0].text).toBe("Apr 2026: 19,810 tokens against 50,000 (39.6%)");
    // The chart's scale is the round number at or above the largest figure (the last month's
    // allocation, 62,500): 100,000, with the y-axis ticks at 0, 50,000 and 100,000.
    expect(p.axis).toEqual([
      { label: "0", at: 0 },
      { label: "50,000", at: 0.5 },
      { label: "100,000", at: 1 },
    ]);
    expect(p.bars[11].allocationLength).toBeCloseTo(62500 / 100000, 10);
    expect(p.bars[11].consumptionLength).toBeCloseTo(27810 / 100000, 10);
    // No top-ups: the top-up band ends where the allocation does.
    for (const b of p.bars) expect(b.topUpLength).toBe(b.allocationLength);
  });

  test("seasonal: the chart shows the top-ups bought above the allocation, inside its scale", () => {
    const p = previewOf(preset("seasonal"));
    const bought = p.bars.filter((b) => b.topUp > 0);
    expect(bought.length).toBeGreaterThan(0);
    for (const b of bought) {
      expect(b.topUpLength).toBeCloseTo((b.allocation + b.topUp) / (b.allocation / b.allocationLength), 10);
      expect(b.topUpLength).toBeGreaterThan(b.allocationLength);
    }
    for (const b of p.bars) expect(Math.max(b.consumptionLength, b.topUpLength)).toBeLessThanOrEqual(1);
    expect(p.axis.map((t) => t.at)).toEqual([0, 0.5, 1]);
  });

  test.each([
    [0, 0],
    [1, 1],
    [62500, 100000],
    [40000, 50000],
    [19810, 20000],
    [230, 250],
    [50001, 100000],
  ])("niceCeiling(%p) is %p", (x, nice) => expect(niceCeiling(x)).toBe(nice));

  test("seasonal: USD 20,000 a year, December and January over allocation and covered by top-ups", () => {
    const p = previewOf(preset("seasonal"));
    expect(p).toMatchObject({
      annualTokens: "324,000",
      annualOverage: "0",
      annualCost: "$20,000.00",
      peak: "Dec 2026",
      monthsOver: "0 tokens in 2 months over allocation",
      monthsOverNote: "after 20,000 top-up tokens bought",
    });
    const over = p.bars.filter((b) => b.over);
    expect(over.map((b) => [b.label, b.overage, b.cells.cost])).toEqual([
      ["Dec 2026", 0, "$10,000.00"],
      ["Jan 2027", 0, "$10,000.00"],
    ]);
    expect(over[0].text).toBe("Dec 2026: 40,000 tokens against 30,000 (133.3%), 10,000 bought, over allocation");
  });

  test("the buffered budget is said beside the forecast", () => {
    expect(previewOf(preset("growth")).buffered).toBe(
      "With the buffers (+30%): 402,636 tokens a year, 0 of them beyond allocation and top-ups; plan for up to $0.00.",
    );
  });

  test("overage billed when the top-ups are not bought", () => {
    let v = preset("seasonal");
    v = editBudgetField(editBudgetField(v, "topUps.11", "0"), "topUps.0", "0");
    const p = previewOf(v);
    expect(p).toMatchObject({ annualOverage: "20,000", annualCost: "$20,000.00" });
    expect(p.bars.filter((b) => b.overage > 0).map((b) => b.text)).toEqual([
      "Dec 2026: 40,000 tokens against 30,000 (133.3%), overage 10,000",
      "Jan 2027: 40,000 tokens against 30,000 (133.3%), overage 10,000",
    ]);
  });

  test("the live region's sentence", () => {
    expect(budgetView(preset("seasonal")).announcement).toBe(
      "Annual budget: 324,000 tokens, 0 tokens of overage, cost $20,000.00. Peak Dec 2026 at 40,000 tokens; overage 0 tokens in 2 months over allocation.",
    );
  });
});

describe("labels follow the plan's first month", () => {
  test("months, their calendar place and the go-live choices", () => {
    const view = budgetView(preset("seasonal"));
    expect(view.months[0]).toEqual({ label: "Jul 2026", short: "Jul", calendarIndex: 6 });
    expect(view.months[11]).toEqual({ label: "Jun 2027", short: "Jun", calendarIndex: 5 });
    expect(view.goLiveChoices[0]).toEqual({ value: "1", label: "Jul 2026" });
    expect(view.goLiveChoices[12]).toEqual({ value: NOT_THIS_YEAR, label: "After Jun 2027" });
  });

  test("an unreadable year leaves the month names", () => {
    expect(
      monthLabels({ startMonth: 11, startYear: Number.NaN })
        .map((m) => m.label)
        .slice(0, 3),
    ).toEqual(["Nov", "Dec", "Jan"]);
  });

  test("the growth figure's label follows its kind", () => {
    const v = initialBudgetForm();
    expect(budgetView(v).growthLabel).toBe("Users in the last month");
    expect(budgetView(editBudgetField(v, "growth.kind", "rate")).growthLabel).toBe("Growth a month (%)");
    expect(budgetView(editBudgetField(v, "growth.kind", "users")).growthLabel).toBe("Users added a month");
  });

  test("lines say their unit and rate on the chosen card", () => {
    const lines = budgetView(editBudgetField(initialBudgetForm(), "card", "genesys-published")).lines;
    expect(lines.find((l) => l.feature === "virtualagent")).toMatchObject({ unit: "interactions", onCard: true });
    expect(lines.find((l) => l.feature === "social")).toMatchObject({ onCard: false, hint: "Not on the Genesys published card: counts 0 tokens." });
  });
});

describe("invalid fields give messages and disable the insert", () => {
  test("a field that blocks the tokens pauses the preview", () => {
    const view = budgetView(editBudgetField(initialBudgetForm(), "users", "two hundred"));
    expect(view.problems).toEqual({ users: "The number of users must be a number, e.g. 50." });
    expect(view.problemCount).toBe(1);
    expect(view.preview).toBeNull();
    expect(view.waiting).toBe("Fix the field marked above to see the preview.");
    expect(view.announcement).toBe(view.waiting);
    expect(sheetInsertView(BUDGET_SHEET, view.problemCount, "excel", false)).toEqual({
      visible: true,
      enabled: false,
      busy: false,
      label: "Insert annual budget",
      reason: "Fix the field marked above to insert the annual budget.",
    });
    expect(sheetDownloadView(BUDGET_SHEET, view.problemCount, "outside", false)).toMatchObject({
      enabled: false,
      reason: "Fix the field marked above to download the annual budget.",
    });
  });

  test("a bad price keeps the tokens and leaves the money out", () => {
    const view = budgetView(editBudgetField(preset("seasonal"), "pricePerToken", "free"));
    expect(view.problemCount).toBe(1);
    expect(view.preview).toMatchObject({ annualTokens: "324,000", annualCost: "—" });
    expect(sheetInsertView(BUDGET_SHEET, view.problemCount, "excel", false).enabled).toBe(false);
  });

  test("a month's figure names its month (its message sits under the grid of twelve)", () => {
    const view = budgetView(editBudgetField(preset("seasonal"), "seasonality.11", "-1"));
    expect(view.problems).toEqual({ "seasonality.11": "Dec 2026: Seasonal multipliers cannot be negative." });
    expect(budgetView(editBudgetField(preset("seasonal"), "topUps.0", "x")).problems).toEqual({
      "topUps.0": "Jan 2027: Top-up tokens must be a number, e.g. 5000.",
    });
  });

  test("several fields", () => {
    let v = editBudgetField(initialBudgetForm(), "startYear", "20266");
    v = editBudgetField(v, "seasonality.0", "-1");
    const view = budgetView(v);
    expect(view.problemCount).toBe(2);
    expect(view.waiting).toBe("Fix the 2 fields marked above to see the preview.");
    expect(sheetInsertView(BUDGET_SHEET, view.problemCount, "excel", false).reason).toBe("Fix the 2 fields marked above to insert the annual budget.");
  });
});

describe("the insert and download buttons follow the calculator's rules", () => {
  test("inside Excel, ready", () => {
    expect(sheetInsertView(BUDGET_SHEET, 0, "excel", false)).toMatchObject({ enabled: true, label: "Insert annual budget" });
    expect(sheetDownloadView(BUDGET_SHEET, 0, "excel", false)).toMatchObject({ visible: false, enabled: false });
  });

  test("while inserting, a second click does nothing", () => {
    expect(sheetInsertView(BUDGET_SHEET, 0, "excel", true)).toMatchObject({ enabled: false, busy: true, label: "Inserting…" });
  });

  test("outside Excel: insert says why, download works", () => {
    expect(sheetInsertView(BUDGET_SHEET, 0, "outside", false)).toMatchObject({
      enabled: false,
      reason: "Open this add-in in Excel to insert the annual budget; in a browser, download it as an .xlsx workbook instead.",
    });
    expect(sheetInsertView(BUDGET_SHEET, 0, "checking", false)).toMatchObject({ enabled: false, reason: "Waiting for Excel…" });
    expect(sheetDownloadView(BUDGET_SHEET, 0, "outside", false)).toMatchObject({ visible: true, enabled: true, label: "Download .xlsx" });
    expect(sheetDownloadView(BUDGET_SHEET, 0, "outside", true)).toMatchObject({ enabled: false, busy: true });
    expect(sheetDownloadedMessage(BUDGET_SHEET, "FY27.xlsx")).toBe(
      "Downloaded 'FY27.xlsx': the annual budget in native Excel formulas, for Excel or LibreOffice.",
    );
  });
});
