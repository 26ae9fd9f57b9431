/** The messages between the taskpane and its import worker (import-worker.ts). */
import type { InputErrorCode } from "../core/errors";
import type { UsageImport } from "../core/usage-import";

export interface ImportRequest {
  /** Pasted text, or a file the worker reads itself. */
  readonly input: string | Blob;
  /** The rate card's id: the card itself holds functions and does not cross threads. */
  readonly card: string;
  /** Keep the import's row list (default: dropped, the pane shows totals only). */
  readonly keepRows?: boolean;
}

export interface ImportProgress {
  readonly phase: "reading" | "importing";
  /** Bytes read (reading) of `total`; 0 of the text's length while importing (one step, no partial count). */
  readonly done: number;
  readonly total: number;
}

export type ImportReply =
  | ({ readonly kind: "progress" } & ImportProgress)
  | { readonly kind: "done"; readonly imported: UsageImport }
  /** The core refused the text (an InputError, which does not cross threads as a class). */
  | { readonly kind: "error"; readonly code: InputErrorCode; readonly message: string }
  /** The worker itself failed (a bug, out of memory). */
  | { readonly kind: "failed"; readonly message: string };
