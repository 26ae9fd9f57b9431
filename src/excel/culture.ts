/**
 * Excel's own number separators (Application.cultureInfo, ExcelApi 1.11), so text typed in the pane
 * is read as the analyst's Excel reads it. Undefined where the host cannot say (an older Excel).
 */
import type { Separators } from "../core/input-rules";

export async function excelSeparators(): Promise<Separators | undefined> {
  if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported("ExcelApi", "1.11")) return undefined;
  try {
    return await Excel.run(async (context) => {
      const format = context.application.cultureInfo.numberFormat;
      format.load("numberDecimalSeparator,numberGroupSeparator");
      await context.sync();
      const decimal = format.numberDecimalSeparator;
      const group = format.numberGroupSeparator.replace(/[\s\u00a0\u202f]/g, "");
      return decimal ? { decimal, group: group === decimal ? "" : group } : undefined;
    });
  } catch {
    return undefined;
  }
}
