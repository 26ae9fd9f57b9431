/**
 * The benchmark's workbook is what it claims (the annual budget of 500 sites, 12 months of
 * formulas each) and both of its writers produce the same cells, so `npm run bench` compares like
 * with like. Timings are not asserted here: they belong to the bench run, not to a test on a busy machine.
 */
import { computeAnnualPlan, DEFAULT_CARD, InputError } from "../../src/core";
import { cellsOf } from "../../src/sheets/model";
import { sitesPlan } from "../../bench/sheets.bench";
import { budgetModel, MONTHS, SITES, writeFloor, writeOurs } from "../../bench/xlsx.bench";
import { readBack } from "./read-back";

test("the 500-site budget workbook, written by this writer and by bare ExcelJS, holds the same cells", async () => {
  const model = budgetModel();
  const cells = [...cellsOf(model)];
  expect(cells.filter((c) => c.cell.formula?.startsWith("=ROUND(")).length).toBeGreaterThanOrEqual(SITES * MONTHS);
  const [ours, floor] = await Promise.all([writeOurs(model), writeFloor(model)]);
  const a = await readBack(ours);
  const b = await readBack(floor);
  const stored = (back: typeof a) =>
    cells
      .map(
        ({ row, col }) =>
          back
            .sheet("Annual Budget")
            .getRow(row + 1)
            .getCell(col + 1).address,
      )
      .map((ref) => back.raw("Annual Budget", ref));
  expect(stored(a).map((c) => [c.formula, c.value])).toEqual(stored(b).map((c) => [c.formula, c.value]));
  const plan = computeAnnualPlan(sitesPlan(SITES, false), DEFAULT_CARD);
  if (plan instanceof InputError) throw new Error(plan.message);
  expect(a.rawNamed("Annual Budget", "AnnualTokens").value).toBe(plan.annualTokens);
  // Two 52,000-cell workbooks written and read back: seconds on a busy machine, so more than jest's 5 s.
}, 60_000);
