/**
 * The feature columns of a card as a table: what `=TOKENS.RATES()` spills and a contract table
 * (./contract-table.ts) reads back. Apart from the reader so that the functions, which spill
 * RATES() on every card, load the reader only for a card given as a range.
 */
import type { FeatureRate } from "./ratecard";

/** The columns of a feature row, as RATES() spills them. */
export const CARD_TABLE_HEADER = [
  "Feature id",
  "Feature",
  "Unit",
  "Tokens",
  "Per",
  "Tokens per unit",
  "Low",
  "High",
  "Included",
  "Source",
  "Confidence",
] as const;

/** A feature's row under CARD_TABLE_HEADER, for a licence model's tokens: what RATES() spills and cardFromTable reads. */
export function featureRow(f: FeatureRate, licence: "named" | "concurrent"): (string | number | boolean)[] {
  const tokens = typeof f.tokens === "number" ? f.tokens : f.tokens[licence];
  return [
    f.id,
    f.name,
    f.unit,
    tokens,
    f.per,
    tokens / f.per,
    f.range ? f.range.low : tokens,
    f.range ? f.range.high : tokens,
    f.included === true,
    f.source,
    f.confidence,
  ];
}
