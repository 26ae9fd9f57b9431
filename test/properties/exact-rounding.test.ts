/**
 * Per-line rounding against an exact decimal reference, at every size the input gate accepts.
 *
 * The analyst types decimal figures (at most 15 significant digits, all a spreadsheet keeps); a
 * spreadsheet's ROUND(quantity * days * tokens / per, 0) and ROUNDUP(..., 0) round the decimal
 * product. The reference here works on the typed text itself, with BigInt, and never on a double;
 * the core gets the doubles those texts parse to. Quantities go up to the gate's maximum a line, own
 * rates up to its maximum tokens per user, working days over the gate's whole range; a third of the
 * cases sit exactly on a half-token boundary, where binary floating point alone decides wrongly.
 */
import { fc } from "./count";
import { CARDS, featureTokens, INPUT_RULES, InputError, lineTokens, type FeatureRate } from "../../src/core";
import { exactLine, longerThanASpreadsheetHolds } from "../../src/core/rounding";

/** A typed decimal ("1234.5678") as a ratio of BigInts. */
function ratio(text: string): [bigint, bigint] {
  const [whole, frac = ""] = text.split(".");
  return [BigInt(whole + frac), 10n ** BigInt(frac.length)];
}

/** The reference: the rule on the exact product of typed decimals over `per`. */
function reference(texts: readonly string[], per: string, rule: "line" | "up"): bigint {
  let n = 1n;
  let d = 1n;
  for (const t of texts) {
    const [a, b] = ratio(t);
    n *= a;
    d *= b;
  }
  const [pa, pb] = ratio(per);
  n *= pb;
  d *= pa;
  return rule === "line" ? (2n * n + d) / (2n * d) : (n + d - 1n) / d;
}

/** A decimal text up to `max` with at most `fracDigits` decimals and 15 significant digits. */
const decimalText = (max: number, fracDigits: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.bigInt({ min: 0n, max: BigInt(Math.floor(max)) }),
      fc.integer({ min: 0, max: fracDigits }),
      fc.bigInt({ min: 0n, max: 10n ** BigInt(fracDigits) - 1n }),
    )
    .map(([whole, decimals, frac]) => {
      const f = decimals === 0 ? "" : String(frac % 10n ** BigInt(decimals)).padStart(decimals, "0");
      // At most 15 significant digits: drop decimals first.
      const room = Math.max(0, 15 - String(whole).replace(/^0+/, "").length);
      const kept = f.slice(0, Math.min(f.length, room));
      return kept ? `${whole}.${kept}` : String(whole);
    });

/** Every (tokens, per) a card line may use: each rate and range end of both cards. */
const RATES: readonly { tokens: number; per: number }[] = CARDS.flatMap((c) =>
  c.card.features.flatMap((f: FeatureRate) => {
    const base = typeof f.tokens === "number" ? [f.tokens] : [f.tokens.named, f.tokens.concurrent];
    const ends = f.range ? [f.range.low, f.range.high] : [];
    return [...base, ...ends].filter((t) => t > 0).map((tokens) => ({ tokens, per: f.per }));
  }),
);

const G = INPUT_RULES;

describe("per-line rounding equals exact decimal ROUND / ROUNDUP up to the gate's maximum", () => {
  test("card rates: quantity x tokens / per", () => {
    fc.assert(
      fc.property(decimalText(G.quantity.max, 6), fc.constantFrom(...RATES), (q, r) => {
        for (const rule of ["line", "up"] as const) {
          const got = lineTokens(Number(q), r.tokens, r.per, rule);
          const want = reference([q, String(r.tokens)], String(r.per), rule);
          if (BigInt(got) !== want) throw new Error(`${rule}: ${q} x ${r.tokens} / ${r.per}: got ${got}, want ${want}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("on a half-token boundary: (k + 1/2) x per / tokens, and on whole tokens", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(G.quantity.max) }), fc.constantFrom(...RATES), fc.boolean(), (k, r, half) => {
        // quantity = (k + 1/2) x per / tokens, when that is a short decimal: the exact product is k + 1/2.
        const [tn, td] = ratio(String(r.tokens));
        const num = (2n * k + (half ? 1n : 0n)) * BigInt(r.per) * td;
        const den = 2n * tn;
        // Only quantities with a terminating decimal of at most 6 places.
        const scaled = num * 10n ** 6n;
        if (scaled % den !== 0n) return;
        const micro = scaled / den;
        const q = `${micro / 10n ** 6n}.${String(micro % 10n ** 6n).padStart(6, "0")}`;
        if (Number(q) > G.quantity.max || q.replace(".", "").replace(/^0+/, "").length > 15) return;
        for (const rule of ["line", "up"] as const) {
          const got = lineTokens(Number(q), r.tokens, r.per, rule);
          const want = reference([q, String(r.tokens)], String(r.per), rule);
          if (BigInt(got) !== want) throw new Error(`${rule}: ${q} x ${r.tokens} / ${r.per}: got ${got}, want ${want}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("the exact decision of everyday figures (whole numbers in doubles) equals the decimal reference", () => {
    // Quantities of everyday size with few decimals, half of them on a half-token boundary: decided
    // by exactLine's whole-number arithmetic in doubles rather than BigInt.
    const boundary = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(...RATES)).map(([k, r]) => {
      const [tn, td] = ratio(String(r.tokens));
      const micro = ((2n * BigInt(k) + 1n) * BigInt(r.per) * td * 10n ** 6n) / (2n * tn);
      return { q: `${micro / 10n ** 6n}.${String(micro % 10n ** 6n).padStart(6, "0")}`, r };
    });
    const plain = fc.tuple(decimalText(10_000_000, 4), fc.constantFrom(...RATES)).map(([q, r]) => ({ q, r }));
    fc.assert(
      fc.property(fc.oneof(boundary, plain), decimalText(31, 2), ({ q, r }, w) => {
        for (const rule of ["line", "up"] as const) {
          const got = exactLine(Number(q), r.tokens, r.per, rule, Number(w));
          const want = reference([q, w, String(r.tokens)], String(r.per), rule);
          if (BigInt(got) !== want) throw new Error(`${rule}: ${q} x ${w} x ${r.tokens} / ${r.per}: got ${got}, want ${want}`);
        }
      }),
      { numRuns: 5000 },
    );
  });

  test("quarter quantities at rates of two decimals a unit (the whole-number boundary shortcut), on and off a boundary", () => {
    // Quantities in 1/256 steps up to 10^7 and rates of at most two decimals up to 10,000: the
    // shortcut's whole range, and past it (three decimals, 10^7 and more) where the other paths decide.
    const quantity = fc.oneof(
      fc.integer({ min: 0, max: 4e7 }).map((n) => n / 4),
      fc.integer({ min: 0, max: 2 ** 31 }).map((n) => n / 256),
      fc.integer({ min: 0, max: 1e9 }),
    );
    const rate = fc.oneof(
      fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100),
      fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 1000),
    );
    // Exact decimal text of a multiple of 1/256 (at most 8 decimals) or of a rate.
    const text = (x: number) => (Number.isInteger(x * 256) ? x.toFixed(8) : String(x));
    fc.assert(
      fc.property(quantity, rate, fc.boolean(), (q0, t, onBoundary) => {
        // On a boundary: the quantity nearest to (k + 1/2) / t in quarters, which lands on it whenever one exists.
        const q = onBoundary ? Math.round(((Math.floor(q0 * t) + 0.5) / t) * 4) / 4 : q0;
        if (q > G.quantity.max) return;
        for (const rule of ["line", "up"] as const) {
          const got = lineTokens(q, t, 1, rule);
          const want = reference([text(q), String(t)], "1", rule);
          if (BigInt(got) !== want) throw new Error(`${rule}: ${q} x ${t}: got ${got}, want ${want}`);
        }
      }),
      { numRuns: 20000 },
    );
  });

  test("daily volumes and own rates: quantity x working days x own tokens per user", () => {
    fc.assert(
      fc.property(decimalText(G.quantity.max, 4), decimalText(G.workingDays.max, 2), decimalText(G.tokensPerUser.max, 4), (q, w, t) => {
        if (Number(w) < G.workingDays.min) return;
        for (const rule of ["line", "up"] as const) {
          const got = lineTokens(Number(q), Number(t), 1, rule, Number(w));
          const want = reference([q, w, t], "1", rule);
          if (BigInt(got) !== want) throw new Error(`${rule}: ${q} x ${w} x ${t}: got ${got}, want ${want}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('the issue\'s cases: VIRTUALAGENT(3e11) is 600,000,000,000; DIGITALBOT(1e15, "up") never rounds down', () => {
    const va = CARDS[0].byId.get("virtualagent")!;
    expect(featureTokens(va, 3e11, { rounding: "line", licence: "named", level: "mid" })).toBe(600_000_000_000);
    const bot = CARDS[0].byId.get("digitalbot")!;
    const up = featureTokens(bot, 1e15, { rounding: "up", licence: "named", level: "mid" });
    expect(up).not.toBeInstanceOf(InputError);
    expect(BigInt(up as number)).toBe(reference(["1000000000000000"], "51", "up"));
    expect(up as number).toBeGreaterThanOrEqual(1e15 / 51);
  });

  test("a figure is longer than a spreadsheet holds exactly when toPrecision(15) changes it", () => {
    const digits = fc.integer({ min: 1, max: 17 });
    const decimal = fc
      .tuple(digits, fc.integer({ min: -20, max: 20 }), fc.bigInt({ min: 1n, max: 10n ** 17n }))
      .map(([n, e, m]) => Number(`${m.toString().slice(0, n)}e${e}`));
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 0, max: 2 ** 50, noNaN: true }), decimal), (x) => {
        expect(longerThanASpreadsheetHolds(x)).toBe(Number(x.toPrecision(15)) !== x);
      }),
      { numRuns: 20000 },
    );
  });
});
