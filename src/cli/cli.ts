/**
 * The command line: builds the sheets of a preset or a plan file and writes them to an .xlsx
 * workbook. `run` does everything but exiting, so tests can call it; src/cli/main.ts is the program.
 *
 *   ai-token-planner --preset mid-market --out budget.xlsx
 *   ai-token-planner --plan plan.json --sheets calculator --currency EUR --out budget.xlsx
 *   ai-token-planner --preset growth --sheets budget,dashboard --usage report.csv --out review.xlsx
 *
 * Exit codes: 0 written; 1 the file could not be written (it exists, the folder is missing or not
 * writable, the disk is full) or an internal error; 2 a mistake in the command or the plan; 3 AI-token
 * rows of the usage export were skipped (nothing written unless --allow-skipped).
 */
import { dirname, resolve } from "node:path";
import {
  CARD_IDS,
  CARDS,
  compileContract,
  contractComparison,
  contractProblems,
  CONTRACT_CARD_ID,
  startingContract,
  useOwnCard,
  type CompiledCard,
  CURRENCY_CODES,
  formatMoney,
  formatTokens,
  getCard,
  importSummary,
  importUsage,
  InputError,
  isCurrencyCode,
  LIMITS,
  parseColumnMapping,
  quotedText,
  safeMessage,
  type CurrencyCode,
  type UsageImport,
} from "../core";
import { boundText, INPUT_RULES, INVARIANT, readInput } from "../core/input-rules";
import { writeWorkbook } from "../xlsx/write-workbook";
import { optionHelp, parseArgs, UsageError, type CliOptions } from "./args";
import { FileReadError, readBoundedFile } from "./files";
import { checkTarget, OutputError, writeFileAtomic } from "./output";
import { cardPrice, parseJsonText, planFromJson, PlanSyntaxError, planToJson, type Plan, type PlanJson, type PlanProblem } from "../plan/plan-file";
import {
  availablePresets,
  availableSheetKinds,
  buildSheetsFrom,
  defaultSheets,
  findPlanPreset,
  LookupError,
  resolveSheetKinds,
  type SheetKind,
  type SheetKindId,
} from "../plan/workbook";
import { workbookInputs, WorkbookProblem, type WorkbookInputs } from "../plan/inputs";
import packageJson from "../../package.json";

const PROGRAM = "ai-token-planner";
const PACKAGE_VERSION: string = packageJson.version;
const EXIT = { ok: 0, failure: 1, usage: 2, skipped: 3 } as const;

/** The largest plan file read (src/core/limits.ts). */
const MAX_PLAN_BYTES = LIMITS.planFileBytes;
/** Problems listed in the one-line message about a plan. */
const MAX_PROBLEMS_SHOWN = 5;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The folder relative paths are read from and written to. */
  readonly cwd: string;
  /** Today, for the default start of a budget; default: the clock. */
  readonly today?: () => Date;
}

/** A problem with the input (preset, plan file, options): exit code 2, message as is. */
class InputProblem extends Error {
  override readonly name = "InputProblem";
}

/** Runs the command line; resolves to the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // A contract card is made known to the sheet builders for this run only.
  const releases: (() => void)[] = [];
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
    if (opts.printCard !== undefined) {
      const base = CARDS.find((c) => c.id === opts.printCard!.trim().toLowerCase());
      if (!base) throw new UsageError(`--print-card: unknown rate card "${printable(opts.printCard)}"; known: ${CARD_IDS.join(", ")}`);
      io.stdout(
        `${JSON.stringify({ $schema: "https://github.com/ai-token-planner/schemas/contract-card.schema.json", ...startingContract(base) }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    const today = io.today?.() ?? new Date();
    const { plan, sheets, contract } = await loadPlan(opts, io.cwd, today, releases);
    const kinds = resolveSheetKinds(
      opts.sheets !== undefined ? opts.sheets.split(",") : opts.usage !== undefined && !sheets.includes("dashboard") ? [...sheets, "dashboard"] : sheets,
    );
    if (opts.usage !== undefined && !kinds.some((k) => k.id === "dashboard"))
      throw new UsageError("--usage feeds the dashboard sheet: add dashboard to --sheets");
    for (const [flag, given] of [
      ["--map", opts.map],
      ["--month", opts.month],
      ["--allow-skipped", opts.allowSkipped || undefined],
    ] as const) {
      if (given !== undefined && opts.usage === undefined) throw new UsageError(`${flag} goes with --usage <file>`);
    }
    if (opts.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month.trim()))
      throw new UsageError(`--month must be a month written as 2026-03, got "${printable(opts.month)}"`);
    let target: string | undefined;
    if (!opts.printPlan) {
      if (opts.out === undefined) throw new UsageError("--out is required: the .xlsx file to write, e.g. --out budget.xlsx");
      if (!/\.xlsx$/i.test(opts.out.trim())) throw new UsageError(`--out must name an .xlsx file, got "${printable(opts.out)}"`);
      target = resolve(io.cwd, opts.out);
      await checkTarget(target, opts.force);
    }
    const usage = opts.usage !== undefined ? await loadUsage(opts.usage, io.cwd, plan, opts) : undefined;
    const usageText = usage ? usageSummary(opts.usage!, usage) : "";
    if (usage && usage.tokenRowsSkipped > 0 && !opts.allowSkipped) {
      const n = usage.tokenRowsSkipped;
      io.stderr(usageText);
      io.stderr(
        `${PROGRAM}: ${n.toLocaleString("en-US")} AI-token ${n === 1 ? "row" : "rows"} of ${printable(opts.usage!)} could not be read, so its totals would be short: nothing was written. Correct the ${n === 1 ? "row" : "rows"} listed above, or give --allow-skipped to write without ${n === 1 ? "it" : "them"}.\n`,
      );
      return EXIT.skipped;
    }
    let inputs: WorkbookInputs;
    try {
      inputs = workbookInputs(
        plan,
        kinds.map((k) => k.id),
        { today, ...(usage ? { usage } : {}), ...(opts.month !== undefined ? { usageMonth: opts.month.trim() } : {}) },
      );
    } catch (e) {
      // Why no dashboard could be made from the export: what it used and skipped, then the message.
      if (e instanceof WorkbookProblem && usageText) io.stderr(usageText);
      throw e;
    }
    if (opts.printPlan || target === undefined) {
      if (usageText) io.stderr(usageText);
      io.stdout(
        `${JSON.stringify(
          {
            ...printedPlan(
              inputs,
              kinds.map((k) => k.id),
            ),
            ...(contract ? { contract: contract.json } : {}),
          },
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    const models = buildSheetsFrom(inputs, kinds);
    const bytes = await writeWorkbook(models);
    await writeFileAtomic(target, bytes, opts.force);
    io.stdout(
      usageText +
        summary(
          opts.out!,
          models.map((m) => m.name),
          bytes.length,
          inputs,
          kinds,
        ) +
        (contract ? contractSummary(inputs, contract.card) : ""),
    );
    return EXIT.ok;
  } catch (e) {
    // Every message leaves through safeMessage: one line, no control character, a readable length.
    const say = (text: string) => io.stderr(`${PROGRAM}: ${safeMessage(text)}\n`);
    if (e instanceof UsageError) {
      say(`${e.message} (see ${PROGRAM} --help)`);
      return EXIT.usage;
    }
    if (e instanceof InputProblem || e instanceof LookupError || e instanceof WorkbookProblem || e instanceof FileReadError) {
      say(e.message);
      return EXIT.usage;
    }
    if (e instanceof OutputError) {
      say(e.message);
      return EXIT.failure;
    }
    say(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.failure;
  } finally {
    for (const release of releases) release();
  }
}

/**
 * The plan of --preset or --plan with --card, --currency and --price applied, and its default sheets
 * (a preset's own kind; for a plan file the calculator and a sheet for each section it has).
 * A preset goes through its plan file, so the overrides apply to it as to a file.
 */
async function loadPlan(
  opts: CliOptions,
  cwd: string,
  today: Date,
  releases: (() => void)[],
): Promise<{ plan: Plan; sheets: readonly SheetKindId[]; contract?: { card: CompiledCard; json: unknown } }> {
  if (opts.preset !== undefined && opts.plan !== undefined) throw new UsageError("give --preset or --plan, not both");
  if (opts.preset === undefined && opts.plan === undefined) throw new UsageError("give --preset <id> or --plan <file.json>");

  let json: unknown;
  let source: string;
  let presetSheets: readonly SheetKindId[] | undefined;
  if (opts.preset !== undefined) {
    const preset = findPlanPreset(opts.preset);
    json = planToJson(preset.plan.profile, preset.plan);
    presetSheets = preset.sheets;
    source = `preset "${preset.id}"`;
  } else {
    source = printable(opts.plan!);
    json = parseJson(await readPlanFile(resolve(cwd, opts.plan!), source), source);
  }

  let contract: { card: CompiledCard; json: unknown } | undefined;
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const j = { ...(json as PlanJson) };
    contract = await loadContract(opts, j, opts.plan !== undefined ? dirname(resolve(cwd, opts.plan)) : cwd, cwd, source);
    if (contract) {
      releases.push(useOwnCard(contract.card));
      // The contract is the plan's card unless the plan or --card names another.
      if (opts.card === undefined && (j.card === undefined || opts.cardFile !== undefined)) {
        // Switched to the contract by --card-file: its negotiated price replaces the plan's (unless --price).
        if (j.card !== CONTRACT_CARD_ID && opts.cardFile !== undefined) delete j.pricePerToken;
        j.card = CONTRACT_CARD_ID;
      }
    } else if (j.card === CONTRACT_CARD_ID) {
      throw new InputProblem(`${source}: plan.card: "${CONTRACT_CARD_ID}" needs the contract card: a contract section, cardFile, or --card-file`);
    }
    delete j.cardFile;
    delete j.contract;
    json = applyOverrides(j, opts);
  }
  const plan = planFromJson(json, { today });
  if (Array.isArray(plan)) throw new InputProblem(`${source}: ${problemsText(plan)}`);
  return { plan, sheets: presetSheets ?? defaultSheets(plan, false), ...(contract ? { contract } : {}) };
}

/**
 * The contract card of --card-file (relative to the working folder), else of the plan's cardFile
 * (relative to the plan file) or contract section; undefined when there is none. A malformed card
 * is exit code 2 with one line naming the file and field.
 */
async function loadContract(
  opts: CliOptions,
  plan: PlanJson,
  planDir: string,
  cwd: string,
  source: string,
): Promise<{ card: CompiledCard; json: unknown } | undefined> {
  let json: unknown;
  let where: string;
  if (opts.cardFile !== undefined || plan.cardFile !== undefined) {
    const file = opts.cardFile ?? plan.cardFile!;
    if (typeof file !== "string" || file.trim() === "") throw new InputProblem(`${source}: plan.cardFile: must name a contract card file`);
    where = printable(file);
    const text = await readPlanFile(resolve(opts.cardFile !== undefined ? cwd : planDir, file), where, "contract card");
    json = parseJson(text, where);
  } else if (plan.contract !== undefined) {
    json = plan.contract;
    where = `${source}: plan.contract`;
  } else {
    return undefined;
  }
  const problems = contractProblems(json, CARDS);
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${p.field}: ${printable(p.message)}`);
    const more = problems.length - shown.length;
    throw new InputProblem(`${where}: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`);
  }
  return { card: compileContract(json, CARDS), json };
}

/** The contract against both shipped cards for the plan's profile, in the profile's currency. */
function contractSummary(inputs: WorkbookInputs, contract: CompiledCard): string {
  const p = inputs.profile;
  const rows = contractComparison(
    { ...p, ...(p.card === contract.id ? {} : { pricePerToken: cardPrice(contract, p.currency) ?? p.pricePerToken }) },
    contract,
    CARDS,
  );
  if (rows instanceof InputError) return "";
  const width = Math.max(...rows.map((r) => r.card.card.name.length));
  const cells = rows.map((r) => [
    `${formatTokens(r.estimate.total)} tokens`,
    `${formatTokens(r.estimate.overage)} over`,
    `${formatMoney(r.estimate.annualCost, p.currency)} a year`,
    r.card === contract
      ? `at ${formatMoney(r.price, p.currency)}`
      : r.profilePrice
        ? `at your ${formatMoney(r.price, p.currency)} (no list price in ${p.currency})`
        : `at the list ${formatMoney(r.price, p.currency)}`,
  ]);
  const widths = [0, 1, 2].map((k) => Math.max(...cells.map((c) => c[k].length)));
  return [
    `The contract against the shipped cards (a month; overage cost a year, in ${p.currency}):`,
    ...rows.map((r, i) => `  ${printable(r.card.card.name).padEnd(width)}  ${cells[i].map((c, k) => (k < 3 ? c.padStart(widths[k]) : c)).join("  ")}`),
    "",
  ].join("\n");
}

/** A usage export read and imported on the plan's card (with --map and --month): exit code 2 with the importer's message when it cannot be read. */
async function loadUsage(file: string, cwd: string, plan: Plan, opts: CliOptions): Promise<UsageImport> {
  const shown = printable(file);
  const bytes = await readBoundedFile(resolve(cwd, file), shown, "the usage export", LIMITS.usageFileBytes);
  const card = getCard(plan.profile.card);
  if (card instanceof InputError) throw new InputProblem(card.message);
  const mapping = opts.map !== undefined ? parseColumnMapping(opts.map) : undefined;
  if (mapping instanceof InputError) throw new UsageError(`--map: ${mapping.message}`);
  const month = opts.month?.trim();
  const imported = importUsage(decodeText(bytes), { card, licence: plan.profile.licence, ...(mapping ? { mapping } : {}), ...(month ? { month } : {}) });
  if (imported instanceof InputError) throw new InputProblem(`${shown}: ${printable(imported.message)}`);
  return imported;
}

/** A file's text: UTF-8, or UTF-16 when it starts with that byte-order mark (Excel's "Unicode text"). */
function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  return bytes.toString("utf8");
}

/** What the import used and skipped, one sentence a line. */
function usageSummary(file: string, imported: UsageImport): string {
  const [first, ...rest] = importSummary(imported);
  return [`Usage export ${printable(file)}: ${printable(first)}`, ...rest.map((line) => `  ${printable(line)}`), ""].join("\n");
}

/** The plan --print-plan shows: the profile, and the sections of the sheets asked for, defaults filled in. */
function printedPlan(inputs: WorkbookInputs, kinds: readonly SheetKindId[]): PlanJson {
  return planToJson(inputs.profile, {
    ...(inputs.budget && kinds.includes("budget") ? { budget: inputs.budget.plan } : {}),
    ...(inputs.dashboard ? { dashboard: inputs.dashboard.input } : {}),
  });
}

/** --card, --currency and --price over the plan's own fields. --currency re-prices the plan at the card's price unless --price is given. */
function applyOverrides(json: PlanJson, opts: CliOptions): PlanJson {
  const out: PlanJson = { ...json };
  if (opts.card !== undefined) {
    const card = getCard(opts.card);
    if (card instanceof InputError || opts.card.trim() === "")
      throw new UsageError(`--card: unknown rate card "${printable(opts.card)}"; known: ${CARD_IDS.join(", ")}`);
    out.card = card.id;
  }
  if (opts.currency !== undefined) {
    const code = opts.currency.trim().toUpperCase();
    if (!isCurrencyCode(code)) throw new UsageError(`--currency: unknown currency "${printable(opts.currency)}"; known: ${CURRENCY_CODES.join(", ")}`);
    out.currency = code;
    delete out.pricePerToken;
  }
  if (opts.price !== undefined) {
    // The input gate, read as scripts and plan files write numbers: a decimal point, commas between thousands.
    const price = readInput("pricePerToken", opts.price, INVARIANT, "--price", "required");
    if (price instanceof InputError) {
      const max = boundText(INPUT_RULES.pricePerToken.max);
      throw new UsageError(
        /could mean/.test(price.message) ? printable(price.message) : `--price must be a number of 0 to ${max}, such as 0.85, got "${printable(opts.price)}"`,
      );
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

async function readPlanFile(path: string, shown: string, what = "plan"): Promise<string> {
  return (await readBoundedFile(path, shown, `the ${what}`, MAX_PLAN_BYTES)).toString("utf8");
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

/** Text from the user, safe to print on a terminal: control characters and direction overrides escaped (core safeMessage). */
const printable = quotedText;

/** What was written, the plan in one line, then each sheet's own summary (the registry's). */
function summary(out: string, sheetNames: readonly string[], size: number, inputs: WorkbookInputs, kinds: readonly SheetKind[]): string {
  const p = inputs.profile;
  const sections = kinds.map((k) => k.summary(k.inputOf(inputs), inputs));
  const width = Math.max(...sections.flatMap(({ rows }) => rows.map(([k]) => k.length)));
  const kb = (size / 1024).toFixed(1);
  return [
    `Wrote ${printable(out)} (${sheetNames.length} sheet${sheetNames.length === 1 ? "" : "s"}: ${sheetNames.map(printable).join(", ")}; ${kb} KB)`,
    `${printable(p.name)}: ${inputs.card.card.name} card, ${formatTokens(p.users)} ${p.licence} users, ${formatMoney(p.pricePerToken, p.currency)} per extra token`,
    ...sections.flatMap(({ title, rows }) => [...(title ? [printable(title)] : []), ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${printable(v)}`)]),
    "",
  ].join("\n");
}

export function helpText(): string {
  const presets = availablePresets().map((p) => `  ${p.id.padEnd(12)} ${`(${p.kind})`.padEnd(12)} ${p.label}`);
  const sheets = availableSheetKinds().map((k) => `  ${k.id.padEnd(12)} ${k.label}`);
  return `${PROGRAM} ${PACKAGE_VERSION}: budget workbooks of Genesys Cloud AI Experience tokens, as .xlsx files.

Usage:
  ${PROGRAM} --preset <id> --out <file.xlsx> [options]
  ${PROGRAM} --plan <plan.json> --out <file.xlsx> [options]
  ${PROGRAM} --preset growth --sheets budget,dashboard --usage report.csv --out review.xlsx

Input (--preset or --plan):
${optionHelp("input", { preset: presets }).join("\n")}

Output:
${optionHelp("output", {
  sheets: [
    ...sheets,
    "A sheet the preset or plan has no section for is filled from what it has:",
    "budget = the flat plan of the profile; dashboard = the budget's first month,",
    "pre-filled with the forecast; calculator = the budget's first month",
    "(march-2026: the mid-market center it belongs to).",
    "With budget and dashboard, the dashboard's budgets are read from the budget",
    "sheet (docs/plan-format.md lists the rules).",
  ],
}).join("\n")}

Overrides:
${optionHelp("overrides", { card: [`known: ${CARD_IDS.join(", ")}, or ${CONTRACT_CARD_ID} (the contract card)`], currency: [`known: ${CURRENCY_CODES.join(", ")}`] }).join("\n")}

${optionHelp("program").join("\n")}

Exit codes: 0 written; 1 the file could not be written; 2 a mistake in the command, the plan or the usage export;
3 AI-token rows of the usage export were skipped: listed, nothing written (see --allow-skipped).
`;
}
