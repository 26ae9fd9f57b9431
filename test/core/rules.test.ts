import {
  advice,
  allocation,
  annualOverage,
  budgetWithBuffers,
  CARDS,
  compileCard,
  consumption,
  cost,
  DEFAULT_CARD,
  findFeature,
  formatMoney,
  formatTokens,
  getCard,
  halfUp,
  health,
  InputError,
  monthlyFromDaily,
  overage,
  parseLicenceModel,
  PLANNING_RULES,
  pricePerToken,
  projectMonthEnd,
  RateCardError,
  roundTokens,
  roundUp,
  topUpNeed,
  utilisation,
  type CompiledCard,
  type RateCard,
} from "../../src/core";
import { STUDY_NOTES_CARD } from "../../src/core/cards/study-notes";
import { DASHBOARD_EXAMPLE, GROWTH_EXAMPLE, SEASONAL_EXAMPLE } from "../fixtures/worked-examples";

const published = getCard("genesys-published") as CompiledCard;

describe("rounding rules", () => {
  test.each([
    [1.25, 1],
    [12.5, 13],
    [294.1176, 294],
    [0.5, 1],
    [0.49999, 0],
    [2.4999999999999996, 3], // a true 2.5 after floating-point division
    [0, 0],
  ])("half up of %p is %p", (x, r) => expect(halfUp(x)).toBe(r));

  test.each([
    [1.25, 2],
    [3, 3],
    [3.0000000000000004, 3], // floating-point noise above a whole number
    [0, 0],
  ])("up of %p is %p", (x, r) => expect(roundUp(x)).toBe(r));

  test("exact keeps fractions", () => expect(roundTokens(5000 / 17, "exact")).toBeCloseTo(294.1176, 4));
});

describe("consumption", () => {
  test("VOICEBOT(5000) is 294, the notes' voice bot example", () => expect(consumption(DEFAULT_CARD, "voicebot", 5000)).toBe(294));
  test("features are found by name, case and plural forgiven", () => {
    expect(consumption(DEFAULT_CARD, "Voice Bots", 5000)).toBe(294);
    expect(consumption(DEFAULT_CARD, "Agent Copilot", 10)).toBe(500);
    expect(consumption(DEFAULT_CARD, "VIRTUALAGENT", 1)).toBe(2);
  });
  test("included features cost nothing", () => {
    expect(consumption(DEFAULT_CARD, "predictiverouting", 1e6)).toBe(0);
    expect(consumption(DEFAULT_CARD, "predictiveengagement", 5)).toBe(0);
  });
  test("an unknown feature is #N/A naming the known ones", () => {
    const e = consumption(DEFAULT_CARD, "telepathy", 1);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe("na");
    expect((e as InputError).message).toMatch(/voicebot/);
  });
  test("negative and non-finite quantities are #NUM!", () => {
    for (const q of [-1, NaN, Infinity]) expect((consumption(DEFAULT_CARD, "voicebot", q) as InputError).code).toBe("num");
  });
  test("ranged rates: low <= mid <= high", () => {
    const at = (level: "low" | "mid" | "high") => consumption(DEFAULT_CARD, "copilot", 100, { rounding: "line", licence: "named", level });
    expect([at("low"), at("mid"), at("high")]).toEqual([4000, 5000, 6000]);
    const a = (level: "low" | "mid" | "high") => consumption(DEFAULT_CARD, "analytics", 10, { rounding: "exact", licence: "named", level });
    expect([a("low"), a("mid"), a("high")]).toEqual([300, 375, 450]);
  });
  test("licence-dependent rates on the published card: Copilot 40 named, 60 concurrent", () => {
    expect(consumption(published, "copilot", 10, { rounding: "line", licence: "named", level: "mid" })).toBe(400);
    expect(consumption(published, "copilot", 10, { rounding: "line", licence: "concurrent", level: "mid" })).toBe(600);
    expect(consumption(published, "virtualagent", 1000)).toBe(500);
    expect(consumption(published, "translate", 10)).toBe(5);
    expect(consumption(published, "summary", 100)).toBe(2);
  });
  test("MONTHLY: daily volume times 20 working days unless told", () => {
    expect(monthlyFromDaily(200)).toBe(4000);
    expect(monthlyFromDaily(200, 22)).toBe(4400);
    expect(monthlyFromDaily(-1)).toBeInstanceOf(InputError);
  });
});

describe("allocation", () => {
  test("study notes: 250 per named user, 350 per concurrent user", () => {
    expect(allocation(DEFAULT_CARD, 200, "named")).toBe(50000);
    expect(allocation(DEFAULT_CARD, 200, "concurrent")).toBe(70000);
    expect(allocation(DEFAULT_CARD, 2.5, "named")).toBe(625);
  });
  test("published: one amount for the organisation, plus an optional per-agent add-on", () => {
    expect(allocation(published, 50, "named")).toBe(250);
    expect(allocation(published, 50, "concurrent")).toBe(350);
    expect(allocation(published, 50, "named", { addOn: true })).toBe(250 + 50 * 30);
    expect(allocation(published, 50, "concurrent", { addOn: true })).toBe(350 + 50 * 39);
  });
  test("licence model text", () => {
    expect(parseLicenceModel(" Named ")).toBe("named");
    expect(parseLicenceModel("floating")).toBeInstanceOf(InputError);
  });
  test("negative users are refused", () => expect(allocation(DEFAULT_CARD, -1, "named")).toBeInstanceOf(InputError));
});

describe("overage and cost with no carryover", () => {
  test("overage is never negative", () => {
    expect(overage(19810, 50000)).toBe(0);
    expect(overage(60000, 50000)).toBe(10000);
  });
  test("cost at a price per token", () => expect(cost(2451, 1)).toBe(2451));
  test("a year of unused allocation never offsets a peak month", () => {
    // 11 quiet months at 10,000 and a December at 45,000 against 30,000 a month: the naive
    // yearly sum (155,000 against 360,000) shows no overage; month by month there are 15,000.
    const consumption = [...Array(11).fill(10000), 45000];
    const y = annualOverage(consumption, 30000, 1) as { tokens: number; cost: number; monthly: number[] };
    const naive = Math.max(0, consumption.reduce((a, b) => a + b, 0) - 12 * 30000);
    expect(naive).toBe(0);
    expect(y.tokens).toBe(15000);
    expect(y.monthly[11]).toBe(15000);
    expect(y.cost).toBe(15000);
  });
  test("the seasonal example: 20,000 tokens over December and January cost USD 20,000 a year", () => {
    const monthly = [40000, ...Array(10).fill(25000), 40000];
    const y = annualOverage(monthly, SEASONAL_EXAMPLE.allocation, SEASONAL_EXAMPLE.pricePerToken) as { tokens: number; cost: number };
    expect(y.tokens).toBe(SEASONAL_EXAMPLE.topUpTokens);
    expect(y.cost).toBe(SEASONAL_EXAMPLE.annualCost);
  });
  test("allocation month by month, one for all, or a mismatch", () => {
    expect((annualOverage([10, 20], [5, 30], 2) as { tokens: number }).tokens).toBe(5);
    expect((annualOverage([10, 20], [5], 2) as { tokens: number }).tokens).toBe(20);
    expect(annualOverage([10, 20, 30], [5, 30], 2)).toBeInstanceOf(InputError);
    expect(annualOverage([], 5, 1)).toBeInstanceOf(InputError);
    expect(annualOverage([10, -1], 5, 1)).toBeInstanceOf(InputError);
  });
  test("regional prices of the published card, and none the study notes lack", () => {
    expect(pricePerToken(published, "GBP")).toBe(0.7);
    expect(pricePerToken(published, "jpy")).toBe(120);
    expect(pricePerToken(DEFAULT_CARD, "USD")).toBe(1);
    expect((pricePerToken(DEFAULT_CARD, "EUR") as InputError).code).toBe("na");
    expect((pricePerToken(published, "XXX") as InputError).code).toBe("value");
  });
});

describe("monitoring", () => {
  test("the March 2026 dashboard: 39.6% utilised, GREEN, room to grow", () => {
    const u = utilisation(DASHBOARD_EXAMPLE.consumed, DASHBOARD_EXAMPLE.allocation) as number;
    expect(u).toBeCloseTo(DASHBOARD_EXAMPLE.utilisation, 4);
    expect(health(DASHBOARD_EXAMPLE.consumed, DASHBOARD_EXAMPLE.allocation)).toBe(DASHBOARD_EXAMPLE.health);
    expect(advice(u)).toMatch(/safely grow/);
    const weeks = DASHBOARD_EXAMPLE.weekly.reduce((a, b) => a + b, 0);
    expect(weeks).toBe(DASHBOARD_EXAMPLE.consumed);
  });
  test("the growth example: 27,810 against 62,500 is 44.5%, no overage", () => {
    const c = GROWTH_EXAMPLE.baseline + GROWTH_EXAMPLE.increase;
    expect(c).toBe(GROWTH_EXAMPLE.consumption);
    expect(allocation(DEFAULT_CARD, GROWTH_EXAMPLE.users, "named")).toBe(GROWTH_EXAMPLE.allocation);
    expect(utilisation(c, GROWTH_EXAMPLE.allocation) as number).toBeCloseTo(GROWTH_EXAMPLE.utilisation, 5);
    expect(overage(c, GROWTH_EXAMPLE.allocation)).toBe(0);
  });
  test.each([
    [0, 100, "GREEN"],
    [80, 100, "GREEN"],
    [80.01, 100, "AMBER"],
    [100, 100, "AMBER"],
    [100.01, 100, "RED"],
    [0, 0, "GREEN"],
    [1, 0, "RED"],
  ])("health of %p against %p is %p", (c, a, s) => expect(health(c, a)).toBe(s));
  test("utilisation of a zero allocation is #DIV/0!", () => expect((utilisation(5, 0) as InputError).code).toBe("div0"));
  test("advice by range", () => {
    expect(advice(0.39)).toMatch(/safely grow/);
    expect(advice(0.5)).toMatch(/Good range/);
    expect(advice(0.9)).toMatch(/monitor/);
    expect(advice(1.2)).toMatch(/top-up/);
  });
  test.each([
    [0.8, "GREEN", /Good range/],
    [0.8000001, "AMBER", /monitor weekly/],
    [1, "AMBER", /monitor weekly/],
    [1.0000001, "RED", /buy top-up/],
  ])("at the edge %p health is %p and the advice agrees", (u, status, words) => {
    expect(health(u * 50_000, 50_000)).toBe(status);
    expect(advice(u)).toMatch(words);
  });
  test("health and advice come from the same band of one table at every utilisation", () => {
    for (let k = 0; k <= 1500; k++) {
      const u = k / 1000;
      const band = PLANNING_RULES.find((b) => u <= b.upTo)!;
      expect([health(u * 1000, 1000), advice(u)]).toEqual([band.status, band.advice]);
    }
  });
  test("month-end projection at the pace so far", () => {
    expect(projectMonthEnd(10000, 10, 31)).toBe(31000);
    expect((projectMonthEnd(10000, 0, 31) as InputError).code).toBe("div0");
    expect((projectMonthEnd(10000, 32, 31) as InputError).code).toBe("num");
  });
});

describe("budgeting", () => {
  test("buffers are added: baseline x (1 + 20% + 10%)", () => {
    expect(budgetWithBuffers(19810) as number).toBeCloseTo(25753, 6);
    expect(budgetWithBuffers(1000, 0.2, 0.15) as number).toBeCloseTo(1350, 9);
    expect(budgetWithBuffers(-1)).toBeInstanceOf(InputError);
  });
  test("top-up: whole tokens, rounded up, with an optional buffer", () => {
    expect(topUpNeed(40000, 30000)).toBe(10000);
    expect(topUpNeed(30000.2, 30000)).toBe(1);
    expect(topUpNeed(20000, 30000)).toBe(0);
    expect(topUpNeed(30000, 30000, 0.1)).toBe(3000);
  });
});

describe("rate cards are checked when registered", () => {
  const good: RateCard = STUDY_NOTES_CARD;
  const broken = (patch: (c: { -readonly [K in keyof RateCard]: RateCard[K] }) => void): RateCard => {
    const c = JSON.parse(JSON.stringify(good));
    patch(c);
    return c;
  };
  test("both shipped cards are valid and have distinct ids", () => {
    expect(CARDS.map((c) => c.id)).toEqual(["study-notes", "genesys-published"]);
    expect(getCard(null)).toBe(DEFAULT_CARD);
    expect(getCard("")).toBe(DEFAULT_CARD);
    expect((getCard("nope") as InputError).code).toBe("na");
  });
  test.each([
    ["a missing unit", (c: any) => (c.features[0].unit = "")],
    ["a negative rate", (c: any) => (c.features[2].tokens = -1)],
    ["a zero divisor", (c: any) => (c.features[2].per = 0)],
    ["an unknown currency", (c: any) => (c.pricing.perToken.XYZ = 1)],
    ["an unknown default currency", (c: any) => (c.pricing.defaultCurrency = "XYZ")],
    ["a duplicate feature", (c: any) => c.features.push({ ...c.features[0] })],
    ["a range not around its rate", (c: any) => (c.features[0].range = { low: 60, high: 70 })],
    ["a bad date", (c: any) => (c.date = "March 2026")],
    ["carryover", (c: any) => (c.carryover = true)],
    ["a missing source", (c: any) => (c.features[3].source = "")],
  ])("%s fails loudly", (_what, patch) => {
    expect(() => compileCard(broken(patch))).toThrow(RateCardError);
  });
  test("every feature carries a source and a confidence", () => {
    for (const c of CARDS)
      for (const f of c.card.features) {
        expect(f.source.length).toBeGreaterThan(0);
        expect(["confirmed", "secondary", "unconfirmed"]).toContain(f.confidence);
        expect(findFeature(c, f.id)).toBe(f);
      }
  });
});

describe("formatting", () => {
  test("money in each currency", () => {
    expect(formatMoney(20000, "USD")).toBe("$20,000.00");
    expect(formatMoney(1234.5, "EUR")).toBe("€1,234.50");
    expect(formatMoney(120000, "JPY")).toBe("¥120,000");
    expect(formatMoney(-2.5, "GBP")).toBe("-£2.50");
  });
  test("tokens with thousands separators", () => {
    expect(formatTokens(93527)).toBe("93,527");
    expect(formatTokens(19809.617)).toBe("19,809.62");
  });
});
