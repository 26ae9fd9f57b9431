/**
 * The help page of the custom functions (help/functions.html, one anchor per function), the page
 * Excel's Insert Function dialog opens from "Help on this function" through each function's
 * `@helpurl`. Generated at build time (webpack.config.js, scripts/help-page-plugin.js) from the
 * functions' table (src/functions/function-table.ts) through the same generated JSDoc as
 * functions.json: the metadata gives the syntax, description and arguments; the `@example` tags give
 * the examples, whose results are computed here by calling the functions themselves.
 * Never hand-edited, never committed.
 *
 *   npx tsx scripts/function-help.ts dir/     writes dir/functions.html and dir/help.css
 *
 * test/functions/function-help.test.ts compares the page with the metadata.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { resolve } from "path";
import * as ts from "typescript";
import { generateCustomFunctionsMetadata, type IFunction } from "custom-functions-metadata";
import { CARDS } from "../src/core/cards";
import { installStub } from "./custom-functions-stand-in";
import { FUNCTIONS_SOURCE, NAMESPACE, syntaxOf } from "./function-reference";
import { writeWrappers } from "./function-wrappers";

export { DEV_BASE_URL, HELP_PAGE, helpUrlOf } from "./function-wrappers";
export const HELP_CSS = "help/help.css";

/** An argument of an example formula, as Excel passes it: null for an omitted one, a 2D array for {..;..}. */
export type ExampleArg = number | string | boolean | null | (number | string | boolean)[][];

export interface Example {
  readonly formula: string;
  /** The result, as it reads in a cell ("294", "AMBER", "#DIV/0!: ..."). */
  readonly result: string;
}

export interface FunctionHelp {
  readonly fn: IFunction;
  readonly examples: readonly Example[];
}

/** The `@example` formulas of every @customfunction in the source, by function id. */
export function readExamples(source = FUNCTIONS_SOURCE, text?: string): Map<string, string[]> {
  if (text === undefined && source === FUNCTIONS_SOURCE) writeWrappers();
  const file = ts.createSourceFile(source, text ?? readFileSync(source, "utf8"), ts.ScriptTarget.Latest, true);
  const out = new Map<string, string[]>();
  const tagText = (t: ts.JSDocTag): string => (typeof t.comment === "string" ? t.comment : (ts.getTextOfJSDocComment(t.comment) ?? "")).trim();
  file.forEachChild((node) => {
    if (!ts.isFunctionDeclaration(node)) return;
    const tags = ts.getJSDocTags(node);
    const id = tags.find((t) => t.tagName.text === "customfunction");
    if (!id) return;
    out.set(tagText(id).toUpperCase(), tags.filter((t) => t.tagName.text === "example").map(tagText));
  });
  return out;
}

/** Splits on commas outside quotes and braces. */
function splitTopLevel(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "{") depth++;
    else if (!quoted && ch === "}") depth--;
    else if (!quoted && depth === 0 && ch === sep) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function scalar(raw: string, formula: string): number | string | boolean {
  const t = raw.trim();
  if (/^".*"$/s.test(t)) return t.slice(1, -1).replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
  const n = Number(t);
  if (t !== "" && Number.isFinite(n)) return n;
  throw new Error(`${formula}: cannot read the argument ${JSON.stringify(raw)} (numbers, "text", TRUE/FALSE and {1;2} only).`);
}

/** Reads `=TOKENS.NAME(arg, ...)` into the function's name and its arguments as Excel passes them. */
export function parseExample(formula: string): { name: string; args: ExampleArg[] } {
  const m = new RegExp(`^=${NAMESPACE}\\.([A-Z]+)\\((.*)\\)$`, "s").exec(formula.trim());
  if (!m) throw new Error(`An @example must read =${NAMESPACE}.NAME(...), got ${JSON.stringify(formula)}.`);
  const inner = m[2].trim();
  const args: ExampleArg[] =
    inner === ""
      ? []
      : splitTopLevel(inner, ",").map((a) => {
          const t = a.trim();
          if (t === "") return null;
          if (t.startsWith("{") && t.endsWith("}")) {
            return t
              .slice(1, -1)
              .split(";")
              .map((row) => splitTopLevel(row, ",").map((c) => scalar(c, formula)));
          }
          return scalar(t, formula);
        });
  return { name: m[1], args };
}

/**
 * The generated functions module (what Excel calls), loaded with a CustomFunctions global like the
 * runtime's so that its error values can be built outside Excel.
 */
function loadFunctions(): Record<string, unknown> {
  installStub();
  // Loaded after the global exists: the module reads it when a function runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(writeWrappers()) as Record<string, unknown>;
}

const numberText = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 6 });

/** How a function's return value reads in a cell. */
export function describeResult(value: unknown): string {
  if (value instanceof Error) {
    const code = (value as { code?: string }).code ?? "#VALUE!";
    return value.message ? `${code} (${value.message})` : code;
  }
  if (typeof value === "number") return numberText(value);
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (Array.isArray(value)) {
    const rows = value as unknown[][];
    if (rows.length === 1 && rows[0].length === 1) return describeResult(rows[0][0]);
    return `a table of ${rows.length} rows and ${rows[0]?.length ?? 0} columns that spills; its header row: ${rows[0].map(String).join(", ")}`;
  }
  return String(value);
}

/** Every function's metadata with its examples, each example's result computed by calling the function. */
export async function collectHelp(source = FUNCTIONS_SOURCE): Promise<FunctionHelp[]> {
  if (source === FUNCTIONS_SOURCE) writeWrappers();
  const generated = await generateCustomFunctionsMetadata(source);
  if (generated.errors.length > 0) throw new Error(`custom-functions-metadata reports errors:\n${generated.errors.join("\n")}`);
  const functions = (JSON.parse(generated.metadataJson) as { functions: IFunction[] }).functions;
  const exportName = new Map(generated.associate.map((a) => [a.id, a.functionName]));
  const examples = readExamples(source);
  const module = loadFunctions();
  return functions.map((fn) => {
    const formulas = examples.get(fn.id) ?? [];
    if (formulas.length === 0) throw new Error(`${fn.id} has no @example in ${source}: every function shows at least one.`);
    const impl = module[exportName.get(fn.id) ?? ""];
    if (typeof impl !== "function") throw new Error(`${fn.id}: no exported function ${exportName.get(fn.id)} to compute its examples.`);
    return {
      fn,
      examples: formulas.map((formula) => {
        const { name, args } = parseExample(formula);
        if (name !== fn.name) throw new Error(`${fn.id}: the example ${formula} calls ${name}.`);
        return { formula, result: describeResult((impl as (...a: unknown[]) => unknown)(...args)) };
      }),
    };
  });
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** What each error value means, for every function (the README's reference says the same). */
const ERRORS: readonly [string, string][] = [
  [
    "#VALUE!",
    'text that is not a number (including "1,000" with a thousands separator), an unknown keyword, a ragged or empty range, month counts that do not match. The cell\'s error indicator says which.',
  ],
  ["#NUM!", "a negative, NaN or infinite number, or a result too large to show."],
  [
    "#N/A",
    "an unknown rate card or feature, a feature the chosen card does not price, a currency the card has no price for. The cell's error indicator says which.",
  ],
  ["#DIV/0!", "UTILIZATION with no allocation, PROJECT with no days elapsed."],
  ["any error passed in", "comes back out unchanged."],
];

function renderFunction({ fn, examples }: FunctionHelp): string {
  const params =
    fn.parameters.length === 0
      ? "<p>No arguments.</p>"
      : [
          "<table><thead><tr><th>Argument</th><th></th><th>What it is</th></tr></thead><tbody>",
          ...fn.parameters.map(
            (p) => `<tr><td><code>${esc(p.name)}</code></td><td>${p.optional ? "optional" : "required"}</td><td>${esc(p.description ?? "")}</td></tr>`,
          ),
          "</tbody></table>",
        ].join("\n");
  const rows = examples.map((e) => `<tr><td><code>${esc(e.formula)}</code></td><td>${esc(e.result)}</td></tr>`);
  return [
    `<section id="${esc(fn.id)}" aria-labelledby="${esc(fn.id)}-title">`,
    `<h2 id="${esc(fn.id)}-title">${NAMESPACE}.${esc(fn.name)}</h2>`,
    `<p>${esc(fn.description ?? "")}</p>`,
    `<h3>Syntax</h3>`,
    `<p><code class="syntax">${esc(syntaxOf(fn))}</code></p>`,
    `<h3>Arguments</h3>`,
    params,
    `<h3>Examples</h3>`,
    `<table><thead><tr><th>Formula</th><th>Result</th></tr></thead><tbody>`,
    ...rows,
    `</tbody></table>`,
    `<p class="back"><a href="#top">All functions</a> &middot; <a href="#errors">Errors</a> &middot; <a href="#sources">Rate card sources</a></p>`,
    `</section>`,
  ].join("\n");
}

function renderSources(): string {
  const cards = CARDS.map(({ card }) => {
    const sources = [...new Set([card.source, card.allocation.source, card.pricing.source, ...card.features.map((f) => f.source)])];
    return [
      `<h3><code>"${esc(card.id)}"</code>: ${esc(card.name)} (${esc(card.date)})</h3>`,
      `<p>${esc(card.description)}</p>`,
      "<ul>",
      ...sources.map((s) => `<li>${esc(s)}</li>`),
      "</ul>",
    ].join("\n");
  });
  return [
    `<section id="sources" aria-labelledby="sources-title">`,
    `<h2 id="sources-title">Rate card sources</h2>`,
    `<p>The functions price with one of these cards (the <code>card</code> argument; the first is the default). <code>=${NAMESPACE}.RATES(card)</code> spills a card with the source and confidence of each rate.</p>`,
    ...cards,
    `</section>`,
  ].join("\n");
}

/** The whole page. */
export function renderHelpPage(help: readonly FunctionHelp[]): string {
  const index = help.map(
    ({ fn }) => `<li><a href="#${esc(fn.id)}">${NAMESPACE}.${esc(fn.name)}</a>: ${esc((fn.description ?? "").split(/(?<=\.)\s/)[0])}</li>`,
  );
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">`,
    `<title>${NAMESPACE} functions: AI Token Planner help</title>`,
    '<link rel="stylesheet" href="help.css">',
    "</head>",
    '<body id="top">',
    "<header>",
    `<h1>AI Token Planner: the ${NAMESPACE} functions</h1>`,
    `<p>Type <code>=${NAMESPACE}.</code> in a cell to use them. Arguments in [brackets] are optional: leave one out, or leave its cell blank, to get its default. Every result on this page was computed by the functions themselves when the add-in was built.</p>`,
    "</header>",
    "<main>",
    `<nav aria-label="Functions"><ul>`,
    ...index,
    `<li><a href="#errors">Errors</a></li>`,
    `<li><a href="#sources">Rate card sources</a></li>`,
    "</ul></nav>",
    ...help.map(renderFunction),
    `<section id="errors" aria-labelledby="errors-title">`,
    `<h2 id="errors-title">Errors</h2>`,
    "<dl>",
    ...ERRORS.map(([code, what]) => `<dt>${esc(code)}</dt><dd>${esc(what)}</dd>`),
    "</dl>",
    "</section>",
    renderSources(),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The page's stylesheet: readable in light, dark and high-contrast settings (no script, no inline style). */
export const HELP_STYLESHEET = `:root { color-scheme: light dark; --fg: #242424; --bg: #ffffff; --muted: #616161; --line: #d1d1d1; --code-bg: #f5f5f5; --link: #0f6cbd; }
@media (prefers-color-scheme: dark) { :root { --fg: #ffffff; --bg: #1f1f1f; --muted: #d6d6d6; --line: #666666; --code-bg: #2e2e2e; --link: #479ef5; } }
body { font: 14px/1.5 "Segoe UI", system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; padding: 16px; max-width: 60rem; }
a { color: var(--link); }
code { font-family: Consolas, "Cascadia Mono", monospace; background: var(--code-bg); padding: 0 2px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
section { border-top: 1px solid var(--line); margin-top: 24px; }
.back { color: var(--muted); font-size: 12px; }
@media (forced-colors: active) { code { background: Canvas; } th, td, section { border-color: CanvasText; } }
`;

/** Writes the page and its stylesheet into `dir`. */
export async function writeHelp(dir: string): Promise<void> {
  const html = renderHelpPage(await collectHelp());
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, "functions.html"), html);
  writeFileSync(resolve(dir, "help.css"), HELP_STYLESHEET);
}

if (process.argv[1] && /function-help\.[jt]s$/.test(process.argv[1])) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: tsx scripts/function-help.ts <output folder>");
    process.exitCode = 2;
  } else {
    writeHelp(dir).catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    });
  }
}
