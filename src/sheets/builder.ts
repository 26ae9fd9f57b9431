/**
 * Builds a SheetModel cell by cell, then packs every cell into one rectangular block so a writer
 * can send the whole sheet in a single write, whatever its size.
 */
import { a1, parseA1, parseRange } from "./a1";
import { fitContent, POINTS_PER_LINE } from "./fit";
import type { Cell, Chart, ColumnWidth, ConditionalFormat, DataValidation, DefinedName, PageSetup, SheetModel } from "./model";

export class SheetBuilder {
  private readonly cells = new Map<number, Map<number, Cell>>();
  private maxRow = -1;
  private maxCol = -1;
  private readonly columns: ColumnWidth[] = [];
  private readonly merges: string[] = [];
  private readonly names: DefinedName[] = [];
  private readonly validations: DataValidation[] = [];
  private readonly conditionalFormats: ConditionalFormat[] = [];
  private readonly charts: Chart[] = [];
  private freeze?: { rows: number; columns: number };
  private tabColor?: string;
  private page?: Omit<PageSetup, "printArea">;

  constructor(private readonly name: string) {}

  /** Puts a cell at a 0-based row and column, replacing what was there. Returns its A1 address. */
  put(row: number, col: number, cell: Cell): string {
    let r = this.cells.get(row);
    if (!r) this.cells.set(row, (r = new Map()));
    r.set(col, cell);
    if (row > this.maxRow) this.maxRow = row;
    if (col > this.maxCol) this.maxCol = col;
    return a1(row, col);
  }

  /** Puts a cell at an A1 address. */
  at(ref: string, cell: Cell): string {
    const { row, col } = parseA1(ref);
    return this.put(row, col, cell);
  }

  /** Puts cells left to right from (row, col); null leaves a cell empty. */
  row(row: number, col: number, cells: readonly (Cell | null)[]): void {
    cells.forEach((cell, i) => cell && this.put(row, col + i, cell));
  }

  width(col: number, width: number): this {
    this.columns.push({ col, width });
    return this;
  }

  merge(ref: string): this {
    this.merges.push(ref);
    return this;
  }

  /** A sheet-scoped name for a cell or range of this sheet. */
  define(name: string, ref: string, comment?: string): this {
    this.names.push(comment ? { name, ref, comment } : { name, ref });
    return this;
  }

  validate(v: DataValidation): this {
    this.validations.push(v);
    return this;
  }

  highlight(cf: ConditionalFormat): this {
    this.conditionalFormats.push(cf);
    return this;
  }

  chart(c: Chart): this {
    this.charts.push(c);
    return this;
  }

  freezePanes(rows: number, columns: number): this {
    this.freeze = { rows, columns };
    return this;
  }

  tab(color: string): this {
    this.tabColor = color;
    return this;
  }

  /**
   * How the sheet prints: landscape, one page wide, at most `pagesTall` pages down. The print area
   * is worked out when the model is built: every cell and every chart.
   */
  printOn(page: { kind: string; name: string; detail: string; pagesTall: number; titleRows?: string; titleColumns?: string }): this {
    const name = page.name.trim();
    this.page = {
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: page.pagesTall,
      title: name === "" ? page.kind : `${page.kind}: ${name}`,
      detail: page.detail,
      ...(page.titleRows ? { printTitleRows: page.titleRows } : {}),
      ...(page.titleColumns ? { printTitleColumns: page.titleColumns } : {}),
    };
    return this;
  }

  /** The last column holding a cell or a chart. */
  private lastColumn(): number {
    return Math.max(this.maxCol, ...this.charts.map((c) => parseRange(c.anchor).col + parseRange(c.anchor).cols - 1));
  }

  /** A1 to the last row and column holding a cell or a chart. */
  private usedRange(): string {
    const rows = Math.max(this.maxRow, ...this.charts.map((c) => parseRange(c.anchor).row + parseRange(c.anchor).rows - 1));
    return `A1:${a1(Math.max(0, rows), Math.max(0, this.lastColumn()))}`;
  }

  /**
   * The model. Columns widen to their widest likely figure, figures shrink to fit beyond it, and
   * text that would be cut off wraps (see ./fit.ts), so no sheet shows "###" or half a label.
   */
  build(): SheetModel {
    const fitted = fitContent({
      cells: this.cells,
      widths: new Map(this.columns.map((c) => [c.col, c.width])),
      merges: this.merges,
      lastCol: this.lastColumn(),
    });
    for (const [col, width] of fitted.widths) this.columns.push({ col, width });
    for (const key of fitted.wrap) {
      const [row, col] = key.split(",").map(Number);
      const cell = this.cells.get(row)!.get(col)!;
      this.cells.get(row)!.set(col, { ...cell, wrap: true });
    }
    for (const key of fitted.shrink) {
      const [row, col] = key.split(",").map(Number);
      const cell = this.cells.get(row)!.get(col)!;
      this.cells.get(row)!.set(col, { ...cell, shrink: true });
    }
    const rowHeights = [...fitted.lines].sort((a, b) => a[0] - b[0]).map(([row, lines]) => ({ row, height: lines * POINTS_PER_LINE }));
    const rows: (Cell | null)[][] = [];
    for (let r = 0; r <= this.maxRow; r++) {
      const line: (Cell | null)[] = new Array(this.maxCol + 1).fill(null);
      const cells = this.cells.get(r);
      if (cells) for (const [c, cell] of cells) line[c] = cell;
      rows.push(line);
    }
    for (const n of this.names) parseRange(n.ref);
    return {
      name: this.name,
      blocks: rows.length > 0 ? [{ at: "A1", rows }] : [],
      columns: this.columns,
      merges: this.merges,
      names: this.names,
      validations: this.validations,
      conditionalFormats: this.conditionalFormats,
      charts: this.charts,
      ...(this.freeze ? { freeze: this.freeze } : {}),
      ...(this.tabColor ? { tabColor: this.tabColor } : {}),
      ...(this.page ? { page: { ...this.page, printArea: this.usedRange() } } : {}),
      ...(rowHeights.length > 0 ? { rowHeights } : {}),
    };
  }
}
