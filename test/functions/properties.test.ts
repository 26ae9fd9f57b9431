/**
 * Properties over generated input (fast-check): whatever Excel passes, no function throws or
 * shows NaN/Infinity; the functions agree with the core; ANNUALCOST's in-place path agrees with
 * the core's annualOverage; the per-feature functions agree with CONSUMPTION.
 */
import { fc } from "../properties/count"; // fast-check, with each fc.assert's runs counted for the test report
import { errorCode, ERROR_CODES, installed, messageOf } from "./custom-functions-stub";
import { BY_ID, IDS, PER_FEATURE } from "./registry";
import { CARDS } from "../../src/core/cards";
import { DEFAULT_LINE_OPTIONS, featureTokens } from "../../src/core/consumption";
import { FEATURE_CATALOGUE } from "../../src/core/feature-catalogue";
import { annualOverage } from "../../src/core/cost";
import { InputError } from "../../src/core/errors";
import { INPUT_RULES } from "../../src/core/input-rules";
import { LICENCE_MODELS, RATE_LEVELS } from "../../src/core/ratecard";
import { ROUNDING_RULES } from "../../src/core/rounding";
import { F } from "./registry";
import { loadTableReader } from "../../src/functions/arguments";

// Ranges reach the card argument: the reader of card tables (a chunk of its own, loaded on the first
// such card) is loaded first, so that every call answers at once (test/functions/contract-card).
beforeAll(loadTableReader);

/** Anything a cell or a script might pass. */
const scalar = fc.oneof(
  fc.double(),
  fc.double({ min: 0, max: 1e7, noNaN: true }),
  fc.integer({ min: -5, max: 100000 }),
  fc.constantFrom(null, undefined, "", " ", true, false, NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, 1e308),
  fc.string(),
  fc.constantFrom("1000", " 42 ", "1e3", "20%", "1,000", "-5", "abc", "line", "exact", "up", "low", "mid", "high", "named", "concurrent"),
  fc.constantFrom("study-notes", "genesys-published", "EUR", "JPY", "voicebot", "Voice Bots", "summary", "TRUE"),
  fc.constant(new installed.Error(ERROR_CODES.notAvailable, "upstream")),
);
const range = fc.oneof(
  fc.array(fc.array(scalar, { minLength: 0, maxLength: 3 }), { minLength: 0, maxLength: 13 }),
  fc.array(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 12 }),
);
const argument = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: range });

function showable(x: unknown): boolean {
  if (typeof x === "number") return Number.isFinite(x);
  if (typeof x === "string") return ["GREEN", "AMBER", "RED"].includes(x);
  if (errorCode(x)) return true;
  return Array.isArray(x) && x.every((row) => Array.isArray(row) && row.every((c) => (typeof c === "number" ? Number.isFinite(c) : true)));
}

describe("whatever comes in, a cell can show what comes out", () => {
  test("a bug inside a function shows as #VALUE! with a message, not a raw exception", () => {
    // A range that throws when read (no Excel range does) stands in for a bug.
    const hostile = new Proxy([[1]], {
      get() {
        throw new Error("boom");
      },
    });
    const r = F.annualCost(hostile, [[1]]);
    expect(errorCode(r)).toBe(ERROR_CODES.invalidValue);
    expect(messageOf(r)).toBe("TOKENS.ANNUALCOST failed unexpectedly (boom). Please report this.");
  });

  test.each(IDS)("%s never throws and never returns NaN or Infinity", (id) => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 7 }), (args) => {
        const r = BY_ID[id](...args);
        expect(showable(r)).toBe(true);
        // The catch-all turns a bug into #VALUE! "failed unexpectedly": no input may reach it.
        const e = Array.isArray(r) ? r[0][0] : r;
        if (errorCode(e)) expect(messageOf(e)).not.toMatch(/failed unexpectedly/);
      }),
      { numRuns: 400 },
    );
  });
});

describe("the consumption functions are the core's featureTokens", () => {
  // An option is given or omitted (null, as Excel passes it: the fast paths); a card is a one-cell
  // range, its id typed in the formula, or omitted (the default card).
  const omittable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 2 });
  test("for any quantity, rounding, card, level and licence model", () => {
    fc.assert(
      fc.property(
        // Doubles, whole users, and quarters (1,007.25 minutes): on a half-token boundary at a rate per one unit.
        fc.oneof(
          fc.double({ min: 0, max: 1e9, noNaN: true }),
          fc.integer({ min: 0, max: 1_000_000 }),
          fc.integer({ min: 0, max: 4e9 }).map((n) => n / 4),
        ),
        omittable(fc.constantFrom(...ROUNDING_RULES)),
        fc.constantFrom(...CARDS),
        fc.constantFrom("range", "typed", "omitted"),
        omittable(fc.constantFrom(...RATE_LEVELS)),
        omittable(fc.constantFrom(...LICENCE_MODELS)),
        (q, rounding, card, cardAs, level, licence) => {
          if (cardAs === "omitted" && card !== CARDS[0]) return;
          const cardArg = cardAs === "range" ? [[card.id]] : cardAs === "typed" ? card.id : null;
          const options = {
            rounding: rounding ?? DEFAULT_LINE_OPTIONS.rounding,
            licence: licence ?? DEFAULT_LINE_OPTIONS.licence,
            level: level ?? DEFAULT_LINE_OPTIONS.level,
          };
          for (const f of card.card.features) {
            // Users are whole and at most a million (the input rules): otherwise #NUM! in every face.
            const core = f.unit === "user" && !(Number.isInteger(q) && q <= INPUT_RULES.users.max) ? undefined : featureTokens(f, q, options);
            if (core === undefined) {
              expect(errorCode(F.consumption(f.id, q, rounding, cardArg, level, licence))).toBe(ERROR_CODES.invalidNumber);
              continue;
            }
            const viaConsumption = F.consumption(f.id, q, rounding, cardArg, level, licence);
            expect(viaConsumption).toBe(core);
            const own = PER_FEATURE[f.id];
            if (own) expect(own(q, rounding, { typed: cardArg }, level, licence)).toBe(core);
          }
          for (const id of Object.keys(PER_FEATURE)) {
            // The quantity is read first: fractional users are #NUM! before the card is looked at.
            const fractionalUsers = (id === "copilot" || id === "analytics") && !(Number.isInteger(q) && q <= INPUT_RULES.users.max);
            if (!card.byId.has(id))
              expect(errorCode(PER_FEATURE[id](q, rounding, { typed: cardArg }, level, licence))).toBe(
                fractionalUsers ? ERROR_CODES.invalidNumber : ERROR_CODES.notAvailable,
              );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test("every card counts a feature alike, so a feature's own function and CONSUMPTION gate its quantity alike", () => {
    for (const e of FEATURE_CATALOGUE) {
      const kinds = new Set(CARDS.flatMap((c) => (c.byId.has(e.id) ? [c.byId.get(e.id)!.unit === "user"] : [])));
      expect({ feature: e.id, kinds: kinds.size }).toEqual({ feature: e.id, kinds: 1 });
    }
  });
});

describe("ANNUALCOST is the core's annualOverage", () => {
  const month = fc.oneof(fc.integer({ min: 0, max: 200000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
  test("for plain numbers, with one allocation or one per month", () => {
    fc.assert(
      fc.property(
        fc.array(month, { minLength: 1, maxLength: 24 }),
        fc.boolean(),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.integer({ min: 0, max: 100000 }),
        (months, perMonth, price, allocation) => {
          const allocations = perMonth ? months.map((m, i) => (m + i * 7919) % 150000) : [allocation];
          const core = annualOverage(months, perMonth ? allocations : allocation, price);
          if (core instanceof InputError) throw new Error(core.message);
          const viaFunction = F.annualCost(
            months.map((m) => [m]),
            allocations.map((a) => [a]),
            price,
          );
          expect(viaFunction).toBe(core.cost);
          // Laid out as a row, the same figure.
          expect(F.annualCost([months], [allocations], price)).toBe(core.cost);
        },
      ),
      { numRuns: 300 },
    );
  });
  test("with blanks and numeric text, through the gate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(month, fc.constantFrom(null, "", "  ")), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 100000 }),
        (cells, allocation) => {
          const numbers = cells.map((c) => (typeof c === "number" ? c : 0));
          const core = annualOverage(numbers, allocation, 1);
          if (core instanceof InputError) throw new Error(core.message);
          expect(
            F.annualCost(
              cells.map((c) => [c]),
              [[String(allocation)]],
            ),
          ).toBe(core.cost);
        },
      ),
      { numRuns: 200 },
    );
  });
  test("the yearly overage is never less than the naive yearly sum", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 100000 }), (months, a) => {
        const naive = Math.max(0, months.reduce((s, m) => s + m, 0) - a * months.length);
        expect(
          F.annualCost(
            months.map((m) => [m]),
            [[a]],
          ),
        ).toBeGreaterThanOrEqual(naive);
      }),
    );
  });
});

describe("monitoring agrees with itself", () => {
  test("HEALTH follows UTILIZATION's bands; OVERAGE is positive exactly when HEALTH is RED", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (c, a) => {
        const u = F.utilization(c, a) as number;
        const h = F.health(c, a);
        expect(h).toBe(u <= 0.8 ? "GREEN" : u <= 1 ? "AMBER" : "RED");
        expect((F.overage(c, a) as number) > 0).toBe(h === "RED");
      }),
    );
  });
  test("TOPUP buys just enough: the projection fits after it and would not with a token less", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 50 }), (p, a, pct) => {
        const buffer = pct / 100;
        const buy = F.topUp(p, a, buffer) as number;
        expect(Number.isInteger(buy)).toBe(true);
        const target = p * (1 + buffer);
        expect(a + buy).toBeGreaterThanOrEqual(target - 1e-9 * target);
        if (buy > 0) expect(a + buy - 1).toBeLessThan(target);
      }),
    );
  });
});
