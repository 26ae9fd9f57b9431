/**
 * Where the webview cannot run the add-in (Internet Explorer 11 or EdgeHTML, or a browser missing an
 * API the pane needs), the pane shows a plain message naming the Office versions that run it, instead
 * of a blank pane; under the page's CSP (assets/webview-check.js, no inline script). In Chromium,
 * with the API removed or the user agent of an old webview. Screenshots: test-artifacts/e2e/unsupported-*.png.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { ARTIFACTS, describeWithChromium, until } from "./support/browser";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(60_000);

const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const EDGE_HTML = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";

describeWithChromium("the unsupported-webview message, in Chromium", () => {
  const suite = chromiumSuite();

  /** The pane as such a webview shows it: nothing leaves the machine; page errors and CSP refusals recorded. */
  async function open(options: { userAgent?: string; initScript?: string }): Promise<{ page: Page; errors: string[] }> {
    const context = await suite.newContext({ viewport: { width: 380, height: 700 }, userAgent: options.userAgent });
    const origin = new URL(suite.server.origin).origin;
    await context.route("**/*", (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort("blockedbyclient")));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`${e.name}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    if (options.initScript) await page.addInitScript({ content: options.initScript });
    await page.goto(new URL("taskpane.html", suite.server.origin).href);
    await until(page, `document.readyState === "complete"`);
    return { page, errors };
  }

  async function expectMessage(page: Page, shot: string): Promise<void> {
    await until(page, `!document.getElementById("unsupported").hidden`);
    const text = await page.locator("#unsupported").innerText();
    expect(text).toContain("AI Token Planner cannot run in this version of Office");
    expect(text).toMatch(/Excel on the web/);
    expect(text).toMatch(/Version 2101 or later/);
    expect(text).toMatch(/Excel 2021/);
    // The add-in's own pane never shows: no half-working form under the message.
    await page.waitForTimeout(500);
    expect(await page.locator("#app").isHidden()).toBe(true);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `${shot}.png`) });
  }

  test("a webview without an API the pane needs (ResizeObserver) shows the message", async () => {
    const { page, errors } = await open({ initScript: "delete window.ResizeObserver;" });
    await expectMessage(page, "unsupported-01-missing-api");
    expect(errors).toEqual([]);
  });

  test("Internet Explorer 11's webview (Trident) shows the message", async () => {
    const { page } = await open({ userAgent: TRIDENT });
    await expectMessage(page, "unsupported-02-trident");
  });

  test("the original Edge's webview (EdgeHTML) shows the message", async () => {
    const { page } = await open({ userAgent: EDGE_HTML });
    await expectMessage(page, "unsupported-03-edgehtml");
  });

  test("a webview that can run the pane never shows it", async () => {
    const tp = await suite.outside();
    expect(await tp.page.locator("#unsupported").isHidden()).toBe(true);
    expect(await tp.page.locator("#app").isVisible()).toBe(true);
  });
});
