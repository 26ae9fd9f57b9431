/**
 * The one rule table for numbers an analyst gives, and the one reader that applies it. Every face
 * reads a number through here: the custom functions (src/functions/coerce.ts is the Excel adapter),
 * the taskpane's forms, plan files (through the core's profile and plan checks, and the bounds
 * exported for the plan schema), the command line's --price and the cells of a usage import.
 * So the same input gets the same verdict everywhere.
 *
 * Per field: whole or fractional, minimum, maximum and unit. The upper bounds are far above any
 * contact center and chosen so that nothing accepted overflows what a face can show: on the shipped
 * cards every line's tokens stay below 1e12 (users x own rate: 1e6 x 1e4; a daily volume x 31 days x
 * their largest volume rate of 2 tokens: 6.2e10); a contract's own rate (up to 10,000 tokens a unit,
 * CONTRACT_RULES) can take a line to 3.1e14. Whole tokens stay exact either way (below 2^53), and
 * figures are shown in full, never as an exponent: the sheets shrink a figure wider than its column.
 *
 * Typed text is read in the analyst's locale (its decimal and group separators): "1.000" is 1,000 in
 * de-DE and "1,000" is 1,000 in en-US. Text that reads differently in the two conventions and that
 * the locale cannot settle, "1.000" in en-US or "1,000" in de-DE (a decimal separator followed by
 * exactly three digits), is refused with a message rather than guessed.
 */
import { InputError, type Result } from "./errors";

export interface InputRule {
  /** True: whole numbers only (users, months). */
  readonly whole: boolean;
  readonly min: number;
  readonly max: number;
  /** What the number counts, for messages and documentation. */
  readonly unit: string;
}

/** The rule table; above each row, why its bounds are what they are. README "Input rules" shows it; test/core/input-rules.test.ts checks every face against it. */
export const INPUT_RULES = {
  /** Licences are whole; a million is far above any contact center. */
  users: { whole: true, min: 0, max: 1_000_000, unit: "users" },
  /** A billion minutes, sessions or messages a line; averages may be fractional. */
  quantity: {
    whole: false,
    min: 0,
    max: 1e9,
    unit: "units of the feature a day or a month",
  },
  /** The cards charge 30-60; an own figure up to 10,000 keeps users x rate below 1e10. */
  tokensPerUser: {
    whole: false,
    min: 0,
    max: 10_000,
    unit: "tokens a user a month",
  },
  /** Consumption, allocation, baselines and top-ups; a line's tokens stay below 1e12. */
  tokens: { whole: false, min: 0, max: 1e12, unit: "tokens" },
  /** The cards' dearest price is JPY 120; 1,000 keeps a year's cost below 1e16. */
  pricePerToken: {
    whole: false,
    min: 0,
    max: 1_000,
    unit: "currency units a token",
  },
  /** A month has 1-31 days; fractional for an average month (21.7); 0 would silently zero every daily line. */
  workingDays: {
    whole: false,
    min: 1,
    max: 31,
    unit: "days a month",
  },
  /** Days elapsed or in a period of at most a month. */
  days: { whole: false, min: 0, max: 31, unit: "days" },
  /** A dashboard period may be longer than a month (a quarter, a 45-day peak) but not than a year. */
  periodDays: {
    whole: true,
    min: 1,
    max: 366,
    unit: "days of a dashboard period",
  },
  /** The cards charge at most 60 (a Copilot user); 10,000, as for a user's own rate, leaves room for any contract. */
  rateTokens: {
    whole: false,
    min: 0,
    max: 10_000,
    unit: "tokens a contract rate charges for its units",
  },
  /** A per-user allocation or add-on (the cards give 30-350); users x 10,000 stays below 1e10. */
  allocationPerUser: {
    whole: false,
    min: 0,
    max: 10_000,
    unit: "tokens a user a month",
  },
  /** A seasonal month at most ten times the usual one. */
  multiplier: { whole: false, min: 0, max: 10, unit: "x" },
  /** A buffer of up to 1,000%. */
  buffer: { whole: false, min: 0, max: 10, unit: "share (0.2 = 20%)" },
  /** From losing 99% to doubling every month. */
  growthRate: { whole: false, min: -0.99, max: 1, unit: "share a month (0.01 = 1%)" },
  /** January is 1. */
  month: { whole: true, min: 1, max: 12, unit: "calendar month" },
  /** 1 is the first month, 13 is not this year. */
  goLive: { whole: true, min: 1, max: 13, unit: "month of the plan" },
} as const satisfies Record<string, InputRule>;

export type InputField = keyof typeof INPUT_RULES;

/** A bound as the messages write it: 1,000,000 (grouped with commas, not an exponent). */
export function boundText(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** Checks a number against its field's rule; the problem, or undefined when it passes. */
export function checkInput(field: InputField, value: number, what: string): InputError | undefined {
  const r: InputRule = INPUT_RULES[field];
  // A plan or profile read from anywhere may hold any value here: TRUE is not 1 days.
  if (typeof value !== "number" || Number.isNaN(value)) return new InputError("num", `${what} must be a number.`);
  if (value < r.min) {
    return r.min === 0
      ? new InputError("num", `${what} cannot be negative.`)
      : new InputError("num", `${what} must be at least ${boundText(r.min)}, got ${value}.`);
  }
  if (value > r.max) return new InputError("num", `${what} must be at most ${boundText(r.max)} (${r.unit}).`);
  if (r.whole && !Number.isInteger(value)) return new InputError("num", `${what} must be a whole number, got ${value}.`);
  return undefined;
}

/** True when a number passes its field's rule (the allocation-free fast path of the functions). */
export const passes = (field: InputField, value: number): boolean => within(INPUT_RULES[field], value);

/**
 * True when a number passes a rule. Hot paths hold the rule itself: a lookup by field name, taken
 * for many fields at one place, is one the engine cannot make fast.
 */
export const within = (r: Pick<InputRule, "min" | "max" | "whole">, value: number): boolean =>
  value >= r.min && value <= r.max && (!r.whole || Number.isInteger(value));

/** A locale's separators for typed numbers. */
export interface Separators {
  readonly decimal: string;
  /** "" when the locale groups with a space (spaces are always ignored). */
  readonly group: string;
}

/** The separators of formulas and files: a decimal point, a comma between thousands. */
export const INVARIANT: Separators = { decimal: ".", group: "," };

const SPACES = /[\s\u00a0\u202f]/g;

/** The separators of a BCP 47 locale ("de-DE"), as Intl formats numbers there. */
export function separatorsOf(locale?: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const group = (parts.find((p) => p.type === "group")?.value ?? "").replace(SPACES, "");
  return { decimal, group: group === decimal ? "" : group };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads typed text as a number in a locale: spaces ignored, an optional sign, the locale's
 * separators, an exponent ("1e3") and a trailing "%" (20% is 0.2). Blank text gives `blank`; text
 * that is not a number, or that only a guess could read, gives a #VALUE! InputError.
 */
export function readNumberText(text: string, sep: Separators, what: string, blank: number | "required"): Result<number> {
  const t = text.replace(SPACES, "");
  const typed = text.trim();
  if (t === "") return blank === "required" ? new InputError("value", `${what} is required.`) : blank;
  const percent = t.endsWith("%");
  const body = percent ? t.slice(0, -1) : t;
  const d = escape(sep.decimal);
  const g = sep.group ? escape(sep.group) : "";
  const plain = new RegExp(`^[+-]?(?:\\d+(?:${d}\\d*)?|${d}\\d+)(?:e[+-]?\\d+)?$`, "i");
  const grouped = g ? new RegExp(`^[+-]?\\d{1,3}(?:${g}\\d{3})+(?:${d}\\d*)?$`) : null;
  let normal: string;
  if (grouped?.test(body)) normal = body.split(sep.group).join("");
  else if (plain.test(body)) {
    if (new RegExp(`^[+-]?[1-9]\\d{0,2}${d}\\d{3}$`).test(body)) {
      const [whole, frac] = body.split(sep.decimal);
      return new InputError(
        "value",
        `${what}: "${typed}" could mean ${whole}${frac} or ${whole}${sep.decimal}${frac.replace(/0+$/, "") || "0"}; write it without the separator or with fewer decimals.`,
      );
    }
    normal = body;
  } else {
    const other = sep.decimal === "." ? "," : ".";
    const hint = body.includes(other) && sep.group !== other ? ` (the decimal separator here is "${sep.decimal}")` : "";
    return new InputError("value", `${what} must be a number, got the text "${clip(typed)}"${hint}.`);
  }
  const value = Number(normal.replace(sep.decimal, "."));
  return percent ? value / 100 : value;
}

/**
 * The whole gate for one field: text read in the locale (numbers pass as they are), then the rule.
 * Not a number: #VALUE!; infinite, out of bounds or fractional where whole: #NUM!.
 */
export function readInput(field: InputField, raw: string | number, sep: Separators, what: string, blank: number | "required" = 0): Result<number> {
  const n = typeof raw === "number" ? raw : readNumberText(raw, sep, what, blank);
  if (typeof n !== "number") return n;
  return checkInput(field, n, what) ?? n;
}

const clip = (t: string): string => (t.length > 40 ? `${t.slice(0, 37)}...` : t);
