/**
 * Rounding of token amounts as named strategies. The default, "line", rounds each consumption line
 * half up to whole tokens before lines are summed: the only rule that reproduces the study notes'
 * totals (19,810 and 93,527). "exact" keeps fractions; "up" rounds each line up to whole tokens.
 *
 * A line is rounded on the decimal figures the analyst typed (the quantity) and the card gives (the
 * rate), as a spreadsheet's ROUND(quantity * tokens / per, 0) and ROUNDUP do: 3e11 sessions at 2
 * tokens are 600,000,000,000 tokens, never one more, and "up" never rounds down. Binary floating point
 * decides almost every line; a line within binary noise of a rounding boundary is decided exactly,
 * with the figures' shortest decimal forms as whole numbers (BigInt).
 */
export const ROUNDING_RULES = ["line", "exact", "up"] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];
export const DEFAULT_ROUNDING: RoundingRule = "line";

/**
 * The relative size of binary noise treated as noise where a figure is not a product of typed
 * figures (a top-up need: a difference of two products).
 */
export const RELATIVE_TOLERANCE = 1e-12;

/**
 * How far from a boundary binary arithmetic may put a product of three typed figures: each figure
 * is within 2^-53 of its decimal form, each operation adds at most 2^-53, so the double is within
 * 7 x 2^-53 of the exact product, relative. 2^-45 leaves a wide margin.
 */
const NOISE = 2 ** -45; // four figures and three operations: within 7 x 2^-53
/** Above this a double has no fraction bits to speak of: decide exactly. */
const LARGE = 2 ** 50;
/** The smallest normal double: Excel and LibreOffice read anything smaller as 0. */
const MIN_NORMAL = 2 ** -1022;

interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

/** A finite double >= 0 as the decimal it prints as (its shortest round-trip form), as a ratio. */
function decimalOf(x: number): Ratio {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`Not a finite amount >= 0: ${x}`);
  const frac = m[2] ?? "";
  const exp = Number(m[3] ?? 0) - frac.length;
  const digits = BigInt(m[1] + frac);
  return exp >= 0 ? { n: digits * 10n ** BigInt(exp), d: 1n } : { n: digits, d: 10n ** BigInt(-exp) };
}

/** The rule applied to quantity x days x tokens / per, computed exactly on the figures' decimal forms. */
export function exactLine(quantity: number, tokens: number, per: number, rule: "line" | "up", days = 1): number {
  const small = exactLineInDoubles(quantity, tokens, per, rule, days);
  if (small !== undefined) return small;
  const q = decimalOf(quantity);
  const w = decimalOf(days);
  const t = decimalOf(tokens);
  const p = decimalOf(per);
  const n = q.n * w.n * t.n * p.d;
  const d = q.d * w.d * t.d * p.n;
  return Number(rule === "line" ? (2n * n + d) / (2n * d) : (n + d - 1n) / d);
}

/** Whole numbers below this stay exact through 2n + d in doubles. */
const EXACT_IN_DOUBLES = 2 ** 51;

/**
 * exactLine for short figures whose products stay below 2^51: the same whole-number arithmetic in
 * doubles, where every step is exact, so a line on a rounding boundary (2,014.5 tokens) is decided
 * without BigInt. Undefined where a figure is not a short decimal or a product grows too large.
 */
function exactLineInDoubles(quantity: number, tokens: number, per: number, rule: "line" | "up", days: number): number | undefined {
  const qs = decimalScale(quantity);
  const ws = decimalScale(days);
  const ts = decimalScale(tokens);
  const ps = decimalScale(per);
  if (qs === 0 || ws === 0 || ts === 0 || ps === 0) return undefined;
  // Whole factors >= 1 (or a 0): each partial product is at most the whole, so a whole below the bound was exact.
  const n = quantity * qs * (days * ws) * (tokens * ts) * ps;
  const d = qs * ws * ts * (per * ps);
  if (!(n < EXACT_IN_DOUBLES && d < EXACT_IN_DOUBLES) || d === 0) return undefined;
  const num = rule === "line" ? 2 * n + d : n + d - 1;
  const den = rule === "line" ? 2 * d : d;
  let k = Math.floor(num / den); // the division may round to the next whole: the remainder corrects it
  const r = num - k * den;
  if (r < 0) k -= 1;
  else if (r >= den) k += 1;
  return k;
}

/**
 * The power of ten (at most 10^8) that makes x a whole number below 10^15, if there is one, else 0:
 * the short decimals most figures are. If x * scale is a whole n and n / scale (one correctly
 * rounded division, as reading "n e-d" rounds) gives x back, x is the double of that decimal, and
 * x * scale is exactly n.
 */
function decimalScale(x: number): number {
  for (let d = 0, scale = 1; d <= 8; d++, scale *= 10) {
    const n = x * scale;
    if (n >= 1e15) return 0;
    if (Number.isInteger(n) && n / scale === x) return scale;
  }
  return 0;
}

/**
 * A computed amount (not a product of typed figures) as a spreadsheet sees it: to 15 significant
 * digits, so 2.4999999999999996 (a true 2.5 after a division) is 2.5 and 3.0000000000000004 is 3.
 */
const spreadsheetValue = (x: number): number => (x > 0 && x < LARGE && longerThanASpreadsheetHolds(x) ? Number(x.toPrecision(15)) : x);

/**
 * Whether x needs more than 15 significant digits to be written back exactly: then, and only then,
 * `toPrecision(15)` gives another number. Asked without `toPrecision`, which is some hundred times
 * slower than the arithmetic it guards: short decimals are recognised by scaling (decimalScale),
 * others by the shortest form that reads back as x (what `String` writes).
 */
export function longerThanASpreadsheetHolds(x: number): boolean {
  if (decimalScale(x) !== 0) return false;
  const s = String(x);
  const e = s.indexOf("e");
  const digits = (e < 0 ? s : s.slice(0, e)).replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return digits.length > 15;
}

/**
 * One line's tokens: quantity x days x tokens / per (days: the working days of a daily volume, 1
 * otherwise), rounded by the rule, agreeing with a spreadsheet's ROUND(..., 0) ("line") and
 * ROUNDUP(..., 0) ("up") on the figures as typed. All >= 0, per > 0. The product is taken in the
 * order the generated sheets' formulas use, so "exact" agrees with them to the bit.
 */
export function lineTokens(quantity: number, tokens: number, per: number, rule: RoundingRule, days = 1): number {
  if (rule === "line" && days === 1) return halfUpLine(quantity, tokens, per);
  const raw = (quantity * days * tokens) / per;
  if (rule === "exact") return raw;
  if (raw > 0 && raw < LARGE) {
    const whole = Math.floor(raw);
    const frac = raw - whole; // exact in binary
    const noise = raw * NOISE;
    if (rule === "line") {
      if (frac < 0.5 - noise) return whole;
      if (frac > 0.5 + noise) return whole + 1;
    } else if (frac > noise && frac < 1 - noise) return whole + 1;
  }
  return nearBoundary(quantity, tokens, per, rule, days, raw);
}

/**
 * lineTokens(quantity, tokens, per, "line"), the common line (the default rule, no days), written
 * apart so that it is small enough for the engine to inline whole into a custom function.
 */
export function halfUpLine(quantity: number, tokens: number, per: number): number {
  const raw = (quantity * tokens) / per; // quantity x 1 day, as lineTokens takes it
  if (raw > 0 && raw < LARGE) {
    const whole = Math.floor(raw);
    const frac = raw - whole; // exact in binary
    const noise = raw * NOISE;
    if (frac < 0.5 - noise) return whole;
    if (frac > 0.5 + noise) return whole + 1;
    // On a boundary, the everyday case: a quantity in whole or quarter units (1,007.25 minutes) at a
    // rate of at most two decimals a unit (1.2 or 37.5 tokens), decided at once in whole numbers. A
    // multiple of 1/256 below 10^7 is exactly the decimal it prints as, and t / 100 === tokens makes
    // the rate the double of the decimal t / 100; 2 x a x t stays below 2^53 (2 x 2.56e9 x 1e6), and
    // so does (2 x whole + 1) x 25,600 (whole <= 1e11): exact.
    if (per === 1 && quantity < 1e7 && tokens <= 10_000) {
      const a = quantity * 256;
      const t = tokens * 100;
      if (Number.isInteger(a) && Number.isInteger(t) && t / 100 === tokens) return 2 * a * t >= (2 * whole + 1) * 25_600 ? whole + 1 : whole;
    }
  }
  return nearBoundary(quantity, tokens, per, "line", 1, raw);
}

/**
 * The rest of lineTokens, apart so that the common case above stays small enough for the engine to
 * inline: a line within binary noise of a rounding boundary, nothing, or too large for a fraction.
 */
function nearBoundary(quantity: number, tokens: number, per: number, rule: "line" | "up", days: number, raw: number): number {
  if (raw < MIN_NORMAL) return 0; // 0, or below what a spreadsheet holds (2.2e-308): 0 there too
  if (!(raw < Infinity)) return raw; // overflowed (or NaN): nothing to round; the caller refuses it
  // Near a boundary. Short figures (each a decimal of 15 digits or fewer) are decided exactly, at once.
  const exact = exactLineInDoubles(quantity, tokens, per, rule, days);
  if (exact !== undefined) return exact;
  // A figure with more digits than anyone can type (users the plan grew month by
  // month, a rate computed elsewhere) is a double in the sheet's cell: the sheet multiplies the
  // doubles and the spreadsheet rounds that product at 15 digits. (Away from a boundary that
  // rounding, within 5e-15 relative, never changes the answer.)
  if (raw < LARGE && (longerThanASpreadsheetHolds(quantity) || longerThanASpreadsheetHolds(tokens) || longerThanASpreadsheetHolds(days)))
    return lineTokens(spreadsheetValue(raw), 1, 1, rule);
  return exactLine(quantity, tokens, per, rule, days);
}

/** Half up to a whole number (for the non-negative amounts the product deals in). */
export const halfUp = (x: number): number => lineTokens(spreadsheetValue(x), 1, 1, "line");

/** Up to a whole number, ignoring binary noise beyond 15 significant digits. */
export const roundUp = (x: number): number => lineTokens(spreadsheetValue(x), 1, 1, "up");

/** Applies a rounding rule to one computed amount. */
export function roundTokens(x: number, rule: RoundingRule): number {
  return rule === "exact" ? x : lineTokens(spreadsheetValue(x), 1, 1, rule);
}
