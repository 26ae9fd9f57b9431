/**
 * The JSON Schema (draft 2020-12) of a plan file, built from the core's own lists (cards, features,
 * currencies, rounding rules), so it cannot drift from what the core accepts.
 * schemas/plan.schema.json is generated from it (`npx tsx src/cli/generate-schema.ts`) and a test
 * fails when the file is stale. docs/plan-format.md describes the format for people.
 */
import { CARD_IDS, CURRENCY_CODES, DEFAULT_CARD, DEFAULT_ROUNDING, LICENCE_MODELS, RATE_LEVELS, ROUNDING_RULES, WORKING_DAYS_PER_MONTH } from "../core";
import { CALCULATOR_LINES, PER_USER_FEATURES, VOLUME_FEATURES } from "../core/estimate";

/** The version of the plan format this program reads and writes. */
export const PLAN_VERSION = 1;
/** The longest scenario name a plan may carry: it is printed in a sheet's title and on the terminal. */
export const PLAN_NAME_MAX = 100;
/** The most days a month can have. */
const MAX_WORKING_DAYS = 31;

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
    card: { enum: [...CARD_IDS], default: DEFAULT_CARD.id, description: "The rate card the plan is costed on." },
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
  },
} as const;
