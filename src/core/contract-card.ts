/**
 * The organisation's own contract card: data the analyst owns (a JSON file, a table in the workbook,
 * the pane's editor), compiled onto the shipped card it starts from and checked by the same rules
 * (validateCard). Every problem names the field it is about ("rates.copilot.tokens",
 * "features[0].tokensPerUnit"), so each face can point at it.
 *
 * What a contract may change: its name, date and source; the price of an extra token per currency;
 * the allocation basis and amounts; the committed tokens it buys each month; the per-agent add-on;
 * any feature's rate; and features of its own (a meter published after the shipped cards).
 * Figures it does not give are the base card's, with the base card's source.
 */
import { compileCard, type CompiledCard } from "./card-registry";
import { CURRENCY_CODES, isCurrencyCode, type CurrencyCode } from "./currencies";
import { RateCardError } from "./errors";
import { catalogueEntry } from "./feature-catalogue";
import { boundText, INPUT_RULES, type InputField } from "./input-rules";
import type { AllocationRule, FeatureRate, RateCard } from "./ratecard";

/** The version of the contract card format this program reads and writes. */
export const CONTRACT_CARD_VERSION = 1;
/** The id of the contract card: one contract per workbook or plan, beside the shipped cards. */
export const CONTRACT_CARD_ID = "contract";

/** A feature's rate as a contract states it: tokens per `per` units (or tokens per single unit). */
export interface ContractRate {
  /** Tokens per `per` units for every licence (or named licences when `concurrent` is given). */
  readonly tokens?: number;
  /** Tokens per `per` units for concurrent licences. */
  readonly concurrent?: number;
  readonly per?: number;
  /** Shorthand for tokens per single unit: tokens = tokensPerUnit, per = 1. */
  readonly tokensPerUnit?: number;
  /** A range, tokens per `per` units; a changed rate without one is a fixed rate. */
  readonly low?: number;
  readonly high?: number;
}

/** A feature the base card does not have. */
export interface ContractFeature extends ContractRate {
  readonly id: string;
  readonly name: string;
  /** The unit a quantity is counted in, singular ("session"); `units` is its plural (made from it when missing). */
  readonly unit: string;
  readonly units?: string;
  readonly note?: string;
}

/** A contract card as the analyst writes it: the JSON file format (schemas/contract-card.schema.json). */
export interface ContractCard {
  readonly version?: number;
  readonly name: string;
  /** The contract's date: YYYY-MM (a full date YYYY-MM-DD is accepted and kept to its month). */
  readonly date: string;
  /** Where its figures come from, e.g. "Order form 2026-0412". */
  readonly source: string;
  /** The shipped card it starts from. */
  readonly baseCard: string;
  readonly description?: string;
  /** The currency amounts are priced in; the first currency of `pricePerToken` when missing. */
  readonly currency?: string;
  /** The price of one extra token per currency; replaces the base card's list prices when given. */
  readonly pricePerToken?: Readonly<Record<string, number>>;
  readonly allocation?: { readonly basis?: string; readonly named?: number; readonly concurrent?: number };
  /** Tokens bought each month besides the allocation. */
  readonly committedTokens?: number;
  /** A per-agent add-on to the allocation (for example CX 4), or null to drop the base card's. */
  readonly addOnPerUser?: { readonly named: number; readonly concurrent: number; readonly condition?: string } | null;
  /** Rates that differ from the base card, by feature id. */
  readonly rates?: Readonly<Record<string, ContractRate>>;
  /** Features of its own. */
  readonly features?: readonly ContractFeature[];
}

/** One problem of a contract card, naming its field ("rates.copilot.tokens"). */
export interface ContractProblem {
  readonly field: string;
  readonly message: string;
}

export class ContractCardError extends Error {
  override readonly name = "ContractCardError";
  constructor(readonly problems: readonly ContractProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  }
}

const ID = /^[a-z][a-z0-9-]*$/;
const BASES = ["per-user", "per-organisation"] as const;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isAmount = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0;

/**
 * The input rule of each figure of a contract card (src/core/input-rules.ts): the core check below
 * and the card's JSON Schema (contract-card-schema.ts) both take their upper bounds from here. The
 * allocation's depends on its basis: tokens a user on a per-user card, the organisation's tokens
 * otherwise.
 */
export const CONTRACT_RULES = {
  pricePerToken: "pricePerToken",
  allocationPerUser: "allocationPerUser",
  allocationPerOrganisation: "tokens",
  committedTokens: "tokens",
  addOnPerUser: "allocationPerUser",
  rate: "rateTokens",
  per: "quantity",
} as const satisfies Record<string, InputField>;

/** The problem of an amount: not a number >= 0, or above its rule's maximum; undefined when it passes. */
function amountProblem(x: unknown, field: InputField): string | undefined {
  if (!isAmount(x)) return "must be a number >= 0.";
  const r = INPUT_RULES[field];
  return x > r.max ? `must be at most ${boundText(r.max)} (${r.unit}).` : undefined;
}

/** A unit's plural, for a feature whose file gives only the singular. */
export function pluralUnit(unit: string): string {
  if (/[^aeiou]y$/.test(unit)) return `${unit.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(unit)) return `${unit}es`;
  return `${unit}s`;
}

const KNOWN_KEYS = new Set([
  "$schema",
  "version",
  "name",
  "date",
  "source",
  "baseCard",
  "description",
  "currency",
  "pricePerToken",
  "allocation",
  "committedTokens",
  "addOnPerUser",
  "rates",
  "features",
]);
const RATE_KEYS = new Set(["tokens", "concurrent", "per", "tokensPerUnit", "low", "high"]);
const FEATURE_KEYS = new Set([...RATE_KEYS, "id", "name", "unit", "units", "note"]);

/**
 * Every problem of a contract card read from JSON (an unknown value), each naming its field;
 * `cards` are the shipped cards a contract may start from. Empty when the card compiles.
 */
export function contractProblems(json: unknown, cards: readonly CompiledCard[]): ContractProblem[] {
  const out: ContractProblem[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (!isObject(json)) return [{ field: "card", message: "must be a JSON object." }];
  for (const k of Object.keys(json)) if (!KNOWN_KEYS.has(k)) add(k, "is not a field of a contract card.");
  if (json.version !== undefined && json.version !== CONTRACT_CARD_VERSION) add("version", `must be ${CONTRACT_CARD_VERSION}.`);
  for (const k of ["name", "source"] as const) if (typeof json[k] !== "string" || (json[k] as string).trim() === "") add(k, "is missing.");
  if (typeof json.date !== "string" || !/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/.test(json.date)) add("date", "must be YYYY-MM (or YYYY-MM-DD).");
  const base = typeof json.baseCard === "string" ? cards.find((c) => c.id === json.baseCard) : undefined;
  if (!base) add("baseCard", `must be one of ${cards.map((c) => `"${c.id}"`).join(", ")}.`);
  if (json.description !== undefined && typeof json.description !== "string") add("description", "must be text.");

  const prices = json.pricePerToken;
  if (prices !== undefined) {
    if (!isObject(prices) || Object.keys(prices).length === 0) add("pricePerToken", "must list at least one currency and its price.");
    else
      for (const [code, p] of Object.entries(prices)) {
        if (!isCurrencyCode(code)) add(`pricePerToken.${code}`, `unknown currency; known: ${CURRENCY_CODES.join(", ")}.`);
        else {
          const problem = amountProblem(p, CONTRACT_RULES.pricePerToken);
          if (problem) add(`pricePerToken.${code}`, problem);
        }
      }
  }
  if (json.currency !== undefined) {
    if (typeof json.currency !== "string" || !isCurrencyCode(json.currency)) add("currency", `unknown currency; known: ${CURRENCY_CODES.join(", ")}.`);
    else {
      const listed = isObject(prices) ? prices : base?.card.pricing.perToken;
      if (listed && !(json.currency in listed)) add("currency", `the card has no price in ${json.currency}: add it to pricePerToken.`);
    }
  }

  const a = json.allocation;
  if (a !== undefined) {
    if (!isObject(a)) add("allocation", "must be an object.");
    else {
      for (const k of Object.keys(a)) if (!["basis", "named", "concurrent"].includes(k)) add(`allocation.${k}`, "is not a field of an allocation.");
      if (a.basis !== undefined && !(BASES as readonly unknown[]).includes(a.basis)) add("allocation.basis", `must be "per-user" or "per-organisation".`);
      const basis = a.basis ?? base?.card.allocation.basis;
      const rule = basis === "per-user" ? CONTRACT_RULES.allocationPerUser : CONTRACT_RULES.allocationPerOrganisation;
      for (const k of ["named", "concurrent"] as const) {
        const problem = a[k] === undefined ? undefined : amountProblem(a[k], rule);
        if (problem) add(`allocation.${k}`, problem);
      }
    }
  }
  const committed = json.committedTokens === undefined ? undefined : amountProblem(json.committedTokens, CONTRACT_RULES.committedTokens);
  if (committed) add("committedTokens", committed);
  const addOn = json.addOnPerUser;
  if (addOn !== undefined && addOn !== null) {
    if (!isObject(addOn)) add("addOnPerUser", "must be an object or null.");
    else {
      for (const k of ["named", "concurrent"] as const) {
        const problem = amountProblem(addOn[k], CONTRACT_RULES.addOnPerUser);
        if (problem) add(`addOnPerUser.${k}`, problem);
      }
      if (addOn.condition !== undefined && typeof addOn.condition !== "string") add("addOnPerUser.condition", "must be text.");
    }
  }

  const rates = json.rates;
  if (rates !== undefined) {
    if (!isObject(rates)) add("rates", "must be an object of feature ids.");
    else
      for (const [id, r] of Object.entries(rates)) {
        const at = `rates.${id}`;
        if (base && !base.byId.has(id))
          add(at, `"${id}" is not a feature of the ${base.card.name} card (${[...base.byId.keys()].join(", ")}); a new feature goes under "features".`);
        rateProblems(at, r, RATE_KEYS, add);
      }
  }
  const features = json.features;
  if (features !== undefined) {
    if (!Array.isArray(features)) add("features", "must be a list.");
    else {
      const seen = new Map<string, number>();
      features.forEach((f: unknown, i) => {
        const at = `features[${i}]`;
        if (!isObject(f)) return add(at, "must be an object.");
        if (typeof f.id !== "string" || !ID.test(f.id)) add(`${at}.id`, "must be lower case letters, digits and dashes.");
        else if (base?.byId.has(f.id)) add(`${at}.id`, `"${f.id}" is already on the ${base.card.name} card: change its rate under rates.${f.id}.`);
        else if (seen.has(f.id)) add(`${at}.id`, `"${f.id}" is listed twice (also features[${seen.get(f.id)}]).`);
        else seen.set(f.id, i);
        for (const k of ["name", "unit"] as const) if (typeof f[k] !== "string" || (f[k] as string).trim() === "") add(`${at}.${k}`, "is missing.");
        for (const k of ["units", "note"] as const) if (f[k] !== undefined && typeof f[k] !== "string") add(`${at}.${k}`, "must be text.");
        if (f.tokens === undefined && f.tokensPerUnit === undefined) add(`${at}.tokensPerUnit`, "is missing (or give tokens and per).");
        rateProblems(at, f, FEATURE_KEYS, add);
      });
    }
  }
  if (out.length > 0 || !base) return out;
  // Field by field the card is sound: compile it, so the shipped cards' rules have the last word.
  try {
    compileCard(contractRateCard(json as unknown as ContractCard, base));
  } catch (e) {
    if (!(e instanceof RateCardError)) throw e;
    add("card", e.message);
  }
  return out;
}

function rateProblems(at: string, r: unknown, keys: ReadonlySet<string>, add: (field: string, message: string) => void): void {
  if (!isObject(r)) return add(at, "must be an object.");
  for (const k of Object.keys(r)) if (!keys.has(k)) add(`${at}.${k}`, "is not a field of a rate.");
  for (const k of ["tokens", "concurrent", "tokensPerUnit", "low", "high"]) {
    const problem = r[k] === undefined ? undefined : amountProblem(r[k], CONTRACT_RULES.rate);
    if (problem) add(`${at}.${k}`, problem);
  }
  if (r.per !== undefined) {
    const problem = isAmount(r.per) && r.per > 0 ? amountProblem(r.per, CONTRACT_RULES.per) : "must be a number > 0.";
    if (problem) add(`${at}.per`, problem);
  }
  if (r.tokensPerUnit !== undefined && (r.tokens !== undefined || r.per !== undefined))
    add(`${at}.tokensPerUnit`, "give tokensPerUnit, or tokens and per, not both.");
  if ((r.low === undefined) !== (r.high === undefined)) add(`${at}.${r.low === undefined ? "low" : "high"}`, "a range needs both low and high.");
  if (isAmount(r.low) && isAmount(r.high)) {
    const mid = isAmount(r.tokensPerUnit) ? r.tokensPerUnit : r.tokens;
    if (isAmount(mid) && !(r.low <= mid && mid <= r.high)) add(`${at}.low`, "the range must satisfy low <= tokens <= high.");
  }
}

/** The rate card a contract makes on its base card (unchecked: compileContract checks it). */
function contractRateCard(c: ContractCard, base: CompiledCard): RateCard {
  const b = base.card;
  const src = c.source.trim();
  const rate = (r: ContractRate, from?: FeatureRate): Pick<FeatureRate, "tokens" | "per" | "range"> => {
    const per = r.tokensPerUnit !== undefined ? 1 : (r.per ?? from?.per ?? 1);
    const named = r.tokensPerUnit ?? r.tokens ?? (from ? (typeof from.tokens === "number" ? from.tokens : from.tokens.named) : 0);
    const tokens = r.concurrent !== undefined ? { named, concurrent: r.concurrent } : named;
    const range = r.low !== undefined && r.high !== undefined ? { low: r.low, high: r.high } : undefined;
    return range ? { tokens, per, range } : { tokens, per };
  };
  const features: FeatureRate[] = b.features.map((f) => {
    const r = c.rates?.[f.id];
    if (!r) return f;
    const { range: _range, note: _note, included: _included, ...rest } = f;
    return { ...rest, ...rate(r, f), source: src, confidence: "confirmed", note: `Contract rate (${b.name} card: ${describeRate(f)}).` };
  });
  for (const f of c.features ?? []) {
    features.push({
      id: f.id,
      name: f.name.trim(),
      unit: f.unit.trim(),
      units: f.units?.trim() || pluralUnit(f.unit.trim()),
      ...rate(f),
      source: src,
      confidence: "confirmed",
      ...(f.note ? { note: f.note } : {}),
    });
  }
  const a = c.allocation;
  const addOn =
    c.addOnPerUser === null
      ? undefined
      : c.addOnPerUser
        ? {
            named: c.addOnPerUser.named,
            concurrent: c.addOnPerUser.concurrent,
            condition: c.addOnPerUser.condition ?? "the contract's add-on",
            source: src,
            confidence: "confirmed" as const,
          }
        : b.allocation.addOnPerUser;
  const allocation: AllocationRule = {
    basis: (a?.basis as AllocationRule["basis"] | undefined) ?? b.allocation.basis,
    named: a?.named ?? b.allocation.named,
    concurrent: a?.concurrent ?? b.allocation.concurrent,
    ...(addOn ? { addOnPerUser: addOn } : {}),
    ...(c.committedTokens ? { committed: c.committedTokens } : {}),
    source: a ? src : b.allocation.source,
    confidence: a ? "confirmed" : b.allocation.confidence,
  };
  const perToken = (c.pricePerToken ?? b.pricing.perToken) as Partial<Record<CurrencyCode, number>>;
  const currency = (c.currency ?? (c.pricePerToken ? Object.keys(c.pricePerToken)[0] : b.pricing.defaultCurrency)) as CurrencyCode;
  return {
    id: CONTRACT_CARD_ID,
    name: c.name.trim(),
    source: src,
    date: c.date.slice(0, 7),
    description: c.description?.trim() || `${c.name.trim()}: the ${b.name} card (${b.date}) with the contract's own figures.`,
    features,
    allocation,
    pricing: c.pricePerToken ? { defaultCurrency: currency, perToken, source: src, confidence: "confirmed" } : { ...b.pricing, defaultCurrency: currency },
    carryover: false,
    baseCard: b.id,
  };
}

const describeRate = (f: FeatureRate): string =>
  f.included
    ? "included"
    : `${typeof f.tokens === "number" ? f.tokens : `${f.tokens.named} named / ${f.tokens.concurrent} concurrent`} per ${f.per === 1 ? f.unit : `${f.per} ${f.units}`}`;

/** Compiles a contract card onto its base card; throws ContractCardError naming every problem's field. */
export function compileContract(json: unknown, cards: readonly CompiledCard[]): CompiledCard {
  const problems = contractProblems(json, cards);
  if (problems.length > 0) throw new ContractCardError(problems);
  const c = json as ContractCard;
  return compileCard(
    contractRateCard(
      c,
      cards.find((x) => x.id === c.baseCard)!,
    ),
  );
}

/**
 * A starting contract file for a shipped card: its name, date, source and every figure a contract
 * may change, written out so the analyst edits numbers rather than looks them up.
 */
export function startingContract(base: CompiledCard): ContractCard {
  const b = base.card;
  const a = b.allocation;
  const rates: Record<string, ContractRate> = {};
  for (const f of b.features) {
    if (f.included) continue;
    const t = f.tokens;
    rates[f.id] = {
      ...(typeof t === "number" ? { tokens: t } : { tokens: t.named, concurrent: t.concurrent }),
      per: f.per,
      ...(f.range ? { low: f.range.low, high: f.range.high } : {}),
    };
  }
  return {
    version: CONTRACT_CARD_VERSION,
    name: `Our contract (from the ${b.name} card)`,
    date: b.date,
    source: `Replace with the contract's reference; figures copied from: ${b.source}`,
    baseCard: b.id,
    currency: b.pricing.defaultCurrency,
    pricePerToken: { ...b.pricing.perToken },
    allocation: { basis: a.basis, named: a.named, concurrent: a.concurrent },
    committedTokens: 0,
    ...(a.addOnPerUser ? { addOnPerUser: { named: a.addOnPerUser.named, concurrent: a.addOnPerUser.concurrent, condition: a.addOnPerUser.condition } } : {}),
    rates,
    features: [],
  };
}

/** The committed tokens a card buys each month (0 on the shipped cards). */
export const committedTokens = (card: CompiledCard): number => card.card.allocation.committed ?? 0;

/**
 * The features of a card that the feature catalogue does not know: a contract's own features (a meter
 * published after the shipped cards). Each is a calculator line of its own, counted a month in its
 * unit, and a volume row of the budget. Empty on the shipped cards.
 */
export const ownFeatures = (card: CompiledCard): readonly FeatureRate[] => card.card.features.filter((f) => !f.included && catalogueEntry(f.id) === undefined);
