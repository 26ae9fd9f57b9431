/**
 * The study notes' worked examples (shared/domain.md section 2) driven through the TOKENS custom
 * functions, from the same table that drives the core, and checked against the core line by line.
 * Then the dashboard, growth and seasonal examples, the published card's figures derived by hand,
 * and no-carryover years where a naive yearly sum would say there is no overage.
 */
import { errorCode, messageOf, OMITTED } from "./custom-functions-stub";
import { allocation as coreAllocation } from "../../src/core/allocation";
import { DEFAULT_CARD, getCard } from "../../src/core/cards";
import { consumption as coreConsumption } from "../../src/core/consumption";
import { annualOverage, overage as coreOverage } from "../../src/core/cost";
import { InputError } from "../../src/core/errors";
import { F } from "./registry";
import { DASHBOARD_EXAMPLE, GROWTH_EXAMPLE, SEASONAL_EXAMPLE, WORKED_EXAMPLES, type WorkedLine } from "../fixtures/worked-examples";

/** Each feature's own function, called as a formula would call it (omitted optional arguments as null). */
const FEATURE_FUNCTIONS: Record<string, (line: WorkedLine) => unknown> = {
  copilot: (l) => F.copilot(l.quantity, l.tokensPerUser ?? null),
  analytics: (l) => F.analytics(l.quantity, l.tokensPerUser ?? null),
  scoring: (l) => F.scoring(l.quantity),
  translate: (l) => F.translate(l.quantity),
  voicebot: (l) => F.voicebot(l.quantity),
  digitalbot: (l) => F.digitalbot(l.quantity),
  messaging: (l) => F.messaging(l.quantity),
  social: (l) => F.social(l.quantity),
  virtualagent: (l) => F.virtualagent(l.quantity),
};

const published = getCard("genesys-published");
if (published instanceof InputError) throw new Error(published.message);

const num = (x: unknown): number => {
  if (typeof x !== "number") throw new Error(`expected a number, got ${errorCode(x) ?? JSON.stringify(x)}: ${messageOf(x)}`);
  return x;
};

describe.each(WORKED_EXAMPLES)("worked example $preset through the custom functions", (ex) => {
  test.each(ex.lines.map((l) => ({ ...l, fn: l.feature.toUpperCase() })))("$fn($quantity) gives $tokens tokens, as the core does", (line) => {
    const viaFunction = FEATURE_FUNCTIONS[line.feature](line);
    const viaCore = coreConsumption(DEFAULT_CARD, line.feature, line.quantity, {
      rounding: "line",
      licence: "named",
      level: "mid",
      tokensPerUnit: line.tokensPerUser,
    });
    expect(viaFunction).toBe(line.tokens);
    expect(viaFunction).toBe(viaCore);
  });

  test.each(ex.lines.filter((l) => l.tokensPerUser === undefined))('CONSUMPTION("$feature", $quantity) gives $tokens tokens', (line) => {
    expect(F.consumption(line.feature, line.quantity)).toBe(line.tokens);
    expect(F.consumption(line.feature, line.quantity, "line", [["study-notes"]], "mid", "named")).toBe(line.tokens);
  });

  test(`the lines sum to ${ex.total}; ALLOCATION(${ex.users}) is ${ex.allocation}; OVERAGE is ${ex.overage}; COST is 0`, () => {
    const total = ex.lines.reduce((sum, l) => sum + num(FEATURE_FUNCTIONS[l.feature](l)), 0);
    expect(total).toBe(ex.total);
    expect(F.allocation(ex.users)).toBe(ex.allocation);
    expect(F.allocation(ex.users, "named", [["study-notes"]])).toBe(coreAllocation(DEFAULT_CARD, ex.users, "named"));
    expect(F.overage(total, ex.allocation)).toBe(ex.overage);
    expect(F.overage(total, ex.allocation)).toBe(coreOverage(ex.total, ex.allocation));
    expect(F.cost(num(F.overage(total, ex.allocation)))).toBe(0);
    expect(F.health(total, ex.allocation)).toBe("GREEN");
  });

  if (ex.exactTotal !== undefined || ex.upTotal !== undefined) {
    test("the other rounding rules give the totals domain.md quotes", () => {
      const sum = (rounding: string) =>
        ex.lines.reduce(
          (s, l) =>
            s + num(l.feature === "copilot" ? F.copilot(l.quantity, l.tokensPerUser ?? null, rounding) : F.consumption(l.feature, l.quantity, rounding)),
          0,
        );
      if (ex.exactTotal !== undefined) expect(sum("exact")).toBeCloseTo(ex.exactTotal, 9);
      if (ex.upTotal !== undefined) expect(sum("up")).toBe(ex.upTotal);
    });
  }
});

describe("the Small example on the Genesys published card (derived by hand)", () => {
  // Copilot 50 named users x 40 = 2,000; Scoring 4,000 / 20 = 200; Messaging 500 / 400 = 1.25 -> 1;
  // Virtual Agent 1,000 interactions x 0.5 = 500; total 2,701. Allocation 250 for the organisation:
  // overage 2,451 tokens, USD 2,451 a month.
  const card = [["genesys-published"]]; // a card id reaches a function as a one-cell range
  test("line by line", () => {
    expect(F.copilot(50, OMITTED, OMITTED, card)).toBe(2000);
    expect(F.copilot(50, OMITTED, OMITTED, card, OMITTED, "concurrent")).toBe(3000);
    expect(F.scoring(4000, OMITTED, card)).toBe(200);
    expect(F.messaging(500, OMITTED, card)).toBe(1);
    expect(F.virtualagent(1000, OMITTED, card)).toBe(500);
    expect(F.consumption("virtualagent", 1000, "line", card)).toBe(500);
  });
  test("allocation, overage and its cost", () => {
    const total =
      num(F.copilot(50, OMITTED, OMITTED, card)) +
      num(F.scoring(4000, OMITTED, card)) +
      num(F.messaging(500, OMITTED, card)) +
      num(F.virtualagent(1000, OMITTED, card));
    expect(total).toBe(2701);
    expect(F.allocation(50, "named", card)).toBe(250);
    expect(F.allocation(50, "named", card)).toBe(coreAllocation(published, 50, "named"));
    expect(F.overage(total, 250)).toBe(2451);
    expect(F.cost(2451, null, card)).toBe(2451);
    expect(F.cost(2451, "GBP", card)).toBeCloseTo(1715.7, 9);
    expect(F.health(total, 250)).toBe("RED");
  });
});

describe("the dashboard example (March 2026, mid-market)", () => {
  const d = DASHBOARD_EXAMPLE;
  test("utilisation 39.6%, GREEN, no overage, 30,190 remaining", () => {
    expect(F.utilization(d.consumed, d.allocation)).toBeCloseTo(d.utilisation, 12);
    expect(F.health(d.consumed, d.allocation)).toBe(d.health);
    expect(F.overage(d.consumed, d.allocation)).toBe(0);
    expect(d.allocation - d.consumed).toBe(d.remaining);
  });
  test("the feature lines come from the consumption functions", () => {
    expect(F.copilot(200, 55)).toBe(d.byFeature.copilot);
    expect(F.virtualagent(F.monthly(200))).toBe(d.byFeature.virtualagent);
    expect(F.scoring(F.monthly(500))).toBe(d.byFeature.scoring);
    expect(F.voicebot(1000 * 5)).toBe(d.byFeature.voicebot);
    expect(F.messaging(5000)).toBe(d.byFeature.messaging);
    expect(F.translate(300)).toBe(d.byFeature.translate);
  });
  test("the weekly figures project a month-end inside the allocation", () => {
    const toDate = d.weekly.slice(0, 3).reduce((a, b) => a + b, 0); // 14,000 after three weeks
    const projected = num(F.project(toDate, 21, 28));
    expect(projected).toBeCloseTo(18666.67, 2);
    expect(F.health(projected, d.allocation)).toBe("GREEN");
    expect(F.topUp(projected, d.allocation)).toBe(0);
  });
});

describe("the growth example", () => {
  const g = GROWTH_EXAMPLE;
  test("27,810 tokens a month against 250 x 250 = 62,500: 44.5%, no overage", () => {
    expect(g.baseline + g.increase).toBe(g.consumption);
    expect(F.allocation(g.users)).toBe(g.allocation);
    expect(F.utilization(g.consumption, g.allocation)).toBeCloseTo(g.utilisation, 5);
    expect(F.overage(g.consumption, g.allocation)).toBe(g.overage);
    expect(F.health(g.consumption, g.allocation)).toBe("GREEN");
  });
  test("budgeting the baseline with the default buffers: x 1.3", () => {
    expect(F.budget(g.baseline)).toBeCloseTo(g.baseline * 1.3, 9);
    expect(F.budget(g.baseline, 0.2, 0.15)).toBeCloseTo(g.baseline * 1.35, 9);
  });
});

describe("the seasonal example: 30,000 a month, December and January at 40,000", () => {
  const s = SEASONAL_EXAMPLE;
  // January .. December: off-peak months below the allocation, the two peak months 10,000 over it.
  const year = [40000, 22000, 25000, 18000, 20000, 21000, 19000, 20000, 24000, 26000, 28000, 40000];
  const column = year.map((m) => [m]);

  test("ANNUALCOST is USD 20,000 for the year; the off-peak months cost nothing", () => {
    expect(F.annualCost(column, [[s.allocation]])).toBe(s.annualCost);
    expect(F.annualCost(column, [[s.allocation]], s.pricePerToken)).toBe(s.annualCost);
    expect(F.annualCost([year], [[s.allocation]])).toBe(s.annualCost); // a row works as a column does
  });
  test("as the core computes it", () => {
    const core = annualOverage(year, s.allocation, s.pricePerToken);
    if (core instanceof InputError) throw new Error(core.message);
    expect(core.tokens).toBe(s.topUpTokens);
    expect(F.annualCost(column, [[s.allocation]])).toBe(core.cost);
  });
  test("TOPUP says 10,000 tokens for each peak month, and COST prices the 20,000", () => {
    expect(F.topUp(40000, s.allocation)).toBe(10000);
    expect(F.topUp(20000, s.allocation)).toBe(0);
    expect(F.overage(40000, s.allocation)).toBe(10000);
    expect(F.cost(s.topUpTokens, s.pricePerToken)).toBe(s.annualCost);
  });
});

describe("no carryover: unused tokens never offset another month", () => {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const naive = (c: number[], a: number) => Math.max(0, sum(c) - a * c.length);

  test.each([
    {
      name: "two peak months in a quiet year",
      months: [10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 40000, 40000],
      allocation: 30000,
      over: 20000,
    },
    {
      name: "alternating over and under",
      months: [35000, 25000, 35000, 25000, 35000, 25000, 35000, 25000, 35000, 25000, 35000, 25000],
      allocation: 30000,
      over: 30000,
    },
    { name: "one busy month", months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 299999], allocation: 25000, over: 274999 },
  ])("$name: naive yearly sum 0, ANNUALCOST $over", ({ months, allocation, over }) => {
    expect(naive(months, allocation)).toBe(0);
    expect(
      F.annualCost(
        months.map((m) => [m]),
        [[allocation]],
      ),
    ).toBe(over);
    expect(
      F.annualCost(
        months.map((m) => [m]),
        [[allocation]],
        0.8,
      ),
    ).toBeCloseTo(over * 0.8, 6);
  });

  test("an allocation per month (a top-up bought for the peak months)", () => {
    const months = [[40000], [20000], [40000]];
    expect(F.annualCost(months, [[30000], [30000], [30000]])).toBe(20000);
    expect(F.annualCost(months, [[40000], [30000], [40000]])).toBe(0);
    expect(F.annualCost(months, [[40000], [30000], [30000]])).toBe(10000);
  });
});
