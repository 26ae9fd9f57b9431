/**
 * User text never becomes a formula, on any path from a sheet model to a cell (issue 6.3).
 *
 * Every field that carries the analyst's text into a sheet (the calculator's scenario name; the
 * budget's plan, site and initiative names; the dashboard's period and month labels) is filled with
 * hostile text: formula and DDE payloads, formula-start characters behind whitespace, tabs and
 * line breaks, control characters, odd Unicode, long strings. The models are then written:
 *
 *   (a) by the Excel writer, into a recording request context (test/excel/recording-context.ts):
 *       each such cell goes out in Range.formulas with Excel's text prefix (an apostrophe) or as
 *       plain text no spreadsheet reads as anything else, and its number format is text ("@"); read
 *       back as typed input by a spreadsheet parser (HyperFormula), it is the exact string again;
 *   (b) by the .xlsx writer, read back with ExcelJS and from the XML: a shared string, no <f>, the
 *       exact string (characters XML cannot carry shown as U+FFFD, CR read back as LF: see below);
 *   (c) into the formula-engine harness (test/helpers/formula-engine.ts): the value is the string.
 *
 * And on the model itself: no formula, conditional format, validation list or name holds the text,
 * every cell holding it has the text format, and a chart title never starts with it.
 *
 * The usage import and the command line's plan files are in import-and-cli.test.ts.
 */
import { HyperFormula } from "hyperformula";
import { fc } from "../properties/count";
import { EXCEL_CELL_LIMIT, hostileText, LONG_TEXTS, MARKER, markedText, PAYLOADS } from "./hostile-text";
import { BUDGET_PRESETS, CALCULATOR_PRESETS, MARCH_2026, type AnnualPlan, type Profile, type UsageDashboard } from "../../src/core";
import { LIMITS } from "../../src/core/limits";
import { writeSheet } from "../../src/excel/writer";
import { a1, parseRange } from "../../src/sheets/a1";
import { buildBudgetSheet } from "../../src/sheets/budget";
import { buildCalculatorSheet } from "../../src/sheets/calculator";
import { buildDashboardSheet } from "../../src/sheets/dashboard";
import { TEXT_FORMAT } from "../../src/sheets/formats";
import { cellsOf, type SheetModel } from "../../src/sheets/model";
import { writeWorkbook, xmlSafe } from "../../src/xlsx/write-workbook";
import { recordingContext } from "../excel/recording-context";
import { evaluate } from "../helpers/formula-engine";
import { formulaOf, readBack } from "../xlsx/read-back";

/** The analyst's texts on every path into a sheet. */
interface Texts {
  readonly scenario: string;
  readonly plan: string;
  readonly site: string;
  readonly initiative: string;
  readonly period: string;
  readonly month: string;
}

/** Texts a person can type: within the one text limit of every field (src/core/limits.ts); longer ones are refused, see "long text". */
const textsArbitrary = (raw: fc.Arbitrary<string>): fc.Arbitrary<Texts> => {
  const text = raw.filter((t) => t.length <= LIMITS.textLength);
  return fc.record({ scenario: text, plan: text, site: text, initiative: text, period: text, month: text });
};
const same = (t: string): Texts => ({ scenario: t, plan: t, site: t, initiative: t, period: t, month: t });

const calculatorProfile: Profile = CALCULATOR_PRESETS.find((p) => p.id === "mid-market")!.profile;
const budgetPlan: AnnualPlan = BUDGET_PRESETS.find((p) => p.id === "growth")!.plan;

/** The calculator, budget and dashboard sheets carrying the texts (sheet names ending with `tag`, so many fit in one workbook). */
function modelsOf(t: Texts, tag = ""): SheetModel[] {
  const calculator = buildCalculatorSheet({ ...calculatorProfile, name: t.scenario }, { sheetName: `Calculator${tag}` });
  const budget = buildBudgetSheet(
    {
      ...budgetPlan,
      name: t.plan,
      initiatives: [{ ...budgetPlan.initiatives[0], name: t.initiative }],
      sites: [
        { name: t.site, volumes: { copilot: 120, virtualagent: 100 } },
        { name: "Second site", volumes: { scoring: 400 } },
      ],
    },
    { sheetName: `Budget${tag}` },
  );
  const dashboard: UsageDashboard = {
    ...MARCH_2026,
    period: t.period,
    variance: [{ month: t.month, budgeted: 20000, actual: 18940 }, ...(MARCH_2026.variance ?? []).slice(1)],
  };
  return [calculator, budget, buildDashboardSheet(dashboard, { sheetName: `Dashboard${tag}` })];
}

/** The model cells holding one of the texts: exactly (`exact`) or at the start of a label ("Site: Copilot users"). */
function textCells(model: SheetModel, texts: readonly string[]) {
  const out: { row: number; col: number; value: string; text: string; exact: boolean; format?: string }[] = [];
  for (const { row, col, cell } of cellsOf(model)) {
    if (typeof cell.value !== "string" || cell.formula !== undefined) continue;
    const text = texts.find((t) => t !== "" && (cell.value === t || (cell.value as string).startsWith(`${t}: `)));
    if (text !== undefined) out.push({ row, col, value: cell.value, text, exact: cell.value === text, ...(cell.format ? { format: cell.format } : {}) });
  }
  return out;
}

const allTexts = (t: Texts): string[] => [...new Set(Object.values(t))];

/** What the model says about the texts, whatever writes it: never in a formula, always text-formatted. */
function checkModel(model: SheetModel, t: Texts): void {
  const texts = allTexts(t);
  const problems: string[] = [];
  if (texts.some((x) => x.includes(MARKER))) {
    for (const { row, col, cell } of cellsOf(model)) {
      if (cell.formula?.includes(MARKER)) problems.push(`${a1(row, col)}: the formula ${cell.formula} holds user text`);
    }
    const elsewhere = JSON.stringify([model.conditionalFormats, model.validations, model.names, model.charts.map((c) => [c.categories, c.series])]);
    if (elsewhere.includes(MARKER)) problems.push("user text in a conditional format, validation, name or chart range");
  }
  for (const c of model.charts) {
    if (/^\s*[=+\-@]/.test(c.title)) problems.push(`chart title ${JSON.stringify(c.title)} starts like a formula`);
  }
  for (const c of textCells(model, texts)) {
    if (c.format !== TEXT_FORMAT) problems.push(`${a1(c.row, c.col)} holds user text without the text format (${String(c.format)})`);
  }
  expect({ sheet: model.name, problems }).toEqual({ sheet: model.name, problems: [] });
}

// ------------------------------------------------------------------------------------------------
// (a) The Excel writer: what goes into Range.formulas and Range.numberFormat.

interface Written {
  readonly formulas: Map<string, unknown>;
  readonly formats: Map<string, unknown>;
}

/** Writes the model through a recording request context; the value and number format sent for every cell, by A1 address. */
async function writeToExcel(model: SheetModel): Promise<Written> {
  const rec = recordingContext({ sheetNames: ["Sheet1"] });
  await writeSheet(rec.context, model, { isSetSupported: () => true });
  // The recording context names the n-th call's result "<path>(n)": map range proxies to their addresses.
  const addressOf = new Map<string, string>();
  let calls = 0;
  for (const op of rec.ops) {
    if (op.kind !== "call") continue;
    calls++;
    if (op.path.endsWith(".getRange")) addressOf.set(`${op.path}(${calls})`, String(op.args?.[0]));
  }
  const formulas = new Map<string, unknown>();
  const formats = new Map<string, unknown>();
  for (const op of rec.ops) {
    if (op.kind !== "set") continue;
    const m = /^(.*)\.(formulas|numberFormat)$/.exec(op.path);
    if (!m) continue;
    const address = addressOf.get(m[1]);
    if (!address) throw new Error(`a write to ${op.path} on no known range`);
    const r = parseRange(address);
    (op.value as unknown[][]).forEach((line, i) => line.forEach((v, j) => (m[2] === "formulas" ? formulas : formats).set(a1(r.row + i, r.col + j), v)));
  }
  return { formulas, formats };
}

/** One engine to read typed input with (building one costs more than everything it is used for). */
let typing: HyperFormula | undefined;
afterAll(() => typing?.destroy());

/** Reads what Excel was sent for a cell the way a spreadsheet reads typed input. */
function readAsTyped(entry: string): { value: unknown; formula: boolean } {
  typing ??= HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
  if (typing.countSheets() === 0) typing.addSheet("Typed");
  const at = { sheet: 0, row: 0, col: 0 };
  typing.setCellContents(at, [[entry]]);
  return { value: typing.getCellValue(at), formula: typing.doesCellHaveFormula(at) };
}

/** A user-text cell as Excel receives it: with the text prefix, or plain text that reads back as itself; text format either way. */
function checkExcelCell(entry: unknown, format: unknown, value: string, at: string): void {
  expect({ at, entryType: typeof entry, format }).toEqual({ at, entryType: "string", format: TEXT_FORMAT });
  const sent = entry as string;
  if (sent.startsWith("'") && sent.slice(1) === value) return;
  // Unprefixed: only text that cannot start a formula, and that a spreadsheet parser reads back unchanged.
  expect({ at, sent, isValue: sent === value, looksLikeFormula: /^\s*[=+\-@]/.test(sent) }).toEqual({ at, sent, isValue: true, looksLikeFormula: false });
  const typed = readAsTyped(sent);
  expect({ at, sent, typed }).toEqual({ at, sent, typed: { value, formula: false } });
}

async function checkExcelWriter(models: readonly SheetModel[], t: Texts): Promise<void> {
  for (const model of models) {
    const written = await writeToExcel(model);
    for (const c of textCells(model, allTexts(t))) {
      const at = a1(c.row, c.col);
      checkExcelCell(written.formulas.get(at), written.formats.get(at), c.value, `${model.name}!${at}`);
      // The prefixed entry, typed into a spreadsheet, is the exact text.
      const typed = readAsTyped(written.formulas.get(at) as string);
      expect({ at, typed }).toEqual({ at, typed: { value: c.value, formula: false } });
    }
  }
}

// ------------------------------------------------------------------------------------------------
// (b) The .xlsx writer, read back.

/** What a text is once through an .xlsx file: XML cannot carry control characters, and reads every CR as LF. */
const throughXml = (text: string): string => xmlSafe(text).replace(/\r\n?/g, "\n");

async function checkXlsx(models: readonly SheetModel[], t: Texts, texts: readonly string[] = allTexts(t)): Promise<void> {
  const back = await readBack(await writeWorkbook(models, { created: new Date(0) }));
  for (const model of models) {
    for (const c of textCells(model, texts)) {
      const at = a1(c.row, c.col);
      const cell = back.sheet(model.name).getCell(at);
      const raw = back.raw(model.name, at);
      expect({ at, formula: formulaOf(cell), rawFormula: raw.formula, type: raw.type }).toEqual({ at, formula: undefined, rawFormula: undefined, type: "s" });
      expect({ at, value: cell.value }).toEqual({ at, value: throughXml(c.value) });
      expect(cell.numFmt).toBe(TEXT_FORMAT);
    }
  }
  // Nowhere in the file does a marked text sit in a formula.
  for (const [part, xml] of back.parts) {
    for (const f of xml.matchAll(/<(f|formula|formula1|formula2)>([\s\S]*?)<\/\1>/g))
      expect({ part, formula: f[2], holdsText: f[2].includes(MARKER) }).toMatchObject({ holdsText: false });
  }
}

// ------------------------------------------------------------------------------------------------
// (c) The formula-engine harness.

function checkEngine(models: readonly SheetModel[], t: Texts): void {
  const wb = evaluate(...models);
  for (const model of models) {
    for (const c of textCells(model, allTexts(t))) {
      const at = a1(c.row, c.col);
      expect({ at, value: wb.get(model.name, at), formula: wb.formula(model.name, at) }).toEqual({ at, value: c.value, formula: undefined });
    }
  }
}

// ------------------------------------------------------------------------------------------------

describe("known payloads, written exactly, as every user text of every sheet", () => {
  // Every payload's three sheets, written once: one .xlsx workbook for all of them is read back once.
  const cases = PAYLOADS.map((payload, i) => ({ payload, t: same(payload), models: modelsOf(same(payload), ` ${i + 1}`) }));

  test.each(cases.map((c) => [JSON.stringify(c.payload), c] as const))("%s: in the models and through the Excel writer", async (_shown, c) => {
    const cells = c.models.flatMap((m) => textCells(m, [c.payload]));
    // Each sheet shows it: the scenario; the plan, the site's labels and the initiative; the period and the month.
    if (c.payload.trim() !== "") expect(cells.length).toBeGreaterThanOrEqual(6);
    for (const m of c.models) checkModel(m, c.t);
    await checkExcelWriter(c.models, c.t);
  });

  test("all of them through the .xlsx writer, read back (the calculator and dashboard; the budget for a sample)", async () => {
    await checkXlsx(
      cases.flatMap((c, i) => (i % 4 === 0 ? c.models : c.models.filter((m) => !m.name.startsWith("Budget")))),
      same(""),
      cases.map((c) => c.payload),
    );
  }, 120_000);

  test("all of them through the formula-engine harness (the dashboard; the calculator and budget for a sample)", () => {
    for (const [i, c] of cases.entries()) checkEngine(i % 8 === 0 ? c.models : c.models.filter((m) => m.name.startsWith("Dashboard")), c.t);
  }, 120_000);
});

describe("generated hostile text, one per field", () => {
  test("the models and the Excel writer", async () => {
    await fc.assert(
      fc.asyncProperty(textsArbitrary(markedText()), async (t) => {
        const models = modelsOf(t);
        for (const m of models) checkModel(m, t);
        await checkExcelWriter(models, t);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  test("the formula-engine harness (calculator and dashboard)", () => {
    fc.assert(
      fc.property(textsArbitrary(hostileText()), (t) => {
        checkEngine(
          modelsOf(t).filter((m) => !m.name.startsWith("Budget")),
          t,
        );
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  test("the .xlsx writer, read back", async () => {
    await fc.assert(
      fc.asyncProperty(textsArbitrary(markedText()), async (t) => {
        await checkXlsx(modelsOf(t), t);
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});

describe("long text", () => {
  test.each(LONG_TEXTS.map((s) => [s.length, s]))(
    "%s characters: refused as a name, and kept as text through every writer where a field takes them",
    async (_n, text) => {
      // Names stop at the one text limit (src/core/limits.ts): the sheets refuse them with the limit's message.
      expect(() => modelsOf(same(text))).toThrow(`at most ${LIMITS.textLength} are allowed`);
      // The longest name allowed, and the full text where the core sets no limit of its own (the dashboard's period and months).
      const name = text.slice(0, LIMITS.textLength);
      const t = { scenario: name, plan: name, site: name, initiative: name, period: text, month: text };
      const models = modelsOf(t);
      for (const m of models) checkModel(m, t);
      await checkExcelWriter(models, t);
      await checkXlsx(models, t);
      checkEngine(models, t);
    },
  );

  test(`beyond Excel's ${EXCEL_CELL_LIMIT.toLocaleString("en-US")} characters the .xlsx writer refuses the model, naming the cell, rather than cut it`, async () => {
    const models = modelsOf({ ...same("Plan"), period: "=" + "A".repeat(EXCEL_CELL_LIMIT) });
    await expect(writeWorkbook(models)).rejects.toThrow(/text longer than Excel's 32767 characters/);
  });
});
