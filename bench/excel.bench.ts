/**
 * Benchmark of the Excel writer: for (a) the calculator sheet of the mid-market preset and (b) a
 * 500 x 14 cells sheet, the context.sync() calls per insert, the operations queued in each batch,
 * and the time to plan and queue the whole write, against a recording fake context (no Excel: the
 * time is the add-in's own JavaScript, not Excel's work).
 *
 *   npx tsx bench/excel.bench.ts     prints a table
 *   runExcelBench({ runs })          returns the figures (for `npm run bench`)
 *
 * The calculator model comes from src/sheets/calculator.ts (buildCalculatorSheet); should that
 * module fail to load, a calculator-sized synthetic model stands in and the result says so.
 * Targets: at most 2 syncs per insert, and queued operations that do not grow with the rows.
 */
import { performance } from "perf_hooks";
import { writeSheet } from "../src/excel/writer";
import { findPreset } from "../src/core/presets";
import type { SheetModel } from "../src/sheets/model";
import { bigModel, smallModel } from "../test/excel/models";
import { recordingContext } from "../test/excel/recording-context";

export const TARGET_SYNCS = 2;

export interface WriteFigures {
  readonly model: string;
  readonly cells: number;
  readonly syncs: number;
  /** Operations sent by each sync: [reads, writes]. */
  readonly operations: readonly number[];
  /** Median time to plan and queue one insert, in milliseconds. */
  readonly ms: number;
  readonly withinSyncTarget: boolean;
}

export interface ExcelBenchResult {
  readonly runs: number;
  readonly calculator: WriteFigures;
  readonly large: WriteFigures;
  /** Queued write operations of a 50-row and a 500-row sheet: equal when nothing grows per row. */
  readonly growth: { readonly rows50: number; readonly rows500: number };
  readonly targets: { readonly syncs: number };
}

async function calculatorModel(): Promise<{ model: SheetModel; label: string }> {
  try {
    const { buildCalculatorSheet } = await import("../src/sheets/calculator");
    const preset = findPreset("mid-market");
    if (!preset) throw new Error("no mid-market preset");
    return { model: buildCalculatorSheet(preset.profile), label: "calculator, mid-market preset" };
  } catch (error) {
    return { model: smallModel(), label: `synthetic calculator-sized model (buildCalculatorSheet unavailable: ${(error as Error).message})` };
  }
}

const cellCount = (model: SheetModel) => model.blocks.reduce((n, b) => n + b.rows.reduce((m, r) => m + r.filter(Boolean).length, 0), 0);

async function measure(model: SheetModel, label: string, runs: number): Promise<WriteFigures> {
  const first = recordingContext();
  const result = await writeSheet(first.context, model);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const rec = recordingContext();
    const t0 = performance.now();
    await writeSheet(rec.context, model);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    model: label,
    cells: cellCount(model),
    syncs: result.syncs,
    operations: first.opsPerSync(),
    ms: times[Math.floor(times.length / 2)],
    withinSyncTarget: result.syncs <= TARGET_SYNCS,
  };
}

export async function runExcelBench(options: { runs?: number } = {}): Promise<ExcelBenchResult> {
  const runs = options.runs ?? 21;
  const calc = await calculatorModel();
  const calculator = await measure(calc.model, calc.label, runs);
  const large = await measure(bigModel(500, 14), "500 rows x 14 columns", runs);
  const writes = async (rows: number) => {
    const rec = recordingContext();
    await writeSheet(rec.context, bigModel(rows, 14));
    return rec.opsPerSync()[1];
  };
  return { runs, calculator, large, growth: { rows50: await writes(50), rows500: await writes(500) }, targets: { syncs: TARGET_SYNCS } };
}

export function formatExcelBench(r: ExcelBenchResult): string {
  const head = ["model", "cells", "syncs", "ops (read + write)", "ms / insert", ""];
  const rows = [r.calculator, r.large].map((f) => [
    f.model,
    f.cells.toLocaleString("en-US"),
    String(f.syncs),
    `${f.operations.join(" + ")}`,
    f.ms.toFixed(2),
    f.withinSyncTarget ? "ok" : `MISSED (> ${r.targets.syncs} syncs)`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    `Excel writer: syncs and queued operations per insert, plan + queue time (median of ${r.runs}) against a recording fake context`,
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `write operations, 50 rows: ${r.growth.rows50}, 500 rows: ${r.growth.rows500} (${r.growth.rows50 === r.growth.rows500 ? "no growth per row: ok" : "grows with rows"})`,
  ].join("\n");
}

if (process.argv[1] && /excel\.bench\.[jt]s$/.test(process.argv[1])) {
  runExcelBench().then(
    (r) => console.log(formatExcelBench(r)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
