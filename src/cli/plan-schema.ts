/**
 * The JSON Schema (draft 2020-12) of a plan file, built from the core's own lists (cards, features,
 * currencies, rounding rules), so it cannot drift from what the core accepts.
 * schemas/plan.schema.json is generated from it (`npx tsx src/cli/generate-schema.ts`) and a test
 * fails when the file is stale. docs/plan-format.md describes the format for people.
 */
import {
  CARD_IDS,
  CARDS,
  CURRENCY_CODES,
  DEFAULT_BUFFERS,
  DEFAULT_CARD,
  DEFAULT_ROUNDING,
  GROWTH_KINDS,
  LICENCE_MODELS,
  MAX_VARIANCE_MONTHS,
  MAX_WEEKS,
  OTHER_FEATURE,
  PLAN_MONTHS,
  RATE_LEVELS,
  ROUNDING_RULES,
  WORKING_DAYS_PER_MONTH,
} from "../core";
import { CALCULATOR_LINES, PER_USER_FEATURES, VOLUME_FEATURES } from "../core/estimate";
import { CONTRACT_CARD_ID } from "../core/contract-card";
import { CONTRACT_CARD_SCHEMA } from "../core/contract-card-schema";

/** The contract card's schema as a section of a plan (without the file-level $schema and $id). */
const { $schema: _schema, $id: _id, title: _title, ...CONTRACT_SECTION } = CONTRACT_CARD_SCHEMA;

/** The version of the plan format this program reads and writes. */
export const PLAN_VERSION = 1;
/** The longest scenario name a plan may carry: it is printed in a sheet's title and on the terminal. */
export const PLAN_NAME_MAX = 100;
/** The most days a month can have. */
const MAX_WORKING_DAYS = 31;
/** The longest text of a site, an initiative, a period or a month label. */
export const LABEL_MAX = 100;
/** The first and last start year a budget may have: its twelve months must be Excel dates (core planProblems). */
export const START_YEAR = { min: 1901, max: 9998 } as const;
/** The first month of a plan is 1: go-live months count months of the plan (13 and later: not this year). */
const FIRST_PLAN_MONTH = 1;

/** Every feature id a dashboard may list: the features of every card, and "other" for AI tokens of no one feature. */
export const DASHBOARD_FEATURE_IDS: readonly string[] = [...new Set(CARDS.flatMap((c) => c.card.features.map((f) => f.id))), OTHER_FEATURE.id];

const PERIOD_TEXT = { day: "per working day", month: "per month", users: "users" } as const;

function volumeProperties(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const f of VOLUME_FEATURES) {
    const line = CALCULATOR_LINES.find((l) => l.feature === f)!;
    out[f] = { type: "number", minimum: 0, default: 0, description: `${line.label} (${PERIOD_TEXT[line.period]}).` };
  }
  return out;
}

function tokensPerUserProperties(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const f of PER_USER_FEATURES) {
    const line = CALCULATOR_LINES.find((l) => l.feature === f)!;
    out[f] = { type: "number", minimum: 0, description: `Own tokens per user per month for ${line.label.replace(/ users$/, "")}, replacing the card's rate.` };
  }
  return out;
}

function goLiveProperties(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const f of VOLUME_FEATURES) {
    const line = CALCULATOR_LINES.find((l) => l.feature === f)!;
    out[f] = { type: "integer", minimum: FIRST_PLAN_MONTH, description: `Month of the plan ${line.label} goes live (1 = the first month; 13 or later: not this year).` };
  }
  return out;
}

const twelve = (description: string, item: object) => ({ type: "array", minItems: PLAN_MONTHS, maxItems: PLAN_MONTHS, items: item, description });

const volumesObject = (description: string) => ({ type: "object", additionalProperties: false, description, properties: volumeProperties() });

/** The optional `budget` section: what the annual budget adds to the profile (core AnnualPlan). */
const BUDGET_SCHEMA = {
  type: "object",
  additionalProperties: false,
  description:
    "The annual budget: twelve months from startMonth/startYear, built on the plan's profile (card, licence, users in the first month, working days, price, rounding, level, volumes, tokensPerUser). See docs/plan-format.md.",
  properties: {
    name: { type: "string", maxLength: PLAN_NAME_MAX, description: "The budget's title; default: the plan's name. Always written as text." },
    startMonth: { type: "integer", minimum: 1, maximum: PLAN_MONTHS, description: "The plan's first calendar month, 1-12. Default: see docs/plan-format.md." },
    startYear: { type: "integer", minimum: START_YEAR.min, maximum: START_YEAR.max, description: "The year of the first month. Default: see docs/plan-format.md." },
    growth: {
      type: "object",
      additionalProperties: false,
      required: ["kind"],
      description: "How licensed users grow from the first month's `users`; default: no growth.",
      properties: {
        kind: { enum: [...GROWTH_KINDS], description: "users: users added a month (perMonth); rate: a monthly rate (monthly, 0.01 = 1%); target: equal steps to `users` in the last month." },
        perMonth: { type: "number", description: "Users added a month (negative: removed); with kind users." },
        monthly: { type: "number", exclusiveMinimum: -1, description: "Monthly growth rate, 0.01 = 1% a month; with kind rate." },
        users: { type: "number", minimum: 0, description: "Licensed users in the last month; with kind target." },
      },
      allOf: [
        { if: { properties: { kind: { const: "users" } } }, then: { properties: { perMonth: true }, required: ["perMonth"] } },
        { if: { properties: { kind: { const: "rate" } } }, then: { properties: { monthly: true }, required: ["monthly"] } },
        { if: { properties: { kind: { const: "target" } } }, then: { properties: { users: true }, required: ["users"] } },
      ],
    },
    userFeaturesFollowUsers: { type: "boolean", default: true, description: "Copilot and Analytics seats grow in proportion to the licensed users." },
    goLive: { type: "object", additionalProperties: false, description: "Month of the plan (1-12) each feature goes live; a feature left out is live from the first month.", properties: goLiveProperties() },
    multipliers: twelve("Seasonal multipliers by calendar month, January first (not from the start month): [1.5, 1, ..., 1, 1.5] runs January and December x1.5. Default: twelve 1s.", {
      type: "number",
      minimum: 0,
    }),
    topUps: twelve("Top-up tokens bought, by calendar month, January first. Default: twelve 0s.", { type: "number", minimum: 0 }),
    initiatives: {
      type: "array",
      description: "New deployments or channels: extra tokens a month from their go-live month (x the month's seasonal multiplier).",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "tokensPerMonth"],
        properties: {
          name: { type: "string", maxLength: LABEL_MAX, description: "What it is. Always written as text." },
          tokensPerMonth: { type: "number", minimum: 0, description: "Tokens a month it adds." },
          goLive: { type: "integer", minimum: FIRST_PLAN_MONTH, default: FIRST_PLAN_MONTH, description: "Month of the plan it starts (13 or later: not this year)." },
        },
      },
    },
    buffers: {
      type: "object",
      additionalProperties: false,
      description: "The budgeting buffers, as fractions: the budget with buffers is the forecast x (1 + unpredictability + growth).",
      properties: {
        unpredictability: { type: "number", minimum: 0, default: DEFAULT_BUFFERS.unpredictability, description: "The notes' +20% for unpredictability." },
        growth: { type: "number", minimum: 0, default: DEFAULT_BUFFERS.growth, description: "The notes' +10-15% for growth." },
      },
    },
    sites: {
      type: "array",
      description: "Sites or cost centres, each with its own volumes; when given they replace the plan's volumes in the budget.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "volumes"],
        properties: {
          name: { type: "string", maxLength: LABEL_MAX, description: "The site's name. Always written as text." },
          volumes: { ...volumesObject("The site's volumes; only the features named get rows."), minProperties: 1 },
          goLive: { type: "object", additionalProperties: false, description: "Go-live months of the site's features; default: the budget's goLive.", properties: goLiveProperties() },
        },
      },
    },
  },
} as const;

/** The optional `dashboard` section: one period's actual usage (core UsageDashboard). */
const DASHBOARD_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["period", "features"],
  description: "The usage dashboard of one period: actual tokens by feature and week, on the plan's card. See docs/plan-format.md.",
  properties: {
    period: { type: "string", minLength: 1, maxLength: LABEL_MAX, description: 'The period, e.g. "March 2026". Always written as text.' },
    allocation: {
      type: "number",
      exclusiveMinimum: 0,
      description: "Tokens allocated for the period, top-ups included. Default: the budget's allocation and top-up of that month, else the profile's monthly allocation.",
    },
    features: {
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      description: "Tokens consumed in the period by feature of the plan's card (\"other\": AI tokens of no one feature), in the order shown.",
      properties: Object.fromEntries(DASHBOARD_FEATURE_IDS.map((f) => [f, { type: "number", minimum: 0 }])),
    },
    weekly: { type: "array", maxItems: MAX_WEEKS, items: { type: "number", minimum: 0 }, description: "Tokens consumed week by week, week 1 first. Default: none." },
    daysInPeriod: { type: "number", exclusiveMinimum: 0, description: 'Days in the period. Default: the days of the period\'s month when it reads like "March 2026".' },
    daysElapsed: { type: "number", exclusiveMinimum: 0, description: "Days of the period elapsed, at most daysInPeriod. Default: daysInPeriod (the period is over)." },
    variance: {
      type: "array",
      maxItems: MAX_VARIANCE_MONTHS,
      description: "The monthly actual-vs-budget review, oldest first. With a budget sheet in the workbook, months inside its twelve read their budget from it.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["month", "actual"],
        properties: {
          month: { type: "string", minLength: 1, maxLength: LABEL_MAX, description: 'The month, e.g. "January 2026". Always written as text.' },
          budgeted: { type: "number", minimum: 0, default: 0, description: "Budgeted tokens (replaced by the budget sheet's forecast for months inside the budget)." },
          actual: { type: "number", minimum: 0, description: "Actual tokens consumed." },
        },
      },
    },
  },
} as const;

export const PLAN_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:ai-token-planner:plan:1",
  title: "AI Token Planner plan",
  description:
    "A contact-center profile for budgeting Genesys Cloud AI Experience tokens: the input of `ai-token-planner --plan`. See docs/plan-format.md.",
  type: "object",
  additionalProperties: false,
  required: ["version", "users", "volumes"],
  properties: {
    $schema: { type: "string", description: "The schema this file follows, for editors; ignored by the program." },
    version: { const: PLAN_VERSION, description: "The plan format's version." },
    name: {
      type: "string",
      maxLength: PLAN_NAME_MAX,
      default: "Token plan",
      description: "The scenario or company name, shown in the Scenario cell of the sheets. Always written as text, never as a formula.",
    },
    card: {
      enum: [...CARD_IDS, CONTRACT_CARD_ID],
      default: DEFAULT_CARD.id,
      description: `The rate card the plan is costed on; "${CONTRACT_CARD_ID}" is the organisation's contract card (the contract section, cardFile or --card-file), the default when there is one.`,
    },
    cardFile: { type: "string", minLength: 1, description: "A contract card file (schemas/contract-card.schema.json), relative to the plan file." },
    contract: { ...CONTRACT_SECTION, description: "The organisation's contract card, written in the plan (schemas/contract-card.schema.json)." },
    licence: { enum: [...LICENCE_MODELS], default: "named", description: "Named or concurrent user licences." },
    users: { type: "integer", minimum: 0, description: "Licensed users: the allocation's basis on a per-user card." },
    workingDays: {
      type: "number",
      minimum: 0,
      maximum: MAX_WORKING_DAYS,
      default: WORKING_DAYS_PER_MONTH,
      description: "Working days per month, turning daily volumes into monthly ones.",
    },
    currency: {
      enum: [...CURRENCY_CODES],
      description: "The currency of the price per token. Default: the card's default currency.",
    },
    pricePerToken: {
      type: "number",
      minimum: 0,
      description: "The price of one extra token in the currency. Default: the card's published price in that currency.",
    },
    rounding: {
      enum: [...ROUNDING_RULES],
      default: DEFAULT_ROUNDING,
      description: "line: each line half up to whole tokens (the notes' rule); exact: keep fractions; up: each line up.",
    },
    level: { enum: [...RATE_LEVELS], default: "mid", description: "Where a rate is a range (Copilot 40-60): its low end, budgeting figure or high end." },
    volumes: {
      type: "object",
      additionalProperties: false,
      description: "Volumes of the quick estimation template. A missing feature counts 0.",
      properties: volumeProperties(),
    },
    tokensPerUser: {
      type: "object",
      additionalProperties: false,
      description: "Own tokens-per-user figures replacing the card's rate (the mid-market example budgets Copilot at 55).",
      properties: tokensPerUserProperties(),
    },
    budget: BUDGET_SCHEMA,
    dashboard: DASHBOARD_SCHEMA,
  },
} as const;
