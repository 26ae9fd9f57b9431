/**
 * Generators shared by the property tests: quantities of every size (with the values that sit on a
 * rounding boundary and their neighbouring doubles), valid profiles and annual plans on both cards,
 * and the hostile numbers an entry point must survive.
 */
import { fc } from "./count";
import {
  CARD_IDS,
  CURRENCY_CODES,
  GROWTH_KINDS,
  LICENCE_MODELS,
  PLAN_MONTHS,
  RATE_LEVELS,
  ROUNDING_RULES,
  VOLUME_FEATURES,
  type AnnualPlan,
  type Initiative,
  type PlanSite,
  type Profile,
  type UserGrowth,
  type VolumeFeature,
} from "../../src/core";

/** The next double above x (x >= 0, finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  buf.setBigUint64(0, buf.getBigUint64(0) + 1n);
  return buf.getFloat64(0);
}

/**
 * Divisors of the cards' rates (per 17, 20, 51, 100, 400 units; halves and quarters): k / d lands
 * exactly on, or a rounding error away from, the points where a line's rounding changes.
 */
const DIVISORS = [1, 2, 4, 8, 17, 20, 40, 51, 100, 200, 400, 800, 3, 7] as const;

/** A quantity of any size a sheet may hold: 0, whole, fractional, on a rounding boundary, huge. */
export const quantity: fc.Arbitrary<number> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(...DIVISORS)).map(([k, d]) => (k + 0.5) / d) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(...DIVISORS)).map(([k, d]) => k / d) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1e15, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1e-3, noNaN: true, noDefaultInfinity: true }) },
);

/** Two quantities q1 <= q2: independent ones, and neighbours (the next double, a hair more, a little more). */
export const orderedQuantities: fc.Arbitrary<[number, number]> = fc.oneof(
  fc.tuple(quantity, quantity).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a])),
  quantity.map((q): [number, number] => [q, nextUp(q)]),
  fc.tuple(quantity, fc.double({ min: 0, max: 1e-6, noNaN: true, noDefaultInfinity: true })).map(([q, d]): [number, number] => [q, q + d]),
  fc.tuple(quantity, fc.integer({ min: 0, max: 1000 })).map(([q, d]): [number, number] => [q, q + d / 17]),
);

/** A volume of a profile: mostly 0 or whole, sometimes fractional or large. */
const volume: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 400_000 }), fc.constantFrom(...DIVISORS)).map(([k, d]) => (k + 0.5) / d) },
);

export const volumesArbitrary = fc.record(Object.fromEntries(VOLUME_FEATURES.map((f) => [f, volume])) as Record<VolumeFeature, typeof volume>);

const ownRate = fc.option(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 120, noNaN: true, noDefaultInfinity: true })), {
  nil: undefined,
});

/** A valid profile on either card, any rounding rule, level and licence model. */
export const profileArbitrary: fc.Arbitrary<Profile> = fc
  .record({
    name: fc.string({ maxLength: 30 }),
    card: fc.constantFrom(...CARD_IDS),
    licence: fc.constantFrom(...LICENCE_MODELS),
    // Whole users (the input rules: licences are whole).
    users: fc.integer({ min: 0, max: 10_000 }),
    // 1-31, fractional for an average month (the input rules).
    workingDays: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.double({ min: 1, max: 31, noNaN: true, noDefaultInfinity: true })),
    currency: fc.constantFrom(...CURRENCY_CODES),
    pricePerToken: fc.oneof(
      fc.integer({ min: 0, max: 20_000 }).map((n) => n / 100),
      fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true }),
    ),
    rounding: fc.constantFrom(...ROUNDING_RULES),
    level: fc.constantFrom(...RATE_LEVELS),
    volumes: volumesArbitrary,
    copilot: ownRate,
    analytics: ownRate,
  })
  .map(({ copilot, analytics, volumes, ...rest }) => ({
    ...rest,
    // Lines counted in users take whole users, as the input rules say.
    volumes: { ...volumes, copilot: Math.round(volumes.copilot), analytics: Math.round(volumes.analytics) },
    tokensPerUser: { ...(copilot !== undefined ? { copilot } : {}), ...(analytics !== undefined ? { analytics } : {}) },
  }));

const growthArbitrary: fc.Arbitrary<UserGrowth> = fc.oneof(
  fc.record({ kind: fc.constant("users" as const), perMonth: fc.integer({ min: -50, max: 100 }) }),
  fc.record({ kind: fc.constant("rate" as const), monthly: fc.integer({ min: -20, max: 20 }).map((n) => n / 100) }),
  fc.record({ kind: fc.constant("target" as const), users: fc.integer({ min: 0, max: 5_000 }) }),
);
// Every growth kind is generated (a new kind fails here until it is added above).
if (GROWTH_KINDS.length !== 3) throw new Error(`arbitraries.ts: growth kinds changed: ${GROWTH_KINDS.join(", ")}`);

const twelve = (item: fc.Arbitrary<number>) => fc.array(item, { minLength: PLAN_MONTHS, maxLength: PLAN_MONTHS });
const goLiveArbitrary = fc.dictionary(fc.constantFrom(...VOLUME_FEATURES), fc.integer({ min: 1, max: 14 }), { maxKeys: 4 });

const initiativeArbitrary: fc.Arbitrary<Initiative> = fc.record({
  name: fc.string({ maxLength: 20 }),
  tokensPerMonth: fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.double({ min: 0, max: 50_000, noNaN: true, noDefaultInfinity: true })),
  goLive: fc.integer({ min: 1, max: 14 }),
});

const siteArbitrary: fc.Arbitrary<PlanSite> = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }),
    volumes: fc
      .dictionary(fc.constantFrom(...VOLUME_FEATURES), volume, { minKeys: 1, maxKeys: 5 })
      // Lines counted in users take whole users (the input rules).
      .map((v) => Object.fromEntries(Object.entries(v).map(([f, x]) => [f, f === "copilot" || f === "analytics" ? Math.round(x) : x]))),
    goLive: goLiveArbitrary,
  },
  { requiredKeys: ["name", "volumes"] },
);

/** A valid annual plan: growth of every kind, seasons, go-lives, initiatives, top-ups, buffers, sometimes sites. */
export const planArbitrary: fc.Arbitrary<AnnualPlan> = fc
  .record({
    profile: profileArbitrary,
    startMonth: fc.integer({ min: 1, max: 12 }),
    startYear: fc.integer({ min: 2020, max: 2040 }),
    growth: growthArbitrary,
    userFeaturesFollowUsers: fc.boolean(),
    goLive: goLiveArbitrary,
    seasonality: twelve(
      fc.oneof(
        fc.constant(1),
        fc.integer({ min: 0, max: 30 }).map((n) => n / 10),
        fc.double({ min: 0, max: 3, noNaN: true, noDefaultInfinity: true }),
      ),
    ),
    topUps: twelve(fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000 }) })),
    initiatives: fc.array(initiativeArbitrary, { maxLength: 3 }),
    buffers: fc.record({ unpredictability: fc.integer({ min: 0, max: 50 }).map((n) => n / 100), growth: fc.integer({ min: 0, max: 30 }).map((n) => n / 100) }),
    sites: fc.option(fc.array(siteArbitrary, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 3 }),
  })
  .map(({ profile, sites, ...rest }) => ({
    name: profile.name,
    card: profile.card,
    licence: profile.licence,
    users: Math.round(profile.users),
    workingDays: profile.workingDays,
    currency: profile.currency,
    pricePerToken: profile.pricePerToken,
    rounding: profile.rounding,
    level: profile.level,
    volumes: profile.volumes,
    tokensPerUser: profile.tokensPerUser,
    ...rest,
    ...(sites ? { sites } : {}),
  }));

/** Numbers an entry point must survive: NaN, infinities, negatives, -0, huge, tiny, fractional. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, -1e-300, Number.MAX_VALUE, 1e308, 1.7e308, 1e300, Number.MIN_VALUE, 0.1, 0.5, 2 ** 53 + 2, 1e21, 31.5, 32),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: 0, max: 1e7, noNaN: true }),
);

/** What a script or a broken form might put where a number belongs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, "", "12", "1e3", true, false, "NaN", {}, []) },
);
