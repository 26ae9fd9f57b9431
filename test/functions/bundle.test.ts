/**
 * The built bundle, as Excel loads it: dist/functions.js runs in a fresh vm context with a stub
 * CustomFunctions, must register exactly the ids of dist/functions.json (each once), and each
 * function, called through what it registered, gives its sample result. CI runs `npm run build`
 * before `npm test`, so there a missing bundle fails; locally the test skips with a warning.
 */
import { errorCode, ERROR_CODES, makeStub, StubCustomFunctionError, messageOf } from "./custom-functions-stub";
import { FUNCTIONS_SOURCE } from "./registry";
import { SAMPLES, sampleResultOf } from "./samples";
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { createContext, runInContext } from "vm";
import { gzipSync } from "zlib";
import { generateCustomFunctionsMetadata, type IFunction } from "custom-functions-metadata";

const DIST = resolve(__dirname, "../../dist");
const BUNDLE = resolve(DIST, "functions.js");
const METADATA = resolve(DIST, "functions.json");
const BUNDLE_GZIP_BUDGET = 15 * 1024;
const inCI = Boolean(process.env.CI);
const built = existsSync(BUNDLE) && existsSync(METADATA);

if (!built && !inCI) {
  console.warn("test/functions/bundle.test.ts: dist/functions.js or dist/functions.json is missing; run `npm run build` to test the bundle.");
}

(built || inCI ? describe : describe.skip)("the built functions bundle (dist/functions.js)", () => {
  const stub = makeStub();
  let metadataIds: string[] = [];

  beforeAll(() => {
    if (!built) throw new Error("dist/functions.js and dist/functions.json must be built before the tests: run `npm run build`.");
    metadataIds = (JSON.parse(readFileSync(METADATA, "utf8")).functions as IFunction[]).map((f) => f.id);
    // The page's own globals the bundle's webpack runtime reads when it starts (where its chunks are).
    const context = createContext({ CustomFunctions: stub, self: { location: { href: "https://localhost:3000/taskpane.html" } } });
    runInContext(readFileSync(BUNDLE, "utf8"), context, { filename: BUNDLE });
  });

  const registered = () => Object.fromEntries(stub.associations) as Record<string, (...args: unknown[]) => unknown>;

  test("registers exactly the ids of functions.json, each once", () => {
    const ids = stub.associations.map(([id]) => id);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual([...metadataIds].sort());
  });

  test("functions.json is the metadata of the current sources (rebuild if not)", async () => {
    const fresh = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE);
    const current = JSON.parse(fresh.metadataJson) as { functions: IFunction[] };
    const builtMetadata = JSON.parse(readFileSync(METADATA, "utf8")) as { functions: IFunction[] };
    if (!inCI && JSON.stringify(builtMetadata) !== JSON.stringify(current)) {
      console.warn("dist/functions.json is older than the functions' table: run `npm run build` (checked strictly in CI).");
      return;
    }
    expect(builtMetadata).toEqual(current);
  });

  test.each(Object.keys(SAMPLES))("%s, called through what the bundle registered, gives its sample result", (id) => {
    const fn = registered()[id];
    expect(typeof fn).toBe("function");
    const s = SAMPLES[id];
    const r = sampleResultOf(id, fn(...s.args));
    if (typeof s.result === "number" && typeof r === "number") expect(r).toBeCloseTo(s.result, 9);
    else expect(r).toEqual(s.result);
  });

  test("VOICEBOT(5000) is 294, and bad input comes back as the runtime's error values", () => {
    const f = registered();
    expect(f.VOICEBOT(5000)).toBe(294);
    expect(f.CONSUMPTION("virtualagent", 1000, "line", "genesys-published")).toBe(500);
    expect(f.ALLOCATION(50, "named", "genesys-published")).toBe(250);
    // A feature's own function from catalogue data alone: Agentic Virtual Agent on the published card.
    expect(f.AGENTICVA(1000, null, [["genesys-published"]])).toBe(1200);
    expect(errorCode(f.AGENTICVA(1000))).toBe(ERROR_CODES.notAvailable);
    const bad = f.VOICEBOT("abc");
    expect(bad).toBeInstanceOf(StubCustomFunctionError);
    expect(errorCode(bad)).toBe(ERROR_CODES.invalidValue);
    expect(messageOf(bad)).toBe('Minutes must be a number, got the text "abc".');
    expect(errorCode(f.CONSUMPTION("bogus", 1))).toBe(ERROR_CODES.notAvailable);
    expect(errorCode(f.UTILIZATION(1, 0))).toBe(ERROR_CODES.divisionByZero);
    expect(errorCode(f.VOICEBOT(-1))).toBe(ERROR_CODES.invalidNumber);
  });

  test(`is under ${BUNDLE_GZIP_BUDGET / 1024} KB gzipped`, () => {
    expect(gzipSync(readFileSync(BUNDLE), { level: 9 }).length).toBeLessThan(BUNDLE_GZIP_BUDGET);
  });
});
