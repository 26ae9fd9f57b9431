/**
 * Starts a usage import in the import worker and follows it: progress while it reads and imports,
 * the result as the core's own Result (an InputError for a refused file), and a cancel that ends
 * the worker at once. Where workers are unavailable, the import runs here, in one piece.
 */
import { getCard } from "../core/cards";
import { InputError, type Result } from "../core/errors";
import { importUsageCsv, type UsageImport } from "../core/usage-import";
import type { ImportProgress, ImportReply } from "./import-protocol";

export type ImportEnd = Result<UsageImport> | "cancelled";

export interface ImportJob {
  readonly result: Promise<ImportEnd>;
  /** Ends the import: the result is "cancelled" and nothing of the file is kept. */
  cancel(): void;
}

function inThisThread(input: string | Blob, card: string): ImportJob {
  let cancelled = false;
  const result = (async (): Promise<ImportEnd> => {
    const text = typeof input === "string" ? input : await input.text();
    if (cancelled) return "cancelled";
    const c = getCard(card);
    return c instanceof InputError ? c : importUsageCsv(text, { card: c });
  })();
  return { result, cancel: () => (cancelled = true) };
}

export function startImport(input: string | Blob, card: string, onProgress: (p: ImportProgress) => void): ImportJob {
  if (typeof Worker === "undefined") return inThisThread(input, card);
  const worker = new Worker(/* webpackChunkName: "import-worker" */ new URL("./import-worker.ts", import.meta.url));
  let settle: (end: ImportEnd) => void = () => undefined;
  const result = new Promise<ImportEnd>((resolve) => (settle = resolve));
  const finish = (end: ImportEnd) => {
    worker.terminate();
    settle(end);
  };
  worker.onmessage = (e: MessageEvent<ImportReply>) => {
    const m = e.data;
    if (m.kind === "progress") onProgress(m);
    else if (m.kind === "done") finish(m.imported);
    else if (m.kind === "error") finish(new InputError(m.code, m.message));
    else finish(new InputError("value", `The import stopped: ${m.message}`));
  };
  worker.onerror = (e) => {
    e.preventDefault();
    finish(new InputError("value", "The import could not run in this browser."));
  };
  worker.postMessage({ input, card });
  return { result, cancel: () => finish("cancelled") };
}
