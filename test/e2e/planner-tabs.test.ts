/**
 * The Annual budget and Usage dashboard tabs in a real browser: the production build in headless
 * Chromium, outside Excel (the real office.js, served locally) and inside the stand-in Excel
 * (support/fake-office.js). What the pages show is checked against the same view models and core the
 * unit tests use; every page is watched for console errors, page errors, CSP violations and requests
 * that leave 127.0.0.1 (support/browser.ts). Screenshots: test-artifacts/e2e/tabs-*.png.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { computeAnnualPlan, type AnnualPlan } from "../../src/core/annual-plan";
import { findBudgetPreset } from "../../src/core/budget-presets";
import { getCard } from "../../src/core/cards";
import { InputError } from "../../src/core/errors";
import { planSheet } from "../../src/excel/plan";
import { BUDGET_SHEET_NAME, buildBudgetSheet } from "../../src/sheets/budget";
import { buildDashboardSheet, DASHBOARD_SHEET_NAME } from "../../src/sheets/dashboard";
import { editBudgetField, initialBudgetForm, parseBudgetForm, type BudgetFormValues } from "../../src/taskpane/budget-form";
import { BUDGET_SHEET, budgetView } from "../../src/taskpane/budget-view";
import { dashboardFeatures, initialDashboardForm, parseDashboardForm, type LinkedBudget } from "../../src/taskpane/dashboard-form";
import { importIntoForm } from "../../src/taskpane/dashboard-import";
import { dashboardView } from "../../src/taskpane/dashboard-view";
import { cardOf } from "../../src/taskpane/form";
import { sheetFileName } from "../../src/taskpane/sheet-output";
import { insertedMessage, sheetDownloadedMessage } from "../../src/taskpane/sheet-actions";
import { readBack } from "../xlsx/read-back";
import { ARTIFACTS, describeWithChromium, inPage, until, type TaskpanePage } from "./support/browser";
import { focusableIn, walk } from "./support/keyboard";
import { fakeLog, type FakeLog } from "./support/stand-in";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(60_000);

const USAGE = path.join(__dirname, "..", "fixtures", "usage");
/** The CSV fixtures the import reads without help (the unknown-headers file needs the mapping step). */
const USAGE_FILES = fs
  .readdirSync(USAGE)
  .filter((f) => f.endsWith(".csv") && !f.startsWith("unknown-"))
  .sort();
const NO_PROBLEMS = { consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] };

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** The plan the budget tab reads from a form. */
function planOf(form: BudgetFormValues): AnnualPlan {
  const { plan, problems } = parseBudgetForm(form);
  expect(problems).toEqual([]);
  return plan;
}

/** Every value the dashboard's form shows, by control id (what "changes nothing" compares). */
const FORM_STATE = `Array.from(document.querySelectorAll("#panel-dashboard input, #panel-dashboard select, #panel-dashboard textarea"))
  .filter(function (el) { return el.type !== "file" && el.id !== "d-import-text" && el.id.indexOf("d-map-") !== 0; })
  .map(function (el) { return [el.id, el.type === "checkbox" ? String(el.checked) : el.value]; })`;

/** The 2D formulas the writer gave each range of one new sheet, by address. */
function formulasOf(log: FakeLog, sheetPath: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of log.sets) {
    const m = /^(.*)\.getRange\("([^"]+)"\)$/.exec(s.path);
    if (s.prop === "formulas" && m && m[1] === sheetPath) out[m[2]] = s.value;
  }
  return out;
}

describeWithChromium("the Annual budget and Usage dashboard tabs in Chromium", () => {
  const suite = chromiumSuite();
  const outside = (): Promise<TaskpanePage> => suite.outside();
  const inExcel = (sheetNames: readonly string[]): Promise<TaskpanePage> => suite.inExcel({ sheetNames });

  /** Opens a tab with a click and waits until its content has mounted. */
  async function openTab(page: Page, tab: "budget" | "dashboard"): Promise<void> {
    await page.click(`#tab-${tab}`);
    await page.locator(`#${tab === "budget" ? "b" : "d"}-insert`).waitFor();
  }

  /** Clicks a footer button and waits until it is no longer busy and has said how it went. */
  async function act(page: Page, button: string, prefix: "b" | "d"): Promise<void> {
    await page.click(button);
    await until(
      page,
      `document.querySelector(${JSON.stringify(button)}).getAttribute("aria-busy") === null && ` +
        `(document.getElementById("${prefix}-insert-status").textContent + document.getElementById("${prefix}-insert-alert").textContent) !== ""`,
    );
  }

  test("each tab's code is fetched when the tab is first opened, and only then", async () => {
    const tp = await outside();
    const { page } = tp;
    const fetched = (step: string) => tp.requests.filter((r) => r.step === step).map((r) => new URL(r.url).pathname.slice(1));
    expect(fetched("load")).not.toContain("budget-panel.js");
    expect(fetched("load")).not.toContain("dashboard-panel.js");

    tp.step = "open budget";
    await openTab(page, "budget");
    expect(fetched("open budget")).toContain("budget-panel.js");
    expect(fetched("open budget")).not.toContain("dashboard-panel.js");
    expect(fetched("open budget").some((f) => f.endsWith(".css"))).toBe(true); // planner.css, with the tab

    tp.step = "open dashboard";
    await openTab(page, "dashboard");
    expect(fetched("open dashboard")).toContain("dashboard-panel.js");
    expect(fetched("open dashboard")).not.toContain("budget-panel.js");

    // Back and forth: nothing is fetched again, and each tab keeps what it shows.
    tp.step = "again";
    await page.click("#tab-calculator");
    await page.click("#tab-budget");
    await page.click("#tab-dashboard");
    await page.click("#tab-budget");
    expect(await page.locator("#b-annual-tokens").isVisible()).toBe(true);
    expect(fetched("again")).toEqual([]);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("outside Excel the budget tab opens with its preset: growth's last month is 27,810 of 62,500 (44.5%); seasonal costs $20,000", async () => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "budget");
    const growth = budgetView(initialBudgetForm()).preview!;
    expect(await page.inputValue("#b-preset")).toBe("growth");
    expect(await text(page, "#b-last-month")).toBe("27,810");
    expect(await text(page, "#b-last-month-note")).toBe("of 62,500 in Mar 2027: 44.5%");
    expect(await text(page, "#b-last-month-note")).toBe(growth.lastMonthNote);
    expect(await text(page, "#b-annual-tokens")).toBe(growth.annualTokens);
    expect(await text(page, "#b-summary")).toContain(`${growth.annualTokens} tokens a year`);
    // Outside Excel: download, and an insert that says why it waits.
    expect(await page.locator("#b-download").isVisible()).toBe(true);
    expect(await page.locator("#b-insert").getAttribute("aria-disabled")).toBe("true");
    expect(await text(page, "#b-insert-reason")).toBe(
      "Open this add-in in Excel to insert the annual budget; in a browser, download it as an .xlsx workbook instead.",
    );
    await tp.screenshot("tabs-01-budget-growth", "#b-results");

    await page.selectOption("#b-preset", "seasonal");
    await page.locator("#b-annual-cost", { hasText: "$20,000" }).waitFor();
    expect(await text(page, "#b-annual-cost")).toBe("$20,000.00");
    expect(await text(page, "#b-annual-tokens")).toBe("324,000");
    await tp.screenshot("tabs-02-budget-seasonal", "#b-results");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("the dashboard tab opens with March 2026: 30,190 remaining, 39.6% used, GREEN", async () => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "dashboard");
    const view = dashboardView(initialDashboardForm()).preview!;
    expect(await page.inputValue("#d-preset")).toBe("march-2026");
    expect(await text(page, "#d-remaining")).toBe("30,190");
    expect(await text(page, "#d-utilisation")).toBe("39.6%");
    expect(await text(page, "#d-health")).toBe("GREEN");
    expect(await page.locator("#d-health").getAttribute("class")).toBe("badge badge-green");
    expect(await text(page, "#d-health-text")).toBe("within limits");
    expect(await text(page, "#d-consumed")).toBe(view.consumed);
    expect(await text(page, "#d-available")).toBe(view.available);
    expect(await page.locator("#d-variance tbody tr").count()).toBe(view.variance.length);
    await tp.screenshot("tabs-03-dashboard-march", "#d-results");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("an invalid field shows its message beside it and blocks insert and download, on both tabs", async () => {
    const tp = await outside();
    const { page } = tp;
    let downloads = 0;
    page.on("download", () => downloads++);

    await openTab(page, "budget");
    const budget = budgetView(editBudgetField(initialBudgetForm(), "users", "-5"));
    await page.fill("#b-users", "-5");
    await page.locator("#b-users-msg").waitFor({ state: "visible" });
    expect(await text(page, "#b-users-msg")).toBe(budget.problems.users);
    expect(await page.locator("#b-users").getAttribute("aria-invalid")).toBe("true");
    expect((await page.locator("#b-users").getAttribute("aria-describedby"))!.split(" ")).toContain("b-users-msg");
    expect(await text(page, "#b-waiting")).toBe(budget.waiting);
    expect(await page.locator("#b-results").isHidden()).toBe(true);
    expect(await page.locator("#b-download").getAttribute("aria-disabled")).toBe("true");
    expect(await text(page, "#b-download-reason")).toBe("Fix the field marked above to download the annual budget.");
    expect(await text(page, "#b-insert-reason")).toBe("Fix the field marked above to insert the annual budget.");
    await tp.screenshot("tabs-04-budget-invalid", "#b-users");

    await openTab(page, "dashboard");
    await page.fill("#d-allocation", "lots");
    await page.locator("#d-allocation-msg").waitFor({ state: "visible" });
    expect(await text(page, "#d-allocation-msg")).toBe("The allocation must be a number, e.g. 5000.");
    expect(await page.locator("#d-allocation").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#d-download").getAttribute("aria-disabled")).toBe("true");
    expect(await text(page, "#d-download-reason")).toBe("Fix the field marked above to download the usage dashboard.");

    // force: Playwright itself would not click an aria-disabled button; a person can.
    tp.step = "blocked clicks";
    await page.click("#d-download", { force: true });
    await page.click("#d-insert", { force: true });
    await page.click("#tab-budget");
    await page.click("#b-download", { force: true });
    await page.click("#b-insert", { force: true });
    await page.waitForTimeout(300);
    expect(downloads).toBe(0);
    expect(tp.requests.filter((r) => r.step === "blocked clicks")).toEqual([]);
    expect(await text(page, "#b-insert-alert")).toBe("");
    expect(await text(page, "#b-insert-status")).toBe("");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test.each(USAGE_FILES)("pasting %s reports the rows used and skipped and fills the actuals", async (file) => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "dashboard");
    const csv = fs.readFileSync(path.join(USAGE, file), "utf8");
    const o = importIntoForm(initialDashboardForm(), csv);
    if (o.kind !== "filled") throw new Error(`${file}: ${o.message}`);

    await page.fill("#d-import-text", csv);
    await page.click("#d-import-paste");
    await page.locator("#d-import-status", { hasText: o.report.headline }).waitFor();
    expect(await text(page, "#d-import-status")).toBe(`${o.message} ${o.report.headline}`);
    expect(await text(page, "#d-import-alert")).toBe("");
    expect(await page.locator("#d-import-details li").allInnerTexts()).toEqual([...o.report.details, ...o.report.warnings]);
    expect(await page.locator("#d-import-skipped li").allInnerTexts()).toEqual(o.report.skipped);

    // The actuals are the file's: period, tokens by feature, weeks, days, and the review's actuals.
    expect(await page.inputValue("#d-period")).toBe(o.form.period);
    for (const f of dashboardFeatures(cardOf(o.form)))
      expect([f.id, await page.inputValue(`#d-features-${f.id}`)]).toEqual([f.id, o.form.features[f.id] ?? ""]);
    for (let i = 0; i < o.form.weekly.length; i++) expect([i, await page.inputValue(`#d-weekly-${i}`)]).toEqual([i, o.form.weekly[i]]);
    expect(await page.inputValue("#d-daysElapsed")).toBe(o.form.daysElapsed);
    expect(await page.inputValue("#d-daysInPeriod")).toBe(o.form.daysInPeriod);
    for (let i = 0; i < o.form.variance.length; i++) expect(await page.inputValue(`#d-variance-${i}-actual`)).toBe(o.form.variance[i].actual);
    // ...and the preview follows them.
    const preview = dashboardView(o.form).preview;
    if (preview) expect(await text(page, "#d-consumed")).toBe(preview.consumed);
    await tp.screenshot(`tabs-05-import-${file.replace(/\.csv$/, "")}`, "#d-import-status");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("an unknown CSV mapped by hand fills the dashboard; the same headers a second time need no mapping", async () => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "dashboard");
    const csv = fs.readFileSync(path.join(USAGE, "unknown-headers-2026-03.csv"), "utf8");
    const mapping = { date: "Usage day", feature: "Meter", quantity: "Consumed", tokenRows: { column: "Meter", values: ["AI Experience Tokens"] } };
    const o = importIntoForm(initialDashboardForm(), csv, undefined, null, { mapping });
    if (o.kind !== "filled") throw new Error(o.message);

    await page.fill("#d-import-text", csv);
    await page.click("#d-import-paste");
    await page.locator("#d-map-step").waitFor();
    expect(await text(page, "#d-import-alert")).toMatch(/^Nothing was imported yet: .*map the columns by hand.*Pick the columns below\.$/);
    expect(await page.locator("#d-map-preview th").allInnerTexts()).toEqual(["Usage day", "Meter", "Consumed", "Site"]);
    expect(await page.locator("#d-map-preview tbody tr").count()).toBe(5);
    await page.selectOption("#d-map-date", { label: "Usage day" });
    await page.selectOption("#d-map-feature", { label: "Meter" });
    await page.selectOption("#d-map-quantity", { label: "Consumed" });
    await page.selectOption("#d-map-token-column", { label: "Meter" });
    // The values of the column are offered, those naming tokens ticked.
    expect(await page.locator("#d-map-token-values label").allInnerTexts()).toEqual(["AI Experience Tokens", "SMS"]);
    expect(await page.isChecked("#d-map-value-0")).toBe(true);
    expect(await page.isChecked("#d-map-value-1")).toBe(false);
    await page.click("#d-map-apply");
    await page.locator("#d-import-status", { hasText: o.report.headline }).waitFor();
    expect(await text(page, "#d-import-status")).toBe(`${o.message} ${o.report.headline}`);
    expect(await page.isHidden("#d-map-step")).toBe(true);
    expect(await page.inputValue("#d-features-all")).toBe("600");
    expect(await page.inputValue("#d-period")).toBe("March 2026");
    expect(await text(page, "#d-consumed")).toBe(dashboardView(o.form).preview!.consumed);

    // The same headers again: read at once with the remembered mapping.
    const again = csv.replace(",120,", ",220,");
    await page.fill("#d-import-text", again);
    await page.click("#d-import-paste");
    await page.locator("#d-import-status", { hasText: "5 rows used, 5 skipped." }).waitFor();
    expect(await page.isHidden("#d-map-step")).toBe(true);
    expect(await page.inputValue("#d-features-all")).toBe("700");
    await tp.screenshot("tabs-07-import-mapped", "#d-import-status");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("skipped AI-token rows: an amber warning listing each row and why, never a plain success", async () => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "dashboard");
    const csv =
      "Date,Resource,Quantity,Unit\n2026-03-02,Agent Copilot,lots,tokens\n2026-03-02,Virtual Agent,400,tokens\nsoon,AI Scoring,20,tokens\n2026-03-03,SMS Outbound,9,messages\n";
    const o = importIntoForm(initialDashboardForm(), csv);
    if (o.kind !== "filled") throw new Error(o.message);
    expect(o.warned).toBe(true);
    await page.fill("#d-import-text", csv);
    await page.click("#d-import-paste");
    await page.locator("#d-import-warning", { hasText: o.report.headline }).waitFor();
    expect(await text(page, "#d-import-warning")).toBe(`${o.message} ${o.report.headline}`);
    expect(await text(page, "#d-import-warning")).toContain("2 AI-token rows were skipped");
    expect(await text(page, "#d-import-status")).toBe("");
    expect(await page.locator("#d-import-token-rows li").allInnerTexts()).toEqual([
      'Line 2 (Agent Copilot): quantity missing or not a number ("lots").',
      'Line 4 (AI Scoring): date missing or not a date ("soon").',
    ]);
    expect(await page.inputValue("#d-features-virtualagent")).toBe("400");
    await tp.screenshot("tabs-08-import-warning", "#d-import-warning");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("a paste that is not a usage export changes nothing and says why", async () => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "dashboard");
    const before = await inPage<[string, string][]>(page, FORM_STATE);
    const remaining = await text(page, "#d-remaining");

    for (const bad of ["this is not, a usage export\nat all", "Date,Resource,Quantity\n2026-03-01,Data Storage,12\n"]) {
      const o = importIntoForm(initialDashboardForm(), bad);
      expect(o.kind).not.toBe("filled");
      await page.fill("#d-import-text", bad);
      await page.click("#d-import-paste");
      await page.locator("#d-import-alert", { hasText: "Nothing was imported" }).waitFor();
      expect(await text(page, "#d-import-alert")).toContain(o.message);
      expect(await text(page, "#d-import-status")).toBe("");
      expect(await inPage<[string, string][]>(page, FORM_STATE)).toEqual(before);
      expect(await text(page, "#d-remaining")).toBe(remaining);
    }
    await tp.screenshot("tabs-06-import-refused", "#d-import-alert");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("Download .xlsx of the budget: the file holds the Annual Budget sheet, its AnnualTokens the core's figure", async () => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "budget");
    // The tab opens with the growth preset; the file must hold the core's year of that plan.
    const preset = findBudgetPreset("growth")!;
    expect(initialBudgetForm().preset).toBe(preset.id);
    const card = getCard(preset.plan.card);
    if (card instanceof InputError) throw new Error(card.message);
    const result = computeAnnualPlan(preset.plan, card);
    if (result instanceof InputError) throw new Error(result.message);
    const fileName = sheetFileName("budget", preset.plan);

    tp.step = "download";
    const [download] = await Promise.all([page.waitForEvent("download"), act(page, "#b-download", "b")]);
    expect(download.suggestedFilename()).toBe(fileName);
    expect(await text(page, "#b-insert-status")).toBe(sheetDownloadedMessage(BUDGET_SHEET, fileName));
    const saved = path.join(ARTIFACTS, "tabs-budget-growth.xlsx");
    await download.saveAs(saved);
    await tp.screenshot("tabs-07-budget-downloaded");

    const back = await readBack(fs.readFileSync(saved));
    expect(back.workbook.worksheets.map((w) => w.name)).toEqual([BUDGET_SHEET_NAME]);
    const annual = back.named(BUDGET_SHEET_NAME, "AnnualTokens");
    expect(annual.formula).toBeTruthy();
    expect(annual.result).toBe(result.annualTokens);
    expect(annual.result).toBe(309_720);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test('inside Excel: "Insert annual budget" adds one sheet in two syncs at most, and the dashboard inserted after it reads that sheet', async () => {
    // The workbook already has an "Annual Budget": the new one is "Annual Budget (2)", and the dashboard must follow it.
    const tp = await inExcel(["Sheet1", BUDGET_SHEET_NAME]);
    const { page } = tp;
    await openTab(page, "budget");
    // A plan from January 2026, so its months cover the dashboard's review (January to March 2026).
    await page.selectOption("#b-startMonth", "1");
    await page.fill("#b-startYear", "2026");
    const form = editBudgetField(editBudgetField(initialBudgetForm(), "startMonth", "1"), "startYear", "2026");
    const plan = planOf(form);
    const months = budgetView(form).result!.months;
    expect(await page.locator("#b-insert").getAttribute("aria-disabled")).toBe("false");
    expect(await page.locator("#b-download").isHidden()).toBe(true);

    tp.step = "insert budget";
    await act(page, "#b-insert", "b");
    const created = `${BUDGET_SHEET_NAME} (2)`;
    expect(await text(page, "#b-insert-alert")).toBe("");
    expect(await text(page, "#b-insert-status")).toBe(`${insertedMessage(created)} The Usage dashboard tab can now read its monthly budgets from it.`);
    const afterBudget = await fakeLog(page);
    expect(afterBudget.runs).toBe(1);
    expect(afterBudget.syncs).toBeLessThanOrEqual(2);
    expect(afterBudget.calls.filter((c) => c.path === "workbook.worksheets" && c.method === "add").map((c) => c.args)).toEqual([[created]]);
    expect(afterBudget.calls.filter((c) => c.method === "delete")).toEqual([]);
    const budgetSheet = `workbook.worksheets.add("${created}")`;
    expect(formulasOf(afterBudget, budgetSheet)).toEqual(Object.fromEntries(planSheet(buildBudgetSheet(plan)).blocks.map((b) => [b.address, b.formulas])));
    await tp.screenshot("tabs-08-excel-budget-inserted");

    // The dashboard offers the sheet just inserted, under its actual name, and its months read it.
    await openTab(page, "dashboard");
    expect(await page.isChecked("#d-linkBudget")).toBe(true);
    expect(await text(page, 'label[for="d-linkBudget"]')).toBe(`Read budgets from the '${created}' sheet`);
    const linked: LinkedBudget = { sheetName: created, plan: { months: months.map((m) => ({ year: m.year, month: m.month, consumption: m.consumption })) } };
    const parsed = parseDashboardForm(initialDashboardForm(), linked);
    expect(parsed.budgetSheetName).toBe(created);
    expect(parsed.problems).toEqual([]);

    tp.step = "insert dashboard";
    await act(page, "#d-insert", "d");
    expect(await text(page, "#d-insert-alert")).toBe("");
    expect(await text(page, "#d-insert-status")).toBe(`${insertedMessage(DASHBOARD_SHEET_NAME)} Its budgets read the '${created}' sheet.`);
    const log = await fakeLog(page);
    expect(log.runs).toBe(2);
    expect(log.syncs - afterBudget.syncs).toBeLessThanOrEqual(2);
    const dashboardSheet = `workbook.worksheets.add("${DASHBOARD_SHEET_NAME}")`;
    const written = formulasOf(log, dashboardSheet);
    expect(written).toEqual(
      Object.fromEntries(planSheet(buildDashboardSheet(parsed.dashboard, { budgetSheetName: created })).blocks.map((b) => [b.address, b.formulas])),
    );
    // The variance table's budgets are formulas on the sheet that was created, not on the one that was there.
    const formulas = Object.values(written)
      .flatMap((rows) => (rows as unknown[][]).flat())
      .filter((f): f is string => typeof f === "string" && f.startsWith("="));
    const budgetRefs = formulas.filter((f) => f.includes(`'${BUDGET_SHEET_NAME}`));
    expect(budgetRefs.length).toBeGreaterThanOrEqual(3);
    expect(budgetRefs.every((f) => f.includes(`'${created}'!`))).toBe(true);
    await tp.screenshot("tabs-09-excel-dashboard-linked", "#d-insert-status");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("keyboard: Tab reaches every control of the budget tab in order, each focus visible and clear of the sticky footer", async () => {
    const tp = await outside();
    const { page } = tp;
    await openTab(page, "budget");
    // A message in the footer makes it taller than the calculator's: the scroll padding must follow it.
    await Promise.all([page.waitForEvent("download"), act(page, "#b-download", "b")]);
    expect(await text(page, "#b-insert-status")).toContain("Downloaded");

    const expected = ["tab-budget", ...(await inPage<string[]>(page, focusableIn("#panel-budget")))];
    // Every field of the form is among them (a radio group once), and the footer's two buttons end the walk.
    const fields = await inPage<number>(
      page,
      `new Set(Array.from(document.querySelectorAll("#panel-budget [data-path]")).map(function (el) { return el.dataset.path; })).size`,
    );
    expect(expected.filter((id) => id.startsWith("b-") && !/^b-(insert|download|add-initiative)$/.test(id)).length).toBe(fields);
    expect(expected.slice(-2)).toEqual(["b-insert", "b-download"]);
    expect(expected).toContain("summary:Month by month");

    await page.focus("#tab-budget");
    const forward = await walk(page, "Tab", expected.length - 1);
    expect(["tab-budget", ...forward.map((s) => s.id)]).toEqual(expected);
    expect(forward.filter((s) => !s.visible).map((s) => s.id)).toEqual([]);
    await tp.screenshot("tabs-10-keyboard-focus-on-download");
    const backward = await walk(page, "Shift+Tab", expected.length - 1);
    expect(backward.map((s) => s.id)).toEqual([...expected].reverse().slice(1));
    expect(backward.filter((s) => !s.visible).map((s) => s.id)).toEqual([]);

    // The footer's height is the page's scroll padding, whatever the tab.
    const padding = await inPage<{ footer: number; padding: string }>(
      page,
      `({ footer: Math.ceil(document.querySelector("#panel-budget .footer").getBoundingClientRect().height), padding: document.documentElement.style.getPropertyValue("--footer-height") })`,
    );
    expect(padding.padding).toBe(`${padding.footer}px`);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });
});
