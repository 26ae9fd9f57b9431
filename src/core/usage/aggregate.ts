/**
 * From the rows of an export, whatever its shape, to totals: each row kept or skipped with one reason,
 * then totals by feature (card order, then Other, then All AI features), by month (with the days the
 * export covers) and by week of the month: days 1-7 are week 1, 8-14 week 2, 15-21 week 3, 22-28
 * week 4, 29-31 week 5 (a short week). Pure.
 *
 * A row is checked in this order: not an AI-token row (skipped quietly); bad date; bad quantity;
 * negative quantity; unit not convertible; a period over more than one month. A token row skipped
 * for any of these is a warning: the result's status is then "ok-with-warnings".
 *
 * Units: empty, or anything with "token" in it, means tokens. The feature's own unit (minutes of
 * Voice Bots, sessions of Virtual Agent, users of Copilot...) is converted to tokens at the card's
 * rate, exactly (no rounding). Any other unit (USD, GB...) is skipped.
 */
import { daysInMonth, monthKey, monthLabel } from "../calendar";
import type { CompiledCard } from "../card-registry";
import { featureTokens } from "../consumption";
import { formatTokens } from "../currencies";
import { InputError, type Result } from "../errors";
import type { LicenceModel } from "../ratecard";
import { ALL_FEATURES, OTHER_FEATURE, type FeatureActual, type PlanMonths, type UsageDashboard, type VarianceMonth } from "../usage-dashboard";
import { quoted, showText } from "./csv";
import {
  addDays,
  daysBetween,
  monthSpan,
  pad2,
  parseEndDate,
  parseQuantity,
  parseUsageDate,
  parseUsageMonth,
  type DateOrder,
  type DecimalSeparator,
} from "./numbers";
import { featureIndex, isTokenUnit, resolveFeature, unitOf, type FeatureIndex, type Resolution } from "./shapes";
import {
  QUIET_SKIPS,
  SKIP_REASONS,
  type FeatureTotal,
  type MonthTotal,
  type SkipGroup,
  type SkippedTokenRow,
  type SkipReason,
  type UsageImport,
  type UsageRow,
  type WeekTotal,
} from "./types";

/** Line numbers listed per skip reason, and token rows listed one by one (the counts are always complete). */
export const SKIP_LINES_SHOWN = 20;
/** Days of a week of the month; the fifth week holds what is left (29-31). */
const WEEK_DAYS = 7;
export const WEEKS_OF_MONTH = 5;
const CACHE_MAX = 10_000;

/** One row of an export, as text, whatever the shape it came from. */
export interface RawRow {
  /** The line (CSV) or the usage's place (JSON), 1-based. */
  readonly line: number;
  /** The day, or the first day of the period the row covers; undefined when the export has no date for it. */
  readonly dateText?: string;
  /** The last day of the period the row covers. */
  readonly endText?: string;
  /** A month ("2026-03", "March 2026") when the export names a month rather than a day (a period column). */
  readonly monthText?: string;
  /** The feature text first, then texts that may name the feature (part number, grouping...). */
  readonly texts: readonly string[];
  readonly quantityText: string;
  readonly unitText: string;
  /** The mapping's verdict: a token row or not; undefined when the names decide. */
  readonly token?: boolean;
  /** The export has no feature: a token row counts towards All AI features. */
  readonly allFeatures?: boolean;
}

export interface AccumulatorSettings {
  readonly card: CompiledCard;
  readonly licence: LicenceModel;
  readonly dateOrder: DateOrder;
  readonly decimal: DecimalSeparator;
  /** YYYY-MM of rows without a date or month. */
  readonly month?: string;
}

interface MonthAcc {
  tokens: number;
  rows: number;
  byFeature: Map<string, { tokens: number; rows: number }>;
  weeks: number[];
  weeksKnown: boolean;
  first: string;
  last: string;
  committed?: number;
}

interface SkipAcc {
  count: number;
  lines: number[];
  example: string;
}

/** Adds rows one by one; `result` makes the import. */
export class UsageAccumulator {
  private readonly idx: FeatureIndex;
  private readonly rows: UsageRow[] = [];
  private readonly skips = new Map<SkipReason, SkipAcc>();
  private readonly tokenSkips: SkippedTokenRow[] = [];
  private readonly byFeature = new Map<string, { tokens: number; rows: number }>();
  private readonly months = new Map<string, MonthAcc>();
  /** Per month, the first and last date of any row (coverage). */
  private readonly covered = new Map<string, { from: string; to: string }>();
  private readonly unitKinds = new Map<string, Set<string>>();
  private readonly dates = new Map<string, string | undefined>();
  private readonly tokenUnits = new Map<string, boolean>();
  private readonly resolutions = new Map<string, Resolution>();
  private reportFrom: string | undefined;
  private reportTo: string | undefined;
  private total = 0;
  rowsRead = 0;
  readonly warnings: string[] = [];

  constructor(private readonly s: AccumulatorSettings) {
    this.idx = featureIndex(s.card);
  }

  private readDate(cell: string): string | undefined {
    if (this.dates.has(cell)) return this.dates.get(cell);
    const d = parseUsageDate(cell, this.s.dateOrder);
    if (this.dates.size < CACHE_MAX && cell.length <= 64) this.dates.set(cell, d);
    return d;
  }

  private isTokens(unit: string): boolean {
    let t = this.tokenUnits.get(unit);
    if (t === undefined) {
      t = isTokenUnit(unit);
      if (this.tokenUnits.size < CACHE_MAX && unit.length <= 64) this.tokenUnits.set(unit, t);
    }
    return t;
  }

  private skip(reason: SkipReason, line: number, example: string, resource = ""): void {
    let s = this.skips.get(reason);
    if (!s) this.skips.set(reason, (s = { count: 0, lines: [], example: showText(example) }));
    s.count++;
    if (s.lines.length < SKIP_LINES_SHOWN) s.lines.push(line);
    if (!QUIET_SKIPS.includes(reason) && this.tokenSkips.length < SKIP_LINES_SHOWN) {
      this.tokenSkips.push({ line, reason, label: SKIP_REASONS[reason], resource: showText(resource), text: showText(example) });
    }
  }

  /** Whether a row is an AI-token row (by the mapping or the names). */
  isTokenRow(raw: RawRow): boolean {
    const unit = raw.unitText.trim();
    return this.resolve(raw, unit !== "" && this.isTokens(unit)).ai;
  }

  /** Marks the days from..to (one month or more) as covered by the export. */
  private cover(from: string, to: string): void {
    if (this.reportFrom === undefined || from < this.reportFrom) this.reportFrom = from;
    if (this.reportTo === undefined || to > this.reportTo) this.reportTo = to;
    if (from === to) {
      // One day, the common case: no calendar arithmetic.
      const month = from.slice(0, 7);
      const c = this.covered.get(month);
      if (!c) this.covered.set(month, { from, to });
      else if (from < c.from) c.from = from;
      else if (to > c.to) c.to = to;
      return;
    }
    let day = from;
    for (;;) {
      const month = day.slice(0, 7);
      const last = monthSpan(month).to;
      const until = to < last ? to : last;
      const c = this.covered.get(month);
      if (!c) this.covered.set(month, { from: day, to: until });
      else {
        if (day < c.from) c.from = day;
        if (until > c.to) c.to = until;
      }
      if (until >= to) return;
      day = addDays(last, 1);
    }
  }

  /** A line with nothing in it. */
  empty(line: number): void {
    this.rowsRead++;
    this.skip("empty", line, "");
  }

  /** The days a row covers: [from, to], or "bad" when it has a date that cannot be read, or undefined when it has none. */
  private span(raw: RawRow): { from: string; to: string; day: boolean } | "bad" | undefined {
    if (raw.dateText !== undefined) {
      const from = this.readDate(raw.dateText);
      if (!from) return "bad";
      const end = raw.endText !== undefined && raw.endText.trim() !== "" ? parseEndDate(raw.endText, this.s.dateOrder) : undefined;
      const to = end !== undefined && end > from ? end : from;
      return { from, to, day: to === from };
    }
    if (raw.monthText !== undefined) {
      const month = parseUsageMonth(raw.monthText, this.s.dateOrder);
      if (!month) return "bad";
      return { ...monthSpan(month), day: false };
    }
    return this.s.month ? { ...monthSpan(this.s.month), day: false } : undefined;
  }

  private resolve(raw: RawRow, tokenUnit: boolean): Resolution {
    if (raw.token === false) return { ai: false, feature: "" };
    if (raw.allFeatures) return { ai: true, feature: ALL_FEATURES.id };
    const key = raw.texts.join("\u0001") + (tokenUnit ? "\u0002t" : "");
    let res = key.length <= 400 ? this.resolutions.get(key) : undefined;
    if (!res) {
      res = resolveFeature(this.idx, raw.texts, tokenUnit);
      if (key.length <= 400 && this.resolutions.size < CACHE_MAX) this.resolutions.set(key, res);
    }
    if (!res.ai && raw.token === true) return { ai: true, feature: (raw.texts[0] ?? "").trim() === "" ? ALL_FEATURES.id : OTHER_FEATURE.id };
    return res;
  }

  add(raw: RawRow): void {
    this.rowsRead++;
    const featureText = raw.texts[0] ?? "";
    const unitText = raw.unitText.trim();
    const span = this.span(raw);
    if (span !== undefined && span !== "bad") this.cover(span.from, span.to);

    const tokenUnit = unitText !== "" && this.isTokens(unitText);
    const res = this.resolve(raw, tokenUnit);
    if (!res.ai) return this.skip("not-ai-tokens", raw.line, featureText);
    if (span === undefined || span === "bad") {
      const text = raw.dateText ?? raw.monthText ?? "";
      return this.skip("bad-date", raw.line, span === undefined ? "(no date: give the month)" : text, featureText);
    }
    const quantity = parseQuantity(raw.quantityText, this.s.decimal);
    if (Number.isNaN(quantity)) return this.skip("bad-quantity", raw.line, raw.quantityText, featureText);
    if (quantity < 0) return this.skip("negative", raw.line, raw.quantityText, featureText);
    const unit = unitText || res.unit || "";
    let tokens: number;
    let unitName: string;
    if (unit === "" || this.isTokens(unit)) {
      tokens = quantity;
      unitName = "tokens";
    } else {
      const f = this.idx.card.byId.get(res.feature);
      if (!f || !unitOf(f, unit)) return this.skip("unit", raw.line, unit, featureText);
      tokens = featureTokens(f, quantity, { rounding: "exact", licence: this.s.licence, level: "mid" }) as number;
      unitName = f.units;
    }
    const month = span.from.slice(0, 7);
    if (span.to.slice(0, 7) !== month) return this.skip("period", raw.line, `${span.from} to ${span.to}`, featureText);

    let kinds = this.unitKinds.get(res.feature);
    if (!kinds) this.unitKinds.set(res.feature, (kinds = new Set()));
    kinds.add(unitName);
    const resource = showText(featureText, 80);
    this.rows.push(
      span.day
        ? { line: raw.line, date: span.from, feature: res.feature, quantity, unit: unitName, tokens, resource }
        : { line: raw.line, date: span.from, end: span.to, feature: res.feature, quantity, unit: unitName, tokens, resource },
    );
    this.total += tokens;
    let ft = this.byFeature.get(res.feature);
    if (!ft) this.byFeature.set(res.feature, (ft = { tokens: 0, rows: 0 }));
    ft.tokens += tokens;
    ft.rows++;
    const m = this.monthAcc(month, span.from, span.to);
    m.tokens += tokens;
    m.rows++;
    let mf = m.byFeature.get(res.feature);
    if (!mf) m.byFeature.set(res.feature, (mf = { tokens: 0, rows: 0 }));
    mf.tokens += tokens;
    mf.rows++;
    if (span.day) m.weeks[Math.min(WEEKS_OF_MONTH - 1, Math.floor((Number(span.from.slice(8, 10)) - 1) / WEEK_DAYS))] += tokens;
    else m.weeksKnown = false;
  }

  private monthAcc(month: string, from: string, to: string): MonthAcc {
    let m = this.months.get(month);
    if (!m)
      this.months.set(
        month,
        (m = { tokens: 0, rows: 0, byFeature: new Map(), weeks: new Array<number>(WEEKS_OF_MONTH).fill(0), weeksKnown: true, first: from, last: to }),
      );
    if (from < m.first) m.first = from;
    if (to > m.last) m.last = to;
    return m;
  }

  /** Committed (prepaid) tokens of a period (one month), from the export. */
  commit(from: string, to: string, tokens: number): void {
    const month = from.slice(0, 7);
    if (to.slice(0, 7) !== month) {
      this.warnings.push(`Committed tokens (${tokens.toLocaleString("en-US")}) are given for ${from} to ${to}, more than one month: they were not taken.`);
      return;
    }
    this.cover(from, to);
    const m = this.monthAcc(month, from, to);
    m.committed = (m.committed ?? 0) + tokens;
  }

  /** The import, with the reader's own fields. */
  result(meta: Omit<UsageImport, "status" | "card" | "dateOrder" | "decimal" | AccumulatedField>): Result<UsageImport> {
    // Tokens are never negative, so a finite total means every row, month, week and feature total is finite.
    if (!Number.isFinite(this.total))
      return new InputError("value", "The token quantities add up to more than can be computed (a quantity such as 1e308?): check the quantity column.");
    const card = this.s.card;
    const order = [...card.card.features.map((f) => f.id), OTHER_FEATURE.id, ALL_FEATURES.id];
    const nameOf = (id: string) =>
      id === OTHER_FEATURE.id ? OTHER_FEATURE.name : id === ALL_FEATURES.id ? ALL_FEATURES.name : (card.byId.get(id)?.name ?? id);
    // A total naming no feature is "All AI features" only where nothing else has a feature; beside
    // features it is AI tokens of no one feature ("other"), never a second total.
    const folded = (m: Map<string, { tokens: number; rows: number }>): Map<string, { tokens: number; rows: number }> => {
      const all = m.get(ALL_FEATURES.id);
      if (!all || m.size === 1) return m;
      const out = new Map(m);
      out.delete(ALL_FEATURES.id);
      const other = out.get(OTHER_FEATURE.id);
      out.set(OTHER_FEATURE.id, { tokens: (other?.tokens ?? 0) + all.tokens, rows: (other?.rows ?? 0) + all.rows });
      return out;
    };
    const totals = (given: Map<string, { tokens: number; rows: number }>): FeatureTotal[] => {
      const m = folded(given);
      return order.filter((id) => m.has(id)).map((id) => ({ feature: id, name: nameOf(id), tokens: m.get(id)!.tokens, rows: m.get(id)!.rows }));
    };

    const warnings = [...this.warnings];
    for (const [feature, kinds] of this.unitKinds) {
      if (kinds.size > 1) warnings.push(`${nameOf(feature)} has rows in ${[...kinds].join(" and ")}: check that they do not count the same usage twice.`);
    }
    const monthList: MonthTotal[] = [...this.months.keys()].sort().map((month) => {
      const m = this.months.get(month)!;
      const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
      const c = this.covered.get(month) ?? { from: m.first, to: m.last };
      const daysCovered = daysBetween(c.from, c.to);
      return {
        month,
        label: monthLabel(month),
        tokens: m.tokens,
        rows: m.rows,
        byFeature: totals(m.byFeature),
        weeks: m.weeksKnown ? m.weeks : new Array<number>(WEEKS_OF_MONTH).fill(0),
        weeksKnown: m.weeksKnown,
        firstDate: m.first,
        lastDate: m.last,
        coveredFrom: c.from,
        coveredTo: c.to,
        daysCovered,
        daysInMonth: days,
        partial: daysCovered < days,
        ...(m.committed !== undefined ? { committed: m.committed } : {}),
      };
    });
    const weeks: WeekTotal[] = [];
    for (const m of monthList) {
      if (!m.weeksKnown) continue;
      const last = m.daysInMonth;
      m.weeks.forEach((tokens, w) => {
        const fromDay = w * WEEK_DAYS + 1;
        if (fromDay > last) return;
        const toDay = w === WEEKS_OF_MONTH - 1 ? last : Math.min(last, fromDay + WEEK_DAYS - 1);
        weeks.push({ month: m.month, week: w + 1, from: `${m.month}-${pad2(fromDay)}`, to: `${m.month}-${pad2(toDay)}`, tokens });
      });
    }
    const skipped: SkipGroup[] = (Object.keys(SKIP_REASONS) as SkipReason[])
      .filter((reason) => this.skips.has(reason))
      .map((reason) => {
        const s = this.skips.get(reason)!;
        return { reason, label: SKIP_REASONS[reason], count: s.count, lines: s.lines, example: s.example, tokenRows: !QUIET_SKIPS.includes(reason) };
      });
    const rowsSkipped = skipped.reduce((n, s) => n + s.count, 0);
    const tokenRowsSkipped = skipped.reduce((n, s) => n + (s.tokenRows ? s.count : 0), 0);
    if (tokenRowsSkipped > 0) {
      const shown = this.tokenSkips.map((r) => `line ${r.line}${r.resource ? ` (${r.resource})` : ""}: ${r.label}${r.text ? `, "${r.text}"` : ""}`);
      const more = tokenRowsSkipped - shown.length;
      warnings.unshift(
        `${tokenRowsSkipped.toLocaleString("en-US")} AI-token ${tokenRowsSkipped === 1 ? "row was" : "rows were"} skipped, so the totals miss ${tokenRowsSkipped === 1 ? "it" : "them"}: ${shown.join("; ")}${more > 0 ? `; and ${more.toLocaleString("en-US")} more` : ""}.`,
      );
    }
    const committed = monthList.filter((m) => m.committed !== undefined);
    return {
      ...meta,
      status: warnings.length > 0 ? "ok-with-warnings" : "ok",
      card: card.id,
      dateOrder: this.s.dateOrder,
      decimal: this.s.decimal,
      rowsRead: this.rowsRead,
      rowsUsed: this.rows.length,
      rowsSkipped,
      skipped,
      tokenRowsSkipped,
      skippedTokenRows: this.tokenSkips,
      rows: this.rows,
      byFeature: totals(this.byFeature),
      breakdown: !folded(this.byFeature).has(ALL_FEATURES.id),
      months: monthList,
      weeks,
      period: this.rows.length > 0 ? { from: monthList[0].firstDate, to: monthList[monthList.length - 1].lastDate } : null,
      reportDates: this.reportFrom && this.reportTo ? { from: this.reportFrom, to: this.reportTo } : null,
      total: this.total,
      committedTokens: committed.length > 0 ? committed.reduce((n, m) => n + (m.committed ?? 0), 0) : null,
      warnings,
    };
  }
}

type AccumulatedField =
  | "rowsRead"
  | "rowsUsed"
  | "rowsSkipped"
  | "skipped"
  | "tokenRowsSkipped"
  | "skippedTokenRows"
  | "rows"
  | "byFeature"
  | "breakdown"
  | "months"
  | "weeks"
  | "period"
  | "reportDates"
  | "total"
  | "committedTokens"
  | "warnings";

/** What an import did, in sentences for the analyst. */
export function importSummary(imp: UsageImport): string[] {
  const n = (x: number) => x.toLocaleString("en-US");
  const out = [
    `${n(imp.rowsUsed)} of ${n(imp.rowsRead)} rows used: ${formatTokens(imp.total)} tokens${imp.period ? ` from ${imp.period.from} to ${imp.period.to}` : ""}.`,
  ];
  for (const s of imp.skipped) {
    const more = s.count > s.lines.length ? ", ..." : "";
    out.push(`${n(s.count)} skipped, ${s.label}: line${s.count > 1 ? "s" : ""} ${s.lines.join(", ")}${more}${s.example ? ` (e.g. "${s.example}")` : ""}.`);
  }
  if (!imp.breakdown && imp.rowsUsed > 0)
    out.push("The export gives AI Experience token totals without a feature: they are shown as one line, All AI features.");
  for (const m of imp.months)
    if (m.partial)
      out.push(`${m.label} is partial: the export covers ${n(m.daysCovered)} of its ${n(m.daysInMonth)} days (${m.coveredFrom} to ${m.coveredTo}).`);
  if (imp.committedTokens !== null) out.push(`Committed (prepaid) tokens: ${n(imp.committedTokens)}.`);
  return out.concat(imp.warnings);
}

// ---------------------------------------------------------------------------------------------
// From an import to a dashboard

export interface DashboardFromImportOptions {
  /** The month to show, YYYY-MM (default: the last month of the import). */
  readonly month?: string;
  /**
   * Days of the month elapsed (default: the whole month when the report reaches past it, else the day
   * of the report's last date in the month).
   */
  readonly daysElapsed?: number;
  /** The period label (default "March 2026"). */
  readonly period?: string;
  /** Budgeted tokens by month (YYYY-MM), for the variance table; a month without a budget shows 0. */
  readonly budgets?: Readonly<Record<string, number>>;
  /**
   * The annual plan the budget sheet shows: months of the import inside the plan take its forecast
   * consumption as their budget (and read it from the budget sheet); `budgets` covers the others.
   */
  readonly plan?: PlanMonths;
}

/**
 * A dashboard of one month of an import. Features are the card's features with rows in the month,
 * largest first. Weeks are the weeks of the month (1-7, 8-14, 15-21, 22-28) that have fully
 * elapsed, so the weekly trend compares whole weeks; days 29-31 and a week in progress still count
 * in the consumption. A month whose tokens come by period has no weeks. The variance table lists every
 * month of the import (the last 12).
 */
export function dashboardFromImport(imp: UsageImport, allocation: number, o: DashboardFromImportOptions = {}): Result<UsageDashboard> {
  if (imp.months.length === 0) return new InputError("value", "The import has no AI-token rows, so there is nothing to show.");
  const month = o.month ?? imp.months[imp.months.length - 1].month;
  const m = imp.months.find((x) => x.month === month);
  if (!m) return new InputError("value", `The import has no rows in ${/^\d{4}-\d{2}$/.test(month) ? monthLabel(month) : quoted(month)}.`);
  const daysInPeriod = m.daysInMonth;
  // How far the report reaches (rows of any kind with a date), so days without AI usage still count as elapsed.
  const reach = imp.reportDates && imp.reportDates.to > m.lastDate ? imp.reportDates.to : m.lastDate;
  const lastDay = reach.slice(0, 7) > month ? daysInPeriod : Number(reach.slice(8, 10));
  // Where the data starts in the month: a file of 25-31 March covers 7 days, not 31 (a partial period).
  const start = imp.reportDates && imp.reportDates.from < m.firstDate ? imp.reportDates.from : m.firstDate;
  const firstDay = start.slice(0, 7) < month ? 1 : Number(start.slice(8, 10));
  const daysElapsed = o.daysElapsed ?? lastDay - firstDay + 1;
  // Largest first, as the notes' dashboard lists them (card order on a tie).
  const features: FeatureActual[] = m.byFeature
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.tokens - a.f.tokens || a.i - b.i)
    .map(({ f }) => ({ feature: f.feature, tokens: f.tokens }));
  let consumed = 0;
  for (const f of m.byFeature) consumed += f.tokens;
  // Whole weeks of the month (1-7, ..., 22-28) inside the days covered; none where rows are dated by period.
  const fullWeeks = m.weeksKnown ? Math.min(WEEKS_OF_MONTH - 1, Math.floor(lastDay / WEEK_DAYS)) : 0;
  const firstWeek = Math.floor((firstDay - 1 + WEEK_DAYS - 1) / WEEK_DAYS);
  const planIndex = new Map<string, number>();
  o.plan?.months.forEach((pm, i) => planIndex.set(monthKey(pm.year, pm.month), i));
  const variance: VarianceMonth[] = imp.months.slice(-12).map((x) => {
    const actual = x.month === month ? consumed : x.tokens;
    const k = planIndex.get(x.month);
    return k !== undefined && o.plan
      ? { month: x.label, budgeted: o.plan.months[k].consumption, actual, budgetIndex: k }
      : { month: x.label, budgeted: o.budgets?.[x.month] ?? 0, actual };
  });
  return {
    period: o.period ?? m.label,
    card: imp.card,
    allocation,
    features,
    weekly: firstWeek < fullWeeks ? m.weeks.slice(firstWeek, fullWeeks) : [],
    ...(firstWeek > 0 && firstWeek < fullWeeks ? { firstWeek: firstWeek + 1 } : {}),
    ...(m.committed ? { committed: m.committed } : {}),
    daysElapsed,
    daysInPeriod,
    variance,
  };
}
