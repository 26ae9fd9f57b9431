/**
 * The annual budget: twelve months of consumption forecast against allocation, with user growth,
 * phased go-lives, seasonal peaks, new initiatives, bought top-ups and the notes' budgeting buffers.
 * The budget sheet writes the same computation as native formulas; this module gives the figures
 * those formulas must reproduce (and the cached results the sheet carries).
 *
 * The rules, stated once:
 * - Months: twelve from `startMonth`/`startYear`. Go-live months count months of the plan (1 = the
 *   first month); seasonal multipliers and top-ups are given per calendar month (index 0 = January),
 *   so they stay with December when the start month changes.
 * - Licensed users: `users` in the first month, then grown by `growth`, rounded half up to whole
 *   users every month and never below 0. The allocation follows the users month by month by the
 *   card's rule (per user, or per organisation).
 * - Volumes: the calculator's lines and periods (per working day x working days, per month, users).
 *   A line's monthly quantity is its baseline x the month's seasonal multiplier, 0 before its
 *   go-live month. Per-user lines (Copilot, Analytics) are seats: the seasonal multiplier does not
 *   apply to them; when `userFeaturesFollowUsers` is on, they grow with the licensed users
 *   (baseline x users this month / users in the first month).
 * - Tokens: each line of each month is priced and rounded on its own (per line, as the calculator),
 *   then summed. Initiatives add their tokens a month (x the seasonal multiplier, rounded by the
 *   same rule) from their go-live month.
 * - Committed tokens: prepaid tokens of the contract, a month, besides the free allocation
 *   (`prepayQuantity` of Genesys's subscription overview). Tokens available_m = allocation_m +
 *   committed_m + topUp_m. Their price is the contract's, so they are not in the cost below. A plan
 *   without committed tokens of its own takes its contract card's (committedFrom says which).
 * - No carryover: overage_m = max(0, consumption_m - allocation_m - committed_m - topUp_m), month by month.
 * - Money: cost_m = (topUp_m + overage_m) x price. Bought tokens are paid whether used or not.
 * - Buffers: the forecast above is the baseline; overage and cost are computed on it. The budget
 *   with buffers is a separate figure, forecast_m x (1 + unpredictability + growth), as the notes'
 *   budgetWithBuffers; its "need" is max(0, budget_m - allocation_m - topUp_m), the tokens to secure
 *   beyond allocation and bought top-ups if the buffered budget is consumed, and its cost is
 *   (topUp_m + need_m) x price: the money ceiling to plan for.
 * - Ranges: where the card gives a range (Copilot 40-60, Analytics 30-45) the year is also computed
 *   at the low and high ends and at the expected figure ("mid"); the forecast uses `level`.
 */
import { allocation } from "./allocation";
import { findFeature, type CompiledCard } from "./card-registry";
import { featureTokens } from "./consumption";
import { InputError, type Result } from "./errors";
import { checkInput, type InputField } from "./input-rules";
import { committedTokens, ownFeatures } from "./contract-card";
import {
  CALCULATOR_LINES,
  monthlyQuantity,
  PER_USER_FEATURES,
  volumeRule,
  type CalculatorLine,
  type FieldProblem,
  type PerUserFeature,
  type Profile,
  type VolumeFeature,
  choiceProblems,
  ownFigureProblems,
} from "./estimate";
import { textProblems, tooMany } from "./limits";
import { BUDGET_BUFFERS } from "./planning-rules";
import { RATE_LEVELS, type FeatureRate, type RateLevel } from "./ratecard";
import { halfUp, lineTokens } from "./rounding";

/** Months in a plan. */
export const PLAN_MONTHS = 12;

/**
 * How licensed users grow from the first month (month index i = 0..11):
 * - "users": start + perMonth x i (perMonth may be negative);
 * - "rate": start x (1 + monthly)^i (0.01 = 1% a month);
 * - "target": equal steps from start to `users` in the last month: start + (users - start) x i / 11.
 * Every month's figure is rounded half up to whole users, and never goes below 0.
 */
export type UserGrowth =
  | { readonly kind: "users"; readonly perMonth: number }
  | { readonly kind: "rate"; readonly monthly: number }
  | { readonly kind: "target"; readonly users: number };

export const GROWTH_KINDS = ["users", "rate", "target"] as const;
export type GrowthKind = (typeof GROWTH_KINDS)[number];

export const NO_GROWTH: UserGrowth = { kind: "users", perMonth: 0 };

/** A cost centre or site: its own baseline volumes (only the features it names get rows) and go-live months. */
export interface PlanSite {
  /** The site's name: the analyst's text, always written as text. */
  readonly name: string;
  readonly volumes: Readonly<Partial<Record<VolumeFeature, number>>>;
  /** Month of the plan (1-12) each feature goes live at this site; missing = the plan's go-live, else 1. */
  readonly goLive?: Readonly<Partial<Record<VolumeFeature, number>>>;
}

/** Extra consumption of a new initiative (a deployment, a new channel), in tokens a month from its go-live month. */
export interface Initiative {
  readonly name: string;
  readonly tokensPerMonth: number;
  /** Month of the plan (1-12) it starts; a month after 12 means not this year. */
  readonly goLive: number;
}

export interface BudgetBuffers {
  /** The notes' +20% for unpredictability, as a fraction (0.2). */
  readonly unpredictability: number;
  /** The notes' +10-15% for growth, as a fraction (0.1). */
  readonly growth: number;
}

/**
 * A year's plan: the calculator's profile (its users are the first month's, its volumes the
 * baseline for the whole organisation, used when there are no sites) and what a year adds to it.
 */
export interface AnnualPlan extends Profile {
  /** First month of the plan: 1-12, and its year. */
  readonly startMonth: number;
  readonly startYear: number;
  readonly growth: UserGrowth;
  /** Copilot and Analytics seats grow in proportion to the licensed users. */
  readonly userFeaturesFollowUsers: boolean;
  /** Month of the plan (1-12) each feature goes live; missing = 1 (live from the start). */
  readonly goLive: Readonly<Partial<Record<VolumeFeature, number>>>;
  /** Twelve seasonal multipliers by calendar month, index 0 = January. */
  readonly seasonality: readonly number[];
  readonly initiatives: readonly Initiative[];
  /** Twelve amounts of top-up tokens bought, by calendar month, index 0 = January. */
  readonly topUps: readonly number[];
  /**
   * Committed (prepaid) tokens a month, besides the allocation: one figure for every month, or twelve
   * by calendar month, index 0 = January. None when absent.
   */
  readonly committedTokens?: number | readonly number[];
  readonly buffers: BudgetBuffers;
  /** Sites or cost centres; when given (non-empty) they replace `volumes` as the plan's lines. */
  readonly sites?: readonly PlanSite[];
}

/** The fields a plan shares with the calculator's profile, in the profile's order. */
export const PROFILE_FIELDS = [
  "name",
  "card",
  "licence",
  "users",
  "workingDays",
  "currency",
  "pricePerToken",
  "rounding",
  "level",
  "volumes",
  "tokensPerUser",
  "otherTokens",
  "ownVolumes",
] as const satisfies readonly (keyof Profile)[];

/**
 * The profile alone: of a plan, its first month as the calculator's inputs (no growth, season,
 * top-ups or initiatives); of a profile, a copy.
 */
export function profileOf(p: Profile): Profile {
  const out: Record<string, unknown> = {};
  for (const f of PROFILE_FIELDS) if (p[f] !== undefined) out[f] = p[f];
  return out as unknown as Profile;
}

/** A line of the plan: one of the template's, or a feature of the card's own (a contract's, counted a month). */
export type PlanLine = Omit<CalculatorLine, "feature"> & { readonly feature: string };

/** One consumption line of the plan: a feature at a site (site "" for the whole organisation). */
export interface PlanRow {
  readonly site: string;
  /** A template feature (VolumeFeature), or the id of a feature of the card's own. */
  readonly feature: string;
  readonly line: PlanLine;
  /** True for a feature of the card's own (ownFeatures): its baseline is the plan's ownVolumes. */
  readonly own?: boolean;
  /** The feature's name on the card, or the template's label when the card has no such feature. */
  readonly name: string;
  readonly baseline: number;
  readonly goLive: number;
  /** False when the card has no rate for the feature: the row counts 0 tokens. */
  readonly onCard: boolean;
  /** True when the card gives the feature a range (low and high ends). */
  readonly ranged: boolean;
  /** Monthly quantities in the feature's unit, month by month. */
  readonly quantities: readonly number[];
  /** Tokens month by month at the plan's level. */
  readonly tokens: readonly number[];
  /** Tokens month by month at each level of the rate range. */
  readonly tokensAt: Readonly<Record<RateLevel, readonly number[]>>;
  readonly annual: number;
}

export interface InitiativeRow extends Initiative {
  readonly tokens: readonly number[];
  readonly annual: number;
}

/** Where a plan's committed tokens come from: its own figure (which wins), its contract card's, or none. */
export type CommittedSource = "plan" | "contract" | "none";

/** Line 7's free token entry over the year: the plan's otherTokens a month, x the seasonal multiplier, rounded. */
export interface OtherTokensRow {
  readonly tokensPerMonth: number;
  readonly tokens: readonly number[];
  readonly annual: number;
}

export interface PlanMonth {
  /** 0-based month of the plan. */
  readonly index: number;
  /** Calendar year and month (1-12). */
  readonly year: number;
  readonly month: number;
  readonly multiplier: number;
  readonly users: number;
  readonly allocation: number;
  /** Committed (prepaid) tokens of the month. */
  readonly committed: number;
  readonly topUp: number;
  /** allocation + committed + topUp: what can be consumed before overage. */
  readonly available: number;
  /** The forecast: every line's tokens plus initiatives. */
  readonly consumption: number;
  /** allocation - consumption: negative when the month is over its allocation; what is left is lost. */
  readonly headroom: number;
  /** Consumption over allocation; null when the allocation is 0. */
  readonly utilisation: number | null;
  /** The notes' unused allocation: max(0, available - consumption), lost at the month's end. */
  readonly unused: number;
  /** unused / available; null when nothing is available. Under 20% is the notes' good range (planning-rules UNUSED_ALLOCATION). */
  readonly unusedShare: number | null;
  /** max(0, consumption - allocation - committed - topUp): no carryover. */
  readonly overage: number;
  /** (topUp + overage) x price. */
  readonly cost: number;
  /** consumption x (1 + unpredictability + growth). */
  readonly budget: number;
  /** max(0, budget - allocation - committed - topUp). */
  readonly bufferedNeed: number;
  /** (topUp + bufferedNeed) x price. */
  readonly bufferedCost: number;
}

/** A year's consumption, overage and cost at one level of the rate range. */
export interface LevelTotals {
  readonly consumption: readonly number[];
  readonly overage: readonly number[];
  readonly cost: readonly number[];
  readonly tokens: number;
  readonly overageTokens: number;
  readonly costTotal: number;
}

export interface AnnualPlanResult {
  readonly card: CompiledCard;
  readonly months: readonly PlanMonth[];
  readonly rows: readonly PlanRow[];
  readonly initiatives: readonly InitiativeRow[];
  /** Line 7's free token entry (the analyst's own figure), month by month; 0s when the plan has none. */
  readonly other: OtherTokensRow;
  /** The template's lines with a volume (or an own rate) that the card does not price: they count 0. */
  readonly unpriced: readonly string[];
  /** Where the committed tokens come from: the plan's own figure, the contract card's, or none. */
  readonly committedFrom: CommittedSource;
  /** AnnualTokens: the year's forecast consumption. */
  readonly annualTokens: number;
  readonly annualAllocation: number;
  readonly annualTopUp: number;
  /** Committed (prepaid) tokens of the twelve months. */
  readonly annualCommitted: number;
  /** AnnualOverageTokens: the sum of the monthly overages (never max(0, total - total)). */
  readonly annualOverageTokens: number;
  /** AnnualCost: top-ups and overage, at the price per token. */
  readonly annualCost: number;
  readonly annualBudgetTokens: number;
  readonly annualBufferedNeed: number;
  readonly annualBudgetCost: number;
  /** 0-based month of the highest consumption (the first, on a tie) and that consumption. */
  readonly peakMonth: number;
  readonly peakTokens: number;
  /** Months whose consumption exceeds the allocation (top-ups aside). */
  readonly monthsOverAllocation: number;
  /** True when some row's feature has a range on the card: low / expected / high differ. */
  readonly ranged: boolean;
  readonly levels: Readonly<Record<RateLevel, LevelTotals>>;
}

/** A month's unused allocation and its share of the tokens available. */
function unusedOf(available: number, consumption: number): { unused: number; unusedShare: number | null } {
  const left = available - consumption;
  const unused = left > 0 ? left : 0;
  return { unused, unusedShare: available > 0 ? unused / available : null };
}

/** Calendar year and month (1-12) of a month of the plan. */
/** Committed tokens of a calendar month (1-12) of a plan: its one figure, or that month's of twelve; 0 when none. */
export function committedInMonth(p: Pick<AnnualPlan, "committedTokens">, calendarMonth: number, card?: CompiledCard): number {
  const c = p.committedTokens;
  if (c === undefined) return card ? committedTokens(card) : 0;
  return typeof c === "number" ? c : (c[calendarMonth - 1] ?? 0);
}

export function planMonth(startYear: number, startMonth: number, index: number): { year: number; month: number } {
  const k = startMonth - 1 + index;
  return { year: startYear + Math.floor(k / 12), month: (k % 12) + 1 };
}

/** Licensed users in a month of the plan (0-based), as the budget sheet computes them. */
export function usersInMonth(start: number, growth: UserGrowth, index: number): number {
  const raw =
    growth.kind === "rate"
      ? start * Math.pow(1 + growth.monthly, index)
      : growth.kind === "target"
        ? start + ((growth.users - start) * index) / (PLAN_MONTHS - 1)
        : start + growth.perMonth * index;
  const whole = halfUp(raw);
  return whole > 0 ? whole : 0;
}

/** The figure of a growth: users per month, monthly rate or target users. */
export const growthFigure = (g: UserGrowth): number => (g.kind === "rate" ? g.monthly : g.kind === "target" ? g.users : g.perMonth);

const isWhole = (x: number) => Number.isInteger(x);

/** The plan's sites: the given ones, or the whole organisation as one unnamed site. */
export function planSites(p: AnnualPlan): readonly PlanSite[] {
  return p.sites && p.sites.length > 0 ? p.sites : [{ name: "", volumes: p.volumes, goLive: p.goLive }];
}

/** The calculator lines a site has rows for: every line for the organisation, the named features for a site. */
export function siteLines(p: AnnualPlan, site: PlanSite): readonly CalculatorLine[] {
  if (!(p.sites && p.sites.length > 0)) return CALCULATOR_LINES;
  return CALCULATOR_LINES.filter((l) => site.volumes[l.feature] !== undefined);
}

/** A site's go-live month of a feature: its own, else the plan's, else 1. */
export const goLiveOf = (p: AnnualPlan, site: PlanSite, f: VolumeFeature): number => site.goLive?.[f] ?? p.goLive[f] ?? 1;

/** Every problem of a plan, each naming its field ("users", "sites.3.volumes.copilot", "topUps.11"). */
export function planProblems(p: AnnualPlan, cards: readonly CompiledCard[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, e: InputError | undefined) => e && out.push({ field, message: e.message });
  const whole = (field: string, x: number, what: string, min: number, max = Infinity) => {
    if (!Number.isFinite(x) || !isWhole(x) || x < min || x > max) {
      out.push({ field, message: `${what} must be a whole number${max < Infinity ? ` from ${min} to ${max}` : ` of at least ${min}`}.` });
    }
  };
  // Structural limits first: a plan past them is refused before any of its rows is looked at.
  const sites = tooMany(p.sites?.length ?? 0, "sites");
  const initiatives = tooMany(p.initiatives.length, "initiatives");
  if (sites || initiatives)
    return [...(sites ? [{ field: "sites", message: sites }] : []), ...(initiatives ? [{ field: "initiatives", message: initiatives }] : [])];
  out.push(...textProblems("name", p.name, "The plan name"));
  out.push(...choiceProblems(p, cards));
  whole("startMonth", p.startMonth, "The start month", 1, 12);
  // Excel's dates run to 9999 (and are off by a day before March 1900): the plan's months must fit.
  whole("startYear", p.startYear, "The start year", 1901, 9998);
  add("users", checkInput("users", p.users, "The number of users"));
  const g = p.growth as UserGrowth | undefined;
  if (!g || !GROWTH_KINDS.includes(g.kind)) out.push({ field: "growth.kind", message: `Growth must be one of ${GROWTH_KINDS.join(", ")}.` });
  else if (g.kind === "users" && !Number.isFinite(g.perMonth)) out.push({ field: "growth.perMonth", message: "Users added a month must be a finite number." });
  else if (g.kind === "rate") add("growth.monthly", checkInput("growthRate", g.monthly, "The monthly growth rate"));
  else if (g.kind === "target") add("growth.users", checkInput("users", g.users, "The target number of users"));
  add("workingDays", checkInput("workingDays", p.workingDays, "Working days per month"));
  add("pricePerToken", checkInput("pricePerToken", p.pricePerToken, "The price per token"));
  for (const line of CALCULATOR_LINES) {
    const v = p.volumes[line.feature];
    if (v !== undefined) add(`volumes.${line.feature}`, checkInput(volumeRule(line), v, line.label));
    const gl = p.goLive[line.feature];
    if (gl !== undefined) whole(`goLive.${line.feature}`, gl, `The go-live month of ${line.label}`, 1);
  }
  out.push(...ownFigureProblems(p, cards));
  const twelve = (field: "seasonality" | "topUps", what: string, rule: InputField) => {
    const xs = p[field];
    if (!Array.isArray(xs) || xs.length !== PLAN_MONTHS) {
      out.push({ field, message: `${what} need one figure for each of the ${PLAN_MONTHS} months.` });
      return;
    }
    xs.forEach((x, i) => add(`${field}.${i}`, checkInput(rule, x, what)));
  };
  twelve("seasonality", "Seasonal multipliers", "multiplier");
  twelve("topUps", "Top-up tokens", "tokens");
  const committed = p.committedTokens;
  if (typeof committed === "number") add("committedTokens", checkInput("tokens", committed, "Committed tokens"));
  else if (committed !== undefined) {
    if (!Array.isArray(committed) || committed.length !== PLAN_MONTHS)
      out.push({ field: "committedTokens", message: `Committed tokens need one figure for every month, or one for each of the ${PLAN_MONTHS} months.` });
    else committed.forEach((x, i) => add(`committedTokens.${i}`, checkInput("tokens", x, "Committed tokens")));
  }
  p.initiatives.forEach((it, i) => {
    out.push(...textProblems(`initiatives.${i}.name`, it.name, "An initiative's name"));
    add(`initiatives.${i}.tokensPerMonth`, checkInput("tokens", it.tokensPerMonth, "An initiative's tokens a month"));
    whole(`initiatives.${i}.goLive`, it.goLive, "An initiative's go-live month", 1);
  });
  add("buffers.unpredictability", checkInput("buffer", p.buffers.unpredictability, "The unpredictability buffer"));
  add("buffers.growth", checkInput("buffer", p.buffers.growth, "The growth buffer"));
  (p.sites ?? []).forEach((s, i) => {
    out.push(...textProblems(`sites.${i}.name`, s.name, "A site's name"));
    for (const line of CALCULATOR_LINES) {
      const v = s.volumes[line.feature];
      if (v !== undefined) add(`sites.${i}.volumes.${line.feature}`, checkInput(volumeRule(line), v, line.label));
      const gl = s.goLive?.[line.feature];
      if (gl !== undefined) whole(`sites.${i}.goLive.${line.feature}`, gl, `The go-live month of ${line.label}`, 1);
    }
  });
  return out;
}

/**
 * A line's monthly quantity in a month: baseline (x working days for daily lines) x the seasonal
 * multiplier, seats x users / first-month users when they follow the users; 0 before go-live.
 * The products are taken in the order of the budget sheet's formulas.
 */
export function planQuantity(
  line: Pick<CalculatorLine, "period">,
  baseline: number,
  o: {
    readonly live: boolean;
    readonly workingDays: number;
    readonly multiplier: number;
    readonly follow: boolean;
    readonly users: number;
    readonly firstUsers: number;
  },
): number {
  if (!o.live) return 0;
  if (line.period === "users") return o.follow && o.firstUsers > 0 ? (baseline * o.users) / o.firstUsers : baseline;
  return monthlyQuantity(line, baseline, o.workingDays) * o.multiplier;
}

const sum = (xs: readonly number[]): number => {
  let t = 0;
  for (const x of xs) t += x;
  return t;
};

/** The message for a plan whose figures overflow the largest number a cell can hold. */
export const PLAN_TOO_LARGE =
  "The plan's figures are too large to compute: check the volumes, users, growth, multipliers, initiatives, top-ups, buffers and price per token.";

/** Computes a plan month by month; the first problem of the plan if it has any. */
export function computeAnnualPlan(p: AnnualPlan, card: CompiledCard): Result<AnnualPlanResult> {
  const problems = planProblems(p, [card]);
  if (problems.length > 0) return new InputError("value", `${problems[0].field}: ${problems[0].message}`);

  const calendar = Array.from({ length: PLAN_MONTHS }, (_, i) => planMonth(p.startYear, p.startMonth, i));
  const multipliers = calendar.map((c) => p.seasonality[c.month - 1]);
  const topUps = calendar.map((c) => p.topUps[c.month - 1]);
  // A plan without committed tokens of its own takes its contract card's (none on the shipped cards).
  const committed = calendar.map((c) => committedInMonth(p, c.month, card));
  const committedFrom: CommittedSource = p.committedTokens !== undefined ? "plan" : committedTokens(card) > 0 ? "contract" : "none";
  const users = calendar.map((_, i) => usersInMonth(p.users, p.growth, i));
  const allocations = users.map((u) => allocation(card, u, p.licence) as number);

  const rows: PlanRow[] = [];
  // A line whose quantity overflows (a finite baseline x working days x multiplier beyond the largest number).
  let overflow = false;
  /** A row's tokens a month at each rate level: 0 where the card lacks the feature; a line that overflows flags the plan. */
  const tokensByLevel = (f: FeatureRate | undefined, quantities: readonly number[], tokensPerUnit?: number): Record<RateLevel, number[]> => {
    const at = (level: RateLevel): number[] =>
      quantities.map((q) => {
        if (!f) return 0;
        const t = featureTokens(f, q, { rounding: p.rounding, licence: p.licence, level, tokensPerUnit });
        if (t instanceof InputError) {
          overflow = true;
          return 0;
        }
        return t;
      });
    return { low: at("low"), mid: at("mid"), high: at("high") };
  };
  for (const site of planSites(p)) {
    for (const line of siteLines(p, site)) {
      const baseline = site.volumes[line.feature] ?? 0;
      const goLive = goLiveOf(p, site, line.feature);
      const f = findFeature(card, line.feature);
      const onCard = !(f instanceof InputError);
      const own = (PER_USER_FEATURES as readonly string[]).includes(line.feature) ? p.tokensPerUser[line.feature as PerUserFeature] : undefined;
      const quantities = calendar.map((_, i) =>
        planQuantity(line, baseline, {
          live: i + 1 >= goLive,
          workingDays: p.workingDays,
          multiplier: multipliers[i],
          follow: p.userFeaturesFollowUsers,
          users: users[i],
          firstUsers: users[0],
        }),
      );
      const tokensAt = tokensByLevel(onCard ? f : undefined, quantities, own);
      const tokens = tokensAt[p.level];
      rows.push({
        site: site.name,
        feature: line.feature,
        line,
        name: onCard ? f.name : line.label,
        baseline,
        goLive,
        onCard,
        ranged: onCard && f.range !== undefined,
        quantities,
        tokens,
        tokensAt,
        annual: sum(tokens),
      });
    }
  }

  // The card's own features: organisation-wide rows, a volume a month (x the seasonal multiplier) from their go-live.
  for (const f of ownFeatures(card)) {
    const line: PlanLine = { number: 7, feature: f.id, label: `${f.name} a month`, period: "month" };
    const baseline = p.ownVolumes?.[f.id] ?? 0;
    const goLive = (p.goLive as Readonly<Record<string, number | undefined>>)[f.id] ?? 1;
    const quantities = calendar.map((_, i) =>
      planQuantity(line, baseline, { live: i + 1 >= goLive, workingDays: p.workingDays, multiplier: multipliers[i], follow: false, users: 0, firstUsers: 0 }),
    );
    const tokensAt = tokensByLevel(f, quantities);
    const tokens = tokensAt[p.level];
    rows.push({
      site: "",
      feature: f.id,
      line,
      own: true,
      name: f.name,
      baseline,
      goLive,
      onCard: true,
      ranged: f.range !== undefined,
      quantities,
      tokens,
      tokensAt,
      annual: sum(tokens),
    });
  }

  if (overflow) return new InputError("num", PLAN_TOO_LARGE);

  const otherPerMonth = p.otherTokens ?? 0;
  const otherTokens = calendar.map((_, i) => (otherPerMonth ? lineTokens(otherPerMonth, multipliers[i], 1, p.rounding) : 0));
  const other: OtherTokensRow = { tokensPerMonth: otherPerMonth, tokens: otherTokens, annual: sum(otherTokens) };

  const initiatives: InitiativeRow[] = p.initiatives.map((it) => {
    const tokens = calendar.map((_, i) => (i + 1 >= it.goLive ? lineTokens(it.tokensPerMonth, multipliers[i], 1, p.rounding) : 0));
    return { ...it, tokens, annual: sum(tokens) };
  });

  const forecastConsumption = calendar.map((_, i) => {
    let t = 0;
    for (const r of rows) t += r.tokensAt[p.level][i];
    for (const it of initiatives) t += it.tokens[i];
    t += otherTokens[i];
    return t;
  });
  // Another level's consumption is the forecast with the ranged lines swapped for the same lines at
  // that level: forecast - ranged(plan's level) + ranged(level), as the sheet's formula takes it.
  const ranged = rows.filter((r) => r.ranged);
  const rangedSum = (level: RateLevel, i: number): number => {
    let t = 0;
    for (const r of ranged) t += r.tokensAt[level][i];
    return t;
  };
  const consumptionAt = (level: RateLevel): number[] =>
    level === p.level ? forecastConsumption : forecastConsumption.map((c, i) => c - rangedSum(p.level, i) + rangedSum(level, i));
  const overageOf = (c: number, i: number): number => {
    const over = c - allocations[i] - committed[i] - topUps[i];
    return over > 0 ? over : 0;
  };
  const levelTotals = (level: RateLevel): LevelTotals => {
    const consumption = consumptionAt(level);
    const overage = consumption.map(overageOf);
    const cost = overage.map((o, i) => (topUps[i] + o) * p.pricePerToken);
    return { consumption, overage, cost, tokens: sum(consumption), overageTokens: sum(overage), costTotal: sum(cost) };
  };
  const levels = { low: levelTotals("low"), mid: levelTotals("mid"), high: levelTotals("high") };
  const forecast = levels[p.level];
  const bufferFactor = 1 + p.buffers.unpredictability + p.buffers.growth;

  const months: PlanMonth[] = calendar.map((c, i) => {
    const consumption = forecast.consumption[i];
    const budget = consumption * bufferFactor;
    const need = budget - allocations[i] - committed[i] - topUps[i];
    const bufferedNeed = need > 0 ? need : 0;
    return {
      index: i,
      year: c.year,
      month: c.month,
      multiplier: multipliers[i],
      users: users[i],
      allocation: allocations[i],
      committed: committed[i],
      topUp: topUps[i],
      available: allocations[i] + committed[i] + topUps[i],
      consumption,
      headroom: allocations[i] - consumption,
      utilisation: allocations[i] === 0 ? null : consumption / allocations[i],
      ...unusedOf(allocations[i] + committed[i] + topUps[i], consumption),
      overage: forecast.overage[i],
      cost: forecast.cost[i],
      budget,
      bufferedNeed,
      bufferedCost: (topUps[i] + bufferedNeed) * p.pricePerToken,
    };
  });

  const annual = {
    annualTokens: forecast.tokens,
    annualAllocation: sum(allocations),
    annualTopUp: sum(topUps),
    annualCommitted: sum(committed),
    annualOverageTokens: forecast.overageTokens,
    annualCost: forecast.costTotal,
    annualBudgetTokens: sum(months.map((m) => m.budget)),
    annualBufferedNeed: sum(months.map((m) => m.bufferedNeed)),
    annualBudgetCost: sum(months.map((m) => m.bufferedCost)),
  };
  // Sums of figures that are never negative: finite only when every month's figure is.
  const totals = [...Object.values(annual), ...RATE_LEVELS.flatMap((l) => [levels[l].tokens, levels[l].overageTokens, levels[l].costTotal])];
  if (!totals.every(Number.isFinite)) return new InputError("num", PLAN_TOO_LARGE);

  let peakMonth = 0;
  months.forEach((m, i) => {
    if (m.consumption > months[peakMonth].consumption) peakMonth = i;
  });

  return {
    card,
    months,
    rows,
    initiatives,
    other,
    committedFrom,
    unpriced: [
      ...new Set(
        rows
          .filter((r) => !r.onCard && (r.baseline > 0 || p.tokensPerUser[r.feature as PerUserFeature] !== undefined))
          .map((r) => (r.baseline > 0 ? r.line.label : `${r.line.label} (own rate)`)),
      ),
    ],
    ...annual,
    peakMonth,
    peakTokens: months[peakMonth].consumption,
    monthsOverAllocation: months.filter((m) => m.headroom < 0).length,
    ranged: ranged.length > 0,
    levels,
  };
}

/** Twelve figures by calendar month from a few named ones: byCalendarMonth({ 12: 1.5, 1: 1.5 }, 1). */
export function byCalendarMonth(figures: Readonly<Partial<Record<number, number>>>, otherwise: number): number[] {
  return Array.from({ length: PLAN_MONTHS }, (_, i) => figures[i + 1] ?? otherwise);
}

export const FLAT_SEASONALITY: readonly number[] = byCalendarMonth({}, 1);
export const NO_TOP_UPS: readonly number[] = byCalendarMonth({}, 0);
export const DEFAULT_BUFFERS: BudgetBuffers = { unpredictability: BUDGET_BUFFERS.overage, growth: BUDGET_BUFFERS.growth };

export interface PlanFromProfileOptions {
  readonly startMonth: number;
  readonly startYear: number;
  readonly growth?: UserGrowth;
  readonly userFeaturesFollowUsers?: boolean;
  readonly goLive?: Readonly<Partial<Record<VolumeFeature, number>>>;
  readonly seasonality?: readonly number[];
  readonly initiatives?: readonly Initiative[];
  readonly topUps?: readonly number[];
  readonly buffers?: BudgetBuffers;
  readonly sites?: readonly PlanSite[];
  readonly name?: string;
}

/** A plan whose every month starts from a calculator profile: no growth, no season, no top-ups unless given. */
export function planFromProfile(profile: Profile, o: PlanFromProfileOptions): AnnualPlan {
  return {
    ...profileOf(profile),
    name: o.name ?? profile.name,
    startMonth: o.startMonth,
    startYear: o.startYear,
    growth: o.growth ?? NO_GROWTH,
    userFeaturesFollowUsers: o.userFeaturesFollowUsers ?? true,
    goLive: o.goLive ?? {},
    seasonality: o.seasonality ?? FLAT_SEASONALITY,
    initiatives: o.initiatives ?? [],
    topUps: o.topUps ?? NO_TOP_UPS,
    buffers: o.buffers ?? DEFAULT_BUFFERS,
    ...(o.sites ? { sites: o.sites } : {}),
  };
}
