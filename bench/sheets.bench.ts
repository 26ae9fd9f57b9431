/**
 * Benchmark of the sheet builders. Budget part: the annual budget sheet of an organisation with 500
 * sites (one Virtual Agent line each, so 500 rows x 12 months of volumes and of tokens, plus 500
 * Copilot lines in a second variant), timed from plan to SheetModel (computeAnnualPlan included),
 * with the model's size; and, where the Excel writer is present, the syncs one insert of that model
 * takes against a recording fake context (the target: at most 2).
 *
 *   npx tsx bench/sheets.bench.ts     prints a table
 *   runBudgetBench({ runs })          returns the figures (for `npm run bench`)
 *
 * The build's target is a ratio, set in bench/run.ts (the 500-site model built in less time than
 * ExcelJS alone needs to write its cells, in the same run); the times here are reported only.
 */
import { performance } from "perf_hooks";
import { findBudgetPreset } from "../src/core/budget-presets";
import type { AnnualPlan } from "../src/core/annual-plan";
import { buildBudgetSheet } from "../src/sheets/budget";
import { cellsOf, type SheetModel } from "../src/sheets/model";

export const TARGET_SYNCS = 2;

export interface BudgetBuildFigures {
  readonly model: string;
  readonly sites: number;
  /** Consumption lines of the plan (site x feature). */
  readonly lines: number;
  readonly cells: number;
  readonly formulas: number;
  /** Median and slowest time to build the model, in milliseconds. */
  readonly ms: number;
  readonly maxMs: number;
  /** context.sync() calls of one insert by the Excel writer; null when the writer could not be loaded. */
  readonly syncs: number | null;
}

export interface BudgetBenchResult {
  readonly runs: number;
  readonly results: readonly BudgetBuildFigures[];
  readonly targets: { readonly syncs: number };
  /** Why the syncs column is empty, when it is. */
  readonly writerNote?: string;
}

/** The growth preset spread over `n` sites, each with its own baseline and go-live month. */
export function sitesPlan(n: number, withCopilot: boolean): AnnualPlan {
  const growth = findBudgetPreset("growth")!.plan;
  const sites = Array.from({ length: n }, (_, i) => ({
    name: `Site ${String(i + 1).padStart(3, "0")}`,
    volumes: { virtualagent: 10 + (i % 40), ...(withCopilot ? { copilot: 8 + (i % 5) } : {}) },
    goLive: { virtualagent: 1 + (i % 12) },
  }));
  return { ...growth, name: `${n} sites`, users: 10 * n, growth: { kind: "target", users: 12 * n }, sites };
}

function size(model: SheetModel): { cells: number; formulas: number } {
  let cells = 0;
  let formulas = 0;
  for (const { cell } of cellsOf(model)) {
    cells++;
    if (cell.formula !== undefined) formulas++;
  }
  return { cells, formulas };
}

async function syncsOf(model: SheetModel): Promise<{ syncs: number | null; note?: string }> {
  try {
    const { writeSheet } = await import("../src/excel/writer");
    const { recordingContext } = await import("../test/excel/recording-context");
    const rec = recordingContext();
    const result = await writeSheet(rec.context, model);
    return { syncs: result.syncs };
  } catch (error) {
    return { syncs: null, note: `Excel writer unavailable: ${(error as Error).message}` };
  }
}

async function measure(label: string, plan: AnnualPlan, runs: number): Promise<{ figures: BudgetBuildFigures; note?: string }> {
  const model = buildBudgetSheet(plan); // warm-up, and the model whose size is reported
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    buildBudgetSheet(plan);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  const { syncs, note } = await syncsOf(model);
  return {
    figures: {
      model: label,
      sites: plan.sites?.length ?? 0,
      lines: plan.sites?.reduce((n, s) => n + Object.keys(s.volumes).length, 0) ?? 0,
      ...size(model),
      ms,
      maxMs: times[times.length - 1],
      syncs,
    },
    note,
  };
}

export async function runBudgetBench(options: { runs?: number } = {}): Promise<BudgetBenchResult> {
  const runs = options.runs ?? 11;
  const cases: [string, AnnualPlan][] = [
    ["growth preset", findBudgetPreset("growth")!.plan],
    ["seasonal preset", findBudgetPreset("seasonal")!.plan],
    ["500 sites x 1 line", sitesPlan(500, false)],
    ["500 sites x 2 lines (with Copilot ranges)", sitesPlan(500, true)],
  ];
  const results: BudgetBuildFigures[] = [];
  let writerNote: string | undefined;
  for (const [label, plan] of cases) {
    const m = await measure(label, plan, runs);
    results.push(m.figures);
    writerNote ??= m.note;
  }
  return { runs, results, targets: { syncs: TARGET_SYNCS }, ...(writerNote ? { writerNote } : {}) };
}

export function formatBudgetBench(r: BudgetBenchResult): string {
  const head = ["budget model", "lines", "cells", "formulas", "ms / build", "max ms", "syncs", ""];
  const rows = r.results.map((f) => [
    f.model,
    String(f.lines || "-"),
    f.cells.toLocaleString("en-US"),
    f.formulas.toLocaleString("en-US"),
    f.ms.toFixed(1),
    f.maxMs.toFixed(1),
    f.syncs === null ? "-" : String(f.syncs),
    f.syncs === null ? "" : f.syncs <= r.targets.syncs ? "syncs ok" : `syncs MISSED (> ${r.targets.syncs})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    `Annual budget sheet: plan -> SheetModel build time (median of ${r.runs}, computeAnnualPlan included), model size, syncs of one insert`,
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    ...(r.writerNote ? ["", r.writerNote] : []),
  ].join("\n");
}

if (process.argv[1] && /sheets\.bench\.[jt]s$/.test(process.argv[1])) {
  runBudgetBench().then(
    (r) => console.log(formatBudgetBench(r)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
