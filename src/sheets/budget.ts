/**
 * The annual budget sheet: twelve month columns of an AnnualPlan as native formulas over editable
 * inputs, with the card's rates block, a chart of consumption against allocation and the months
 * over allocation highlighted. Every figure is what computeAnnualPlan computes (its `result`).
 *
 * Layout (rows move with the plan's size; columns are fixed):
 *
 *   A: labels, B: unit, C: baseline / input value, D: go-live month, E..P: the twelve months, Q: the year.
 *
 *   title, plan name, one line on the card and the rules
 *   Plan inputs (A:C)                         chart: consumption against allocation (E:P, beside them)
 *   Year at a glance (A:C): the named results
 *   rates block of the card (A:J), editable
 *   month grid: header, month of the plan, seasonal multipliers (inputs), licensed users, allocation,
 *     committed (prepaid) tokens (inputs), top-ups bought (inputs), forecast consumption, allocation left, utilisation,
 *     unused allocation and its share (the notes' under-20% flag), overage, cost,
 *     budget with buffers, buffered need, cost with buffers
 *   Volumes a month: one row per line (site x feature), baseline and go-live as inputs
 *   Tokens a month: the same rows priced and rounded per line, then the initiatives (inputs)
 *   Rate ranges (when the card has ranged rates in use): the year at low / expected / high rates
 *
 * Sheet-scoped names: AnnualTokens, AnnualOverageTokens, AnnualCost, AnnualAllocation,
 * AnnualTopUpTokens, AnnualBudgetTokens, AnnualBudgetCost, PeakMonth, PeakTokens,
 * MonthsOverAllocation, BudgetMonths, MonthlyTokens (forecast), MonthlyAllocation, MonthlyBudget (with buffers),
 * and with ranges AnnualTokensLow / Expected / High and AnnualCostLow / Expected / High.
 *
 * The rounding rule and the rate level are chosen when the sheet is built (they decide the shape of
 * the formulas), and so is the currency (it decides the formats); every other figure of the plan is
 * an input cell. Start month and year are fixed too: the month
 * headers are dates written as values, and the seasonal multipliers and top-ups sit under them.
 */
import {
  computeAnnualPlan,
  GROWTH_KINDS,
  growthFigure,
  PLAN_MONTHS,
  planProblems,
  planSites,
  siteLines,
  goLiveOf,
  type AnnualPlan,
  type AnnualPlanResult,
  type CommittedSource,
  type GrowthKind,
} from "../core/annual-plan";
import type { CompiledCard } from "../core/card-registry";
import { monthKey, monthLabel, shortMonth } from "../core/calendar";
import { getCard } from "../core/cards";
import { CURRENCIES } from "../core/currencies";
import { InputError } from "../core/errors";
import { CALCULATOR_LINES, OTHER_TOKENS_LABEL, PER_USER_FEATURES, type FieldProblem, type PerUserFeature } from "../core/estimate";
import { UNUSED_ALLOCATION } from "../core/planning-rules";
import { LICENCE_MODELS, type RateLevel } from "../core/ratecard";
import { a1, absA1, columnLetters, rangeA1 } from "./a1";
import { SheetBuilder } from "./builder";
import { currencyFormat, FRACTIONAL_TOKENS_FORMAT, PERCENT_FORMAT, TEXT_FORMAT, TOKENS_FORMAT } from "./formats";
import { utilisationFormula } from "./health-block";
import type { Cell, SheetModel } from "./model";
import { UNPRICED_TEXT } from "./calculator";
import { allocationFormula, featureTokensFormula, roundingFormula, writeRatesBlock, type RatesBlock } from "./rates-block";

export const BUDGET_SHEET_NAME = "Annual Budget";

export interface BudgetSheetOptions {
  readonly sheetName?: string;
}

/** How a growth kind reads in its input cell; the users formula compares against these texts. */
export const GROWTH_TEXT: Readonly<Record<GrowthKind, string>> = { users: "users per month", rate: "rate per month", target: "target users" };
const YES = "Yes";
/** The unit cell of a volume row the card does not price (the unpriced note counts these rows). */
const NOT_ON_CARD = "not on this card";
const NO = "No";

/**
 * Where a sheet's committed tokens come from, beside them: "contract: Example Corp contract" when they
 * are the contract card's (not typed on the plan); undefined otherwise. The budget and dashboard share it.
 */
export function committedSourceLabel(from: CommittedSource | undefined, card: CompiledCard): string | undefined {
  return from === "contract" ? `contract: ${card.card.name}` : undefined;
}

/** What a go-live cell says for a line or initiative that does not go live in the plan's twelve months. */
export const NOT_THIS_YEAR = "Not this year";

/** Month headers: a date shown as month and year (a format code, the same in every Excel language). */
export const MONTH_FORMAT = "mmm yyyy";
const MULTIPLIER_FORMAT = "0.00";
const USERS_FORMAT = "#,##0";
const LEVEL_TEXT: Readonly<Record<RateLevel, string>> = { low: "low", mid: "expected", high: "high" };
const ROUNDING_TEXT = { line: "each line half up to whole tokens", exact: "exact (no rounding)", up: "each line up to whole tokens" } as const;

/** Columns of the grid (0-based). */
const COL = { label: 0, unit: 1, base: 2, goLive: 3, month0: 4, year: 4 + PLAN_MONTHS } as const;
const monthCol = (i: number): number => COL.month0 + i;
const MONTHS = Array.from({ length: PLAN_MONTHS }, (_, i) => i);

/** The Excel serial number of the first day of a month (1900 date system; valid from March 1900). */
export function excelMonthSerial(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) / 86_400_000 + 25_569;
}

/** Thrown for a plan with problems: callers check planProblems() first and show them to the analyst. */
export class InvalidPlanError extends Error {
  override readonly name = "InvalidPlanError";
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`The plan cannot be built into a sheet: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
  }
}

/** Rows of the month grid, top to bottom. */
export const GRID_ROWS = [
  "header",
  "index",
  "multiplier",
  "users",
  "allocation",
  "committed",
  "topUp",
  "consumption",
  "headroom",
  "utilisation",
  "unused",
  "unusedShare",
  "overage",
  "cost",
  "budget",
  "need",
  "bufferedCost",
] as const;
export type GridRow = (typeof GRID_ROWS)[number];

/** Where everything landed (A1 addresses without $), for the taskpane, the writers' tests and the sheet tests. */
export interface BudgetLayout {
  /** Each grid row's twelve month cells, month 1 of the plan first. */
  readonly months: Readonly<Record<GridRow, readonly string[]>>;
  /** Each grid row's year cell (blank rows have none). */
  readonly year: Readonly<Partial<Record<GridRow, string>>>;
  /** The plan's input cells: licence, users, growthKind, growthFigure, follow, workingDays, own.copilot, own.analytics, price, bufferU, bufferG. */
  readonly inputs: Readonly<Record<string, string>>;
  /** One entry per row of the plan (AnnualPlanResult.rows): its inputs, monthly volumes and monthly tokens. */
  readonly lines: readonly { readonly baseline: string; readonly goLive: string; readonly volumes: readonly string[]; readonly tokens: readonly string[] }[];
  readonly initiatives: readonly { readonly tokensPerMonth: string; readonly goLive: string; readonly tokens: readonly string[] }[];
  /** Line 7's free token entry: its tokens a month (input) and the months' tokens. */
  readonly other: { readonly tokensPerMonth: string; readonly tokens: readonly string[] };
  /** The cell naming the lines with a volume that the card does not price (only when the plan has such lines). */
  readonly unpriced?: string;
  /** The year at each rate level (only when the card has ranged rates in use). */
  readonly levels?: Readonly<Record<RateLevel, { readonly consumption: readonly string[]; readonly tokens: string; readonly cost: string }>>;
  readonly rates: RatesBlock;
}

export interface BudgetSheet {
  readonly model: SheetModel;
  readonly layout: BudgetLayout;
  readonly result: AnnualPlanResult;
}

/** Builds the annual budget sheet of a plan with its layout; throws InvalidPlanError for a plan with problems. */
export function buildBudget(plan: AnnualPlan, options: BudgetSheetOptions = {}): BudgetSheet {
  const card = getCard(plan.card);
  if (card instanceof InputError) throw new InvalidPlanError([{ field: "card", message: card.message }]);
  const problems = planProblems(plan, [card]);
  if (problems.length > 0) throw new InvalidPlanError(problems);
  const res = computeAnnualPlan(plan, card);
  if (res instanceof InputError) throw new InvalidPlanError([{ field: "plan", message: res.message }]);
  const writer = new BudgetSheetWriter(plan, res, options.sheetName ?? BUDGET_SHEET_NAME);
  const model = writer.build();
  return { model, layout: writer.layout(), result: res };
}

/** Builds the annual budget sheet of a plan; throws InvalidPlanError for a plan with problems. */
export function buildBudgetSheet(plan: AnnualPlan, options: BudgetSheetOptions = {}): SheetModel {
  return buildBudget(plan, options).model;
}

/** Where the grid's rows landed: filled in while writing, read by later formulas. */
type GridRows = Record<GridRow, number>;

class BudgetSheetWriter {
  private readonly b: SheetBuilder;
  private readonly tokenFormat: string;
  private readonly money: string;
  private readonly input: Record<string, string> = {};
  private grid!: GridRows;
  private rates!: RatesBlock;
  private volumeRows: readonly number[] = [];
  private tokenRows: { first: number; last: number } = { first: 0, last: -1 };
  private levelRows?: Record<RateLevel, number>;
  private levelCells?: Record<RateLevel, { tokens: string; cost: string }>;
  /** The plan's twelve months as go-live cells name them ("Apr 2026"), month 1 first. */
  private readonly monthNames: readonly string[];
  private otherRow = 0;
  private unpricedCell?: string;

  constructor(
    private readonly plan: AnnualPlan,
    private readonly res: AnnualPlanResult,
    sheetName: string,
  ) {
    this.b = new SheetBuilder(sheetName);
    this.tokenFormat = plan.rounding === "exact" ? FRACTIONAL_TOKENS_FORMAT : TOKENS_FORMAT;
    this.money = currencyFormat(plan.currency);
    this.monthNames = res.months.map((m) => shortMonth(m.month, m.year));
  }

  /** A go-live month of the plan (1 = its first month, 13 = not this year) as its go-live cell shows it. */
  private goLiveText(index: number): string {
    return index > PLAN_MONTHS ? NOT_THIS_YEAR : this.monthNames[Math.max(1, index) - 1];
  }

  /**
   * A go-live cell and the test of whether its line is live in a month, in the section whose month
   * header (the months as text) is on `headerRow`: live from the month whose name the cell holds, so
   * the month is live when that name appears in the header up to it. "Not this year" is never live.
   */
  private goLive(r: number, index: number, headerRow: number): { cell: Cell; live: (c: number) => string } {
    const cell: Cell = { value: this.goLiveText(index), style: "input", align: "center" };
    const at = `$${columnLetters(COL.goLive)}${r + 1}`;
    const first = `$${columnLetters(COL.month0)}$${headerRow + 1}`;
    return { cell, live: (c: number) => `ISNUMBER(MATCH(${at},${first}:${columnLetters(c)}$${headerRow + 1},0))` };
  }

  /** The go-live cells' list: the plan's twelve months, then "Not this year". */
  private goLiveValidation(range: string): void {
    this.b.validate({
      range,
      type: "list",
      values: [...this.monthNames, NOT_THIS_YEAR],
      prompt: `The month it goes live, ${this.monthNames[0]} to ${this.monthNames[PLAN_MONTHS - 1]}, or ${NOT_THIS_YEAR}.`,
    });
  }

  build(): SheetModel {
    const { b, plan, res } = this;
    b.width(COL.label, 46).width(COL.unit, 14).width(COL.base, 16).width(COL.goLive, 14);
    for (const i of MONTHS) b.width(monthCol(i), 11);
    b.width(COL.year, 13);
    b.tab("#2F75B5");

    const first = res.months[0];
    const last = res.months[PLAN_MONTHS - 1];
    b.put(0, 0, { value: "Annual token budget", style: "title" });
    if (plan.name.trim() !== "") b.put(1, 0, { value: plan.name, style: "subtitle", format: TEXT_FORMAT });
    b.put(2, 0, {
      value:
        `${monthName(first.year, first.month)} to ${monthName(last.year, last.month)} on the ${res.card.card.name} card (${res.card.card.date}). ` +
        "Input cells are styled as inputs; every other figure is a formula. Unused tokens do not carry over: each month's overage stands alone.",
      style: "note",
    });

    let r = this.writeInputs(4);
    const glanceTop = r + 1;
    // The glance block refers to the grid; the grid's rows are known only once the rates block is placed.
    const glanceRows = 10 + (res.ranged ? 6 : 0);
    const ratesTop = glanceTop + 1 + glanceRows + 1;
    this.rates = writeRatesBlock(b, res.card, { row: ratesTop, col: 0, licenceRef: this.input.licence, licence: plan.licence });
    r = this.writeGrid(this.rates.nextRow);
    const volumes = this.writeVolumes(r + 1);
    this.volumeRows = volumes.rows;
    this.writeUnpriced(3, volumes.rows);
    const tokens = this.writeTokens(volumes.next + 1, volumes.rows);
    this.tokenRows = tokens;
    this.writeTotals(tokens);
    const ranges = res.ranged ? this.writeRanges(tokens.next + 1, volumes.rows) : undefined;
    this.levelCells = ranges;
    this.writeGlance(glanceTop, ranges);

    b.chart({
      type: "columnLine",
      title: "Monthly consumption against allocation",
      categories: this.monthRange(this.grid.header),
      series: [
        { name: "Forecast consumption", values: this.monthRange(this.grid.consumption) },
        { name: "Allocation", values: this.monthRange(this.grid.allocation) },
        { name: "Top-ups bought", values: this.monthRange(this.grid.topUp) },
        { name: "Budget with buffers", values: this.monthRange(this.grid.budget) },
      ],
      anchor: rangeA1(4, COL.month0, glanceTop + 1 + glanceRows - 4, PLAN_MONTHS),
    });
    b.freezePanes(0, 1);
    // One page wide keeps every month beside its label; column A repeats if a reader prints wider.
    b.printOn({ kind: "Annual token budget", name: plan.name, detail: `${res.card.card.name} card, ${res.card.card.date}`, pagesTall: 3, titleColumns: "A:A" });
    return b.build();
  }

  /** The plan's inputs, label in A and value in C. Returns the next free row. */
  private writeInputs(top: number): number {
    const { b, plan } = this;
    b.put(top, 0, { value: "Plan inputs", style: "heading" });
    let r = top + 1;
    const row = (key: string, label: string, cell: Cell, note?: string): string => {
      b.put(r, COL.label, { value: label, style: "label", ...(note ? { note } : {}) });
      b.put(r, COL.base, cell);
      const ref = absA1(r, COL.base);
      this.input[key] = ref;
      r++;
      return ref;
    };
    const licence = row(
      "licence",
      "Licence model",
      { value: plan.licence, style: "input" },
      "named or concurrent: picks the card's allocation and licence-dependent rates.",
    );
    b.validate({ range: licence.replace(/\$/g, ""), type: "list", values: LICENCE_MODELS });
    const users = row("users", "Licensed users in the first month", { value: plan.users, style: "input", format: USERS_FORMAT });
    b.validate({ range: users.replace(/\$/g, ""), type: "decimal", min: 0 });
    const kind = row(
      "growthKind",
      "User growth",
      { value: GROWTH_TEXT[plan.growth.kind], style: "input" },
      `"${GROWTH_TEXT.users}": the figure is users added each month; "${GROWTH_TEXT.rate}": a monthly growth rate (1% = 0.01); ` +
        `"${GROWTH_TEXT.target}": users in the last month, reached in equal steps. Users are rounded to whole users each month.`,
    );
    b.validate({ range: kind.replace(/\$/g, ""), type: "list", values: GROWTH_KINDS.map((k) => GROWTH_TEXT[k]) });
    row("growthFigure", "Growth figure", {
      value: growthFigure(plan.growth),
      style: "input",
      format: plan.growth.kind === "rate" ? PERCENT_FORMAT : "#,##0.##",
    });
    const follow = row(
      "follow",
      "Copilot and Analytics seats follow the users",
      { value: plan.userFeaturesFollowUsers ? YES : NO, style: "input" },
      `${YES}: seat counts grow in proportion to the licensed users (seats x users this month / users in the first month). ${NO}: seats stay at their baseline.`,
    );
    b.validate({ range: follow.replace(/\$/g, ""), type: "list", values: [YES, NO] });
    const wd = row(
      "workingDays",
      "Working days per month",
      { value: plan.workingDays, style: "input" },
      "Volumes per day become monthly with this many working days.",
    );
    b.validate({ range: wd.replace(/\$/g, ""), type: "decimal", min: 0, max: 31 });
    for (const f of PER_USER_FEATURES) {
      const own = plan.tokensPerUser[f];
      const name = this.res.card.byId.get(f)?.name ?? f;
      const ref = row(
        `own.${f}`,
        `Own tokens per user: ${name}`,
        { value: own ?? null, style: "input" },
        "Blank: the card's rate. A figure here replaces the card's rate at every level.",
      );
      b.validate({ range: ref.replace(/\$/g, ""), type: "decimal", min: 0 });
    }
    // Fixed when the sheet is built (it decides the amounts' formats), like the rates used and the rounding: not an input.
    row("currency", "Currency", { value: plan.currency, style: "note" }, `Chosen when the sheet was built: amounts are in ${CURRENCIES[plan.currency].name}s.`);
    const price = row(
      "price",
      "Price per extra token",
      { value: plan.pricePerToken, style: "input", format: this.money },
      "Your price for a token bought or billed beyond the allocation (the card's prices are in the rates block).",
    );
    b.validate({ range: price.replace(/\$/g, ""), type: "decimal", min: 0 });
    const u = row(
      "bufferU",
      "Buffer for unpredictability",
      { value: plan.buffers.unpredictability, style: "input", format: PERCENT_FORMAT },
      "The notes budget +20% for unpredictability.",
    );
    const g = row(
      "bufferG",
      "Buffer for growth",
      { value: plan.buffers.growth, style: "input", format: PERCENT_FORMAT },
      "The notes budget +10-15% for growth.",
    );
    b.validate({ range: `${u.replace(/\$/g, "")}:${g.replace(/\$/g, "")}`, type: "decimal", min: 0 });
    row("level", "Rates used", { value: LEVEL_TEXT[plan.level], style: "note" }, "Chosen when the sheet was built.");
    row("rounding", "Rounding", { value: ROUNDING_TEXT[plan.rounding], style: "note" }, "Chosen when the sheet was built, as in the calculator.");
    return r;
  }

  /** The header, the per-month inputs and the totals rows. Returns the next free row. */
  private writeGrid(top: number): number {
    const { b, res } = this;
    const grid = {} as GridRows;
    GRID_ROWS.forEach((k, i) => (grid[k] = top + i));
    this.grid = grid;

    this.monthHeader(grid.header, "Month", { base: "", goLive: "" }, false);
    b.put(grid.index, COL.label, { value: "Month of the plan", style: "label", note: "The plan's months counted from 1: user growth steps by them." });
    b.put(grid.multiplier, COL.label, {
      value: "Seasonal multiplier",
      style: "label",
      note: "Multiplies the month's volumes and initiatives (not Copilot or Analytics seats). 1 = an ordinary month.",
    });
    b.put(grid.users, COL.label, { value: "Licensed users", style: "label" });
    b.put(grid.allocation, COL.label, {
      value: "Allocation",
      style: "label",
      note: "The card's allocation for the month's users: per organisation + users x per user.",
    });
    b.put(grid.committed, COL.label, {
      value: "Committed tokens (prepaid)",
      style: "label",
      note: "Tokens prepaid under the contract each month, besides the allocation: overage is only above allocation + committed + top-up. Their price is the contract's, not in the cost below.",
    });
    // Where the committed tokens come from, when not typed on the plan: the contract card's.
    const committedFrom = committedSourceLabel(res.committedFrom, res.card);
    if (committedFrom) b.put(grid.committed, COL.unit, { value: committedFrom, style: "note" });
    b.put(grid.topUp, COL.label, {
      value: "Top-up tokens bought",
      style: "label",
      note: "Bought tokens add to the month's allocation and are paid whether used or not.",
    });
    b.put(grid.consumption, COL.label, { value: "Forecast consumption", style: "label", bold: true });
    b.put(grid.headroom, COL.label, {
      value: "Allocation left (negative: over allocation)",
      style: "label",
      note: "Left-over allocation is lost at the month's end: no carryover.",
    });
    b.put(grid.utilisation, COL.label, { value: "Utilisation", style: "label" });
    b.put(grid.unused, COL.label, {
      value: "Unused allocation",
      style: "label",
      note: "MAX(0, allocation + committed + top-up - consumption): tokens of the month left unused, lost at its end.",
    });
    b.put(grid.unusedShare, COL.label, {
      value: `Unused share (under ${UNUSED_ALLOCATION.goodBelow * 100}% is the notes' good range)`,
      style: "label",
      note: `The notes' key metric: ${UNUSED_ALLOCATION.good} Months at or above it are marked as wasted capacity.`,
    });
    b.put(grid.overage, COL.label, {
      value: "Overage (no carryover)",
      style: "label",
      bold: true,
      note: "MAX(0, consumption - allocation - committed - top-up), month by month: unused tokens never offset another month.",
    });
    b.put(grid.cost, COL.label, { value: "Cost of top-ups and overage", style: "label", bold: true });
    b.put(grid.budget, COL.label, { value: "Budget with buffers", style: "label", note: "Forecast x (1 + unpredictability buffer + growth buffer)." });
    b.put(grid.need, COL.label, {
      value: "Buffered need beyond allocation, committed and top-ups",
      style: "label",
      note: "MAX(0, budget - allocation - committed - top-up): tokens to secure if the buffered budget is consumed.",
    });
    b.put(grid.bufferedCost, COL.label, { value: "Cost with buffers", style: "label", note: "(Top-up + buffered need) x price." });

    const idx = (c: number) => `${columnLetters(c)}$${grid.index + 1}`;
    const ref = (row: number, c: number) => a1(row, c);
    const { users: u0, growthKind: kind, growthFigure: g, price, bufferU, bufferG } = this.input;
    const tf = this.tokenFormat;
    for (const i of MONTHS) {
      const c = monthCol(i);
      const m = res.months[i];
      b.put(grid.index, c, { value: i + 1, style: "label", align: "center" });
      b.put(grid.multiplier, c, { value: m.multiplier, style: "input", format: MULTIPLIER_FORMAT });
      const step = `(${idx(c)}-1)`;
      b.put(grid.users, c, {
        formula:
          `=MAX(0,ROUND(IF(${kind}="${GROWTH_TEXT.rate}",${u0}*(1+${g})^${step},` +
          `IF(${kind}="${GROWTH_TEXT.target}",${u0}+(${g}-${u0})*${step}/${PLAN_MONTHS - 1},${u0}+${g}*${step})),0))`,
        result: m.users,
        format: USERS_FORMAT,
      });
      b.put(grid.allocation, c, {
        formula: `=${allocationFormula(ref(grid.users, c), this.rates)}`,
        result: m.allocation,
        format: TOKENS_FORMAT,
      });
      b.put(grid.committed, c, { value: m.committed, style: "input", format: TOKENS_FORMAT });
      b.put(grid.topUp, c, { value: m.topUp, style: "input", format: TOKENS_FORMAT });
      // Consumption is written by writeTotals once the token rows are placed.
      b.put(grid.headroom, c, { formula: `=${ref(grid.allocation, c)}-${ref(grid.consumption, c)}`, result: m.headroom, format: tf });
      b.put(grid.utilisation, c, {
        formula: `=${utilisationFormula({ total: ref(grid.consumption, c), allocation: ref(grid.allocation, c) })}`,
        result: m.utilisation ?? "n/a",
        format: PERCENT_FORMAT,
        align: "right",
      });
      const available = `(${ref(grid.allocation, c)}+${ref(grid.committed, c)}+${ref(grid.topUp, c)})`;
      b.put(grid.unused, c, { formula: `=MAX(0,${available}-${ref(grid.consumption, c)})`, result: m.unused, format: tf });
      b.put(grid.unusedShare, c, {
        formula: `=IF(${available}>0,${ref(grid.unused, c)}/${available},"n/a")`,
        result: m.unusedShare ?? "n/a",

        format: PERCENT_FORMAT,
        align: "right",
      });
      b.put(grid.overage, c, {
        formula: `=MAX(0,${ref(grid.consumption, c)}-${ref(grid.allocation, c)}-${ref(grid.committed, c)}-${ref(grid.topUp, c)})`,
        result: m.overage,
        style: "output",
        format: tf,
      });
      b.put(grid.cost, c, { formula: `=(${ref(grid.topUp, c)}+${ref(grid.overage, c)})*${price}`, result: m.cost, style: "output", format: this.money });
      b.put(grid.budget, c, {
        formula: `=${ref(grid.consumption, c)}*(1+${bufferU}+${bufferG})`,
        result: m.budget,
        format: TOKENS_FORMAT,
      });
      b.put(grid.need, c, {
        formula: `=MAX(0,${ref(grid.budget, c)}-${ref(grid.allocation, c)}-${ref(grid.committed, c)}-${ref(grid.topUp, c)})`,
        result: m.bufferedNeed,
        format: TOKENS_FORMAT,
      });
      b.put(grid.bufferedCost, c, {
        formula: `=(${ref(grid.topUp, c)}+${ref(grid.need, c)})*${price}`,
        result: m.bufferedCost,
        format: this.money,
      });
    }
    b.validate({ range: this.monthRange(grid.multiplier), type: "decimal", min: 0, prompt: "A multiplier of the month's volumes: 1.5 for a 50% peak." });
    b.validate({ range: this.monthRange(grid.topUp), type: "decimal", min: 0, prompt: "Tokens bought for the month." });
    b.validate({ range: this.monthRange(grid.committed), type: "decimal", min: 0, prompt: "Committed (prepaid) tokens of the month, 0 when none." });
    const yearSum = (row: number, result: number, format: string, style: Cell["style"] = "total") =>
      b.put(row, COL.year, { formula: `=SUM(${this.monthRange(row)})`, result, style, format });
    yearSum(grid.allocation, res.annualAllocation, TOKENS_FORMAT);
    yearSum(grid.committed, res.annualCommitted, TOKENS_FORMAT);
    yearSum(grid.topUp, res.annualTopUp, TOKENS_FORMAT);
    yearSum(grid.overage, res.annualOverageTokens, tf);
    yearSum(grid.cost, res.annualCost, this.money);
    yearSum(grid.budget, res.annualBudgetTokens, TOKENS_FORMAT);
    yearSum(grid.need, res.annualBufferedNeed, TOKENS_FORMAT);
    yearSum(grid.bufferedCost, res.annualBudgetCost, this.money);

    // Months over allocation, and any overage, stand out.
    const cons0 = a1(grid.consumption, COL.month0);
    b.highlight({ range: this.monthRange(grid.consumption), formula: `=${cons0}>${a1(grid.allocation, COL.month0)}`, style: "bad" });
    b.highlight({ range: this.monthRange(grid.overage), formula: `=${a1(grid.overage, COL.month0)}>0`, style: "bad" });
    b.highlight({ range: this.monthRange(grid.headroom), formula: `=${a1(grid.headroom, COL.month0)}<0`, style: "bad" });
    const share0 = a1(grid.unusedShare, COL.month0);
    b.highlight({
      range: this.monthRange(grid.unusedShare),
      formula: `=AND(ISNUMBER(${share0}),${share0}>=${UNUSED_ALLOCATION.goodBelow})`,
      style: "neutral",
    });

    b.define("BudgetMonths", this.monthRange(grid.header), "The plan's twelve months (dates).");
    // MonthlyTokens is the name the usage dashboard's actual-vs-budget table reads (dashboard.ts BUDGET_MONTHLY_NAME).
    b.define("MonthlyTokens", this.monthRange(grid.consumption), "Forecast consumption, month by month: the budgeted tokens to review actuals against.");
    b.define("MonthlyAllocation", this.monthRange(grid.allocation), "Allocation, month by month.");
    b.define("MonthlyBudget", this.monthRange(grid.budget), "Budget with buffers, month by month.");
    return grid.bufferedCost + 1;
  }

  /** Volumes a month: one row per site and feature. */
  private writeVolumes(top: number): { rows: number[]; next: number } {
    const { b, plan, res, grid } = this;
    b.put(top, COL.label, { value: "Volumes a month", style: "heading" });
    this.monthHeader(top, null, { base: "Baseline", goLive: "Go-live month" });
    const rows: number[] = [];
    const { workingDays: wd, follow } = this.input;
    const firstUsers = absA1(grid.users, COL.month0);
    let r = top + 1;
    let k = 0;
    for (const site of planSites(plan)) {
      for (const line of siteLines(plan, site)) {
        const pr = res.rows[k++];
        const f = res.card.byId.get(line.feature);
        const label = site.name ? `${site.name}: ${line.label}` : line.label;
        b.put(r, COL.label, { value: label, style: "label", ...(site.name ? { format: TEXT_FORMAT } : {}) });
        b.put(r, COL.unit, { value: f ? (line.period === "day" ? `${f.units} a day` : f.units) : NOT_ON_CARD, style: "note" });
        b.put(r, COL.base, { value: pr.baseline, style: "input", format: "#,##0.##" });
        const goLive = this.goLive(r, goLiveOf(plan, site, line.feature), top);
        b.put(r, COL.goLive, goLive.cell);
        const base = `$${columnLetters(COL.base)}${r + 1}`;
        for (const i of MONTHS) {
          const c = monthCol(i);
          const L = columnLetters(c);
          const monthly =
            line.period === "users"
              ? `IF(AND(${follow}="${YES}",${firstUsers}>0),${base}*${L}$${grid.users + 1}/${firstUsers},${base})`
              : line.period === "day"
                ? `${base}*${wd}*${L}$${grid.multiplier + 1}`
                : `${base}*${L}$${grid.multiplier + 1}`;
          b.put(r, c, { formula: `=IF(${goLive.live(c)},${monthly},0)`, result: pr.quantities[i], format: "#,##0.##" });
        }
        rows.push(r);
        r++;
      }
    }
    // The card's own features (a contract's): organisation-wide rows after the template's, a volume a month.
    for (const pr of res.rows.slice(k)) {
      const f = res.card.byId.get(pr.feature)!;
      b.put(r, COL.label, { value: pr.line.label, style: "label", note: `A feature of the ${res.card.card.name} card's own.` });
      b.put(r, COL.unit, { value: f.units, style: "note" });
      b.put(r, COL.base, { value: pr.baseline, style: "input", format: "#,##0.##" });
      b.put(r, COL.goLive, { value: pr.goLive, style: "input", format: "0", align: "center" });
      const base = `$${columnLetters(COL.base)}${r + 1}`;
      const live = `$${columnLetters(COL.goLive)}${r + 1}`;
      for (const i of MONTHS) {
        const L = columnLetters(monthCol(i));
        b.put(r, monthCol(i), {
          formula: `=IF(${L}$${grid.index + 1}>=${live},${base}*${L}$${grid.multiplier + 1},0)`,
          result: pr.quantities[i],

          format: "#,##0.##",
        });
      }
      rows.push(r);
      r++;
    }
    if (rows.length > 0) {
      b.validate({
        range: rangeA1(rows[0], COL.base, rows.length, 1),
        type: "decimal",
        min: 0,
        prompt: "Volume in the unit of the line (per working day, per month, or users).",
      });
      this.goLiveValidation(rangeA1(rows[0], COL.goLive, rows.length, 1));
    }
    return { rows, next: r };
  }

  /**
   * Rows the card does not price count 0: said under the title whenever one of them has a baseline,
   * as the calculator says it beside its total.
   */
  private writeUnpriced(row: number, volumeRows: readonly number[]): void {
    const off = this.res.rows.filter((pr) => !pr.onCard);
    // An own tokens-per-user figure for a feature the card does not price is dropped too: say so.
    const ownRates = PER_USER_FEATURES.filter((f) => !this.res.card.byId.has(f)).map((f) => ({
      label: `${CALCULATOR_LINES.find((l) => l.feature === f)!.label} (own rate)`,
      test: `NOT(ISBLANK(${this.input[`own.${f}`]}))`,
      typed: this.plan.tokensPerUser[f] !== undefined,
    }));
    if ((off.length === 0 || volumeRows.length === 0) && ownRates.length === 0) return;
    // One test per feature, whatever the number of sites: a row of the volumes block whose label ends
    // with the line's label, marked "not on this card", with a baseline above 0.
    const first = volumeRows[0];
    const last = volumeRows[volumeRows.length - 1];
    const col = (c: number) => `${absA1(first, c)}:${absA1(last, c)}`;
    const labels = volumeRows.length === 0 ? [] : [...new Set(off.map((pr) => pr.line.label))];
    const has = (label: string) => `COUNTIFS(${col(COL.label)},"*${label.replace(/"/g, '""')}",${col(COL.unit)},"${NOT_ON_CARD}",${col(COL.base)},">0")>0`;
    const tests = [...labels.map((l) => ({ label: l, test: has(l) })), ...ownRates];
    const named = tests.map((t) => `IF(${t.test},"${t.label.replace(/"/g, '""')}; ","")`).join("&");
    const typed = [...labels.filter((l) => off.some((pr) => pr.line.label === l && pr.baseline > 0)), ...ownRates.filter((o) => o.typed).map((o) => o.label)]
      .map((l) => `${l}; `)
      .join("");
    this.b.put(row, COL.label, {
      formula: `=IF(OR(${tests.map((t) => t.test).join(",")}),"${UNPRICED_TEXT} "&${named},"")`,
      result: typed === "" ? "" : `${UNPRICED_TEXT} ${typed}`,
      style: "bad",
    });
    this.unpricedCell = a1(row, COL.label);
  }

  /** Tokens a month: each volume row priced by the rates block and rounded per line; then the initiatives. */
  private writeTokens(top: number, volumeRows: readonly number[]): { first: number; last: number; next: number } {
    const { b, plan, res, grid } = this;
    b.put(top, COL.label, { value: "Tokens a month", style: "heading" });
    this.monthHeader(top, null, { base: "Tokens a month", goLive: "Go-live month" });
    let r = top + 1;
    const first = r;
    res.rows.forEach((pr, k) => {
      const label = pr.site ? `${pr.site}: ${pr.name}` : pr.name;
      b.put(r, COL.label, { value: label, style: "label", ...(pr.site ? { format: TEXT_FORMAT } : {}) });
      b.put(r, COL.unit, { value: "tokens", style: "note" });
      const rate = this.rates.features.get(pr.feature);
      const own = (PER_USER_FEATURES as readonly string[]).includes(pr.feature) ? this.input[`own.${pr.feature as PerUserFeature}`] : undefined;
      for (const i of MONTHS) {
        const c = monthCol(i);
        if (!rate) {
          b.put(r, c, {
            value: 0,
            format: this.tokenFormat,
            note: i === 0 ? `Not on the ${res.card.card.name} card: counts 0.` : undefined,
          });
          continue;
        }
        const f = featureTokensFormula({ quantityRef: a1(volumeRows[k], c), rate, level: plan.level, rounding: plan.rounding, overrideRef: own });
        b.put(r, c, { formula: `=${f}`, result: pr.tokens[i], format: this.tokenFormat });
      }
      b.put(r, COL.year, { formula: `=SUM(${this.monthRange(r)})`, result: pr.annual, style: "total", format: this.tokenFormat });
      r++;
    });
    res.initiatives.forEach((it) => {
      b.put(r, COL.label, {
        value: it.name,
        style: "label",
        format: TEXT_FORMAT,
        note: "A new initiative: its extra tokens a month from its go-live month, times the seasonal multiplier.",
      });
      b.put(r, COL.unit, { value: "tokens", style: "note" });
      b.put(r, COL.base, { value: it.tokensPerMonth, style: "input", format: this.tokenFormat });
      const goLive = this.goLive(r, it.goLive, top);
      b.put(r, COL.goLive, goLive.cell);
      const base = `$${columnLetters(COL.base)}${r + 1}`;
      for (const i of MONTHS) {
        const L = columnLetters(monthCol(i));
        const f = roundingFormula(`${base}*${L}$${grid.multiplier + 1}`, plan.rounding);
        b.put(r, monthCol(i), { formula: `=IF(${goLive.live(monthCol(i))},${f},0)`, result: it.tokens[i], format: this.tokenFormat });
      }
      b.put(r, COL.year, { formula: `=SUM(${this.monthRange(r)})`, result: it.annual, style: "total", format: this.tokenFormat });
      r++;
    });
    if (res.initiatives.length > 0) {
      const firstInit = r - res.initiatives.length;
      b.validate({ range: rangeA1(firstInit, COL.base, res.initiatives.length, 1), type: "decimal", min: 0 });
      this.goLiveValidation(rangeA1(firstInit, COL.goLive, res.initiatives.length, 1));
    }
    // Line 7's free token entry: the analyst's own figure of tokens a month, times the seasonal multiplier.
    b.put(r, COL.label, {
      value: OTHER_TOKENS_LABEL,
      style: "label",
      note: "The notes' line 7: tokens a month of features without a line of their own (AI Summary, a new meter). Your own figure.",
    });
    b.put(r, COL.unit, { value: "your own figure", style: "note" });
    b.put(r, COL.base, { value: res.other.tokensPerMonth, style: "input", format: this.tokenFormat });
    b.validate({ range: a1(r, COL.base), type: "decimal", min: 0, prompt: "Tokens a month of other features: your own figure." });
    const otherBase = absA1(r, COL.base);
    for (const i of MONTHS) {
      const L = columnLetters(monthCol(i));
      b.put(r, monthCol(i), {
        formula: `=${roundingFormula(`${otherBase}*${L}$${grid.multiplier + 1}`, plan.rounding)}`,
        result: res.other.tokens[i],

        format: this.tokenFormat,
      });
    }
    b.put(r, COL.year, { formula: `=SUM(${this.monthRange(r)})`, result: res.other.annual, style: "total", format: this.tokenFormat });
    this.otherRow = r;
    r++;
    return { first, last: r - 1, next: r };
  }

  /** Forecast consumption: the sum of the token rows, month by month. */
  private writeTotals(tokens: { first: number; last: number }): void {
    const { b, res, grid } = this;
    const any = tokens.last >= tokens.first;
    for (const i of MONTHS) {
      const c = monthCol(i);
      b.put(grid.consumption, c, {
        formula: any ? `=SUM(${rangeA1(tokens.first, c, tokens.last - tokens.first + 1, 1)})` : "=0",
        result: res.months[i].consumption,
        style: "output",
        format: this.tokenFormat,
      });
    }
    b.put(grid.consumption, COL.year, {
      formula: `=SUM(${this.monthRange(grid.consumption)})`,
      result: res.annualTokens,
      style: "total",
      format: this.tokenFormat,
    });
  }

  /**
   * The year at the low, expected and high ends of the card's ranged rates. The ranged lines are
   * priced at each level in three blocks; a level's consumption is the forecast with the ranged
   * lines at the plan's level swapped for the same lines at that level.
   */
  private writeRanges(top: number, volumeRows: readonly number[]): Record<RateLevel, { tokens: string; cost: string }> {
    const { b, plan, res, grid } = this;
    const levels: RateLevel[] = ["low", "mid", "high"];
    const ranged = res.rows.map((row, k) => ({ row, k })).filter((x) => x.row.ranged);
    const names = [...new Set(ranged.map((x) => x.row.name))].join(", ");
    b.put(top, COL.label, { value: `Rate ranges (${names}): the year at low, expected and high rates`, style: "heading" });
    this.monthHeader(top, null, { base: "", goLive: "" });
    const sumRows = { consumption: top + 1, overage: top + 4, cost: top + 7 };
    this.levelRows = { low: sumRows.consumption, mid: sumRows.consumption + 1, high: sumRows.consumption + 2 };
    const blockTop = top + 11;
    const block = (level: RateLevel) => blockTop + 1 + levels.indexOf(level) * ranged.length;
    const out = {} as Record<RateLevel, { tokens: string; cost: string }>;
    const price = this.input.price;

    b.put(blockTop, COL.label, { value: "Ranged lines at each level", style: "heading" });
    levels.forEach((level) => {
      ranged.forEach(({ row, k }, j) => {
        const r = block(level) + j;
        const label = `${row.site ? `${row.site}: ` : ""}${row.name}, ${LEVEL_TEXT[level]} rate`;
        b.put(r, COL.label, { value: label, style: "label", ...(row.site ? { format: TEXT_FORMAT } : {}) });
        b.put(r, COL.unit, { value: "tokens", style: "note" });
        const rate = this.rates.features.get(row.feature)!;
        const own = (PER_USER_FEATURES as readonly string[]).includes(row.feature) ? this.input[`own.${row.feature as PerUserFeature}`] : undefined;
        for (const i of MONTHS) {
          const f = featureTokensFormula({ quantityRef: a1(volumeRows[k], monthCol(i)), rate, level, rounding: plan.rounding, overrideRef: own });
          b.put(r, monthCol(i), { formula: `=${f}`, result: row.tokensAt[level][i], format: this.tokenFormat });
        }
      });
    });

    levels.forEach((level, n) => {
      const t = res.levels[level];
      const rc = sumRows.consumption + n;
      const ro = sumRows.overage + n;
      const rk = sumRows.cost + n;
      b.put(rc, COL.label, { value: `Consumption at ${LEVEL_TEXT[level]} rates`, style: "label" });
      b.put(ro, COL.label, { value: `Overage at ${LEVEL_TEXT[level]} rates`, style: "label" });
      b.put(rk, COL.label, { value: `Cost at ${LEVEL_TEXT[level]} rates`, style: "label" });
      for (const i of MONTHS) {
        const c = monthCol(i);
        const col = (lv: RateLevel) => rangeA1(block(lv), c, ranged.length, 1);
        const formula = level === plan.level ? `=${a1(grid.consumption, c)}` : `=${a1(grid.consumption, c)}-SUM(${col(plan.level)})+SUM(${col(level)})`;
        b.put(rc, c, { formula, result: t.consumption[i], format: this.tokenFormat });
        b.put(ro, c, {
          formula: `=MAX(0,${a1(rc, c)}-${a1(grid.allocation, c)}-${a1(grid.committed, c)}-${a1(grid.topUp, c)})`,
          result: t.overage[i],
          format: this.tokenFormat,
        });
        b.put(rk, c, { formula: `=(${a1(grid.topUp, c)}+${a1(ro, c)})*${price}`, result: t.cost[i], format: this.money });
      }
      b.put(rc, COL.year, { formula: `=SUM(${this.monthRange(rc)})`, result: t.tokens, style: "total", format: this.tokenFormat });
      b.put(ro, COL.year, { formula: `=SUM(${this.monthRange(ro)})`, result: t.overageTokens, style: "total", format: this.tokenFormat });
      b.put(rk, COL.year, { formula: `=SUM(${this.monthRange(rk)})`, result: t.costTotal, style: "total", format: this.money });
      out[level] = { tokens: absA1(rc, COL.year), cost: absA1(rk, COL.year) };
    });
    return out;
  }

  /** The year at a glance: the named results, in A:C beside the chart. */
  private writeGlance(top: number, ranges?: Record<RateLevel, { tokens: string; cost: string }>): void {
    const { b, res, grid } = this;
    b.put(top, COL.label, { value: "The year at a glance", style: "heading" });
    let r = top + 1;
    const year = (row: number) => absA1(row, COL.year);
    const months = (row: number) => `${absA1(row, COL.month0)}:${absA1(row, COL.month0 + PLAN_MONTHS - 1)}`;
    const put = (name: string, label: string, formula: string, result: number, format: string, style: Cell["style"] = "output", comment?: string) => {
      b.put(r, COL.label, { value: label, style: "label", bold: style === "total" });
      b.put(r, COL.base, { formula: `=${formula}`, result, style, format });
      b.define(name, a1(r, COL.base), comment);
      r++;
    };
    const tf = this.tokenFormat;
    put("AnnualTokens", "Forecast consumption, year", year(grid.consumption), res.annualTokens, tf, "total", "The year's forecast consumption in tokens.");
    put("AnnualAllocation", "Allocation, year", year(grid.allocation), res.annualAllocation, TOKENS_FORMAT);
    put("AnnualTopUpTokens", "Top-up tokens bought, year", year(grid.topUp), res.annualTopUp, TOKENS_FORMAT);
    put(
      "AnnualOverageTokens",
      "Overage tokens, year (month by month)",
      year(grid.overage),
      res.annualOverageTokens,
      tf,
      "total",
      "The sum of the monthly overages: unused tokens never offset another month.",
    );
    put(
      "AnnualCost",
      "Cost of top-ups and overage, year",
      year(grid.cost),
      res.annualCost,
      this.money,
      "total",
      "Top-ups bought and overage billed, at the price per token.",
    );
    put("AnnualBudgetTokens", "Budget with buffers, year", year(grid.budget), res.annualBudgetTokens, TOKENS_FORMAT);
    put("AnnualBudgetCost", "Cost with buffers, year", year(grid.bufferedCost), res.annualBudgetCost, this.money);
    const peak = res.months[res.peakMonth];
    put(
      "PeakMonth",
      "Peak month",
      `INDEX(${months(grid.header)},1,MATCH(MAX(${months(grid.consumption)}),${months(grid.consumption)},0))`,
      excelMonthSerial(peak.year, peak.month),
      MONTH_FORMAT,
    );
    put("PeakTokens", "Peak month's consumption", `MAX(${months(grid.consumption)})`, res.peakTokens, tf);
    put("MonthsOverAllocation", "Months over allocation", `COUNTIF(${months(grid.headroom)},"<0")`, res.monthsOverAllocation, "0");
    if (ranges) {
      const lv = res.levels;
      put("AnnualTokensLow", "Consumption at low rates, year", ranges.low.tokens, lv.low.tokens, tf, "output");
      put("AnnualTokensExpected", "Consumption at expected rates, year", ranges.mid.tokens, lv.mid.tokens, tf, "output");
      put("AnnualTokensHigh", "Consumption at high rates, year", ranges.high.tokens, lv.high.tokens, tf, "output");
      put("AnnualCostLow", "Cost at low rates, year", ranges.low.cost, lv.low.costTotal, this.money, "output");
      put("AnnualCostExpected", "Cost at expected rates, year", ranges.mid.cost, lv.mid.costTotal, this.money, "output");
      put("AnnualCostHigh", "Cost at high rates, year", ranges.high.cost, lv.high.costTotal, this.money, "output");
    }
  }

  /**
   * A header row of the twelve months, with optional labels over the label, baseline and go-live
   * columns: dates shown as month and year on the grid (the chart's categories, BudgetMonths), the
   * months as text ("Apr 2026") over the tables below, where go-live cells are matched against them.
   */
  private monthHeader(row: number, label: string | null, over: { base: string; goLive: string }, asText = true): void {
    const { b, res } = this;
    if (label !== null) b.put(row, COL.label, { value: label, style: "heading" });
    if (over.base) b.put(row, COL.base, { value: over.base, style: "heading", wrap: true });
    if (over.goLive) b.put(row, COL.goLive, { value: over.goLive, style: "heading", wrap: true });
    for (const i of MONTHS) {
      const m = res.months[i];
      b.put(
        row,
        monthCol(i),
        asText
          ? { value: this.monthNames[i], style: "heading", align: "right" }
          : { value: excelMonthSerial(m.year, m.month), style: "heading", format: MONTH_FORMAT, align: "right" },
      );
    }
    b.put(row, COL.year, { value: "Year", style: "heading", align: "right" });
  }

  layout(): BudgetLayout {
    const { grid, res } = this;
    const monthsOf = (row: number) => MONTHS.map((i) => a1(row, monthCol(i)));
    const plain = (ref: string) => ref.replace(/\$/g, "");
    const months = Object.fromEntries(GRID_ROWS.map((k) => [k, monthsOf(grid[k])])) as Record<GridRow, string[]>;
    const withYear: GridRow[] = ["allocation", "committed", "topUp", "consumption", "overage", "cost", "budget", "need", "bufferedCost"];
    const year = Object.fromEntries(withYear.map((k) => [k, a1(grid[k], COL.year)]));
    const inputs = Object.fromEntries(Object.entries(this.input).map(([k, v]) => [k, plain(v)]));
    const lines = res.rows.map((_, k) => ({
      baseline: a1(this.volumeRows[k], COL.base),
      goLive: a1(this.volumeRows[k], COL.goLive),
      volumes: monthsOf(this.volumeRows[k]),
      tokens: monthsOf(this.tokenRows.first + k),
    }));
    const initiatives = res.initiatives.map((_, j) => {
      const row = this.tokenRows.first + res.rows.length + j;
      return { tokensPerMonth: a1(row, COL.base), goLive: a1(row, COL.goLive), tokens: monthsOf(row) };
    });
    const levelRows = this.levelRows;
    const cells = this.levelCells;
    const level = (l: RateLevel) => ({ consumption: monthsOf(levelRows![l]), tokens: plain(cells![l].tokens), cost: plain(cells![l].cost) });
    const levels = levelRows && cells ? { low: level("low"), mid: level("mid"), high: level("high") } : undefined;
    const other = { tokensPerMonth: a1(this.otherRow, COL.base), tokens: monthsOf(this.otherRow) };
    return {
      months,
      year,
      inputs,
      lines,
      initiatives,
      other,
      ...(this.unpricedCell ? { unpriced: this.unpricedCell } : {}),
      ...(levels ? { levels } : {}),
      rates: this.rates,
    };
  }

  private monthRange(row: number): string {
    return rangeA1(row, COL.month0, 1, PLAN_MONTHS);
  }
}

const monthName = (year: number, month: number): string => monthLabel(monthKey(year, month));
