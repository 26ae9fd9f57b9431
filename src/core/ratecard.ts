/**
 * The shape of a rate card: what each AI feature consumes, what the organisation gets each month
 * and what an extra token costs. Cards are typed data (see ./cards); every figure carries its
 * source and how sure we are of it. A card is checked by validateCard when it is registered, so a
 * malformed card fails the build and the tests, never an analyst's workbook.
 */
import type { CurrencyCode } from "./currencies";

export const LICENCE_MODELS = ["named", "concurrent"] as const;
export type LicenceModel = (typeof LICENCE_MODELS)[number];

/** Where a rate is a range: the low end, the expected (budgeting) figure, the high end. */
export const RATE_LEVELS = ["low", "mid", "high"] as const;
export type RateLevel = (typeof RATE_LEVELS)[number];

/** How sure we are of a figure: read on the vendor's own page, reported by a secondary copy, or not confirmed. */
export type Confidence = "confirmed" | "secondary" | "unconfirmed";

/** Tokens charged per `per` units; a licence-dependent figure gives one value per licence model. */
export type TokenAmount = number | { readonly named: number; readonly concurrent: number };

export interface FeatureRate {
  /** Stable id used by formulas and plans: lower case, no spaces ("voicebot"). */
  readonly id: string;
  /** The feature's display name ("Voice Bots"). */
  readonly name: string;
  /** The unit a quantity is counted in, singular and plural ("minute", "minutes"). */
  readonly unit: string;
  readonly units: string;
  /** Tokens charged for every `per` units: the expected figure a budget uses. */
  readonly tokens: TokenAmount;
  readonly per: number;
  /** Where the source gives a range: tokens per `per` units at the low and high end. */
  readonly range?: { readonly low: number; readonly high: number };
  /** True when the feature is included at no token cost. */
  readonly included?: boolean;
  /**
   * True when the feature is charged per interaction and the card charges only the highest
   * per-interaction rate when one interaction uses several AI features.
   */
  readonly perInteraction?: boolean;
  readonly source: string;
  readonly confidence: Confidence;
  readonly note?: string;
}

export interface AllocationRule {
  /** Per licensed user (the study notes) or one amount for the whole organisation (Genesys's pages). */
  readonly basis: "per-user" | "per-organisation";
  readonly named: number;
  readonly concurrent: number;
  /** An optional per-agent add-on on top of the base allocation (for example CX 4). */
  readonly addOnPerUser?: {
    readonly named: number;
    readonly concurrent: number;
    readonly condition: string;
    readonly source: string;
    readonly confidence: Confidence;
  };
  /** Tokens a contract buys each month besides the allocation (a contract card's; none on the shipped cards). */
  readonly committed?: number;
  readonly source: string;
  readonly confidence: Confidence;
}

export interface OveragePricing {
  /** The currency whose price is the card's default. */
  readonly defaultCurrency: CurrencyCode;
  /** Price of one extra token by currency; a negotiated price can always be typed instead. */
  readonly perToken: Partial<Record<CurrencyCode, number>>;
  readonly source: string;
  readonly confidence: Confidence;
}

export interface RateCard {
  readonly id: string;
  readonly name: string;
  /** Where the card's figures come from, in a line. */
  readonly source: string;
  /** When the source was read or dated: ISO year-month ("2026-03"). */
  readonly date: string;
  readonly description: string;
  readonly features: readonly FeatureRate[];
  readonly allocation: AllocationRule;
  readonly pricing: OveragePricing;
  /** Unused tokens never roll over to the next month on any known card; kept explicit. */
  readonly carryover: false;
  /** The shipped card a contract card starts from (./contract-card.ts); absent on the shipped cards. */
  readonly baseCard?: string;
}
