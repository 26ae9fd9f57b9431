/**
 * Rounding of token amounts as named strategies. The default, "line", rounds each consumption line
 * half up to whole tokens before lines are summed: the only rule that reproduces the study notes'
 * totals (19,810 and 93,527). "exact" keeps fractions; "up" rounds each line up to whole tokens.
 */
export const ROUNDING_RULES = ["line", "exact", "up"] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];
export const DEFAULT_ROUNDING: RoundingRule = "line";

/**
 * Binary floating point turns a true 12.5 into 12.499999999999998 after some divisions.
 * Spreadsheets round on 15 significant digits; we treat values within this relative distance
 * of a rounding boundary as sitting on it, so the core and the generated sheets agree.
 */
export const RELATIVE_TOLERANCE = 1e-12;

const tolerance = (x: number): number => RELATIVE_TOLERANCE * (x > 1 ? x : 1);

/** Half up to a whole number (for the non-negative amounts the product deals in). */
export function halfUp(x: number): number {
  const shifted = x + 0.5;
  const floor = Math.floor(shifted);
  return shifted - floor > 1 - tolerance(x) ? floor + 1 : floor;
}

/** Up to a whole number, ignoring floating-point noise just above a whole number. */
export function roundUp(x: number): number {
  const floor = Math.floor(x);
  return x - floor < tolerance(x) ? floor : floor + 1;
}

/** Applies a rounding rule to one line's tokens. */
export function roundTokens(x: number, rule: RoundingRule): number {
  return rule === "line" ? halfUp(x) : rule === "up" ? roundUp(x) : x;
}

export const isRoundingRule = (x: string): x is RoundingRule =>
  (ROUNDING_RULES as readonly string[]).includes(x);
