/*
 * The taskpane page's Content-Security-Policy (issue 6.3): only the add-in's own origin and Microsoft's
 * office.js CDN; no inline script, inline handler, inline style or eval; no network calls from our code.
 * Adding any other source to the policy, or any of those constructs to the page or the bundled code,
 * fails here.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com";
/** The one folder of the CDN scripts may come from: office.js and the host files it loads. */
const OFFICE_JS_FOLDER = `${OFFICE_CDN}/lib/1/hosted/`;
const TEMPLATE = path.join(ROOT, "src", "taskpane", "taskpane.html");

/** The only sources any directive may name. */
const ALLOWED_SOURCES = new Set(["'self'", "'none'", OFFICE_CDN, OFFICE_JS_FOLDER]);

/** The policy, directive by directive, exactly. */
const EXPECTED: Record<string, string[]> = {
  "default-src": ["'none'"],
  "script-src": ["'self'", OFFICE_JS_FOLDER],
  "style-src": ["'self'"],
  "connect-src": ["'self'"],
  "img-src": ["'self'"],
  "font-src": ["'self'"],
  "worker-src": ["'self'"],
  "frame-src": [OFFICE_CDN],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'none'"],
  // Trusted Types (issue 15): every script sink through a policy, and only these two policies:
  // webpack's runtime (output.trustedTypes) and the default one of assets/trusted-types.js.
  "require-trusted-types-for": ["'script'"],
  "trusted-types": ["ai-token-planner", "default"],
};

/** Directives that name policies or sink groups, not sources. */
const NOT_SOURCES = new Set(["require-trusted-types-for", "trusted-types"]);

/** The page without its comments (the policy's documentation lives in one). */
const html = fs.readFileSync(TEMPLATE, "utf8").replace(/<!--[\s\S]*?-->/g, "");

function policy(): Record<string, string[]> {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
  expect(metas).toHaveLength(1);
  const out: Record<string, string[]> = {};
  for (const part of metas[0][1].split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources;
  }
  return out;
}

describe("the taskpane's Content-Security-Policy", () => {
  test("is exactly the expected policy", () => {
    expect(policy()).toEqual(EXPECTED);
  });

  test("names no source but 'self', 'none' and the office.js CDN", () => {
    for (const [directive, sources] of Object.entries(policy())) {
      if (NOT_SOURCES.has(directive)) continue;
      for (const s of sources) expect({ directive, source: s, allowed: ALLOWED_SOURCES.has(s) }).toEqual({ directive, source: s, allowed: true });
    }
  });

  test("comes before any script, so it governs all of them", () => {
    const meta = html.search(/<meta\s+http-equiv="Content-Security-Policy"/i);
    const firstScript = html.search(/<script\b/i);
    expect(meta).toBeGreaterThan(-1);
    expect(meta).toBeLessThan(firstScript);
  });

  test("the page loads office.js from the CDN and has no inline script", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.map((m) => m[1].trim())).toEqual([
      `src="assets/trusted-types.js"`,
      `src="${OFFICE_CDN}/lib/1/hosted/office.js"`,
      `src="assets/webview-check.js"`,
    ]);
    for (const m of scripts) expect(m[2].trim()).toBe("");
  });

  test("no inline event handler, style attribute, <style> element or javascript: URL", () => {
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});

describe("the code the page bundles", () => {
  /** Everything webpack may put in the page: the taskpane, the functions, the core, sheets, the writers. */
  const DIRS = ["taskpane", "functions", "core", "sheets", "excel", "xlsx"];
  const files = DIRS.flatMap((d) => {
    const dir = path.join(ROOT, "src", d);
    if (!fs.existsSync(dir)) return [];
    const walk = (p: string): string[] => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).flatMap((f) => walk(path.join(p, f))) : /\.ts$/.test(p) ? [p] : []);
    return walk(dir);
  });
  /** Code only: comments may mention what they avoid. */
  const code = (file: string): string =>
    fs
      .readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");

  const FORBIDDEN: [string, RegExp][] = [
    ["eval", /(^|[^.\w])eval\s*\(/],
    ["new Function", /new\s+Function\s*\(/],
    ["string timers", /set(Timeout|Interval)\s*\(\s*["'`]/],
    ["HTML strings", /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/],
    ["style attributes", /setAttribute\(\s*["']style["']|\.cssText\s*=/],
    ["network calls", /\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts/],
  ];

  test("has files to check", () => {
    expect(files.some((f) => f.endsWith(path.join("taskpane", "taskpane.ts")))).toBe(true);
  });

  test.each(FORBIDDEN)("no %s", (_what, pattern) => {
    const offenders = files.filter((f) => pattern.test(code(f))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
