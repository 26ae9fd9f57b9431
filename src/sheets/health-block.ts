/**
 * The planning rules a sheet's status formulas read: the health bands (GREEN / AMBER / RED by
 * utilisation) and the advice bands, written as editable cells from src/core/planning-rules.ts,
 * plus the formulas that read them. Shared by the calculator and dashboard sheets.
 *
 * Usage:
 *
 *   const rules = writeHealthBlock(b, { row: 70, col: 1 });
 *   b.put(r, c, { formula: "=" + healthFormula(rules, { total: "$G$28", allocation: "$G$29", utilisation: "$G$33" }) });
 *   highlightHealth(b, "G34", rules);   // conditional formats good / neutral / bad
 */
import { ADVICE_BANDS, HEALTH_BANDS, type HealthStatus } from "../core/planning-rules";
import { a1, absA1, parseA1, rangeA1 } from "./a1";
import type { SheetBuilder } from "./builder";
import { PERCENT_FORMAT } from "./formats";

export interface HealthBlock {
  /** Per health band, in order: the cell of its status text and of its ceiling (blank for the last). */
  readonly health: readonly { readonly status: HealthStatus; readonly statusRef: string; readonly upToRef: string }[];
  /** Per advice band, in order: the cell of its ceiling and of its advice text. */
  readonly advice: readonly { readonly belowRef: string; readonly adviceRef: string }[];
  readonly nextRow: number;
}

/** How each health status looks: the cell style of its conditional format. */
export const HEALTH_STYLES: Readonly<Record<HealthStatus, "good" | "neutral" | "bad">> = { GREEN: "good", AMBER: "neutral", RED: "bad" };

/** Text a utilisation cell shows when the allocation is 0 (the core's null). */
export const NOT_APPLICABLE = "n/a";

const ceilingCell = (x: number) => (Number.isFinite(x) ? { value: x, style: "input" as const, format: PERCENT_FORMAT } : { value: "no limit", style: "note" as const });

/** Writes the health and advice bands at a corner (4 columns wide) and returns their cells. */
export function writeHealthBlock(b: SheetBuilder, at: { row: number; col: number }): HealthBlock {
  const c = at.col;
  let r = at.row;
  b.put(r, c, { value: "Planning rules: health status and advice by utilisation (edit a threshold to change them)", style: "heading" });
  b.merge(rangeA1(r, c, 1, 6));
  r++;
  b.row(r, c, [
    { value: "Health status", style: "label", bold: true },
    { value: "Utilisation up to", style: "label", bold: true, wrap: true },
    { value: "Meaning", style: "label", bold: true },
  ]);
  r++;
  const health: HealthBlock["health"][number][] = [];
  const firstHealth = r;
  for (const band of HEALTH_BANDS) {
    b.row(r, c, [{ value: band.status, style: "label", bold: true }, ceilingCell(band.upTo), { value: band.meaning, style: "note" }]);
    health.push({ status: band.status, statusRef: absA1(r, c), upToRef: absA1(r, c + 1) });
    r++;
  }
  b.validate({ range: rangeA1(firstHealth, c + 1, Math.max(1, HEALTH_BANDS.length - 1), 1), type: "decimal", min: 0, prompt: "A share of the allocation: 80% is 0.8." });
  r++;
  b.row(r, c, [
    { value: "Utilisation", style: "label", bold: true },
    { value: "Below", style: "label", bold: true },
    { value: "Advice", style: "label", bold: true },
  ]);
  r++;
  const advice: HealthBlock["advice"][number][] = [];
  const firstAdvice = r;
  for (const band of ADVICE_BANDS) {
    b.row(r, c, [{ value: band.range, style: "label" }, ceilingCell(band.below), { value: band.advice, style: "input" }]);
    b.merge(rangeA1(r, c + 2, 1, 4));
    advice.push({ belowRef: absA1(r, c + 1), adviceRef: absA1(r, c + 2) });
    r++;
  }
  b.validate({ range: rangeA1(firstAdvice, c + 1, Math.max(1, ADVICE_BANDS.length - 1), 1), type: "decimal", min: 0 });
  return { health, advice, nextRow: r + 1 };
}

export interface StatusRefs {
  /** Cells of the monthly consumption, the allocation and the utilisation (consumption / allocation). */
  readonly total: string;
  readonly allocation: string;
  readonly utilisation: string;
}

/**
 * The health status formula (without "="), as the core's health(): with no allocation, GREEN when
 * nothing is consumed and the last status otherwise; else the first band whose ceiling is not exceeded.
 */
export function healthFormula(block: HealthBlock, s: StatusRefs): string {
  const bands = block.health;
  const last = bands[bands.length - 1].statusRef;
  let nested = last;
  for (let i = bands.length - 2; i >= 0; i--) nested = `IF(${s.utilisation}<=${bands[i].upToRef},${bands[i].statusRef},${nested})`;
  return `IF(${s.allocation}=0,IF(${s.total}=0,${bands[0].statusRef},${last}),${nested})`;
}

/** The advice formula (without "="), as the core's advice(): the first band whose ceiling is above the utilisation. */
export function adviceFormula(block: HealthBlock, s: StatusRefs): string {
  const bands = block.advice;
  const last = bands[bands.length - 1].adviceRef;
  const nested = (u: string): string => {
    let f = last;
    for (let i = bands.length - 2; i >= 0; i--) f = `IF(${u}<${bands[i].belowRef},${bands[i].adviceRef},${f})`;
    return f;
  };
  // No allocation: the core advises as for 0% when nothing is consumed and as for "over" otherwise.
  return `IF(${s.allocation}=0,IF(${s.total}=0,${nested("0")},${last}),${nested(s.utilisation)})`;
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
