/**
 * Why inserting a sheet failed, in words for the taskpane, with Excel's own error kept as `cause`
 * for the log. Office errors (OfficeExtension.Error) are recognised by their `code` only, so this
 * file needs no Office runtime.
 */

export type InsertErrorKind =
  "not-in-excel" | "unsupported" | "protected" | "read-only" | "cell-edit-mode" | "invalid-argument" | "name-taken" | "too-large" | "invalid-model" | "unknown";

export class InsertError extends Error {
  override readonly name = "InsertError";
  readonly kind: InsertErrorKind;
  /** What went wrong underneath: Excel's error (with `code` and `debugInfo`) or a JavaScript error. */
  readonly cause: unknown;
  /** Excel's error code, e.g. "InvalidArgument", when Excel reported one. */
  readonly officeCode?: string;
  /** A half-written sheet the writer could not remove; undefined when nothing was left behind. */
  readonly leftBehind?: string;

  constructor(kind: InsertErrorKind, message: string, options: { cause?: unknown; officeCode?: string; leftBehind?: string } = {}) {
    super(message);
    this.kind = kind;
    this.cause = options.cause;
    if (options.officeCode !== undefined) this.officeCode = options.officeCode;
    if (options.leftBehind !== undefined) this.leftBehind = options.leftBehind;
  }
}

/** The parts of an OfficeExtension.Error this module reads. */
interface OfficeLikeError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly debugInfo?: { readonly errorLocation?: unknown };
}

const MESSAGES = {
  protected: "The workbook is protected: unprotect it to insert a sheet.",
  "read-only": "Excel did not allow the change: the workbook may be read-only or protected. Open it for editing, then insert again.",
  "cell-edit-mode": "Excel is editing a cell: press Enter or Esc, then insert again.",
  "too-large": "The sheet is too large for Excel to insert in one step.",
  unsupported: "This version of Excel cannot insert the sheet: update Excel, or use Excel on the web.",
  "not-in-excel": "Open the add-in inside Excel to insert a sheet.",
} as const;

/** Office error codes and what they mean for someone inserting a sheet. */
const KINDS: Readonly<Record<string, Exclude<InsertErrorKind, "not-in-excel" | "invalid-model" | "unknown">>> = {
  InvalidOperation: "protected",
  AccessDenied: "read-only",
  InvalidOperationInCellEditMode: "cell-edit-mode",
  InvalidArgument: "invalid-argument",
  ItemAlreadyExists: "name-taken",
  RequestPayloadSizeLimitExceeded: "too-large",
  ResponsePayloadSizeLimitExceeded: "too-large",
  OperationCellsExceedLimit: "too-large",
  RangeExceedsLimit: "too-large",
  ApiNotFound: "unsupported",
  NotImplemented: "unsupported",
  UnsupportedFeature: "unsupported",
  UnsupportedOperation: "unsupported",
};

export const messageFor = (kind: keyof typeof MESSAGES): string => MESSAGES[kind];

/**
 * Maps an error thrown while inserting `sheetName` to an InsertError. `leftBehind` names a sheet
 * the writer added but could not delete again; the message then tells the user to delete it.
 */
export function toInsertError(error: unknown, sheetName?: string, leftBehind?: string): InsertError {
  if (error instanceof InsertError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as OfficeLikeError;
  const code = typeof e.code === "string" ? e.code : undefined;
  const detail = typeof e.message === "string" && e.message ? e.message : String(error);
  const location = typeof e.debugInfo?.errorLocation === "string" && e.debugInfo.errorLocation ? ` (${e.debugInfo.errorLocation})` : "";
  const kind = code !== undefined && Object.prototype.hasOwnProperty.call(KINDS, code) ? KINDS[code] : "unknown";
  let message: string;
  if (kind === "invalid-argument") message = `Excel rejected part of the sheet${location}: ${detail}`;
  else if (kind === "name-taken") message = `A sheet named "${sheetName ?? "?"}" appeared while inserting: insert again to pick another name.`;
  else if (kind === "unknown") message = `The sheet could not be inserted: ${detail}`;
  else message = MESSAGES[kind];
  if (leftBehind) message += ` A partly written sheet "${leftBehind}" could not be removed: delete it by hand.`;
  return new InsertError(kind, message, { cause: error, ...(code ? { officeCode: code } : {}), ...(leftBehind ? { leftBehind } : {}) });
}
