/**
 * The one table of the TOKENS custom functions: per function its id, description, arguments (name,
 * help, type, optional), examples, what it returns and which implementation of ./functions runs it.
 * From it come functions.json (through the JSDoc'd module scripts/function-wrappers.ts generates at
 * build time for custom-functions-metadata), the help page (scripts/function-help.ts) and the README's
 * function reference (scripts/function-reference.ts).
 *
 * The per-feature consumption functions are not written here: each catalogue entry with a `function`
 * (src/core/feature-catalogue.ts) gets one, its description, arguments and examples derived from the
 * rate cards. So a feature's own function is a catalogue entry, and its rates a card row.
 *
 * Only the build and the tests read this table; the functions bundle holds ./functions alone.
 */
import { CARDS } from "../core/cards";
import { FEATURE_CATALOGUE, type FeatureEntry } from "../core/feature-catalogue";
import { LICENCE_MODELS, RATE_LEVELS, type FeatureRate } from "../core/ratecard";
import { featureSlot } from "./arguments";

/** An argument's type as custom-functions-metadata reads it: any value, text, or a range. */
export type ArgumentType = "any" | "text" | "range";

export interface ArgumentSpec {
  readonly name: string;
  readonly help: string;
  readonly type: ArgumentType;
  readonly optional?: boolean;
}

export interface FunctionSpec {
  /** `=TOKENS.<id>(...)`: upper case. */
  readonly id: string;
  /**
   * The name of the JavaScript function custom-functions-metadata pairs with the id, and of the
   * implementation ./functions exports, unless the function is a catalogue feature's.
   */
  readonly name: string;
  /** The catalogue feature whose function (./functions FEATURE_FUNCTIONS[id]) implements it, if any. */
  readonly feature?: string;
  readonly description: string;
  readonly args: readonly ArgumentSpec[];
  /** Formulas shown on the help page with the result the function gives. */
  readonly examples: readonly string[];
  readonly returns: { readonly type: "number" | "text" | "table"; readonly help: string };
}

const NAMESPACE = "TOKENS";

/** `"low", "mid" (default) or "high"` */
function choices(words: readonly string[], fallback: string): string {
  const quoted = words.map((w) => `"${w}"${w === fallback ? " (default)" : ""}`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

const CARD_HELP = `Rate card: ${choices(
  CARDS.map((c) => c.id),
  CARDS[0].id,
)}.`;

/** The option arguments several functions share. */
const OPTION: Readonly<Record<"rounding" | "card" | "level" | "model", ArgumentSpec>> = {
  rounding: { name: "rounding", type: "text", optional: true, help: '"line" (default): half up to whole tokens; "exact": keep fractions; "up": round up.' },
  card: { name: "card", type: "range", optional: true, help: CARD_HELP },
  level: { name: "level", type: "text", optional: true, help: `Where the rate is a range: ${choices(RATE_LEVELS, "mid")}.` },
  model: { name: "model", type: "text", optional: true, help: `Licence model, for licence-dependent rates: ${choices(LICENCE_MODELS, "named")}.` },
};

const PRICE: ArgumentSpec = {
  name: "pricePerToken",
  type: "any",
  optional: true,
  help: 'A price per token, or a currency code whose price the card lists (e.g. "EUR"); blank is the card\'s price (USD 1.00).',
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "1 token per 17 minutes", "50 tokens per user (range 40-60)", "40 per named, 60 per concurrent user". */
export function rateText(f: FeatureRate): string {
  if (f.included) return "included (no tokens)";
  const per = f.per === 1 ? f.unit : `${f.per} ${f.units}`;
  if (typeof f.tokens !== "number") return `${f.tokens.named} per named, ${f.tokens.concurrent} per concurrent ${per}`;
  const range = f.range ? ` (range ${f.range.low}-${f.range.high})` : "";
  return `${plural(f.tokens, "token", "tokens")} per ${per}${range}`;
}

/** `=TOKENS.X(50, , , "genesys-published")`: blank arguments as Excel's empty slots, trailing ones left out. */
function formula(id: string, args: readonly (string | number | null)[]): string {
  let n = args.length;
  while (n > 0 && args[n - 1] === null) n--;
  const text = args.slice(0, n).map((a) => (a === null ? "" : typeof a === "number" ? String(a) : `"${a}"`));
  return `=${NAMESPACE}.${id}(${text.join(", ")})`;
}

/** The function of a catalogue feature, from the feature's rows on the cards. */
function featureSpec(entry: FeatureEntry, fn: NonNullable<FeatureEntry["function"]>): FunctionSpec {
  const slot = featureSlot(entry.id);
  const priced = CARDS.map((c, i) => ({ card: c, f: slot.byCard[i] }));
  const first = priced.find((p) => p.f !== undefined)!.f!;
  const otherUnits = priced.filter((p) => p.f !== undefined && p.f.units !== first.units).map((p) => ` (${p.f!.units} on the "${p.card.id}" card)`);
  const args: ArgumentSpec[] = [{ name: first.units, type: "any", help: `${first.name}: ${first.units} in the month${otherUnits.join("")}.` }];
  if (slot.ownRate) {
    args.push({
      name: `tokensPer${capitalised(first.unit)}`,
      type: "any",
      optional: true,
      help: `Your own tokens-per-${first.unit} figure; blank uses the card's rate.`,
    });
  }
  args.push(OPTION.rounding, OPTION.card, OPTION.level);
  if (slot.licenceDependent) args.push(OPTION.model);

  const rates = priced.map(({ card, f }, i) => {
    const text = f === undefined ? "not priced" : i > 0 && slot.byCard[0] !== undefined && rateText(slot.byCard[0]) === rateText(f) ? "the same" : rateText(f);
    return i === 0 ? `${capitalised(card.id)} rate: ${text}` : `${card.id}: ${text}`;
  });

  // Examples: the quantity on the default card, then on each other card that prices it (with each
  // licence model where the rate depends on it), the high end of a range, and "exact" where the
  // line rounds.
  const at = (name: string): number => args.findIndex((a) => a.name === name);
  const call = (settings: Readonly<Record<string, string>>): string =>
    formula(
      fn.name,
      args.map((a, i) => (i === 0 ? fn.example : (settings[a.name] ?? null))),
    );
  const examples = [call({})];
  priced.forEach(({ card, f }, i) => {
    if (i === 0 || f === undefined) return;
    examples.push(call({ card: card.id }));
    if (typeof f.tokens !== "number" && at("model") >= 0) examples.push(call({ card: card.id, model: LICENCE_MODELS[1] }));
  });
  const ranged = priced.find((p) => p.f?.range !== undefined);
  if (ranged) examples.push(call(ranged === priced[0] ? { level: "high" } : { card: ranged.card.id, level: "high" }));
  if (typeof first.tokens === "number" && !Number.isInteger((fn.example * first.tokens) / first.per)) examples.push(call({ rounding: "exact" }));

  return {
    id: fn.name,
    feature: entry.id,
    name: fn.name.toLowerCase(),
    description: `Monthly tokens for ${first.name}. ${rates.join("; ")}.`,
    args,
    examples,
    returns: { type: "number", help: "Tokens for the month." },
  };
}

/** Functions of their own, in the order the reference lists them after the features'. */
const GENERAL: readonly FunctionSpec[] = [
  {
    id: "CONSUMPTION",
    name: "consumption",
    description: "Monthly tokens for any feature of the rate card, by id or name, including the included (zero-token) ones. RATES() lists the features.",
    args: [
      { name: "feature", type: "text", help: 'Feature id or name, e.g. "voicebot" or "Voice Bots".' },
      { name: "quantity", type: "any", help: "Quantity in the month, in the feature's unit." },
      OPTION.rounding,
      OPTION.card,
      OPTION.level,
      OPTION.model,
    ],
    examples: [
      '=TOKENS.CONSUMPTION("virtualagent", 1000, "line", "genesys-published")',
      '=TOKENS.CONSUMPTION("Voice Bots", 5000)',
      '=TOKENS.CONSUMPTION("predictiverouting", 1000)',
      '=TOKENS.CONSUMPTION("summary", 500)',
    ],
    returns: { type: "number", help: "Tokens for the month." },
  },
  {
    id: "MONTHLY",
    name: "monthly",
    description: "A monthly volume from a daily one: per day x working days.",
    args: [
      { name: "perDay", type: "any", help: "Volume per working day." },
      { name: "workingDays", type: "any", optional: true, help: "Working days in the month; blank is 20." },
    ],
    examples: ["=TOKENS.MONTHLY(200)", "=TOKENS.MONTHLY(200, 22)", "=TOKENS.MONTHLY(-5)"],
    returns: { type: "number", help: "The volume for the month." },
  },
  {
    id: "ALLOCATION",
    name: "allocation",
    description:
      "The monthly token allocation: 250 per named or 350 per concurrent user on the study-notes card; one amount for the organisation on the published card.",
    args: [
      { name: "users", type: "any", help: "Licensed users." },
      { name: "model", type: "text", optional: true, help: `Licence model: ${choices(LICENCE_MODELS, "named")}.` },
      OPTION.card,
      {
        name: "addOn",
        type: "any",
        optional: true,
        help: "TRUE to add the card's per-agent add-on where it has one (published card: CX 4, unconfirmed); blank is FALSE.",
      },
    ],
    examples: ["=TOKENS.ALLOCATION(200)", '=TOKENS.ALLOCATION(50, "concurrent")', '=TOKENS.ALLOCATION(50, "named", "genesys-published")'],
    returns: { type: "number", help: "Tokens allocated for the month." },
  },
  {
    id: "OVERAGE",
    name: "overage",
    description: "Tokens over the allocation in one month: MAX(0, consumption - allocation).",
    args: [
      { name: "consumption", type: "any", help: "Tokens consumed in the month." },
      { name: "allocation", type: "any", help: "Tokens allocated for the month." },
    ],
    examples: ["=TOKENS.OVERAGE(60000, 50000)", "=TOKENS.OVERAGE(40000, 50000)"],
    returns: { type: "number", help: "Overage tokens for the month." },
  },
  {
    id: "COST",
    name: "cost",
    description: "What tokens cost: tokens x price per token.",
    args: [{ name: "tokens", type: "any", help: "Tokens to price (e.g. the overage)." }, PRICE, OPTION.card],
    examples: ["=TOKENS.COST(1000)", '=TOKENS.COST(1000, "EUR", "genesys-published")', '=TOKENS.COST(1000, "EUR")'],
    returns: { type: "number", help: "The cost, in the price's currency." },
  },
  {
    id: "ANNUALCOST",
    name: "annualCost",
    description:
      "The cost of a year's overage with no carryover: each month's overage MAX(0, consumption - allocation) is summed, so unused tokens never offset another month.",
    args: [
      { name: "monthlyConsumption", type: "range", help: "Tokens consumed, one cell per month (blank cells are 0)." },
      { name: "monthlyAllocation", type: "range", help: "Tokens allocated: one number for every month, or one cell per month." },
      PRICE,
      OPTION.card,
    ],
    examples: ["=TOKENS.ANNUALCOST({40000;20000;40000}, 30000)", "=TOKENS.ANNUALCOST({40000;20000}, {30000;30000;30000})"],
    returns: { type: "number", help: "The period's overage cost, in the price's currency." },
  },
  {
    id: "UTILIZATION",
    name: "utilization",
    description: "Consumption as a share of the allocation (0.396 is 39.6%); 40-80% is the good range.",
    args: [
      { name: "consumption", type: "any", help: "Tokens consumed (or projected)." },
      { name: "allocation", type: "any", help: "Tokens allocated; 0 gives #DIV/0!." },
    ],
    examples: ["=TOKENS.UTILIZATION(19810, 50000)", "=TOKENS.UTILIZATION(100, 0)"],
    returns: { type: "number", help: "The share of the allocation used." },
  },
  {
    id: "HEALTH",
    name: "health",
    description: 'Health of consumption against allocation: "GREEN" up to 80%, "AMBER" above 80% up to 100%, "RED" above 100% (overage).',
    args: [
      { name: "consumption", type: "any", help: "Tokens consumed, or the month-end projection." },
      { name: "allocation", type: "any", help: "Tokens allocated for the month." },
    ],
    examples: ["=TOKENS.HEALTH(30000, 50000)", "=TOKENS.HEALTH(45000, 50000)", "=TOKENS.HEALTH(60000, 50000)"],
    returns: { type: "text", help: '"GREEN", "AMBER" or "RED".' },
  },
  {
    id: "PROJECT",
    name: "project",
    description: "Month-end consumption if the pace so far continues: consumed / days elapsed x days in the period.",
    args: [
      { name: "consumedToDate", type: "any", help: "Tokens consumed so far this period." },
      { name: "daysElapsed", type: "any", help: "Days elapsed so far (0 gives #DIV/0!)." },
      { name: "daysInPeriod", type: "any", help: "Days in the whole period (at least the days elapsed)." },
    ],
    examples: ["=TOKENS.PROJECT(6000, 10, 31)", "=TOKENS.PROJECT(6000, 0, 31)"],
    returns: { type: "number", help: "Projected tokens at the end of the period." },
  },
  {
    id: "BUDGET",
    name: "budget",
    description: "A token budget from a baseline: baseline x (1 + overage buffer + growth buffer).",
    args: [
      { name: "baseline", type: "any", help: "Baseline tokens per month." },
      { name: "overageBuffer", type: "any", optional: true, help: 'Buffer for unpredictability, as a fraction (0.2 or "20%"); blank is 20%.' },
      { name: "growthBuffer", type: "any", optional: true, help: "Buffer for growth, as a fraction; blank is 10% (the notes suggest 10-15%)." },
    ],
    examples: ["=TOKENS.BUDGET(1000)", '=TOKENS.BUDGET(1000, "20%", 0.15)'],
    returns: { type: "number", help: "Budgeted tokens per month." },
  },
  {
    id: "TOPUP",
    name: "topUp",
    description: "Whole top-up tokens to buy so the projection (plus a buffer) fits the allocation, rounded up; 0 when it already fits.",
    args: [
      { name: "projected", type: "any", help: "Projected tokens for the month." },
      { name: "allocation", type: "any", help: "Tokens allocated for the month." },
      { name: "buffer", type: "any", optional: true, help: 'Safety margin on the projection, as a fraction (0.1 or "10%"); blank is 0.' },
    ],
    examples: ["=TOKENS.TOPUP(40000, 30000)", '=TOKENS.TOPUP(40000, 30000, "10%")', "=TOKENS.TOPUP(20000, 30000)"],
    returns: { type: "number", help: "Tokens to buy." },
  },
  {
    id: "RATES",
    name: "rates",
    description:
      "The rate card as a table that spills: a header row, then per feature its id, name, unit, tokens, per, tokens per unit, low, high, included, source and confidence.",
    args: [OPTION.card, { ...OPTION.model, help: `Licence model for licence-dependent rates: ${choices(LICENCE_MODELS, "named")}.` }],
    examples: ["=TOKENS.RATES()", '=TOKENS.RATES("genesys-published", "concurrent")'],
    returns: { type: "table", help: "The rates table, header row first." },
  },
];

/** Every custom function: the catalogue's features with a function of their own, then the others. */
export const FUNCTION_TABLE: readonly FunctionSpec[] = [
  ...(FEATURE_CATALOGUE as readonly FeatureEntry[]).flatMap((e) => (e.function ? [featureSpec(e, e.function)] : [])),
  ...GENERAL,
];
