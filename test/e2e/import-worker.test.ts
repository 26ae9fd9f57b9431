/**
 * The usage import off the main thread (issue 15): a 200,000-row paste is imported by the import
 * worker (import-worker.js, admitted by the page's worker-src 'self') while the page keeps handling
 * keys; Cancel ends an import with the dashboard unchanged. The input-delay figure itself is a
 * benchmark (npm run bench), not a pass mark here.
 */
import { describeWithChromium, inPage, type TaskpanePage } from "./support/browser";
import { fillPaste, probePasteImport } from "./support/import-probe";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(180_000);

const text = (page: import("playwright-core").Page, selector: string) => page.locator(selector).innerText();

describeWithChromium("the usage import runs in a worker", () => {
  const suite = chromiumSuite();
  let tp: TaskpanePage;

  async function dashboard(): Promise<TaskpanePage> {
    await tp?.close().catch(() => undefined);
    tp = await suite.outside();
    await tp.page.click("#tab-dashboard");
    await tp.page.locator("#d-insert").waitFor();
    return tp;
  }

  test("a 200,000-row paste is imported by the worker, keys are handled meanwhile, and nothing is refused by the CSP", async () => {
    const { page } = await dashboard();
    const probe = await probePasteImport(page, 200_000);
    expect(probe.status).toMatch(/^Imported March 2026 into the dashboard\..* 200,000 rows used, 0 skipped\.$/);
    expect(probe.usedWorker).toBe(true);
    expect(probe.keys).toBeGreaterThan(0);
    expect(tp.problems()).toEqual({ consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] });
  });

  test("Cancel ends the import and leaves the dashboard as it was", async () => {
    const { page } = await dashboard();
    const before = await inPage<string>(
      page,
      `Array.from(document.querySelectorAll("#panel-dashboard input:not([type=file]), #panel-dashboard select")).map(function (el) { return el.id + "=" + el.value; }).join("\\n")`,
    );
    await fillPaste(page, 200_000);
    // The worker's script is held back for a while, so the import is surely still running when Cancel is pressed.
    let requested = false;
    await tp.context.route("**/import-worker.js", async (route) => {
      requested = true;
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue().catch(() => undefined);
    });
    // Clicks from the page itself: Playwright's pointer click waits on the layout of 8 MB of text.
    expect(
      await inPage<boolean>(
        page,
        `(function () { document.getElementById("d-import-paste").click(); return !document.getElementById("d-import-cancel").hidden; })()`,
      ),
    ).toBe(true);
    for (let i = 0; i < 100 && !requested; i++) await new Promise((r) => setTimeout(r, 20));
    expect(requested).toBe(true);
    await inPage(page, `document.getElementById("d-import-cancel").click()`);
    await page.locator("#d-import-status", { hasText: "Import cancelled. The dashboard is unchanged." }).waitFor();
    await new Promise((r) => setTimeout(r, 3500));
    expect(await text(page, "#d-import-status")).toBe("Import cancelled. The dashboard is unchanged.");
    expect(
      await inPage<string>(
        page,
        `Array.from(document.querySelectorAll("#panel-dashboard input:not([type=file]), #panel-dashboard select")).map(function (el) { return el.id + "=" + el.value; }).join("\\n")`,
      ),
    ).toBe(before);
    expect(await page.locator("#d-import-cancel").isHidden()).toBe(true);
    expect(
      await page
        .locator("#d-import-report")
        .isHidden()
        .catch(() => true),
    ).toBe(true);
  });
});
