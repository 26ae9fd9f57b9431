/**
 * Agentic Virtual Agent got its own function, TOKENS.AGENTICVA, from catalogue data only (a
 * `function` in its entry of src/core/feature-catalogue.ts; its rate is the published card's row):
 * functions.json lists it with its help URL and derived help, and the formula an analyst types gives
 * the card's figure.
 */
import { errorCode, ERROR_CODES } from "./custom-functions-stub";
import { F, FUNCTIONS_SOURCE } from "./registry";
import { generateCustomFunctionsMetadata, type IFunction } from "custom-functions-metadata";
import { CARDS, DEFAULT_CARD } from "../../src/core/cards";
import { catalogueEntry } from "../../src/core/feature-catalogue";
import { helpUrlOf, parseExample } from "../../scripts/function-help";

const PUBLISHED = CARDS.find((c) => c.id === "genesys-published")!;

/** Calls a formula as Excel would: the function named in it, with the arguments as Excel passes them. */
function evaluate(formula: string): unknown {
  const { name, args } = parseExample(formula);
  // A card id typed as text reaches a range parameter as a one-cell range.
  const cardAt = name === "CONSUMPTION" ? 3 : 2;
  return F[name.toLowerCase()](...args.map((a, i) => (i === cardAt && typeof a === "string" ? [[a]] : a)));
}

let fn: IFunction | undefined;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE);
  expect(generated.errors).toEqual([]);
  fn = (JSON.parse(generated.metadataJson).functions as IFunction[]).find((f) => f.id === "AGENTICVA");
}, 60_000);

test("the catalogue names the function; the published card prices it at 1.2 tokens an interaction, the study notes do not", () => {
  expect(catalogueEntry("agenticvirtualagent")?.function?.name).toBe("AGENTICVA");
  const row = PUBLISHED.byId.get("agenticvirtualagent");
  expect({ tokens: row?.tokens, per: row?.per, unit: row?.unit }).toEqual({ tokens: 1.2, per: 1, unit: "interaction" });
  expect(DEFAULT_CARD.byId.has("agenticvirtualagent")).toBe(false);
});

test("functions.json has AGENTICVA with its help URL, the cards' rates and the options of every consumption function", () => {
  expect(fn?.helpUrl).toBe(helpUrlOf("AGENTICVA"));
  expect(fn?.description).toContain("genesys-published: 1.2 tokens per interaction");
  expect(fn?.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}`)).toEqual(["interactions", "rounding?", "card?", "level?"]);
  expect(fn?.parameters[0].description).toBe("Agentic Virtual Agent: interactions in the month.");
});

test('=TOKENS.AGENTICVA(1000,,"genesys-published") is 1,200; on the study-notes card it is the #N/A that CONSUMPTION gives', () => {
  expect(evaluate('=TOKENS.AGENTICVA(1000,,"genesys-published")')).toBe(1200);
  expect(evaluate('=TOKENS.AGENTICVA(1000,"exact","genesys-published")')).toBeCloseTo(1200, 9);
  expect(evaluate('=TOKENS.CONSUMPTION("agenticvirtualagent", 1000, , "genesys-published")')).toBe(1200);
  const own = evaluate("=TOKENS.AGENTICVA(1000)");
  expect(errorCode(own)).toBe(ERROR_CODES.notAvailable);
  expect(errorCode(own)).toBe(errorCode(evaluate('=TOKENS.CONSUMPTION("agenticvirtualagent", 1000)')));
});
