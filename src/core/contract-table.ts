/**
 * A contract card as a table of cells: the shape `=TOKENS.RATES()` spills (a header row, then one row
 * per feature: id, name, unit, tokens, per, tokens per unit, low, high, included, source, confidence),
 * edited, plus rows of card settings whose first cell is a label ("Base card", "Price per token", ...).
 * Rows left out fall back to the base card the table names (the default card when it names none);
 * a row whose figures equal the base card's keeps the base card's rate and source.
 *
 * Every problem names its cell, counted from the table's top-left cell as A1 ("D5: Tokens must be a
 * number >= 0"). Used by the custom functions (a range as the `card` argument) and the pane's editor.
 */
import type { CompiledCard } from "./card-registry";
import { compileContract, contractProblems, type ContractCard, type ContractFeature, type ContractRate } from "./contract-card";
import { CARD_TABLE_HEADER, featureRow } from "./card-table-columns";
import { isCurrencyCode } from "./currencies";
import { InputError, type Result } from "./errors";
import type { FeatureRate } from "./ratecard";

/** A cell of the table as a face reads it. */
export type TableCell = string | number | boolean | null | undefined;

/** The labels of the settings rows, and what their cells hold (from column B on). */
export const CARD_TABLE_SETTINGS = {
  "Base card": "the shipped card the table starts from",
  Contract: "the contract's name",
  Date: "YYYY-MM",
  Source: "where the figures come from",
  Currency: "the currency amounts are priced in",
  "Price per token": "price, currency (one row per currency)",
  "Committed tokens": "tokens bought each month besides the allocation",
  Allocation: "basis (per-user or per-organisation), named, concurrent",
  "Add-on per user": "named, concurrent, condition",
} as const;

type Setting = keyof typeof CARD_TABLE_SETTINGS;
const SETTING_BY_KEY = new Map(Object.keys(CARD_TABLE_SETTINGS).map((k) => [k.toLowerCase(), k as Setting]));
const ID = /^[a-z][a-z0-9-]*$/;
const CONFIDENCES = ["confirmed", "secondary", "unconfirmed"];

const column = (c: number): string => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
/** The cell's name counted from the table's top-left corner: row 0, column 3 is "D1". */
export const tableCellName = (row: number, col: number): string => `${column(col)}${row + 1}`;

const isBlankCell = (v: TableCell): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const text = (v: TableCell): string => (isBlankCell(v) ? "" : String(v).trim());
const shown = (v: TableCell): string => (typeof v === "string" ? `"${v.length > 40 ? `${v.slice(0, 37)}...` : v}"` : String(v));

class CellProblem {
  constructor(
    readonly cell: string,
    readonly message: string,
  ) {}
}

/** A number in a cell: blank is undefined; numeric text is read; anything else is a problem naming the cell. */
function numberAt(rows: readonly (readonly TableCell[])[], r: number, c: number, what: string, min: "zero" | "positive" = "zero"): number | undefined {
  const v = rows[r][c];
  if (isBlankCell(v)) return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v) ? Number(v) : NaN;
  const ok = Number.isFinite(n) && (min === "zero" ? n >= 0 : n > 0);
  if (!ok) throw new CellProblem(tableCellName(r, c), `${what} must be a number ${min === "zero" ? ">= 0" : "> 0"}, got ${shown(v)}.`);
  return n;
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Reads a table into a contract card (JSON form) and the cell each field came from. Throws
 * CellProblem for the first malformed cell.
 */
function readTable(rows: readonly (readonly TableCell[])[], cards: readonly CompiledCard[]): { json: ContractCard; cells: Map<string, string> } {
  const cells = new Map<string, string>();
  const settings = new Map<Setting, number>();
  const prices: Record<string, number> = {};
  let base = cards[0];
  // Settings first: the base card decides what a feature row changes.
  rows.forEach((row, r) => {
    const key = SETTING_BY_KEY.get(text(row[0]).toLowerCase());
    if (!key) return;
    if (key !== "Price per token" && settings.has(key))
      throw new CellProblem(tableCellName(r, 0), `"${key}" is given twice (also ${tableCellName(settings.get(key)!, 0)}).`);
    settings.set(key, r);
    if (key === "Base card") {
      const id = text(row[1]).toLowerCase();
      const found = cards.find((c) => c.id === id);
      if (!found)
        throw new CellProblem(tableCellName(r, 1), `the base card must be ${cards.map((c) => `"${c.id}"`).join(" or ")}, got ${shown(row[1] ?? "")}.`);
      base = found;
    }
    if (key === "Price per token") {
      const price = numberAt(rows, r, 1, "Price per token");
      if (price === undefined) throw new CellProblem(tableCellName(r, 1), "Price per token is missing.");
      const code = text(row[2]).toUpperCase() || base.card.pricing.defaultCurrency;
      if (code in prices) throw new CellProblem(tableCellName(r, 2), `the price in ${code} is given twice.`);
      prices[code] = price;
      // The price was read above: what is left to go wrong is the currency (its cell) or, in a known
      // currency, the price's upper bound (the price's cell).
      cells.set(`pricePerToken.${code}`, tableCellName(r, isCurrencyCode(code) ? 1 : 2));
    }
  });
  const setting = (key: Setting, col = 1): TableCell => {
    const r = settings.get(key);
    return r === undefined ? undefined : rows[r][col];
  };
  const settingCell = (field: string, key: Setting, col = 1) => {
    const r = settings.get(key);
    if (r !== undefined) cells.set(field, tableCellName(r, col));
  };
  settingCell("name", "Contract");
  settingCell("date", "Date");
  settingCell("source", "Source");
  settingCell("currency", "Currency");
  settingCell("committedTokens", "Committed tokens");
  settingCell("allocation.basis", "Allocation", 1);
  settingCell("allocation.named", "Allocation", 2);
  settingCell("allocation.concurrent", "Allocation", 3);
  settingCell("addOnPerUser.named", "Add-on per user", 1);
  settingCell("addOnPerUser.concurrent", "Add-on per user", 2);

  const rates: Record<string, ContractRate> = {};
  const features: ContractFeature[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, r) => {
    const first = text(row[0]);
    if (row.every(isBlankCell) || SETTING_BY_KEY.has(first.toLowerCase()) || first.toLowerCase() === CARD_TABLE_HEADER[0].toLowerCase()) return;
    if (!ID.test(first)) {
      throw new CellProblem(
        tableCellName(r, 0),
        `${shown(row[0] ?? "")} is neither a feature id (lower case letters, digits and dashes) nor a setting (${Object.keys(CARD_TABLE_SETTINGS).join(", ")}).`,
      );
    }
    if (seen.has(first)) throw new CellProblem(tableCellName(r, 0), `feature "${first}" is listed twice (also ${tableCellName(seen.get(first)!, 0)}).`);
    seen.set(first, r);
    const tokens = numberAt(rows, r, 3, "Tokens");
    const per = numberAt(rows, r, 4, "Per", "positive");
    const perUnit = numberAt(rows, r, 5, "Tokens per unit");
    const low = numberAt(rows, r, 6, "Low");
    const high = numberAt(rows, r, 7, "High");
    const included = row[8];
    if (!isBlankCell(included) && typeof included !== "boolean" && !/^(true|false)$/i.test(text(included))) {
      throw new CellProblem(tableCellName(r, 8), `Included must be TRUE or FALSE, got ${shown(included)}.`);
    }
    const confidence = text(row[10]).toLowerCase();
    if (confidence !== "" && !CONFIDENCES.includes(confidence))
      throw new CellProblem(tableCellName(r, 10), `Confidence must be ${CONFIDENCES.join(", ")} or blank, got ${shown(row[10])}.`);
    const f = base.byId.get(first);
    const t = tokens ?? (f ? namedTokens(f) : undefined);
    const p = per ?? f?.per ?? 1;
    if (t === undefined) throw new CellProblem(tableCellName(r, 3), "Tokens is missing.");
    if (perUnit !== undefined && !near(perUnit, t / p)) {
      throw new CellProblem(tableCellName(r, 5), `Tokens per unit (${perUnit}) is not Tokens / Per (${t / p}): edit Tokens or Per, or clear this cell.`);
    }
    if ((included === true || text(included).toUpperCase() === "TRUE") && t !== 0)
      throw new CellProblem(tableCellName(r, 8), "an included feature costs 0 tokens.");
    const range = low !== undefined || high !== undefined ? { low: low ?? t, high: high ?? t } : undefined;
    const changedRange = range && !(range.low === t && range.high === t) ? range : undefined;
    const where = (field: string) => {
      cells.set(`${field}.tokens`, tableCellName(r, 3));
      cells.set(`${field}.per`, tableCellName(r, 4));
      cells.set(`${field}.low`, tableCellName(r, 6));
      cells.set(`${field}.high`, tableCellName(r, 7));
      cells.set(field, tableCellName(r, 0));
    };
    if (f) {
      if (sameAsBase(f, t, p, range)) return;
      rates[first] = { tokens: t, per: p, ...(changedRange ? { low: changedRange.low, high: changedRange.high } : {}) };
      where(`rates.${first}`);
    } else {
      const name = text(row[1]);
      const unit = text(row[2]);
      if (!name) throw new CellProblem(tableCellName(r, 1), `the new feature "${first}" needs a name.`);
      if (!unit) throw new CellProblem(tableCellName(r, 2), `the new feature "${first}" needs a unit.`);
      features.push({ id: first, name, unit, tokens: t, per: p, ...(changedRange ? { low: changedRange.low, high: changedRange.high } : {}) });
      where(`features[${features.length - 1}]`);
    }
  });

  const alloc = settings.get("Allocation");
  const addOn = settings.get("Add-on per user");
  const committed = settings.has("Committed tokens") ? numberAt(rows, settings.get("Committed tokens")!, 1, "Committed tokens") : undefined;
  const json: ContractCard = {
    name: text(setting("Contract")) || `Edited ${base.card.name} card`,
    date: dateText(setting("Date")) || base.card.date,
    source: text(setting("Source")) || `An edited copy of the ${base.card.name} card (${base.card.source})`,
    baseCard: base.id,
    ...(text(setting("Currency")) ? { currency: text(setting("Currency")).toUpperCase() } : {}),
    ...(Object.keys(prices).length > 0 ? { pricePerToken: prices } : {}),
    ...(committed !== undefined ? { committedTokens: committed } : {}),
    ...(alloc !== undefined
      ? {
          allocation: {
            ...(text(rows[alloc][1]) ? { basis: text(rows[alloc][1]).toLowerCase() } : {}),
            ...optional("named", numberAt(rows, alloc, 2, "The named allocation")),
            ...optional("concurrent", numberAt(rows, alloc, 3, "The concurrent allocation")),
          },
        }
      : {}),
    ...(addOn !== undefined
      ? {
          addOnPerUser: {
            named: numberAt(rows, addOn, 1, "The add-on per named user") ?? 0,
            concurrent: numberAt(rows, addOn, 2, "The add-on per concurrent user") ?? 0,
            ...(text(rows[addOn][3]) ? { condition: text(rows[addOn][3]) } : {}),
          },
        }
      : {}),
    rates,
    features,
  };
  return { json, cells };
}

const optional = <K extends string>(key: K, v: number | undefined): Partial<Record<K, number>> => (v === undefined ? {} : ({ [key]: v } as Record<K, number>));

/** A date cell: text as typed, or an Excel date serial as YYYY-MM. */
function dateText(v: TableCell): string {
  if (typeof v === "number" && v > 0 && v < 2958466) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  }
  return text(v);
}

const namedTokens = (f: FeatureRate): number => (typeof f.tokens === "number" ? f.tokens : f.tokens.named);

/** True when a row repeats the base card's rate (RATES() shows either licence's tokens of a licence-dependent rate). */
function sameAsBase(f: FeatureRate, tokens: number, per: number, range: { low: number; high: number } | undefined): boolean {
  const options = typeof f.tokens === "number" ? [f.tokens] : [f.tokens.named, f.tokens.concurrent];
  if (!options.includes(tokens) || per !== f.per) return false;
  if (f.range) return range !== undefined && range.low === f.range.low && range.high === f.range.high;
  return range === undefined || (range.low === tokens && range.high === tokens);
}

/**
 * A card from a table of cells, compiled onto the base card the table names; an InputError
 * (#VALUE!) naming the first malformed cell.
 */
export function cardFromTable(rows: readonly (readonly TableCell[])[], cards: readonly CompiledCard[]): Result<CompiledCard> {
  if (rows.length === 0) return new InputError("value", "The card table is empty.");
  let read: ReturnType<typeof readTable>;
  try {
    read = readTable(rows, cards);
  } catch (e) {
    if (e instanceof CellProblem) return new InputError("value", `${e.cell}: ${e.message}`);
    throw e;
  }
  const problems = contractProblems(read.json, cards);
  if (problems.length > 0) {
    const p = problems[0];
    const cell = read.cells.get(p.field) ?? read.cells.get(p.field.replace(/\.[^.]+$/, ""));
    return new InputError("value", `${cell ?? "The card table"} (${p.field}): ${p.message}`);
  }
  return compileContract(read.json, cards);
}

/**
 * A contract card as a table: its settings rows, then the RATES() header and a row per feature, for a
 * licence model's tokens. Reading it back with cardFromTable gives the same card.
 */
export function cardTable(card: CompiledCard, licence: "named" | "concurrent"): TableCell[][] {
  const c = card.card;
  const width = CARD_TABLE_HEADER.length;
  const pad = (cells: TableCell[]): TableCell[] => [...cells, ...Array<TableCell>(width - cells.length).fill("")];
  const a = c.allocation;
  const out: TableCell[][] = [
    pad(["Base card", c.baseCard ?? card.id]),
    pad(["Contract", c.name]),
    pad(["Date", c.date]),
    pad(["Source", c.source]),
    pad(["Currency", c.pricing.defaultCurrency]),
    ...Object.entries(c.pricing.perToken).map(([code, price]) => pad(["Price per token", price as number, code])),
    pad(["Committed tokens", a.committed ?? 0]),
    pad(["Allocation", a.basis, a.named, a.concurrent]),
    ...(a.addOnPerUser ? [pad(["Add-on per user", a.addOnPerUser.named, a.addOnPerUser.concurrent, a.addOnPerUser.condition])] : []),
    [...CARD_TABLE_HEADER],
  ];
  for (const f of c.features) out.push(featureRow(f, licence));
  return out;
}
