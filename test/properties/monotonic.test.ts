/**
 * Consumption never decreases as quantity grows: q1 <= q2 gives f(q1) <= f(q2), for every card,
 * feature, rounding rule, rate level and licence model, in the core (featureTokens, estimate) and in
 * the custom functions (CONSUMPTION and the per-feature functions), including quantities that sit on
 * a rounding boundary and the next double above them (where a tolerance could break the order).
 * Where a quantity is so large that the tokens overflow, the function gives an error: once it does,
 * every larger quantity does too.
 */
import "../functions/custom-functions-stub";
import { errorCode } from "../functions/custom-functions-stub";
import { fc } from "./count";
import { PER_FEATURE } from "../functions/registry";
import { orderedQuantities, profileArbitrary, quantity } from "./arbitraries";
import {
  CARDS,
  CALCULATOR_LINES,
  estimate,
  featureTokens,
  getCard,
  InputError,
  LICENCE_MODELS,
  RATE_LEVELS,
  ROUNDING_RULES,
  type CompiledCard,
} from "../../src/core";
import { F } from "../functions/registry";

type Value = number | "error";

/** A result as a number, or "error" for an InputError or an Excel error value. */
const valueOf = (r: unknown): Value => {
  if (typeof r === "number") return r;
  if (r instanceof InputError || errorCode(r)) return "error";
  throw new Error(`Neither a number nor an error: ${String(r)}`);
};

/** Checks f(q1) <= f(q2) for q1 <= q2, with an overflow error allowed only from some quantity on. */
function expectNonDecreasing(a: Value, b: Value, what: () => string): void {
  if (a === "error") {
    if (b !== "error") throw new Error(`${what()}: an error at the smaller quantity but ${b} at the larger`);
    return;
  }
  if (b === "error") return;
  if (!(a <= b)) throw new Error(`${what()}: ${a} then ${b}`);
}

const OPTIONS = ROUNDING_RULES.flatMap((rounding) => RATE_LEVELS.flatMap((level) => LICENCE_MODELS.map((licence) => ({ rounding, level, licence }))));

describe("consumption never decreases as quantity grows", () => {
  test("core featureTokens: every card, feature, rounding rule, level and licence model", () => {
    fc.assert(
      fc.property(orderedQuantities, ([q1, q2]) => {
        for (const card of CARDS) {
          for (const f of card.card.features) {
            for (const o of OPTIONS) {
              expectNonDecreasing(
                valueOf(featureTokens(f, q1, o)),
                valueOf(featureTokens(f, q2, o)),
                () => `${card.id} ${f.id} ${JSON.stringify(o)} q=${q1}..${q2}`,
              );
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  test("core featureTokens with an own tokens-per-unit figure, growing in the quantity and in the figure", () => {
    fc.assert(
      fc.property(orderedQuantities, orderedQuantities, fc.constantFrom(...ROUNDING_RULES), ([q1, q2], [t1, t2], rounding) => {
        const f = CARDS[0].byId.get("copilot")!;
        const at = (q: number, t: number) => valueOf(featureTokens(f, q, { rounding, level: "mid", licence: "named", tokensPerUnit: t }));
        expectNonDecreasing(at(q1, t1), at(q2, t1), () => `quantity ${q1}..${q2} at ${t1} a user, ${rounding}`);
        expectNonDecreasing(at(q1, t1), at(q1, t2), () => `own rate ${t1}..${t2} for ${q1} users, ${rounding}`);
      }),
      { numRuns: 400 },
    );
  });

  test("CONSUMPTION and the per-feature functions, through Excel's input gate", () => {
    fc.assert(
      fc.property(
        orderedQuantities,
        fc.constantFrom(...CARDS),
        fc.constantFrom(...ROUNDING_RULES),
        fc.constantFrom(...RATE_LEVELS),
        fc.constantFrom(...LICENCE_MODELS),
        // The same quantity as a cell would hold it: a number, or numeric text.
        fc.boolean(),
        ([q1, q2], card, rounding, level, model, asText) => {
          for (const f of card.card.features) {
            // Users are whole (the input rules): a line counted in users takes the whole part.
            const cell = (q: number): unknown => {
              const n = f.unit === "user" ? Math.floor(q) : q;
              // "441.885" is refused as ambiguous (a point and three digits may group thousands): the same value as "441.8850".
              const text = String(n);
              return asText ? (/^\d+\.\d{3}$/.test(text) ? `${text}0` : text) : n;
            };
            const what = () => `${card.id} ${f.id} ${rounding}/${level}/${model} q=${q1}..${q2}${asText ? " as text" : ""}`;
            expectNonDecreasing(
              valueOf(F.consumption(f.id, cell(q1), rounding, [[card.id]], level, model)),
              valueOf(F.consumption(f.id, cell(q2), rounding, [[card.id]], level, model)),
              what,
            );
            const own = PER_FEATURE[f.id];
            if (own)
              expectNonDecreasing(valueOf(own(cell(q1), rounding, card.id, level, model)), valueOf(own(cell(q2), rounding, card.id, level, model)), what);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test("COPILOT and ANALYTICS grow with an own tokens-per-user figure", () => {
    fc.assert(
      fc.property(quantity, orderedQuantities, fc.constantFrom(...ROUNDING_RULES), fc.constantFrom(...CARDS), (users, [t1, t2], rounding, card) => {
        users = Math.floor(users); // whole users (the input rules)
        const what = () => `${users} users at ${t1}..${t2} tokens, ${rounding}, ${card.id}`;
        expectNonDecreasing(valueOf(F.copilot(users, t1, rounding, [[card.id]])), valueOf(F.copilot(users, t2, rounding, [[card.id]])), what);
        expectNonDecreasing(valueOf(F.analytics(users, t1, rounding, [[card.id]])), valueOf(F.analytics(users, t2, rounding, [[card.id]])), what);
      }),
      { numRuns: 300 },
    );
  });

  test("the estimate's total grows with every volume, users' and days' figures held", () => {
    const cardOf = (id: string): CompiledCard => getCard(id) as CompiledCard;
    fc.assert(
      fc.property(
        profileArbitrary,
        fc.constantFrom(...CALCULATOR_LINES.map((l) => l.feature)),
        fc.double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true }),
        (p, feature, more) => {
          const card = cardOf(p.card);
          const before = estimate(p, card);
          const added = feature === "copilot" || feature === "analytics" ? Math.round(more) : more; // whole users
          const after = estimate({ ...p, volumes: { ...p.volumes, [feature]: p.volumes[feature] + added } }, card);
          if (before instanceof InputError || after instanceof InputError)
            throw new Error(`valid profile refused: ${(before as InputError).message ?? (after as InputError).message}`);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(after.overage).toBeGreaterThanOrEqual(before.overage);
          expect(after.annualCost).toBeGreaterThanOrEqual(before.annualCost);
        },
      ),
      { numRuns: 300 },
    );
  });
});
