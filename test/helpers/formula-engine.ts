/**
 * Evaluates sheet models with a real formula engine (HyperFormula), so tests can check that the
 * native formulas the product writes compute what the core computes, and keep doing so when an
 * input or a rate cell is edited.
 */
import { HyperFormula, type RawCellContent } from "hyperformula";
import { absA1, parseA1, parseRange } from "../../src/sheets/a1";
import { cellsOf, type SheetModel } from "../../src/sheets/model";

export interface Workbook {
  /** The computed value of a cell: get("Token Calculator", "C24"). */
  get(sheet: string, ref: string): unknown;
  /** The computed value of a sheet-scoped name. */
  name(sheet: string, name: string): unknown;
  /** Types a value into a cell, as an analyst would, and recalculates. */
  set(sheet: string, ref: string, value: RawCellContent): void;
  /** The formula of a cell, or undefined. */
  formula(sheet: string, ref: string): string | undefined;
  readonly engine: HyperFormula;
}

/**
 * A model's string is always text (model.ts), but HyperFormula, like Excel, parses typed text: "=..." as
 * a formula, "+1", "-5", "7", "TRUE" or "50%" as numbers and booleans. A leading apostrophe keeps any text as text.
 */
const asEngineContent = (value: unknown): RawCellContent => (typeof value === "string" ? `'${value}` : (value as RawCellContent));

export function evaluate(...models: SheetModel[]): Workbook {
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useColumnIndex: true });
  const ids = new Map<string, number>();
  for (const m of models) {
    const name = hf.addSheet(m.name);
    ids.set(m.name, hf.getSheetId(name)!);
  }
  hf.batch(() => {
    for (const m of models) {
      const sheet = ids.get(m.name)!;
      for (const { row, col, cell } of cellsOf(m)) {
        const content = cell.formula !== undefined ? cell.formula : asEngineContent(cell.value ?? null);
        hf.setCellContents({ sheet, row, col }, [[content]]);
      }
    }
  });
  for (const m of models) {
    const sheet = ids.get(m.name)!;
    for (const n of m.names) {
      const r = parseRange(n.ref);
      const ref = r.rows === 1 && r.cols === 1 ? absA1(r.row, r.col) : `${absA1(r.row, r.col)}:${absA1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
      hf.addNamedExpression(n.name, `='${m.name.replace(/'/g, "''")}'!${ref}`, sheet);
    }
  }
  const sheetId = (s: string) => {
    const id = ids.get(s);
    if (id === undefined) throw new Error(`No sheet "${s}" in this workbook`);
    return id;
  };
  return {
    engine: hf,
    get: (s, ref) => {
      const { row, col } = parseA1(ref);
      return hf.getCellValue({ sheet: sheetId(s), row, col });
    },
    name: (s, name) => hf.getNamedExpressionValue(name, sheetId(s)),
    set: (s, ref, value) => {
      const { row, col } = parseA1(ref);
      hf.setCellContents({ sheet: sheetId(s), row, col }, [[value]]);
    },
    formula: (s, ref) => {
      const { row, col } = parseA1(ref);
      return hf.getCellFormula({ sheet: sheetId(s), row, col });
    },
  };
}
