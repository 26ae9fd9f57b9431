/**
 * The hand-worked contract example (test/fixtures/contract-example.ts) on an inserted calculator
 * sheet: written to .xlsx WITHOUT cached values and recalculated by LibreOffice headless, and
 * evaluated by HyperFormula. Both must give the hand figures, which the core and the functions
 * give too (test/core/contract-card.test.ts, test/functions/contract-card.test.ts).
 *
 * Without LibreOffice the recalculation is skipped with a warning, except in CI, where it fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CARDS, compileContract, estimate, useOwnCard, type Estimate } from "../../src/core";
import { a1 } from "../../src/sheets/a1";
import { buildCalculator, CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { cellsOf } from "../../src/sheets/model";
import { writeWorkbook } from "../../src/xlsx/write-workbook";
import { BY_HAND, CONTRACT_JSON, CONTRACT_PROFILE } from "../fixtures/contract-example";
import { evaluateExact, sheetFigures } from "../sheets/support";
import { findSoffice, recalculateWithLibreOffice } from "./libreoffice";
import { readBack } from "./read-back";

const soffice = findSoffice();
const SHEET = CALCULATOR_SHEET_NAME;
const card = compileContract(CONTRACT_JSON, CARDS);
let release: () => void;
beforeAll(() => (release = useOwnCard(card)));
afterAll(() => release());

const built = () => buildCalculator(CONTRACT_PROFILE);
/** The same profile with 5,000 emails a month on the contract's own feature: its own line of the calculator. */
const WITH_EMAILS = { ...CONTRACT_PROFILE, ownVolumes: { "email-assist": BY_HAND.emails } };
const builtWithEmails = () => buildCalculator(WITH_EMAILS);
/** By hand: 9,468 + 5,000 / 25 = 9,668; overage 9,668 - 9,100 = 568; USD 482.80 a month, 5,793.60 a year. */
const EMAILS_BY_HAND = { line: 200, total: 9668, overage: 568, monthlyCost: 482.8, annualCost: 5793.6 };

/** Where a text sits on the sheet model, and the address of the cell `offset` columns to its right. */
function beside(text: string, offset: number): string {
  for (const { row, col, cell } of cellsOf(built().model)) if (cell.value === text) return a1(row, col + offset);
  throw new Error(`no cell "${text}"`);
}

const EXPECTED = {
  total: BY_HAND.total,
  allocation: BY_HAND.allocation,
  overage: BY_HAND.overage,
  monthlyCost: BY_HAND.monthlyCost,
  annualCost: BY_HAND.annualCost,
  health: BY_HAND.health,
};

describe("the calculator sheet on the contract card", () => {
  it("carries the contract in its rates block: name, date, source, committed tokens and its own feature", () => {
    const texts = [...cellsOf(built().model)].map((c) => c.cell.value);
    expect(texts).toContain(`Rates: Example Corp contract card (2026-04). Edit a rate and the sheet recalculates.`);
    expect(texts).toContain(`Source: ${CONTRACT_JSON.source}`);
    expect(texts).toContain("AI email drafting");
    expect(texts).toContain("Committed tokens");
  });

  it("is evaluated by a formula engine to the hand figures", () => {
    const { model, layout } = built();
    const wb = evaluateExact(model);
    const got = sheetFigures(wb, SHEET, layout);
    expect({ total: got.total, allocation: got.allocation, overage: got.overage, health: got.health }).toEqual({
      total: EXPECTED.total,
      allocation: EXPECTED.allocation,
      overage: EXPECTED.overage,
      health: EXPECTED.health,
    });
    expect(got.annualCost).toBeCloseTo(EXPECTED.annualCost, 9);
  });

  it("gives the own feature a line with a volume entry, priced by its rates-block row, in the total", () => {
    const { model, layout } = builtWithEmails();
    expect(layout.ownLines.map((l) => l.feature)).toEqual(["email-assist"]);
    const line = layout.ownLines[0];
    const formula = [...cellsOf(model)].find((c) => a1(c.row, c.col) === line.tokens)!.cell.formula!;
    // The line reads the rates block (tokens in use / per), not a literal rate.
    expect(formula).not.toMatch(/\*0\.04|\/25\b/);
    const wb = evaluateExact(model);
    expect(wb.get(SHEET, line.tokens)).toBe(EMAILS_BY_HAND.line);
    expect(wb.name(SHEET, "TotalTokens")).toBe(EMAILS_BY_HAND.total);
    expect(wb.name(SHEET, "Overage")).toBe(EMAILS_BY_HAND.overage);
  });
});

const describeWithLibreOffice = soffice ? describe : process.env.CI ? describe : describe.skip;
if (!soffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the contract recalculation test is skipped.");

describeWithLibreOffice("LibreOffice recalculates the contract example", () => {
  let work: string;
  let figures: Record<string, unknown>;
  let perEmail: unknown;
  let committed: unknown;
  let emails: Record<string, unknown>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "contract-lo-"));
    const { model, layout } = built();
    const file = join(work, "contract.xlsx");
    writeFileSync(file, await writeWorkbook([model], { cachedResults: false }));
    const withEmails = builtWithEmails();
    const fileEmails = join(work, "contract-emails.xlsx");
    writeFileSync(fileEmails, await writeWorkbook([withEmails.model], { cachedResults: false }));
    const [out, outEmails] = recalculateWithLibreOffice(soffice!, [file, fileEmails], join(work, "out"), work);
    const backEmails = await readBack(readFileSync(outEmails));
    const e = (ref: string) => backEmails.raw(SHEET, ref).value;
    emails = {
      line: e(withEmails.layout.ownLines[0].tokens),
      total: e(withEmails.layout.total),
      overage: e(withEmails.layout.overage),
      monthlyCost: e(withEmails.layout.monthlyCost),
      annualCost: e(withEmails.layout.annualCost),
    };
    const back = await readBack(readFileSync(out));
    const get = (ref: string) => back.raw(SHEET, ref).value;
    figures = {
      total: get(layout.total),
      allocation: get(layout.allocation),
      overage: get(layout.overage),
      monthlyCost: get(layout.monthlyCost),
      annualCost: get(layout.annualCost),
      health: get(layout.health),
    };
    // The own feature's "Tokens per unit" (column I of the rates block) and the committed tokens cell.
    perEmail = get(beside("AI email drafting", 8));
    committed = get(beside("Committed tokens", 2));
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("to the figures worked out by hand, as the core and the functions give them", () => {
    expect(figures.total).toBe(EXPECTED.total);
    expect(figures.allocation).toBe(EXPECTED.allocation);
    expect(figures.overage).toBe(EXPECTED.overage);
    expect(figures.health).toBe(EXPECTED.health);
    expect(figures.monthlyCost as number).toBeCloseTo(EXPECTED.monthlyCost, 9);
    expect(figures.annualCost as number).toBeCloseTo(EXPECTED.annualCost, 9);
    expect(committed).toBe(BY_HAND.committed);
    expect((perEmail as number) * BY_HAND.emails).toBeCloseTo(BY_HAND.emailTokens, 9);
  });

  it("with the own feature's volume: its line and the total as by hand, as the core gives them", () => {
    const core = estimate(WITH_EMAILS, card) as Estimate;
    expect(core.ownLines[0].tokens).toBe(EMAILS_BY_HAND.line);
    expect(core.total).toBe(EMAILS_BY_HAND.total);
    expect({ line: emails.line, total: emails.total, overage: emails.overage }).toEqual({
      line: EMAILS_BY_HAND.line,
      total: EMAILS_BY_HAND.total,
      overage: EMAILS_BY_HAND.overage,
    });
    expect(emails.monthlyCost as number).toBeCloseTo(EMAILS_BY_HAND.monthlyCost, 9);
    expect(emails.annualCost as number).toBeCloseTo(EMAILS_BY_HAND.annualCost, 9);
    expect(emails.annualCost as number).toBeCloseTo(core.annualCost, 9);
  });
});
