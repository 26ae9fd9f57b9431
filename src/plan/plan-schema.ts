/**
 * The plan file's format, written once: each part below is a JSON Schema (draft 2020-12) built with
 * TypeBox, and the plan file's TypeScript types are derived from the same definitions (Static), so
 * the schema and the types cannot drift apart, nor from the core's own lists (cards, features,
 * currencies, rounding rules) they are built from.
 * schemas/plan.schema.json is generated from PLAN_SCHEMA (`npm run schema`) and a test fails when
 * the committed file is stale. docs/plan-format.md describes the format for people.
 */
import { Type, type NumberOptions, type SchemaOptions, type Static, type TNumber, type TObject, type TOptional, type TSchema } from "@sinclair/typebox";
import {
  CARD_IDS,
  CARDS,
  CURRENCY_CODES,
  DEFAULT_BUFFERS,
  INPUT_RULES,
  type InputField,
  DEFAULT_CARD,
  DEFAULT_ROUNDING,
  GROWTH_KINDS,
  LICENCE_MODELS,
  MAX_VARIANCE_MONTHS,
  MAX_WEEKS,
  OTHER_FEATURE,
  ALL_FEATURES,
  LIMITS,
  PLAN_MONTHS,
  RATE_LEVELS,
  ROUNDING_RULES,
  WORKING_DAYS_PER_MONTH,
} from "../core";
import { CALCULATOR_LINES, PER_USER_FEATURES, VOLUME_FEATURES, volumeRule, type PerUserFeature, type VolumeFeature } from "../core/estimate";
import { CONTRACT_CARD_ID } from "../core/contract-card";
import { CONTRACT_CARD_SCHEMA } from "../core/contract-card-schema";

/** The contract card's schema as a section of a plan (without the file-level $schema, $id and title). */
const { $schema: _schema, $id: _id, title: _title, ...CONTRACT_SECTION } = CONTRACT_CARD_SCHEMA;

/** The version of the plan format this program reads and writes. */
export const PLAN_VERSION = 1;
/** The longest scenario name a plan may carry: it is printed in a sheet's title and on the terminal. */
const PLAN_NAME_MAX = LIMITS.textLength;
/** The longest text of a site, an initiative, a period or a month label. */
const LABEL_MAX = LIMITS.textLength;
/** The first and last start year a budget may have: its twelve months must be Excel dates (core planProblems). */
const START_YEAR = { min: 1901, max: 9998 } as const;
/** The first month of a plan is 1: go-live months count months of the plan (13: not this year). */
const FIRST_PLAN_MONTH = INPUT_RULES.goLive.min;

/**
 * A number the input gate reads (src/core/input-rules.ts): its bounds, and whether it is whole, are
 * its rule's, never restated here. `exclusiveMinimum` replaces the rule's minimum where the plan
 * needs more than the rule (an allocation above 0).
 */
function gated(field: InputField, options: NumberOptions = {}): TNumber {
  const r = INPUT_RULES[field];
  const lower = options.exclusiveMinimum === undefined ? { minimum: r.min } : {};
  const schema = { ...lower, maximum: r.max, ...options };
  return (r.whole ? Type.Integer(schema) : Type.Number(schema)) as unknown as TNumber;
}

/** Every feature id a dashboard may list: the features of every card, and "other" for AI tokens of no one feature. */
export const DASHBOARD_FEATURE_IDS: readonly string[] = [...new Set(CARDS.flatMap((c) => c.card.features.map((f) => f.id))), OTHER_FEATURE.id, ALL_FEATURES.id];

const PERIOD_TEXT = { day: "per working day", month: "per month", users: "users" } as const;

/** One of a list of strings, as a JSON Schema `enum` (its errors read "must be one of ..."). */
const Enum = <T extends string>(values: readonly T[], options: SchemaOptions = {}) => Type.Unsafe<T>({ enum: [...values], ...options });

/** An object with an optional number for each key, e.g. a volume per feature. */
function numbersBy<K extends string>(keys: readonly K[], schemaOf: (key: K) => TSchema, options: SchemaOptions): TObject<Record<K, TOptional<TNumber>>> {
  const properties = Object.fromEntries(keys.map((k) => [k, Type.Optional(schemaOf(k))]));
  return Type.Object(properties, { additionalProperties: false, ...options }) as unknown as TObject<Record<K, TOptional<TNumber>>>;
}

const lineOf = (f: string) => CALCULATOR_LINES.find((l) => l.feature === f)!;

const volumes = (options: SchemaOptions) =>
  numbersBy(
    VOLUME_FEATURES,
    (f) => gated(volumeRule(lineOf(f)), { default: 0, description: `${lineOf(f).label} (${PERIOD_TEXT[lineOf(f).period]}).` }),
    options,
  );

/** The profile's volumes: the template's, and a volume a month for each feature of the contract card's own, by its id. */
const profileVolumes = (options: SchemaOptions) =>
  volumes({
    ...options,
    propertyNames: { pattern: "^[a-z][a-z0-9-]*$" },
    additionalProperties: gated("quantity", {
      description: "A volume a month of a feature of the contract card's own (its id in the contract's features), in the feature's unit.",
    }),
  });

const tokensPerUser = () =>
  numbersBy<PerUserFeature>(
    PER_USER_FEATURES,
    (f) => gated("tokensPerUser", { description: `Own tokens per user per month for ${lineOf(f).label.replace(/ users$/, "")}, replacing the card's rate.` }),
    { description: "Own tokens-per-user figures replacing the card's rate (the mid-market example budgets Copilot at 55)." },
  );

const goLive = (description: string) =>
  numbersBy<VolumeFeature>(
    VOLUME_FEATURES,
    (f) =>
      gated("goLive", {
        description: `Month of the plan ${lineOf(f).label} goes live (1 = the first month; 13: not this year).`,
      }),
    { description },
  );

const twelve = (rule: InputField, description: string) => Type.Array(gated(rule), { minItems: PLAN_MONTHS, maxItems: PLAN_MONTHS, description });

/** The optional `budget` section: what the annual budget adds to the profile (core AnnualPlan). */
const BUDGET_SECTION = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: PLAN_NAME_MAX, description: "The budget's title; default: the plan's name. Always written as text." })),
    startMonth: Type.Optional(gated("month", { description: "The plan's first calendar month, 1-12. Default: see docs/plan-format.md." })),
    startYear: Type.Optional(
      Type.Integer({ minimum: START_YEAR.min, maximum: START_YEAR.max, description: "The year of the first month. Default: see docs/plan-format.md." }),
    ),
    growth: Type.Optional(
      Type.Object(
        {
          kind: Enum(GROWTH_KINDS, {
            description: "users: users added a month (perMonth); rate: a monthly rate (monthly, 0.01 = 1%); target: equal steps to `users` in the last month.",
          }),
          perMonth: Type.Optional(
            Type.Number({
              minimum: -INPUT_RULES.users.max,
              maximum: INPUT_RULES.users.max,
              description: "Users added a month (negative: removed); with kind users.",
            }),
          ),
          monthly: Type.Optional(gated("growthRate", { description: "Monthly growth rate, 0.01 = 1% a month; with kind rate." })),
          users: Type.Optional(gated("users", { description: "Licensed users in the last month; with kind target." })),
        },
        {
          additionalProperties: false,
          description: "How licensed users grow from the first month's `users`; default: no growth.",
          allOf: [
            { if: { properties: { kind: { const: "users" } } }, then: { properties: { perMonth: true }, required: ["perMonth"] } },
            { if: { properties: { kind: { const: "rate" } } }, then: { properties: { monthly: true }, required: ["monthly"] } },
            { if: { properties: { kind: { const: "target" } } }, then: { properties: { users: true }, required: ["users"] } },
          ],
        },
      ),
    ),
    userFeaturesFollowUsers: Type.Optional(
      Type.Boolean({ default: true, description: "Copilot and Analytics seats grow in proportion to the licensed users." }),
    ),
    goLive: Type.Optional(goLive("Month of the plan (1-12) each feature goes live; a feature left out is live from the first month.")),
    multipliers: Type.Optional(
      twelve(
        "multiplier",
        "Seasonal multipliers by calendar month, January first (not from the start month): [1.5, 1, ..., 1, 1.5] runs January and December x1.5. Default: twelve 1s.",
      ),
    ),
    topUps: Type.Optional(twelve("tokens", "Top-up tokens bought, by calendar month, January first. Default: twelve 0s.")),
    committedTokens: Type.Optional(
      Type.Union([gated("tokens"), twelve("tokens", "Committed tokens by calendar month, January first.")], {
        description:
          "Committed (prepaid) tokens a month under the organisation's contract, besides the free allocation (Genesys's subscription overview calls them prepayQuantity): one number for every month, or twelve by calendar month, January first. Tokens available = allocation + committed + top-ups; overage only above that. Their price is the contract's, so they are not in the cost. Default: 0.",
      }),
    ),
    initiatives: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ maxLength: LABEL_MAX, description: "What it is. Always written as text." }),
            tokensPerMonth: gated("tokens", { description: "Tokens a month it adds." }),
            goLive: Type.Optional(gated("goLive", { default: FIRST_PLAN_MONTH, description: "Month of the plan it starts (13: not this year)." })),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: LIMITS.initiatives,
          description: "New deployments or channels: extra tokens a month from their go-live month (x the month's seasonal multiplier).",
        },
      ),
    ),
    buffers: Type.Optional(
      Type.Object(
        {
          unpredictability: Type.Optional(gated("buffer", { default: DEFAULT_BUFFERS.unpredictability, description: "The notes' +20% for unpredictability." })),
          growth: Type.Optional(gated("buffer", { default: DEFAULT_BUFFERS.growth, description: "The notes' +10-15% for growth." })),
        },
        {
          additionalProperties: false,
          description: "The budgeting buffers, as fractions: the budget with buffers is the forecast x (1 + unpredictability + growth).",
        },
      ),
    ),
    sites: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ maxLength: LABEL_MAX, description: "The site's name. Always written as text." }),
            volumes: volumes({ description: "The site's volumes; only the features named get rows.", minProperties: 1 }),
            goLive: Type.Optional(goLive("Go-live months of the site's features; default: the budget's goLive.")),
          },
          { additionalProperties: false },
        ),
        { maxItems: LIMITS.sites, description: "Sites or cost centres, each with its own volumes; when given they replace the plan's volumes in the budget." },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      "The annual budget: twelve months from startMonth/startYear, built on the plan's profile (card, licence, users in the first month, working days, price, rounding, level, volumes, tokensPerUser). See docs/plan-format.md.",
  },
);

/** Tokens within the gate's bounds, or null for "no actual yet": one type with two values, so a bad figure gets one message. */
const nullableCount = (description?: string) =>
  Type.Unsafe<number | null>({
    type: ["number", "null"],
    minimum: INPUT_RULES.tokens.min,
    maximum: INPUT_RULES.tokens.max,
    ...(description ? { description } : {}),
  });

/** The optional `dashboard` section: one period's actual usage (core UsageDashboard). */
const DASHBOARD_SECTION = Type.Object(
  {
    period: Type.String({ minLength: 1, maxLength: LABEL_MAX, description: 'The period, e.g. "March 2026". Always written as text.' }),
    allocation: Type.Optional(
      gated("tokens", {
        exclusiveMinimum: 0,
        description:
          "Tokens allocated for the period, top-ups included. Default: the budget's allocation and top-up of that month, else the profile's monthly allocation.",
      }),
    ),
    committed: Type.Optional(
      gated("tokens", {
        description: "Committed (prepaid) tokens of the period, besides the allocation; overage is only above allocation + committed. Default: 0.",
      }),
    ),
    features: Type.Unsafe<Record<string, number | null>>(
      Type.Object(Object.fromEntries(DASHBOARD_FEATURE_IDS.map((f) => [f, Type.Optional(nullableCount())])), {
        additionalProperties: false,
        minProperties: 1,
        description:
          'Tokens consumed in the period by feature of the plan\'s card ("other": AI tokens of no one feature; "all": all AI features, for data without a per-feature breakdown), in the order shown; null: no actual yet (an empty input).',
      }),
    ),
    weekly: Type.Optional(
      Type.Array(nullableCount(), {
        maxItems: MAX_WEEKS,
        description: "Tokens consumed week by week, week 1 first; null: no data for the week yet (weeks with data first). Default: none.",
      }),
    ),
    daysInPeriod: Type.Optional(
      // The period's days, not the functions' "days" rule (at most 31): a quarter or a 45-day peak is a period too.
      gated("periodDays", { description: 'Days in the period. Default: the days of the period\'s month when it reads like "March 2026".' }),
    ),
    daysElapsed: Type.Optional(
      gated("periodDays", {
        description:
          "Days of the period the data covers, at most daysInPeriod; fewer makes the period partial (projection and variance use the days covered). Default: daysInPeriod.",
      }),
    ),
    variance: Type.Optional(
      Type.Array(
        Type.Object(
          {
            month: Type.String({ minLength: 1, maxLength: LABEL_MAX, description: 'The month, e.g. "January 2026". Always written as text.' }),
            budgeted: Type.Optional(
              gated("tokens", { default: 0, description: "Budgeted tokens (replaced by the budget sheet's forecast for months inside the budget)." }),
            ),
            actual: Type.Optional(nullableCount("Actual tokens consumed; left out or null while the month has no actual (no variance is shown for it).")),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: MAX_VARIANCE_MONTHS,
          description:
            "The monthly actual-vs-budget review, oldest first. With a budget sheet in the workbook, months inside its twelve read their budget from it.",
        },
      ),
    ),
    varianceExample: Type.Optional(
      Type.Boolean({ default: false, description: "The variance rows are example figures, not anyone's data: the sheet and the pane say so." }),
    ),
  },
  {
    additionalProperties: false,
    description: "The usage dashboard of one period: actual tokens by feature and week, on the plan's card. See docs/plan-format.md.",
  },
);

/** The profile: the top-level fields of a plan, the calculator's inputs and every sheet's basis (core Profile). */
const PROFILE_PROPERTIES = {
  $schema: Type.Optional(Type.String({ description: "The schema this file follows, for editors; ignored by the program." })),
  version: Type.Unsafe<typeof PLAN_VERSION>({ const: PLAN_VERSION, description: "The plan format's version." }),
  name: Type.Optional(
    Type.String({
      maxLength: PLAN_NAME_MAX,
      default: "Token plan",
      description: "The scenario or company name, shown in the Scenario cell of the sheets. Always written as text, never as a formula.",
    }),
  ),
  card: Type.Optional(
    Enum([...CARD_IDS, CONTRACT_CARD_ID], {
      default: DEFAULT_CARD.id,
      description: `The rate card the plan is costed on; "${CONTRACT_CARD_ID}" is the organisation's contract card (the contract section, cardFile or --card-file), the default when there is one.`,
    }),
  ),
  cardFile: Type.Optional(Type.String({ minLength: 1, description: "A contract card file (schemas/contract-card.schema.json), relative to the plan file." })),
  contract: Type.Optional(
    Type.Unsafe<unknown>({ ...CONTRACT_SECTION, description: "The organisation's contract card, written in the plan (schemas/contract-card.schema.json)." }),
  ),
  licence: Type.Optional(Enum(LICENCE_MODELS, { default: "named", description: "Named or concurrent user licences." })),
  users: gated("users", { description: "Licensed users: the allocation's basis on a per-user card." }),
  workingDays: Type.Optional(
    gated("workingDays", {
      default: WORKING_DAYS_PER_MONTH,
      description: "Working days per month, turning daily volumes into monthly ones.",
    }),
  ),
  currency: Type.Optional(Enum(CURRENCY_CODES, { description: "The currency of the price per token. Default: the card's default currency." })),
  pricePerToken: Type.Optional(
    gated("pricePerToken", { description: "The price of one extra token in the currency. Default: the card's published price in that currency." }),
  ),
  rounding: Type.Optional(
    Enum(ROUNDING_RULES, {
      default: DEFAULT_ROUNDING,
      description: "line: each line half up to whole tokens (the notes' rule); exact: keep fractions; up: each line up.",
    }),
  ),
  level: Type.Optional(
    Enum(RATE_LEVELS, { default: "mid", description: "Where a rate is a range (Copilot 40-60): its low end, budgeting figure or high end." }),
  ),
  volumes: profileVolumes({
    description: "Volumes of the quick estimation template, and of the contract card's own features (by their id, a month). A missing feature counts 0.",
  }),
  tokensPerUser: Type.Optional(tokensPerUser()),
  otherTokens: Type.Optional(
    gated("tokens", {
      description:
        "The template's line 7, \"Other features\": tokens a month of features without a line of their own (AI Summary, a new meter), the analyst's own figure, summed into the total. Default: 0.",
    }),
  ),
};

export const PLAN_SCHEMA = Type.Object(
  {
    ...PROFILE_PROPERTIES,
    budget: Type.Optional(BUDGET_SECTION),
    dashboard: Type.Optional(DASHBOARD_SECTION),
  },
  {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "urn:ai-token-planner:plan:1",
    title: "AI Token Planner plan",
    description: "A contact-center profile for budgeting Genesys Cloud AI Experience tokens: the input of `ai-token-planner --plan`. See docs/plan-format.md.",
    additionalProperties: false,
  },
);

/** A plan file's content, as the schema describes it. */
export type PlanJson = Static<typeof PLAN_SCHEMA>;
/** The `budget` section of a plan file: what a budget adds to the profile. */
export type BudgetJson = Static<typeof BUDGET_SECTION>;
/** The `dashboard` section of a plan file. */
export type DashboardJson = Static<typeof DASHBOARD_SECTION>;
