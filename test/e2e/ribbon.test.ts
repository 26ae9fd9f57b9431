/**
 * The ribbon's Insert commands and the keyboard shortcut, in Chromium inside the stand-in Excel
 * (support/fake-office.js): the page associates the manifest's actions once Office is ready, and a
 * command's handler, run as Office runs it, inserts a sheet through the real writer. Screenshots:
 * test-artifacts/e2e/ribbon-*.png.
 */
import type { Page } from "playwright-core";
import { RIBBON_COMMANDS, SHOW_PANE_ACTION } from "../../src/commands/ribbon";
import { BUDGET_SHEET_NAME } from "../../src/sheets/budget";
import { CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { insertedMessage } from "../../src/taskpane/sheet-actions";
import { describeWithChromium, until } from "./support/browser";
import { fakeLog } from "./support/stand-in";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(60_000);

const NO_PROBLEMS = { consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] };

/** Runs the handler Office would run for `action`, and resolves once it calls event.completed(). */
function runAction(page: Page, action: string): Promise<void> {
  return page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const handlers = (window as unknown as { __fakeOfficeHandlers: { actions: Record<string, (e: { completed(): void }) => void> } }).__fakeOfficeHandlers;
        const handler = handlers.actions[id];
        if (!handler) return reject(new Error(`no handler associated for ${id}`));
        const timer = setTimeout(() => reject(new Error(`${id}: event.completed() was not called`)), 15_000);
        handler({ completed: () => (clearTimeout(timer), resolve()) });
      }),
    action,
  );
}

const added = async (page: Page): Promise<unknown[]> =>
  (await fakeLog(page)).calls.filter((c) => c.method === "add" && c.path === "workbook.worksheets").map((c) => c.args);

describeWithChromium("the ribbon's commands in Chromium, inside a stand-in Excel", () => {
  const { inExcel } = chromiumSuite();

  test("associates the shortcut's action and every Insert command once Excel is ready", async () => {
    const tp = await inExcel();
    await until(tp.page, "window.__fakeExcel.actions.length === 4");
    expect((await fakeLog(tp.page)).actions).toEqual([SHOW_PANE_ACTION, ...RIBBON_COMMANDS.map((c) => c.action)]);
    await runAction(tp.page, SHOW_PANE_ACTION);
    expect((await fakeLog(tp.page)).shown).toBe(1);
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("Insert annual budget, its tab never opened: the default plan goes through the writer as a new sheet", async () => {
    const tp = await inExcel();
    const { page } = tp;
    await until(page, "window.__fakeExcel.actions.length === 4");
    await runAction(page, "insertBudget");
    expect(await added(page)).toEqual([[BUDGET_SHEET_NAME]]);
    const log = await fakeLog(page);
    expect(log.syncs).toBe(2);
    expect(log.sets.some((s) => s.prop === "formulas")).toBe(true);
    expect(await page.locator("#command-status").innerText()).toBe(`Ribbon, Insert annual budget: ${insertedMessage(BUDGET_SHEET_NAME)}`);
    expect(log.shown).toBe(0);
    await tp.screenshot("ribbon-01-budget-inserted");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("Insert calculator inserts what the pane holds now, and the tab's footer says so too", async () => {
    const tp = await inExcel({ sheetNames: ["Sheet1", CALCULATOR_SHEET_NAME] });
    const { page } = tp;
    await until(page, "window.__fakeExcel.actions.length === 4");
    await page.fill("#f-users", "321");
    await runAction(page, "insertCalculator");
    expect(await added(page)).toEqual([[`${CALCULATOR_SHEET_NAME} (2)`]]);
    const written = JSON.stringify((await fakeLog(page)).sets.filter((s) => s.prop === "formulas" || s.prop === "values").map((s) => s.value));
    expect(written).toContain("321");
    expect(await page.locator("#calc-insert-status").innerText()).toBe(insertedMessage(`${CALCULATOR_SHEET_NAME} (2)`));
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("a field to fix: nothing reaches Excel, the pane opens and says why", async () => {
    const tp = await inExcel();
    const { page } = tp;
    await until(page, "window.__fakeExcel.actions.length === 4");
    await page.fill("#f-users", "-5");
    await runAction(page, "insertCalculator");
    const log = await fakeLog(page);
    expect(log.runs).toBe(0);
    expect(log.shown).toBe(1);
    expect(await page.locator("#command-status").innerText()).toBe("Ribbon, Insert calculator: Fix the field marked above to insert the calculator.");
    await tp.screenshot("ribbon-02-field-to-fix");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });
});
