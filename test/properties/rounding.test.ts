/**
 * The three rounding rules against each other, line by line: "line" (half up) is within half a token
 * of "exact", "up" is at or above "exact" and less than one token above it, and "line" never exceeds
 * "up". For every feature of both cards at every level and licence model, and for every line of
 * random estimates (whose totals then differ by at most half a token, or one token, a line).
 *
 * "At or above" is up to binary noise: the "exact" figure is a double, within 2^-45 (relative) of the
 * true product of the decimal figures, while "line" and "up" are decided on the true product (see
 * exact-rounding.test.ts for the comparison with an exact decimal reference).
 */
import { fc } from "./count";
import { profileArbitrary } from "./arbitraries";
import {
  CARDS,
  estimate,
  featureTokens,
  getCard,
  InputError,
  LICENCE_MODELS,
  RATE_LEVELS,
  type CompiledCard,
  type Estimate,
  type FeatureRate,
  type LineOptions,
} from "../../src/core";

/** Quantities whose lines stay below LARGE tokens on every card (at most 60 tokens a unit). */
const LARGE = 1e9;
const quantity = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.double({ min: 0, max: LARGE / 60, noNaN: true, noDefaultInfinity: true }),
  fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(1, 2, 4, 17, 20, 51, 100, 400)).map(([k, d]) => (k + 0.5) / d),
  fc.double({ min: 0, max: 1e-3, noNaN: true, noDefaultInfinity: true }),
);

/** Binary noise of the double "exact" figure at x: relative above 1, absolute below. */
const tol = (x: number): number => 2 ** -45 * Math.max(1, Math.abs(x));

/** The three rules on one raw amount, checked against each other. */
function checkRules(exact: number, line: number, up: number, what: () => string): void {
  const problems: string[] = [];
  if (!Number.isInteger(line) || !Number.isInteger(up)) problems.push("line and up must be whole tokens");
  if (!(up >= exact - tol(exact))) problems.push("up below exact");
  if (!(up - 1 < exact || up === 0)) problems.push("up a token or more above exact");
  if (!(Math.abs(line - exact) <= 0.5 + tol(exact))) problems.push("line more than half a token from exact");
  if (!(line <= up)) problems.push("line above up");
  // Below exact only within the tolerance: then up is exact's whole part.
  if (up < exact && up !== Math.floor(exact)) problems.push("up below exact and not its whole part");
  if (problems.length > 0) throw new Error(`${what()}: exact ${exact}, line ${line}, up ${up}: ${problems.join("; ")}`);
}

const tokens = (f: FeatureRate, q: number, o: Omit<LineOptions, "rounding">, rounding: LineOptions["rounding"]): number => {
  const t = featureTokens(f, q, { ...o, rounding });
  if (t instanceof InputError) throw new Error(t.message);
  return t;
};

describe("rounding rules: exact <= up < exact + 1, |line - exact| <= 0.5, line <= up", () => {
  test("every feature of both cards, at every level and licence model, with and without an own rate", () => {
    fc.assert(
      fc.property(quantity, fc.option(fc.double({ min: 0, max: 60, noNaN: true, noDefaultInfinity: true }), { nil: undefined }), (q, own) => {
        for (const card of CARDS) {
          for (const f of card.card.features) {
            for (const level of RATE_LEVELS) {
              for (const licence of LICENCE_MODELS) {
                const o = { level, licence, ...(own !== undefined ? { tokensPerUnit: own } : {}) };
                const exact = tokens(f, q, o, "exact");
                if (!Number.isFinite(exact)) continue;
                checkRules(
                  exact,
                  tokens(f, q, o, "line"),
                  tokens(f, q, o, "up"),
                  () => `${card.id} ${f.id} ${level}/${licence}${own !== undefined ? ` own ${own}` : ""} q=${q}`,
                );
              }
            }
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  test("every line of an estimate, and the totals: |line - exact| <= lines/2, exact <= up < exact + lines", () => {
    fc.assert(
      fc.property(profileArbitrary, (p) => {
        const card = getCard(p.card) as CompiledCard;
        const run = (rounding: (typeof p)["rounding"]): Estimate => {
          const e = estimate({ ...p, rounding }, card);
          if (e instanceof InputError) throw new Error(e.message);
          return e;
        };
        const [exact, line, up] = [run("exact"), run("line"), run("up")];
        exact.lines.forEach((l, i) =>
          checkRules(l.tokens, line.lines[i].tokens, up.lines[i].tokens, () => `line ${i + 1} (${l.feature}) of ${JSON.stringify(p)}`),
        );
        const n = exact.lines.length;
        expect(Math.abs(line.total - exact.total)).toBeLessThanOrEqual(n / 2 + n * tol(exact.total));
        expect(up.total).toBeGreaterThanOrEqual(exact.total - n * tol(exact.total));
        expect(up.total - exact.total).toBeLessThan(n);
        expect(line.total).toBeLessThanOrEqual(up.total);
      }),
      { numRuns: 500 },
    );
  });

  test("no tolerance: 1,000,000.0000001 tokens round up to 1,000,001, as ROUNDUP does on 15 significant digits", () => {
    const va = CARDS[0].byId.get("virtualagent")!;
    const q = 500_000.00000005; // x 2 tokens a session
    const o = { level: "mid", licence: "named" } as const;
    const exact = tokens(va, q, o, "exact");
    expect(exact).toBeGreaterThan(1_000_000);
    expect(tokens(va, q, o, "up")).toBe(1_000_001);
    expect(tokens(va, q, o, "line")).toBe(1_000_000);
    checkRules(exact, tokens(va, q, o, "line"), tokens(va, q, o, "up"), () => "example");
  });
});
