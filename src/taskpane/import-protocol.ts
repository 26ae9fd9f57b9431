/** The messages between the taskpane and its import worker (import-worker.ts). */
import type { ImportHowData, ImportRun } from "./import-run";

export interface ImportRequest {
  /** Pasted text, or a file the worker reads itself. */
  readonly input: string | Blob;
  /** The rate card's id: the card itself holds functions and does not cross threads. */
  readonly card: string;
  /** Keep the import's row list (default: dropped, the pane shows totals only). */
  readonly keepRows?: boolean;
  /** The analyst's column mapping, the remembered mappings, the month of rows without dates. */
  readonly how?: ImportHowData;
}

export interface ImportProgress {
  readonly phase: "reading" | "importing";
  /** Bytes read (reading) of `total`; 0 of the text's length while importing (one step, no partial count). */
  readonly done: number;
  readonly total: number;
}

export type ImportReply =
  | ({ readonly kind: "progress" } & ImportProgress)
  /** The import's outcome: done, or refused (an InputError does not cross threads as a class: plain data). */
  | { readonly kind: "run"; readonly run: ImportRun }
  /** The worker itself failed (a bug, out of memory). */
  | { readonly kind: "failed"; readonly message: string };
