/**
 * The command line: builds the sheets of a preset or a plan file and writes them to an .xlsx
 * workbook. `run` does everything but exiting, so tests can call it; src/cli/main.ts is the program.
 *
 *   ai-token-planner --preset mid-market --out budget.xlsx
 *   ai-token-planner --plan plan.json --sheets calculator --currency EUR --out budget.xlsx
 *
 * Exit codes: 0 written; 1 the file could not be written (it exists, the folder is missing or not
 * writable, the disk is full) or an internal error; 2 a mistake in the command or the plan.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { CARD_IDS, CURRENCY_CODES, estimate, formatMoney, formatTokens, getCard, InputError, isCurrencyCode, type CurrencyCode } from "../core";
import { writeWorkbook } from "../xlsx/write-workbook";
import { parseArgs, UsageError, type CliOptions } from "./args";
import { checkTarget, OutputError, writeFileAtomic } from "./output";
import { cardPrice, parseJsonText, planFromJson, PlanSyntaxError, planToJson, type Plan, type PlanJson, type PlanProblem } from "./plan";
import { availablePresets, availableSheetKinds, buildSheets, findPlanPreset, LookupError, resolveSheetKinds } from "./sheet-kinds";
import packageJson from "../../package.json";

export const PROGRAM = "ai-token-planner";
const PACKAGE_VERSION: string = packageJson.version;
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The largest plan file read: a plan is a few hundred bytes. */
export const MAX_PLAN_BYTES = 1024 * 1024;
/** Problems listed in the one-line message about a plan. */
const MAX_PROBLEMS_SHOWN = 5;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The folder relative paths are read from and written to. */
  readonly cwd: string;
}

/** A problem with the input (preset, plan file, options): exit code 2, message as is. */
class InputProblem extends Error {
  override readonly name = "InputProblem";
}

/** Runs the command line; resolves to the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      io.stdout(helpText());
      return EXIT.ok;
    }
    if (opts.version) {
      io.stdout(`${PROGRAM} ${PACKAGE_VERSION}\n`);
      return EXIT.ok;
    }
    const { plan, sheets } = await loadPlan(opts, io.cwd);
    if (opts.printPlan) {
      io.stdout(`${JSON.stringify(planToJson(plan.profile), null, 2)}\n`);
      return EXIT.ok;
    }
    const kinds = resolveSheetKinds(opts.sheets !== undefined ? opts.sheets.split(",") : sheets);
    if (opts.out === undefined) throw new UsageError("--out is required: the .xlsx file to write, e.g. --out budget.xlsx");
    if (!/\.xlsx$/i.test(opts.out.trim())) throw new UsageError(`--out must name an .xlsx file, got "${printable(opts.out)}"`);
    const target = resolve(io.cwd, opts.out);
    await checkTarget(target, opts.force);
    const models = buildSheets(plan, kinds);
    const bytes = await writeWorkbook(models);
    await writeFileAtomic(target, bytes, opts.force);
    io.stdout(summary(opts.out, models.map((m) => m.name), bytes.length, plan));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${e.message} (see ${PROGRAM} --help)\n`);
      return EXIT.usage;
    }
    if (e instanceof InputProblem || e instanceof LookupError) {
      io.stderr(`${PROGRAM}: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof OutputError) {
      io.stderr(`${PROGRAM}: ${e.message}\n`);
      return EXIT.failure;
    }
    io.stderr(`${PROGRAM}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failure;
  }
}

/** The plan of --preset or --plan with --card, --currency and --price applied, and the default sheets. */
async function loadPlan(opts: CliOptions, cwd: string): Promise<{ plan: Plan; sheets: readonly string[] }> {
  if (opts.preset !== undefined && opts.plan !== undefined) throw new UsageError("give --preset or --plan, not both");
  if (opts.preset === undefined && opts.plan === undefined) throw new UsageError("give --preset <id> or --plan <file.json>");

  let json: unknown;
  let source: string;
  let sheets: readonly string[] = ["calculator"];
  if (opts.preset !== undefined) {
    const preset = findPlanPreset(opts.preset);
    json = planToJson(preset.plan.profile);
    sheets = preset.sheets;
    source = `preset "${preset.id}"`;
  } else {
    source = printable(opts.plan!);
    json = parseJson(await readPlanFile(resolve(cwd, opts.plan!), source), source);
  }

  if (typeof json === "object" && json !== null && !Array.isArray(json)) json = applyOverrides(json as PlanJson, opts);
  const plan = planFromJson(json);
  if (Array.isArray(plan)) throw new InputProblem(`${source}: ${problemsText(plan)}`);
  return { plan, sheets };
}

/** --card, --currency and --price over the plan's own fields. --currency re-prices the plan at the card's price unless --price is given. */
function applyOverrides(json: PlanJson, opts: CliOptions): PlanJson {
  const out: PlanJson = { ...json };
  if (opts.card !== undefined) {
    const card = getCard(opts.card);
    if (card instanceof InputError || opts.card.trim() === "") throw new UsageError(`--card: unknown rate card "${printable(opts.card)}"; known: ${CARD_IDS.join(", ")}`);
    out.card = card.id;
  }
  if (opts.currency !== undefined) {
    const code = opts.currency.trim().toUpperCase();
    if (!isCurrencyCode(code)) throw new UsageError(`--currency: unknown currency "${printable(opts.currency)}"; known: ${CURRENCY_CODES.join(", ")}`);
    out.currency = code;
    delete out.pricePerToken;
  }
  if (opts.price !== undefined) {
    const text = opts.price.trim();
    const price = Number(text);
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text) || !Number.isFinite(price)) {
      throw new UsageError(`--price must be a number of 0 or more, such as 0.85, got "${printable(opts.price)}"`);
    }
    out.pricePerToken = price;
  }
  if (opts.currency !== undefined && opts.price === undefined) {
    const card = getCard(typeof out.card === "string" ? out.card : undefined);
    if (!(card instanceof InputError) && cardPrice(card, out.currency as CurrencyCode) === undefined) {
      throw new UsageError(`--currency ${out.currency}: the ${card.card.name} card publishes no price in ${out.currency}; give your price with --price`);
    }
  }
  return out;
}

async function readPlanFile(path: string, shown: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputProblem(`cannot read the plan "${shown}": it is a folder.`);
    if (info.size > MAX_PLAN_BYTES) throw new InputProblem(`cannot read the plan "${shown}": larger than ${MAX_PLAN_BYTES / 1024 / 1024} MB, which no plan is.`);
    return await readFile(path, "utf8");
  } catch (e) {
    if (e instanceof InputProblem) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "no permission to read it" : e instanceof Error ? e.message : String(e);
    throw new InputProblem(`cannot read the plan "${shown}": ${why}.`);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return parseJsonText(text);
  } catch (e) {
    if (e instanceof PlanSyntaxError) throw new InputProblem(`${source} ${e.message}`);
    throw e;
  }
}

function problemsText(problems: readonly PlanProblem[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${p.field}: ${printable(p.message)}`);
  const more = problems.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/** Text from the user, safe to print on a terminal: no control characters or direction overrides. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?");
}

function summary(out: string, sheetNames: readonly string[], size: number, plan: Plan): string {
  const p = plan.profile;
  const card = getCard(p.card);
  if (card instanceof InputError) throw new Error(card.message);
  const est = estimate(p, card);
  if (est instanceof InputError) throw new Error(est.message);
  const money = (x: number) => formatMoney(x, p.currency);
  const rows: [string, string][] = [
    ["Monthly consumption", `${formatTokens(est.total)} tokens`],
    ["Monthly allocation", `${formatTokens(est.allocation)} tokens`],
    ["Monthly overage", `${formatTokens(est.overage)} tokens`],
    ["Annual overage cost", money(est.annualCost)],
    ["Utilisation", est.utilisation === null ? `n/a (no allocation), ${est.health}` : `${(est.utilisation * 100).toFixed(1)}% (${est.health})`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const kb = (size / 1024).toFixed(1);
  return [
    `Wrote ${printable(out)} (${sheetNames.length} sheet${sheetNames.length === 1 ? "" : "s"}: ${sheetNames.map(printable).join(", ")}; ${kb} KB)`,
    `${printable(p.name)}: ${card.card.name} card, ${formatTokens(p.users)} ${p.licence} users, ${money(p.pricePerToken)} per extra token`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    "",
  ].join("\n");
}

export function helpText(): string {
  const presets = availablePresets().map((p) => `      ${p.id.padEnd(12)} ${p.label}`);
  const sheets = availableSheetKinds().map((k) => `      ${k.id.padEnd(12)} ${k.label}`);
  return `${PROGRAM} ${PACKAGE_VERSION}: budget workbooks of Genesys Cloud AI Experience tokens, as .xlsx files.

Usage:
  ${PROGRAM} --preset <id> --out <file.xlsx> [options]
  ${PROGRAM} --plan <plan.json> --out <file.xlsx> [options]

Input (one of):
  --preset <id>        a worked example of the study notes:
${presets.join("\n")}
  --plan <file.json>   a plan file (format: docs/plan-format.md, schema: schemas/plan.schema.json)

Output:
  -o, --out <file>     the .xlsx file to write (required)
  -f, --force          replace the file if it exists (it is never replaced otherwise)
  --sheets <a,b,...>   the sheets to write, in order (default: the preset's sheets, or calculator):
${sheets.join("\n")}
  --print-plan         print the plan as JSON instead of writing a workbook (a start for --plan)

Overrides:
  --card <id>          the rate card: ${CARD_IDS.join(", ")}
  --currency <code>    ${CURRENCY_CODES.join(", ")}; the price becomes the card's price in it unless --price is given
  --price <number>     your price per extra token, in the currency

  -h, --help           this help
  -v, --version        the version

Exit codes: 0 written; 1 the file could not be written; 2 a mistake in the command or the plan.
`;
}
