/**
 * The calculator's "Download .xlsx" button as data (sheet-actions.ts sheetDownloadView, for
 * view-model.ts CALCULATOR_SHEET) and the file it names (download.ts). The button itself, in a
 * browser, is driven by test/e2e/taskpane.test.ts.
 */
import { BLANK_PROFILE, findPreset } from "../../src/core/presets";
import { sheetFileName } from "../../src/taskpane/sheet-output";
import { sheetDownloadedMessage, sheetDownloadView } from "../../src/taskpane/sheet-actions";
import { CALCULATOR_SHEET } from "../../src/taskpane/view-model";

const downloadView = (problemCount: number, host: "checking" | "excel" | "outside", busy: boolean) =>
  sheetDownloadView(CALCULATOR_SHEET, problemCount, host, busy);
const downloadedMessage = (fileName: string) => sheetDownloadedMessage(CALCULATOR_SHEET, fileName);

describe("the download button", () => {
  test("shows outside Excel only, and works there with a valid profile", () => {
    expect(downloadView(0, "outside", false)).toEqual({ visible: true, enabled: true, busy: false, label: "Download .xlsx", reason: "" });
    expect(downloadView(0, "excel", false)).toMatchObject({ visible: false, enabled: false });
    expect(downloadView(0, "checking", false)).toMatchObject({ visible: false, enabled: false });
  });

  test("stays focusable but refuses, saying why, while a field is wrong", () => {
    expect(downloadView(1, "outside", false)).toMatchObject({ visible: true, enabled: false, reason: "Fix the field marked above to download the workbook." });
    expect(downloadView(3, "outside", false)).toMatchObject({ enabled: false, reason: "Fix the 3 fields marked above to download the workbook." });
  });

  test("not twice at once", () => {
    expect(downloadView(0, "outside", true)).toMatchObject({ visible: true, enabled: false, busy: true, label: "Preparing the workbook…" });
  });

  test("the outcome in words", () => {
    expect(downloadedMessage("Mid-market center.xlsx")).toBe(
      "Downloaded 'Mid-market center.xlsx': the calculator in native Excel formulas, for Excel or LibreOffice.",
    );
  });
});

describe("the file name", () => {
  test("is the scenario's name, made safe for a file system", () => {
    expect(sheetFileName("calculator", findPreset("mid-market")!.profile)).toBe("Mid-market center.xlsx");
    expect(sheetFileName("calculator", { ...BLANK_PROFILE, name: 'Q3: "EMEA"/APAC?' })).toBe("Q3 EMEA APAC.xlsx");
  });

  test("is the sheet's name when the scenario has none", () => {
    expect(sheetFileName("calculator", { ...BLANK_PROFILE, name: "   " })).toBe("Token Calculator.xlsx");
  });
});
