/**
 * A hand-made fake Excel.RequestContext that records every queued operation (method call,
 * property write, load) and every context.sync(), for counting: the benchmark's and the tests'
 * measure of how much a write sends to Excel. Any property path exists (a Proxy makes it up on
 * first use), so it accepts whatever the writer queues; only the values the writer reads are
 * scripted: the sheet names, the protection flag and isNullObject, each readable only after a
 * load and a sync, as in Office.
 */

export interface RecordedOp {
  readonly kind: "call" | "set" | "load";
  /** e.g. "workbook.worksheets.add(1).getRange" for a call, "...getRange(3).formulas" for a write. */
  readonly path: string;
  readonly args?: readonly unknown[];
  readonly value?: unknown;
  /** 1 for operations sent by the first sync, 2 for the second... */
  readonly batch: number;
}

export interface RecordingOptions {
  readonly sheetNames?: readonly string[];
  readonly protected?: boolean;
  /** Makes the n-th sync (1-based) reject with this error. */
  readonly failSync?: Readonly<Record<number, unknown>>;
  readonly isNullObject?: boolean;
}

export interface RecordingContext {
  readonly context: Excel.RequestContext;
  readonly ops: RecordedOp[];
  syncs(): number;
  /** Operations sent by each sync, in order. */
  opsPerSync(): number[];
}

export function recordingContext(options: RecordingOptions = {}): RecordingContext {
  const ops: RecordedOp[] = [];
  const loaded = new Set<string>();
  let pendingLoads: string[] = [];
  let syncs = 0;
  let calls = 0;
  const counts: number[] = [];
  let sinceSync = 0;

  const record = (op: Omit<RecordedOp, "batch">) => {
    ops.push({ ...op, batch: syncs + 1 });
    sinceSync++;
  };

  const sync = async () => {
    syncs++;
    counts.push(sinceSync);
    sinceSync = 0;
    const failure = options.failSync?.[syncs];
    if (failure !== undefined) {
      pendingLoads = [];
      throw failure;
    }
    for (const p of pendingLoads) loaded.add(p);
    pendingLoads = [];
  };

  const readable = (owner: string, prop: string) => {
    if (!loaded.has(owner)) throw new Error(`${owner}.${prop} read before load and sync`);
  };

  const scripted = (owner: string, prop: string): { value: unknown } | undefined => {
    if (owner === "workbook.worksheets" && prop === "items") {
      readable(owner, prop);
      return { value: (options.sheetNames ?? ["Token Calculator", "Sheet1"]).map((name) => ({ name })) };
    }
    if (owner === "workbook.protection" && prop === "protected") {
      readable(owner, prop);
      return { value: options.protected ?? false };
    }
    if (prop === "isNullObject") {
      readable(owner, prop);
      return { value: options.isNullObject ?? false };
    }
    return undefined;
  };

  const node = (path: string): any => {
    const written = new Map<string, unknown>();
    return new Proxy(() => undefined, {
      get(_target, prop) {
        if (typeof prop === "symbol" || prop === "then") return undefined;
        if (path === "" && prop === "sync") return sync;
        if (prop === "load") {
          return (what?: unknown) => {
            record({ kind: "load", path, args: [what] });
            pendingLoads.push(path);
          };
        }
        const s = scripted(path, prop);
        if (s) return s.value;
        if (written.has(prop)) return written.get(prop);
        return node(path ? `${path}.${prop}` : prop);
      },
      set(_target, prop, value) {
        if (typeof prop === "symbol") return false;
        written.set(prop, value);
        record({ kind: "set", path: `${path}.${prop}`, value });
        return true;
      },
      apply(_target, _this, args) {
        record({ kind: "call", path, args });
        return node(`${path}(${++calls})`);
      },
    });
  };

  return {
    context: node("") as Excel.RequestContext,
    ops,
    syncs: () => syncs,
    opsPerSync: () => [...counts],
  };
}
