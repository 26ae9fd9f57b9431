/** The write plan: pure, so tested without any Excel. */
import { chunkAddresses, columnWidthPoints, excelText, formulaCell, groupRectangles, planSheet, type Rect } from "../../src/excel/plan";
import { SheetBuilder } from "../../src/sheets/builder";
import { bigModel, smallModel } from "./models";

describe("excelText: a model string stays that text in Excel", () => {
  it.each([
    ["plain text", "Copilot users", "Copilot users"],
    ["empty", "", ""],
    ["formula-looking", "=SUM(A1:A3)", "'=SUM(A1:A3)"],
    ["leading plus", "+44 20 7946 0000", "'+44 20 7946 0000"],
    ["leading minus", "-5 users", "'-5 users"],
    ["leading at", "@home", "'@home"],
    ["space then equals", " =1+1", "' =1+1"],
    ["a leading apostrophe of its own", "'quoted'", "''quoted'"],
    ["error literal", "#N/A", "'#N/A"],
    ["boolean word", "TRUE", "'TRUE"],
    ["boolean word, lower case", " false ", "' false "],
    ["leading zeros", "00123", "'00123"],
    ["date-like", "1/2", "'1/2"],
    ["month and day", "May 5", "'May 5"],
    ["text with a digit", "Step 2", "'Step 2"],
    ["text with no digit", "Mid-Market", "Mid-Market"],
    ["word true inside text", "True north", "True north"],
  ])("%s: %j is written as %j", (_, text, written) => {
    expect(excelText(text)).toBe(written);
  });

  it("keeps numbers, booleans and formulas as they are", () => {
    expect(formulaCell({ value: 12.5 })).toBe(12.5);
    expect(formulaCell({ value: false })).toBe(false);
    expect(formulaCell({ value: null })).toBeNull();
    expect(formulaCell({ formula: "=A2*2", value: "ignored" })).toBe("=A2*2");
    expect(formulaCell(null)).toBeNull();
  });
});

describe("groupRectangles", () => {
  const cells = (grid: string[]) => grid.flatMap((line, row) => [...line].map((ch, col) => ({ row, col, value: ch })).filter((c) => c.value !== "."));

  it("merges equal runs on consecutive rows into rectangles", () => {
    const groups = groupRectangles(cells(["aab", "aab", "ccb"]));
    expect(groups.get("a")).toEqual<Rect[]>([{ row: 0, col: 0, rows: 2, cols: 2 }]);
    expect(groups.get("b")).toEqual<Rect[]>([{ row: 0, col: 2, rows: 3, cols: 1 }]);
    expect(groups.get("c")).toEqual<Rect[]>([{ row: 2, col: 0, rows: 1, cols: 2 }]);
  });

  it("does not bridge a gap in rows or columns", () => {
    const groups = groupRectangles(cells(["a.a", "...", "a.a"]));
    expect(groups.get("a")).toHaveLength(4);
  });

  it("covers every cell exactly once, for any pattern", () => {
    const values = ["x", "y", "z"];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const input = Array.from({ length: 400 }, () => ({ row: next() % 30, col: next() % 14, value: values[next() % 3] }));
    const expected = new Map(input.map((c) => [`${c.row},${c.col}`, c.value]));
    const covered = new Map<string, string>();
    for (const [value, rects] of groupRectangles(input)) {
      for (const r of rects) {
        for (let i = r.row; i < r.row + r.rows; i++) {
          for (let j = r.col; j < r.col + r.cols; j++) {
            expect(covered.has(`${i},${j}`)).toBe(false);
            covered.set(`${i},${j}`, value);
          }
        }
      }
    }
    expect(covered).toEqual(expected);
  });
});

describe("chunkAddresses", () => {
  it("joins ranges with commas and starts a new list before the limit", () => {
    const rects = Array.from({ length: 10 }, (_, i) => ({ row: i * 2, col: 0, rows: 1, cols: 2 }));
    expect(chunkAddresses(rects.slice(0, 2))).toEqual(["A1:B1,A3:B3"]);
    const chunks = chunkAddresses(rects, 20);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
    expect(chunks.join(",").split(",")).toHaveLength(10);
  });
});

describe("columnWidthPoints: characters of the default font to points", () => {
  it.each([
    [8.43, 48], // Excel's default column: 64 px
    [10, 56.25],
    [14, 77.25],
    [30, 161.25],
    [0, 0],
  ])("%d characters are %d points", (chars, points) => {
    expect(columnWidthPoints(chars)).toBe(points);
  });
});

describe("planSheet", () => {
  it("plans the small calculator without surprises", () => {
    const plan = planSheet(smallModel());
    expect(plan.blocks.map((b) => b.address)).toEqual(["A1:D8"]);
    expect(plan.styles).toEqual([
      { value: "SheetTitle", addresses: ["A1"] },
      { value: "ExplanatoryText", addresses: ["A2"] },
      { value: "Input", addresses: ["B3:B5,B8"] },
      { value: "Output", addresses: ["B6"] },
    ]);
    expect(plan.columns).toEqual([
      { address: "A:A", points: 161.25 },
      { address: "B:C", points: 77.25 },
      { address: "D:D", points: 56.25 },
    ]);
    expect(plan.notes).toEqual([{ address: "B3", text: "Your scenario name" }]);
    expect(plan.freeze).toEqual({ kind: "rows", count: 2 });
    expect(plan.tabColor).toBe("#1F6FB2");
  });

  it("plans 500 x 14 cells as one block and a few grouped format writes", () => {
    const plan = planSheet(bigModel(500, 14));
    expect(plan.blocks).toHaveLength(1);
    const writes = [...plan.styles, ...plan.bold, ...plan.align, ...plan.wrap].reduce((n, w) => n + w.addresses.length, 0);
    expect(writes).toBeLessThanOrEqual(5);
  });

  it("splits a checkerboard of styles into address lists Excel accepts", () => {
    const b = new SheetBuilder("Checks");
    for (let r = 0; r < 200; r++) for (let c = 0; c < 14; c++) b.put(r, c, { value: 1, style: (r + c) % 2 ? "input" : "calculation" });
    const plan = planSheet(b.build());
    for (const s of plan.styles) {
      expect(s.addresses.length).toBeGreaterThan(1);
      for (const a of s.addresses) expect(a.length).toBeLessThanOrEqual(2000);
      expect(s.addresses.join(",").split(",")).toHaveLength(1400);
    }
  });

  it("lets a later block win where blocks overlap", () => {
    const plan = planSheet({
      name: "Overlap",
      blocks: [
        { at: "A1", rows: [[{ value: 1, style: "input", bold: true }]] },
        { at: "A1", rows: [[{ value: 2, style: "output" }]] },
      ],
      columns: [],
      merges: [],
      names: [],
      validations: [],
      conditionalFormats: [],
      charts: [],
    });
    expect(plan.styles).toEqual([{ value: "Output", addresses: ["A1"] }]);
    expect(plan.bold).toEqual([]);
  });

  it("writes decimal bounds, and a column-and-line chart with its second series as a line", () => {
    const b = new SheetBuilder("Chart");
    b.at("A1", { value: "Jan" });
    b.at("A2", { value: "Feb" });
    b.validate({ range: "B1:B2", type: "decimal", min: 0, max: 1, prompt: "A share" });
    b.chart({
      type: "columnLine",
      title: "Budget",
      categories: "A1:A2",
      series: [
        { name: "Used", values: "B1:B2" },
        { name: "Allocation", values: "C1:C2" },
      ],
      anchor: "E1:J10",
    });
    b.freezePanes(0, 1);
    const plan = planSheet(b.build());
    expect(plan.validations[0].rule).toEqual({ decimal: { operator: "Between", formula1: 0, formula2: 1 } });
    expect(plan.validations[0].errorAlert.message).toBe("Enter a number from 0 to 1.");
    expect(plan.charts[0]).toEqual({
      type: "ColumnClustered",
      title: "Budget",
      seriesBy: "Columns",
      from: "E1",
      to: "J10",
      series: [
        { name: "Used", values: "B1:B2", categories: "A1:A2" },
        { name: "Allocation", values: "C1:C2", categories: "A1:A2", chartType: "Line" },
      ],
    });
    expect(plan.freeze).toEqual({ kind: "columns", count: 1 });
  });
});
