/**
 * The functions.json that custom-functions-metadata generates from src/functions/functions.ts:
 * every function present with its id, description and parameter help, optional parameters marked,
 * and registration that matches it exactly. Registration is replayed the way the webpack build
 * does it: custom-functions-metadata-plugin's loader appends one CustomFunctions.associate per
 * @customfunction to the module; the test runs those calls against the module through the stub.
 * A wrapper added without metadata, or metadata without a wrapper, fails here.
 */
import { installed } from "./custom-functions-stub";
import { F, FUNCTIONS_SOURCE } from "./registry";
import { FEATURE_CATALOGUE, type FeatureEntry } from "../../src/core/feature-catalogue";
import { SAMPLES } from "./samples";
import { readFileSync } from "fs";
import { generateCustomFunctionsMetadata, type IFunction, type IGenerateResult } from "custom-functions-metadata";
import { DEFAULT_CARD } from "../../src/core/cards";
import type { FeatureRate } from "../../src/core/ratecard";

/** The functions of the feature catalogue's entries (COPILOT, ..., AGENTICVA): each requires its quantity only. */
const FEATURE_FUNCTIONS = (FEATURE_CATALOGUE as readonly FeatureEntry[]).flatMap((e) => (e.function ? [{ id: e.function.name, feature: e.id }] : []));

/** How many leading parameters each function requires; the rest are optional. */
const REQUIRED: Record<string, number> = {
  ...Object.fromEntries(FEATURE_FUNCTIONS.map((f) => [f.id, 1])),
  CONSUMPTION: 2,
  MONTHLY: 1,
  ALLOCATION: 1,
  OVERAGE: 2,
  COST: 1,
  ANNUALCOST: 2,
  UTILIZATION: 2,
  HEALTH: 2,
  PROJECT: 3,
  BUDGET: 1,
  TOPUP: 2,
  RATES: 0,
};

/** Keyword parameters: text in the metadata; every other parameter is "any", so text and blanks reach the input gate. */
const KEYWORDS = new Set(["feature", "rounding", "level", "model"]);

const moduleFunctions = F as Record<string, unknown>;
const exportedFunctions = Object.keys(moduleFunctions).filter((k) => typeof moduleFunctions[k] === "function");

let generated: IGenerateResult;
let functions: IFunction[];
/** What the plugin's loader appends to functions.ts in the bundle. */
let appended: string;

beforeAll(async () => {
  generated = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE);
  functions = generated.metadataJson ? (JSON.parse(generated.metadataJson).functions as IFunction[]) : [];
  // Replay custom-functions-metadata-plugin's loader exactly as webpack runs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Plugin = require("custom-functions-metadata-plugin") as { generateResults: Record<string, IGenerateResult> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loader = require("custom-functions-metadata-plugin/lib/loader.js") as (this: unknown, source: string) => string;
  Plugin.generateResults[FUNCTIONS_SOURCE] = generated;
  const source = readFileSync(FUNCTIONS_SOURCE, "utf8");
  appended = loader.call({ getOptions: () => ({ input: FUNCTIONS_SOURCE, file: FUNCTIONS_SOURCE }) }, source).slice(source.length);
  delete Plugin.generateResults[FUNCTIONS_SOURCE];
});

test("the generator reports no errors", () => {
  expect(generated.errors).toEqual([]);
  expect(functions.length).toBeGreaterThanOrEqual(21);
});

test("every function has an upper-case id, a name, a description and help for every parameter", () => {
  for (const f of functions) {
    expect(f.id).toMatch(/^[A-Z]+$/);
    expect(f.name).toBe(f.id);
    expect(f.description?.trim().length).toBeGreaterThan(20);
    for (const p of f.parameters) {
      expect({ fn: f.id, param: p.name, described: (p.description ?? "").trim().length > 5 }).toEqual({ fn: f.id, param: p.name, described: true });
    }
  }
});

test("required parameters come first; the optional ones are marked optional", () => {
  expect(Object.keys(REQUIRED).sort()).toEqual(functions.map((f) => f.id).sort());
  for (const f of functions) {
    const flags = f.parameters.map((p) => p.optional === true);
    expect({ fn: f.id, optional: flags }).toEqual({ fn: f.id, optional: flags.map((_, i) => i >= REQUIRED[f.id]) });
  }
});

test("keyword parameters are text; the others are 'any', so the input gate sees text, booleans and blanks; a card is a range", () => {
  for (const f of functions) {
    for (const p of f.parameters) {
      const expected = KEYWORDS.has(p.name) ? "string" : "any";
      expect({ fn: f.id, param: p.name, type: p.type }).toEqual({ fn: f.id, param: p.name, type: expected });
    }
  }
  const ranges = functions.flatMap((f) => f.parameters.filter((p) => p.dimensionality === "matrix").map((p) => `${f.id}.${p.name}`));
  // A card argument is a range (an edited copy of RATES()), or a card's id arriving as a one-cell range.
  const cards = functions.filter((f) => f.parameters.some((p) => p.name === "card")).map((f) => `${f.id}.card`);
  expect(cards.length).toBeGreaterThan(10);
  expect(ranges).toEqual(expect.arrayContaining(["ANNUALCOST.monthlyConsumption", "ANNUALCOST.monthlyAllocation", ...cards]));
  expect(ranges).toHaveLength(2 + cards.length);
  const spills = functions.filter((f) => f.result?.dimensionality === "matrix").map((f) => f.id);
  expect(spills).toEqual(["RATES"]);
});

test("each function's metadata lists exactly the JavaScript function's parameters", () => {
  const byId = Object.fromEntries(generated.associate.map((a) => [a.id, a.functionName]));
  for (const f of functions) {
    const fn = moduleFunctions[byId[f.id]] as (...args: unknown[]) => unknown;
    expect({ fn: f.id, count: fn.length }).toEqual({ fn: f.id, count: f.parameters.length });
  }
});

describe("registration", () => {
  test("loading the module registers nothing itself: the build's plugin appends the associate calls", () => {
    // A second, hand-written CustomFunctions.associate would register every id twice in the bundle.
    expect(installed.associations).toEqual([]);
    const code = readFileSync(FUNCTIONS_SOURCE, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    expect(code).not.toMatch(/CustomFunctions\.associate\s*\(/);
  });

  test("the associate calls the build appends register exactly the metadata's ids, each once, each to an exported function", () => {
    const calls = [...appended.matchAll(/CustomFunctions\.associate\("([^"]+)", ([A-Za-z_$][\w$]*)\);/g)];
    expect(calls.length).toBeGreaterThan(0);
    expect(appended.replace(/\s*CustomFunctions\.associate\("([^"]+)", ([A-Za-z_$][\w$]*)\);/g, "")).toBe("");
    // Run them against the module, as the bundle does, through the stub.
    for (const [, id, name] of calls) installed.associate(id, moduleFunctions[name] as (...args: unknown[]) => unknown);
    const ids = installed.associations.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(functions.map((f) => f.id).sort());
    for (const [id, fn] of installed.associations) expect({ id, isFunction: typeof fn === "function" }).toEqual({ id, isFunction: true });
    installed.associations.length = 0;
  });

  test("every exported function is a custom function (no wrapper without metadata), and each is registered once", () => {
    const registered = generated.associate.map((a) => a.functionName).sort();
    expect(exportedFunctions.sort()).toEqual(registered);
    expect(Object.keys(moduleFunctions).filter((k) => typeof moduleFunctions[k] !== "function")).toEqual([]);
  });

  test("every function has a sample call for the edge-row and bundle tests", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(functions.map((f) => f.id).sort());
  });
});

describe("a catalogue feature's function quotes the cards' rates (its help derives from the cards)", () => {
  const rateText = (f: FeatureRate): string => {
    const t = f.tokens as number;
    const range = f.range ? ` (range ${f.range.low}-${f.range.high})` : "";
    return `${t} token${t === 1 ? "" : "s"} per ${f.per === 1 ? f.unit : `${f.per} ${f.units}`}${range}`;
  };
  test.each(FEATURE_FUNCTIONS)("$id", ({ id, feature }) => {
    const description = functions.find((x) => x.id === id)?.description;
    const f = DEFAULT_CARD.byId.get(feature);
    expect(description).toContain(f ? `Study-notes rate: ${rateText(f)}` : "Study-notes rate: not priced");
  });
  test("the published card's own figures where they differ", () => {
    const description = (id: string) => functions.find((x) => x.id === id)?.description;
    expect(description("COPILOT")).toContain("genesys-published: 40 per named, 60 per concurrent user");
    expect(description("VIRTUALAGENT")).toContain("genesys-published: 0.5 tokens per interaction");
    expect(description("VOICEBOT")).toContain("genesys-published: the same");
    expect(description("AGENTICVA")).toBe(
      "Monthly tokens for Agentic Virtual Agent. Study-notes rate: not priced; genesys-published: 1.2 tokens per interaction.",
    );
  });
});
