/**
 * Which column of a usage export plays which role. Known headers are recognised by COLUMN_ALIASES
 * (compared without case, spaces or punctuation: "Usage Quantity" = "usageQuantity"); anything else
 * needs a ColumnMapping, which the analyst picks in the taskpane or gives on the command line
 * (`--map "date=Day,feature=Meter,quantity=Tokens used"`). Pure.
 */
import { InputError, type Result } from "../errors";
import { columnKey, isBlank, quoted } from "./csv";
import { COLUMN_ALIASES, type ColumnRole } from "./shapes";

/** A column by its header text (any case, spaces or punctuation) or its 0-based index. */
export type ColumnRef = string | number;

/**
 * Which rows are AI-token rows: those whose `column` holds one of `values` (compared as columnKey), or,
 * without values, those whose `column` is not blank. Other rows are skipped quietly and counted.
 */
export interface TokenRowFilter {
  readonly column: ColumnRef;
  readonly values?: readonly string[];
}

/**
 * The analyst's mapping of a file whose headers are not a known shape. A day column (`date`) or a
 * month column (`period`: "2026-03", "March 2026", or a date whose month is taken), or neither when
 * the month is given with the import (ImportOptions.month). Without `feature` every token row counts
 * towards "All AI features" (no invented breakdown).
 */
export interface ColumnMapping {
  readonly date?: ColumnRef;
  readonly period?: ColumnRef;
  readonly feature?: ColumnRef;
  readonly quantity: ColumnRef;
  readonly unit?: ColumnRef;
  readonly tokenRows?: TokenRowFilter;
}

/** The keys of a mapping written as text (`--map`). */
export const MAPPING_KEYS = ["date", "period", "feature", "quantity", "unit"] as const;
type MappingKey = (typeof MAPPING_KEYS)[number];

/**
 * A mapping written as text: `date=Day,feature=Meter,quantity=Tokens used` (keys date or period,
 * feature, quantity, unit; a value is a header's text, or #N for the N-th column). A comma inside a
 * header's name is written in double quotes: `quantity="Tokens, used"`.
 */
export function parseColumnMapping(spec: string): Result<ColumnMapping> {
  const parts: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (const ch of spec) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === "," && !inQuotes) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  const out: Partial<Record<MappingKey, ColumnRef>> = {};
  for (const part of parts) {
    if (isBlank(part)) continue;
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : part.slice(eq + 1).trim();
    if (!(MAPPING_KEYS as readonly string[]).includes(key)) {
      return new InputError(
        "value",
        `Unknown key ${quoted(key)} in the column mapping: use ${MAPPING_KEYS.join(", ")} (e.g. "date=Day,feature=Meter,quantity=Tokens used").`,
      );
    }
    if (value === "") return new InputError("value", `The column mapping gives no column for "${key}": write ${key}=<header>.`);
    if (out[key as MappingKey] !== undefined) return new InputError("value", `The column mapping gives "${key}" twice.`);
    const byIndex = /^#(\d{1,4})$/.exec(value);
    out[key as MappingKey] = byIndex ? Number(byIndex[1]) - 1 : value;
  }
  if (out.quantity === undefined) return new InputError("value", 'The column mapping needs a quantity column: e.g. "date=Day,quantity=Tokens used".');
  if (out.date !== undefined && out.period !== undefined) return new InputError("value", "The column mapping gives both a date and a period column: give one.");
  return out as ColumnMapping;
}

/** A mapping written back as text, the form parseColumnMapping reads. */
export function formatColumnMapping(m: ColumnMapping): string {
  const ref = (r: ColumnRef) => (typeof r === "number" ? `#${r + 1}` : /[,"=]/.test(r) ? `"${r.replace(/"/g, "")}"` : r);
  return MAPPING_KEYS.flatMap((k) => (m[k] === undefined ? [] : [`${k}=${ref(m[k] as ColumnRef)}`])).join(",");
}

/**
 * The signature of a header line, for remembering a mapping: the columns' keys in order. Two files
 * with the same columns (whatever their case or spacing) have the same signature.
 */
export const headerSignature = (header: readonly string[]): string => header.map(columnKey).join("|");

// ---------------------------------------------------------------------------------------------
// Recognising known headers

export interface HeaderColumns {
  readonly index: Partial<Record<ColumnRole, number>>;
  readonly context: number[];
  readonly end?: number;
  /** A month column (a mapping's period). */
  readonly period?: number;
  readonly tokenRows?: { readonly column: number; readonly keys?: ReadonlySet<string> };
}

const ALIAS_KEYS = {
  end: COLUMN_ALIASES.end.map(columnKey),
  date: COLUMN_ALIASES.date.map(columnKey),
  feature: COLUMN_ALIASES.feature.map(columnKey),
  quantity: COLUMN_ALIASES.quantity.map(columnKey),
  unit: COLUMN_ALIASES.unit.map(columnKey),
  context: COLUMN_ALIASES.context.map(columnKey),
};
const ROLE_ORDER: readonly ColumnRole[] = ["quantity", "date", "unit", "feature"];
export const REQUIRED: readonly ColumnRole[] = ["date", "feature", "quantity"];

/** Column overrides by role (the older, partial form of a mapping). */
export type ColumnOverrides = Partial<Record<ColumnRole, ColumnRef>>;

function findColumn(header: readonly string[], keys: readonly string[], ref: ColumnRef): number {
  if (typeof ref === "number") return Number.isInteger(ref) && ref >= 0 && ref < header.length ? ref : -1;
  return keys.indexOf(columnKey(ref));
}

const describeRef = (ref: ColumnRef): string => (typeof ref === "number" ? `number ${ref + 1}` : quoted(ref));

/** The columns of a header line by the known names, with overrides by role. */
export function recogniseColumns(header: readonly string[], overrides: ColumnOverrides | undefined): Result<HeaderColumns> {
  const keys = header.map(columnKey);
  const taken = new Set<number>();
  const index: Partial<Record<ColumnRole, number>> = {};
  for (const role of ROLE_ORDER) {
    const o = overrides?.[role];
    if (o === undefined) continue;
    const at = findColumn(header, keys, o);
    if (at < 0) return new InputError("value", `The ${role} column ${describeRef(o)} is not in the header.`);
    index[role] = at;
    taken.add(at);
  }
  for (const role of ROLE_ORDER) {
    if (index[role] !== undefined) continue;
    for (const alias of ALIAS_KEYS[role]) {
      const at = keys.findIndex((k, c) => k === alias && !taken.has(c));
      if (at >= 0) {
        index[role] = at;
        taken.add(at);
        break;
      }
    }
  }
  let end: number | undefined;
  for (const alias of ALIAS_KEYS.end) {
    const at = keys.findIndex((k, c) => k === alias && !taken.has(c));
    if (at >= 0) {
      end = at;
      taken.add(at);
      break;
    }
  }
  const context: number[] = [];
  for (const alias of ALIAS_KEYS.context) {
    keys.forEach((k, c) => {
      if (k === alias && !taken.has(c)) {
        context.push(c);
        taken.add(c);
      }
    });
  }
  return end === undefined ? { index, context } : { index, context, end };
}

/** The columns of a header line by the analyst's mapping: every column it names must be there. */
export function mappedColumns(header: readonly string[], m: ColumnMapping): Result<HeaderColumns> {
  const keys = header.map(columnKey);
  const at = (role: string, ref: ColumnRef | undefined): number | undefined | InputError => {
    if (ref === undefined) return undefined;
    const c = findColumn(header, keys, ref);
    return c < 0 ? new InputError("value", `The ${role} column ${describeRef(ref)} of the mapping is not in the header.`) : c;
  };
  const date = at("date", m.date);
  const period = at("period", m.period);
  const feature = at("feature", m.feature);
  const quantity = at("quantity", m.quantity);
  const unit = at("unit", m.unit);
  const filter = at("token-row", m.tokenRows?.column);
  for (const x of [date, period, feature, quantity, unit, filter]) if (x instanceof InputError) return x;
  const index: Partial<Record<ColumnRole, number>> = {};
  if (typeof date === "number") index.date = date;
  if (typeof feature === "number") index.feature = feature;
  if (typeof quantity === "number") index.quantity = quantity;
  if (typeof unit === "number") index.unit = unit;
  return {
    index,
    context: [],
    ...(typeof period === "number" ? { period } : {}),
    ...(typeof filter === "number"
      ? { tokenRows: { column: filter, ...(m.tokenRows?.values ? { keys: new Set(m.tokenRows.values.map(columnKey)) } : {}) } }
      : {}),
  };
}

export const describeAliases = (role: ColumnRole): string =>
  COLUMN_ALIASES[role]
    .slice(0, 6)
    .map((a) => `"${a}"`)
    .join(", ") + ", ...";
