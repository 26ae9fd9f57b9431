/**
 * How fast the .xlsx writer is, against the floor of ExcelJS itself: the time and peak memory to
 * write a 500-site annual budget workbook (500 rows x 12 month columns of formulas, with inputs,
 * totals, number formats, styles, names, validation and conditional formats), against the time
 * ExcelJS needs to write the same cells, values and formulas with no formatting at all.
 * Target: within 1.5x of the floor.
 *
 *   npx tsx bench/xlsx.bench.ts            prints a table and the figures as JSON
 *   import { runXlsxBench } from "./xlsx.bench"   for the bench suite (returns the figures)
 *
 * Peak memory is each variant's peak resident set (process.resourceUsage().maxRSS) in a child process
 * of its own, minus the child's resident set before it built anything.
 *
 * The workbook is the annual budget sheet's own 500-site model (src/sheets/budget.ts).
 */
import { execFileSync } from "node:child_process";
import * as ExcelJS from "exceljs";
import { buildBudgetSheet } from "../src/sheets/budget";
import { sitesPlan } from "./sheets.bench";
import { cellsOf, type SheetModel } from "../src/sheets/model";
import { writeWorkbook } from "../src/xlsx/write-workbook";

export const SITES = 500;
export const MONTHS = 12;
export const TARGET_RATIO = 1.5;
/** Interleaved pairs of writes; the ratio is the median of the pairs' ratios, robust to a busy machine. */
const RUNS = 15;

/** The annual budget of an organisation with 500 sites, one line each. */
export function budgetModel(sites = SITES): SheetModel {
  return buildBudgetSheet(sitesPlan(sites, false));
}

export async function writeFloor(model: SheetModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(model.name);
  for (const { row, col, cell } of cellsOf(model)) {
    const target = ws.getRow(row + 1).getCell(col + 1);
    if (cell.formula !== undefined) target.value = { formula: cell.formula.slice(1), result: cell.result as number } as ExcelJS.CellFormulaValue;
    else if (cell.value !== undefined && cell.value !== null) target.value = cell.value;
  }
  return (await wb.xlsx.writeBuffer()) as unknown as Uint8Array;
}

export const writeOurs = (model: SheetModel): Promise<Uint8Array> => writeWorkbook([model]);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Peak memory of one variant, measured in a child process of its own. */
function childPeak(variant: "ours" | "floor"): { peakMb: number; baseMb: number } {
  const tsx = require.resolve("tsx/cli");
  const out = execFileSync(process.execPath, [tsx, __filename, "--child", variant], { encoding: "utf8", timeout: 300_000 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

export interface XlsxBenchResult {
  readonly sites: number;
  readonly cells: number;
  readonly formulas: number;
  readonly bytes: { readonly ours: number; readonly floor: number };
  readonly buildModelMs: number;
  /** Median times of the runs. */
  readonly writeMs: { readonly ours: number; readonly floor: number };
  /** Fastest runs: the least disturbed by other work on the machine. */
  readonly fastestMs: { readonly ours: number; readonly floor: number };
  /** Median of the ratios of interleaved pairs (this writer / the floor). */
  readonly ratio: number;
  readonly target: number;
  readonly withinTarget: boolean;
  readonly peakMemoryMb: { readonly ours: number; readonly floor: number };
  readonly runs: number;
}

export async function runXlsxBench(options: { memory?: boolean } = {}): Promise<XlsxBenchResult> {
  const buildModelMs = median(await Promise.all([0, 1, 2].map(() => time(async () => budgetModel()))));
  const model = budgetModel();
  const cells = [...cellsOf(model)];
  const ours: number[] = [];
  const floor: number[] = [];
  const bytes = { ours: (await writeOurs(model)).length, floor: (await writeFloor(model)).length }; // warm-up
  for (let i = 0; i < RUNS; i++) {
    // Alternate, so that both see the same state of the machine.
    ours.push(await time(() => writeOurs(model)));
    floor.push(await time(() => writeFloor(model)));
  }
  const writeMs = { ours: median(ours), floor: median(floor) };
  const ratio = median(ours.map((o, i) => o / floor[i]));
  const fastest = { ours: Math.min(...ours), floor: Math.min(...floor) };
  let peakMemoryMb = { ours: NaN, floor: NaN };
  if (options.memory !== false) {
    const o = childPeak("ours");
    const f = childPeak("floor");
    peakMemoryMb = { ours: round1(o.peakMb - o.baseMb), floor: round1(f.peakMb - f.baseMb) };
  }
  return {
    sites: SITES,
    cells: cells.length,
    formulas: cells.filter((c) => c.cell.formula !== undefined).length,
    bytes,
    buildModelMs: round1(buildModelMs),
    writeMs: { ours: round1(writeMs.ours), floor: round1(writeMs.floor) },
    fastestMs: { ours: round1(fastest.ours), floor: round1(fastest.floor) },
    ratio: Math.round(ratio * 100) / 100,
    target: TARGET_RATIO,
    withinTarget: ratio <= TARGET_RATIO,
    peakMemoryMb,
    runs: RUNS,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => bytes / 1024 / 1024;

async function child(variant: string): Promise<void> {
  const baseMb = mb(process.memoryUsage().rss);
  const model = budgetModel();
  await (variant === "ours" ? writeOurs(model) : writeFloor(model));
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ peakMb, baseMb })}\n`);
}

if (require.main === module) {
  const at = process.argv.indexOf("--child");
  if (at >= 0) {
    void child(process.argv[at + 1]);
  } else {
    void runXlsxBench().then((r) => {
      const rows: [string, string][] = [
        ["workbook", `${r.sites} sites x ${MONTHS} months: ${r.cells} cells, ${r.formulas} formulas`],
        ["build the sheet model", `${r.buildModelMs} ms`],
        [
          "write .xlsx (this writer)",
          `${r.writeMs.ours} ms median, ${r.fastestMs.ours} ms fastest, ${(r.bytes.ours / 1024).toFixed(0)} KB, peak +${r.peakMemoryMb.ours} MB`,
        ],
        [
          "write .xlsx (ExcelJS floor)",
          `${r.writeMs.floor} ms median, ${r.fastestMs.floor} ms fastest, ${(r.bytes.floor / 1024).toFixed(0)} KB, peak +${r.peakMemoryMb.floor} MB`,
        ],
        ["ratio to the floor", `${r.ratio}x (target <= ${r.target}x: ${r.withinTarget ? "met" : "MISSED"})`],
      ];
      const w = Math.max(...rows.map(([k]) => k.length));
      console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n"));
      console.log(JSON.stringify(r));
    });
  }
}
