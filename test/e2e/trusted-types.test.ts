/**
 * Trusted Types (issue 15) in Chromium, which enforces them: the page's CSP requires them for script
 * sinks and names two policies, webpack's (lazy chunks, the import worker) and the default one of
 * assets/trusted-types.js (office.js's own sinks). The whole pane works under it (tabs loaded on
 * demand, an import in the worker, downloads) without one violation, and the policy really is
 * enforced: markup into innerHTML and a script from another origin are refused.
 */
import { describeWithChromium, inPage } from "./support/browser";
import { fillPaste } from "./support/import-probe";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(120_000);

const NO_PROBLEMS = { consoleProblems: [], pageErrors: [], cspViolations: [], offsite: [] };

describeWithChromium("Trusted Types", () => {
  const { outside } = chromiumSuite();

  test("are enforced: markup into innerHTML and a script from elsewhere are refused, the add-in's and office.js's scripts admitted", async () => {
    const tp = await outside();
    const seen = await inPage<Record<string, string>>(
      tp.page,
      `(function () {
        var out = { supported: String(typeof window.trustedTypes === "object") };
        function attempt(name, f) { try { f(); out[name] = "written"; } catch (e) { out[name] = e.name; } }
        attempt("markup", function () { document.createElement("div").innerHTML = "<img src=x>"; });
        attempt("text", function () { document.createElement("div").innerHTML = "Plain words &amp; no markup"; });
        attempt("offsite script", function () { document.createElement("script").src = "https://evil.example/x.js"; });
        attempt("other CDN folder", function () { document.createElement("script").src = "https://appsforoffice.microsoft.com/lib/beta/x.js"; });
        attempt("own script", function () { document.createElement("script").src = "assets/x.js"; });
        attempt("office.js folder", function () { document.createElement("script").src = "https://appsforoffice.microsoft.com/lib/1/hosted/excel-web-16.00.js"; });
        attempt("another policy", function () { window.trustedTypes.createPolicy("mine", { createHTML: function (s) { return s; } }); });
        return out;
      })()`,
    );
    expect(seen).toEqual({
      supported: "true",
      markup: "TypeError",
      text: "written",
      "offsite script": "TypeError",
      "other CDN folder": "TypeError",
      "own script": "written",
      "office.js folder": "written",
      "another policy": "TypeError",
    });
    await tp.page.waitForTimeout(200);
    // Each refusal is reported as a violation of the page's policy.
    expect(tp.cspViolations.map((v) => v.directive).sort()).toEqual([
      "require-trusted-types-for",
      "require-trusted-types-for",
      "require-trusted-types-for",
      "trusted-types",
    ]);
    await tp.close();
  });

  test("the pane loads, opens every tab, imports in the worker and downloads without one violation", async () => {
    const tp = await outside();
    const { page } = tp;
    const files = () => tp.requests.map((r) => new URL(r.url).pathname.split("/").pop() ?? "");
    for (const tab of ["budget", "dashboard", "calculator"]) await page.click(`#tab-${tab}`);
    await page.locator("#d-insert").waitFor({ state: "attached" });
    expect(files()).toEqual(expect.arrayContaining(["budget-panel.js", "dashboard-panel.js"]));

    await page.click("#tab-dashboard");
    const pasted = await fillPaste(page, 5_000);
    expect(pasted.held).toMatch(/^Pasted 5,000 rows/);
    await page.click("#d-import-paste");
    await page.locator("#d-import-status", { hasText: "Imported March 2026" }).waitFor();
    expect(files()).toContain("import-worker.js");

    const [dashboard] = await Promise.all([page.waitForEvent("download"), page.click("#d-download")]);
    expect(dashboard.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.click("#tab-calculator");
    const [calculator] = await Promise.all([page.waitForEvent("download"), page.click("#calc-download")]);
    expect(calculator.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(files()).toContain("xlsx-writer.js");
    expect(tp.problems()).toEqual(NO_PROBLEMS);
  });
});
