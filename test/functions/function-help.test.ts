/**
 * The functions' help page (help/functions.html, generated at build time by scripts/function-help.ts):
 * every function in the metadata carries a help URL to its anchor, and the page shows every function
 * and every argument of the metadata, with examples whose results the functions computed.
 */
import "./custom-functions-stub";
import type { IFunction } from "custom-functions-metadata";
import { collectHelp, describeResult, helpUrlOf, parseExample, readExamples, renderHelpPage, type FunctionHelp } from "../../scripts/function-help";
import { loadMetadata, syntaxOf } from "../../scripts/function-reference";
import { CARDS } from "../../src/core/cards";

let functions: IFunction[];
let help: FunctionHelp[];
let page: string;

/** The page's text with tags removed and entities decoded, so a test can look for what a reader sees. */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** One function's section of the page. */
function sectionOf(id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`the help page has no section for ${id}`);
  return page.slice(start, page.indexOf("</section>", start));
}

beforeAll(async () => {
  functions = await loadMetadata();
  help = await collectHelp();
  page = renderHelpPage(help);
}, 60_000);

test("every function of functions.json has a help URL pointing at its own anchor of the help page", () => {
  expect(functions.length).toBeGreaterThan(20);
  for (const f of functions) expect(f.helpUrl).toBe(helpUrlOf(f.id));
});

test("the help page has a section for every function of the metadata, and no other", () => {
  const ids = [...page.matchAll(/<section id="([A-Z]+)"/g)].map((m) => m[1]);
  expect(ids).toEqual(functions.map((f) => f.id));
});

test("each section shows the syntax, the description and every argument with its help", () => {
  for (const f of functions) {
    const section = textOf(sectionOf(f.id));
    expect(section).toContain(syntaxOf(f));
    expect(section).toContain(textOf(f.description ?? ""));
    for (const p of f.parameters) {
      expect(section).toContain(`${p.name} ${p.optional ? "optional" : "required"} ${textOf(p.description ?? "")}`);
    }
  }
});

test("every function shows examples, with results computed by the function itself", () => {
  for (const h of help) expect(h.examples.length).toBeGreaterThan(0);
  const result = (formula: string): string | undefined => help.flatMap((h) => h.examples).find((e) => e.formula === formula)?.result;
  // The notes' figures and the functions' errors, as a reader of the page sees them.
  expect(result("=TOKENS.VOICEBOT(5000)")).toBe("294");
  expect(result("=TOKENS.ALLOCATION(200)")).toBe("50,000");
  expect(result("=TOKENS.UTILIZATION(19810, 50000)")).toBe("0.3962");
  expect(result("=TOKENS.HEALTH(45000, 50000)")).toBe('"AMBER"');
  expect(result("=TOKENS.ANNUALCOST({40000;20000;40000}, 30000)")).toBe("20,000");
  expect(result("=TOKENS.UTILIZATION(100, 0)")).toMatch(/^#DIV\/0! \(.+\)$/);
  expect(result("=TOKENS.MONTHLY(-5)")).toMatch(/^#NUM! /);
  expect(result("=TOKENS.RATES()")).toMatch(new RegExp(`^a table of ${1 + CARDS[0].card.features.length} rows`));
  expect(textOf(sectionOf("VOICEBOT"))).toContain("=TOKENS.VOICEBOT(5000) 294");
});

test("the page names the errors and the source of every rate card", () => {
  const text = textOf(page);
  for (const code of ["#VALUE!", "#NUM!", "#N/A", "#DIV/0!"]) expect(text).toContain(code);
  for (const { card } of CARDS) {
    expect(text).toContain(card.name);
    expect(text).toContain(card.source);
    for (const f of card.features) expect(text).toContain(f.source);
  }
});

test("the page loads nothing but its own stylesheet (no script, no inline style)", () => {
  expect(page).not.toMatch(/<script|<[^>]*\s(style|on[a-z]+)=/i);
  expect(page).toContain('<link rel="stylesheet" href="help.css">');
});

test("examples are read from the JSDoc and parsed as Excel passes arguments", () => {
  const src = `/**\n * x\n * @customfunction FOO\n * @example =TOKENS.FOO(1, , "a""b", TRUE, {1;2})\n */\nexport function foo() {}\n`;
  expect(readExamples("x.ts", src).get("FOO")).toEqual(['=TOKENS.FOO(1, , "a""b", TRUE, {1;2})']);
  expect(parseExample('=TOKENS.FOO(1, , "a""b", TRUE, {1;2})')).toEqual({ name: "FOO", args: [1, null, 'a"b', true, [[1], [2]]] });
  expect(parseExample("=TOKENS.RATES()")).toEqual({ name: "RATES", args: [] });
  expect(() => parseExample("=SUM(1)")).toThrow(/must read/);
  expect(() => parseExample("=TOKENS.FOO(A1)")).toThrow(/cannot read the argument/);
  expect(describeResult([["only"]])).toBe('"only"');
});
