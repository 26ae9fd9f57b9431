/**
 * The token calculator sheet: the study notes' quick estimation template ("Cost Calculation Tool")
 * as a working worksheet. Inputs are input-styled cells; every result is a native Excel formula
 * over the inputs and the card's rates block on the same sheet, so editing a volume, the licence or
 * a rate recalculates everything, with or without the add-in. Each formula cell carries the value
 * the core computes as its cached result.
 *
 * Layout (1-based rows, for the default options; the rates and rules blocks follow below):
 *
 *   A1        title (merged A1:K1)
 *   C2        scenario name (text, never a formula)         C3-C5  rate card, source, rounding rule
 *   C6        generation time (only when given)
 *   C9        licence model (list)      -> Licence          C10   licensed users        -> Users
 *   C11       working days per month    -> WorkingDays      C12   rate level (low/mid/high) -> RateLevel
 *   C13       currency (list)           -> Currency         C14   your price per token (blank = card price)
 *   C15       price per token in use    -> PricePerToken
 *   rows 19-27  the lines 1-6, 7a-7c: C quantity, D unit, E monthly quantity, F own tokens per user
 *               (per-user lines), G tokens at the rate level, H / I / J tokens at the low / expected / high rates
 *   then      a line for each feature of the card's own (a contract's: 7d, ...), a volume a month
 *   row 28    line 7's "Other features (tokens)": C the analyst's tokens a month -> OtherTokens
 *   (rows below move down by one for each own feature)
 *   G29       TOTAL monthly consumption -> TotalTokens      H29:J29 low / expected / high totals
 *   G30       allocation                -> Allocation
 *   G31       monthly overage           -> Overage          H31:J31 by range
 *   G32       monthly overage cost      -> MonthlyCost      H32:J32 by range
 *   G33       annual overage cost       -> AnnualCost       H33:J33 by range
 *   G34       utilisation               -> Utilization
 *   G35       unused allocation         -> UnusedAllocation
 *   G36       its share of the allocation -> UnusedShare    H36 the notes' flag (under 20% unused is good)
 *   G37       health status             -> Health (conditional formats good / neutral / bad)
 *   G38       advice                    -> Advice
 *   row 40 on the rates block (src/sheets/rates-block.ts), then the health and advice bands (health-block.ts).
 */
import { getCard } from "../core/cards";
import type { CompiledCard } from "../core/card-registry";
import { CURRENCY_CODES } from "../core/currencies";
import { InputError } from "../core/errors";
import { ownFeatures } from "../core/contract-card";
import { UNUSED_ALLOCATION } from "../core/planning-rules";
import {
  CALCULATOR_LINES,
  estimate,
  MONTHS_PER_YEAR,
  OTHER_TOKENS_LABEL,
  PER_USER_FEATURES,
  profileProblems,
  type Estimate,
  type FieldProblem,
  type Profile,
  type VolumeFeature,
} from "../core/estimate";
import { LICENCE_MODELS, RATE_LEVELS, type RateLevel } from "../core/ratecard";
import type { RoundingRule } from "../core/rounding";
import { a1, absA1, parseA1, rangeA1 } from "./a1";
import { SheetBuilder } from "./builder";
import { currencyFormat, FRACTIONAL_TOKENS_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, TEXT_FORMAT, TOKENS_FORMAT } from "./formats";
import { adviceFormula, healthFormula, highlightHealth, NOT_APPLICABLE, utilisationFormula, writeHealthBlock, type HealthBlock } from "./health-block";
import type { Cell, SheetModel } from "./model";
import { allocationFormula, cardPriceFormula, featureTokensFormula, roundingFormula, writeRatesBlock, type RatesBlock } from "./rates-block";

export const CALCULATOR_SHEET_NAME = "Token Calculator";

export interface CalculatorOptions {
  /** The wanted sheet name; "Token Calculator" by default. */
  readonly sheetName?: string;
  /** A timestamp to print on the sheet, as text; nothing is printed without it (building stays pure). */
  readonly generatedAt?: string;
}

/** Thrown for a profile with problems: callers check profileProblems() first and show them to the analyst. */
export class InvalidProfileError extends Error {
  override readonly name = "InvalidProfileError";
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`The profile cannot be built into a sheet: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
  }
}

/** The printed form of each rounding rule. */
export const ROUNDING_DESCRIPTIONS: Readonly<Record<RoundingRule, string>> = {
  line: "Each line rounded half up to whole tokens (ROUND), then summed: the study notes' rule.",
  up: "Each line rounded up to whole tokens (ROUNDUP), then summed.",
  exact: "No rounding: the lines' exact fractions of tokens are summed.",
};

/** Addresses (A1, without $) of one calculator line. */
export interface CalculatorLineCells {
  readonly feature: VolumeFeature;
  /** False when the card has no rate for the feature: the line shows 0 and "not on this card". */
  readonly onCard: boolean;
  readonly quantity: string;
  readonly monthlyQuantity: string;
  /** The own tokens-per-user cell of a per-user line on the card. */
  readonly override?: string;
  /** Tokens at the sheet's rate level, and at the low / expected / high rates. */
  readonly tokens: string;
  readonly low: string;
  readonly expected: string;
  readonly high: string;
}

/** Addresses (A1, without $) of a line of the card's own (a contract's feature) or of line 7's free token entry. */
export interface ExtraLineCells {
  /** The feature's id; "other" for the free token entry. */
  readonly feature: string;
  readonly quantity: string;
  readonly tokens: string;
}

export interface RangeCells {
  readonly total: string;
  readonly overage: string;
  readonly monthlyCost: string;
  readonly annualCost: string;
}

/** Where everything is on a calculator sheet (A1 addresses without $), for writers, tests and other sheets. */
export interface CalculatorLayout {
  readonly scenario: string;
  readonly licence: string;
  readonly users: string;
  readonly workingDays: string;
  readonly level: string;
  readonly currency: string;
  /** The analyst's price per token (blank = the card's price in the currency). */
  readonly priceInput: string;
  /** The price per token in use (formula). */
  readonly price: string;
  readonly lines: readonly CalculatorLineCells[];
  /** The card's own features (a contract's), each a line after the template's. */
  readonly ownLines: readonly ExtraLineCells[];
  /** Line 7's free token entry: tokens a month, the analyst's own figure. */
  readonly other: ExtraLineCells;
  readonly total: string;
  readonly allocation: string;
  readonly overage: string;
  readonly monthlyCost: string;
  readonly annualCost: string;
  readonly utilisation: string;
  /** max(0, allocation (+ committed) - total), its share of what is available, and the notes' flag beside it. */
  readonly unused: string;
  readonly unusedShare: string;
  readonly unusedFlag: string;
  readonly health: string;
  readonly advice: string;
  readonly range: Readonly<Record<RateLevel, RangeCells>>;
  /** The cell beside the total naming the lines with a volume that the card does not price (only when the card lacks a line). */
  readonly unpriced?: string;
  readonly rates: RatesBlock;
  readonly rules: HealthBlock;
}

/** Columns of the lines table (0-based). */
const COL = { number: 0, label: 1, quantity: 2, unit: 3, monthly: 4, override: 5, tokens: 6, low: 7, mid: 8, high: 9, note: 10 } as const;
const LAST_COL = COL.note;
const WIDTHS = [5, 40, 13, 20, 14, 16, 14, 11, 11, 11, 18];

/** Rows (0-based) of the fixed part of the sheet. */
const ROW = {
  title: 0,
  scenario: 1,
  card: 2,
  source: 3,
  rounding: 4,
  generated: 5,
  inputs: 7,
  licence: 8,
  users: 9,
  workingDays: 10,
  level: 11,
  currency: 12,
  priceInput: 13,
  price: 14,
  group: 16,
  header: 17,
  firstLine: 18,
} as const;

const LINE_NUMBERS = (() => {
  const seen = new Map<number, number>();
  return CALCULATOR_LINES.map((l) => {
    const shared = CALCULATOR_LINES.filter((x) => x.number === l.number).length > 1;
    const k = seen.get(l.number) ?? 0;
    seen.set(l.number, k + 1);
    return shared ? `${l.number}${String.fromCharCode(97 + k)}` : String(l.number);
  });
})();

const expectEstimate = (p: Profile, card: CompiledCard): Estimate => {
  const e = estimate(p, card);
  if (e instanceof InputError) throw new InvalidProfileError([{ field: "profile", message: e.message }]);
  return e;
};

/** Builds the calculator sheet of a profile. Throws InvalidProfileError for a profile with problems. */
export function buildCalculatorSheet(profile: Profile, options: CalculatorOptions = {}): SheetModel {
  return buildCalculator(profile, options).model;
}

/** Builds the calculator sheet and tells where everything is on it. */
export function buildCalculator(profile: Profile, options: CalculatorOptions = {}): { model: SheetModel; layout: CalculatorLayout } {
  const card = getCard(profile.card);
  if (card instanceof InputError) throw new InvalidProfileError([{ field: "card", message: card.message }]);
  const problems = profileProblems(profile, [card]);
  if (problems.length > 0) throw new InvalidProfileError(problems);

  const est = expectEstimate(profile, card);
  const byLevel: Record<RateLevel, Estimate> = {
    low: expectEstimate({ ...profile, level: "low" }, card),
    mid: expectEstimate({ ...profile, level: "mid" }, card),
    high: expectEstimate({ ...profile, level: "high" }, card),
  };

  const b = new SheetBuilder(options.sheetName ?? CALCULATOR_SHEET_NAME);
  WIDTHS.forEach((w, col) => b.width(col, w));
  const at = (row: number, col: number) => a1(row, col);
  const abs = (row: number, col: number) => absA1(row, col);
  const wide = (row: number, from: number, to: number = LAST_COL) => b.merge(rangeA1(row, from, 1, to - from + 1));
  const tokensFormat = profile.rounding === "exact" ? FRACTIONAL_TOKENS_FORMAT : TOKENS_FORMAT;
  const moneyFormat = currencyFormat(profile.currency);
  const quantityFormat = (x: number) => (Number.isInteger(x) ? TOKENS_FORMAT : FRACTIONAL_TOKENS_FORMAT);

  // Heading: what, for whom, on which card, rounded how.
  b.put(ROW.title, 0, { value: "AI Experience token calculator", style: "title" });
  wide(ROW.title, 0);
  const info = (row: number, label: string, cell: Cell) => {
    b.put(row, COL.label, { value: label, style: "label" });
    b.put(row, COL.quantity, cell);
    wide(row, COL.quantity);
  };
  info(ROW.scenario, "Scenario", { value: profile.name, style: "input", format: TEXT_FORMAT });
  info(ROW.card, "Rate card", { value: `${card.card.name} (${card.id}), dated ${card.card.date}`, style: "subtitle", note: card.card.description });
  info(ROW.source, "Source", { value: card.card.source, style: "note" });
  info(ROW.rounding, "Rounding", { value: ROUNDING_DESCRIPTIONS[profile.rounding], style: "note" });
  if (options.generatedAt !== undefined) info(ROW.generated, "Generated", { value: options.generatedAt, style: "note", format: TEXT_FORMAT });

  // Inputs.
  b.put(ROW.inputs, COL.label, { value: "Inputs", style: "heading" });
  const input = (row: number, label: string, cell: Cell, hint: string) => {
    b.put(row, COL.label, { value: label, style: "label" });
    b.put(row, COL.quantity, { style: "input", ...cell });
    b.put(row, COL.unit, { value: hint, style: "note" });
    wide(row, COL.unit);
  };
  input(ROW.licence, "Licence model", { value: profile.licence }, "named or concurrent: picks the allocation and licence-dependent rates");
  input(
    ROW.users,
    "Licensed users",
    { value: profile.users, format: quantityFormat(profile.users) },
    "the allocation's basis where the card allocates per user",
  );
  input(
    ROW.workingDays,
    "Working days per month",
    { value: profile.workingDays, format: Number.isInteger(profile.workingDays) ? INTEGER_FORMAT : FRACTIONAL_TOKENS_FORMAT },
    "turns volumes per day into volumes per month",
  );
  input(ROW.level, "Rate level", { value: profile.level }, "low, mid or high end of ranged rates for the Tokens column (mid = expected)");
  input(ROW.currency, "Currency", { value: profile.currency }, "picks the card's price; amounts are formatted in the currency the sheet was made with");
  input(
    ROW.priceInput,
    "Your price per token",
    { value: profile.pricePerToken, format: moneyFormat },
    "your negotiated price; blank = the card's price in the currency",
  );
  const ref = {
    licence: abs(ROW.licence, COL.quantity),
    users: abs(ROW.users, COL.quantity),
    days: abs(ROW.workingDays, COL.quantity),
    level: abs(ROW.level, COL.quantity),
    currency: abs(ROW.currency, COL.quantity),
    priceInput: abs(ROW.priceInput, COL.quantity),
    price: abs(ROW.price, COL.quantity),
  };
  b.validate({ range: at(ROW.licence, COL.quantity), type: "list", values: LICENCE_MODELS, prompt: "named or concurrent" });
  b.validate({ range: at(ROW.users, COL.quantity), type: "whole", min: 0, prompt: "A whole number of users, 0 or more." });
  b.validate({ range: at(ROW.workingDays, COL.quantity), type: "decimal", min: 0, max: 31, prompt: "Working days in a month: 0 to 31." });
  b.validate({ range: at(ROW.level, COL.quantity), type: "list", values: RATE_LEVELS, prompt: "low, mid or high" });
  b.validate({ range: at(ROW.currency, COL.quantity), type: "list", values: CURRENCY_CODES });
  b.validate({ range: at(ROW.priceInput, COL.quantity), type: "decimal", min: 0, prompt: "A price of 0 or more; blank for the card's price." });

  // The fixed part ends with the results; the rates block and the rules follow, and the formulas above read them.
  const firstLine = ROW.firstLine;
  const own = ownFeatures(card);
  // The template's lines, the card's own features, then line 7's free token entry; the total sums them all.
  const otherRow = firstLine + CALCULATOR_LINES.length + own.length;
  const totalRow = otherRow + 1;
  const R = {
    total: totalRow,
    allocation: totalRow + 1,
    overage: totalRow + 2,
    monthlyCost: totalRow + 3,
    annualCost: totalRow + 4,
    utilisation: totalRow + 5,
    unused: totalRow + 6,
    unusedShare: totalRow + 7,
    health: totalRow + 8,
    advice: totalRow + 9,
  };
  const rates = writeRatesBlock(b, card, { row: R.advice + 2, col: COL.label, licenceRef: ref.licence, licence: profile.licence });
  const rules = writeHealthBlock(b, { row: rates.nextRow, col: COL.label });

  b.put(ROW.price, COL.label, { value: "Price per token in use", style: "label", bold: true });
  b.put(ROW.price, COL.quantity, {
    formula: `=IF(${ref.priceInput}="",${cardPriceFormula(ref.currency, rates)},${ref.priceInput})`,
    result: profile.pricePerToken,
    format: moneyFormat,
  });

  // The lines of the template.
  b.put(ROW.group, COL.low, { value: "At the ends of ranged rates", style: "label", bold: true, align: "center" });
  b.merge(rangeA1(ROW.group, COL.low, 1, 3));
  b.row(ROW.header, 0, [
    { value: "#", style: "heading" },
    { value: "Monthly consumption (the notes' quick estimate)", style: "heading" },
    { value: "Quantity", style: "heading", wrap: true },
    { value: "Counted in", style: "heading", wrap: true },
    { value: "Monthly quantity", style: "heading", wrap: true },
    { value: "Own tokens per user (blank = card rate)", style: "heading", wrap: true },
    { value: "Tokens / month", style: "heading", wrap: true },
    { value: "Low", style: "heading", align: "right" },
    { value: "Expected", style: "heading", align: "right" },
    { value: "High", style: "heading", align: "right" },
    { value: "Note", style: "heading" },
  ]);
  const lines: CalculatorLineCells[] = [];
  CALCULATOR_LINES.forEach((line, i) => {
    const row = firstLine + i;
    const rate = rates.features.get(line.feature);
    const e = est.lines[i];
    const quantity = abs(row, COL.quantity);
    const monthly = abs(row, COL.monthly);
    const units = rate ? rate.feature.units : "units";
    const counted = line.period === "users" ? "users" : line.period === "day" ? `${units} per day` : `${units} per month`;
    b.row(row, 0, [
      { value: LINE_NUMBERS[i], style: "label", align: "center" },
      { value: line.label, style: "label", note: rate?.feature.note },
      { value: e.quantity, style: "input", format: quantityFormat(e.quantity) },
      { value: counted, style: "note" },
      {
        formula: line.period === "day" ? `=${quantity}*${ref.days}` : `=${quantity}`,
        result: e.monthlyQuantity,
        format: quantityFormat(e.monthlyQuantity),
      },
    ]);
    const isPerUser = (PER_USER_FEATURES as readonly string[]).includes(line.feature);
    const cells: CalculatorLineCells = {
      feature: line.feature,
      onCard: rate !== undefined,
      quantity: at(row, COL.quantity),
      monthlyQuantity: at(row, COL.monthly),
      ...(rate && isPerUser ? { override: at(row, COL.override) } : {}),
      tokens: at(row, COL.tokens),
      low: at(row, COL.low),
      expected: at(row, COL.mid),
      high: at(row, COL.high),
    };
    lines.push(cells);
    if (!rate) {
      const zero = { value: 0, format: tokensFormat };
      b.row(row, COL.tokens, [
        { ...zero, note: `${card.card.name} card has no rate for this feature.` },
        zero,
        zero,
        zero,
        { value: "not on this card", style: "note" },
      ]);
      return;
    }
    const own = isPerUser ? profile.tokensPerUser[line.feature as (typeof PER_USER_FEATURES)[number]] : undefined;
    const overrideRef = cells.override ? abs(row, COL.override) : undefined;
    if (overrideRef) {
      b.put(row, COL.override, { value: own ?? null, style: "input" });
      b.validate({ range: cells.override!, type: "decimal", min: 0, prompt: "Your own tokens per user a month; blank for the card's rate." });
    }
    const formulaAt = (level: RateLevel) => `=${featureTokensFormula({ quantityRef: monthly, rate, level, rounding: profile.rounding, overrideRef })}`;
    b.row(row, COL.low, [
      { formula: formulaAt("low"), result: byLevel.low.lines[i].tokens, format: tokensFormat },
      { formula: formulaAt("mid"), result: byLevel.mid.lines[i].tokens, format: tokensFormat },
      { formula: formulaAt("high"), result: byLevel.high.lines[i].tokens, format: tokensFormat },
    ]);
    b.put(row, COL.tokens, {
      formula: `=IF(${ref.level}="low",${abs(row, COL.low)},IF(${ref.level}="high",${abs(row, COL.high)},${abs(row, COL.mid)}))`,
      result: e.tokens,
      format: tokensFormat,
    });
    if (rate.feature.perInteraction) b.put(row, COL.note, { value: "per interaction", style: "note", note: rate.feature.note });
  });
  // Lines 7d on: the card's own features (a contract's meters), counted a month in their unit.
  const extraNumber = (k: number) =>
    `${CALCULATOR_LINES[CALCULATOR_LINES.length - 1].number}${String.fromCharCode(97 + LINE_NUMBERS.filter((n) => n.length > 1).length + k)}`;
  const levelCols = [COL.low, COL.mid, COL.high] as const;
  const ownLines: ExtraLineCells[] = own.map((f, k) => {
    const row = firstLine + CALCULATOR_LINES.length + k;
    const rate = rates.features.get(f.id)!;
    const e = est.ownLines[k];
    const monthly = abs(row, COL.monthly);
    b.row(row, 0, [
      { value: extraNumber(k), style: "label", align: "center" },
      { value: `${f.name} a month`, style: "label", note: f.note ?? `A feature of the ${card.card.name} card's own.` },
      { value: e.quantity, style: "input", format: quantityFormat(e.quantity) },
      { value: `${f.units} per month`, style: "note" },
      { formula: `=${abs(row, COL.quantity)}`, result: e.quantity, format: quantityFormat(e.quantity) },
    ]);
    RATE_LEVELS.forEach((level, j) => {
      const at = expectEstimate({ ...profile, level }, card).ownLines[k];
      b.put(row, levelCols[j], {
        formula: `=${featureTokensFormula({ quantityRef: monthly, rate, level, rounding: profile.rounding })}`,
        result: at.tokens,

        format: tokensFormat,
      });
    });
    b.put(row, COL.tokens, {
      formula: `=IF(${ref.level}="low",${abs(row, COL.low)},IF(${ref.level}="high",${abs(row, COL.high)},${abs(row, COL.mid)}))`,
      result: e.tokens,
      style: "output",
      format: tokensFormat,
    });
    b.put(row, COL.note, { value: `contract: ${card.card.name}`, style: "note" });
    return { feature: f.id, quantity: at(row, COL.quantity), tokens: at(row, COL.tokens) };
  });
  // Line 7's free token entry: tokens a month the analyst counts for features without a line (AI Summary, ...).
  const otherQuantity = profile.otherTokens ?? 0;
  const otherTokensFormula = `=${roundingFormula(abs(otherRow, COL.monthly), profile.rounding)}`;
  b.row(otherRow, 0, [
    { value: extraNumber(own.length), style: "label", align: "center" },
    { value: OTHER_TOKENS_LABEL, style: "label", note: "The notes' line 7: tokens a month of features without a line of their own (AI Summary, a new meter)." },
    { value: otherQuantity, style: "input", format: quantityFormat(otherQuantity) },
    { value: "tokens per month", style: "note" },
    { formula: `=${abs(otherRow, COL.quantity)}`, result: otherQuantity, format: quantityFormat(otherQuantity) },
  ]);
  for (const col of levelCols) b.put(otherRow, col, { formula: otherTokensFormula, result: est.otherTokens, format: tokensFormat });
  b.put(otherRow, COL.tokens, { formula: otherTokensFormula, result: est.otherTokens, style: "output", format: tokensFormat });
  b.put(otherRow, COL.note, { value: "your own figure", style: "note" });
  const other: ExtraLineCells = { feature: "other", quantity: at(otherRow, COL.quantity), tokens: at(otherRow, COL.tokens) };
  b.validate({ range: rangeA1(firstLine, COL.quantity, otherRow - firstLine + 1, 1), type: "decimal", min: 0, prompt: "A volume of 0 or more." });

  // Results: TOTAL, allocation, overage, cost, utilisation, health, advice; the range beside them.
  const lastLine = totalRow - 1;
  const sum = (col: number) => `=SUM(${abs(firstLine, col)}:${abs(lastLine, col)})`;
  const result = (row: number, label: string, how: string, cell: Cell) => {
    b.put(row, COL.label, { value: label, style: row === R.total ? "total" : "label", bold: true });
    if (how) {
      b.put(row, COL.quantity, { value: how, style: "note" });
      b.merge(rangeA1(row, COL.quantity, 1, COL.tokens - COL.quantity));
    }
    b.put(row, COL.tokens, cell);
  };
  const G = (row: number) => abs(row, COL.tokens);
  result(R.total, "TOTAL monthly consumption", "sum of the lines", { formula: sum(COL.tokens), result: est.total, style: "total", format: tokensFormat });
  // Lines the card does not price count 0: said next to the total whenever one of them has a volume.
  const unpriced = lines.map((l, i) => ({ l, line: est.lines[i] })).filter((x) => !x.l.onCard);
  if (unpriced.length > 0) {
    const named = unpriced.map((x) => `IF(${abs(parseA1(x.l.quantity).row, COL.quantity)}>0,"${x.line.label.replace(/"/g, '""')}; ","")`).join("&");
    const any = unpriced.map((x) => `${abs(parseA1(x.l.quantity).row, COL.quantity)}>0`).join(",");
    const typed = unpriced
      .filter((x) => x.line.quantity > 0)
      .map((x) => `${x.line.label}; `)
      .join("");
    b.put(R.total, COL.note, {
      formula: `=IF(OR(${any}),"${UNPRICED_TEXT} "&${named},"")`,
      result: typed === "" ? "" : `${UNPRICED_TEXT} ${typed}`,
      style: "bad",
    });
  }
  result(R.allocation, "Monthly allocation", "per organisation + users × per user (rates below)", {
    formula: `=${allocationFormula(ref.users, rates)}`,
    result: est.allocation,
    style: "output",
    format: TOKENS_FORMAT,
  });
  // A contract's committed tokens count besides the allocation (a row of the rates block below).
  const less = rates.committed ? `-${G(R.allocation)}-${rates.committed}` : `-${G(R.allocation)}`;
  const available = rates.committed ? `(${G(R.allocation)}+${rates.committed})` : G(R.allocation);
  result(R.overage, "Monthly overage", rates.committed ? "max(0, total − allocation − committed tokens)" : "max(0, total − allocation)", {
    formula: `=MAX(0,${G(R.total)}${less})`,
    result: est.overage,
    style: "output",
    format: tokensFormat,
  });
  result(R.monthlyCost, "Monthly overage cost", "monthly overage × price per token", {
    formula: `=${G(R.overage)}*${ref.price}`,
    result: est.monthlyCost,
    style: "output",
    format: moneyFormat,
  });
  result(R.annualCost, "Annual overage cost", `monthly overage × price × ${MONTHS_PER_YEAR}: unused tokens never carry over`, {
    formula: `=${G(R.monthlyCost)}*${MONTHS_PER_YEAR}`,
    result: est.annualCost,
    style: "total",
    format: moneyFormat,
  });
  const status = { total: G(R.total), allocation: available, utilisation: G(R.utilisation) };
  result(
    R.utilisation,
    "Utilisation",
    rates.committed ? "total ÷ (allocation + committed tokens); 40-80% is the good range" : "total ÷ allocation (40-80% is the good range)",
    {
      formula: `=${utilisationFormula(status)}`,
      result: est.utilisation ?? NOT_APPLICABLE,
      style: "output",
      format: PERCENT_FORMAT,
      align: "right",
    },
  );
  result(R.health, "Health status", "GREEN / AMBER / RED by the thresholds below", {
    formula: `=${healthFormula(rules, status)}`,
    result: est.health,
    style: "output",
    bold: true,
    align: "center",
  });
  // The notes' key metric "Unused allocation": wasted capacity, good under 20% (planning rules).
  const unusedRef = G(R.unused);
  result(
    R.unused,
    "Unused allocation",
    rates.committed ? "max(0, allocation + committed tokens − total): lost at the month's end" : "max(0, allocation − total): lost at the month's end",
    {
      formula: `=MAX(0,${available}-${G(R.total)})`,
      result: est.unused.tokens,
      style: "output",
      format: tokensFormat,
    },
  );
  result(R.unusedShare, "Unused share of the allocation", `under ${UNUSED_ALLOCATION.goodBelow * 100}% unused is the notes' good range`, {
    formula: `=IF(${available}>0,${unusedRef}/${available},"${NOT_APPLICABLE}")`,
    result: est.unused.share ?? NOT_APPLICABLE,
    style: "output",
    format: PERCENT_FORMAT,
    align: "right",
  });
  const shareRef = G(R.unusedShare);
  b.put(R.unusedShare, COL.low, {
    formula: `=IF(ISNUMBER(${shareRef}),IF(${shareRef}<${UNUSED_ALLOCATION.goodBelow},"${UNUSED_ALLOCATION.good}","${UNUSED_ALLOCATION.waste}"),"")`,
    result: est.unused.text,
    style: "note",
    wrap: true,
  });
  b.merge(rangeA1(R.unusedShare, COL.low, 1, LAST_COL - COL.low + 1));
  highlightHealth(b, at(R.health, COL.tokens), rules);
  result(R.advice, "Advice", "", { formula: `=${adviceFormula(rules, status)}`, result: est.advice, style: "output", wrap: true });
  b.merge(rangeA1(R.advice, COL.tokens, 1, LAST_COL - COL.tokens + 1));

  const range = {} as Record<RateLevel, RangeCells>;
  for (const level of RATE_LEVELS) {
    const col = level === "low" ? COL.low : level === "mid" ? COL.mid : COL.high;
    const e = byLevel[level];
    const cell = (row: number) => abs(row, col);
    b.put(R.total, col, { formula: sum(col), result: e.total, style: "total", format: tokensFormat });
    b.put(R.overage, col, { formula: `=MAX(0,${cell(R.total)}${less})`, result: e.overage, style: "output", format: tokensFormat });
    b.put(R.monthlyCost, col, { formula: `=${cell(R.overage)}*${ref.price}`, result: e.monthlyCost, style: "output", format: moneyFormat });
    b.put(R.annualCost, col, { formula: `=${cell(R.monthlyCost)}*${MONTHS_PER_YEAR}`, result: e.annualCost, style: "output", format: moneyFormat });
    range[level] = { total: at(R.total, col), overage: at(R.overage, col), monthlyCost: at(R.monthlyCost, col), annualCost: at(R.annualCost, col) };
  }

  const layout: CalculatorLayout = {
    scenario: at(ROW.scenario, COL.quantity),
    licence: at(ROW.licence, COL.quantity),
    users: at(ROW.users, COL.quantity),
    workingDays: at(ROW.workingDays, COL.quantity),
    level: at(ROW.level, COL.quantity),
    currency: at(ROW.currency, COL.quantity),
    priceInput: at(ROW.priceInput, COL.quantity),
    price: at(ROW.price, COL.quantity),
    lines,
    ownLines,
    other,
    total: at(R.total, COL.tokens),
    allocation: at(R.allocation, COL.tokens),
    overage: at(R.overage, COL.tokens),
    monthlyCost: at(R.monthlyCost, COL.tokens),
    annualCost: at(R.annualCost, COL.tokens),
    utilisation: at(R.utilisation, COL.tokens),
    unused: at(R.unused, COL.tokens),
    unusedShare: at(R.unusedShare, COL.tokens),
    unusedFlag: at(R.unusedShare, COL.low),
    health: at(R.health, COL.tokens),
    advice: at(R.advice, COL.tokens),
    range,
    ...(unpriced.length > 0 ? { unpriced: at(R.total, COL.note) } : {}),
    rates,
    rules,
  };

  for (const [name, where, comment] of CALCULATOR_NAMES(layout)) b.define(name, where, comment);
  // Page 1 holds the whole estimate (lines to advice); the rates and rules follow on page 2.
  b.printOn({ kind: "Token calculator", name: profile.name, detail: `${card.card.name} card, ${card.card.date}`, pagesTall: 2 });
  return { model: b.build(), layout };
}

/** What the total's neighbour says when a line with a volume has no rate on the card. */
export const UNPRICED_TEXT = "Not in the total, this card has no rate for:";

/** The sheet-scoped names of a calculator: other sheets refer to 'Token Calculator'!TotalTokens and so on. */
const CALCULATOR_NAMES = (l: CalculatorLayout): [string, string, string][] => [
  ["TotalTokens", l.total, "Total monthly token consumption at the sheet's rate level."],
  ["Allocation", l.allocation, "Monthly token allocation."],
  ["Overage", l.overage, "Monthly overage tokens: max(0, total - allocation)."],
  ["MonthlyCost", l.monthlyCost, "Monthly overage cost."],
  ["AnnualCost", l.annualCost, "Annual overage cost: monthly overage x price x 12."],
  ["Utilization", l.utilisation, "Consumption as a share of the allocation."],
  ["UnusedAllocation", l.unused, "Tokens of the allocation left unused: max(0, allocation - total)."],
  ["UnusedShare", l.unusedShare, "Unused allocation as a share of the allocation (the notes' good range: under 20%)."],
  ["OtherTokens", l.other.quantity, "Line 7: other features' tokens a month, the analyst's own figure."],
  ["Health", l.health, "GREEN, AMBER or RED."],
  ["Advice", l.advice, "What to do at this utilisation."],
  ["PricePerToken", l.price, "Price of one extra token in use."],
  ["Users", l.users, "Licensed users."],
  ["Licence", l.licence, "Licence model: named or concurrent."],
  ["WorkingDays", l.workingDays, "Working days per month."],
  ["RateLevel", l.level, "low, mid or high end of ranged rates."],
  ["Currency", l.currency, "Currency of the price and amounts."],
  ["TotalTokensLow", l.range.low.total, "Total at the low end of ranged rates."],
  ["TotalTokensExpected", l.range.mid.total, "Total at the expected rates."],
  ["TotalTokensHigh", l.range.high.total, "Total at the high end of ranged rates."],
  ["AnnualCostLow", l.range.low.annualCost, "Annual overage cost at the low end of ranged rates."],
  ["AnnualCostExpected", l.range.mid.annualCost, "Annual overage cost at the expected rates."],
  ["AnnualCostHigh", l.range.high.annualCost, "Annual overage cost at the high end of ranged rates."],
];
