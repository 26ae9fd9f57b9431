/**
 * The command line's options: one table (CLI_OPTIONS) that Node's own parser (util.parseArgs) reads,
 * that the options' type is derived from and that --help lists. A new flag is one entry here (and
 * the code that uses it). Parsing has no side effects; every mistake is a UsageError naming the
 * option, and an unknown option comes with the nearest known one ("did you mean --sheets?").
 */
import { parseArgs as parseNodeArgs } from "node:util";

/** Where --help lists an option. */
export type OptionGroup = "input" | "output" | "overrides" | "program";

interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** The value's placeholder in --help: "<id>". */
  readonly value?: string;
  readonly group: OptionGroup;
  /** What --help says about it: its first line, and any further lines. */
  readonly help: readonly string[];
}

/** Every option, in the order --help lists them. Keys are the long names without "--". */
export const CLI_OPTIONS = {
  preset: { type: "string", value: "<id>", group: "input", help: ["a worked example of the study notes (its sheet kind in parentheses):"] },
  plan: {
    type: "string",
    value: "<file.json>",
    group: "input",
    help: ["a plan file: a profile, with optional sections for the sheets", "(format: docs/plan-format.md, schema: schemas/plan.schema.json)"],
  },
  usage: {
    type: "string",
    value: "<file>",
    group: "input",
    help: [
      "a usage export whose last month fills the dashboard: a Genesys Cloud usage",
      "report (CSV), the billable-usage API report or the subscription overview",
      "(JSON); prints the rows used and why others were skipped",
    ],
  },
  map: {
    type: "string",
    value: "<spec>",
    group: "input",
    help: [
      "the columns of a CSV whose headers are not known, e.g.",
      '"date=Day,feature=Meter,quantity=Tokens used" (keys date or period, feature,',
      "quantity, unit; #3 is the third column); without feature, one total",
    ],
  },
  month: { type: "string", value: "<YYYY-MM>", group: "input", help: ["the month of an export whose rows carry no date, and the month shown"] },
  "allow-skipped": { type: "boolean", group: "input", help: ["write even when AI-token rows of the export could not be read (exit 3 otherwise)"] },
  out: { type: "string", short: "o", value: "<file>", group: "output", help: ["the .xlsx file to write (required)"] },
  force: { type: "boolean", short: "f", group: "output", help: ["replace the file if it exists (it is never replaced otherwise)"] },
  sheets: {
    type: "string",
    value: "<a,b,...>",
    group: "output",
    help: [
      "the sheets to write, in order (default: the preset's own sheet; for a plan",
      "file the calculator and a sheet for each section; --usage adds dashboard):",
    ],
  },
  "print-plan": {
    type: "boolean",
    group: "output",
    help: ["print the plan as JSON instead of writing a workbook (a start for --plan),", "with the sections of the sheets asked for"],
  },
  card: { type: "string", value: "<id>", group: "overrides", help: ["the rate card"] },
  "card-file": {
    type: "string",
    value: "<file>",
    group: "overrides",
    help: ["the organisation's contract card (JSON; schemas/contract-card.schema.json):", "the plan's card, compared with the shipped cards in the summary"],
  },
  "print-card": { type: "string", value: "<id>", group: "overrides", help: ["print a starting contract card copied from a shipped card, to edit"] },
  currency: { type: "string", value: "<code>", group: "overrides", help: ["the currency; the price becomes the card's price in it unless --price is given"] },
  price: { type: "string", value: "<number>", group: "overrides", help: ["your price per extra token, in the currency"] },
  help: { type: "boolean", short: "h", group: "program", help: ["this help"] },
  version: { type: "boolean", short: "v", group: "program", help: ["the version"] },
} as const satisfies Readonly<Record<string, OptionSpec>>;

type OptionName = keyof typeof CLI_OPTIONS;
type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
type StringOption = { [K in OptionName]: (typeof CLI_OPTIONS)[K]["type"] extends "string" ? K : never }[OptionName];
type BooleanOption = Exclude<OptionName, StringOption>;

/** The parsed options: a string option's value when given; a boolean option's presence. */
export type CliOptions = { readonly [K in StringOption as Camel<K>]?: string } & { readonly [K in BooleanOption as Camel<K>]: boolean };

/** A mistake in how the program was called: shown with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const SPECS: Readonly<Record<string, OptionSpec>> = CLI_OPTIONS;

/** Parses argv (without node and the script). Throws UsageError naming the offending option. */
export function parseArgs(argv: readonly string[]): CliOptions {
  // Not strict: the tokens are checked below, so every mistake gets this program's own sentence.
  const { tokens } = parseNodeArgs({ args: [...argv], options: CLI_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const out: Record<string, string | boolean> = {};
  for (const name of Object.keys(SPECS)) if (SPECS[name].type === "boolean") out[camel(name)] = false;
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind === "positional") throw new UsageError(`unexpected argument "${token.value}" (options start with --)`);
    if (token.kind === "option-terminator") throw new UsageError(`unexpected argument "--" (options start with --)`);
    const spec = SPECS[token.name] as OptionSpec | undefined;
    if (!spec) throw new UsageError(`unknown option ${token.rawName}${suggestion(token.rawName)}`);
    const shown = `--${token.name}`;
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${shown} takes no value`);
      out[camel(token.name)] = true;
      continue;
    }
    // A value that is another option ("--preset --out x") means the value was forgotten.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) throw new UsageError(`${token.rawName} needs a value`);
    if (seen.has(token.name)) throw new UsageError(`${shown} is given more than once`);
    seen.add(token.name);
    out[camel(token.name)] = token.value;
  }
  return out as CliOptions;
}

/** " (did you mean --sheets?)" for the known option nearest to a mistyped one; "" when none is near. */
function suggestion(raw: string): string {
  const typed = raw.replace(/^-+/, "").split("=")[0].toLowerCase();
  if (typed === "") return "";
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of Object.keys(SPECS)) {
    const d = editDistance(typed, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  // Near: a typo or two, or a third of the name at most for long names.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(typed.length / 3)) && bestDistance < typed.length ? ` (did you mean --${best}?)` : "";
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The --help lines of a group's options: "  -o, --out <file>     the .xlsx file to write". */
export function optionHelp(group: OptionGroup, extra: Partial<Record<OptionName, readonly string[]>> = {}): string[] {
  const lines: string[] = [];
  for (const [name, spec] of Object.entries(SPECS) as [OptionName, OptionSpec][]) {
    if (spec.group !== group) continue;
    const head = `  ${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    const [first, ...rest] = [...spec.help, ...(extra[name] ?? [])];
    lines.push(`${head.padEnd(22)} ${first}`, ...rest.map((l) => `${"".padEnd(22)} ${l}`));
  }
  return lines;
}
