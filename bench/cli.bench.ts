/**
 * How long the command line takes from the shell, against the start of a bare Node (`node -e 0`)
 * measured in the same run: the README's `npx ai-token-planner --preset mid-market` (npm's own start
 * included), the package's bin directly (`node bin/ai-token-planner.js`, what npx then runs), and
 * `node -e 0`. The runs alternate, so a busy machine slows all three alike; the medians count.
 * The target is a ratio (the bin within RATIO_TARGET x a bare Node); the times are reported.
 *
 *   npx tsx bench/cli.bench.ts            prints the figures (needs `npm run build:cli`, or `npm install`)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = resolve(__dirname, "..");
const BIN = join(ROOT, "bin", "ai-token-planner.js");
const BUNDLE = join(ROOT, "build", "cli", "ai-token-planner.js");
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/** The bin (bundle built) may take this many times a bare Node's start (the developers' guide: 10x); from the sources it took ~200x. */
export const RATIO_TARGET = 10;

export interface CliBenchResult {
  readonly runs: number;
  /** Median wall times, ms. */
  readonly nodeMs: number;
  readonly binMs: number;
  readonly npxMs: number;
  readonly binRatio: number;
  readonly npxRatio: number;
  /** Whether the bin ran the bundle (false: the sources, through tsx). */
  readonly bundled: boolean;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(cmd: string, args: readonly string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr || r.error?.message}`);
  return ms;
}

export function runCliBench(runs = 5): CliBenchResult {
  if (!existsSync(BUNDLE)) throw new Error("build/cli/ai-token-planner.js is missing: run `npm run build:cli` (npm install does it).");
  const dir = mkdtempSync(join(tmpdir(), "token-planner-cli-bench-"));
  const times = { node: [] as number[], bin: [] as number[], npx: [] as number[] };
  let bundled = true;
  try {
    const args = (n: string) => ["--preset", "mid-market", "--out", join(dir, `${n}.xlsx`), "--force"];
    // One untimed round warms the file cache.
    timed(process.execPath, ["-e", "0"], dir);
    const probe = spawnSync(process.execPath, [BIN, ...args("warm")], { cwd: dir, encoding: "utf8" });
    bundled = !/running them with tsx/.test(probe.stderr);
    for (let i = 0; i < runs; i++) {
      times.node.push(timed(process.execPath, ["-e", "0"], dir));
      times.bin.push(timed(process.execPath, [BIN, ...args(`bin${i}`)], dir));
      times.npx.push(timed(NPX, ["--no-install", "ai-token-planner", ...args(`npx${i}`)], ROOT));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const nodeMs = median(times.node);
  const binMs = median(times.bin);
  const npxMs = median(times.npx);
  return { runs, nodeMs, binMs, npxMs, binRatio: binMs / nodeMs, npxRatio: npxMs / nodeMs, bundled };
}

const ms = (x: number): string => `${Math.round(x).toLocaleString("en-US")} ms`;

export function formatCliBench(r: CliBenchResult): string {
  return [
    `median of ${r.runs} alternating runs, wall time from spawn to exit:`,
    `node -e 0                                              ${ms(r.nodeMs)}`,
    `node bin/ai-token-planner.js --preset mid-market       ${ms(r.binMs)} (${r.binRatio.toFixed(1)}x)${r.bundled ? "" : "  (ran the sources through tsx: the bundle is older than src/)"}`,
    `npx ai-token-planner --preset mid-market               ${ms(r.npxMs)} (${r.npxRatio.toFixed(1)}x, npm's own start included)`,
  ].join("\n");
}

if (process.argv[1] && /cli\.bench\.[jt]s$/.test(process.argv[1])) {
  console.log(formatCliBench(runCliBench()));
}
