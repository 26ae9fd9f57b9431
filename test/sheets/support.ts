/**
 * Shared pieces of the sheet tests: an engine that reports full-precision values, a comparison of a
 * calculator sheet with the core, random profiles, and a scan of formulas for functions older
 * spreadsheets lack.
 */
import { fc } from "../properties/count"; // fast-check, with each fc.assert's runs counted for the test report
import {
  CARD_IDS,
  CURRENCY_CODES,
  estimate,
  getCard,
  InputError,
  LICENCE_MODELS,
  RATE_LEVELS,
  ROUNDING_RULES,
  VOLUME_FEATURES,
  type CompiledCard,
  type Estimate,
  type Profile,
  type VolumeFeature,
} from "../../src/core";
import type { CalculatorLayout } from "../../src/sheets/calculator";
import { NOT_APPLICABLE } from "../../src/sheets/health-block";
import { cellsOf, type SheetModel } from "../../src/sheets/model";
import { a1 } from "../../src/sheets/a1";
import { evaluate, type Workbook } from "../helpers/formula-engine";

/**
 * Evaluates models with HyperFormula's output rounding off (smartRounding rounds values to 10 digits
 * on the way out), so a test can compare the engine's bits with the core's.
 */
export function evaluateExact(...models: SheetModel[]): Workbook {
  const wb = evaluate(...models);
  wb.engine.updateConfig({ smartRounding: false });
  return wb;
}

export const cardOf = (id: string): CompiledCard => {
  const c = getCard(id);
  if (c instanceof InputError) throw new Error(c.message);
  return c;
};

export const estimateOf = (p: Profile, card: CompiledCard = cardOf(p.card)): Estimate => {
  const e = estimate(p, card);
  if (e instanceof InputError) throw new Error(e.message);
  return e;
};

/** The figures of a calculator sheet, read cell by cell through `get` (an engine, a file read back). */
export function calculatorFigures(get: (ref: string) => unknown, l: CalculatorLayout) {
  return {
    total: get(l.total),
    allocation: get(l.allocation),
    overage: get(l.overage),
    monthlyCost: get(l.monthlyCost),
    annualCost: get(l.annualCost),
    utilisation: get(l.utilisation),
    health: get(l.health),
    advice: get(l.advice),
    lines: l.lines.map((line) => get(line.tokens)),
    other: get(l.other.tokens),
    unused: get(l.unused),
    unusedShare: get(l.unusedShare),
    unusedFlag: get(l.unusedFlag),
    low: get(l.range.low.total),
    expected: get(l.range.mid.total),
    high: get(l.range.high.total),
  };
}

/** The figures of a calculator sheet as the engine computes them, next to the core's. */
export const sheetFigures = (wb: Workbook, sheet: string, l: CalculatorLayout) => calculatorFigures((ref) => wb.get(sheet, ref), l);

export function coreFigures(p: Profile, card: CompiledCard = cardOf(p.card)) {
  const e = estimateOf(p, card);
  return {
    total: e.total,
    allocation: e.allocation,
    overage: e.overage,
    monthlyCost: e.monthlyCost,
    annualCost: e.annualCost,
    utilisation: e.utilisation ?? NOT_APPLICABLE,
    health: e.health,
    advice: e.advice,
    lines: e.lines.map((line) => line.tokens),
    other: e.otherTokens,
    unused: e.unused.tokens,
    unusedShare: e.unused.share ?? NOT_APPLICABLE,
    unusedFlag: e.unused.text,
    low: estimateOf({ ...p, level: "low" }, card).total,
    expected: estimateOf({ ...p, level: "mid" }, card).total,
    high: estimateOf({ ...p, level: "high" }, card).total,
  };
}

/** Every formula cell whose engine value differs from its cached `result` (empty when all agree, bit for bit). */
export function resultMismatches(wb: Workbook, model: SheetModel): string[] {
  const out: string[] = [];
  for (const { row, col, cell } of cellsOf(model)) {
    if (cell.formula === undefined) continue;
    const ref = a1(row, col);
    const got = wb.get(model.name, ref);
    if (!Object.is(got, cell.result)) out.push(`${ref} ${cell.formula}: engine ${JSON.stringify(got)}, result ${JSON.stringify(cell.result)}`);
  }
  return out;
}

/** Volumes that keep the engine's plain ROUND and the core's rounding in step: whole numbers and quarters. */
const volume = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 40_000 }).map((n) => n / 4) },
);

const volumes = fc.record(Object.fromEntries(VOLUME_FEATURES.map((f) => [f, volume])) as Record<VolumeFeature, typeof volume>);

const ownRate = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 120 }),
    fc.integer({ min: 0, max: 240 }).map((n) => n / 2),
  ),
  { nil: undefined },
);

/** A random valid profile on either card. */
export const profileArbitrary: fc.Arbitrary<Profile> = fc
  .record({
    name: fc.string({ maxLength: 40 }),
    card: fc.constantFrom(...CARD_IDS),
    licence: fc.constantFrom(...LICENCE_MODELS),
    users: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.constant(0), fc.integer({ min: 1, max: 60 })),
    workingDays: fc.integer({ min: 1, max: 31 }),
    currency: fc.constantFrom(...CURRENCY_CODES),
    pricePerToken: fc.oneof(
      fc.integer({ min: 0, max: 20_000 }).map((n) => n / 100),
      fc.constant(1),
    ),
    rounding: fc.constantFrom(...ROUNDING_RULES),
    level: fc.constantFrom(...RATE_LEVELS),
    volumes,
    copilot: ownRate,
    analytics: ownRate,
    // Line 7's free token entry: absent, whole or with a half (the rounding rule applies to it).
    otherTokens: fc.option(
      fc.integer({ min: 0, max: 40_000 }).map((n) => n / 2),
      { nil: undefined },
    ),
  })
  .map(({ copilot, analytics, volumes, otherTokens, ...rest }) => ({
    ...rest,
    ...(otherTokens !== undefined ? { otherTokens } : {}),
    // Lines counted in users take whole users (the input rules).
    volumes: { ...volumes, copilot: Math.round(volumes.copilot), analytics: Math.round(volumes.analytics) },
    tokensPerUser: { ...(copilot !== undefined ? { copilot } : {}), ...(analytics !== undefined ? { analytics } : {}) },
  }));

/** Functions every generated formula may use: all known to Excel 2016 and LibreOffice. */
export const ALLOWED_FUNCTIONS = new Set([
  "IF",
  "AND",
  "OR",
  "NOT",
  "ROUND",
  "ROUNDUP",
  "MAX",
  "MIN",
  "SUM",
  "INDEX",
  "MATCH",
  "VLOOKUP",
  "ISBLANK",
  "SUMPRODUCT",
  "COUNT",
  "COUNTIFS",
  "ISNUMBER",
]);

/** Functions a workbook must not use: newer than Excel 2016, unknown to LibreOffice, or the add-in's own. */
export const FORBIDDEN = /\b(LET|LAMBDA|XLOOKUP|XMATCH|IFS|SWITCH|CONCAT|TEXTJOIN|FILTER|SORT|SORTBY|UNIQUE|SEQUENCE|RANDARRAY|MAXIFS|MINIFS)\s*\(|TOKENS\./i;

/** Problems of one formula: functions outside the allowed set, forbidden ones, spill or implicit-intersection operators. */
export function formulaProblems(formula: string): string[] {
  const out: string[] = [];
  if (!formula.startsWith("=")) out.push(`does not start with "=": ${formula}`);
  if (FORBIDDEN.test(formula)) out.push(`forbidden function: ${formula}`);
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  if (/[#@]/.test(code)) out.push(`spill or intersection operator: ${formula}`);
  for (const m of code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)) {
    if (!ALLOWED_FUNCTIONS.has(m[1].toUpperCase())) out.push(`function ${m[1]} is not in the allowed set: ${formula}`);
  }
  return out;
}
