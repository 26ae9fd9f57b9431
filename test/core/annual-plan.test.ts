import { fc } from "../properties/count"; // fast-check, with each fc.assert's runs counted for the test report
import {
  annualOverage,
  BUDGET_PRESETS,
  budgetWithBuffers,
  byCalendarMonth,
  CALCULATOR_PRESETS,
  computeAnnualPlan,
  DEFAULT_CARD,
  estimate,
  findBudgetPreset,
  getCard,
  InputError,
  NO_TOP_UPS,
  planFromProfile,
  planMonth,
  planProblems,
  usersInMonth,
  VOLUME_FEATURES,
  type AnnualPlan,
  type AnnualPlanResult,
  type CompiledCard,
  type Profile,
  type VolumeFeature,
} from "../../src/core";
import { GROWTH_EXAMPLE, SEASONAL_EXAMPLE } from "../fixtures/worked-examples";

const card = (id: string): CompiledCard => {
  const c = getCard(id);
  if (c instanceof InputError) throw new Error(c.message);
  return c;
};
const PUBLISHED = card("genesys-published");

const compute = (p: AnnualPlan, c: CompiledCard = card(p.card)): AnnualPlanResult => {
  const r = computeAnnualPlan(p, c);
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};

const presetPlan = (id: string): AnnualPlan => {
  const p = findBudgetPreset(id);
  if (!p) throw new Error(`no budget preset ${id}`);
  return p.plan;
};

const profile = (id: string): Profile => CALCULATOR_PRESETS.find((p) => p.id === id)!.profile;

const NONE = Object.fromEntries(VOLUME_FEATURES.map((f) => [f, 0])) as Record<VolumeFeature, number>;

/** A January-December plan of the study-notes card with nothing in it but what a test adds. */
const blank = (over: Partial<AnnualPlan> = {}): AnnualPlan => ({
  ...planFromProfile({ ...profile("small"), volumes: NONE, users: 100 }, { startMonth: 1, startYear: 2027 }),
  ...over,
});

describe("the growth preset: the notes' mid-market center growing to 250 users", () => {
  const plan = presetPlan("growth");
  const res = compute(plan);
  const last = res.months[11];

  test("its first month is the mid-market worked example: 19,810 against 50,000", () => {
    const e = estimate(profile("mid-market"), DEFAULT_CARD);
    if (e instanceof InputError) throw new Error(e.message);
    expect(res.months[0].consumption).toBe(GROWTH_EXAMPLE.baseline);
    expect(res.months[0].consumption).toBe(e.total);
    expect(res.months[0].allocation).toBe(e.allocation);
    expect(res.months[0].users).toBe(200);
  });

  test(`its last month: ${GROWTH_EXAMPLE.consumption} tokens against ${GROWTH_EXAMPLE.allocation}, utilisation 44.5%, no overage`, () => {
    expect(last.consumption).toBe(GROWTH_EXAMPLE.baseline + GROWTH_EXAMPLE.increase);
    expect(last.consumption).toBe(GROWTH_EXAMPLE.consumption);
    expect(last.users).toBe(GROWTH_EXAMPLE.users);
    expect(last.allocation).toBe(GROWTH_EXAMPLE.allocation);
    expect(last.utilisation).toBeCloseTo(GROWTH_EXAMPLE.utilisation, 5);
    expect(last.overage).toBe(GROWTH_EXAMPLE.overage);
  });

  test("users grow in whole steps from 200 to 250; the +8,000 starts at its go-live month", () => {
    const users = res.months.map((m) => m.users);
    expect(users.every((u, i) => i === 0 || u >= users[i - 1])).toBe(true);
    expect(users.every(Number.isInteger)).toBe(true);
    expect(res.months.map((m) => m.allocation)).toEqual(users.map((u) => u * 250));
    const goLive = plan.initiatives[0].goLive;
    res.months.forEach((m, i) => expect(m.consumption).toBe(i + 1 < goLive ? 19810 : 27810));
  });

  test("the year costs nothing: no month over its allocation", () => {
    expect(res.annualOverageTokens).toBe(0);
    expect(res.annualCost).toBe(0);
    expect(res.monthsOverAllocation).toBe(0);
    expect(res.annualTokens).toBe(3 * 19810 + 9 * 27810);
  });

  test("the budget with buffers is the forecast x 1.3 (20% + 10%), as budgetWithBuffers", () => {
    expect(plan.buffers).toEqual({ unpredictability: 0.2, growth: 0.1 });
    res.months.forEach((m) => expect(m.budget).toBe(budgetWithBuffers(m.consumption, 0.2, 0.1)));
    expect(last.budget).toBeCloseTo(36153, 6);
    expect(last.bufferedNeed).toBe(0);
  });
});

describe("the seasonal preset: the notes' holiday retailer", () => {
  const plan = presetPlan("seasonal");
  const res = compute(plan);
  const byName = (month: number) => res.months.find((m) => m.month === month)!;

  test(`base allocation ${SEASONAL_EXAMPLE.allocation} every month`, () => {
    expect(res.months.every((m) => m.allocation === SEASONAL_EXAMPLE.allocation)).toBe(true);
  });

  test("December and January each need 10,000 tokens beyond the allocation, and buy them", () => {
    for (const month of [12, 1]) {
      const m = byName(month);
      expect(m.consumption - m.allocation).toBe(10000);
      expect(m.topUp).toBe(10000);
      expect(m.overage).toBe(0);
      expect(m.cost).toBe(10000);
    }
    expect(res.annualTopUp).toBe(SEASONAL_EXAMPLE.topUpTokens);
  });

  test(`USD ${SEASONAL_EXAMPLE.annualCost} for the year at USD ${SEASONAL_EXAMPLE.pricePerToken}; off-peak months cost nothing and lose their unused allocation`, () => {
    expect(plan.currency).toBe("USD");
    expect(plan.pricePerToken).toBe(SEASONAL_EXAMPLE.pricePerToken);
    expect(res.annualCost).toBe(SEASONAL_EXAMPLE.annualCost);
    expect(res.annualOverageTokens).toBe(0);
    const offPeak = res.months.filter((m) => m.month !== 12 && m.month !== 1);
    expect(offPeak.every((m) => m.cost === 0 && m.headroom > 0)).toBe(true);
    // June to August use little: most of their allocation is lost.
    for (const month of [6, 7, 8]) expect(byName(month).headroom).toBe(14000);
  });

  test("the peak is December (the first of the two peak months); two months are over allocation", () => {
    expect(res.months[res.peakMonth].month).toBe(12);
    expect(res.peakTokens).toBe(40000);
    expect(res.monthsOverAllocation).toBe(2);
  });

  test("without the top-ups, the year's overage is 20,000 although a naive annual sum shows none (no carryover)", () => {
    const r = compute({ ...plan, topUps: NO_TOP_UPS });
    const naive = Math.max(0, r.annualTokens - r.annualAllocation);
    expect(r.annualTokens).toBeLessThan(r.annualAllocation);
    expect(naive).toBe(0);
    expect(r.annualOverageTokens).toBe(20000);
    expect(r.annualCost).toBe(20000);
    const core = annualOverage(
      r.months.map((m) => m.consumption),
      r.months.map((m) => m.allocation),
      plan.pricePerToken,
    );
    if (core instanceof InputError) throw new Error(core.message);
    expect(core.tokens).toBe(r.annualOverageTokens);
    expect(core.monthly).toEqual(r.months.map((m) => m.overage));
  });

  test("seasonal multipliers scale volumes, not Copilot seats", () => {
    const dec = byName(12);
    const copilot = res.rows.find((row) => row.feature === "copilot")!;
    const va = res.rows.find((row) => row.feature === "virtualagent")!;
    expect(dec.multiplier).toBe(1.5);
    expect(copilot.tokens[dec.index]).toBe(4000);
    expect(copilot.tokens[0]).toBe(4000);
    expect(va.tokens[dec.index]).toBe(33000);
    expect(va.tokens[byName(9).index]).toBe(22000);
  });

  test("its card has ranges (Copilot 40-60): low <= expected <= high", () => {
    expect(res.ranged).toBe(true);
    expect(res.levels.low.tokens).toBe(res.annualTokens - 12 * 800);
    expect(res.levels.high.tokens).toBe(res.annualTokens + 12 * 800);
    expect(res.levels.mid.tokens).toBe(res.annualTokens);
    expect(res.levels.high.costTotal).toBe(20000 + 2 * 800);
  });
});

describe("presets", () => {
  test("ids are exactly growth and seasonal, and every preset is a sound plan", () => {
    expect(BUDGET_PRESETS.map((p) => p.id)).toEqual(["growth", "seasonal"]);
    for (const p of BUDGET_PRESETS) expect(planProblems(p.plan, [card(p.plan.card)])).toEqual([]);
    expect(findBudgetPreset("nope")).toBeUndefined();
  });
});

describe("months, users and go-lives", () => {
  test("twelve months from the start month, across the year end", () => {
    expect(planMonth(2026, 7, 0)).toEqual({ year: 2026, month: 7 });
    expect(planMonth(2026, 7, 5)).toEqual({ year: 2026, month: 12 });
    expect(planMonth(2026, 7, 6)).toEqual({ year: 2027, month: 1 });
    expect(planMonth(2027, 1, 11)).toEqual({ year: 2027, month: 12 });
  });

  test.each([
    [{ kind: "users", perMonth: 5 } as const, [100, 105, 110, 155]],
    [{ kind: "users", perMonth: -30 } as const, [100, 70, 40, 0]],
    [{ kind: "rate", monthly: 0.1 } as const, [100, 110, 121, 285]],
    [{ kind: "target", users: 250 } as const, [100, 114, 127, 250]],
  ])("growth %j: users in months 1, 2, 3 and 12 are %j (whole, never negative)", (growth, [m1, m2, m3, m12]) => {
    expect([0, 1, 2, 11].map((i) => usersInMonth(100, growth, i))).toEqual([m1, m2, m3, m12]);
  });

  test("a feature is 0 before its go-live month and priced from it on", () => {
    const res = compute(blank({ volumes: { ...NONE, virtualagent: 100, messaging: 4000 }, goLive: { virtualagent: 4 } }));
    const va = res.rows.find((r) => r.feature === "virtualagent")!;
    const msg = res.rows.find((r) => r.feature === "messaging")!;
    expect(va.tokens).toEqual([0, 0, 0, ...Array(9).fill(4000)]);
    expect(va.quantities.slice(0, 3)).toEqual([0, 0, 0]);
    expect(msg.tokens).toEqual(Array(12).fill(10));
    expect(res.months.map((m) => m.consumption)).toEqual([10, 10, 10, ...Array(9).fill(4010)]);
  });

  test("a go-live month after 12 keeps the feature out of the year", () => {
    const res = compute(blank({ volumes: { ...NONE, virtualagent: 100 }, goLive: { virtualagent: 13 } }));
    expect(res.annualTokens).toBe(0);
  });

  test("Copilot seats follow the licensed users when asked, and stay put otherwise", () => {
    const p = blank({ users: 100, growth: { kind: "users", perMonth: 10 }, volumes: { ...NONE, copilot: 50 } });
    const follow = compute({ ...p, userFeaturesFollowUsers: true }).rows.find((r) => r.feature === "copilot")!;
    const still = compute({ ...p, userFeaturesFollowUsers: false }).rows.find((r) => r.feature === "copilot")!;
    expect(follow.quantities[0]).toBe(50);
    expect(follow.quantities[11]).toBe((50 * 210) / 100);
    expect(follow.tokens[11]).toBe(105 * 50);
    expect(still.quantities).toEqual(Array(12).fill(50));
  });

  test("initiatives add their tokens from their go-live month, times the seasonal multiplier, rounded per line", () => {
    const res = compute(blank({ seasonality: byCalendarMonth({ 12: 1.5 }, 1), initiatives: [{ name: "New channel", tokensPerMonth: 1001, goLive: 11 }] }));
    expect(res.initiatives[0].tokens).toEqual([...Array(10).fill(0), 1001, 1502]);
    expect(res.annualTokens).toBe(2503);
  });

  test("per-line rounding: each feature of each month is rounded before summing", () => {
    // 500 messages = 1.25 tokens, 20 scoring evaluations a day x 20 / 20 = 20, 3 voice-bot minutes a day x 20 / 17 = 3.53.
    const res = compute(blank({ volumes: { ...NONE, messaging: 500, voicebot: 3 } }));
    expect(res.months[0].consumption).toBe(1 + 4);
    const exact = compute(blank({ volumes: { ...NONE, messaging: 500, voicebot: 3 }, rounding: "exact" }));
    expect(exact.months[0].consumption).toBeCloseTo(1.25 + 60 / 17, 12);
  });

  test("top-ups add to the month's allocation and cost their price whether used or not", () => {
    const res = compute(blank({ users: 10, volumes: { ...NONE, virtualagent: 100 }, topUps: byCalendarMonth({ 3: 1000, 4: 5000 }, 0), pricePerToken: 0.8 }));
    // 4,000 tokens a month against 2,500: 1,500 over.
    const [, feb, mar, apr] = res.months;
    expect(feb.overage).toBe(1500);
    expect(mar.overage).toBe(500);
    expect(apr.overage).toBe(0);
    expect(mar.cost).toBeCloseTo((1000 + 500) * 0.8, 10);
    expect(apr.cost).toBeCloseTo(5000 * 0.8, 10);
    expect(res.annualOverageTokens).toBe(10 * 1500 + 500);
  });

  test("the published card allocates per organisation: users do not change the allocation", () => {
    const p = blank({ card: "genesys-published", users: 10, growth: { kind: "users", perMonth: 100 }, volumes: { ...NONE, virtualagent: 10 } });
    const res = compute(p, PUBLISHED);
    expect(res.months.every((m) => m.allocation === 250)).toBe(true);
    // 10 sessions a day x 20 x 0.5 = 100 tokens.
    expect(res.months[0].consumption).toBe(100);
    expect(res.ranged).toBe(false);
    expect(res.levels.low.tokens).toBe(res.levels.high.tokens);
  });
});

describe("a plan built from a calculator profile, with nothing changing over the year", () => {
  test.each(CALCULATOR_PRESETS.map((p) => [p.id, p.profile] as const))("%s: every month is the calculator's estimate", (_id, p) => {
    const e = estimate(p, DEFAULT_CARD);
    if (e instanceof InputError) throw new Error(e.message);
    const res = compute(planFromProfile(p, { startMonth: 3, startYear: 2026 }));
    expect(res.months.every((m) => m.consumption === e.total && m.allocation === e.allocation && m.overage === e.overage)).toBe(true);
    expect(res.annualCost).toBe(e.annualCost);
    expect(res.rows.map((r) => r.tokens[5])).toEqual(e.lines.map((l) => l.tokens));
  });

  test("an over-allocated profile: the year's cost is the estimate's annual cost", () => {
    const p = { ...profile("small"), users: 10, pricePerToken: 1.3 };
    const e = estimate(p, DEFAULT_CARD);
    if (e instanceof InputError) throw new Error(e.message);
    const res = compute(planFromProfile(p, { startMonth: 1, startYear: 2027 }));
    expect(e.overage).toBeGreaterThan(0);
    expect(res.annualOverageTokens).toBe(12 * e.overage);
    expect(res.annualCost).toBeCloseTo(e.annualCost, 6);
  });
});

describe("sites", () => {
  const volumes = { virtualagent: 40, copilot: 12, messaging: 9000 };
  test("one site is the organisation with the same volumes; only the features a site names get rows", () => {
    const org = compute(blank({ volumes: { ...NONE, ...volumes } }));
    const site = compute(blank({ sites: [{ name: "Leeds", volumes }] }));
    expect(site.rows.map((r) => r.feature)).toEqual(["copilot", "virtualagent", "messaging"]);
    expect(site.rows.every((r) => r.site === "Leeds")).toBe(true);
    expect(site.months.map((m) => m.consumption)).toEqual(org.months.map((m) => m.consumption));
  });

  test("sites add up line by line, each with its own go-live", () => {
    const res = compute(
      blank({
        sites: [
          { name: "A", volumes: { virtualagent: 10 } },
          { name: "B", volumes: { virtualagent: 10 }, goLive: { virtualagent: 7 } },
        ],
      }),
    );
    expect(res.months[0].consumption).toBe(400);
    expect(res.months[6].consumption).toBe(800);
  });

  test("500 sites compute", () => {
    const sites = Array.from({ length: 500 }, (_, i) => ({ name: `Site ${i + 1}`, volumes: { copilot: 10 + (i % 7), virtualagent: i % 13 } }));
    const res = compute(blank({ users: 6000, sites }));
    expect(res.rows).toHaveLength(1000);
    expect(res.months[0].consumption).toBe(res.rows.reduce((t, r) => t + r.tokens[0], 0));
  });
});

describe("plan problems are named by field", () => {
  const fields = (p: AnnualPlan) => planProblems(p, [DEFAULT_CARD]).map((x) => x.field);
  test.each([
    [{ startMonth: 13 }, "startMonth"],
    [{ startMonth: 2.5 }, "startMonth"],
    [{ startYear: 1899 }, "startYear"],
    [{ users: -1 }, "users"],
    [{ growth: { kind: "rate", monthly: -1 } }, "growth.monthly"],
    [{ growth: { kind: "target", users: -5 } }, "growth.users"],
    [{ growth: { kind: "users", perMonth: Number.NaN } }, "growth.perMonth"],
    [{ growth: { kind: "weekly" } }, "growth.kind"],
    [{ card: "nope" }, "card"],
    [{ licence: "floating" }, "licence"],
    [{ currency: "XXX" }, "currency"],
    [{ rounding: "down" }, "rounding"],
    [{ level: "max" }, "level"],
    [{ workingDays: 40 }, "workingDays"],
    [{ pricePerToken: -1 }, "pricePerToken"],
    [{ volumes: { ...NONE, voicebot: -3 } }, "volumes.voicebot"],
    [{ goLive: { copilot: 0 } }, "goLive.copilot"],
    [{ tokensPerUser: { copilot: -1 } }, "tokensPerUser.copilot"],
    [{ seasonality: [1, 1, 1] }, "seasonality"],
    [{ seasonality: byCalendarMonth({ 3: -1 }, 1) }, "seasonality.2"],
    [{ topUps: byCalendarMonth({ 12: Infinity }, 0) }, "topUps.11"],
    [{ initiatives: [{ name: "x", tokensPerMonth: -1, goLive: 1 }] }, "initiatives.0.tokensPerMonth"],
    [{ initiatives: [{ name: "x", tokensPerMonth: 1, goLive: 0.5 }] }, "initiatives.0.goLive"],
    [{ buffers: { unpredictability: -0.2, growth: 0.1 } }, "buffers.unpredictability"],
    [
      {
        sites: [
          { name: "a", volumes: {} },
          { name: "b", volumes: { copilot: -2 } },
        ],
      },
      "sites.1.volumes.copilot",
    ],
    [{ sites: [{ name: "a", volumes: { copilot: 1 }, goLive: { copilot: -1 } }] }, "sites.0.goLive.copilot"],
  ])("%j -> %s", (change, field) => {
    const p = { ...blank(), ...change } as AnnualPlan;
    expect(fields(p)).toContain(field);
    const r = computeAnnualPlan(p, DEFAULT_CARD);
    expect(r).toBeInstanceOf(InputError);
  });

  test("a sound plan has none", () => {
    expect(fields(blank())).toEqual([]);
  });
});

describe("properties of random plans", () => {
  const plan = fc.record({
    users: fc.integer({ min: 0, max: 3000 }),
    growth: fc.oneof(
      fc.record({ kind: fc.constant("users" as const), perMonth: fc.integer({ min: -50, max: 50 }) }),
      fc.record({ kind: fc.constant("rate" as const), monthly: fc.integer({ min: -20, max: 20 }).map((n) => n / 100) }),
      fc.record({ kind: fc.constant("target" as const), users: fc.integer({ min: 0, max: 3000 }) }),
    ),
    volumes: fc.record(Object.fromEntries(VOLUME_FEATURES.map((f) => [f, fc.integer({ min: 0, max: 5000 })])) as Record<VolumeFeature, fc.Arbitrary<number>>),
    seasonality: fc.array(
      fc.integer({ min: 0, max: 12 }).map((n) => n / 4),
      { minLength: 12, maxLength: 12 },
    ),
    topUps: fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 12, maxLength: 12 }),
    startMonth: fc.integer({ min: 1, max: 12 }),
    card: fc.constantFrom("study-notes", "genesys-published"),
  });

  test("overage is the sum of monthly overages, never less than a naive annual figure; low <= expected <= high", () => {
    fc.assert(
      fc.property(plan, (x) => {
        const p = blank({ ...x, userFeaturesFollowUsers: x.users % 2 === 0 });
        const r = compute(p);
        const months = r.months;
        expect(r.annualOverageTokens).toBe(months.reduce((t, m) => t + Math.max(0, m.consumption - m.allocation - m.topUp), 0));
        expect(r.annualOverageTokens).toBeGreaterThanOrEqual(Math.max(0, r.annualTokens - r.annualAllocation - r.annualTopUp));
        expect(r.annualCost).toBeCloseTo((r.annualTopUp + r.annualOverageTokens) * p.pricePerToken, 6);
        expect(r.levels.low.tokens).toBeLessThanOrEqual(r.levels.mid.tokens);
        expect(r.levels.mid.tokens).toBeLessThanOrEqual(r.levels.high.tokens);
        expect(r.levels.low.costTotal).toBeLessThanOrEqual(r.levels.high.costTotal);
        expect(months.every((m) => m.users >= 0 && Number.isInteger(m.users))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("committed tokens", () => {
  /** One named user on the published card (250 tokens a month for the organisation) consuming 2,731 tokens a month. */
  const committedPlan = (committedTokens?: AnnualPlan["committedTokens"]): AnnualPlan => ({
    ...blank({ card: "genesys-published", users: 1, initiatives: [{ name: "Bots", tokensPerMonth: 2731, goLive: 1 }] }),
    ...(committedTokens !== undefined ? { committedTokens } : {}),
  });

  test("2,000 committed + 250 allocation against 2,731 consumed: 481 overage tokens a month", () => {
    const r = compute(committedPlan(2000), PUBLISHED);
    expect(r.months[0]).toMatchObject({ allocation: 250, committed: 2000, topUp: 0, available: 2250, consumption: 2731, overage: 481 });
    expect(r.annualOverageTokens).toBe(12 * 481);
    expect(r.annualCommitted).toBe(12 * 2000);
    // Without them the whole 2,481 above the allocation is overage.
    expect(compute(committedPlan(), PUBLISHED).months[0].overage).toBe(2481);
  });

  test("twelve figures by calendar month; top-ups add on top", () => {
    const twelve = NO_TOP_UPS.map((_, i) => (i === 2 ? 2000 : 0));
    const r = compute({ ...committedPlan(twelve), topUps: NO_TOP_UPS.map((_, i) => (i === 2 ? 481 : 0)) }, PUBLISHED);
    expect(r.months.map((m) => m.overage)).toEqual(r.months.map((m) => (m.month === 3 ? 0 : 2481)));
  });

  test("a negative figure or a wrong count is a problem naming the field", () => {
    expect(planProblems(committedPlan(-1), [PUBLISHED]).map((p) => p.field)).toEqual(["committedTokens"]);
    expect(planProblems(committedPlan([1, 2, 3]), [PUBLISHED]).map((p) => p.field)).toEqual(["committedTokens"]);
    expect(planProblems(committedPlan(NO_TOP_UPS.map((_, i) => (i === 4 ? -5 : 0))), [PUBLISHED]).map((p) => p.field)).toEqual(["committedTokens.4"]);
  });
});
