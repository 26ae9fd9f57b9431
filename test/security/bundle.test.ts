/**
 * No network calls from the add-in besides loading office.js, and no code built from strings
 * (issue 6.3), checked on what ships: the built dist/*.js, not only the sources
 * (test/taskpane/csp.test.ts scans src/ and the page's Content-Security-Policy).
 *
 * A build is needed: `npm test` builds first (pretest), so CI always has one. Without dist/ the
 * checks are skipped locally and fail in CI (CI=true).
 *
 * The one exception is ExcelJS's chunk (with its browser polyfills), which the taskpane loads only
 * when the analyst downloads an .xlsx, through a dynamic import: it holds three string-to-code
 * fallbacks that run only in environments without globalThis or with a string callback, listed in
 * EXCELJS_FALLBACKS below. The page's CSP has no 'unsafe-eval', so even those could not run. The
 * test fails if any other such construct appears, in that chunk or any other, or if the chunk is
 * loaded by the page itself (a <script> of taskpane.html).
 *
 * The manifest permission (ReadWriteDocument and nothing broader) is checked on the source manifest
 * by test/build/manifest.test.ts; here only on the copy the build ships.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const IN_CI = !!process.env.CI && process.env.CI !== "false";

/** The constructs no shipped code may hold: network calls and code from strings. */
const FORBIDDEN: readonly [string, RegExp][] = [
  ["fetch(", /(^|[^\w$])fetch\s*\(/g],
  ["XMLHttpRequest", /XMLHttpRequest/g],
  ["WebSocket", /WebSocket/g],
  ["EventSource", /EventSource/g],
  ["navigator.sendBeacon", /sendBeacon/g],
  ["importScripts(", /(^|[^\w$])importScripts\s*\(/g],
  ["new Function(", /new\s+Function\s*\(/g],
  ["Function(...) called without new", /(^|[^\w$.])Function\s*\(\s*["'`]/g],
  ["eval(", /(^|[^\w$.])eval\s*\(/g],
  ["a string timer", /set(Timeout|Interval|Immediate)\s*\(\s*["'`]/g],
];

/**
 * The string-to-code fallback of ExcelJS's browser dependencies, allowed in its chunk only: JSZip's
 * setImmediate polyfill, `if (typeof callback !== "function") callback = new Function("" + callback)`,
 * only when given a string, which JSZip never passes. (The global lookup `Function("return this")()`
 * and regenerator-runtime's `Function("r", ...)` went with ExcelJS's prebuilt browser file: the browser
 * build bundles ExcelJS's writer from its sources, see webpack.config.js.)
 */
const EXCELJS_FALLBACKS: readonly [string, RegExp][] = [["setImmediate polyfill", /new Function\(\s*["']["']\s*\+\s*[\w$]+\s*\)/g]];

interface Built {
  /** A production build (minified, no comments): what CI builds and ships. */
  readonly production: boolean;
  readonly html: string;
  /** Every top-level .js file of dist/, by name. */
  readonly scripts: ReadonlyMap<string, string>;
  /** The chunk that holds ExcelJS (the one that writes xl/workbook.xml), if the build has one. */
  readonly exceljsChunk?: string;
  readonly manifest: string;
}

/** Reads the build at once; undefined when there is none (or it is being rebuilt under us). */
function readBuild(): Built | undefined {
  try {
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const manifest = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    const names = fs.readdirSync(DIST);
    const scripts = new Map(names.filter((f) => f.endsWith(".js")).map((f) => [f, fs.readFileSync(path.join(DIST, f), "utf8")] as const));
    // The Trusted Types policy and the webview check run before any bundle, as plain ES5 copied from assets/
    // (the policy before office.js; the check where the bundles cannot run).
    for (const file of ["assets/trusted-types.js", "assets/webview-check.js"]) {
      const full = path.join(DIST, file);
      if (fs.existsSync(full)) scripts.set(file, fs.readFileSync(full, "utf8"));
    }
    const exceljsChunk = [...scripts].find(([name, code]) => name !== "functions.js" && code.includes("xl/workbook.xml"))?.[0];
    // A development build keeps comments, which may name what the code avoids.
    const production = !/webpackBootstrap/.test(scripts.get("taskpane.js") ?? "webpackBootstrap");
    return { production, html, scripts, manifest, ...(exceljsChunk ? { exceljsChunk } : {}) };
  } catch {
    return undefined;
  }
}

const built = readBuild();

test("a production build is there to check (CI builds before the tests; locally the checks are skipped without one)", () => {
  if (IN_CI) {
    if (!built) throw new Error("dist/ is missing or incomplete: npm test builds first (pretest), so the bundle was not built.");
    if (!built.production) throw new Error("dist/ holds a development build: CI must test the production build (npm run build).");
  } else if (!built?.production) {
    console.warn(
      `test/security/bundle.test.ts: ${built ? "dist/ holds a development build" : "no dist/ build"}, bundle checks skipped (run \`npm run build\`).`,
    );
  }
});

const withBuild = built?.production ? describe : describe.skip;

/** Every match of the forbidden constructs in a script, with a little context. */
function findForbidden(code: string): { what: string; at: string }[] {
  const out: { what: string; at: string }[] = [];
  for (const [what, re] of FORBIDDEN) {
    for (const m of code.matchAll(re)) out.push({ what, at: code.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + m[0].length + 40) });
  }
  return out;
}

withBuild("the built add-in (dist/)", () => {
  const b = built!;
  /** Scripts the page runs when it opens: its own <script> elements (office.js comes from Microsoft's CDN). */
  const pageScripts = [...b.html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1]);

  test("the page loads office.js from Microsoft's CDN and otherwise only its own bundles", () => {
    // An OFFICE_JS=local build (offline browser tests) serves office.js from dist/office-js/ instead.
    const office = pageScripts.filter((s) => /^https?:/i.test(s) || s === "office-js/office.js");
    expect(office).toHaveLength(1);
    expect(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "office-js/office.js"]).toContain(office[0]);
    const own = pageScripts.filter((s) => s !== office[0]);
    expect(own.length).toBeGreaterThan(0);
    for (const s of own) expect({ script: s, built: b.scripts.has(s) }).toEqual({ script: s, built: true });
  });

  test("no script but ExcelJS's chunk holds a network call or code from strings", () => {
    const offenders = [...b.scripts]
      .filter(([name]) => name !== b.exceljsChunk)
      .flatMap(([name, code]) => findForbidden(code).map((f) => ({ file: name, ...f })))
      // The import worker's webpack runtime loads its own chunks with importScripts: same origin, under the page's worker-src 'self'.
      .filter((o) => !(o.file === "import-worker.js" && o.what === "importScripts("));
    expect(offenders).toEqual([]);
  });

  test("ExcelJS's chunk: no network call, and no code from strings but its two known fallbacks", () => {
    if (!b.exceljsChunk) return; // A build without ExcelJS has nothing to except.
    let code = b.scripts.get(b.exceljsChunk)!;
    const allowed: Record<string, number> = {};
    for (const [what, re] of EXCELJS_FALLBACKS) {
      allowed[what] = [...code.matchAll(re)].length;
      code = code.replace(re, "/* allowed fallback */");
    }
    expect(findForbidden(code)).toEqual([]);
    // If a fallback disappears (an upgrade), drop it from the list above.
    for (const [what, count] of Object.entries(allowed)) expect({ what, present: count > 0 }).toEqual({ what, present: true });
  });

  test("ExcelJS's chunk is not loaded when the page opens (only on a download, by dynamic import)", () => {
    if (!b.exceljsChunk) return;
    expect(pageScripts).not.toContain(b.exceljsChunk);
    // Nor is it preloaded by a <link>.
    expect(b.html).not.toContain(b.exceljsChunk);
  });

  test("the shipped manifest asks for ReadWriteDocument and nothing broader, as the source does", () => {
    const permissions = [...b.manifest.matchAll(/<Permissions>([^<]*)<\/Permissions>/g)].map((m) => m[1].trim());
    expect(permissions).toEqual(["ReadWriteDocument"]);
  });
});
