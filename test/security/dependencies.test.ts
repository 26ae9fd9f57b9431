/**
 * What ships, and what `npm audit --omit=dev` (.ci/run) therefore audits. The add-in's browser
 * bundles carry ExcelJS's writer (in the chunk the taskpane loads for a download), built from its
 * sources with JSZip and the browser versions of Node's buffer, events and process it needs;
 * the command line's bundle carries ExcelJS, Ajv (plan-file validation) and TypeBox (the plan
 * schema and its types, from one definition); everything else is
 * build and test tooling. So package.json's runtime dependencies are exactly
 * RUNTIME_DEPENDENCIES: an accidental new runtime dependency, or a bundled package left among the
 * dev dependencies (where `npm audit --omit=dev` never looks at it), fails here and becomes a
 * reviewed change. (The audit itself needs the registry, so it runs in .ci/run, not in jest.)
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; dev?: boolean }>;
};

/** The packages the shipped code carries. Adding one is a reviewed change: add it here too. */
const RUNTIME_DEPENDENCIES = ["@sinclair/typebox", "ajv", "buffer", "events", "exceljs", "jszip", "process"];

const runtime = Object.keys(pkg.dependencies ?? {}).sort();
const dev = Object.keys(pkg.devDependencies ?? {}).sort();

describe("package.json's runtime dependencies", () => {
  test(`are exactly ${RUNTIME_DEPENDENCIES.join(", ")}: npm audit --omit=dev audits what ships`, () => {
    const missing = RUNTIME_DEPENDENCIES.filter((d) => !runtime.includes(d));
    const extra = runtime.filter((d) => !RUNTIME_DEPENDENCIES.includes(d));
    const problems = [
      ...missing.map(
        (d) =>
          `${d} ships in the add-in but is ${dev.includes(d) ? "a dev dependency" : "not a dependency"}, so \`npm audit --omit=dev\` never audits it: \`npm install --save-prod ${d}\` moves it.`,
      ),
      ...extra.map(
        (d) => `${d} is a new runtime dependency: if it really ships, add it to RUNTIME_DEPENDENCIES (a reviewed change); else make it a dev dependency.`,
      ),
    ];
    expect(problems).toEqual([]);
  });

  test("no package is both a runtime and a dev dependency", () => {
    expect(runtime.filter((d) => dev.includes(d))).toEqual([]);
  });

  test("package-lock.json agrees (npm ci installs the runtime dependencies with --omit=dev)", () => {
    const root = lock.packages[""];
    expect(Object.keys(root.dependencies ?? {}).sort()).toEqual(runtime);
    for (const d of runtime) expect({ d, dev: lock.packages[`node_modules/${d}`]?.dev ?? false }).toEqual({ d, dev: false });
  });
});

/** The third-party packages in the built browser bundles, from their source maps (skipped without a build). */
function bundledPackages(): string[] | undefined {
  const dist = path.join(ROOT, "dist");
  try {
    const maps = fs.readdirSync(dist).filter((f) => f.endsWith(".js.map"));
    if (maps.length === 0) return undefined;
    const found = new Set<string>();
    for (const f of maps) {
      const { sources } = JSON.parse(fs.readFileSync(path.join(dist, f), "utf8")) as { sources: string[] };
      for (const s of sources) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s);
        if (m) found.add(m[1]);
      }
    }
    return [...found].sort();
  } catch {
    return undefined;
  }
}

const bundled = bundledPackages();
(bundled ? test : test.skip)("every third-party package of the built add-in is a runtime dependency", () => {
  const unaudited = bundled!
    .filter((p) => !runtime.includes(p))
    .map((p) => `${p} is bundled into dist/ but is not a runtime dependency: npm audit --omit=dev does not audit it.`);
  expect(unaudited).toEqual([]);
});
