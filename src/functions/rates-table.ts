/**
 * The table RATES() spills: a header row and one row per feature of a card, for a licence model.
 * The functions build each table once per card and licence model and return it as is (frozen:
 * Excel only reads it).
 */
import type { CompiledCard } from "../core/card-registry";
import { CARD_TABLE_HEADER, featureRow } from "../core/card-table-columns";
import type { LicenceModel } from "../core/ratecard";

export type RatesCell = string | number | boolean;

/** The columns of RATES(), in order: the feature columns a contract table is read by (core contract-table), so what RATES() spills reads back as a card. */
export const RATES_HEADER: readonly string[] = CARD_TABLE_HEADER;

export type RatesTable = readonly (readonly RatesCell[])[];

/** The rates of a card as a table with a header row, frozen. */
export function ratesTable(card: CompiledCard, licence: LicenceModel): RatesTable {
  return Object.freeze([Object.freeze([...RATES_HEADER]), ...card.card.features.map((f) => Object.freeze(featureRow(f, licence)))]);
}
