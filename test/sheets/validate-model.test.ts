/**
 * One check of a sheet model for both writers: each broken model below is refused by validateModel
 * with its sentence, and the Excel writer's plan and the .xlsx writer refuse it with the same one.
 */
import { planSheet } from "../../src/excel/plan";
import { buildBudgetSheet } from "../../src/sheets/budget";
import { SheetBuilder } from "../../src/sheets/builder";
import { buildCalculatorSheet } from "../../src/sheets/calculator";
import { buildDashboardSheet } from "../../src/sheets/dashboard";
import { EXCEL_LIMITS, InvalidModelError, modelProblems, validateModel } from "../../src/sheets/validate-model";
import { buildWorkbook } from "../../src/xlsx/write-workbook";
import { CALCULATOR_PRESETS, BUDGET_PRESETS, MARCH_2026 } from "../../src/core";

const BROKEN: readonly [string, (b: SheetBuilder) => unknown, string][] = [
  ["a formula without its equals sign", (b) => b.at("C3", { formula: "A1+1" }), 'Bad!C3: a formula must start with "=", got "A1+1"'],
  ["NaN in a cell", (b) => b.at("B2", { value: Number.NaN }), "Bad!B2: NaN is not a number a cell can hold"],
  ["an infinite number", (b) => b.at("B2", { value: -Infinity }), "Bad!B2: -Infinity is not a number a cell can hold"],
  ["text longer than a cell holds", (b) => b.at("A2", { value: "x".repeat(EXCEL_LIMITS.cellText + 1) }), "Bad!A2: text longer than Excel's 32767 characters"],
  ["a list item with a comma", (b) => b.validate({ range: "A1", type: "list", values: ["a,b"] }), 'Bad!A1: list item "a,b" is empty or holds a comma'],
  ["an empty list", (b) => b.validate({ range: "A1", type: "list", values: [] }), "Bad!A1: a list validation needs at least one value"],
  [
    "a list longer than Excel's 255 characters",
    (b) => b.validate({ range: "A1", type: "list", values: Array.from({ length: 60 }, (_, i) => `item${i}`) }),
    "Bad!A1: the list is longer than Excel's 255 characters",
  ],
  ["inverted bounds", (b) => b.validate({ range: "A1", type: "whole", min: 5, max: 1 }), "Bad!A1: validation bounds 5..1 are not a range"],
  ["a bad address", (b) => b.merge("A1:ZZZZ9"), "Bad!A1:ZZZZ9: merge: not an A1 range of this sheet"],
  ["a range off the grid", (b) => b.merge("A1048576:A1048577"), "Bad!A1048576:A1048577: merge: outside Excel's grid"],
  ["a name that is a cell", (b) => b.define("AB12", "A1"), 'Bad!A1: "AB12" is not a valid Excel name'],
  ["a name with a space", (b) => b.define("Total Tokens", "A1"), 'Bad!A1: "Total Tokens" is not a valid Excel name'],
  ["a name defined twice", (b) => b.define("Total", "A1").define("TOTAL", "A2"), 'Bad!A2: the name "TOTAL" is defined twice'],
  ["a tab colour that is not #RRGGBB", (b) => b.tab("blue"), 'Bad!tab: colour "blue" is not a #RRGGBB colour'],
  [
    "a chart without series",
    (b) => b.chart({ type: "pie", title: "P", categories: "A1:A2", series: [], anchor: "C1:D4" }),
    "Bad!C1:D4: chart 1 (P): no series",
  ],
  ["a negative column width", (b) => b.width(2, -1), "Bad!columns: column 3: width -1 is not a width"],
  [
    "a conditional format without its equals sign",
    (b) => b.highlight({ range: "A1:A3", formula: "A1>1", style: "bad" }),
    'Bad!A1:A3: a conditional format\'s formula must start with "="',
  ],
];

describe("validateModel: one verdict for both writers", () => {
  test.each(BROKEN)("refuses %s, in both writers, with the same sentence", (_, edit, message) => {
    const b = new SheetBuilder("Bad");
    b.at("A1", { value: 1 });
    edit(b);
    const model = b.build();
    expect(modelProblems(model)).toEqual([message]);
    expect(() => validateModel(model)).toThrow(new InvalidModelError(message));
    expect(() => planSheet(model)).toThrow(new InvalidModelError(message));
    expect(() => buildWorkbook([model])).toThrow(new InvalidModelError(message));
  });

  test("several problems: the first three, and how many more", () => {
    const b = new SheetBuilder("Bad");
    for (let i = 0; i < 5; i++) b.at(`A${i + 1}`, { value: Number.NaN });
    expect(() => validateModel(b.build())).toThrow(/^Bad!A1: NaN .*; Bad!A3: NaN is not a number a cell can hold; and 2 more$/);
  });

  test("every sheet the add-in builds passes", () => {
    const models = [
      ...CALCULATOR_PRESETS.map((p) => buildCalculatorSheet(p.profile)),
      ...BUDGET_PRESETS.map((p) => buildBudgetSheet(p.plan)),
      buildDashboardSheet(MARCH_2026),
    ];
    for (const m of models) expect(modelProblems(m)).toEqual([]);
  });
});
