/**
 * The plan schema's numeric bounds are the input gate's (src/core/input-rules.ts): every number a
 * plan file may hold has a lower and an upper bound, and each one a rule governs carries that
 * rule's bounds and whole-ness, so an editor using schemas/plan.schema.json refuses what the
 * program refuses. A plan past a bound gets the gate's own sentence.
 */
import { CALCULATOR_LINES, checkInput, INPUT_RULES, LIMITS, type InputField } from "../../src/core";
import { CONTRACT_RULES } from "../../src/core/contract-card";
import { CONTRACT_CARD_SCHEMA } from "../../src/core/contract-card-schema";
import { volumeRule } from "../../src/core/estimate";
import { planFromJson } from "../../src/plan/plan-file";
import { PLAN_SCHEMA } from "../../src/plan/plan-schema";

interface NumberNode {
  readonly type: string | readonly string[];
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
}

/** Every number of the schema by its path ("budget.sites[].volumes.voicebot"), the contract section aside (its own format). */
function numbers(node: unknown, path = "", out: [string, NumberNode][] = [], skip = "contract"): [string, NumberNode][] {
  if (typeof node !== "object" || node === null || path === skip) return out;
  const n = node as Record<string, unknown>;
  const types = [n.type].flat();
  if (types.includes("number") || types.includes("integer")) out.push([path, n as unknown as NumberNode]);
  for (const [k, v] of Object.entries((n.properties as Record<string, unknown>) ?? {})) numbers(v, path ? `${path}.${k}` : k, out, skip);
  if (n.items) numbers(n.items, `${path}[]`, out, skip);
  if (typeof n.additionalProperties === "object") numbers(n.additionalProperties, `${path}.*`, out, skip);
  if (n.then) numbers(n.then, `${path}(then)`, out, skip);
  for (const v of (n.anyOf as unknown[]) ?? []) numbers(v, path, out, skip);
  return out;
}

const lineRule = (feature: string): InputField => volumeRule(CALCULATOR_LINES.find((l) => l.feature === feature)!);

/** The rule of each number a rule governs; undefined for the few that no rule does. */
function ruleOf(path: string): InputField | undefined {
  const volume = /^(?:budget\.sites\[\]\.)?volumes\.(\w+)$/.exec(path);
  if (volume) return lineRule(volume[1]);
  if (/^tokensPerUser\./.test(path)) return "tokensPerUser";
  if (/(^|\.)goLive(\.\w+)?$/.test(path)) return "goLive";
  if (/^budget\.buffers\./.test(path)) return "buffer";
  if (/^dashboard\.(allocation|committed|features\.\w+|weekly\[\]|variance\[\]\.(budgeted|actual))$/.test(path)) return "tokens";
  const exact: Record<string, InputField> = {
    users: "users",
    workingDays: "workingDays",
    pricePerToken: "pricePerToken",
    "budget.startMonth": "month",
    "budget.growth.monthly": "growthRate",
    "budget.growth.users": "users",
    "budget.multipliers[]": "multiplier",
    "budget.topUps[]": "tokens",
    "budget.committedTokens": "tokens",
    "budget.committedTokens[]": "tokens",
    "budget.initiatives[].tokensPerMonth": "tokens",
    "dashboard.daysInPeriod": "periodDays",
    "dashboard.daysElapsed": "periodDays",
    "volumes.*": "quantity",
    otherTokens: "tokens",
  };
  return exact[path];
}

/** Numbers no rule governs, and why: each still has both bounds. */
const NOT_A_RULE: Readonly<Record<string, string>> = {
  "budget.startYear": "Excel's dates: the twelve months must fall in 1901-9999",
  "budget.growth.perMonth": "users added a month: within the users rule's maximum either way",
};

describe("the plan schema's bounds are the input rules'", () => {
  const all = numbers(PLAN_SCHEMA);

  test("it finds the plan's numbers", () => {
    expect(all.map(([p]) => p)).toEqual(expect.arrayContaining(["users", "volumes.voicebot", "budget.sites[].volumes.copilot", "dashboard.weekly[]"]));
    expect(all.length).toBeGreaterThan(40);
  });

  test.each(all.filter(([p]) => NOT_A_RULE[p] === undefined).map(([p, n]) => [p, n] as const))("%s", (path, node) => {
    const field = ruleOf(path);
    expect(field).toBeDefined(); // a new number needs a rule (or a line in NOT_A_RULE saying why not)
    const r = INPUT_RULES[field!];
    expect(node.maximum).toBe(r.max);
    if (node.exclusiveMinimum === undefined) expect(node.minimum).toBe(r.min);
    else expect(node.exclusiveMinimum).toBeGreaterThanOrEqual(r.min);
    expect(node.type === "integer").toBe(r.whole);
  });

  test.each(Object.keys(NOT_A_RULE))("%s: no rule's, with bounds of its own", (path) => {
    const node = all.find(([p]) => p === path)?.[1];
    expect(node).toBeDefined();
    expect(node!.minimum ?? node!.exclusiveMinimum).toEqual(expect.any(Number));
    expect(node!.maximum).toEqual(expect.any(Number));
  });

  test("lists and text are bounded by the product's limits", () => {
    const budget = PLAN_SCHEMA.properties.budget;
    expect(budget.properties.sites.maxItems).toBe(LIMITS.sites);
    expect(budget.properties.initiatives.maxItems).toBe(LIMITS.initiatives);
    expect(PLAN_SCHEMA.properties.name.maxLength).toBe(LIMITS.textLength);
    expect(budget.properties.initiatives.items.properties.name.maxLength).toBe(LIMITS.textLength);
  });
});

describe("a plan past a bound gets the gate's own sentence", () => {
  const base = { version: 1, users: 10, volumes: {} };
  test.each([
    ["users", { users: 2_000_000 }, "users", 2_000_000, "The number of users"],
    ["the price", { pricePerToken: 5000 }, "pricePerToken", 5000, "The price per token"],
    ["working days", { workingDays: 32 }, "workingDays", 32, "Working days per month"],
    ["a daily volume", { volumes: { voicebot: 2e9 } }, "volumes.voicebot", 2e9, "Voice bot minutes per day"],
    ["own tokens per user", { tokensPerUser: { copilot: 20_000 } }, "tokensPerUser.copilot", 20_000, "Tokens per user"],
  ] as const)("%s", (_what, fields, field, value, what) => {
    const rule = ruleOf(field)!;
    const sentence = checkInput(rule, value, what)!.message;
    expect(planFromJson({ ...base, ...fields })).toEqual([{ field: `plan.${field}`, message: sentence.charAt(0).toLowerCase() + sentence.slice(1) }]);
  });

  test("where no core check words it, the schema's bound does", () => {
    expect(planFromJson({ ...base, budget: { goLive: { voicebot: INPUT_RULES.goLive.max + 1 } } })).toEqual([
      { field: "plan.budget.goLive.voicebot", message: "must be at most 13" },
    ]);
    expect(planFromJson({ ...base, dashboard: { period: "March 2026", features: { voicebot: 2e12 } } })).toEqual([
      { field: "plan.dashboard.features.voicebot", message: "must be at most 1,000,000,000,000" },
    ]);
  });

  test("a dashboard period's days: longer than a month (a quarter, a 45-day peak), at most the periodDays rule's year", () => {
    const dashboard = { period: "Peak", features: { other: 1 }, allocation: 7 };
    expect(planFromJson({ ...base, dashboard: { ...dashboard, daysInPeriod: 92, daysElapsed: 45 } })).not.toBeInstanceOf(Array);
    expect(planFromJson({ ...base, dashboard: { ...dashboard, daysInPeriod: INPUT_RULES.periodDays.max + 1 } })).toEqual([
      { field: "plan.dashboard.daysInPeriod", message: "must be at most 366" },
    ]);
    expect(planFromJson({ ...base, dashboard: { ...dashboard, daysInPeriod: 45, daysElapsed: 1e300 } })).toEqual([
      { field: "plan.dashboard.daysElapsed", message: "must be at most 366" },
    ]);
    expect(planFromJson({ ...base, dashboard: { ...dashboard, daysInPeriod: 0 } })).toEqual([
      { field: "plan.dashboard.daysInPeriod", message: "must be at least 1" },
    ]);
  });
});

describe("the contract card schema's bounds are the input rules' (as the core check's)", () => {
  const all = numbers(CONTRACT_CARD_SCHEMA, "", [], "(none)");
  const RATE = ["tokens", "concurrent", "tokensPerUnit", "low", "high"];
  /** The rule of each number of the contract card (CONTRACT_RULES, which contractProblems applies). */
  function contractRuleOf(path: string): InputField | undefined {
    const last = path.split(".").pop()!;
    if (/^(rates\.\*|features\[\])\./.test(path)) return last === "per" ? CONTRACT_RULES.per : RATE.includes(last) ? CONTRACT_RULES.rate : undefined;
    if (path === "pricePerToken.*") return CONTRACT_RULES.pricePerToken;
    if (path === "committedTokens") return CONTRACT_RULES.committedTokens;
    if (/^addOnPerUser\./.test(path)) return CONTRACT_RULES.addOnPerUser;
    if (/^allocation\(then\)\./.test(path)) return CONTRACT_RULES.allocationPerUser;
    if (/^allocation\./.test(path)) return CONTRACT_RULES.allocationPerOrganisation;
    return undefined;
  }

  test("it finds the card's numbers", () => {
    expect(all.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        "pricePerToken.*",
        "committedTokens",
        "allocation.named",
        "allocation(then).named",
        "addOnPerUser.named",
        "rates.*.tokens",
        "features[].per",
      ]),
    );
  });

  test.each(all.map(([p, n]) => [p, n] as const))("%s", (path, node) => {
    const field = contractRuleOf(path);
    expect(field).toBeDefined();
    const r = INPUT_RULES[field!];
    expect(node.maximum).toBe(r.max);
    if (node.exclusiveMinimum === undefined) expect(node.minimum).toBe(r.min);
    else expect(node.exclusiveMinimum).toBeGreaterThanOrEqual(r.min);
  });
});
