/**
 * Plan files: a contact-center profile as JSON (docs/plan-format.md), checked against
 * PLAN_SCHEMA and then by the core, every problem naming its field ("plan.volumes.voicebot").
 * Pure: no file system; the command line reads the file.
 */
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import {
  getCard,
  InputError,
  isCurrencyCode,
  profileProblems,
  type CompiledCard,
  type CurrencyCode,
  type Profile,
} from "../core";
import { BLANK_PROFILE } from "../core/presets";
import { PER_USER_FEATURES, VOLUME_FEATURES, type PerUserFeature, type VolumeFeature } from "../core/estimate";
import { PLAN_SCHEMA, PLAN_VERSION } from "./plan-schema";

/** Everything the sheets of a workbook are built from. Budget and dashboard inputs will join the profile. */
export interface Plan {
  readonly profile: Profile;
}

/** A plan file's content, as the schema describes it. */
export interface PlanJson {
  $schema?: string;
  version: number;
  name?: string;
  card?: string;
  licence?: Profile["licence"];
  users: number;
  workingDays?: number;
  currency?: string;
  pricePerToken?: number;
  rounding?: Profile["rounding"];
  level?: Profile["level"];
  volumes: Partial<Record<VolumeFeature, number>>;
  tokensPerUser?: Partial<Record<PerUserFeature, number>>;
}

export interface PlanProblem {
  /** The field as a path from the plan: "plan.volumes.voicebot"; "plan" for the whole file. */
  readonly field: string;
  readonly message: string;
}

export const DEFAULT_PLAN_NAME = "Token plan";

let validator: ReturnType<Ajv2020["compile"]> | undefined;

function validate(json: unknown): readonly ErrorObject[] {
  if (!validator) validator = new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(PLAN_SCHEMA);
  return validator(json) ? [] : (validator.errors ?? []);
}

const fieldOf = (instancePath: string, child?: string): string =>
  ["plan", ...instancePath.split("/").filter(Boolean).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")), ...(child ? [child] : [])].join(".");

/** One schema error as a sentence for the analyst. */
function describe(e: ErrorObject): PlanProblem {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { field: fieldOf(e.instancePath, String(p.missingProperty)), message: "is required" };
    case "additionalProperties": {
      const known = Object.keys(propertiesAt(e.schemaPath) ?? {});
      return {
        field: fieldOf(e.instancePath, String(p.additionalProperty)),
        message: `is not a field of a plan${known.length ? ` (known here: ${known.join(", ")})` : ""}`,
      };
    }
    case "enum":
      return { field: fieldOf(e.instancePath), message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "const":
      return { field: fieldOf(e.instancePath), message: `must be ${JSON.stringify(p.allowedValue)}` };
    case "type":
      if (typeof e.data === "number" && !Number.isFinite(e.data)) return { field: fieldOf(e.instancePath), message: "must be a finite number" };
      return { field: fieldOf(e.instancePath), message: p.type === "integer" ? "must be a whole number" : `must be ${article(String(p.type))}` };
    default:
      return { field: fieldOf(e.instancePath), message: e.message ?? "is not valid" };
  }
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The `properties` of the schema object an additionalProperties error points into. */
function propertiesAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = PLAN_SCHEMA;
  const parts = schemaPath.replace(/^#\//, "").split("/").slice(0, -1);
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { properties?: Record<string, unknown> } | undefined)?.properties;
}

/** Where a plan's price comes from when it gives none: the card's published price in its currency. */
export function cardPrice(card: CompiledCard, currency: CurrencyCode): number | undefined {
  return card.card.pricing.perToken[currency];
}

/**
 * A plan from parsed JSON: the schema's checks, the defaults, then the core's own checks.
 * Returns the plan, or every problem found, each naming its field.
 */
export function planFromJson(json: unknown): Plan | PlanProblem[] {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return [{ field: "plan", message: "must be a JSON object" }];
  const errors = validate(json);
  if (errors.length > 0) return dedupe(errors.map(describe));
  const j = json as PlanJson;
  const card = getCard(j.card);
  if (card instanceof InputError) return [{ field: "plan.card", message: card.message }];
  const currency = (j.currency ?? card.card.pricing.defaultCurrency) as CurrencyCode;
  const price = j.pricePerToken ?? cardPrice(card, currency);
  if (price === undefined) {
    return [{ field: "plan.pricePerToken", message: `is required: the ${card.card.name} card publishes no price in ${currency}` }];
  }
  const volumes = { ...BLANK_PROFILE.volumes };
  for (const f of VOLUME_FEATURES) volumes[f] = j.volumes[f] ?? 0;
  const tokensPerUser: Partial<Record<PerUserFeature, number>> = {};
  for (const f of PER_USER_FEATURES) if (j.tokensPerUser?.[f] !== undefined) tokensPerUser[f] = j.tokensPerUser[f];
  const profile: Profile = {
    name: j.name ?? DEFAULT_PLAN_NAME,
    card: card.id,
    licence: j.licence ?? BLANK_PROFILE.licence,
    users: j.users,
    workingDays: j.workingDays ?? BLANK_PROFILE.workingDays,
    currency,
    pricePerToken: price,
    rounding: j.rounding ?? BLANK_PROFILE.rounding,
    level: j.level ?? BLANK_PROFILE.level,
    volumes,
    tokensPerUser,
  };
  const problems = profileProblems(profile, [card]);
  if (problems.length > 0) return problems.map((p) => ({ field: `plan.${p.field}`, message: lowerFirst(p.message) }));
  return { profile };
}

/** A plan file that is not JSON; the message says where. */
export class PlanSyntaxError extends Error {
  override readonly name = "PlanSyntaxError";
}

/** Parses a plan file's text as JSON (a byte-order mark allowed); throws PlanSyntaxError naming the line and column. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new PlanSyntaxError(`is not valid JSON: ${jsonErrorText(e, text)}`);
  }
}

/** A plan from a file's text. */
export function parsePlan(text: string): Plan | PlanProblem[] {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (e) {
    return [{ field: "plan", message: (e as Error).message }];
  }
  return planFromJson(json);
}

/**
 * The plan file of a profile, giving only what differs from the defaults; the price is left out
 * when it is the card's own price in the currency, so changing the card or currency re-prices it.
 */
export function planToJson(profile: Profile): PlanJson {
  const card = getCard(profile.card);
  const out: PlanJson = { version: PLAN_VERSION, name: profile.name, card: profile.card, licence: profile.licence, users: profile.users, volumes: {} };
  delete (out as Partial<PlanJson>).volumes; // keep the documented field order: volumes last
  if (profile.workingDays !== BLANK_PROFILE.workingDays) out.workingDays = profile.workingDays;
  out.currency = profile.currency;
  if (card instanceof InputError || !isCurrencyCode(profile.currency) || cardPrice(card, profile.currency) !== profile.pricePerToken) {
    out.pricePerToken = profile.pricePerToken;
  }
  if (profile.rounding !== BLANK_PROFILE.rounding) out.rounding = profile.rounding;
  if (profile.level !== BLANK_PROFILE.level) out.level = profile.level;
  out.volumes = {};
  for (const f of VOLUME_FEATURES) if (profile.volumes[f] !== 0) out.volumes[f] = profile.volumes[f];
  const own = Object.entries(profile.tokensPerUser).filter(([, v]) => v !== undefined);
  if (own.length > 0) out.tokensPerUser = Object.fromEntries(own);
  return out;
}

/** "Unexpected token } in JSON at position 41" with the line and column of the position. */
function jsonErrorText(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  if (!at || /line \d+/.test(message)) return message;
  const before = text.replace(/^\uFEFF/, "").slice(0, Number(at[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column})`;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function dedupe(problems: PlanProblem[]): PlanProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}: ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
