/**
 * One table of input cases, run through every face that has the field, with one verdict each:
 * the custom functions, the pane's form reader, plan files, the command line's --price and a usage
 * import's quantity cell. The verdicts come from the rule table (src/core/input-rules.ts), written
 * out here as the analyst would expect them.
 *
 * Which faces see which cases: text in a locale ("1,000", "1.000") reaches the faces where people
 * type text (a function's text argument, the pane, an import cell, the command line; the command
 * line and JSON read numbers the way scripts write them, a decimal point and commas between
 * thousands, so only en-US cases reach them). A plan file is JSON, whose numbers have one syntax:
 * it sees the cases a JSON number can write. A blank is the field's default where the field has
 * one (a volume: 0); a usage import has no default for a blank cell (no data is not zero tokens).
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CARDS, importUsageCsv, InputError, profileProblems, separatorsOf } from "../../src/core";
import { run } from "../../src/cli/cli";
import { planFromJson } from "../../src/plan/plan-file";
import { useSeparators } from "../../src/functions/coerce";
import { F } from "../functions/registry";
import { editField, initialForm, parseForm, useTypingSeparators, type FieldPath } from "../../src/taskpane/form";
import { installed } from "../functions/custom-functions-stub";

type Locale = "en-US" | "de-DE";
type Field = "users" | "workingDays" | "pricePerToken" | "volume";
/** A number: accepted as that value. "refused": an error (a message in the pane, #VALUE!/#NUM! in a cell, exit 2, a skipped row). */
type Verdict = number | "refused";

interface Case {
  readonly name: string;
  readonly text: string;
  readonly locale: Locale;
  readonly verdicts: Readonly<Partial<Record<Field, Verdict>>>;
  /** Text whose reading depends on the locale: not a case a JSON plan can write. */
  readonly localeText?: true;
}

const R = "refused";
const CASES: readonly Case[] = [
  { name: "blank", text: "", locale: "en-US", verdicts: { volume: 0 } },
  { name: '"1,000" in en-US', text: "1,000", locale: "en-US", localeText: true, verdicts: { users: 1000, volume: 1000, pricePerToken: 1000 } },
  {
    name: '"1,000" in de-DE: one, or a thousand? refused',
    text: "1,000",
    locale: "de-DE",
    localeText: true,
    verdicts: { users: R, volume: R, pricePerToken: R },
  },
  {
    name: '"1.000" in en-US: one, or a thousand? refused',
    text: "1.000",
    locale: "en-US",
    localeText: true,
    verdicts: { users: R, volume: R, pricePerToken: R },
  },
  { name: '"1.000" in de-DE', text: "1.000", locale: "de-DE", localeText: true, verdicts: { users: 1000, volume: 1000, pricePerToken: 1000 } },
  { name: "12.5 users", text: "12.5", locale: "en-US", verdicts: { users: R, volume: 12.5, workingDays: 12.5, pricePerToken: 12.5 } },
  { name: "0 working days", text: "0", locale: "en-US", verdicts: { workingDays: R, users: 0, volume: 0, pricePerToken: 0 } },
  { name: "32 working days", text: "32", locale: "en-US", verdicts: { workingDays: R, users: 32, volume: 32, pricePerToken: 32 } },
  { name: "1e300", text: "1e300", locale: "en-US", verdicts: { users: R, volume: R, workingDays: R, pricePerToken: R } },
  { name: "negative", text: "-5", locale: "en-US", verdicts: { users: R, volume: R, workingDays: R, pricePerToken: R } },
  { name: '"abc"', text: "abc", locale: "en-US", verdicts: { users: R, volume: R, workingDays: R, pricePerToken: R } },
];

/** The verdict of a cell's result: a number, or an Excel error value. */
const ofCell = (r: unknown, toValue: (n: number) => number = (n) => n): Verdict => {
  if (typeof r === "number") return toValue(r);
  if (r instanceof installed.Error) return R;
  throw new Error(`not a cell result: ${String(r)}`);
};

/** The custom functions: each field is an argument of a function that gives it back. */
function functionFace(field: Field, text: string, locale: Locale): Verdict {
  useSeparators(separatorsOf(locale));
  switch (field) {
    case "users":
      return ofCell(F.copilot(text, 1, "exact")); // users x 1 own token each
    case "workingDays":
      return ofCell(F.monthly(1, text));
    case "pricePerToken":
      return ofCell(F.cost(1, text));
    case "volume":
      return ofCell(F.monthly(text, 1));
  }
}

const PANE_PATH: Record<Field, FieldPath> = { users: "users", workingDays: "workingDays", pricePerToken: "pricePerToken", volume: "volumes.voicebot" };

/** The pane's calculator form: the text typed into the field, then the form read. */
function paneFace(field: Field, text: string, locale: Locale): Verdict {
  useTypingSeparators(separatorsOf(locale));
  const path = PANE_PATH[field];
  const { profile, problems } = parseForm(editField(initialForm(), path, text));
  if (problems.some((p) => p.field === path)) return R;
  return field === "volume" ? profile.volumes.voicebot : profile[field];
}

/** A plan file: the field written as JSON (a number, or a string; omitted when blank), read by the plan reader and checked as the command line does. */
function planFace(field: Field, text: string): Verdict {
  const value: unknown = isJsonNumber(text) ? JSON.parse(text) : text;
  const json: Record<string, unknown> = { version: 1, users: 10, volumes: {} };
  if (field === "volume") json.volumes = text === "" ? {} : { voicebot: value };
  else if (text !== "") json[field] = value;
  const plan = planFromJson(json);
  if (Array.isArray(plan)) return R;
  if (profileProblems(plan.profile, CARDS).length > 0) return R;
  return field === "volume" ? plan.profile.volumes.voicebot : plan.profile[field];
}

/** True when the text is a number JSON can write. */
const isJsonNumber = (text: string): boolean => /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text);

/** The command line's --price, with --print-plan (nothing written). */
async function cliFace(text: string): Promise<Verdict> {
  const dir = mkdtempSync(join(tmpdir(), "faces-"));
  let out = "";
  const code = await run(["--preset", "small", "--price", text, "--print-plan"], { stdout: (t) => (out += t), stderr: () => undefined, cwd: dir });
  expect(readdirSync(dir)).toEqual([]);
  if (code === 2) return R;
  if (code !== 0) throw new Error(`exit ${code}`);
  return (JSON.parse(out) as { pricePerToken: number }).pricePerToken;
}

/** A usage import's quantity cell, in a file written with the locale's decimal separator. */
function importFace(text: string, locale: Locale): Verdict {
  const decimal = separatorsOf(locale).decimal as "." | ",";
  const delimiter = decimal === "," ? ";" : ",";
  const csv = ["Date", "Feature", "Quantity"].join(delimiter) + "\n" + ["2026-03-05", "Agent Copilot", `"${text}"`].join(delimiter) + "\n";
  const imp = importUsageCsv(csv, { decimal, delimiter });
  if (imp instanceof InputError) return R;
  if (imp.rowsUsed === 0) {
    expect(imp.rowsSkipped).toBe(1); // dropped, and said so
    return R;
  }
  return imp.rows[0].quantity;
}

afterAll(() => {
  useSeparators(separatorsOf());
  useTypingSeparators(separatorsOf());
});

describe.each(CASES)("$name", (c) => {
  const fields = Object.keys(c.verdicts) as Field[];
  test.each(fields)("%s: the same verdict in every face", async (field) => {
    const want = c.verdicts[field]!;
    const seen: Record<string, Verdict> = {
      function: functionFace(field, c.text, c.locale),
      pane: paneFace(field, c.text, c.locale),
    };
    if (!c.localeText) seen.plan = planFace(field, c.text);
    if (field === "pricePerToken" && c.locale === "en-US") seen.cli = await cliFace(c.text);
    if (field === "volume" && c.text !== "") seen.import = importFace(c.text, c.locale);
    for (const [face, verdict] of Object.entries(seen)) expect({ face, verdict }).toEqual({ face, verdict: want });
  });
});
