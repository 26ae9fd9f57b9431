/**
 * The usage import, off the taskpane's main thread: a Web Worker (bundled by webpack as
 * import-worker.js, allowed by the page's worker-src 'self') that reads a file or takes pasted text,
 * runs the usage import (import-run.ts) with the options given and posts the result back. It knows
 * nothing of the dashboard: what the import means for the form stays in dashboard-import.ts.
 * While it works the page keeps answering keys and clicks; the pane may end it at any time
 * (Cancel: worker.terminate()).
 */
import { runUsageImport } from "./import-run";
import type { ImportReply, ImportRequest } from "./import-protocol";

interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply): void;
}
const scope = globalThis as unknown as WorkerScope;

/** Reads a file as UTF-8 text in chunks, reporting the bytes read. */
async function readText(file: Blob, progress: (done: number) => void): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder("utf-8");
  const parts: string[] = [];
  let done = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    done += chunk.value.byteLength;
    parts.push(decoder.decode(chunk.value, { stream: true }));
    progress(done);
  }
  parts.push(decoder.decode());
  return parts.join("");
}

scope.onmessage = (e) => {
  void (async () => {
    const { input, card: cardId, keepRows, how } = e.data;
    try {
      let text: string;
      if (typeof input === "string") text = input;
      else {
        const total = input.size;
        text = await readText(input, (done) => scope.postMessage({ kind: "progress", phase: "reading", done, total }));
      }
      scope.postMessage({ kind: "progress", phase: "importing", done: 0, total: text.length });
      const run = runUsageImport(text, cardId, how);
      // The row list can be long (200,000 rows) and the pane shows only totals: dropped unless asked for,
      // so the reply is small and the main thread spends no time receiving it.
      scope.postMessage({ kind: "run", run: run.kind === "done" && !keepRows ? { kind: "done", imported: { ...run.imported, rows: [] } } : run });
    } catch (err) {
      scope.postMessage({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    }
  })();
};
