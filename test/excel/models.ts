/** Sheet models for the writer's tests and benchmark, built with SheetBuilder like the real sheets. */
import { SheetBuilder } from "../../src/sheets/builder";
import { columnLetters } from "../../src/sheets/a1";
import type { SheetModel } from "../../src/sheets/model";

/**
 * A calculator-sized sheet: title, user text that looks like formulas, inputs, formulas, a name,
 * validations, a conditional format, a chart, a note, widths, a merge, frozen rows and a tab colour.
 */
export function smallModel(name = "Token Calculator"): SheetModel {
  const b = new SheetBuilder(name);
  b.at("A1", { value: "Token Calculator", style: "title" });
  b.merge("A1:D1");
  b.at("A2", { value: "Rate card: study notes", style: "note" });
  b.at("A3", { value: "Scenario", style: "label" });
  b.at("B3", { value: '=HYPERLINK("http://evil.example","x")', style: "input", note: "Your scenario name" });
  b.at("A4", { value: "Copilot users", style: "label" });
  b.at("B4", { value: 200, style: "input", format: "#,##0" });
  b.at("A5", { value: "Tokens per user", style: "label" });
  b.at("B5", { value: 55, style: "input", format: "#,##0" });
  b.at("A6", { value: "Total tokens", bold: true });
  b.at("B6", { formula: "=B4*B5", result: 11000, style: "output", format: "#,##0" });
  b.at("A7", { value: "+44 20 7946 0000" });
  b.at("B7", { value: "-5 users" });
  b.at("C7", { value: "@home" });
  b.at("D7", { value: true, align: "center" });
  b.at("A8", { value: "Currency", style: "label", wrap: true });
  b.at("B8", { value: "USD", style: "input" });
  b.width(0, 30).width(1, 14).width(2, 14).width(3, 10);
  b.define("TotalTokens", "B6", "Total monthly tokens");
  b.validate({ range: "B4:B5", type: "whole", min: 0, prompt: "A whole number of at least 0" });
  b.validate({ range: "B8", type: "list", values: ["USD", "EUR", "GBP"] });
  b.highlight({ range: "B6", formula: "=B6>10000", style: "bad" });
  b.chart({ type: "column", title: "Tokens by line", categories: "A4:A5", series: [{ name: "Inputs", values: "B4:B5" }], anchor: "F2:L14" });
  b.freezePanes(2, 0);
  b.tab("1f6fb2");
  b.printOn({ kind: "Token calculator", name: "Q&A desk", detail: "Study notes card, 2026-03", pagesTall: 2, titleRows: "1:2", titleColumns: "A:A" });
  return b.build();
}

/**
 * A big regular sheet: `rows` rows of `cols` columns (text label, inputs, formulas), styled and
 * formatted by column as a generated table would be.
 */
export function bigModel(rows = 500, cols = 14, name = "Token Calculator"): SheetModel {
  const b = new SheetBuilder(name);
  for (let r = 0; r < rows; r++) {
    b.put(r, 0, { value: `Line ${r + 1}`, style: "label" });
    for (let c = 1; c < cols; c++) {
      if (c <= 3) b.put(r, c, { value: r * cols + c, style: "input", format: "#,##0" });
      else if (c === cols - 1) b.put(r, c, { formula: `=SUM(B${r + 1}:D${r + 1})`, style: "total", format: "#,##0", bold: true });
      else b.put(r, c, { formula: `=B${r + 1}*${c}`, style: "calculation", format: c % 2 ? "0.0%" : "#,##0" });
    }
  }
  for (let c = 0; c < cols; c++) b.width(c, c === 0 ? 24 : 12);
  const last = columnLetters(cols - 1);
  b.define("Total", `${last}1:${last}${rows}`);
  b.validate({ range: `B1:D${rows}`, type: "decimal", min: 0 });
  b.highlight({ range: `${last}1:${last}${rows}`, formula: `=${last}1>1000`, style: "neutral" });
  b.freezePanes(1, 1);
  return b.build();
}
