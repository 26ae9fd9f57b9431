/**
 * Readers of the TOKENS functions' option arguments, built on the input gate (./coerce): the rate
 * card, the rounding rule, the rate level, the licence model and the price per token. Every
 * reader returns the default for a blank argument and an Excel error value for a bad one:
 * an unknown card or feature is #N/A (a name looked up and not found, as VLOOKUP does); an
 * unknown keyword (rounding, level, licence model) is #VALUE!.
 *
 * Everything a call may need is looked up once, when the module loads: the cards, each fixed
 * feature on each card, every combination of line options and each card's default price, so
 * the common call allocates nothing.
 */
import type { CompiledCard } from "../core/card-registry";
import { CARDS, DEFAULT_CARD, getCard } from "../core/cards";
import type { TableCell } from "../core/contract-table";
import { DEFAULT_LINE_OPTIONS, type LineOptions } from "../core/consumption";
import { pricePerToken } from "../core/cost";
import { InputError, RateCardError } from "../core/errors";
import { LICENCE_MODELS, RATE_LEVELS, type FeatureRate, type LicenceModel } from "../core/ratecard";
import { catalogueEntry } from "../core/feature-catalogue";
import { INPUT_RULES, passes, type InputField } from "../core/input-rules";
import { ROUNDING_RULES } from "../core/rounding";
import { excelError, fromInputError, isBlank, isExcelError, optionalText, Pending, quantity, type ExcelError } from "./coerce";

export { CARDS };

/** The index in CARDS of the default card (study-notes). */
export const DEFAULT_CARD_INDEX = CARDS.indexOf(DEFAULT_CARD);

/**
 * Cards read from ranges (an edited copy of RATES() as the `card` argument), compiled once per
 * distinct table and kept in a small ring: index CARDS.length + k is slot k. A cache of pure
 * results, never state a function's value depends on.
 */
const TABLE_SLOTS = 32;
const tableCards: CompiledCard[] = [];
const tableSlots = new Map<string, number | ExcelError>();
let nextSlot = 0;

/** The card at an index cardIndex returned: a shipped card or a card read from a range. */
export const cardAt = (i: number): CompiledCard => (i < CARDS.length ? CARDS[i] : tableCards[i - CARDS.length]);

/** A fixed feature on the card at an index; undefined where the card has no such feature. */
export const slotFeature = (slot: FeatureSlot, i: number): FeatureRate | undefined => (i < CARDS.length ? slot.byCard[i] : cardAt(i).byId.get(slot.id));

type TableReader = typeof import("../core/contract-table");
/**
 * The reader of a card given as a range (core contract-table, with the contract checks it runs).
 * Most workbooks never pass one, so it is a chunk of its own, loaded on the first such card: until
 * then a call that needs it throws Pending, and the function's guard calls again once it is here.
 */
let tableReader: TableReader | undefined;
let readerLoading: Promise<void> | undefined;

/** The table reader, or Pending while it loads (a failed load is tried again on the next call). */
function reader(): TableReader {
  if (tableReader) return tableReader;
  readerLoading ??= import(/* webpackChunkName: "card-tables" */ "../core/contract-table").then(
    (m) => {
      tableReader = m;
    },
    (e: unknown) => {
      readerLoading = undefined;
      throw e;
    },
  );
  throw new Pending(readerLoading);
}

/** Loads the table reader now (what the first card given as a range would do). */
export const loadTableReader = async (): Promise<void> => {
  try {
    reader();
  } catch (e) {
    if (!(e instanceof Pending)) throw e;
    await e.ready;
  }
};

/** A card read from a range as the table RATES() spills for it (its reader is loaded: the card came from it). */
export const tableOf = (card: CompiledCard, licence: LicenceModel): TableCell[][] => reader().cardTable(card, licence);

function tableCardIndex(rows: unknown[]): number | ExcelError {
  for (const row of rows) {
    if (!Array.isArray(row)) return excelError("value", "The rate card must be a card's id or a range shaped like RATES().");
    for (const cell of row) if (isExcelError(cell)) return cell;
  }
  const key = JSON.stringify(rows);
  const known = tableSlots.get(key);
  if (known !== undefined) return known;
  const card = reader().cardFromTable(rows as TableCell[][], CARDS);
  let out: number | ExcelError;
  if (card instanceof InputError) out = fromInputError(card);
  else {
    const slot = nextSlot;
    nextSlot = (nextSlot + 1) % TABLE_SLOTS;
    for (const [k, i] of tableSlots) if (i === CARDS.length + slot) tableSlots.delete(k);
    tableCards[slot] = card;
    out = CARDS.length + slot;
  }
  if (tableSlots.size >= TABLE_SLOTS * 2) tableSlots.clear();
  tableSlots.set(key, out);
  return out;
}

/**
 * The card an argument names, as an index for cardAt: a card's id (text, or a one-cell range holding
 * it), or a range shaped like RATES() (an edited copy: the organisation's contract). Blank is the
 * default card; an unknown id is #N/A; a malformed table is #VALUE! naming its cell.
 */
export function cardIndex(v: unknown): number | ExcelError {
  // The common call: a shipped card's id, in the one-cell range Excel passes for a range argument.
  const one: unknown = Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v;
  const i = typeof one === "string" ? CARD_INDEXES[one] : undefined;
  return i !== undefined ? i : otherCardIndex(one);
}

/** The shipped cards' indexes by id (no prototype: "constructor" is no card). */
const CARD_INDEXES = Object.setPrototypeOf(Object.fromEntries(CARDS.map((c, i) => [c.id, i])), null) as Readonly<Record<string, number | undefined>>;

/** The rest of cardIndex: a blank (the default card), a range shaped like RATES(), or text to look up. */
function otherCardIndex(v: unknown): number | ExcelError {
  if (v === null || v === undefined || v === "") return DEFAULT_CARD_INDEX;
  if (Array.isArray(v)) return tableCardIndex(v);
  const t = optionalText(v, "The rate card");
  if (t === null) return DEFAULT_CARD_INDEX;
  if (typeof t !== "string") return t;
  // Only the shipped cards by id: a formula's value never depends on a card the pane holds (a
  // contract card reaches a formula as a range, which recalculates when it is edited).
  const c = getCard(t);
  const i = c instanceof InputError ? -1 : CARDS.indexOf(c);
  return i >= 0
    ? i
    : fromInputError(
        c instanceof InputError
          ? c
          : new InputError("na", `Unknown rate card "${t}". Known: ${CARDS.map((x) => x.id).join(", ")}; a contract card is given as a range.`),
      );
}

/** Reads a keyword from a list (exact first, then trimmed and case-insensitive); blank is `fallback`. */
function keyword(v: unknown, words: readonly string[], fallback: number, what: string, aliases?: Readonly<Record<string, number>>): number | ExcelError {
  if (v === null || v === undefined || v === "") return fallback;
  if (typeof v === "string") for (let i = 0; i < words.length; i++) if (words[i] === v) return i;
  const t = optionalText(v, what);
  if (t === null) return fallback;
  if (typeof t !== "string") return t;
  const w = t.trim().toLowerCase();
  const i = words.indexOf(w);
  if (i >= 0) return i;
  if (aliases && Object.prototype.hasOwnProperty.call(aliases, w)) return aliases[w];
  const quoted = words.map((x) => `"${x}"`);
  return excelError("value", `${what} must be ${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}, got "${t.trim()}".`);
}

const R = ROUNDING_RULES.indexOf(DEFAULT_LINE_OPTIONS.rounding);
const L = LICENCE_MODELS.indexOf(DEFAULT_LINE_OPTIONS.licence);
const V = RATE_LEVELS.indexOf(DEFAULT_LINE_OPTIONS.level);
/** "expected" is what the taskpane calls the middle of a range. */
const LEVEL_ALIASES = { expected: RATE_LEVELS.indexOf("mid"), middle: RATE_LEVELS.indexOf("mid") };

/** Every combination of rounding, licence model and level, made once. */
const LINE_OPTIONS: readonly LineOptions[] = ROUNDING_RULES.flatMap((rounding) =>
  LICENCE_MODELS.flatMap((licence) => RATE_LEVELS.map((level): LineOptions => ({ rounding, licence, level }))),
);
const lineIndex = (r: number, l: number, v: number): number => (r * LICENCE_MODELS.length + l) * RATE_LEVELS.length + v;

/** The line options of a consumption function's rounding, level and licence-model arguments. */
export function lineOptions(rounding: unknown, level: unknown, model: unknown): LineOptions | ExcelError {
  if (rounding == null && level == null && model == null) return DEFAULT_LINE_OPTIONS;
  const r = keyword(rounding, ROUNDING_RULES, R, "Rounding");
  if (typeof r !== "number") return r;
  const v = keyword(level, RATE_LEVELS, V, "The rate level", LEVEL_ALIASES);
  if (typeof v !== "number") return v;
  const l = licenceIndex(model);
  if (typeof l !== "number") return l;
  return LINE_OPTIONS[lineIndex(r, l, v)];
}

/** A licence model argument as an index into LICENCE_MODELS; blank is "named". */
export const licenceIndex = (model: unknown): number | ExcelError => keyword(model, LICENCE_MODELS, L, "The licence model");

/** The input rule of a feature's quantity: users are whole, volumes may be fractional. */
export const quantityRule = (f: FeatureRate): InputField => (f.unit === "user" ? "users" : "quantity");

/** A feature's tokens and per under the default options (mid level, named licence). */
interface DefaultRate {
  readonly tokens: number;
  readonly per: number;
}

/** A feature the function is about, looked up on every card once. */
export interface FeatureSlot {
  readonly id: string;
  /** What the quantity argument is called in messages ("Minutes"). */
  readonly quantity: string;
  /** The input rule of the quantity: whole users, or a fractional volume. */
  readonly rule: InputField;
  /** That rule's bounds (INPUT_RULES[rule]), held here for the gate's fast path. */
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
  /** The feature on each card, by card index; undefined where the card has no such feature. */
  readonly byCard: readonly (FeatureRate | undefined)[];
  /** Its rate on each card under the default options, read once for the common call; undefined where the card has no such feature. */
  readonly rates: readonly (DefaultRate | undefined)[];
  /** Priced per user: its function takes the analyst's own tokens-per-user figure after the quantity. */
  readonly ownRate: boolean;
  /** A card's rate depends on the licence model: its function takes [model] last. */
  readonly licenceDependent: boolean;
}

/**
 * A feature of the catalogue on every card, with its quantity's label (`quantity`: the catalogue's,
 * "Minutes", unless told) and rule (every card counts a feature alike: test/functions/properties).
 */
export function featureSlot(id: string, quantity?: string): FeatureSlot {
  const byCard = CARDS.map((c) => c.byId.get(id));
  // Every catalogue feature is on a card (test/functions/properties), and only they have slots.
  const rule = quantityRule(byCard.find((f) => f !== undefined)!);
  const licenceDependent = byCard.some((f) => f !== undefined && typeof f.tokens === "object");
  const rates = byCard.map((f) => f && { tokens: typeof f.tokens === "number" ? f.tokens : f.tokens[DEFAULT_LINE_OPTIONS.licence], per: f.per });
  const { min, max, whole } = INPUT_RULES[rule];
  return { id, quantity: quantity ?? catalogueEntry(id)!.quantity, rule, min, max, whole, byCard, rates, ownRate: rule === "users", licenceDependent };
}

/** #N/A for a feature the chosen card does not price. */
export function missingFeature(slot: FeatureSlot, card: CompiledCard): ExcelError {
  const f = slot.byCard.find((x) => x !== undefined);
  const on = CARDS.filter((c) => c.byId.has(slot.id)).map((c) => `"${c.id}"`);
  if (card.card.baseCard !== undefined) return excelError("na", `${f?.name ?? slot.id} is not on the card table (${card.card.name}): add its row.`);
  return excelError("na", `${f?.name ?? slot.id} is not on the ${card.card.name} card; use ${on.join(" or ")}.`);
}

/** Each card's price of an extra token in its default currency, read once. */
const DEFAULT_PRICES: readonly number[] = CARDS.map((c) => {
  const p = pricePerToken(c);
  if (p instanceof InputError) throw new RateCardError(`Rate card "${c.id}": ${p.message}`);
  return p;
});

/** A card's price of an extra token in its default currency. */
export const defaultPrice = (card: number): number => (card < CARDS.length ? DEFAULT_PRICES[card] : tablePrice(card));

/** A table card's price in its default currency (its compile checked that the card lists one). */
const tablePrice = (card: number): number => pricePerToken(cardAt(card)) as number;

/**
 * A price per token: a number, or a currency code whose price the card lists ("EUR"); blank is the
 * card's price in its default currency (USD 1.00 on both cards).
 */
export function priceArg(v: unknown, card: number): number | ExcelError {
  if (v == null) return defaultPrice(card);
  if (typeof v === "number" && passes("pricePerToken", v)) return v;
  if (isBlank(v)) return defaultPrice(card);
  if (typeof v === "string" && /^\s*[a-z]{3}\s*$/i.test(v)) {
    const p = pricePerToken(cardAt(card), v);
    return p instanceof InputError ? fromInputError(p) : p;
  }
  return quantity(v, "The price per token", "pricePerToken");
}
