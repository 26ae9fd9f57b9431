/**
 * What the vendor's exports call things: the column names of each role, the names of the AI features
 * and of their units, and how a row's texts are resolved to a feature of the card. Pure data and
 * lookups; the JSON shapes of the Platform API are read in ./json-shapes.
 *
 * A row is an AI-token row when its feature text (or part number, grouping, description) names a
 * feature of the card (the card's own names and ids, as findFeature) or of FEATURE_SYNONYMS, or names
 * AI Experience tokens in general (then the feature is looked for inside the text, e.g. "AI Experience
 * Tokens - Agent Copilot", else the row is a total of all AI features), or its unit is tokens.
 */
import { normaliseFeatureId, type CompiledCard } from "../card-registry";
import { CARDS } from "../cards";
import { FEATURE_CATALOGUE, type FeatureEntry } from "../feature-catalogue";
import type { FeatureRate } from "../ratecard";
import { ALL_FEATURES, OTHER_FEATURE } from "../usage-dashboard";
import { columnKey, JUNK } from "./csv";

/** Column names recognised for each role, best first. Compared by `columnKey` (no case, spaces or punctuation). */
export const COLUMN_ALIASES = {
  date: [
    "date",
    "usage date",
    "day",
    "start date",
    "usage start date",
    "report date",
    "date (utc)",
    "billing date",
    "period",
    "period start",
    "timestamp",
    "start time",
    "date time",
    "from",
  ],
  feature: [
    "feature",
    "resource",
    "resource name",
    "name",
    "product",
    "product name",
    "part name",
    "charge name",
    "item",
    "item name",
    "service",
    "usage type",
    "description",
  ],
  quantity: [
    "quantity",
    "usage quantity",
    "qty",
    "tokens",
    "token quantity",
    "tokens used",
    "tokens consumed",
    "ai tokens",
    "amount",
    "usage",
    "consumption",
    "value",
    "count",
  ],
  unit: ["unit", "unit of measure", "unit of measure type", "uom", "units", "measure"],
  /** The end of the period a row covers (the API's endDate): only tells how far the report reaches. */
  end: ["end date", "usage end date", "period end", "end time", "end", "to"],
  /** Further text that may name the feature when the feature column is generic ("AI Experience Tokens"). */
  context: ["part number", "part", "part no", "sku", "grouping", "group", "category", "usage group", "type", "description", "product", "name", "item"],
} as const;

export type ColumnRole = "date" | "feature" | "quantity" | "unit";

/**
 * Names of AI features in usage exports, beside the card's own names and ids. `unit` is the unit a
 * row named so is counted in when the file has no unit column ("Voice Bot Minutes" are minutes).
 * feature null: AI Experience tokens in general, not one feature.
 */
export const FEATURE_SYNONYMS: readonly { readonly text: string; readonly feature: string | null; readonly unit?: string }[] = [
  { text: "Genesys Cloud AI Experience Tokens", feature: null },
  { text: "Genesys AI Experience Tokens", feature: null },
  { text: "AI Experience Tokens", feature: null },
  { text: "AI Experience Token", feature: null },
  { text: "AI Experience", feature: null },
  { text: "AI Tokens", feature: null },
  { text: "AI Token", feature: null },
  // The features' names on the cards, then their other names from the feature catalogue.
  ...CARDS.flatMap((c) => c.card.features.map((f) => ({ text: f.name, feature: f.id }))),
  ...FEATURE_CATALOGUE.flatMap((e: FeatureEntry) =>
    e.synonyms.map((x) => (typeof x === "string" ? { text: x, feature: e.id } : { text: x.text, feature: e.id, unit: x.unit })),
  ),
];

/** Other spellings of the units the cards count in. */
export const UNIT_SYNONYMS: Readonly<Record<string, string>> = {
  min: "minute",
  mins: "minute",
  minutes: "minute",
  sess: "session",
  sessions: "session",
  msg: "message",
  msgs: "message",
  messages: "message",
  eval: "evaluation",
  evals: "evaluation",
  evaluations: "evaluation",
  seat: "user",
  seats: "user",
  users: "user",
  licence: "user",
  licences: "user",
  license: "user",
  licenses: "user",
  interactions: "interaction",
  posts: "post",
  summaries: "summary",
};

export interface Resolution {
  readonly ai: boolean;
  /** A card feature id or "other". */
  readonly feature: string;
  /** The unit the name implies ("Voice Bot Minutes"). */
  readonly unit?: string;
}

export const NOT_AI: Resolution = { ai: false, feature: "" };
const GENERIC_KEYS = new Set(FEATURE_SYNONYMS.filter((s) => s.feature === null).map((s) => columnKey(s.text)));
const SYNONYMS = new Map<string, { feature: string | null; unit?: string }>();
for (const s of FEATURE_SYNONYMS) SYNONYMS.set(columnKey(s.text), { feature: s.feature, unit: s.unit });
/** Phrases looked for inside a generic token row's text, longest first. */
const MIN_PHRASE = 6;

export interface FeatureIndex {
  readonly card: CompiledCard;
  readonly phrases: readonly { readonly key: string; readonly feature: string }[];
  readonly cache: Map<string, Resolution>;
}

export function featureIndex(card: CompiledCard): FeatureIndex {
  const phrases: { key: string; feature: string }[] = [];
  for (const s of FEATURE_SYNONYMS) if (s.feature !== null && !s.unit) phrases.push({ key: columnKey(s.text), feature: s.feature });
  for (const f of card.card.features) {
    phrases.push({ key: columnKey(f.name), feature: f.id });
    phrases.push({ key: f.id, feature: f.id });
  }
  return {
    card,
    phrases: phrases.filter((p) => p.key.length >= MIN_PHRASE).sort((a, b) => b.key.length - a.key.length),
    cache: new Map(),
  };
}

const onCard = (idx: FeatureIndex, id: string): string => (idx.card.byId.has(id) ? id : OTHER_FEATURE.id);

/** The card feature a single text names exactly, or generic, or nothing. */
function exactFeature(idx: FeatureIndex, text: string): Resolution | "generic" | undefined {
  // Text with control characters (NUL...) is junk, not a name: "Agent\u0000Copilot" names nothing.
  if (JUNK.test(text)) return undefined;
  const key = columnKey(text);
  if (key === "") return undefined;
  const syn = SYNONYMS.get(key);
  if (syn) return syn.feature === null ? "generic" : { ai: true, feature: onCard(idx, syn.feature), unit: syn.unit };
  const norm = normaliseFeatureId(text.trim());
  const f: FeatureRate | undefined = idx.card.byId.get(text.trim()) ?? idx.card.lookup.get(norm) ?? idx.card.lookup.get(norm.replace(/s$/, ""));
  return f ? { ai: true, feature: f.id } : undefined;
}

export function resolveFeature(idx: FeatureIndex, texts: readonly string[], tokenUnit: boolean): Resolution {
  let generic = tokenUnit;
  for (const t of texts) {
    const r = exactFeature(idx, t);
    if (r === "generic") generic = true;
    else if (r) return r;
  }
  const keys = texts.map((t) => (JUNK.test(t) ? "" : columnKey(t)));
  if (!generic && !keys.some((k) => k.includes("token") || GENERIC_KEYS.has(k))) return NOT_AI;
  for (const k of keys) {
    for (const p of idx.phrases) if (k.includes(p.key)) return { ai: true, feature: onCard(idx, p.feature) };
  }
  return { ai: true, feature: ALL_FEATURES.id };
}

export const isTokenUnit = (unit: string): boolean => columnKey(unit).includes("token");

export function unitOf(f: FeatureRate, unit: string): boolean {
  const k = columnKey(unit);
  const canonical = UNIT_SYNONYMS[k] ?? k;
  return canonical === columnKey(f.unit) || k === columnKey(f.units) || k === columnKey(f.unit);
}
