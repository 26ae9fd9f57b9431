/**
 * The monthly token allocation: per licensed user on the study-notes card, one amount for the
 * organisation on Genesys's published card (with an optional per-agent add-on).
 */
import type { CompiledCard } from "./card-registry";
import { checkQuantity, InputError, type Result } from "./errors";
import { LICENCE_MODELS, type LicenceModel } from "./ratecard";

export interface AllocationOptions {
  /** Apply the card's per-agent add-on (for example CX 4) where it has one. */
  readonly addOn?: boolean;
}

export function allocation(card: CompiledCard, users: number, model: LicenceModel, o: AllocationOptions = {}): Result<number> {
  const bad = checkQuantity(users, "The number of users");
  if (bad) return bad;
  const rule = card.card.allocation;
  const base = rule.basis === "per-user" ? users * rule[model] : rule[model];
  const addOn = o.addOn && rule.addOnPerUser ? users * rule.addOnPerUser[model] : 0;
  return base + addOn;
}

/** Reads a licence model from text ("Named", " concurrent "). */
export function parseLicenceModel(text: string): LicenceModel | InputError {
  const t = text.trim().toLowerCase();
  return (LICENCE_MODELS as readonly string[]).includes(t)
    ? (t as LicenceModel)
    : new InputError("value", `Licence model must be "named" or "concurrent", got "${text}".`);
}
