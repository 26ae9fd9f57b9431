import {
  ADVICE_BANDS,
  computeDashboard,
  DASHBOARD_PRESETS,
  findDashboardPreset,
  InputError,
  MARCH_2026,
  OTHER_FEATURE,
  ALL_FEATURES,
  TREND_RULE,
  varianceFromPlan,
  weeklyTrend,
  type DashboardResult,
  type UsageDashboard,
} from "../../src/core";
import { DASHBOARD_EXAMPLE } from "../fixtures/worked-examples";

const ok = (d: UsageDashboard): DashboardResult => {
  const r = computeDashboard(d);
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};

const fail = (d: UsageDashboard): InputError => {
  const r = computeDashboard(d);
  if (!(r instanceof InputError)) throw new Error("expected an InputError");
  return r;
};

/** A one-feature dashboard: `consumed` tokens of `allocation`, `elapsed` of `days` days. */
const simple = (consumed: number, allocation: number, elapsed = 30, days = 30): UsageDashboard => ({
  period: "April 2026",
  card: "study-notes",
  allocation,
  features: [{ feature: "copilot", tokens: consumed }],
  weekly: [],
  daysElapsed: elapsed,
  daysInPeriod: days,
});

describe("the notes' March 2026 dashboard (preset march-2026)", () => {
  const r = ok(MARCH_2026);

  test("the preset is found by its id, shared with the taskpane and the command line", () => {
    expect(findDashboardPreset("march-2026")?.dashboard).toBe(MARCH_2026);
    expect(DASHBOARD_PRESETS.map((p) => p.id)).toEqual(["march-2026"]);
    expect(findDashboardPreset("nope")).toBeUndefined();
  });

  test("allocation 50,000; consumed 19,810; remaining 30,190 (60% available); utilisation 39.6%", () => {
    expect(r.allocation).toBe(DASHBOARD_EXAMPLE.allocation);
    expect(r.consumed).toBe(DASHBOARD_EXAMPLE.consumed);
    expect(r.remaining).toBe(DASHBOARD_EXAMPLE.remaining);
    expect(r.available).toBe(DASHBOARD_EXAMPLE.available);
    expect(r.utilisation).toBe(DASHBOARD_EXAMPLE.utilisation);
    expect(Math.round(r.available! * 100)).toBe(60);
    expect(Math.round(r.utilisation! * 1000) / 10).toBe(39.6);
  });

  test("features and their shares: Copilot 55.5%, Virtual Agent 40.4%, Scoring 2.5%, Voice bots 1.5%, Messaging 0.07%, Translate 0.02%", () => {
    const byId = Object.fromEntries(r.features.map((f) => [f.feature, f]));
    for (const [id, tokens] of Object.entries(DASHBOARD_EXAMPLE.byFeature)) expect(byId[id].tokens).toBe(tokens);
    const s = DASHBOARD_EXAMPLE.shares;
    expect(byId.copilot.share).toBeCloseTo(s.copilot, 3);
    expect(byId.virtualagent.share).toBeCloseTo(s.virtualagent, 3);
    expect(byId.scoring.share).toBeCloseTo(s.scoring, 3);
    expect(byId.voicebot.share).toBeCloseTo(s.voicebot, 3);
    expect(byId.messaging.share).toBeCloseTo(s.messaging, 4);
    expect(byId.translate.share).toBeCloseTo(s.translate, 4);
    expect(r.features.reduce((a, f) => a + (f.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(r.features.map((f) => f.name)).toEqual(["Agent Copilot", "Virtual Agent", "AI Scoring", "Voice Bots", "Messaging", "AI Translate"]);
  });

  test("weekly 4,500 / 4,200 / 5,300 / 5,810: week-over-week changes and a stable trend (+9.6% is within ±10%)", () => {
    expect(r.weeks.map((w) => w.tokens)).toEqual([...DASHBOARD_EXAMPLE.weekly]);
    expect(r.weeks.map((w) => w.change)).toEqual([null, -300, 1100, 510]);
    expect(r.weeks[0].changeShare).toBeNull();
    expect(r.weeks[3].changeShare).toBeCloseTo(510 / 5300, 12);
    expect(r.trend).toBe("stable");
    // The weeks add up to the month: a share of each week is of 19,810 (not the notes' inconsistent percentages).
    expect(r.weeks.reduce((a, w) => a + (w.tokens ?? 0), 0)).toBe(r.consumed);
  });

  test("the month is complete: the projection is the consumption itself; health GREEN and room to grow", () => {
    expect(r.complete).toBe(true);
    expect(r.projected).toBe(19810);
    expect(r.projectedOverage).toBe(0);
    expect(r.health).toBe(DASHBOARD_EXAMPLE.health);
    expect(r.advice).toBe(ADVICE_BANDS[0].advice);
  });

  test("the invented variance rows: variance = actual - budget, and its share of the budget", () => {
    expect(r.variance.map((m) => [m.month, m.budgeted, m.actual, m.variance])).toEqual([
      ["January 2026", 20000, 18940, -1060],
      ["February 2026", 19000, 19415, 415],
      ["March 2026", 21000, 19810, -1190],
    ]);
    expect(r.variance[1].varianceShare).toBeCloseTo(415 / 19000, 12);
    expect(r.varianceTotal).toMatchObject({ month: "Total", budgeted: 60000, actual: 58165, variance: -1835 });
    expect(r.variance[2].actual).toBe(r.consumed);
  });

  test("computing does not change the input", () => {
    const copy = JSON.parse(JSON.stringify(MARCH_2026));
    ok(MARCH_2026);
    expect(MARCH_2026).toEqual(copy);
  });
});

describe("projection and health", () => {
  test("mid-month: the pace so far, carried to the month end; health judges the projection, not the consumption", () => {
    const r = ok(simple(10000, 35000, 10, 30));
    expect(r.complete).toBe(false);
    expect(r.projected).toBe(30000);
    expect(r.utilisation).toBeCloseTo(10000 / 35000, 12);
    expect(r.projectedUtilisation).toBeCloseTo(30000 / 35000, 12);
    expect(r.health).toBe("AMBER");
    expect(r.advice).toBe(ADVICE_BANDS[2].advice);
  });

  test("a finished month projects exactly to its consumption (no /31 x31 noise)", () => {
    for (const consumed of [19810, 1 / 3, 123456.789]) expect(ok(simple(consumed, 50000, 31, 31)).projected).toBe(consumed);
  });

  test.each([
    [40000, "GREEN"], // exactly 80%
    [40001, "AMBER"],
    [50000, "AMBER"], // exactly 100%
    [50001, "RED"],
    [0, "GREEN"],
  ])("projection %p of 50,000 is %p", (projected, status) => {
    expect(ok(simple(projected, 50000)).health).toBe(status);
  });

  test("over allocation: projected overage and the top-up advice", () => {
    const r = ok(simple(30000, 50000, 15, 30));
    expect(r.projected).toBe(60000);
    expect(r.projectedOverage).toBe(10000);
    expect(r.remaining).toBe(20000);
    expect(r.health).toBe("RED");
    expect(r.advice).toBe(ADVICE_BANDS[3].advice);
    const spent = ok(simple(60000, 50000));
    expect(spent.remaining).toBe(0);
    expect(spent.available).toBe(0);
  });

  test.each([
    [0.39, 0],
    [0.4, 0],
    [0.41, 1],
    [0.79, 1],
    [0.8, 1],
    [0.81, 2],
    [0.99, 2],
    [1, 2],
    [1.01, 3],
  ])("advice at a projected utilisation of %p is band %p", (u, band) => {
    expect(ok(simple(u * 100000, 100000)).advice).toBe(ADVICE_BANDS[band].advice);
  });
});

describe("weekly trend rule", () => {
  test(`the threshold is ${TREND_RULE.threshold}`, () => expect(TREND_RULE.threshold).toBe(0.1));
  test.each([
    [[], null],
    [[5000], null],
    [[5000, null], null],
    [[4000, 5000, null], "rising"],
    [[100, 110], "stable"],
    [[100, 111], "rising"],
    [[100, 90], "stable"],
    [[100, 89], "falling"],
    [[0, 0], "stable"],
    [[0, 1], "rising"],
    [[5, 0], "falling"],
    [[4500, 4200, 5300, 5810], "stable"],
    [[4500, 4200, 5300, 4000], "falling"],
  ])("%p is %p", (weeks, word) => expect(weeklyTrend(weeks)).toBe(word));
});

describe("features", () => {
  test("Other AI tokens have their own name; names come from the card", () => {
    const r = ok({
      ...simple(10, 100),
      features: [
        { feature: OTHER_FEATURE.id, tokens: 4 },
        { feature: "summary", tokens: 6 },
      ],
      card: "genesys-published",
    });
    expect(r.features.map((f) => f.name)).toEqual(["Other AI tokens", "AI Summary & Insights"]);
    expect(r.consumed).toBe(10);
  });

  test("nothing consumed: no shares (empty, not #DIV/0!)", () => {
    const r = ok({
      ...simple(0, 100),
      features: [
        { feature: "copilot", tokens: 0 },
        { feature: "scoring", tokens: 0 },
      ],
    });
    expect(r.features.map((f) => f.share)).toEqual([null, null]);
    expect(r.health).toBe("GREEN");
  });
});

describe("variance helpers", () => {
  test("varianceFromPlan takes the plan's forecast of the months with actuals, with their place in the plan", () => {
    const plan = { months: [3, 4, 5].map((m, i) => ({ year: 2026, month: m, consumption: 20000 + i })) };
    expect(varianceFromPlan(plan, { "2026-04": 19000, "2026-05": 21000, "2027-01": 5 })).toEqual([
      { month: "April 2026", budgeted: 20001, actual: 19000, budgetIndex: 1 },
      { month: "May 2026", budgeted: 20002, actual: 21000, budgetIndex: 2 },
    ]);
  });

  test("no budget: variance % is empty (null), not a division by zero", () => {
    const r = ok({ ...simple(10, 100), variance: [{ month: "May 2026", budgeted: 0, actual: 10 }] });
    expect(r.variance[0]).toMatchObject({ variance: 10, varianceShare: null });
  });
});

describe("bad input gives an error value with a message", () => {
  test.each<[string, Partial<UsageDashboard>, string, RegExp]>([
    ["allocation 0", { allocation: 0 }, "div0", /allocation is 0/],
    ["negative allocation", { allocation: -1 }, "num", /negative/],
    ["no features", { features: [] }, "value", /no consumption/],
    ["negative tokens", { features: [{ feature: "copilot", tokens: -5 }] }, "num", /Agent Copilot/],
    ["infinite tokens", { features: [{ feature: "copilot", tokens: Infinity }] }, "num", /finite/],
    ["unknown feature", { features: [{ feature: "telepathy", tokens: 5 }] }, "na", /telepathy/],
    [
      "a feature twice",
      {
        features: [
          { feature: "copilot", tokens: 5 },
          { feature: "Agent Copilot", tokens: 5 },
        ],
      },
      "value",
      /twice/,
    ],
    ["negative week", { weekly: [1, -1] }, "num", /week 2/],
    ["seven weeks", { weekly: [1, 1, 1, 1, 1, 1, 1] }, "value", /at most 6 weeks/],
    ["no day elapsed", { daysElapsed: 0 }, "div0", /covers no day/],
    ["more days elapsed than in the period", { daysElapsed: 31, daysInPeriod: 30 }, "num", /exceed/],
    ["a period of no days", { daysElapsed: 0, daysInPeriod: 0 }, "num", /at least one day/],
    ["negative budget", { variance: [{ month: "May", budgeted: -1, actual: 0 }] }, "num", /May/],
    ["a budget month outside the plan", { variance: [{ month: "May", budgeted: 1, actual: 0, budgetIndex: 12 }] }, "value", /budget month/],
    ["thirteen months", { variance: Array.from({ length: 13 }, () => ({ month: "m", budgeted: 1, actual: 1 })) }, "value", /at most 12/],
    ["unknown card", { card: "nope" }, "na", /Unknown rate card/],
  ])("%s", (_, change, code, message) => {
    const e = fail({ ...simple(100, 1000), ...change });
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe("never an invented actual", () => {
  const template: UsageDashboard = {
    period: "January 2027",
    card: "study-notes",
    allocation: 62500,
    features: [
      { feature: "copilot", tokens: null },
      { feature: "virtualagent", tokens: null },
    ],
    weekly: [null, null, null, null, null],
    daysElapsed: 31,
    daysInPeriod: 31,
    variance: [
      { month: "January 2027", budgeted: 27810, actual: null },
      { month: "February 2027", budgeted: 27810, actual: null },
    ],
  };

  test("without actuals every figure that needs one is null: no consumption, health, trend, variance or total", () => {
    const r = ok(template);
    expect(r.hasActuals).toBe(false);
    expect([r.consumed, r.remaining, r.available, r.utilisation, r.projected, r.projectedUtilisation, r.projectedOverage, r.health, r.trend]).toEqual(
      Array(9).fill(null),
    );
    expect(r.advice).toBe("");
    expect(r.features.map((f) => [f.tokens, f.share])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(r.weeks.map((w) => [w.tokens, w.change])).toEqual(Array(5).fill([null, null]));
    expect(r.variance.map((m) => [m.actual, m.compared, m.variance, m.varianceShare])).toEqual(Array(2).fill([null, null, null, null]));
    expect(r.varianceTotal).toMatchObject({ budgeted: 55620, actual: null, compared: null, variance: null, varianceShare: null });
  });

  test("one month's actual: its variance, and a total of the months with actuals only", () => {
    const r = ok({ ...template, variance: [template.variance![0], { ...template.variance![1], actual: 30000 }] });
    expect(r.variance[0].variance).toBeNull();
    expect(r.variance[1]).toMatchObject({ compared: 27810, variance: 2190 });
    expect(r.varianceTotal).toMatchObject({ budgeted: 55620, actual: 30000, compared: 27810, variance: 2190 });
  });

  test("the trend needs two weeks of data; a week with data after an empty one is refused", () => {
    expect(ok({ ...template, features: [{ feature: "copilot", tokens: 100 }], weekly: [100, null, null] }).trend).toBeNull();
    expect(ok({ ...template, features: [{ feature: "copilot", tokens: 300 }], weekly: [100, 200, null] }).trend).toBe("rising");
    expect(fail({ ...template, weekly: [100, null, 200] }).message).toMatch(/Week 3 has tokens but week 2 is empty/);
  });

  test("the notes' preset keeps the notes' figures; its variance rows are flagged as an example", () => {
    expect(MARCH_2026.varianceExample).toBe(true);
    expect(ok(MARCH_2026).varianceExample).toBe(true);
    expect(findDashboardPreset("march-2026")?.label).toMatch(/example/);
    expect(ok(simple(1, 10)).varianceExample).toBe(false);
  });
});

describe("partial periods: the days the data covers", () => {
  // A usage file of 25-31 March 2026: 7 of 31 days.
  const partial: UsageDashboard = {
    period: "March 2026",
    card: "study-notes",
    allocation: 50000,
    features: [{ feature: "copilot", tokens: 4800 }],
    weekly: [],
    daysElapsed: 7,
    daysInPeriod: 31,
    variance: [
      { month: "February 2026", budgeted: 19000, actual: 19415 },
      { month: "March 2026", budgeted: 21000, actual: 4800 },
    ],
  };

  test("marked partial (7 of 31 days); the projection scales the 7 days to 31", () => {
    const r = ok(partial);
    expect(r.complete).toBe(false);
    expect(r.coverage).toBe("partial (7 of 31 days)");
    expect(r.projected).toBeCloseTo((4800 / 7) * 31, 9);
  });

  test("March's variance is against 7/31 of its budget, not all of it; February is whole", () => {
    const r = ok(partial);
    const march = r.variance[1];
    expect(march.partial).toBe(true);
    expect(march.compared).toBeCloseTo((21000 * 7) / 31, 9);
    expect(march.variance).toBeCloseTo(4800 - (21000 * 7) / 31, 9);
    expect(march.varianceShare).toBeCloseTo(4800 / ((21000 * 7) / 31) - 1, 9);
    // +1.2% against the days covered; against the whole budget it would read -77%, days merely missing.
    expect(march.varianceShare).toBeCloseTo(0.012, 3);
    expect(r.variance[0]).toMatchObject({ partial: false, compared: 19000, variance: 415 });
    expect(r.varianceTotal?.compared).toBeCloseTo(19000 + (21000 * 7) / 31, 9);
  });

  test("a whole month is not partial", () => {
    const r = ok({ ...partial, daysElapsed: 31 });
    expect(r.coverage).toBe("");
    expect(r.variance[1]).toMatchObject({ partial: false, compared: 21000 });
  });
});

describe("committed tokens", () => {
  test("2,000 committed + 250 allocation against 2,731 consumed: 481 overage tokens", () => {
    const r = ok({ ...simple(2731, 250), committed: 2000 });
    expect(r.tokensAvailable).toBe(2250);
    expect(r.projectedOverage).toBe(481);
    expect(r.remaining).toBe(0);
    expect(r.health).toBe("RED");
    expect(r.utilisation).toBeCloseTo(2731 / 2250, 12);
  });

  test("within allocation + committed there is no overage", () => {
    const r = ok({ ...simple(2250, 250), committed: 2000 });
    expect(r.projectedOverage).toBe(0);
    expect(r.health).toBe("AMBER");
  });

  test("negative committed tokens are refused", () => {
    expect(fail({ ...simple(1, 250), committed: -1 }).message).toMatch(/Committed tokens/);
  });
});

describe("totals without features", () => {
  test("one total line: named All AI features, no shares", () => {
    for (const feature of [ALL_FEATURES.id, OTHER_FEATURE.id]) {
      const r = ok({ ...simple(19810, 50000), features: [{ feature, tokens: 19810 }] });
      expect(r.breakdown).toBe(false);
      expect(r.features).toEqual([{ feature, name: "All AI features", tokens: 19810, share: null }]);
      expect(r.consumed).toBe(19810);
    }
  });

  test("features with a breakdown keep their shares; the total cannot sit beside features", () => {
    expect(
      ok({
        ...simple(1, 10),
        features: [
          { feature: "copilot", tokens: 1 },
          { feature: OTHER_FEATURE.id, tokens: 1 },
        ],
      }).breakdown,
    ).toBe(true);
    expect(
      fail({
        ...simple(1, 10),
        features: [
          { feature: "copilot", tokens: 1 },
          { feature: ALL_FEATURES.id, tokens: 1 },
        ],
      }).message,
    ).toMatch(/All AI features/);
  });
});
