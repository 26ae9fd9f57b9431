/**
 * The command line run as a child process (the webpack bundle, plus the TypeScript sources through
 * tsx and the bin script): a workbook written for a preset or a plan with the key totals printed,
 * and each mistake answered by one clear line on stderr, a non-zero exit code and nothing written.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUDGET_SHEET_NAME } from "../../src/sheets/budget";
import { CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { DASHBOARD_SHEET_NAME } from "../../src/sheets/dashboard";
import { readBack } from "../xlsx/read-back";
import { buildBundle, BUNDLE_NAME, ROOT, runBundle, runFromSource, runNode, type CliResult } from "./run-cli";

let work: string;
let bundle: string;
let n = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cli-"));
  bundle = buildBundle(join(work, "bundle"));
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh folder with the given files in it. */
function folder(files: Record<string, string | Buffer> = {}): string {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const listing = (dir: string) => readdirSync(dir).sort();

interface Failure {
  readonly result: CliResult;
  readonly before: string[];
  readonly after: string[];
  /** Whether each given file still has its content. */
  readonly unchanged: boolean;
}

/** Runs the bundle in a fresh folder holding `files`; records what it printed and what the folder holds after. */
async function attempt(args: readonly string[], files: Record<string, string | Buffer> = {}): Promise<Failure> {
  const dir = folder(files);
  const before = listing(dir);
  const result = await runBundle(bundle, args, dir);
  const unchanged = Object.entries(files).every(([name, content]) => readFileSync(join(dir, name)).equals(Buffer.from(content)));
  return { result, before, after: listing(dir), unchanged };
}

/** Checks a run failed cleanly (one line on stderr, the exit code, no file added or changed) and returns that line. */
function failedCleanly(f: Failure, code: number): string {
  expect(f.result.code).toBe(code);
  expect(f.result.stdout).toBe("");
  const lines = f.result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ai-token-planner: /);
  expect(f.after).toEqual(f.before);
  expect(f.unchanged).toBe(true);
  return lines[0];
}

/** Runs at most `n` tasks at a time. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return (task) =>
    new Promise((done, fail) => {
      const start = () => {
        running++;
        task()
          .then(done, fail)
          .finally(() => {
            running--;
            queue.shift()?.();
          });
      };
      if (running < n) start();
      else queue.push(start);
    });
}

const plan = (fields: object) => JSON.stringify({ version: 1, users: 200, volumes: { copilot: 200 }, ...fields }, null, 2);
const USAGE_REPORT = readFileSync(join(ROOT, "test/fixtures/usage/genesys-usage-report-march-2026.csv"));

describe("writing a workbook", () => {
  test("--preset mid-market --out budget.xlsx writes the workbook and prints the key totals", async () => {
    const dir = folder();
    const r = await runBundle(bundle, ["--preset", "mid-market", "--out", "budget.xlsx"], dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^Wrote budget\.xlsx \(1 sheet: Token Calculator; [\d.]+ KB\)$/m);
    expect(r.stdout).toMatch(/Monthly consumption +19,810 tokens/);
    expect(r.stdout).toMatch(/Monthly allocation +50,000 tokens/);
    expect(r.stdout).toMatch(/Annual overage cost +\$0\.00/);
    expect(r.stdout).toMatch(/Utilisation +39\.6% \(GREEN\)/);
    expect(listing(dir)).toEqual(["budget.xlsx"]);
    const back = await readBack(readFileSync(join(dir, "budget.xlsx")));
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens").value).toBe(19810);
  });

  test("a plan file, with --card, --currency and --price overriding it", async () => {
    const dir = folder({ "plan.json": plan({ name: "Acme", card: "study-notes", pricePerToken: 1.2, volumes: { copilot: 200, voicebot: 1000 } }) });
    const own = await runBundle(bundle, ["--plan", "plan.json", "--out", "own.xlsx"], dir);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain("Acme: Study notes card, 200 named users, $1.20 per extra token");
    const eur = await runBundle(bundle, ["--plan", "plan.json", "--card", "genesys-published", "--currency", "eur", "--out", "eur.xlsx"], dir);
    expect(eur.code).toBe(0);
    expect(eur.stdout).toContain("Acme: Genesys published card, 200 named users, €0.80 per extra token");
    const priced = await runBundle(bundle, ["--plan", "plan.json", "--currency", "GBP", "--price", "0.85", "--out", "gbp.xlsx"], dir);
    expect(priced.code).toBe(0);
    expect(priced.stdout).toContain("£0.85 per extra token");
    expect(listing(dir)).toEqual(["eur.xlsx", "gbp.xlsx", "own.xlsx", "plan.json"]);
  });

  test("--force replaces an existing file", async () => {
    const dir = folder({ "budget.xlsx": "old" });
    const r = await runBundle(bundle, ["--preset", "small", "--out", "budget.xlsx", "--force"], dir);
    expect(r.code).toBe(0);
    expect(listing(dir)).toEqual(["budget.xlsx"]);
    const back = await readBack(readFileSync(join(dir, "budget.xlsx")));
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens").value).toBe(4701);
  });

  test("a scenario name that looks like a formula is written as text", async () => {
    const name = '=HYPERLINK("http://example.com","x")';
    const dir = folder({ "plan.json": plan({ name }) });
    const r = await runBundle(bundle, ["--plan", "plan.json", "-o", "out.xlsx"], dir);
    expect(r.code).toBe(0);
    const back = await readBack(readFileSync(join(dir, "out.xlsx")));
    const stored = [...back.workbook.getWorksheet(CALCULATOR_SHEET_NAME)!.getColumn(3).values].find((v) => v === name);
    expect(stored).toBe(name);
    // Never a formula (it may stand, as text, in the printed page header).
    expect(back.parts.get("xl/worksheets/sheet1.xml")).not.toMatch(/<f>[^<]*HYPERLINK/);
  });

  test("control characters in a scenario name do not reach the terminal", async () => {
    const dir = folder({ "plan.json": plan({ name: "Evil\u001b[2J name" }) });
    const r = await runBundle(bundle, ["--plan", "plan.json", "--out", "out.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toContain("Evil\\x1B[2J name"); // shown escaped, as every message (core safeMessage)
  });

  test("--print-plan prints a plan file to start from, which --plan reads back to the same totals", async () => {
    const dir = folder();
    const printed = await runBundle(bundle, ["--preset", "mid-market", "--print-plan"], dir);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ version: 1, users: 200, tokensPerUser: { copilot: 55 } });
    writeFileSync(join(dir, "plan.json"), printed.stdout);
    const r = await runBundle(bundle, ["--plan", "plan.json", "--out", "x.xlsx"], dir);
    expect(r.stdout).toMatch(/Monthly consumption +19,810 tokens/);
  });

  test("a budget preset with the dashboard beside it: both sheets, the dashboard's budgets read from the budget sheet", async () => {
    const dir = folder();
    const r = await runBundle(bundle, ["--preset", "growth", "--sheets", "budget,dashboard", "--out", "review.xlsx"], dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^Wrote review\.xlsx \(2 sheets: Annual Budget, Usage Dashboard; [\d.]+ KB\)$/m);
    expect(r.stdout).toContain("Annual budget, April 2026 to March 2027:");
    // Never the forecast as an actual: the dashboard waits for actuals to be typed.
    expect(r.stdout).toMatch(/Usage dashboard, April 2026 \(no actuals yet: type them into the empty cells\):\n  Consumed +no actuals yet, of 50,000 tokens/);
    const back = await readBack(readFileSync(join(dir, "review.xlsx")));
    expect(back.rawNamed(DASHBOARD_SHEET_NAME, "Consumed").value ?? "").toBe("");
    const aprilRow = back.sheet(DASHBOARD_SHEET_NAME).getColumn(1).values.indexOf("April 2026");
    expect(aprilRow).toBeGreaterThan(0);
    expect(back.raw(DASHBOARD_SHEET_NAME, `B${aprilRow}`).formula).toBe(`INDEX('${BUDGET_SHEET_NAME}'!MonthlyTokens,1,1)`);
  });

  test("--usage: the dashboard from a usage report, the rows used and skipped printed", async () => {
    const dir = folder({ "report.csv": USAGE_REPORT });
    const r = await runBundle(bundle, ["--preset", "mid-market", "--sheets", "calculator,dashboard", "--usage", "report.csv", "--out", "march.xlsx"], dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^Usage export report\.csv: 132 of 152 rows used: 19,810 tokens from 2026-03-01 to 2026-03-31\.$/m);
    expect(r.stdout).toMatch(/^  20 skipped, not an AI Experience token row: lines 4, 5, 6, 7, .*\(e\.g\. "Data Storage Overage"\)\.$/m);
    expect(r.stdout).toMatch(/Usage dashboard, March 2026 \(from the usage export\):\n  Consumed +19,810 of 50,000 tokens \(39\.6%\)/);
    const back = await readBack(readFileSync(join(dir, "march.xlsx")));
    expect(back.workbook.worksheets.map((w) => w.name)).toEqual([CALCULATOR_SHEET_NAME, DASHBOARD_SHEET_NAME]);
    expect(["Consumed", "Health"].map((n) => back.rawNamed(DASHBOARD_SHEET_NAME, n).value)).toEqual([19810, "GREEN"]);
    // Without --sheets, --usage adds the dashboard to the preset's own sheet.
    const added = await runBundle(bundle, ["--preset", "growth", "--usage", "report.csv", "--out", "growth.xlsx"], dir);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("(2 sheets: Annual Budget, Usage Dashboard;");
  });

  test("--help and --version", async () => {
    const help = await runBundle(bundle, ["--help"], work);
    expect(help.code).toBe(0);
    for (const word of [
      "--preset",
      "--plan",
      "--out",
      "--sheets",
      "--usage",
      "--currency",
      "--price",
      "--card",
      "--force",
      "mid-market",
      "growth",
      "seasonal",
      "march-2026",
      "calculator",
      "budget",
      "dashboard",
      "genesys-published",
      "EUR",
    ]) {
      expect(help.stdout).toContain(word);
    }
    const version = await runBundle(bundle, ["--version"], work);
    expect(version.stdout).toBe(`ai-token-planner ${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n`);
  });
});

interface Mistake {
  readonly title: string;
  readonly args: readonly string[];
  readonly files?: Record<string, string>;
  /** 2 for a mistake in the command or the plan, 1 for a file that cannot be written. */
  readonly code: 1 | 2;
  /** The whole line, or a pattern it matches. */
  readonly message: string | RegExp;
}

const planCase = (title: string, fields: object, message: string): Mistake => ({
  title: `a plan failing its schema, ${title}: the message names the field`,
  args: ["--plan", "plan.json", "--out", "b.xlsx"],
  files: { "plan.json": plan(fields) },
  code: 2,
  message: `ai-token-planner: plan.json: ${message}`,
});

const commandCase = (args: string[], message: string): Mistake => ({
  title: `a mistake in the command: ${args.join(" ")}`,
  args,
  code: 2,
  message: new RegExp(`^ai-token-planner: ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.* \\(see ai-token-planner --help\\)$`),
});

const MISTAKES: readonly Mistake[] = [
  {
    title: "unknown preset",
    args: ["--preset", "huge", "--out", "b.xlsx"],
    code: 2,
    message: 'ai-token-planner: unknown preset "huge". Available presets: small, mid-market, enterprise, growth, seasonal, march-2026.',
  },
  {
    title: "a plan that is not JSON: the line and column of the mistake",
    args: ["--plan", "plan.json", "--out", "b.xlsx"],
    files: { "plan.json": '{\n  "version": 1,\n}\n' },
    code: 2,
    message: /^ai-token-planner: plan\.json is not valid JSON: .* \(line 3, column 1\)$/,
  },
  planCase("a negative volume", { volumes: { voicebot: -5 } }, "plan.volumes.voicebot: voice bot minutes per day cannot be negative."),
  planCase(
    "a misspelt feature",
    { volumes: { voicebots: 5 } },
    "plan.volumes.voicebots: is not a field of a plan (known here: copilot, virtualagent, scoring, voicebot, digitalbot, messaging, translate, social, analytics)",
  ),
  planCase("users as text", { users: "200" }, "plan.users: must be a whole number"),
  planCase("a fraction of a user", { users: 12.5 }, "plan.users: the number of users must be a whole number, got 12.5."),
  planCase("an unknown licence", { licence: "floating" }, 'plan.licence: must be one of "named", "concurrent"'),
  planCase("an unknown card", { card: "mine" }, 'plan.card: must be one of "study-notes", "genesys-published", "contract"'),
  planCase("too many working days", { workingDays: 40 }, "plan.workingDays: working days per month must be at most 31 (days a month)."),
  // Past an input rule's maximum: the gate's sentence, the one every face shows (the schema's bound is the same rule's).
  planCase("more users than the input rules allow", { users: 2_000_000 }, "plan.users: the number of users must be at most 1,000,000 (users)."),
  planCase("another format version", { version: 2 }, "plan.version: must be 1"),
  planCase("a name too long", { name: "x".repeat(101) }, "plan.name: must NOT have more than 100 characters"),
  planCase("a currency the card has no price in", { currency: "JPY" }, "plan.pricePerToken: is required: the Study notes card publishes no price in JPY"),
  planCase(
    "several problems at once",
    { users: -1, volumes: { copilot: -1 } },
    "plan.users: the number of users cannot be negative.; plan.volumes.copilot: agent Copilot users cannot be negative.",
  ),
  planCase(
    "a budget with a negative seasonal multiplier",
    { budget: { multipliers: [1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1] } },
    "plan.budget.multipliers[11]: seasonal multipliers cannot be negative.",
  ),
  planCase(
    "a budget with eleven top-ups",
    { budget: { topUps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } },
    "plan.budget.topUps: must list 12 figures, one for each calendar month from January, got 11",
  ),
  planCase(
    "a budget site with a negative volume",
    { budget: { sites: [{ name: "North", volumes: { voicebot: -5 } }] } },
    "plan.budget.sites[0].volumes.voicebot: voice bot minutes per day cannot be negative.",
  ),
  planCase("a budget growth without its rate", { budget: { growth: { kind: "rate" } } }, "plan.budget.growth.monthly: is required"),
  planCase(
    "a dashboard feature the card does not have",
    { dashboard: { period: "March 2026", features: { summary: 10 } } },
    "plan.dashboard.features.summary: is not a feature of the Study notes card (copilot, analytics, scoring, translate, voicebot, digitalbot, messaging, social, virtualagent, predictiverouting, predictiveengagement, other)",
  ),
  {
    title: "a volume above the input rules' maximum (no budget can overflow): a message naming the field, not ### in a cell",
    args: ["--plan", "plan.json", "--out", "b.xlsx"],
    files: { "plan.json": plan({ volumes: { virtualagent: 1e305 }, budget: { startYear: 2026, multipliers: Array(12).fill(1e305) } }) },
    code: 2,
    message: /^ai-token-planner: plan\.json: plan\.volumes\.virtualagent: .*must be at most 1,000,000,000/,
  },
  {
    title: "a number too large for a double (JSON allows 1e400)",
    args: ["--plan", "p.json", "--out", "b.xlsx"],
    files: { "p.json": '{"version": 1, "users": 10, "volumes": {"messaging": 1e400}}' },
    code: 2,
    message: "ai-token-planner: p.json: plan.volumes.messaging: must be a finite number",
  },
  {
    title: "a plan missing a required field",
    args: ["--plan", "p.json", "--out", "b.xlsx"],
    files: { "p.json": '{"version": 1, "volumes": {}}' },
    code: 2,
    message: "ai-token-planner: p.json: plan.users: is required",
  },
  {
    title: "a plan file that does not exist",
    args: ["--plan", "nope.json", "--out", "b.xlsx"],
    code: 2,
    message: 'ai-token-planner: cannot read the plan "nope.json": no such file.',
  },
  {
    title: "an existing output file without --force is left as it was",
    args: ["--preset", "small", "--out", "budget.xlsx"],
    files: { "budget.xlsx": "precious" },
    code: 1,
    message: /^ai-token-planner: ".*\/budget\.xlsx" already exists; add --force to replace it\.$/,
  },
  {
    title: "an output folder that is a file",
    args: ["--preset", "small", "--out", "notes.txt/budget.xlsx"],
    files: { "notes.txt": "a file" },
    code: 1,
    message: /^ai-token-planner: cannot write ".*\/notes\.txt\/budget\.xlsx": ".*\/notes\.txt" is a file, not a folder\.$/,
  },
  {
    title: "an output folder that does not exist",
    args: ["--preset", "small", "--out", "missing/deeper/budget.xlsx"],
    code: 1,
    message: /^ai-token-planner: cannot write ".*\/missing\/deeper\/budget\.xlsx": the folder ".*\/missing\/deeper" does not exist\.$/,
  },
  {
    title: "an unknown sheet kind: the available ones are listed",
    args: ["--preset", "small", "--sheets", "calculator,pivot", "--out", "b.xlsx"],
    code: 2,
    message: 'ai-token-planner: unknown sheet kind "pivot". Available sheets: calculator, budget, dashboard.',
  },
  {
    title: "a dashboard with no allocation to measure against",
    args: ["--plan", "p.json", "--sheets", "dashboard", "--out", "b.xlsx"],
    files: { "p.json": '{"version": 1, "users": 0, "volumes": {"messaging": 4000}, "budget": {"startMonth": 1, "startYear": 2027}}' },
    code: 2,
    message:
      "ai-token-planner: the dashboard needs an allocation above 0, and the budget's first month (January 2027) has none: give the plan users, or a dashboard section with its allocation.",
  },
  {
    title: "a usage export that is not valid CSV (a quote never closed)",
    args: ["--preset", "growth", "--sheets", "budget,dashboard", "--usage", "usage.csv", "--out", "b.xlsx"],
    files: { "usage.csv": 'Date,Resource,Quantity\n2026-03-01,"Agent Copilot,289\n2026-03-02,AI Scoring,15\n' },
    code: 2,
    message: "ai-token-planner: usage.csv: A quote opened on line 2 is never closed: the file is not valid CSV.",
  },
  {
    title: "a usage export without a usable header",
    args: ["--preset", "small", "--usage", "usage.csv", "--out", "b.xlsx"],
    files: { "usage.csv": "when,what,how much\n1,2,3\n" },
    code: 2,
    message:
      'ai-token-planner: usage.csv: No header with a date, a feature and a quantity column was found in the first 10 lines: map the columns by hand. The first line holds: "when", "what", "how much".',
  },
  {
    title: "an empty usage export",
    args: ["--preset", "small", "--usage", "usage.csv", "--out", "b.xlsx"],
    files: { "usage.csv": "" },
    code: 2,
    message: "ai-token-planner: usage.csv: The file is empty.",
  },
  {
    title: "a usage export that is a spreadsheet, not CSV",
    args: ["--preset", "small", "--usage", "usage.xlsx", "--out", "b.xlsx"],
    files: { "usage.xlsx": "PK\u0003\u0004\u0014\u0000\u0006\u0000\u0008\u0000\u0000\u0000!\u0000".repeat(40) },
    code: 2,
    message: /^ai-token-planner: usage\.xlsx: The file does not look like text/,
  },
  {
    title: "a usage export that does not exist",
    args: ["--preset", "small", "--usage", "nope.csv", "--out", "b.xlsx"],
    code: 2,
    message: 'ai-token-planner: cannot read the usage export "nope.csv": no such file.',
  },
  commandCase(["--preset", "small"], "--out is required"),
  commandCase(["--preset", "small", "--out", "b.csv"], '--out must name an .xlsx file, got "b.csv"'),
  commandCase(["--out", "b.xlsx"], "give --preset <id> or --plan <file.json>"),
  commandCase(["--preset", "small", "--plan", "p.json", "--out", "b.xlsx"], "give --preset or --plan, not both"),
  commandCase(["--preset", "small", "--out", "b.xlsx", "--colour"], "unknown option --colour"),
  commandCase(["--preset", "small", "b.xlsx"], 'unexpected argument "b.xlsx"'),
  commandCase(["--preset", "--out", "b.xlsx"], "--preset needs a value"),
  commandCase(["--preset", "small", "--out", "a.xlsx", "--out", "b.xlsx"], "--out is given more than once"),
  commandCase(["--preset", "small", "--price", "cheap", "--out", "b.xlsx"], '--price must be a number of 0 to 1,000, such as 0.85, got "cheap"'),
  commandCase(["--preset", "small", "--price=-1", "--out", "b.xlsx"], '--price must be a number of 0 to 1,000, such as 0.85, got "-1"'),
  commandCase(
    ["--preset", "small", "--currency", "XYZ", "--out", "b.xlsx"],
    '--currency: unknown currency "XYZ"; known: USD, CAD, AUD, NZD, GBP, EUR, BRL, JPY, ZAR',
  ),
  commandCase(
    ["--preset", "small", "--currency", "EUR", "--out", "b.xlsx"],
    "--currency EUR: the Study notes card publishes no price in EUR; give your price with --price",
  ),
  commandCase(["--preset", "small", "--card", "mine", "--out", "b.xlsx"], '--card: unknown rate card "mine"; known: study-notes, genesys-published'),
  commandCase(
    ["--preset", "small", "--sheets", "budget", "--usage", "u.csv", "--out", "b.xlsx"],
    "--usage feeds the dashboard sheet: add dashboard to --sheets",
  ),
  commandCase(["--preset", "small", "--map", "date=Day,quantity=Tokens", "--out", "b.xlsx"], "--map goes with --usage <file>"),
  commandCase(["--preset", "small", "--usage", "u.csv", "--month", "March", "--out", "b.xlsx"], '--month must be a month written as 2026-03, got "March"'),
];

describe("mistakes: one clear line, a non-zero exit, nothing written", () => {
  const outcomes = new Map<string, Promise<Failure>>();
  beforeAll(() => {
    const limited = limiter(4);
    for (const m of MISTAKES) {
      const outcome = limited(() => attempt(m.args, m.files));
      outcome.catch(() => undefined);
      outcomes.set(m.title, outcome);
    }
  });

  test.each(MISTAKES.map((m) => [m.title, m] as const))("%s", async (_title, m) => {
    const line = failedCleanly(await outcomes.get(m.title)!, m.code);
    if (typeof m.message === "string") expect(line).toBe(m.message);
    else expect(line).toMatch(m.message);
  });

  test("a usage export without any AI-token row: what was skipped and why, then the message; nothing written", async () => {
    const csv = "Date,Resource,Quantity,Unit\n2026-03-01,Data Storage Overage,12.75,GB\n2026-03-01,Genesys Cloud CX 3 Named User,200,Users\n";
    const f = await attempt(["--preset", "growth", "--sheets", "budget,dashboard", "--usage", "usage.csv", "--out", "b.xlsx"], { "usage.csv": csv });
    expect(f.result.code).toBe(2);
    expect(f.result.stdout).toBe("");
    expect(f.result.stderr).toBe(
      [
        "Usage export usage.csv: 0 of 2 rows used: 0 tokens.",
        '  2 skipped, not an AI Experience token row: lines 2, 3 (e.g. "Data Storage Overage").',
        "ai-token-planner: --usage: the usage export has no AI Experience token rows, so there is no dashboard to make.",
        "",
      ].join("\n"),
    );
    expect(f.after).toEqual(f.before);
  });

  test("skipped AI-token rows: each listed with its reason, exit 3, nothing written; --allow-skipped writes", async () => {
    const csv = "Date,Resource,Quantity,Unit\n2026-03-01,Agent Copilot,lots,tokens\n2026-03-01,Virtual Agent,400,tokens\n2026-03-02,SMS Outbound,12,messages\n";
    const f = await attempt(["--preset", "mid-market", "--sheets", "dashboard", "--usage", "usage.csv", "--out", "b.xlsx"], { "usage.csv": csv });
    expect(f.result.code).toBe(3);
    expect(f.result.stdout).toBe("");
    expect(f.result.stderr).toContain('1 AI-token row was skipped, so the totals miss it: line 2 (Agent Copilot): quantity missing or not a number, "lots".');
    expect(f.result.stderr.trimEnd().split("\n").pop()).toBe(
      "ai-token-planner: 1 AI-token row of usage.csv could not be read, so its totals would be short: nothing was written. Correct the row listed above, or give --allow-skipped to write without it.",
    );
    expect(f.after).toEqual(f.before);
    const dir = folder({ "usage.csv": csv });
    const r = await runBundle(bundle, ["--preset", "mid-market", "--sheets", "dashboard", "--usage", "usage.csv", "--allow-skipped", "--out", "b.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('line 2 (Agent Copilot): quantity missing or not a number, "lots"');
    const back = await readBack(readFileSync(join(dir, "b.xlsx")));
    expect(back.rawNamed(DASHBOARD_SHEET_NAME, "Consumed").value).toBe(400);
  });

  test("--map reads a CSV with unknown headers; --month gives the month of rows without dates", async () => {
    const unknown = readFileSync(join(ROOT, "test/fixtures/usage/unknown-headers-2026-03.csv"));
    const dir = folder({ "meter.csv": unknown, "totals.csv": "Meter,Tokens\nAI Experience Tokens,2731\n" });
    const refused = await runBundle(bundle, ["--preset", "mid-market", "--sheets", "dashboard", "--usage", "meter.csv", "--out", "a.xlsx"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/map the columns by hand/);
    const mapped = await runBundle(
      bundle,
      ["--preset", "mid-market", "--sheets", "dashboard", "--usage", "meter.csv", "--map", "date=Usage day,feature=Meter,quantity=Consumed", "--out", "a.xlsx"],
      dir,
    );
    expect(mapped).toMatchObject({ code: 0, stderr: "" });
    expect(mapped.stdout).toMatch(/^Usage export meter\.csv: 5 of 10 rows used: 600 tokens from 2026-03-02 to 2026-03-06\.$/m);
    const a = await readBack(readFileSync(join(dir, "a.xlsx")));
    expect(a.rawNamed(DASHBOARD_SHEET_NAME, "Consumed").value).toBe(600);
    const noMonth = await runBundle(
      bundle,
      ["--preset", "mid-market", "--sheets", "dashboard", "--usage", "totals.csv", "--map", "feature=Meter,quantity=Tokens", "--out", "b.xlsx"],
      dir,
    );
    expect(noMonth.code).toBe(2);
    expect(noMonth.stderr).toMatch(/give the month the export covers/);
    const given = await runBundle(
      bundle,
      [
        "--preset",
        "mid-market",
        "--sheets",
        "dashboard",
        "--usage",
        "totals.csv",
        "--map",
        "feature=Meter,quantity=Tokens",
        "--month",
        "2026-03",
        "--out",
        "b.xlsx",
      ],
      dir,
    );
    expect(given.code).toBe(0);
    expect(given.stdout).toContain("Usage dashboard, March 2026 (from the usage export)");
    const b = await readBack(readFileSync(join(dir, "b.xlsx")));
    expect(b.rawNamed(DASHBOARD_SHEET_NAME, "Consumed").value).toBe(2731);
  });

  test("an output folder without write permission (when not running as root)", async () => {
    const dir = folder();
    const locked = join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      const r = await runBundle(bundle, ["--preset", "small", "--out", "locked/b.xlsx"], dir);
      if (process.getuid?.() === 0) {
        expect(r.code).toBe(0); // root writes anywhere: the cases above cover unwritable paths
      } else {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/no permission to write in the folder/);
        expect(readdirSync(locked)).toEqual([]);
      }
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe("ways to run it", () => {
  test("from the TypeScript sources, as `npm run workbook -- ...` does", async () => {
    const dir = folder();
    const ok = await runFromSource(["--preset", "enterprise", "--out", "e.xlsx"], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Monthly consumption +93,527 tokens/);
    const bad = await runFromSource(["--preset", "nope", "--out", "x.xlsx"], dir);
    expect(bad.code).toBe(2);
    expect(listing(dir)).toEqual(["e.xlsx"]);
  });

  test("`npm run workbook` (run in the package folder) writes where the user typed the command", async () => {
    const typedIn = folder();
    const r = await runBundle(bundle, ["--preset", "small", "--out", "here.xlsx"], ROOT, { npm_lifecycle_event: "workbook", INIT_CWD: typedIn });
    expect(r.code).toBe(0);
    expect(listing(typedIn)).toEqual(["here.xlsx"]);
  });

  test("bin/ai-token-planner.js runs the bundle from build/cli/ of the package", async () => {
    const pkg = join(work, "package");
    mkdirSync(join(pkg, "bin"), { recursive: true });
    mkdirSync(join(pkg, "build", "cli"), { recursive: true });
    copyFileSync(join(ROOT, "bin", "ai-token-planner.js"), join(pkg, "bin", "ai-token-planner.js"));
    copyFileSync(bundle, join(pkg, "build", "cli", BUNDLE_NAME));
    const dir = folder();
    const r = await runNode([join(pkg, "bin", "ai-token-planner.js"), "--preset", "small", "--out", "s.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Monthly consumption +4,701 tokens/);
  });

  test("bin/ai-token-planner.js in a package neither built nor installed says what to do", async () => {
    const pkg = join(work, "bare-package");
    mkdirSync(join(pkg, "bin"), { recursive: true });
    copyFileSync(join(ROOT, "bin", "ai-token-planner.js"), join(pkg, "bin", "ai-token-planner.js"));
    const r: CliResult = await runNode([join(pkg, "bin", "ai-token-planner.js"), "--version"], pkg);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("ai-token-planner: not built yet and tsx is not installed: run `npm install` and `npm run build:cli`.\n");
  });
});
