/**
 * The editable rates block of a rate card, written onto a generated sheet so that every formula of
 * that sheet reads its rates from cells of the same sheet: edit a rate and the sheet recalculates.
 * Shared by the calculator, budget and dashboard sheets.
 *
 * Usage (any sheet builder):
 *
 *   const rates = writeRatesBlock(b, card, { row: 40, col: 1, licenceRef: "$C$9", licence: "named" });
 *   const vaRate = rates.features.get("virtualagent")!;           // addresses of that feature's rate cells
 *   b.put(r, c, { formula: "=" + featureTokensFormula({ quantityRef: "$E$20", rate: vaRate, level: "mid", rounding: "line" }) });
 *   b.put(r, c + 1, { formula: "=" + allocationFormula("$C$10", rates) });
 *
 * The formulas multiply in the order of the core's featureTokens (quantity x tokens / per), so a
 * formula engine computes the same bits as the core.
 */
import type { CompiledCard } from "../core/card-registry";
import type { CurrencyCode } from "../core/currencies";
import type { FeatureRate, LicenceModel, RateLevel } from "../core/ratecard";
import type { RoundingRule } from "../core/rounding";
import { absA1, rangeA1 } from "./a1";
import type { SheetBuilder } from "./builder";
import { currencyFormat, RATE_FORMAT } from "./formats";

/** Addresses (absolute A1) of one feature's rate cells in a rates block. */
export interface FeatureRateCells {
  readonly feature: FeatureRate;
  /** 0-based row of the feature in the block. */
  readonly row: number;
  /** Expected tokens per `per` units: for named licences where the card tells the licences apart, else for all. */
  readonly tokens: string;
  /** Tokens per `per` units for concurrent licences; blank means "as `tokens`". */
  readonly concurrent: string;
  readonly per: string;
  /** Low and high end of a ranged rate, tokens per `per` units; blank where the card gives no range. */
  readonly low: string;
  readonly high: string;
  /** Formula cell: the tokens per `per` units for the sheet's licence model. */
  readonly inUse: string;
  /** Formula cell: tokens per single unit for the sheet's licence model (shown, not used by other formulas). */
  readonly perUnit: string;
}

export interface RatesBlock {
  readonly card: CompiledCard;
  /** The rate cells of every feature of the card, by feature id. */
  readonly features: ReadonlyMap<string, FeatureRateCells>;
  /** Formula cells: the allocation per organisation and per user for the sheet's licence model. */
  readonly allocationPerOrganisation: string;
  readonly allocationPerUser: string;
  /** The editable allocation cells behind them, for named and concurrent licences. */
  readonly allocationRates: {
    readonly perOrganisation: { readonly named: string; readonly concurrent: string };
    readonly perUser: { readonly named: string; readonly concurrent: string };
  };
  /** The editable cell of the committed tokens a month, where the card's contract buys them. */
  readonly committed?: string;
  /** The two-column range currency | price per token, for VLOOKUP. */
  readonly prices: string;
  /** The price cell of each currency the card prices. */
  readonly priceCells: ReadonlyMap<CurrencyCode, string>;
  /** The first free row below the block. */
  readonly nextRow: number;
}

export interface RatesBlockOptions {
  /** 0-based top-left corner of the block; it is 10 columns wide. */
  readonly row: number;
  readonly col: number;
  /** Absolute address of the sheet's licence-model cell ("named" / "concurrent"), e.g. "$C$9". */
  readonly licenceRef: string;
  /** The licence model in that cell when the sheet is built: gives the formulas' cached results. */
  readonly licence: LicenceModel;
}

/** Width of a rates block in columns. */
export const RATES_BLOCK_COLUMNS = 10;

const CONFIDENCE_TEXT = { confirmed: "confirmed", secondary: "secondary source", unconfirmed: "not confirmed" } as const;

/** The formula of a licence-dependent value: the concurrent cell when the licence is concurrent and it is filled, else the named one. */
export const licenceChoiceFormula = (licenceRef: string, namedRef: string, concurrentRef: string): string =>
  `IF(AND(${licenceRef}="concurrent",${concurrentRef}<>""),${concurrentRef},${namedRef})`;

/** Writes the rates block of a card at a corner and returns the addresses of every rate. */
export function writeRatesBlock(b: SheetBuilder, card: CompiledCard, o: RatesBlockOptions): RatesBlock {
  const c = o.col;
  const lastCol = c + RATES_BLOCK_COLUMNS - 1;
  const span = (row: number, from: number) => rangeA1(row, from, 1, lastCol - from + 1);
  let r = o.row;

  b.put(r, c, { value: `Rates: ${card.card.name} card (${card.card.date}). Edit a rate and the sheet recalculates.`, style: "heading" });
  b.merge(span(r, c));
  r++;
  b.put(r, c, { value: `Source: ${card.card.source}`, style: "note", wrap: true });
  b.merge(span(r, c));
  r++;
  b.row(r, c, [
    { value: "Feature", style: "label", bold: true },
    { value: "Counted in", style: "label", bold: true },
    {
      value: "Tokens",
      style: "label",
      bold: true,
      wrap: true,
      note: 'Expected tokens per "Per" units; for named licences where the card tells licences apart.',
    },
    { value: "Tokens, concurrent", style: "label", bold: true, wrap: true, note: "Blank: as for named licences." },
    { value: "Per", style: "label", bold: true },
    { value: "Low", style: "label", bold: true, note: 'Low end of a ranged rate, tokens per "Per" units. Blank: no range.' },
    { value: "High", style: "label", bold: true, note: 'High end of a ranged rate, tokens per "Per" units. Blank: no range.' },
    { value: "Tokens, this licence", style: "label", bold: true, wrap: true },
    { value: "Tokens per unit", style: "label", bold: true, wrap: true },
    { value: "Confidence", style: "label", bold: true },
  ]);
  r++;

  const features = new Map<string, FeatureRateCells>();
  const firstRateRow = r;
  for (const f of card.card.features) {
    const named = typeof f.tokens === "number" ? f.tokens : f.tokens.named;
    const concurrent = typeof f.tokens === "number" ? null : f.tokens.concurrent;
    const inUseValue = typeof f.tokens === "number" ? f.tokens : f.tokens[o.licence];
    const ref = (k: number) => absA1(r, c + k);
    const cells: FeatureRateCells = {
      feature: f,
      row: r,
      tokens: ref(2),
      concurrent: ref(3),
      per: ref(4),
      low: ref(5),
      high: ref(6),
      inUse: ref(7),
      perUnit: ref(8),
    };
    const notes = [
      f.note,
      f.included ? "Included at no token cost." : undefined,
      f.perInteraction ? "Charged per interaction." : undefined,
      `Source: ${f.source}.`,
    ];
    b.row(r, c, [
      { value: f.name, style: "label", note: notes.filter(Boolean).join(" ") },
      { value: f.units, style: "label" },
      { value: named, style: "input" },
      { value: concurrent, style: "input" },
      { value: f.per, style: "input" },
      { value: f.range ? f.range.low : null, style: "input" },
      { value: f.range ? f.range.high : null, style: "input" },
      { formula: `=${licenceChoiceFormula(o.licenceRef, cells.tokens, cells.concurrent)}`, result: inUseValue },
      // Tokens per unit at four decimals at most (1 per 17 is 0.0588), the card's own "Tokens" and "Per" beside it.
      { formula: `=${cells.inUse}/${cells.per}`, result: inUseValue / f.per, format: RATE_FORMAT },
      { value: CONFIDENCE_TEXT[f.confidence], style: "note" },
    ]);
    features.set(f.id, cells);
    r++;
  }
  const rateRange = rangeA1(firstRateRow, c + 2, r - firstRateRow, 5);
  b.validate({ range: rateRange, type: "decimal", min: 0, prompt: "Tokens: a number >= 0 (Per: greater than 0)." });
  r++;

  const a = card.card.allocation;
  b.row(r, c, [
    { value: "Monthly allocation", style: "label", bold: true },
    { value: "Counted", style: "label", bold: true },
    { value: "Named", style: "label", bold: true },
    { value: "Concurrent", style: "label", bold: true },
    null,
    null,
    null,
    { value: "This licence", style: "label", bold: true },
    null,
    { value: "Confidence", style: "label", bold: true },
  ]);
  r++;
  const perOrg = a.basis === "per-organisation" ? { named: a.named, concurrent: a.concurrent } : { named: 0, concurrent: 0 };
  const perUser = a.basis === "per-user" ? { named: a.named, concurrent: a.concurrent } : { named: 0, concurrent: 0 };
  const allocationRates = { perOrganisation: { named: "", concurrent: "" }, perUser: { named: "", concurrent: "" } };
  const allocationRow = (label: string, counted: string, v: { named: number; concurrent: number }, cells: { named: string; concurrent: string }): string => {
    const named = absA1(r, c + 2);
    const concurrent = absA1(r, c + 3);
    const inUse = absA1(r, c + 7);
    cells.named = named;
    cells.concurrent = concurrent;
    b.row(r, c, [
      { value: label, style: "label", note: `Source: ${a.source}.` },
      { value: counted, style: "label" },
      { value: v.named, style: "input", format: "#,##0" },
      { value: v.concurrent, style: "input", format: "#,##0" },
      null,
      null,
      null,
      { formula: `=${licenceChoiceFormula(o.licenceRef, named, concurrent)}`, result: v[o.licence], format: "#,##0" },
      null,
      { value: CONFIDENCE_TEXT[a.confidence], style: "note" },
    ]);
    b.validate({ range: rangeA1(r, c + 2, 1, 2), type: "decimal", min: 0 });
    r++;
    return inUse;
  };
  const allocationPerOrganisation = allocationRow("Per organisation", "tokens a month", perOrg, allocationRates.perOrganisation);
  const allocationPerUser = allocationRow("Per licensed user", "tokens a user a month", perUser, allocationRates.perUser);
  if (a.addOnPerUser) {
    const add = a.addOnPerUser;
    b.put(r, c, {
      value: `Not included: an add-on of ${add.named} tokens per named / ${add.concurrent} per concurrent agent for ${add.condition} (${CONFIDENCE_TEXT[add.confidence]}; ${add.source}).`,
      style: "note",
      wrap: true,
    });
    b.merge(span(r, c));
    r++;
  }
  let committed: string | undefined;
  if (a.committed !== undefined) {
    committed = absA1(r, c + 2);
    b.row(r, c, [
      { value: "Committed tokens", style: "label", note: `Tokens the contract buys each month besides the allocation. Source: ${a.source}.` },
      { value: "tokens a month", style: "label" },
      { value: a.committed, style: "input", format: "#,##0" },
    ]);
    b.validate({ range: committed.replace(/\$/g, ""), type: "decimal", min: 0 });
    r++;
  }
  b.put(r, c, { value: "Unused tokens do not carry over: each month's allocation stands alone.", style: "note" });
  b.merge(span(r, c));
  r += 2;

  b.row(r, c, [
    { value: "Price of one extra token", style: "label", bold: true, note: `Source: ${card.card.pricing.source}.` },
    { value: "Price", style: "label", bold: true },
  ]);
  r++;
  const priceCells = new Map<CurrencyCode, string>();
  const firstPriceRow = r;
  for (const [code, price] of Object.entries(card.card.pricing.perToken) as [CurrencyCode, number][]) {
    b.row(r, c, [
      { value: code, style: "label" },
      { value: price, style: "input", format: currencyFormat(code) },
    ]);
    priceCells.set(code, absA1(r, c + 1));
    r++;
  }
  const prices = `${absA1(firstPriceRow, c)}:${absA1(r - 1, c + 1)}`;
  b.validate({ range: rangeA1(firstPriceRow, c + 1, r - firstPriceRow, 1), type: "decimal", min: 0 });

  return {
    card,
    features,
    allocationPerOrganisation,
    allocationPerUser,
    allocationRates,
    ...(committed ? { committed } : {}),
    prices,
    priceCells,
    nextRow: r + 1,
  };
}

/** Wraps an expression in the rounding rule of a line: ROUND(x,0), ROUNDUP(x,0) or x as it is. */
export function roundingFormula(expression: string, rule: RoundingRule): string {
  return rule === "line" ? `ROUND(${expression},0)` : rule === "up" ? `ROUNDUP(${expression},0)` : expression;
}

export interface FeatureTokensFormulaOptions {
  /** The cell of the monthly quantity in the feature's unit. */
  readonly quantityRef: string;
  readonly rate: FeatureRateCells;
  /** Which end of a ranged rate: "mid" is the expected figure. */
  readonly level: RateLevel;
  readonly rounding: RoundingRule;
  /** A cell of the analyst's own tokens per unit (blank = the card's rate). */
  readonly overrideRef?: string;
}

/**
 * The formula (without "=") of one consumption line, as the core's featureTokens computes it:
 * an override gives quantity x override; the expected level quantity x tokens / per; the low or
 * high level quantity x (low / per), falling back to the expected figure when the range is blank.
 */
export function featureTokensFormula(o: FeatureTokensFormulaOptions): string {
  const { quantityRef: q, rate } = o;
  const expected = `${q}*${rate.inUse}/${rate.per}`;
  let raw = expected;
  if (o.level !== "mid") {
    const end = o.level === "low" ? rate.low : rate.high;
    raw = `IF(${end}="",${expected},${q}*(${end}/${rate.per}))`;
  }
  if (o.overrideRef) raw = `IF(${o.overrideRef}="",${raw},${q}*${o.overrideRef})`;
  return roundingFormula(raw, o.rounding);
}

/** The formula (without "=") of the monthly allocation: per organisation + users x per user, for the sheet's licence. */
export const allocationFormula = (usersRef: string, rates: RatesBlock): string => `${rates.allocationPerOrganisation}+${usersRef}*${rates.allocationPerUser}`;

/** The formula (without "=") of the card's price per token in the currency of a cell (#N/A when the card has none). */
export const cardPriceFormula = (currencyRef: string, rates: RatesBlock): string => `VLOOKUP(${currencyRef},${rates.prices},2,0)`;
