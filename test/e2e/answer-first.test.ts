/**
 * Answer first: on a 350 px pane the key results (tokens, allocation, health, annual cost) stay in
 * view while any field is edited: the sticky footer carries them, updated on every keystroke, beside
 * the field being typed in and never covering it. Screenshots: test-artifacts/e2e/answer-first-*.png.
 */
import type { Page } from "playwright-core";
import { FIELD_ORDER, inputId } from "../../src/taskpane/form";
import { describeWithChromium, type TaskpanePage } from "./support/browser";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(90_000);

const NO_PROBLEMS = { consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] };

/** The footer's figures as label -> value. */
async function footerFigures(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const f of document.querySelectorAll("#calc-summary .footer-figure")) {
      out[f.querySelector(".footer-figure-label")!.textContent!] = f.querySelector(".footer-figure-value")!.textContent!;
    }
    return out;
  });
}

/** Whether an element is wholly inside the viewport, and whether two elements overlap. */
const inView = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);
const overlap = (page: Page, a: string, b: string) =>
  page.evaluate(
    ([x, y]) => {
      const r = document.querySelector(x)!.getBoundingClientRect();
      const q = document.querySelector(y)!.getBoundingClientRect();
      return r.top < q.bottom && q.top < r.bottom;
    },
    [a, b],
  );

describeWithChromium("answer first, on a 350 px pane in Chromium", () => {
  const suite = chromiumSuite();
  let tp: TaskpanePage;

  beforeAll(async () => {
    tp = await suite.outside();
    await tp.page.setViewportSize({ width: 350, height: 700 });
  }, 60_000);

  test("every text field, focused and typed in: the four key results stay in view, equal to the preview's", async () => {
    const { page } = tp;
    const textFields = [];
    for (const path of FIELD_ORDER) {
      const id = `#${inputId(path)}`;
      if ((await page.locator(id).count()) === 1 && (await page.locator(id).evaluate((e) => e.tagName === "INPUT" && (e as HTMLInputElement).type === "text")))
        textFields.push(id);
    }
    expect(textFields.length).toBeGreaterThan(8);
    for (const id of textFields) {
      await page.focus(id);
      const before = await page.inputValue(id);
      // Typing in the field: a digit, then taken back (each keystroke repaints the results).
      await page.keyboard.press("End");
      await page.keyboard.type("1");
      await page.keyboard.press("Backspace");
      expect(await page.inputValue(id)).toBe(before);
      expect(await inView(page, "#calc-summary")).toBe(true);
      expect(await inView(page, id)).toBe(true);
      expect(await overlap(page, id, "#calc-summary")).toBe(false);
      const figures = await footerFigures(page);
      expect(Object.keys(figures)).toEqual(["Tokens a month", "Allocation", "Health", "Annual cost"]);
      expect(figures).toEqual({
        "Tokens a month": await page.locator("#calc-total").innerText(),
        Allocation: await page.locator("#calc-allocation").innerText(),
        Health: await page.locator("#calc-health").innerText(),
        "Annual cost": await page.locator("#calc-annual-cost").innerText(),
      });
      if (id === "#f-volumes-virtualagent") await tp.screenshot("answer-first-01-typing-far-down");
    }
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("the budget chart has a y-axis and shows the top-ups bought", async () => {
    const { page } = tp;
    await page.click("#tab-budget");
    await page.waitForSelector("#b-preset");
    await page.selectOption("#b-preset", "seasonal");
    await page.waitForSelector("#b-bars .mbar-topup");
    expect(await page.locator("#b-axis .maxis-tick").allInnerTexts()).toEqual(["0", "25,000", "50,000"]);
    // Seasonal buys top-ups in December and January: one band each, above the allocation tick.
    expect(await page.locator("#b-bars .mbar-topup").count()).toBe(2);
    expect(await page.locator("#b-chart .legend").innerText()).toContain("Top-ups bought");
    await tp.screenshot("answer-first-02-budget-chart", "#b-chart");
    await page.click("#tab-calculator");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("typing changes the footer's figures at once", async () => {
    const { page } = tp;
    await page.fill("#f-users", "50");
    const small = await footerFigures(page);
    await page.fill("#f-users", "5000");
    const large = await footerFigures(page);
    expect(large.Allocation).not.toBe(small.Allocation);
    expect(large.Allocation).toBe(await page.locator("#calc-allocation").innerText());
  });
});
