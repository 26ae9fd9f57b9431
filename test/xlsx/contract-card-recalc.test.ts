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
import { CARDS, compileContract, useOwnCard } from "../../src/core";
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
});

const describeWithLibreOffice = soffice ? describe : process.env.CI ? describe : describe.skip;
if (!soffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the contract recalculation test is skipped.");

describeWithLibreOffice("LibreOffice recalculates the contract example", () => {
  let work: string;
  let figures: Record<string, unknown>;
  let perEmail: unknown;
  let committed: unknown;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "contract-lo-"));
    const { model, layout } = built();
    const file = join(work, "contract.xlsx");
    writeFileSync(file, await writeWorkbook([model], { cachedResults: false }));
    const [out] = recalculateWithLibreOffice(soffice!, [file], join(work, "out"), work);
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
});
