/**
 * The annual budget form as data: what the analyst typed (text, exactly as typed), how it becomes a
 * core AnnualPlan, and the pure state changes of the form (a preset, a card, a currency, a keystroke,
 * an initiative added or removed). No DOM here: budget-panel.ts only copies these values in and out.
 *
 * Field paths are the ones planProblems() names ("users", "goLive.copilot", "topUps.11"), so a
 * problem finds its input. Two exceptions: the growth figure is one input ("growth.figure") whatever
 * the kind, and the buffers and a growth rate are typed as percentages (20 for +20%).
 */
import { GROWTH_KINDS, planProblems, PLAN_MONTHS, type AnnualPlan, type GrowthKind, type Initiative, type UserGrowth } from "../core/annual-plan";
import { BUDGET_PRESETS, findBudgetPreset } from "../core/budget-presets";
import { LIMITS } from "../core/limits";
import { knownCards } from "../core/cards";
import type { CurrencyCode } from "../core/currencies";
import { CALCULATOR_LINES, PER_USER_FEATURES, VOLUME_FEATURES, type FieldProblem, type PerUserFeature, type VolumeFeature } from "../core/estimate";
import type { LicenceModel, RateLevel } from "../core/ratecard";
import type { RoundingRule } from "../core/rounding";
import {
  CHOICES,
  cardOf,
  CUSTOM_PRESET,
  editProfileField,
  fieldValue,
  formField,
  formFromProfile,
  isFieldPath,
  numberReader,
  onePerField,
  ownVolumePath,
  parseNumberText,
  presetChoices,
  readVolumes,
  replaceAt,
  type FieldPath,
  type FormValues,
  type OwnVolumePath,
  type ParsedNumber,
} from "./form";
import { ownFeatures } from "../core/contract-card";

export { CUSTOM_PRESET };

/** Go-live "later than the plan": the feature does not start this year (planProblems accepts any month from 1). */
export const NOT_THIS_YEAR = String(PLAN_MONTHS + 1);
/** At most this many initiatives in the form, as in a plan file (src/core/limits.ts; the sheet has a row for each). */
export const MAX_INITIATIVES = LIMITS.initiatives;

export interface InitiativeValues {
  readonly name: string;
  readonly tokensPerMonth: string;
  /** Month of the plan, "1".."12", or NOT_THIS_YEAR. */
  readonly goLive: string;
}

/**
 * The calculator's fields (the profile: name, card, licence, users, working days, price, volumes, own
 * rates, rounding, level) and the year around them. `preset` is a preset id of BUDGET_PRESETS.
 */
export interface BudgetFormValues extends FormValues {
  /** "1".."12". */
  readonly startMonth: string;
  readonly startYear: string;
  readonly growthKind: string;
  /** Users a month, a monthly rate in percent, or the users of the last month, by growthKind. */
  readonly growthFigure: string;
  /** Copilot and Analytics seats grow with the licensed users. */
  readonly followUsers: boolean;
  /** Month of the plan each feature goes live, "1".."12" or NOT_THIS_YEAR. */
  readonly goLive: Readonly<Record<VolumeFeature, string>>;
  /** Twelve multipliers by calendar month, index 0 = January (they stay with December when the start moves). */
  readonly seasonality: readonly string[];
  /** Twelve top-up amounts by calendar month, index 0 = January. */
  readonly topUps: readonly string[];
  /** Committed (prepaid) tokens every month of the contract; blank is none. */
  readonly committedTokens: string;
  readonly initiatives: readonly InitiativeValues[];
  /** Percent: 20 for the notes' +20%. */
  readonly bufferUnpredictability: string;
  /** Percent: 10 to 15 in the notes. */
  readonly bufferGrowth: string;
}

type Scalar =
  "preset" | "name" | "card" | "licence" | "startMonth" | "startYear" | "users" | "workingDays" | "currency" | "pricePerToken" | "rounding" | "level";

export type BudgetFieldPath =
  | Scalar
  | "growth.kind"
  | "growth.figure"
  | "followUsers"
  | "buffers.unpredictability"
  | "buffers.growth"
  | `volumes.${VolumeFeature}`
  | `goLive.${VolumeFeature}`
  | `tokensPerUser.${PerUserFeature}`
  | `seasonality.${number}`
  | `topUps.${number}`
  | "committedTokens"
  | "otherTokens"
  | OwnVolumePath
  | `initiatives.${number}.name`
  | `initiatives.${number}.tokensPerMonth`
  | `initiatives.${number}.goLive`;

const MONTH_INDEXES = Array.from({ length: PLAN_MONTHS }, (_, i) => i);
const isPerUser = (f: string): f is PerUserFeature => (PER_USER_FEATURES as readonly string[]).includes(f);

/** Every fixed field, in the order of the form (the card's own volumes and the initiatives follow the volumes, by index). */
export function budgetFieldOrder(v: Pick<BudgetFormValues, "initiatives"> & Partial<Pick<BudgetFormValues, "ownVolumes">>): BudgetFieldPath[] {
  return [
    "preset",
    "name",
    "card",
    "licence",
    "startMonth",
    "startYear",
    "users",
    "growth.kind",
    "growth.figure",
    "followUsers",
    "workingDays",
    "currency",
    "pricePerToken",
    ...CALCULATOR_LINES.flatMap((line): BudgetFieldPath[] => [
      `volumes.${line.feature}`,
      `goLive.${line.feature}`,
      ...(isPerUser(line.feature) ? [`tokensPerUser.${line.feature}` as const] : []),
    ]),
    "otherTokens",
    ...Object.keys(v.ownVolumes ?? {}).map(ownVolumePath),
    ...v.initiatives.flatMap((_, i): BudgetFieldPath[] => [`initiatives.${i}.name`, `initiatives.${i}.tokensPerMonth`, `initiatives.${i}.goLive`]),
    ...MONTH_INDEXES.map((i): BudgetFieldPath => `seasonality.${i}`),
    ...MONTH_INDEXES.map((i): BudgetFieldPath => `topUps.${i}`),
    "committedTokens",
    "buffers.unpredictability",
    "buffers.growth",
    "rounding",
    "level",
  ];
}

/** The id of a field's input element: "b-users", "b-goLive-copilot", "b-initiatives-0-name". */
export const budgetInputId = (path: BudgetFieldPath): string => `b-${path.replace(/\./g, "-")}`;

// ---- numbers -----------------------------------------------------------------------------------

/** A percentage as typed: "20", "20%", "12.5 %". */
function parsePercent(text: string, what: string, blank: number | "required"): ParsedNumber {
  const r = parseNumberText(text.replace(/%\s*$/, ""), what, blank);
  return "message" in r ? r : { value: r.value / 100 };
}

/** Plain figures for a form field: 0.2 -> "20" (percent), 1.5 -> "1.5". */
const percentText = (x: number): string => String(Math.round(x * 1e6) / 1e4);

// ---- from and to a plan ------------------------------------------------------------------------

/** The form filled from a plan (a preset's, or one of the analyst's): the calculator's fields, then the year's. */
export function budgetFormFromPlan(p: AnnualPlan, preset: string = CUSTOM_PRESET): BudgetFormValues {
  const goLive = {} as Record<VolumeFeature, string>;
  for (const f of VOLUME_FEATURES) goLive[f] = String(p.goLive[f] ?? 1);
  const g = p.growth;
  return {
    ...formFromProfile(p, preset),
    startMonth: String(p.startMonth),
    startYear: String(p.startYear),
    growthKind: g.kind,
    growthFigure: g.kind === "rate" ? percentText(g.monthly) : String(g.kind === "target" ? g.users : g.perMonth),
    followUsers: p.userFeaturesFollowUsers,
    goLive,
    seasonality: p.seasonality.map(String),
    topUps: p.topUps.map(String),
    // The pane offers one figure for every month; twelve different ones show their first.
    committedTokens: p.committedTokens === undefined ? "" : String(typeof p.committedTokens === "number" ? p.committedTokens : (p.committedTokens[0] ?? "")),
    initiatives: p.initiatives.map((it) => ({ name: it.name, tokensPerMonth: String(it.tokensPerMonth), goLive: String(it.goLive) })),
    bufferUnpredictability: percentText(p.buffers.unpredictability),
    bufferGrowth: percentText(p.buffers.growth),
  };
}

/** The form the Annual budget tab opens with: the first preset (growth). */
export function initialBudgetForm(): BudgetFormValues {
  const first = BUDGET_PRESETS[0];
  return budgetFormFromPlan(first.plan, first.id);
}

export interface ParsedBudget {
  /** The plan (0 where a number could not be read). */
  readonly plan: AnnualPlan;
  /** One problem per field, in form order, on the form's paths. */
  readonly problems: readonly FieldProblem[];
}

/** planProblems() names the growth figure by kind; the form has one input for it. */
const formPath = (field: string): string => (/^growth\.(perMonth|monthly|users)$/.test(field) ? "growth.figure" : field);

export function parseBudgetForm(v: BudgetFormValues): ParsedBudget {
  const problems: FieldProblem[] = [];
  const { num, read } = numberReader<BudgetFieldPath>(problems);

  const startMonth = num("startMonth", v.startMonth, "The start month", "required");
  const startYear = num("startYear", v.startYear, "The start year", "required");
  const users = num("users", v.users, "The number of users", "required");
  const kind = (GROWTH_KINDS as readonly string[]).includes(v.growthKind) ? (v.growthKind as GrowthKind) : "users";
  let growth: UserGrowth;
  if (kind === "rate") growth = { kind, monthly: read("growth.figure", parsePercent(v.growthFigure, "The monthly growth rate", 0)) };
  else if (kind === "target") growth = { kind, users: num("growth.figure", v.growthFigure, "The number of users in the last month", "required") };
  else growth = { kind, perMonth: num("growth.figure", v.growthFigure, "Users added a month", 0) };
  if (!(GROWTH_KINDS as readonly string[]).includes(v.growthKind))
    problems.push({ field: "growth.kind", message: `Growth must be one of ${GROWTH_KINDS.join(", ")}.` });
  const workingDays = num("workingDays", v.workingDays, "Working days per month", "required");
  const pricePerToken = num("pricePerToken", v.pricePerToken, "The price per token", "required");

  // Volumes of the card's own features (a contract's): those of another card are not read (their fields are gone).
  const own = ownFeatures(cardOf(v)).map((f) => f.id);
  const ownTyped = Object.fromEntries(Object.entries(v.ownVolumes ?? {}).filter(([id]) => own.includes(id)));
  const { volumes, tokensPerUser, otherTokens, ownVolumes } = readVolumes({ ...v, ownVolumes: ownTyped }, num);
  const goLive: Partial<Record<VolumeFeature, number>> = {};
  for (const line of CALCULATOR_LINES) goLive[line.feature] = num(`goLive.${line.feature}`, v.goLive[line.feature], `The go-live month of ${line.label}`, 1);
  const seasonality = MONTH_INDEXES.map((i) => num(`seasonality.${i}`, v.seasonality[i] ?? "", "A seasonal multiplier", 1));
  const topUps = MONTH_INDEXES.map((i) => num(`topUps.${i}`, v.topUps[i] ?? "", "Top-up tokens", 0));
  // Blank: none of the plan's own, so the contract card's committed tokens apply (none on the shipped cards); 0 is typed.
  const committedTyped = (v.committedTokens ?? "").trim() !== "";
  const committedTokens = committedTyped ? num("committedTokens", v.committedTokens, "Committed tokens", 0) : undefined;
  const initiatives: Initiative[] = v.initiatives.map((it, i) => ({
    name: it.name,
    tokensPerMonth: num(`initiatives.${i}.tokensPerMonth`, it.tokensPerMonth, "Tokens a month", 0),
    goLive: num(`initiatives.${i}.goLive`, it.goLive, "The go-live month", 1),
  }));
  const unpredictability = read("buffers.unpredictability", parsePercent(v.bufferUnpredictability, "The unpredictability buffer", 0));
  const growthBuffer = read("buffers.growth", parsePercent(v.bufferGrowth, "The growth buffer", 0));

  const plan: AnnualPlan = {
    name: v.name,
    card: v.card,
    licence: v.licence as LicenceModel,
    startMonth,
    startYear,
    users,
    growth,
    userFeaturesFollowUsers: v.followUsers,
    workingDays,
    currency: v.currency as CurrencyCode,
    pricePerToken,
    rounding: v.rounding as RoundingRule,
    level: v.level as RateLevel,
    volumes,
    goLive,
    tokensPerUser,
    seasonality,
    initiatives,
    topUps,
    ...(committedTokens !== undefined ? { committedTokens } : {}),
    ...(otherTokens !== undefined ? { otherTokens } : {}),
    ...(ownVolumes !== undefined ? { ownVolumes } : {}),
    buffers: { unpredictability, growth: growthBuffer },
  };

  // The core's checks (whole months, negative figures, unknown card...) for every field that was read.
  const unread = new Set(problems.map((p) => p.field));
  for (const p of planProblems(plan, knownCards())) {
    const field = formField(formPath(p.field), own);
    if (!unread.has(field)) problems.push({ field, message: percentMessage(field, p.message) });
  }
  return { plan, problems: onePerField(problems, budgetFieldOrder(v)) };
}

/** The core speaks of fractions; the form's rate field is in percent. */
function percentMessage(field: string, message: string): string {
  return field === "growth.figure" && /above -100%/.test(message) ? "The monthly growth rate must be above -100%." : message;
}

// ---- state changes -----------------------------------------------------------------------------

/** Picks a preset: its whole plan replaces the form's (the notes' examples are priced as the notes price them). "Custom" keeps the form. */
export function applyBudgetPreset(v: BudgetFormValues, presetId: string): BudgetFormValues {
  const preset = findBudgetPreset(presetId);
  if (!preset) return { ...v, preset: CUSTOM_PRESET };
  return budgetFormFromPlan(preset.plan, preset.id);
}

/** The value of a field as the form holds it ("true"/"false" for the check box). */
export function budgetFieldValue(v: BudgetFormValues, path: BudgetFieldPath): string {
  const parts = path.split(".");
  switch (parts[0]) {
    case "growth":
      return parts[1] === "kind" ? v.growthKind : v.growthFigure;
    case "followUsers":
      return v.followUsers ? "true" : "false";
    case "buffers":
      return parts[1] === "growth" ? v.bufferGrowth : v.bufferUnpredictability;
    case "goLive":
      return v.goLive[parts[1] as VolumeFeature] ?? "";
    case "seasonality":
      return v.seasonality[Number(parts[1])] ?? "";
    case "topUps":
      return v.topUps[Number(parts[1])] ?? "";
    case "committedTokens":
      return v.committedTokens ?? "";
    case "ownVolumes":
      return v.ownVolumes?.[parts.slice(1).join(".")] ?? "";
    case "initiatives": {
      const it = v.initiatives[Number(parts[1])];
      return it ? it[parts[2] as keyof InitiativeValues] : "";
    }
    default:
      return isFieldPath(path) ? fieldValue(v, path) : v[path as "startMonth" | "startYear"];
  }
}

/** The form after the analyst typed or chose `text` in a field. */
export function editBudgetField(v: BudgetFormValues, path: BudgetFieldPath, text: string): BudgetFormValues {
  if (path === "preset") return applyBudgetPreset(v, text);
  if (isFieldPath(path)) return editProfileField(v, path, text);
  if (path.startsWith("ownVolumes.")) return editProfileField(v, path as Exclude<FieldPath, "preset">, text);
  // Every field of the year (start, growth, go-live, seasons, top-ups, initiatives, buffers) is the plan's own figure.
  const preset = CUSTOM_PRESET;
  const parts = path.split(".");
  const i = Number(parts[1]);
  switch (parts[0]) {
    case "growth":
      return parts[1] === "kind" ? { ...v, preset, growthKind: text } : { ...v, preset, growthFigure: text };
    case "followUsers":
      return { ...v, preset, followUsers: text === "true" };
    case "buffers":
      return parts[1] === "growth" ? { ...v, preset, bufferGrowth: text } : { ...v, preset, bufferUnpredictability: text };
    case "goLive":
      return { ...v, preset, goLive: { ...v.goLive, [parts[1]]: text } };
    case "seasonality":
      return { ...v, preset, seasonality: replaceAt(v.seasonality, i, text) };
    case "topUps":
      return { ...v, preset, topUps: replaceAt(v.topUps, i, text) };
    case "committedTokens":
      return { ...v, preset, committedTokens: text };
    case "initiatives": {
      const it = v.initiatives[i];
      if (!it) return v;
      return { ...v, preset, initiatives: replaceAt(v.initiatives, i, { ...it, [parts[2]]: text }) };
    }
    default:
      return { ...v, preset, [path]: text };
  }
}

/** Adds an empty initiative (live from the first month) at the end; at most MAX_INITIATIVES. */
export function addInitiative(v: BudgetFormValues): BudgetFormValues {
  if (v.initiatives.length >= MAX_INITIATIVES) return v;
  return { ...v, preset: CUSTOM_PRESET, initiatives: [...v.initiatives, { name: "", tokensPerMonth: "", goLive: "1" }] };
}

export function removeInitiative(v: BudgetFormValues, index: number): BudgetFormValues {
  if (index < 0 || index >= v.initiatives.length) return v;
  return { ...v, preset: CUSTOM_PRESET, initiatives: v.initiatives.filter((_, k) => k !== index) };
}

/** The choices of the pickers, as data. */
export const BUDGET_CHOICES = {
  preset: presetChoices(BUDGET_PRESETS),
  card: CHOICES.card,
  currency: CHOICES.currency,
  licence: CHOICES.licence,
  rounding: CHOICES.rounding,
  level: CHOICES.level,
  growthKind: GROWTH_KINDS.map((k) => ({ value: k, label: k === "users" ? "Users a month" : k === "rate" ? "Rate a month" : "Target users" })),
} as const;
