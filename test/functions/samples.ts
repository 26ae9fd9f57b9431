/**
 * One sample call per custom function, with what it returns and the role of each argument. The
 * edge-row tests vary one argument of a sample at a time; the bundle test makes the same calls
 * through the built bundle. A catalogue feature's own function gets one from the catalogue and the
 * core (featureSample); a function without a sample fails the metadata test.
 */
import { CARDS, DEFAULT_CARD } from "../../src/core/cards";
import { featureTokens } from "../../src/core/consumption";
import { FEATURE_CATALOGUE, type FeatureEntry } from "../../src/core/feature-catalogue";
import { featureSlot } from "../../src/functions/arguments";

export interface Sample {
  /** The arguments as Excel passes them. */
  readonly args: readonly unknown[];
  /** What the sample returns (a number, a status, or the RATES table's first row). */
  readonly result: unknown;
  /** Positions of required quantities (blank is 0, negative is #NUM!, ...). */
  readonly quantities?: readonly number[];
  /** Positions of optional numbers (blank is the default). */
  readonly optionalNumbers?: readonly number[];
  /** Positions of ranges of monthly figures. */
  readonly ranges?: readonly number[];
  /** Positions of the keyword arguments. */
  readonly options?: { readonly rounding?: number; readonly card?: number; readonly level?: number; readonly model?: number };
}

const CONSUMPTION_OPTIONS = (first: number) => ({ rounding: first, card: first + 1, level: first + 2 });

/**
 * A sample for a catalogue feature's own function that has none above: its help example's quantity on
 * the first card that prices it, with the result the core gives for that line.
 */
function featureSample(e: FeatureEntry, fn: NonNullable<FeatureEntry["function"]>): Sample {
  const slot = featureSlot(e.id);
  const i = slot.byCard.findIndex((f) => f !== undefined);
  const first = slot.ownRate ? 2 : 1;
  const args: unknown[] = [fn.example, ...(slot.ownRate ? [null] : []), null, [[CARDS[i].id]]];
  const options = { ...CONSUMPTION_OPTIONS(first), ...(slot.licenceDependent ? { model: first + 3 } : {}) };
  return { args, result: featureTokens(slot.byCard[i]!, fn.example, { rounding: "line", licence: "named", level: "mid" }), quantities: [0], options };
}

const EXPLICIT: Readonly<Record<string, Sample>> = {
  COPILOT: { args: [50], result: 2500, quantities: [0], optionalNumbers: [1], options: { ...CONSUMPTION_OPTIONS(2), model: 5 } },
  ANALYTICS: { args: [10], result: 375, quantities: [0], optionalNumbers: [1], options: CONSUMPTION_OPTIONS(2) },
  SCORING: { args: [4000], result: 200, quantities: [0], options: CONSUMPTION_OPTIONS(1) },
  TRANSLATE: { args: [300], result: 3, quantities: [0], options: CONSUMPTION_OPTIONS(1) },
  VOICEBOT: { args: [5000], result: 294, quantities: [0], options: CONSUMPTION_OPTIONS(1) },
  DIGITALBOT: { args: [10000], result: 196, quantities: [0], options: CONSUMPTION_OPTIONS(1) },
  MESSAGING: { args: [5000], result: 13, quantities: [0], options: CONSUMPTION_OPTIONS(1) },
  SOCIAL: { args: [800], result: 2, quantities: [0], options: CONSUMPTION_OPTIONS(1) },
  VIRTUALAGENT: { args: [1000], result: 2000, quantities: [0], options: CONSUMPTION_OPTIONS(1) },
  CONSUMPTION: {
    args: ["virtualagent", 1000, "line", "genesys-published"],
    result: 500,
    quantities: [1],
    options: { ...CONSUMPTION_OPTIONS(2), model: 5 },
  },
  MONTHLY: { args: [200], result: 4000, quantities: [0], optionalNumbers: [1] },
  ALLOCATION: { args: [50, "named", "genesys-published"], result: 250, quantities: [0], options: { model: 1, card: 2 } },
  OVERAGE: { args: [60000, 50000], result: 10000, quantities: [0, 1] },
  COST: { args: [1000, "EUR", "genesys-published"], result: 800, quantities: [0], optionalNumbers: [1], options: { card: 2 } },
  ANNUALCOST: { args: [[[40000], [20000], [40000]], [[30000]]], result: 20000, ranges: [0, 1], optionalNumbers: [2], options: { card: 3 } },
  UTILIZATION: { args: [19810, 50000], result: 0.3962, quantities: [0, 1] },
  HEALTH: { args: [45000, 50000], result: "AMBER", quantities: [0, 1] },
  PROJECT: { args: [6000, 10, 31], result: 18600, quantities: [0, 1, 2] },
  BUDGET: { args: [1000], result: 1300, quantities: [0], optionalNumbers: [1, 2] },
  TOPUP: { args: [40000, 30000], result: 10000, quantities: [0, 1], optionalNumbers: [2] },
  RATES: { args: [], result: 1 + DEFAULT_CARD.card.features.length, options: { card: 0, model: 1 } },
};

export const SAMPLES: Readonly<Record<string, Sample>> = {
  ...Object.fromEntries(
    (FEATURE_CATALOGUE as readonly FeatureEntry[]).flatMap((e) =>
      e.function && !(e.function.name in EXPLICIT) ? [[e.function.name, featureSample(e, e.function)]] : [],
    ),
  ),
  ...EXPLICIT,
};

/** For RATES the sample's result is the table's row count. */
export const sampleResultOf = (id: string, result: unknown): unknown => (id === "RATES" && Array.isArray(result) ? result.length : result);
