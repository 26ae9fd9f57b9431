/**
 * The planning rules a sheet's status formulas read: one table of utilisation bands, each with its
 * health status (GREEN / AMBER / RED) and its advice, written as editable cells from
 * src/core/planning-rules.ts, plus the formulas that read them: health and advice pick the same
 * band. Shared by the calculator and dashboard sheets.
 *
 * Usage:
 *
 *   const rules = writeHealthBlock(b, { row: 70, col: 1 });
 *   b.put(r, c, { formula: "=" + healthFormula(rules, { total: "$G$28", allocation: "$G$29", utilisation: "$G$33" }) });
 *   highlightHealth(b, "G34", rules);   // conditional formats good / neutral / bad
 */
import { HEALTH_MEANINGS, HEALTH_STATUSES, PLANNING_RULES, type HealthStatus } from "../core/planning-rules";
import { a1, absA1, parseA1, rangeA1 } from "./a1";
import type { SheetBuilder } from "./builder";
import { PERCENT_FORMAT } from "./formats";

/** One band of the planning rules on the sheet: its ceiling, status and advice cells. */
export interface RuleBandCells {
  readonly upToRef: string;
  readonly statusRef: string;
  readonly adviceRef: string;
}

export interface HealthBlock {
  /** The bands of PLANNING_RULES, in order: health and advice both read these cells. */
  readonly bands: readonly RuleBandCells[];
  /** Per health status, in order: the band where the status ends (its ceiling is the status's ceiling). */
  readonly health: readonly (RuleBandCells & { readonly status: HealthStatus })[];
  readonly nextRow: number;
}

/** How each health status looks: the cell style of its conditional format. */
export const HEALTH_STYLES: Readonly<Record<HealthStatus, "good" | "neutral" | "bad">> = { GREEN: "good", AMBER: "neutral", RED: "bad" };

/** Text a utilisation cell shows when the allocation is 0 (the core's null). */
export const NOT_APPLICABLE = "n/a";

const ceilingCell = (x: number) =>
  Number.isFinite(x) ? { value: x, style: "input" as const, format: PERCENT_FORMAT } : { value: "no limit", style: "note" as const };

/**
 * Writes the planning rules at a corner (6 columns wide): one row per band with its ceiling, health
 * status, meaning and advice, so a status and its advice can never disagree. Returns their cells.
 */
export function writeHealthBlock(b: SheetBuilder, at: { row: number; col: number }): HealthBlock {
  const c = at.col;
  let r = at.row;
  b.put(r, c, { value: "Planning rules: health status and advice by utilisation (edit a ceiling to move a band)", style: "heading" });
  b.merge(rangeA1(r, c, 1, 6));
  r++;
  b.row(r, c, [
    { value: "Utilisation up to", style: "label", bold: true, wrap: true },
    { value: "Health status", style: "label", bold: true, wrap: true },
    { value: "Meaning", style: "label", bold: true },
    { value: "Advice", style: "label", bold: true },
  ]);
  r++;
  const first = r;
  const bands: RuleBandCells[] = [];
  for (const band of PLANNING_RULES) {
    b.row(r, c, [
      ceilingCell(band.upTo),
      { value: band.status, style: "label", bold: true, align: "center" },
      { value: `${band.range}: ${HEALTH_MEANINGS[band.status]}`, style: "note" },
      { value: band.advice, style: "input", wrap: true },
    ]);
    b.merge(rangeA1(r, c + 3, 1, 3));
    bands.push({ upToRef: absA1(r, c), statusRef: absA1(r, c + 1), adviceRef: absA1(r, c + 3) });
    r++;
  }
  b.validate({
    range: rangeA1(first, c, Math.max(1, PLANNING_RULES.length - 1), 1),
    type: "decimal",
    min: 0,
    prompt: "A share of the allocation: 80% is 0.8.",
  });
  const health = HEALTH_STATUSES.map((status) => {
    const last = PLANNING_RULES.map((band, i) => (band.status === status ? i : -1))
      .filter((i) => i >= 0)
      .pop()!;
    return { status, ...bands[last] };
  });
  return { bands, health, nextRow: r + 1 };
}

export interface StatusRefs {
  /** Cells of the monthly consumption, the allocation and the utilisation (consumption / allocation). */
  readonly total: string;
  readonly allocation: string;
  readonly utilisation: string;
}

/** The band formula (without "="): the value of `pick` for the first band whose ceiling the utilisation `u` does not exceed. */
function bandFormula(block: HealthBlock, u: string, pick: (band: RuleBandCells) => string): string {
  const bands = block.bands;
  let nested = pick(bands[bands.length - 1]);
  for (let i = bands.length - 2; i >= 0; i--) nested = `IF(${u}<=${bands[i].upToRef},${pick(bands[i])},${nested})`;
  return nested;
}

/**
 * The health status formula (without "="), as the core's health(): with no allocation, the first
 * band's status when nothing is consumed and the last band's otherwise; else the band of the utilisation.
 */
export function healthFormula(block: HealthBlock, s: StatusRefs): string {
  const status = (band: RuleBandCells) => band.statusRef;
  const last = block.bands[block.bands.length - 1];
  return `IF(${s.allocation}=0,IF(${s.total}=0,${block.bands[0].statusRef},${last.statusRef}),${bandFormula(block, s.utilisation, status)})`;
}

/** The advice formula (without "="), as the core's advice(): the advice of the same band as the health status. */
export function adviceFormula(block: HealthBlock, s: StatusRefs): string {
  const advice = (band: RuleBandCells) => band.adviceRef;
  const last = block.bands[block.bands.length - 1];
  return `IF(${s.allocation}=0,IF(${s.total}=0,${block.bands[0].adviceRef},${last.adviceRef}),${bandFormula(block, s.utilisation, advice)})`;
}

/** The utilisation formula (without "="): consumption / allocation, or "n/a" when the allocation is 0. */
export const utilisationFormula = (s: Omit<StatusRefs, "utilisation">): string => `IF(${s.allocation}=0,"${NOT_APPLICABLE}",${s.total}/${s.allocation})`;

/** Colours a status cell by its value: one conditional format per health band, reading the band's status cell. */
export function highlightHealth(b: SheetBuilder, ref: string, block: HealthBlock): void {
  const { row, col } = parseA1(ref);
  for (const band of block.health) {
    b.highlight({ range: a1(row, col), formula: `=${absA1(row, col)}=${band.statusRef}`, style: HEALTH_STYLES[band.status] });
  }
}
