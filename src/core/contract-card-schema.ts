/**
 * The JSON Schema (draft 2020-12) of a contract card file, built from the core's own lists (cards,
 * currencies). schemas/contract-card.schema.json is generated from it (`npm run schema`); the
 * program's own checks (contractProblems) name the same fields and have the last word.
 */
import { CARD_IDS } from "./cards";
import { CONTRACT_CARD_VERSION, CONTRACT_RULES } from "./contract-card";
import { CURRENCY_CODES } from "./currencies";
import { INPUT_RULES, type InputField } from "./input-rules";

/** A figure of the card, bounded by its input rule (CONTRACT_RULES), as the core check bounds it. */
const amount = (field: InputField) => ({ type: "number", minimum: INPUT_RULES[field].min, maximum: INPUT_RULES[field].max }) as const;
const AMOUNT = amount(CONTRACT_RULES.rate);
const PER_USER = amount(CONTRACT_RULES.addOnPerUser);
const ID = "^[a-z][a-z0-9-]*$";

const RATE_PROPERTIES = {
  tokens: { ...AMOUNT, description: "Tokens charged for every `per` units (named licences when `concurrent` is given)." },
  concurrent: { ...AMOUNT, description: "Tokens for every `per` units for concurrent licences." },
  per: {
    type: "number",
    exclusiveMinimum: 0,
    maximum: INPUT_RULES[CONTRACT_RULES.per].max,
    description: "The units `tokens` is charged for. Default: the base card's, or 1.",
  },
  tokensPerUnit: { ...AMOUNT, description: "Tokens per single unit: a shorthand for tokens with per 1." },
  low: { ...AMOUNT, description: "The low end of a range, tokens per `per` units (with high)." },
  high: { ...AMOUNT, description: "The high end of a range, tokens per `per` units (with low)." },
} as const;

export const CONTRACT_CARD_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/ai-token-planner/schemas/contract-card.schema.json",
  title: "AI Token Planner contract card",
  description:
    "The organisation's own rate card: a shipped card (baseCard) with the contract's figures. Figures it does not give are the base card's. See docs/plan-format.md.",
  type: "object",
  additionalProperties: false,
  required: ["name", "date", "source", "baseCard"],
  properties: {
    $schema: { type: "string", description: "The schema this file follows, for editors; ignored by the program." },
    version: { const: CONTRACT_CARD_VERSION, description: "The contract card format's version." },
    name: { type: "string", minLength: 1, description: "The contract's name, shown on every sheet's rates block." },
    date: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])(-\\d{2})?$", description: "The contract's date: YYYY-MM (or YYYY-MM-DD)." },
    source: { type: "string", minLength: 1, description: 'Where the figures come from, e.g. "Order form 2026-0412".' },
    baseCard: { enum: [...CARD_IDS], description: "The shipped card the contract starts from." },
    description: { type: "string" },
    currency: { enum: [...CURRENCY_CODES], description: "The currency amounts are priced in. Default: the first of pricePerToken." },
    pricePerToken: {
      type: "object",
      minProperties: 1,
      propertyNames: { enum: [...CURRENCY_CODES] },
      additionalProperties: amount(CONTRACT_RULES.pricePerToken),
      description: "The contract's price of one extra token, by currency; replaces the base card's list prices.",
    },
    allocation: {
      type: "object",
      additionalProperties: false,
      properties: {
        basis: { enum: ["per-user", "per-organisation"] },
        named: { ...amount(CONTRACT_RULES.allocationPerOrganisation), description: "Tokens a month for a named licence (per user or for the organisation)." },
        concurrent: { ...amount(CONTRACT_RULES.allocationPerOrganisation), description: "Tokens a month for a concurrent licence." },
      },
      // Per user, an allocation is bounded as tokens a user; the program also applies this when the basis is the base card's.
      if: { required: ["basis"], properties: { basis: { const: "per-user" } } },
      then: { properties: { named: amount(CONTRACT_RULES.allocationPerUser), concurrent: amount(CONTRACT_RULES.allocationPerUser) } },
    },
    committedTokens: { ...amount(CONTRACT_RULES.committedTokens), description: "Tokens the contract buys each month besides the allocation." },
    addOnPerUser: {
      anyOf: [
        { type: "null" },
        {
          type: "object",
          additionalProperties: false,
          required: ["named", "concurrent"],
          properties: { named: PER_USER, concurrent: PER_USER, condition: { type: "string" } },
        },
      ],
      description: "A per-agent add-on to the allocation (for example CX 4); null drops the base card's.",
    },
    rates: {
      type: "object",
      propertyNames: { pattern: ID },
      additionalProperties: { type: "object", additionalProperties: false, properties: RATE_PROPERTIES },
      description: "Rates that differ from the base card, by feature id.",
    },
    features: {
      type: "array",
      description: "Features of the contract's own (a meter newer than the shipped cards).",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "name", "unit"],
        properties: {
          id: { type: "string", pattern: ID },
          name: { type: "string", minLength: 1 },
          unit: { type: "string", minLength: 1, description: 'Singular, e.g. "session".' },
          units: { type: "string", description: "Plural. Default: made from unit." },
          note: { type: "string" },
          ...RATE_PROPERTIES,
        },
      },
    },
  },
} as const;
