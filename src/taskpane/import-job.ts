/**
 * Starts a usage import in the import worker and follows it: progress while it reads and imports,
 * the result as an ImportRun (done, or refused with what the analyst can give), and a cancel that ends
 * the worker at once. Where workers are unavailable, the import runs here, in one piece.
 */
import type { ImportProgress, ImportReply } from "./import-protocol";
import { runUsageImport, type ImportHowData, type ImportRun } from "./import-run";

export type ImportEnd = ImportRun | "cancelled";

export interface ImportJob {
  readonly result: Promise<ImportEnd>;
  /** Ends the import: the result is "cancelled" and nothing of the file is kept. */
  cancel(): void;
}

function inThisThread(input: string | Blob, card: string, how: ImportHowData): ImportJob {
  let cancelled = false;
  const result = (async (): Promise<ImportEnd> => {
    const text = typeof input === "string" ? input : await input.text();
    if (cancelled) return "cancelled";
    return runUsageImport(text, card, how);
  })();
  return { result, cancel: () => (cancelled = true) };
}

export function startImport(input: string | Blob, card: string, how: ImportHowData, onProgress: (p: ImportProgress) => void): ImportJob {
  if (typeof Worker === "undefined") return inThisThread(input, card, how);
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
    else if (m.kind === "run") finish(m.run);
    else finish({ kind: "error", code: "value", message: `The import stopped: ${m.message}` });
  };
  worker.onerror = (e) => {
    e.preventDefault();
    finish({ kind: "error", code: "value", message: "The import could not run in this browser." });
  };
  worker.postMessage({ input, card, how });
  return { result, cancel: () => finish("cancelled") };
}
