/**
 * Plan files and the registries behind --preset and --sheets: the schema file is the generated
 * one, the documented examples are valid, presets survive a trip through a plan file, defaults and
 * prices follow the card, every problem names its field.
 */
import Ajv2020 from "ajv/dist/2020";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CALCULATOR_PRESETS, CARD_IDS } from "../../src/core";
import { parseArgs, UsageError } from "../../src/cli/args";
import { schemaText, SCHEMA_FILE } from "../../src/cli/generate-schema";
import { parsePlan, planFromJson, planToJson, type Plan, type PlanProblem } from "../../src/cli/plan";
import { PLAN_SCHEMA } from "../../src/cli/plan-schema";
import { buildSheets, findPlanPreset, LookupError, PLAN_PRESETS, resolveSheetKinds, SHEET_KINDS } from "../../src/cli/sheet-kinds";
import { ROOT } from "./run-cli";

const planOf = (x: Plan | PlanProblem[]): Plan => {
  if (Array.isArray(x)) throw new Error(JSON.stringify(x));
  return x;
};

describe("the schema", () => {
  test(`${SCHEMA_FILE} is the one generated from the core (npx tsx src/cli/generate-schema.ts)`, () => {
    expect(readFileSync(join(ROOT, SCHEMA_FILE), "utf8")).toBe(schemaText());
  });

  test("is a valid draft 2020-12 schema, and every JSON example in docs/plan-format.md is a valid plan", () => {
    const validate = new Ajv2020({ strict: true }).compile(PLAN_SCHEMA);
    const doc = readFileSync(join(ROOT, "docs/plan-format.md"), "utf8");
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const e of examples) {
      expect(validate(e)).toBe(true);
      planOf(planFromJson(e));
    }
  });

  test("lists exactly the core's cards", () => {
    expect(PLAN_SCHEMA.properties.card.enum).toEqual(CARD_IDS);
  });
});

describe("plans", () => {
  test.each(CALCULATOR_PRESETS.map((p) => [p.id, p] as const))("preset %s written as a plan and read back is the same profile", (_id, preset) => {
    const json = planToJson(preset.profile);
    expect(planOf(planFromJson(JSON.parse(JSON.stringify(json)))).profile).toEqual(preset.profile);
  });

  test("a minimal plan takes the defaults, and the card's price in its currency", () => {
    const p = planOf(parsePlan('{"version":1,"users":10,"volumes":{"copilot":10}}')).profile;
    expect(p).toMatchObject({ name: "Token plan", card: "study-notes", licence: "named", workingDays: 20, currency: "USD", pricePerToken: 1, rounding: "line", level: "mid" });
    expect(p.volumes.voicebot).toBe(0);
    const eur = planOf(planFromJson({ version: 1, users: 10, volumes: {}, card: "genesys-published", currency: "EUR" })).profile;
    expect(eur.pricePerToken).toBe(0.8);
  });

  test("a byte-order mark is allowed; every problem names its field", () => {
    planOf(parsePlan('\uFEFF{"version":1,"users":1,"volumes":{}}'));
    expect(parsePlan('{"version":1,"users":-1,"volumes":{"scoring":"many"},"extra":1}')).toEqual([
      { field: "plan.extra", message: expect.stringMatching(/^is not a field of a plan \(known here: \$schema, version, name, card/) },
      { field: "plan.users", message: "must be >= 0" },
      { field: "plan.volumes.scoring", message: "must be a number" },
    ]);
    expect(parsePlan("[1]")).toEqual([{ field: "plan", message: "must be a JSON object" }]);
    expect(parsePlan("{")).toEqual([{ field: "plan", message: expect.stringMatching(/^is not valid JSON: .*\(line 1, column 2\)$/) }]);
  });
});

describe("registries", () => {
  test("presets carry the taskpane's ids; the budget and dashboard ones wait for their sheets", () => {
    expect(PLAN_PRESETS.map((p) => p.id)).toEqual(["small", "mid-market", "enterprise", "growth", "seasonal", "march-2026"]);
    expect(findPlanPreset("Mid-Market").plan.profile.users).toBe(200);
    expect(() => findPlanPreset("growth")).toThrow(LookupError);
  });

  test("every available sheet kind builds for every available preset, with names unique in the workbook", () => {
    const kinds = resolveSheetKinds(SHEET_KINDS.filter((k) => k.build).map((k) => k.id));
    for (const p of PLAN_PRESETS.filter((x) => x.plan)) {
      const models = buildSheets(p.plan!, kinds);
      expect(new Set(models.map((m) => m.name.toLowerCase())).size).toBe(models.length);
    }
    expect(resolveSheetKinds(["calculator", " Calculator", ""]).map((k) => k.id)).toEqual(["calculator"]);
    expect(() => resolveSheetKinds([""])).toThrow("no sheet to write");
  });
});

describe("options", () => {
  test("values after the option or after =, short forms, flags", () => {
    expect(parseArgs(["--preset", "small", "-o", "a.xlsx", "--price=0.85", "-f"])).toMatchObject({ preset: "small", out: "a.xlsx", price: "0.85", force: true });
    expect(parseArgs(["--out", "-dash.xlsx"])).toMatchObject({ out: "-dash.xlsx" });
    expect(() => parseArgs(["--force=yes"])).toThrow(new UsageError("--force takes no value"));
  });
});
