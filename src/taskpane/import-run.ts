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
  /** Refused; `need` says what the analyst can give to get further (the month, or a column mapping with its preview). */
  | { readonly kind: "error"; readonly code: InputErrorCode; readonly message: string; readonly need?: "month" | "mapping"; readonly preview?: UsagePreview };

const refused = (e: InputError, need?: "month" | "mapping", preview?: UsagePreview): ImportRun => ({
  kind: "error",
  code: e.code,
  message: e.message,
  ...(need ? { need } : {}),
  ...(preview ? { preview } : {}),
});

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
