/**
 * The pane in Office's dark theme and in high contrast, in Chromium inside the stand-in Excel: the
 * stand-in's Office.context.officeTheme is the black theme's; the pane turns to Fluent's dark tokens,
 * and every piece of visible text, in every tab, contrasts with what is really behind it by WCAG's
 * measure (4.5:1, 3:1 for large text), computed from the browser's computed colours. The same in
 * forced colours (Windows high contrast). Screenshots: test-artifacts/e2e/theme-*.png.
 */
import type { Page } from "playwright-core";
import { describeWithChromium, settled, until, type TaskpanePage } from "./support/browser";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(90_000);

const NO_PROBLEMS = { consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] };

/** Office's Black theme as Office.context.officeTheme reports it. */
const BLACK_THEME = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#FFFFFF" };
const WHITE_THEME = { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000" };

interface LowContrast {
  readonly text: string;
  readonly color: string;
  readonly background: string;
  readonly ratio: number;
  readonly needed: number;
}

/**
 * Every element that shows text of its own, with its computed colour against the first opaque
 * background behind it (blended through translucent ones), and the WCAG ratio it reaches. Disabled
 * controls are exempt (WCAG 1.4.3), as is text hidden from view.
 */
function lowContrastText(page: Page): Promise<{ checked: number; low: LowContrast[] }> {
  return page.evaluate(() => {
    const parse = (c: string): number[] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const lum = ([r, g, b]: number[]): number => {
      const f = (v: number) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top: number[], under: number[]): number[] => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
    };
    const backgroundOf = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let colour = [255, 255, 255, 1];
      const canvas = getComputedStyle(document.documentElement).colorScheme === "dark" ? [18, 18, 18, 1] : colour;
      colour = layers.length && layers[layers.length - 1][3] >= 1 ? layers[layers.length - 1] : canvas;
      for (let i = layers.length - 2; i >= 0; i--) colour = over(layers[i], colour);
      return colour;
    };
    const low: { text: string; color: string; background: string; ratio: number; needed: number }[] = [];
    let checked = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? "").trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
      if (el.closest(".visually-hidden, [aria-hidden='true'][hidden], [disabled], [aria-disabled='true'], .is-disabled")) continue;
      if (el.closest("[hidden]")) continue;
      checked++;
      const bg = backgroundOf(el);
      const fg = over(parse(style.color), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < needed)
        low.push({
          text: text.slice(0, 60),
          color: style.color,
          background: `rgb(${bg.slice(0, 3).map(Math.round).join(", ")})`,
          ratio: Math.round(ratio * 100) / 100,
          needed,
        });
    }
    return { checked, low };
  });
}

describeWithChromium("the pane in Office's themes, in Chromium inside a stand-in Excel", () => {
  const { inExcel } = chromiumSuite();

  /** Shows each tab in turn (with a field in error on the calculator) and checks the text of each. */
  async function checkEveryTab(tp: TaskpanePage, name: string): Promise<void> {
    const { page } = tp;
    await page.fill("#f-users", "-5");
    for (const tab of ["calculator", "budget", "dashboard"]) {
      await page.click(`#tab-${tab}`);
      await until(page, `!document.getElementById("panel-${tab}").hasAttribute("aria-busy") && document.querySelector("#panel-${tab} .footer") !== null`);
      await settled(page);
      const { checked, low } = await lowContrastText(page);
      expect(checked).toBeGreaterThan(20);
      expect({ tab, low }).toEqual({ tab, low: [] });
      await tp.screenshot(`theme-${name}-${tab}`);
    }
  }

  test("Office's black theme: the pane turns dark, and all its text is readable", async () => {
    const tp = await inExcel({ theme: BLACK_THEME });
    const { page } = tp;
    await until(page, `document.documentElement.dataset.theme === "dark"`);
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // Fluent dark colorNeutralBackground2, the page behind the cards.
    expect(body).toBe("rgb(31, 31, 31)");
    await checkEveryTab(tp, "dark");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("the contrast check finds text that cannot be read (grey on the dark card)", async () => {
    const tp = await inExcel({ theme: BLACK_THEME });
    const { page } = tp;
    await until(page, `document.documentElement.dataset.theme === "dark"`);
    await page.evaluate(() => (document.querySelector(".title") as HTMLElement).style.setProperty("color", "#3d3d3d"));
    const { low } = await lowContrastText(page);
    expect(low.map((l) => l.text)).toEqual(["AI Token Planner"]);
    expect(low[0].ratio).toBeLessThan(2);
  });

  test("a theme change reported by Office repaints the pane", async () => {
    const tp = await inExcel({ theme: WHITE_THEME, themeEvents: true });
    const { page } = tp;
    await until(page, `document.documentElement.dataset.theme === "light"`);
    await page.evaluate(
      (theme) =>
        (window as unknown as { __fakeOfficeHandlers: { theme: (a: unknown) => void } }).__fakeOfficeHandlers.theme({
          type: "officeThemeChanged",
          officeTheme: theme,
        }),
      BLACK_THEME,
    );
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });

  test("high contrast (forced colours): all text is readable", async () => {
    const tp = await inExcel({ theme: BLACK_THEME });
    await tp.page.emulateMedia({ forcedColors: "active", colorScheme: "dark" });
    await checkEveryTab(tp, "forced-colors");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });
});
