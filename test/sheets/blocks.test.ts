/**
 * The shared pieces the budget and dashboard sheets will reuse: the rates block with its formulas,
 * and the health and advice bands, each checked on a sheet of its own against the core.
 */
import { fc } from "../properties/count"; // fast-check, with each fc.assert's runs counted for the test report
import {
  advice,
  allocation,
  CARDS,
  featureTokens,
  health,
  LICENCE_MODELS,
  RATE_LEVELS,
  ROUNDING_RULES,
  utilisation,
  type CompiledCard,
  type LicenceModel,
} from "../../src/core";
import { absA1 } from "../../src/sheets/a1";
import { SheetBuilder } from "../../src/sheets/builder";
import { RATE_FORMAT } from "../../src/sheets/formats";
import { cellsOf } from "../../src/sheets/model";
import { adviceFormula, healthFormula, NOT_APPLICABLE, utilisationFormula, writeHealthBlock } from "../../src/sheets/health-block";
import { allocationFormula, featureTokensFormula, RATES_BLOCK_COLUMNS, roundingFormula, writeRatesBlock } from "../../src/sheets/rates-block";
import { evaluateExact, formulaProblems, resultMismatches } from "./support";

const SHEET = "Rates";

/** A sheet with a licence cell (A1), a quantity cell (A2), a users cell (A3) and a card's rates block from row 5, column C. */
function ratesSheet(card: CompiledCard, licence: LicenceModel) {
  const b = new SheetBuilder(SHEET);
  b.put(0, 0, { value: licence, style: "input" });
  b.put(1, 0, { value: 0, style: "input" });
  b.put(2, 0, { value: 0, style: "input" });
  const rates = writeRatesBlock(b, card, { row: 4, col: 2, licenceRef: "$A$1", licence });
  return { b, rates };
}

describe.each(CARDS.map((c) => [c.id, c] as const))("the rates block of the %s card", (_id, card) => {
  test.each(LICENCE_MODELS)("holds every feature, allocation and price; its formulas' results hold for %s licences", (licence) => {
    const { b, rates } = ratesSheet(card, licence);
    expect([...rates.features.keys()]).toEqual(card.card.features.map((f) => f.id));
    expect(rates.priceCells.size).toBe(Object.keys(card.card.pricing.perToken).length);
    const model = b.build();
    const wb = evaluateExact(model);
    expect(resultMismatches(wb, model)).toEqual([]);
    for (const f of card.card.features) {
      const cells = rates.features.get(f.id)!;
      expect(wb.get(SHEET, cells.inUse)).toBe(typeof f.tokens === "number" ? f.tokens : f.tokens[licence]);
      expect(wb.get(SHEET, cells.per)).toBe(f.per);
      expect(wb.get(SHEET, cells.low)).toBe(f.range ? f.range.low : null);
    }
    for (const cell of model.blocks[0].rows.flat()) if (cell?.formula) expect(formulaProblems(cell.formula)).toEqual([]);
    expect(model.blocks[0].rows.every((r) => r.length <= 2 + RATES_BLOCK_COLUMNS)).toBe(true);
  });

  test("featureTokensFormula and allocationFormula compute what the core computes, for every feature, level, rounding and licence", () => {
    const { b, rates } = ratesSheet(card, "named");
    // One formula cell per feature x level x rounding, reading the quantity in A2; the allocation in B3.
    const cells: { feature: string; level: (typeof RATE_LEVELS)[number]; rounding: (typeof ROUNDING_RULES)[number]; ref: string }[] = [];
    let row = 60;
    for (const f of card.card.features) {
      for (const level of RATE_LEVELS) {
        ROUNDING_RULES.forEach((rounding, k) => {
          b.put(row, k, { formula: `=${featureTokensFormula({ quantityRef: "$A$2", rate: rates.features.get(f.id)!, level, rounding })}` });
          cells.push({ feature: f.id, level, rounding, ref: absA1(row, k) });
        });
        row++;
      }
    }
    b.put(2, 1, { formula: `=${allocationFormula("$A$3", rates)}` });
    const wb = evaluateExact(b.build());
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 1_000_000 }),
          fc.integer({ min: 0, max: 400_000 }).map((n) => n / 4),
        ),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(...LICENCE_MODELS),
        (quantity, users, licence) => {
          wb.engine.batch(() => {
            wb.set(SHEET, "A1", licence);
            wb.set(SHEET, "A2", quantity);
            wb.set(SHEET, "A3", users);
          });
          for (const c of cells) {
            const core = featureTokens(card.byId.get(c.feature)!, quantity, { rounding: c.rounding, licence, level: c.level });
            expect([c.feature, c.level, c.rounding, wb.get(SHEET, c.ref)]).toEqual([c.feature, c.level, c.rounding, core]);
          }
          expect(wb.get(SHEET, "B3")).toBe(allocation(card, users, licence));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("formula helpers", () => {
  test("rounding rules as formulas", () => {
    expect(roundingFormula("A1*B1/C1", "line")).toBe("ROUND(A1*B1/C1,0)");
    expect(roundingFormula("A1*B1/C1", "up")).toBe("ROUNDUP(A1*B1/C1,0)");
    expect(roundingFormula("A1*B1/C1", "exact")).toBe("A1*B1/C1");
  });

  test("an own rate replaces the card's at every level", () => {
    const card = CARDS[0];
    const { b, rates } = ratesSheet(card, "named");
    b.put(1, 1, { value: 55 });
    RATE_LEVELS.forEach((level, k) =>
      b.put(3, k, {
        formula: `=${featureTokensFormula({ quantityRef: "$A$2", rate: rates.features.get("copilot")!, level, rounding: "line", overrideRef: "$B$2" })}`,
      }),
    );
    const wb = evaluateExact(b.build());
    wb.set(SHEET, "A2", 200);
    expect([wb.get(SHEET, "A4"), wb.get(SHEET, "B4"), wb.get(SHEET, "C4")]).toEqual([11000, 11000, 11000]);
    wb.set(SHEET, "B2", null);
    expect([wb.get(SHEET, "A4"), wb.get(SHEET, "B4"), wb.get(SHEET, "C4")]).toEqual([8000, 10000, 12000]);
  });
});

test("tokens per unit print at four decimals at most, beside the card's own Tokens and Per (1 per 17)", () => {
  const { b, rates } = ratesSheet(CARDS[0], "named");
  const model = b.build();
  const voice = rates.features.get("voicebot")!;
  const cell = (ref: string) => [...cellsOf(model)].find((c) => absA1(c.row, c.col) === ref)!.cell;
  expect([cell(voice.tokens).value, cell(voice.per).value]).toEqual([1, 17]);
  expect(cell(voice.perUnit).format).toBe(RATE_FORMAT);
  expect(cell(voice.perUnit).result).toBeCloseTo(1 / 17, 12);
});

describe("the health and advice bands", () => {
  test("healthFormula, adviceFormula and utilisationFormula agree with the core for any consumption and allocation", () => {
    const b = new SheetBuilder(SHEET);
    const rules = writeHealthBlock(b, { row: 5, col: 1 });
    const s = { total: "$A$1", allocation: "$A$2", utilisation: "$A$3" };
    b.put(0, 0, { value: 0 });
    b.put(1, 0, { value: 0 });
    b.put(2, 0, { formula: `=${utilisationFormula(s)}` });
    b.put(3, 0, { formula: `=${healthFormula(rules, s)}` });
    b.put(4, 0, { formula: `=${adviceFormula(rules, s)}` });
    const wb = evaluateExact(b.build());
    const pairs = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200_000 })),
      // Right on the thresholds: 40%, 80%, 100% of the allocation.
      fc
        .tuple(
          fc.constantFrom(0.4, 0.8, 1, 0),
          fc.integer({ min: 1, max: 5_000 }).map((n) => n * 250),
        )
        .map(([share, alloc]) => [share * alloc, alloc] as [number, number]),
      fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constant(0)),
    );
    fc.assert(
      fc.property(pairs, ([total, alloc]) => {
        wb.engine.batch(() => {
          wb.set(SHEET, "A1", total);
          wb.set(SHEET, "A2", alloc);
        });
        const u = utilisation(total, alloc);
        expect(wb.get(SHEET, "A3")).toBe(typeof u === "number" ? u : NOT_APPLICABLE);
        expect(wb.get(SHEET, "A4")).toBe(health(total, alloc));
        expect(wb.get(SHEET, "A5")).toBe(advice(typeof u === "number" ? u : total === 0 ? 0 : Infinity));
      }),
      { numRuns: 300 },
    );
  });
});
