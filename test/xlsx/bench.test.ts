/**
 * The benchmark's workbook is what it claims (500 sites x 12 months of formulas) and both of its
 * writers produce the same cells, so `npx tsx bench/xlsx.bench.ts` compares like with like.
 * Timings are not asserted here: they belong to the bench run, not to a test on a busy machine.
 */
import { budgetModel, MONTHS, SITES, writeFloor, writeOurs } from "../../bench/xlsx.bench";
import { cellsOf } from "../../src/sheets/model";
import { readBack } from "./read-back";

test("the 500-site budget workbook, written by this writer and by bare ExcelJS, holds the same cells", async () => {
  const model = budgetModel();
  const cells = [...cellsOf(model)];
  expect(cells.filter((c) => c.cell.formula?.startsWith("=ROUND(")).length).toBe(SITES * MONTHS);
  const [ours, floor] = await Promise.all([writeOurs(model), writeFloor(model)]);
  const a = await readBack(ours);
  const b = await readBack(floor);
  const stored = (back: typeof a) => cells.map(({ row, col }) => back.sheet("Annual Budget").getRow(row + 1).getCell(col + 1).address).map((ref) => back.raw("Annual Budget", ref));
  const ourCells = stored(a);
  expect(ourCells.map((c) => [c.formula, c.value])).toEqual(stored(b).map((c) => [c.formula, c.value]));
  expect(a.rawNamed("Annual Budget", "AnnualTokens").value).toBe(ourCells[ourCells.length - 1].value);
});
