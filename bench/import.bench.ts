/**
 * Benchmark of the usage import: a usage report of 100,000 rows (a year of daily rows for AI
 * features and other billable resources, quoted fields, grouped quantities, CRLF) parsed into the
 * import's totals, then turned into a dashboard.
 *
 *   npx tsx bench/import.bench.ts              prints the figures
 *   runImportBench({ rows, runs })             returns them (for `npm run bench`)
 *
 * The text is generated once; each run imports it afresh (the median and the fastest run are
 * reported). The target is a ratio, set in bench/run.ts: the import within a number of bare Node
 * starts measured in the same run; the times here are reported, never checked against a clock.
 */
import { dashboardFromImport, importUsageCsv, InputError } from "../src/core";

export interface ImportBenchResult {
  readonly rows: number;
  readonly bytes: number;
  readonly runs: number;
  /** Median and fastest time of one import, in milliseconds. */
  readonly ms: number;
  readonly bestMs: number;
  readonly rowsPerSecond: number;
  /** Rows the import used and skipped (a check that the work was done). */
  readonly used: number;
  readonly skipped: number;
  /** Time to turn the import into a dashboard, in milliseconds. */
  readonly dashboardMs: number;
}

const RESOURCES = [
  ["Agent Copilot", "GC-AI-COPILOT", "Tokens"],
  ["Virtual Agent", "GC-AI-VIRTUALAGENT", "Tokens"],
  ["AI Scoring", "GC-AI-SCORING", "Tokens"],
  ["Voice Bot Minutes", "GC-AI-VOICEBOT", "Minutes"],
  ["Genesys Cloud AI Experience Tokens", "GC-170-NV-AIEXP", "Tokens"],
  ["IVR Overage Minutes", "GC-170-NV-IVROVG", "Minutes"],
  ["Data Storage Overage", "GC-170-NV-DSO", "GB"],
  ["SMS Messaging", "GC-170-NV-SMS", "Messages"],
] as const;

/** A usage report of `rows` data rows, shaped as the Genesys usage report (deterministic). */
export function usageReportText(rows: number): string {
  const out: string[] = ['"Date","Resource","Part Number","Quantity","Unit of Measure"'];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(start + Math.floor((i * 365) / rows) * 86_400_000).toISOString().slice(0, 10);
    const [name, part, unit] = RESOURCES[i % RESOURCES.length];
    const q = 1000 + ((i * 7919) % 9000) + (i % 4) * 0.25;
    out.push(`"${day}","${name}","${part}","${q.toLocaleString("en-US")}","${unit}"`);
  }
  return out.join("\r\n") + "\r\n";
}

export function runImportBench(options: { rows?: number; runs?: number } = {}): ImportBenchResult {
  const rows = options.rows ?? 100_000;
  const runs = options.runs ?? 7;
  const text = usageReportText(rows);
  const times: number[] = [];
  let last = importUsageCsv(text);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = importUsageCsv(text);
    times.push(performance.now() - t0);
  }
  if (last instanceof InputError) throw new Error(`The bench's report did not import: ${last.message}`);
  const t0 = performance.now();
  const dashboard = dashboardFromImport(last, 50_000);
  const dashboardMs = performance.now() - t0;
  if (dashboard instanceof InputError) throw new Error(dashboard.message);
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  return {
    rows,
    bytes: Buffer.byteLength(text, "utf8"),
    runs,
    ms,
    bestMs: times[0],
    rowsPerSecond: Math.round((rows / ms) * 1000),
    used: last.rowsUsed,
    skipped: last.rowsSkipped,
    dashboardMs,
  };
}

export function formatImportBench(r: ImportBenchResult): string {
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    `Usage import: ${n(r.rows)} rows (${(r.bytes / 1_048_576).toFixed(1)} MB), median of ${r.runs} runs`,
    `  ${r.ms.toFixed(1)} ms a file (fastest ${r.bestMs.toFixed(1)} ms), ${n(r.rowsPerSecond)} rows/s; ${n(r.used)} rows used, ${n(r.skipped)} skipped`,
    `  dashboard from the import: ${r.dashboardMs.toFixed(2)} ms`,
  ].join("\n");
}

if (process.argv[1] && /import\.bench\.[jt]s$/.test(process.argv[1])) {
  console.log(formatImportBench(runImportBench()));
}
