/**
 * Checking and indexing rate cards. A card that is malformed (a missing unit, a negative rate,
 * an unknown currency, a duplicate id) throws RateCardError here, when the card module loads:
 * the build and the tests fail, never an analyst's workbook.
 */
import { isCurrencyCode } from "./currencies";
import { InputError, RateCardError } from "./errors";
import type { FeatureRate, LicenceModel, RateCard, RateLevel, TokenAmount } from "./ratecard";

export interface CompiledCard {
  readonly card: RateCard;
  readonly id: string;
  /** Features by id, for constant-time lookup from formulas. */
  readonly byId: ReadonlyMap<string, FeatureRate>;
  /** Features by id and by forgiving aliases of id and name ("voice bots", "Agent Copilot"). */
  readonly lookup: ReadonlyMap<string, FeatureRate>;
}

const ID = /^[a-z][a-z0-9-]*$/;

function checkAmount(where: string, x: unknown): void {
  if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new RateCardError(`${where} must be a finite number >= 0, got ${String(x)}.`);
}

function checkTokens(where: string, t: TokenAmount): void {
  if (typeof t === "number") return checkAmount(where, t);
  checkAmount(`${where}.named`, t.named);
  checkAmount(`${where}.concurrent`, t.concurrent);
}

/** Throws RateCardError naming the first problem of a card; returns nothing for a sound card. */
export function validateCard(card: RateCard): void {
  const at = `Rate card "${card.id}"`;
  if (!ID.test(card.id)) throw new RateCardError(`${at}: id must be lower case letters, digits and dashes.`);
  for (const key of ["name", "source", "description"] as const) {
    if (typeof card[key] !== "string" || card[key].trim() === "") throw new RateCardError(`${at}: ${key} is missing.`);
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(card.date)) throw new RateCardError(`${at}: date must be YYYY-MM, got "${card.date}".`);
  if (card.carryover !== false) throw new RateCardError(`${at}: carryover must be false.`);
  if (card.features.length === 0) throw new RateCardError(`${at}: has no features.`);
  const seen = new Set<string>();
  for (const f of card.features) {
    const where = `${at}, feature "${f.id}"`;
    if (!ID.test(f.id)) throw new RateCardError(`${where}: id must be lower case letters, digits and dashes.`);
    if (seen.has(f.id)) throw new RateCardError(`${where}: duplicate id.`);
    seen.add(f.id);
    for (const key of ["name", "unit", "units", "source"] as const) {
      if (typeof f[key] !== "string" || f[key].trim() === "") throw new RateCardError(`${where}: ${key} is missing.`);
    }
    checkTokens(`${where}: tokens`, f.tokens);
    if (typeof f.per !== "number" || !Number.isFinite(f.per) || f.per <= 0) throw new RateCardError(`${where}: per must be a number > 0.`);
    if (f.range) {
      checkAmount(`${where}: range.low`, f.range.low);
      checkAmount(`${where}: range.high`, f.range.high);
      const mid = typeof f.tokens === "number" ? f.tokens : NaN;
      if (!(f.range.low <= mid && mid <= f.range.high)) throw new RateCardError(`${where}: range must satisfy low <= tokens <= high.`);
    }
    if (f.included && (f.tokens !== 0 || f.range)) throw new RateCardError(`${where}: an included feature costs 0 tokens.`);
    if (!["confirmed", "secondary", "unconfirmed"].includes(f.confidence)) throw new RateCardError(`${where}: unknown confidence "${f.confidence}".`);
  }
  const a = card.allocation;
  checkAmount(`${at}: allocation.named`, a.named);
  checkAmount(`${at}: allocation.concurrent`, a.concurrent);
  if (a.basis !== "per-user" && a.basis !== "per-organisation") throw new RateCardError(`${at}: allocation basis "${a.basis}" is unknown.`);
  if (a.addOnPerUser) {
    checkAmount(`${at}: allocation.addOnPerUser.named`, a.addOnPerUser.named);
    checkAmount(`${at}: allocation.addOnPerUser.concurrent`, a.addOnPerUser.concurrent);
  }
  if (a.committed !== undefined) checkAmount(`${at}: allocation.committed`, a.committed);
  const p = card.pricing;
  if (!isCurrencyCode(p.defaultCurrency)) throw new RateCardError(`${at}: unknown currency "${p.defaultCurrency}".`);
  for (const [code, price] of Object.entries(p.perToken)) {
    if (!isCurrencyCode(code)) throw new RateCardError(`${at}: unknown currency "${code}".`);
    checkAmount(`${at}: price in ${code}`, price);
  }
  if (p.perToken[p.defaultCurrency] === undefined) throw new RateCardError(`${at}: no price in its default currency ${p.defaultCurrency}.`);
}

export function compileCard(card: RateCard): CompiledCard {
  validateCard(card);
  const lookup = new Map<string, FeatureRate>();
  for (const f of card.features) {
    for (const alias of [f.id, normaliseFeatureId(f.name), normaliseFeatureId(f.name).replace(/s$/, "")]) {
      if (!lookup.has(alias)) lookup.set(alias, f);
    }
  }
  for (const f of card.features) lookup.set(f.id, f);
  return { card, id: card.id, byId: new Map(card.features.map((f) => [f.id, f])), lookup };
}

/**
 * Tokens charged per single unit of a feature at a level of its range, for a licence model.
 * Where the feature has no range every level gives the expected figure.
 */
export function tokensPerUnit(f: FeatureRate, licence: LicenceModel, level: RateLevel): number {
  const t = f.tokens;
  const base = typeof t === "number" ? t : t[licence];
  if (level === "mid" || !f.range) return base / f.per;
  return f.range[level] / f.per;
}

/** Finds a feature of a card by id or name, case, spaces and a plural forgiven: "Voice Bots" finds "voicebot". */
export function findFeature(card: CompiledCard, id: string): FeatureRate | InputError {
  const f = card.byId.get(id) ?? card.lookup.get(normaliseFeatureId(id)) ?? card.lookup.get(normaliseFeatureId(id).replace(/s$/, ""));
  if (f) return f;
  return new InputError("na", `"${id}" is not a feature of the ${card.card.name} card. Known: ${[...card.byId.keys()].join(", ")}.`);
}

export const normaliseFeatureId = (id: string): string => id.toLowerCase().replace(/[\s_&-]+/g, "");
