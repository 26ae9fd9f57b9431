/**
 * Benchmarks of issue 15 (safe to host, safe on disk):
 *
 * - the largest plan the limits accept (src/core/limits.ts: every site with every calculator line,
 *   every initiative, every name at its longest) written to .xlsx by the command line's code, in a
 *   child process under Node's 2 GB heap (--max-old-space-size=2048): time and peak memory against
 *   a stated budget;
 * - the browser's download path: the gzip size of what "Download .xlsx" loads (the writer chunk and
 *   the ExcelJS chunk it imports);
 * - a 200,000-row paste imported in the taskpane in Chromium (pasted as the browser delivers it: a
 *   paste event; the pane holds the text for the worker, never in the paste box), with the import
 *   worker and, for comparison, with workers switched off (the import on the main thread): the
 *   longest any key pressed meanwhile waited to be handled. The 100 ms target is the issue's, a
 *   human one (input that answers within 100 ms feels immediate), not a speed of this machine.
 *
 *   npx tsx bench/safety.bench.ts        prints the figures (after a production build for the last two)
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { LIMITS } from "../src/core/limits";

const ROOT = join(__dirname, "..");
const DIST = join(ROOT, "dist");

/** The memory the largest accepted plan may take to write (peak RSS of the whole process). */
export const PLAN_MEMORY_BUDGET_MB = 1024;
/** Node's heap for the measurement: the default of a 64-bit Node on a machine with little memory. */
export const HEAP_MB = 2048;
/** The longest a key may wait during an import. */
export const INPUT_DELAY_TARGET_MS = 100;
/** The pathological export: a header of this many columns (an adversarial pass held the pane 15 s with such headers). */
export const WIDE_HEADER_COLUMNS = 200_000;

/** The largest plan file the limits accept: every site and initiative, every feature, every name at its longest. */
export function largestPlan(): object {
  const name = (prefix: string, i: number) => `${prefix} ${i} `.padEnd(LIMITS.textLength, "x");
  const volumes = {
    copilot: 100,
    analytics: 50,
    scoring: 4000,
    translate: 3000,
    voicebot: 2500,
    digitalbot: 5100,
    messaging: 40000,
    social: 400,
    virtualagent: 200,
  };
  return {
    version: 1,
    name: name("Plan", 0),
    users: 5000,
    volumes,
    budget: {
      name: name("Budget", 0),
      initiatives: Array.from({ length: LIMITS.initiatives }, (_, i) => ({ name: name("Initiative", i), tokensPerMonth: 1000 + i, goLive: 1 + (i % 12) })),
      sites: Array.from({ length: LIMITS.sites }, (_, i) => ({ name: name("Site", i), volumes })),
    },
  };
}

export interface LargestPlanResult {
  readonly planBytes: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly xlsxBytes: number;
  readonly exitCode: number;
}

/** Writes the largest plan with the command line from source in a child process with a 2 GB heap. */
export function runLargestPlan(): LargestPlanResult {
  const dir = mkdtempSync(join(tmpdir(), "largest-plan-"));
  try {
    const plan = JSON.stringify(largestPlan());
    writeFileSync(join(dir, "plan.json"), plan);
    const out = execFileSync(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, "--import", require.resolve("tsx", { paths: [ROOT] }), __filename, "--child", dir],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
    );
    const r = JSON.parse(out.trim().split("\n").pop()!) as Omit<LargestPlanResult, "planBytes">;
    return { planBytes: Buffer.byteLength(plan), ...r };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In the child: runs the command line on the plan and reports time, peak RSS and the file's size. */
async function child(dir: string): Promise<void> {
  const { run } = await import("../src/cli/cli");
  const start = performance.now();
  let err = "";
  const code = await run(["--plan", "plan.json", "--sheets", "calculator,budget", "--out", "largest.xlsx"], {
    stdout: () => undefined,
    stderr: (t) => (err += t),
    cwd: dir,
  });
  const ms = Math.round(performance.now() - start);
  if (code !== 0) process.stderr.write(err);
  const xlsx = join(dir, "largest.xlsx");
  const result = {
    ms,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    xlsxBytes: existsSync(xlsx) ? readFileSync(xlsx).length : 0,
    exitCode: code,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export interface DownloadChunkResult {
  readonly files: { readonly file: string; readonly bytes: number; readonly gzipBytes: number }[];
  readonly gzipBytes: number;
  /** ExcelJS's prebuilt browser file without polyfills (dist/exceljs.bare.min.js), gzip: the reference. */
  readonly prebuiltExcelJsGzipBytes: number;
}

/**
 * The download path may weigh at most this share of ExcelJS's prebuilt polyfill-free browser file
 * alone (what the chunk carried before ExcelJS was bundled writer-only: 231 KB gzip of it, 269 KB for
 * the whole path with JSZip and the writer), measured in the same run.
 */
export const DOWNLOAD_TO_PREBUILT = 0.6;

/** What "Download .xlsx" loads: the xlsx-writer chunk and the chunk holding ExcelJS (the one that writes xl/workbook.xml). */
export function downloadChunk(): DownloadChunkResult {
  if (!existsSync(join(DIST, "xlsx-writer.js"))) throw new Error("dist/xlsx-writer.js is missing: run `npm run build` first.");
  const files = readdirSync(DIST)
    .filter((f) => f.endsWith(".js"))
    .filter((f) => f === "xlsx-writer.js" || readFileSync(join(DIST, f), "utf8").includes("xl/workbook.xml"))
    .filter((f) => !["taskpane.js", "functions.js"].includes(f))
    .map((f) => {
      const bytes = readFileSync(join(DIST, f));
      return { file: f, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
  const prebuilt = readFileSync(require.resolve("exceljs/dist/exceljs.bare.min.js", { paths: [ROOT] }));
  return { files, gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0), prebuiltExcelJsGzipBytes: gzipSync(prebuilt, { level: 9 }).length };
}

export interface PaneImportResult {
  readonly rows: number;
  readonly worker: {
    readonly maxInputDelayMs: number;
    readonly longestGapMs: number;
    readonly importMs: number;
    readonly keys: number;
    readonly pasteLayoutMs: number;
    readonly usedWorker: boolean;
    /** Characters the paste box held after the paste (0: held for the worker), and keys pressed (each should be handled). */
    readonly boxChars: number;
    readonly pressed: number;
  };
  /** A pasted export whose header has 200,000 columns (the import asks for a mapping), with the worker. */
  readonly wideHeader: {
    readonly columns: number;
    readonly maxInputDelayMs: number;
    readonly keys: number;
    readonly pressed: number;
    readonly ms: number;
    readonly status: string;
  };
  readonly mainThread: {
    readonly maxInputDelayMs: number;
    readonly longestGapMs: number;
    readonly importMs: number;
    readonly keys: number;
    readonly pasteLayoutMs: number;
  };
}

/** The 200,000-row paste in Chromium, with the worker and with workers switched off. Undefined without Chromium. */
export async function runPaneImport(rows = 200_000): Promise<PaneImportResult | undefined> {
  const { CHROMIUM, launchChromium, openTaskpane } = await import("../test/e2e/support/browser");
  if (!CHROMIUM) return undefined;
  const { ensureBuild } = await import("../test/e2e/support/build");
  const { serve } = await import("../test/e2e/support/server");
  const { probePasteImport, wideHeaderScript } = await import("../test/e2e/support/import-probe");
  const build = await ensureBuild();
  const [server, browser] = await Promise.all([serve(build.dir), launchChromium()]);
  try {
    const measure = async (noWorker: boolean, columns?: number) => {
      const tp = await openTaskpane(browser, server, { host: "outside", settle: true, initScripts: noWorker ? ["window.Worker = undefined;"] : [] });
      try {
        await tp.page.click("#tab-dashboard");
        await tp.page.locator("#d-insert").waitFor();
        if (columns) return await probePasteImport(tp.page, 3, /^Nothing was imported yet/, wideHeaderScript(columns));
        return await probePasteImport(tp.page, rows);
      } finally {
        await tp.close();
      }
    };
    const worker = await measure(false);
    const main = await measure(true);
    const wide = await measure(false, WIDE_HEADER_COLUMNS);
    const pick = (p: typeof worker) => ({
      maxInputDelayMs: p.maxInputDelayMs,
      longestGapMs: p.longestGapMs,
      importMs: p.importMs,
      keys: p.keys,
      pasteLayoutMs: p.pasteLayoutMs,
    });
    return {
      rows,
      worker: { ...pick(worker), usedWorker: worker.usedWorker, boxChars: worker.boxChars, pressed: worker.pressed },
      mainThread: pick(main),
      wideHeader: {
        columns: WIDE_HEADER_COLUMNS,
        maxInputDelayMs: wide.maxInputDelayMs,
        keys: wide.keys,
        pressed: wide.pressed,
        ms: wide.importMs,
        status: wide.status,
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function formatSafetyBench(plan: LargestPlanResult, chunk: DownloadChunkResult, pane: PaneImportResult | undefined): string {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return [
    `largest accepted plan (${LIMITS.sites} sites x every line, ${LIMITS.initiatives} initiatives, ${LIMITS.textLength}-character names; ${kb(plan.planBytes)}): written in ${plan.ms} ms, peak RSS ${plan.peakRssMb} MB (budget ${PLAN_MEMORY_BUDGET_MB} MB, heap ${HEAP_MB} MB), ${kb(plan.xlsxBytes)} .xlsx, exit ${plan.exitCode}`,
    `download path: ${chunk.files.map((f) => `${f.file} ${kb(f.bytes)} (${kb(f.gzipBytes)} gzip)`).join(", ")}; total ${kb(chunk.gzipBytes)} gzip (ExcelJS's prebuilt browser file alone: ${kb(chunk.prebuiltExcelJsGzipBytes)} gzip)`,
    pane
      ? `${pane.rows.toLocaleString("en-US")}-row paste in Chromium: worker: longest input delay ${pane.worker.maxInputDelayMs} ms over ${pane.worker.keys} keys, longest main-thread task ${pane.worker.longestGapMs} ms, done in ${pane.worker.importMs} ms (the paste itself handled and painted in ${pane.worker.pasteLayoutMs} ms, ${pane.worker.boxChars} characters left in the box); main thread (workers off): ${pane.mainThread.maxInputDelayMs} ms over ${pane.mainThread.keys} keys, longest task ${pane.mainThread.longestGapMs} ms, done in ${pane.mainThread.importMs} ms`
      : "paste in Chromium: not measured (no Chromium)",
    pane
      ? `header of ${pane.wideHeader.columns.toLocaleString("en-US")} columns pasted: longest input delay ${pane.wideHeader.maxInputDelayMs} ms over ${pane.wideHeader.keys} of ${pane.wideHeader.pressed} keys, mapping step after ${pane.wideHeader.ms} ms ("${pane.wideHeader.status.slice(0, 120)}…")`
      : "",
  ].join("\n");
}

if (require.main === module) {
  if (process.argv[2] === "--child") {
    void child(process.argv[3]);
  } else {
    void (async () => {
      const plan = runLargestPlan();
      const chunk = downloadChunk();
      const pane = await runPaneImport();
      console.log(formatSafetyBench(plan, chunk, pane));
    })();
  }
}
