/*
 * The production build (one run, into a temporary folder): ADDIN_URL rewrites every manifest URL, the built
 * manifest still validates, the outputs the manifest names exist, and functions.js stays small.
 * Also: a non-https ADDIN_URL stops the build, and the URL rules on their own.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { allValues, parseXml } from "./xml-tree";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as {
  normaliseAddinUrl(value: string | undefined): string | undefined;
  OFFICE_JS_CDN: string;
};

const ROOT = path.resolve(__dirname, "..", "..");
const WEBPACK_CLI = require.resolve("webpack-cli/bin/cli.js");
const SHARED_VALIDATOR = path.resolve(ROOT, "..", "shared", "tools", "validate-manifest.sh");
const ADDIN_URL = "https://contoso.example/tokens/";
/** Gzip budget for functions.js: the custom functions runtime loads it before any function can answer. */
const FUNCTIONS_GZIP_BUDGET = 15 * 1024;

function webpack(env: Record<string, string>): SpawnSyncReturns<string> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.OFFICE_JS;
  return spawnSync(process.execPath, [WEBPACK_CLI, "--mode", "production"], {
    cwd: ROOT,
    env: childEnv,
    encoding: "utf8",
    timeout: 240_000,
  });
}

function hasXmllint(): boolean {
  return spawnSync("xmllint", ["--version"], { encoding: "utf8" }).status === 0;
}

describe("production build with ADDIN_URL", () => {
  let out: string;
  let result: SpawnSyncReturns<string>;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "token-planner-build-"));
    result = webpack({ ADDIN_URL, OUTPUT_DIR: out });
  }, 300_000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("succeeds", () => {
    if (result.status !== 0) throw new Error(`webpack exited ${result.status}\n${result.stdout}\n${result.stderr}`);
    expect(result.status).toBe(0);
  });

  it("rewrites every manifest URL to ADDIN_URL and leaves no localhost", () => {
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(xml).not.toMatch(/localhost/i);
    expect(xml).not.toMatch(/127\.0\.0\.1/);
    const urls = allValues(parseXml(xml)).filter((v) => v.includes("://"));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(ADDIN_URL)).toBe(true);
    expect(xml).toContain(`${ADDIN_URL}taskpane.html`);
  });

  it("emits every file the rewritten manifest points at", () => {
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    const urls = allValues(parseXml(xml)).filter((v) => v.startsWith(ADDIN_URL));
    for (const url of new Set(urls)) {
      expect(fs.existsSync(path.join(out, url.slice(ADDIN_URL.length)))).toBe(true);
    }
  });

  it("still validates against the manifest schemas (when xmllint and ../shared are there)", () => {
    if (!fs.existsSync(SHARED_VALIDATOR) || !hasXmllint()) {
      console.warn(`skipped: needs xmllint and ${SHARED_VALIDATOR}`);
      return;
    }
    // Through the project's validator: it checks <ExtendedOverrides>, which the offline XSDs predate, itself.
    const check = spawnSync("bash", [path.join(ROOT, "scripts", "validate-manifest.sh"), path.join(out, "manifest.xml")], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`validate-manifest.sh exited ${check.status}\n${check.stdout}\n${check.stderr}`);
  });

  it("generates functions.json from the JSDoc", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8"));
    expect(Array.isArray(metadata.functions)).toBe(true);
    expect(metadata.functions.length).toBeGreaterThan(0);
    for (const fn of metadata.functions) expect(fn.id).toMatch(/^[A-Z0-9._]+$/);
  });

  it("rewrites every function's help URL to ADDIN_URL, and serves the help page there", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: { id: string; helpUrl?: string }[] };
    expect(fs.readFileSync(path.join(out, "functions.json"), "utf8")).not.toMatch(/localhost/i);
    const page = fs.readFileSync(path.join(out, "help", "functions.html"), "utf8");
    expect(fs.existsSync(path.join(out, "help", "help.css"))).toBe(true);
    for (const fn of metadata.functions) {
      expect(fn.helpUrl).toBe(`${ADDIN_URL}help/functions.html#${fn.id}`);
      expect(page).toContain(`<section id="${fn.id}"`);
    }
  });

  it("makes taskpane.html load office.js from the CDN, then functions.js, then taskpane.js", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const office = html.indexOf(webpackConfig.OFFICE_JS_CDN);
    const functions = html.search(/src=["']?functions\.js/);
    const taskpane = html.search(/src=["']?taskpane\.js/);
    expect(office).toBeGreaterThan(-1);
    expect(functions).toBeGreaterThan(office);
    expect(taskpane).toBeGreaterThan(functions);
    expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
  });

  it(`keeps functions.js under ${FUNCTIONS_GZIP_BUDGET / 1024} KB gzip, without polyfills`, () => {
    const js = fs.readFileSync(path.join(out, "functions.js"));
    const gzip = zlib.gzipSync(js, { level: 9 }).length;
    expect(gzip).toBeLessThan(FUNCTIONS_GZIP_BUDGET);
    expect(js.toString()).not.toMatch(/core-js|regeneratorRuntime/);
    expect(js.toString()).toContain("CustomFunctions.associate(");
  });

  it("ships no source map and no source contents: a hosted add-in is readable by anyone who loads it", () => {
    const files = fs.readdirSync(out, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    for (const f of files.filter((x) => x.endsWith(".js"))) {
      const js = fs.readFileSync(path.join(out, f), "utf8");
      expect({ f, mapped: js.includes("sourceMappingURL") }).toEqual({ f, mapped: false });
      // No TypeScript source text: a sentence of one of our doc comments does not appear in the bundles.
      expect({ f, sources: js.includes("The one way a message reaches a person") }).toEqual({ f, sources: false });
    }
  });
});

describe("ADDIN_URL rules", () => {
  it("stops the build for a non-https ADDIN_URL, with a clear message", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "token-planner-build-"));
    try {
      const result = webpack({ ADDIN_URL: "http://contoso.example/tokens/", OUTPUT_DIR: out });
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}\n${result.stderr}`).toContain("ADDIN_URL must use https://");
      expect(fs.existsSync(path.join(out, "manifest.xml"))).toBe(false);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it.each([
    ["https://addin.example.com", "https://addin.example.com/"],
    ["https://addin.example.com/", "https://addin.example.com/"],
    ["https://addin.example.com/a/b", "https://addin.example.com/a/b/"],
    [" https://ADDIN.example.com:8443/x/ ", "https://addin.example.com:8443/x/"],
  ])("normalises %j to %j", (input, expected) => {
    expect(webpackConfig.normaliseAddinUrl(input)).toBe(expected);
  });

  it("treats unset or empty as no rewrite", () => {
    expect(webpackConfig.normaliseAddinUrl(undefined)).toBeUndefined();
    expect(webpackConfig.normaliseAddinUrl("")).toBeUndefined();
  });

  it.each(["http://addin.example.com/", "ftp://addin.example.com/", "addin.example.com", "https://a.example/?q=1", "https://a.example/#x", "https://u:p@a.example/"])(
    "rejects %j",
    (input) => {
      expect(() => webpackConfig.normaliseAddinUrl(input)).toThrow(/ADDIN_URL/);
    },
  );
});
