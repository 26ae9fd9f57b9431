/**
 * Headless Chromium for the e2e tests: the system's Debian `chromium` driven by playwright-core
 * (`npx playwright install` cannot download browsers here), and a taskpane page that records
 * everything that would show a problem: console errors and warnings, uncaught page errors,
 * Content-Security-Policy violations, and any request that leaves 127.0.0.1 (aborted).
 *
 * In-page code is passed to Playwright as strings, not as functions: a function would be sent as its
 * compiled source, which coverage instrumentation (jest --coverage) would break.
 */
import * as fs from "fs";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import { ROOT } from "./build";
import type { StaticServer } from "./server";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
export const CHROMIUM = CANDIDATES.find((p): p is string => Boolean(p) && fs.existsSync(p as string));

export const ARTIFACTS = path.join(ROOT, "test-artifacts", "e2e");

/**
 * `describe` when Chromium is there. Without it: a failing suite in CI (process.env.CI), so a broken
 * CI image cannot pass silently, and a skipped one with a warning on a developer's machine.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  if (CHROMIUM || process.env.CI) {
    describe(name, () => {
      if (!CHROMIUM) {
        test("Chromium is installed", () => {
          throw new Error(
            "No Chromium found (tried CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser): CI must install Debian's `chromium` (see .ci/run).",
          );
        });
        return;
      }
      fn();
    });
    return;
  }
  console.warn(`e2e "${name}" SKIPPED: no Chromium found. Install it with: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH).`);
  describe.skip(name, fn);
}

export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error("No Chromium found.");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export interface CspViolation {
  readonly directive: string;
  readonly blockedURI: string;
  readonly sourceFile: string;
  readonly line: number;
  readonly sample: string;
}

/**
 * The refusals taskpane.html documents as known and harmless, all of office.js's telemetry: opened in a
 * plain browser, office.js (o15apptofilemappingtable.js) adds a hidden frame to Microsoft's telemetry
 * service with a style attribute, a few seconds after load. The policy refuses both, which is the point;
 * they are kept apart (TaskpanePage.officeJsRefusals) so that any other violation fails a test.
 */
export function isKnownOfficeJsRefusal(v: CspViolation): boolean {
  if (!/\/office-js\/[^/]+\.js$/.test(v.sourceFile)) return false;
  return (
    (v.directive === "style-src-attr" && v.blockedURI === "inline") ||
    (v.directive === "frame-src" && v.blockedURI === "https://telemetryservice.firstpartyapps.oaspapps.com")
  );
}

/** The console's words for the same two refusals. */
const KNOWN_OFFICE_JS_CONSOLE = [
  /^error: Applying inline style violates the following Content Security Policy directive 'style-src 'self''.*\(http:\/\/127\.0\.0\.1:\d+\/office-js\/[^/]+\.js:\d+\)$/s,
  /^error: Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/' violates the following Content Security Policy directive: "frame-src https:\/\/appsforoffice\.microsoft\.com".*\(http:\/\/127\.0\.0\.1:\d+\/office-js\/[^/]+\.js:\d+\)$/s,
];

export interface SeenRequest {
  readonly url: string;
  /** The page's step when it was made (see TaskpanePage.step). */
  readonly step: string;
  readonly resourceType: string;
}

export interface TaskpanePage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console messages of type error or warning. */
  readonly consoleProblems: string[];
  readonly pageErrors: string[];
  readonly cspViolations: CspViolation[];
  /** The known office.js telemetry refusals (see isKnownOfficeJsRefusal), violations and console lines. */
  readonly officeJsRefusals: (CspViolation | string)[];
  /** Requests to anywhere but the test server: each one was aborted. */
  readonly offsite: string[];
  readonly requests: SeenRequest[];
  /** A label stamped on the requests made from now on ("load", "after click"...). */
  step: string;
  /**
   * Saves what the taskpane shows as test-artifacts/e2e/<name>.png: the viewport (the pane's size, its
   * sticky footer at the bottom), scrolled to `show` (a selector) when given.
   */
  screenshot(name: string, show?: string): Promise<string>;
  /** Everything that went wrong, for one expect(...).toEqual(...) that prints it all. */
  problems(): { consoleProblems: string[]; pageErrors: string[]; cspViolations: CspViolation[]; offsite: string[] };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Scripts to run in the page before its own (page.addInitScript), e.g. the stand-in office.js. */
  readonly initScripts?: readonly string[];
  /** Answers for paths of the test server instead of the build (e.g. "/office-js/office.js"). */
  readonly replace?: Readonly<Record<string, { readonly status?: number; readonly body: string; readonly contentType?: string }>>;
  /** Waits for this host state before returning (default: any but "checking"). */
  readonly host?: "excel" | "outside";
  /**
   * Outside Office: also waits (up to 10 s) for office.js's last start-up work, the telemetry frame it
   * adds a few seconds after load (refused, see isKnownOfficeJsRefusal), so that what a test measures
   * next (how long keys wait) is the page's own work: loading that frame holds the page for tens of
   * milliseconds, more on a busy machine, and Excel's office.js does not do it.
   */
  readonly settle?: boolean;
}

/** A taskpane-sized window: Excel's default taskpane is about 350 px wide. */
const VIEWPORT = { width: 380, height: 860 };

/** Opens taskpane.html in a fresh context and waits until the app shows and knows where it runs. */
export async function openTaskpane(browser: Browser, server: StaticServer, options: OpenOptions = {}): Promise<TaskpanePage> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, reducedMotion: "reduce" });
  const page = await context.newPage();
  const origin = new URL(server.origin).origin;
  const session: TaskpanePage = {
    context,
    page,
    consoleProblems: [],
    pageErrors: [],
    cspViolations: [],
    officeJsRefusals: [],
    offsite: [],
    requests: [],
    step: "load",
    async screenshot(name, show) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name}.png`);
      if (show) await page.evaluate(`document.querySelector(${JSON.stringify(show)}).scrollIntoView({ block: "center" })`);
      await page.screenshot({ path: file });
      return file;
    },
    problems() {
      return { consoleProblems: this.consoleProblems, pageErrors: this.pageErrors, cspViolations: this.cspViolations, offsite: this.offsite };
    },
    close: () => context.close(),
  };

  // No network: anything not for the test server is refused (and listed). Registered first, so the
  // replacements below, registered later, take precedence for their paths.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    session.offsite.push(url);
    return route.abort("blockedbyclient");
  });
  for (const [pathname, answer] of Object.entries(options.replace ?? {})) {
    await context.route(new URL(pathname, server.origin).href, (route) =>
      route.fulfill({ status: answer.status ?? 200, body: answer.body, contentType: answer.contentType ?? "text/javascript; charset=utf-8" }),
    );
  }
  page.on("request", (r: Request) => session.requests.push({ url: r.url(), step: session.step, resourceType: r.resourceType() }));
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    const line = `${m.type()}: ${m.text()} (${m.location().url}:${m.location().lineNumber})`;
    (KNOWN_OFFICE_JS_CONSOLE.some((re) => re.test(line)) ? session.officeJsRefusals : session.consoleProblems).push(line);
  });
  page.on("pageerror", (e) => session.pageErrors.push(`${e.name}: ${e.message}`));

  await page.exposeBinding("__e2eReportCsp", (_source, v: CspViolation) => {
    (isKnownOfficeJsRefusal(v) ? session.officeJsRefusals : session.cspViolations).push(v);
  });
  await page.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", function (e) {
      window.__e2eReportCsp({ directive: e.violatedDirective, blockedURI: e.blockedURI, sourceFile: e.sourceFile, line: e.lineNumber, sample: e.sample });
    });`,
  });
  for (const content of options.initScripts ?? []) await page.addInitScript({ content });

  await page.goto(new URL("taskpane.html", server.origin).href);
  await page.waitForSelector("#app:not([hidden])");
  const wanted = options.host ? JSON.stringify(options.host) : null;
  await until(
    page,
    wanted ? `document.getElementById("host-status").dataset.host === ${wanted}` : `document.getElementById("host-status").dataset.host !== "checking"`,
  );
  if (options.settle) {
    const telemetry = (v: CspViolation | string) => typeof v !== "string" && v.directive === "frame-src";
    for (const started = Date.now(); !session.officeJsRefusals.some(telemetry) && Date.now() - started < 10_000;) await new Promise((r) => setTimeout(r, 50));
    // The frame's refusal is reported before its load is done: give it a moment to finish.
    await new Promise((r) => setTimeout(r, 500));
  }
  return session;
}

/** Evaluates an expression in the page (see the note at the top on strings). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/**
 * Waits until an expression is truthy in the page. (page.waitForFunction would evaluate its string with
 * `new Function` in the page after the first try, which the page's CSP refuses: no 'unsafe-eval'.)
 */
export async function until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves once every running CSS transition and animation of the page has finished. */
export function settled(page: Page): Promise<unknown> {
  return page.evaluate(`Promise.all(document.getAnimations().map(function (a) { return a.finished; }))`);
}
