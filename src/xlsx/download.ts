/**
 * The taskpane's "Download .xlsx" outside Excel: writes sheet models to a workbook in the browser
 * and hands it to the user as a file. The writer and ExcelJS (bundled writer-only, about 100 KB gzip:
 * see webpack.config.js) are loaded on the first download only, as a chunk of their own, so the
 * taskpane's first load stays small.
 */
import type { SheetModel } from "../sheets/model";

export const XLSX_MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** How long the object URL outlives the click: revoked at once, some browsers cancel the download (FileSaver.js waits 40 s). */
export const REVOKE_AFTER_MS = 40_000;

/** A file name ending in .xlsx, without characters that file systems refuse. */
export function xlsxFileName(wanted: string): string {
  const base = wanted
    .replace(/\.xlsx$/i, "")
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  return `${base || "workbook"}.xlsx`;
}

/**
 * Writes the models to an .xlsx workbook and starts its download as `fileName`. Rejects with the
 * writer's error when a model cannot be written; nothing is downloaded then.
 */
export async function downloadWorkbook(models: readonly SheetModel[], fileName: string): Promise<void> {
  const { writeWorkbook } = await import(/* webpackChunkName: "xlsx-writer" */ "./write-workbook");
  const bytes = await writeWorkbook(models);
  const blob = new Blob([bytes as BlobPart], { type: XLSX_MIME_TYPE });
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = xlsxFileName(fileName);
    link.rel = "noopener";
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
