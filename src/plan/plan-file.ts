/**
 * Plan files: a contact-center profile as JSON (docs/plan-format.md), with optional `budget` and
 * `dashboard` sections, checked against PLAN_SCHEMA and then by the core, every problem naming its
 * field ("plan.volumes.voicebot", "plan.budget.multipliers[11]").
 * Pure: no file system; the command line reads the file.
 */
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import {
  allocation,
  boundText,
  computeAnnualPlan,
  computeDashboard,
  daysInMonth,
  DEFAULT_BUFFERS,
  dashboardFeature,
  estimate,
  dashboardProblem,
  FLAT_SEASONALITY,
  getCard,
  InputError,
  isCurrencyCode,
  monthAfter,
  parseMonthLabel,
  type CalendarMonth,
  NO_GROWTH,
  NO_TOP_UPS,
  OTHER_FEATURE,
  ownFeatures,
  committedTokens,
  PLAN_MONTHS,
  PROFILE_FIELDS,
  planFromProfile,
  planProblems,
  profileProblems,
  type AnnualPlan,
  type AnnualPlanResult,
  type CompiledCard,
  type CurrencyCode,
  type Profile,
  type UsageDashboard,
  type UserGrowth,
} from "../core";
import { BLANK_PROFILE } from "../core/presets";
import { PER_USER_FEATURES, VOLUME_FEATURES, type PerUserFeature } from "../core/estimate";
import { PLAN_SCHEMA, PLAN_VERSION, type BudgetJson, type DashboardJson, type PlanJson } from "./plan-schema";

export type { PlanJson };

/**
 * Everything the sheets of a workbook are built from: the profile (the calculator's inputs, and the
 * first month of a budget), and the budget and dashboard when the plan gives them. Sheets the plan
 * gives no section for are filled by the rules of ./inputs.ts.
 */
export interface Plan {
  readonly profile: Profile;
  /** The annual budget: a `budget` section, or a budget preset. */
  readonly budget?: AnnualPlan;
  /** The usage dashboard: a `dashboard` section, or the dashboard preset. */
  readonly dashboard?: UsageDashboard;
}

export interface PlanProblem {
  /** The field as a path from the plan: "plan.volumes.voicebot"; "plan" for the whole file. */
  readonly field: string;
  readonly message: string;
}

const DEFAULT_PLAN_NAME = "Token plan";

let validator: ReturnType<Ajv2020["compile"]> | undefined;

function validate(json: unknown): readonly ErrorObject[] {
  if (!validator) validator = new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(PLAN_SCHEMA);
  return validator(json) ? [] : (validator.errors ?? []);
}

/** A path from the plan as the messages show it: "plan.budget.multipliers[11]". */
function fieldPath(parts: readonly (string | number)[]): string {
  let out = "plan";
  for (const part of parts) out += typeof part === "number" || /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  return out;
}

const fieldOf = (instancePath: string, child?: string): string =>
  fieldPath([
    ...instancePath
      .split("/")
      .filter(Boolean)
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")),
    ...(child ? [child] : []),
  ]);

/** One schema error as a sentence for the analyst; undefined for an error another one already explains. */
function describe(e: ErrorObject): PlanProblem | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "if":
      return undefined; // the `then` branch's own error (a missing growth figure) says what is wrong
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
    case "minItems":
    case "maxItems": {
      const items = (e.parentSchema ?? {}) as { minItems?: number; maxItems?: number };
      const got = Array.isArray(e.data) ? e.data.length : 0;
      if (items.minItems === PLAN_MONTHS && items.maxItems === PLAN_MONTHS) {
        return { field: fieldOf(e.instancePath), message: `must list ${PLAN_MONTHS} figures, one for each calendar month from January, got ${got}` };
      }
      return {
        field: fieldOf(e.instancePath),
        message: `must list ${e.keyword === "minItems" ? "at least" : "at most"} ${String(p.limit)} entries, got ${got}`,
      };
    }
    case "minProperties":
      return { field: fieldOf(e.instancePath), message: "must not be empty" };
    case "minimum":
      return { field: fieldOf(e.instancePath), message: p.limit === 0 ? "cannot be negative" : `must be at least ${boundText(Number(p.limit))}` };
    case "exclusiveMinimum":
      return { field: fieldOf(e.instancePath), message: `must be more than ${boundText(Number(p.limit))}` };
    case "maximum":
      return { field: fieldOf(e.instancePath), message: `must be at most ${boundText(Number(p.limit))}` };
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

export interface PlanOptions {
  /** Today, for the default start of a budget (the month after it); default: the clock. */
  readonly today?: Date;
}

/**
 * A schema error that the core's field-by-field checks of the profile and the budget also decide
 * by the input gate's rule table: a bound, or a whole number (the schema's bounds are the rules',
 * src/plan/plan-schema.ts `gated`). The dashboard's core check names no field, so the schema's
 * own message stands there.
 */
const isRuleError = (e: ErrorObject): boolean =>
  !/^\/(dashboard|contract)(\/|$)/.test(e.instancePath) &&
  (["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"].includes(e.keyword) ||
    (e.keyword === "type" && (e.params as { type?: unknown }).type === "integer" && typeof e.data === "number" && Number.isFinite(e.data)));

const described = (errors: readonly ErrorObject[]): PlanProblem[] => dedupe(errors.map(describe).filter((p): p is PlanProblem => p !== undefined));

/**
 * A plan from parsed JSON: the schema's checks, the defaults, then the core's own checks.
 * Returns the plan, or every problem found, each naming its field.
 *
 * A figure past its input rule (and nothing else wrong with the file's shape) is worded by the
 * core's checks, as every face words it ("the number of users must be at most 1,000,000 (users)");
 * the schema refuses it itself only where no core check does.
 */
export function planFromJson(json: unknown, options: PlanOptions = {}): Plan | PlanProblem[] {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return [{ field: "plan", message: "must be a JSON object" }];
  const errors = validate(json);
  const ruled = errors.filter(isRuleError);
  if (ruled.length < errors.length) return described(errors);
  const plan = checkedPlan(json as PlanJson, options);
  return ruled.length > 0 && !Array.isArray(plan) ? described(ruled) : plan;
}

/** The plan of JSON whose shape the schema accepts: the defaults, then the core's own checks. */
function checkedPlan(j: PlanJson, options: PlanOptions): Plan | PlanProblem[] {
  const card = getCard(j.card);
  if (card instanceof InputError) return [{ field: "plan.card", message: card.message }];
  const currency = (j.currency ?? card.card.pricing.defaultCurrency) as CurrencyCode;
  const price = j.pricePerToken ?? cardPrice(card, currency);
  if (price === undefined) {
    return [{ field: "plan.pricePerToken", message: `is required: the ${card.card.name} card publishes no price in ${currency}` }];
  }
  const volumes = { ...BLANK_PROFILE.volumes };
  for (const f of VOLUME_FEATURES) volumes[f] = j.volumes[f] ?? 0;
  // Other keys of `volumes` are the contract card's own features, by id.
  const own = ownFeatures(card).map((f) => f.id);
  const ownVolumes: Record<string, number> = {};
  const unknown: PlanProblem[] = [];
  for (const [id, v] of Object.entries(j.volumes as Record<string, number>)) {
    if ((VOLUME_FEATURES as readonly string[]).includes(id)) continue;
    if (own.includes(id)) ownVolumes[id] = v;
    else unknown.push({ field: fieldPath(["volumes", id]), message: `is not a field of a plan (known here: ${[...VOLUME_FEATURES, ...own].join(", ")})` });
  }
  if (unknown.length > 0) return unknown;
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
    ...(j.otherTokens !== undefined ? { otherTokens: j.otherTokens } : {}),
    ...(Object.keys(ownVolumes).length > 0 ? { ownVolumes } : {}),
  };
  const problems = profileProblems(profile, [card]);
  if (problems.length > 0) return problems.map((p) => ({ field: fieldPath(p.field.split(".")), message: lowerFirst(p.message) }));
  // Figures each within the schema can still overflow together (1e300 sessions a day x 20 days).
  const figures = estimate(profile, card);
  if (figures instanceof InputError) return [{ field: "plan", message: lowerFirst(figures.message) }];

  let budget: AnnualPlan | undefined;
  if (j.budget) {
    const start = budgetStart(j.budget, dashboardAnchor(j.dashboard) ?? monthAfter(options.today ?? new Date()));
    budget = budgetOf(profile, j.budget, start);
    const budgetProblems = planProblems(budget, [card]);
    if (budgetProblems.length > 0) return budgetProblems.map((p) => ({ field: budgetField(p.field), message: lowerFirst(p.message) }));
    const year = computeAnnualPlan(budget, card);
    if (year instanceof InputError) return [{ field: "plan.budget", message: lowerFirst(year.message) }];
  }
  let dashboard: UsageDashboard | undefined;
  if (j.dashboard) {
    const d = dashboardOf(j.dashboard, profile, card, budget);
    if (Array.isArray(d)) return d;
    dashboard = d;
  }
  return { profile, ...(budget ? { budget } : {}), ...(dashboard ? { dashboard } : {}) };
}

/** The month a dashboard section's review begins: its first variance month, else its period; undefined when neither is a month. */
export function dashboardAnchor(
  d: { readonly period: string; readonly variance?: readonly { readonly month: string }[] } | undefined,
): CalendarMonth | undefined {
  if (!d) return undefined;
  for (const v of d.variance ?? []) {
    const m = parseMonthLabel(v.month);
    if (m) return m;
  }
  return parseMonthLabel(d.period);
}

/**
 * The first month of a budget section: as given; startYear alone starts in January; startMonth alone
 * (or neither) starts at the first such month from `anchor` on.
 */
function budgetStart(b: BudgetJson, anchor: CalendarMonth): CalendarMonth {
  if (b.startYear !== undefined) return { year: b.startYear, month: b.startMonth ?? 1 };
  if (b.startMonth === undefined) return anchor;
  return { year: b.startMonth >= anchor.month ? anchor.year : anchor.year + 1, month: b.startMonth };
}

/** The profile's part of a budget: everything but the months (core planFromProfile's inverse is profileOf). */
function budgetOf(profile: Profile, b: BudgetJson, start: CalendarMonth): AnnualPlan {
  const g = b.growth;
  const growth: UserGrowth = !g
    ? NO_GROWTH
    : g.kind === "rate"
      ? { kind: "rate", monthly: g.monthly! }
      : g.kind === "target"
        ? { kind: "target", users: g.users! }
        : { kind: "users", perMonth: g.perMonth! };
  const committed = b.committedTokens;
  return {
    ...(committed !== undefined ? { committedTokens: typeof committed === "number" ? committed : [...committed] } : {}),
    ...planFromProfile(profile, {
      name: b.name ?? profile.name,
      startMonth: start.month,
      startYear: start.year,
      growth,
      userFeaturesFollowUsers: b.userFeaturesFollowUsers ?? true,
      goLive: { ...b.goLive },
      seasonality: b.multipliers ? [...b.multipliers] : FLAT_SEASONALITY,
      topUps: b.topUps ? [...b.topUps] : NO_TOP_UPS,
      initiatives: (b.initiatives ?? []).map((it) => ({ name: it.name, tokensPerMonth: it.tokensPerMonth, goLive: it.goLive ?? 1 })),
      buffers: { unpredictability: b.buffers?.unpredictability ?? DEFAULT_BUFFERS.unpredictability, growth: b.buffers?.growth ?? DEFAULT_BUFFERS.growth },
      ...(b.sites && b.sites.length > 0
        ? { sites: b.sites.map((s) => ({ name: s.name, volumes: { ...s.volumes }, ...(s.goLive ? { goLive: { ...s.goLive } } : {}) })) }
        : {}),
    }),
  };
}

const asProblem = <T>(r: T | InputError): InputError | undefined => (r instanceof InputError ? r : undefined);

const PROFILE_FIELD_SET: ReadonlySet<string> = new Set(PROFILE_FIELDS.filter((f) => f !== "name"));

/** A field of the core's AnnualPlan ("seasonality.11", "sites.2.volumes.copilot") as the plan file names it. */
export function budgetField(coreField: string): string {
  const parts = coreField.split(".");
  if (PROFILE_FIELD_SET.has(parts[0])) return fieldPath(parts);
  if (parts[0] === "seasonality") parts[0] = "multipliers";
  return fieldPath(["budget", ...parts]);
}

/** The allocation of a calendar month: the budget's allocation and top-up when the month is in it, else the profile's. */
export function monthAllocation(profile: Profile, card: CompiledCard, budget: AnnualPlanResult | undefined, month: CalendarMonth | undefined): number {
  const m = month && budget?.months.find((x) => x.year === month.year && x.month === month.month);
  if (m) return m.allocation + m.topUp;
  const a = allocation(card, profile.users, profile.licence);
  return a instanceof InputError ? 0 : a;
}

/** The dashboard of a `dashboard` section, with its defaults; or its problems, each naming its field. */
function dashboardOf(j: DashboardJson, profile: Profile, card: CompiledCard, budget: AnnualPlan | undefined): UsageDashboard | PlanProblem[] {
  const problems: PlanProblem[] = [];
  const at = (...parts: (string | number)[]) => fieldPath(["dashboard", ...parts]);
  const periodMonth = parseMonthLabel(j.period);
  for (const id of Object.keys(j.features)) {
    const f = dashboardFeature(card, id);
    if (f instanceof InputError)
      problems.push({
        field: at("features", id),
        message: `is not a feature of the ${card.card.name} card (${card.card.features.map((x) => x.id).join(", ")}, ${OTHER_FEATURE.id})`,
      });
  }
  const computed = budget && (j.allocation === undefined || j.committed === undefined) ? computeAnnualPlan(budget, card) : undefined;
  const budgetResult = computed instanceof InputError ? undefined : computed;
  let allocationFigure = j.allocation;
  if (allocationFigure === undefined) {
    allocationFigure = monthAllocation(profile, card, budgetResult, periodMonth);
    if (!(allocationFigure > 0)) problems.push({ field: at("allocation"), message: "is required: the plan allocates no tokens for the period" });
  }
  // The period's committed tokens: the section's, else the budget's month (its own or its contract's), else the contract card's.
  const budgetMonth = periodMonth ? budgetResult?.months.find((x) => x.year === periodMonth.year && x.month === periodMonth.month) : undefined;
  const committed = j.committed ?? budgetMonth?.committed ?? committedTokens(card);
  // The contract card's, when neither the section nor the budget typed them: the sheet says so.
  const fromContract = j.committed === undefined && committed > 0 && (budgetMonth ? budgetResult?.committedFrom === "contract" : true);
  const daysInPeriod = j.daysInPeriod ?? (periodMonth ? daysInMonth(periodMonth.year, periodMonth.month) : undefined);
  if (daysInPeriod === undefined)
    problems.push({ field: at("daysInPeriod"), message: `is required: the period "${j.period}" is not a month such as "March 2026"` });
  const daysElapsed = j.daysElapsed ?? daysInPeriod;
  if (daysInPeriod !== undefined && daysElapsed !== undefined && daysElapsed > daysInPeriod) {
    problems.push({ field: at("daysElapsed"), message: `must be at most the days in the period (${daysInPeriod})` });
  }
  if (problems.length > 0) return problems;
  const d: UsageDashboard = {
    period: j.period,
    card: card.id,
    allocation: allocationFigure,
    ...(committed ? { committed } : {}),
    ...(fromContract ? { committedFrom: "contract" as const } : {}),
    features: Object.entries(j.features).map(([feature, tokens]) => ({ feature, tokens })),
    weekly: [...(j.weekly ?? [])],
    daysElapsed: daysElapsed!,
    daysInPeriod: daysInPeriod!,
    variance: (j.variance ?? []).map((v) => ({ month: v.month, budgeted: v.budgeted ?? 0, actual: v.actual ?? null })),
    ...(j.varianceExample ? { varianceExample: true } : {}),
  };
  const problem = dashboardProblem(d, card) ?? asProblem(computeDashboard(d));
  return problem ? [{ field: "plan.dashboard", message: lowerFirst(problem.message) }] : d;
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
export function parsePlan(text: string, options: PlanOptions = {}): Plan | PlanProblem[] {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (e) {
    return [{ field: "plan", message: (e as Error).message }];
  }
  return planFromJson(json, options);
}

/** The sections written beside a profile by planToJson. */
export interface PlanSections {
  readonly budget?: AnnualPlan;
  readonly dashboard?: UsageDashboard;
}

/**
 * The plan file of a profile (and of a budget and a dashboard), giving only what differs from the
 * defaults; the price is left out when it is the card's own price in the currency, so changing the
 * card or currency re-prices it. A budget's profile fields (card, users, volumes...) are the
 * profile's: give a budget with the profile core profileOf makes of it.
 */
export function planToJson(profile: Profile, sections: PlanSections = {}): PlanJson {
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
  for (const [id, v] of Object.entries(profile.ownVolumes ?? {})) if (v !== 0) (out.volumes as Record<string, number>)[id] = v;
  const own = Object.entries(profile.tokensPerUser).filter(([, v]) => v !== undefined);
  if (own.length > 0) out.tokensPerUser = Object.fromEntries(own);
  if (profile.otherTokens) out.otherTokens = profile.otherTokens;
  if (sections.budget) out.budget = budgetToJson(sections.budget, profile.name);
  if (sections.dashboard) out.dashboard = dashboardToJson(sections.dashboard);
  return out;
}

const allEqual = (xs: readonly number[], x: number): boolean => xs.every((v) => v === x);

function budgetToJson(b: AnnualPlan, profileName: string): BudgetJson {
  const out: BudgetJson = {};
  if (b.name !== profileName) out.name = b.name;
  out.startMonth = b.startMonth;
  out.startYear = b.startYear;
  const g = b.growth;
  if (!(g.kind === "users" && g.perMonth === 0)) {
    out.growth =
      g.kind === "rate"
        ? { kind: "rate", monthly: g.monthly }
        : g.kind === "target"
          ? { kind: "target", users: g.users }
          : { kind: "users", perMonth: g.perMonth };
  }
  if (!b.userFeaturesFollowUsers) out.userFeaturesFollowUsers = false;
  if (Object.keys(b.goLive).length > 0) out.goLive = { ...b.goLive };
  if (!allEqual(b.seasonality, 1)) out.multipliers = [...b.seasonality];
  if (!allEqual(b.topUps, 0)) out.topUps = [...b.topUps];
  const committed = b.committedTokens;
  if (typeof committed === "number") {
    if (committed !== 0) out.committedTokens = committed;
  } else if (committed !== undefined && !allEqual(committed, 0)) out.committedTokens = [...committed];
  if (b.initiatives.length > 0) out.initiatives = b.initiatives.map((it) => ({ name: it.name, tokensPerMonth: it.tokensPerMonth, goLive: it.goLive }));
  if (b.buffers.unpredictability !== DEFAULT_BUFFERS.unpredictability || b.buffers.growth !== DEFAULT_BUFFERS.growth) out.buffers = { ...b.buffers };
  if (b.sites && b.sites.length > 0) {
    out.sites = b.sites.map((s) => ({
      name: s.name,
      volumes: { ...s.volumes },
      ...(s.goLive && Object.keys(s.goLive).length > 0 ? { goLive: { ...s.goLive } } : {}),
    }));
  }
  return out;
}

function dashboardToJson(d: UsageDashboard): DashboardJson {
  const out: DashboardJson = { period: d.period, allocation: d.allocation, features: Object.fromEntries(d.features.map((f) => [f.feature, f.tokens])) };
  // The contract card's committed tokens are not the section's: read back, the plan takes them from the card again.
  if (d.committed && d.committedFrom !== "contract") out.committed = d.committed;
  if (d.weekly.length > 0) out.weekly = [...d.weekly];
  const month = parseMonthLabel(d.period);
  if (!month || daysInMonth(month.year, month.month) !== d.daysInPeriod) out.daysInPeriod = d.daysInPeriod;
  if (d.daysElapsed !== d.daysInPeriod) out.daysElapsed = d.daysElapsed;
  if (d.variance && d.variance.length > 0)
    out.variance = d.variance.map((v) => ({ month: v.month, budgeted: v.budgeted, ...(v.actual !== null ? { actual: v.actual } : {}) }));
  if (d.varianceExample) out.varianceExample = true;
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
