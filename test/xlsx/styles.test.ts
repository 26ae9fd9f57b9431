/**
 * Both writers give a model's named style the same Excel built-in cell style: the add-in sets it by
 * its Excel.BuiltInStyle name (src/excel/plan.ts), the .xlsx writer copies its look and names it
 * (src/xlsx/styles.ts). The names below are Excel's style gallery names and the values of the
 * office.js Excel.BuiltInStyle enum (learn.microsoft.com, javascript/api/excel/excel.builtinstyle).
 */
import { CONDITIONAL_COLOURS, EXCEL_STYLES } from "../../src/excel/plan";
import { CELL_STYLES } from "../../src/sheets/model";
import { XLSX_STYLES } from "../../src/xlsx/styles";

/** Excel's gallery name of a built-in style and its Excel.BuiltInStyle value. */
const BUILT_IN: Readonly<Record<string, string>> = {
  Title: "SheetTitle",
  "Heading 2": "Heading2",
  "Heading 3": "Heading3",
  Input: "Input",
  Output: "Output",
  Calculation: "Calculation",
  Total: "Total",
  "Explanatory Text": "ExplanatoryText",
  Good: "Good",
  Neutral: "Neutral",
  Bad: "Bad",
};

describe("named cell styles", () => {
  test.each([...CELL_STYLES])("%s is the same Excel built-in style in both writers", (style) => {
    const gallery = XLSX_STYLES[style].excelStyle;
    const enumValue = EXCEL_STYLES[style];
    if (gallery === undefined) expect(enumValue).toBeNull();
    else expect(BUILT_IN[gallery]).toBe(enumValue);
  });

  test("the .xlsx looks are Excel's (Office 2013 and later): Input peach, Output grey and bold, Total with a double bottom line", () => {
    expect(XLSX_STYLES.input).toMatchObject({ fill: { fgColor: { argb: "FFFFCC99" } }, font: { color: { argb: "FF3F3F76" } }, unlocked: true });
    expect(XLSX_STYLES.output).toMatchObject({ fill: { fgColor: { argb: "FFF2F2F2" } }, font: { bold: true, color: { argb: "FF3F3F3F" } } });
    expect(XLSX_STYLES.total.border?.bottom?.style).toBe("double");
    // Only inputs are unlocked: protecting a sheet leaves just them editable.
    expect(CELL_STYLES.filter((s) => XLSX_STYLES[s].unlocked)).toEqual(["input"]);
  });

  test("conditional formats take the colours of the Good, Neutral and Bad styles in both writers", () => {
    for (const s of ["good", "neutral", "bad"] as const) {
      const x = XLSX_STYLES[s];
      expect((x.fill as { fgColor: { argb: string } }).fgColor.argb).toBe(`FF${CONDITIONAL_COLOURS[s].fill.slice(1)}`);
      expect(x.font?.color?.argb).toBe(`FF${CONDITIONAL_COLOURS[s].font.slice(1)}`);
    }
  });
});
