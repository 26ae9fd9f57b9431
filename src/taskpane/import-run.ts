/**
 * One usage import as plain data: the core's import with the analyst's mapping, a remembered mapping
 * or the month of rows without dates, and its outcome in a form that crosses threads (the core's
 * error classes do not survive postMessage). The import worker and the in-page fallback both run it;
 * what the outcome means for the dashboard form stays in dashboard-import.ts.
 */
import { getCard } from "../core/cards";
import { InputError, type InputErrorCode } from "../core/errors";
import {
  importUsage,
  MonthNeededError,
  previewUsage,
  UnknownColumnsError,
  type ColumnMapping,
  type UsageImport,
  type UsagePreview,
} from "../core/usage-import";

/** How to read a file: the analyst's mapping, the remembered mappings by header signature, the month of rows without dates. */
export interface ImportHowData {
  readonly mapping?: ColumnMapping;
  readonly remembered?: Readonly<Record<string, ColumnMapping>>;
  /** YYYY-MM: the month of an export whose rows carry no date. */
  readonly month?: string;
}

export type ImportRun =
  | { readonly kind: "done"; readonly imported: UsageImport }
  /**
   * Refused; `need` says what the analyst can give to get further (the month, or a column mapping with
   * its preview, of the first PREVIEW_COLUMNS columns; `columns` is the file's count when it has more).
   */
  | {
      readonly kind: "error";
      readonly code: InputErrorCode;
      readonly message: string;
      readonly need?: "month" | "mapping";
      readonly preview?: UsagePreview;
      readonly columns?: number;
    };

/**
 * Columns a preview offers for mapping (usage exports have a few dozen). A header of 200,000 columns
 * would otherwise cross to the page as 15 MB and become 200,000 options in each column picker and a
 * table of 200,000 columns, holding the page for seconds.
 */
export const PREVIEW_COLUMNS = 100;
/** A longer header signature is never remembered (import-mapping.ts): cut, it stays unremembered and light. */
const SIGNATURE_MAX = 2001;

/** The preview with its first PREVIEW_COLUMNS columns, and the file's column count when it had more. */
export function boundedPreview(preview: UsagePreview): { preview: UsagePreview; columns?: number } {
  const columns = preview.header.length;
  const signature = preview.signature.length > SIGNATURE_MAX ? preview.signature.slice(0, SIGNATURE_MAX) : preview.signature;
  if (columns <= PREVIEW_COLUMNS) return { preview: signature === preview.signature ? preview : { ...preview, signature } };
  return {
    preview: {
      ...preview,
      header: preview.header.slice(0, PREVIEW_COLUMNS),
      rows: preview.rows.map((r) => r.slice(0, PREVIEW_COLUMNS)),
      values: preview.values.slice(0, PREVIEW_COLUMNS),
      signature,
    },
    columns,
  };
}

const refused = (e: InputError, need?: "month" | "mapping", full?: UsagePreview): ImportRun => {
  const shown = full ? boundedPreview(full) : undefined;
  return {
    kind: "error",
    code: e.code,
    message: e.message,
    ...(need ? { need } : {}),
    ...(shown ? { preview: shown.preview } : {}),
    ...(shown?.columns !== undefined ? { columns: shown.columns } : {}),
  };
};

/** Imports `text` on the card `cardId`; with no mapping given, a remembered one for the file's header is used. */
export function runUsageImport(text: string, cardId: string, how: ImportHowData = {}): ImportRun {
  const card = getCard(cardId);
  if (card instanceof InputError) return refused(card);
  let mapping = how.mapping;
  if (!mapping && how.remembered) {
    const preview = previewUsage(text);
    if (!(preview instanceof InputError)) mapping = how.remembered[preview.signature];
  }
  const month = how.month?.trim() ? how.month.trim() : undefined;
  const imp = importUsage(text, { card, ...(mapping ? { mapping } : {}), ...(month ? { month } : {}) });
  if (!(imp instanceof InputError)) return { kind: "done", imported: imp };
  if (imp instanceof MonthNeededError) return refused(imp, "month");
  if (imp instanceof UnknownColumnsError || how.mapping) {
    const preview = previewUsage(text);
    if (!(preview instanceof InputError)) return refused(imp, "mapping", preview);
  }
  return refused(imp);
}
