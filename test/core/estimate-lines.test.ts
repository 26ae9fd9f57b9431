/**
 * What the estimate and the annual plan count beyond the template's six lines: line 7's free token
 * entry ("Other features: ___ tokens"), the contract's own features, the unused allocation with the
 * notes' under-20% flag, and lines the card does not price. Figures worked out by hand in comments.
 */
import {
  CARDS,
  compileContract,
  computeAnnualPlan,
  estimate,
  getCard,
  InputError,
  planFromProfile,
  profileProblems,
  UNUSED_ALLOCATION,
  type AnnualPlanResult,
  type CompiledCard,
  type Estimate,
  type Profile,
} from "../../src/core";
import { findPreset } from "../../src/core/presets";
import { BY_HAND, CONTRACT_JSON, CONTRACT_PROFILE } from "../fixtures/contract-example";

const notes = getCard("study-notes") as CompiledCard;
const published = getCard("genesys-published") as CompiledCard;
const midMarket = findPreset("mid-market")!.profile;
const est = (p: Profile, card: CompiledCard = notes): Estimate => {
  const e = estimate(p, card);
  if (e instanceof InputError) throw new Error(e.message);
  return e;
};

describe("line 7: other features, a free token entry", () => {
  it("is summed into the total, overage and cost", () => {
    // Mid-market: 19,810 + 1,200 AI Summary tokens = 21,010 against 50,000: no overage.
    const e = est({ ...midMarket, otherTokens: 1200 });
    expect(e.otherTokens).toBe(1200);
    expect(e.total).toBe(21010);
    // Small (4,701 against 12,500) + 10,000 other = 14,701: 2,201 over at USD 1, 26,412 a year.
    const small = est({ ...findPreset("small")!.profile, otherTokens: 10000 });
    expect(small).toMatchObject({ total: 14701, overage: 2201, annualCost: 26412 });
  });

  it("is rounded by the profile's rule like any line", () => {
    expect(est({ ...midMarket, otherTokens: 10.5 }).total).toBe(19821); // 10.5 half up = 11
    expect(est({ ...midMarket, otherTokens: 10.2, rounding: "up" }).otherTokens).toBe(11);
  });

  it("absent or 0 leaves every figure of the worked example", () => {
    expect(est(midMarket).total).toBe(19810);
    expect(est({ ...midMarket, otherTokens: 0 }).total).toBe(19810);
  });

  it("goes through the input gate: negative, not a number or too large is refused naming the field", () => {
    for (const bad of [-1, NaN, 2e12]) {
      const problems = profileProblems({ ...midMarket, otherTokens: bad }, CARDS);
      expect(problems.map((p) => p.field)).toEqual(["otherTokens"]);
      expect(estimate({ ...midMarket, otherTokens: bad }, notes)).toBeInstanceOf(InputError);
    }
  });
});

describe("the unused allocation and the notes' under-20% flag", () => {
  it("mid-market: 30,190 of 50,000 unused (60.4%): wasted capacity", () => {
    const u = est(midMarket).unused;
    expect(u.tokens).toBe(30190);
    expect(u.share).toBeCloseTo(0.6038, 10);
    expect(u.good).toBe(false);
    expect(u.text).toBe(UNUSED_ALLOCATION.waste);
  });

  it("the threshold comes from the planning rules: just under 20% unused is good, exactly 20% is not", () => {
    // 50,000 available; 40,010 consumed leaves 9,990 (19.98%); 40,000 leaves 10,000 (20%).
    const under = est({ ...midMarket, otherTokens: 40010 - 19810 }).unused;
    expect(under).toMatchObject({ tokens: 9990, good: true, text: UNUSED_ALLOCATION.good });
    const edge = est({ ...midMarket, otherTokens: 40000 - 19810 }).unused;
    expect(edge).toMatchObject({ tokens: 10000, share: 0.2, good: false });
  });

  it("over allocation leaves nothing unused; no allocation gives no share", () => {
    expect(est({ ...midMarket, otherTokens: 40000 }).unused).toMatchObject({ tokens: 0, share: 0, good: true });
    expect(est({ ...midMarket, users: 0 }).unused).toEqual({ tokens: 0, share: null, good: null, text: "" });
  });

  it("counts a contract's committed tokens as available: 9,468 of 9,100 leaves none", () => {
    const card = compileContract(CONTRACT_JSON, CARDS);
    expect(est(CONTRACT_PROFILE, card).unused).toMatchObject({ tokens: 0, share: 0 });
  });
});

describe("the contract's own features are lines", () => {
  const card = compileContract(CONTRACT_JSON, CARDS);

  it("the hand example with 5,000 emails a month: 9,468 + 200 = 9,668; overage 568, USD 482.80 a month", () => {
    const e = est({ ...CONTRACT_PROFILE, ownVolumes: { "email-assist": BY_HAND.emails } }, card);
    expect(e.ownLines).toEqual([{ feature: "email-assist", name: "AI email drafting", units: "emails", quantity: 5000, tokens: BY_HAND.emailTokens }]);
    expect(e.total).toBe(BY_HAND.total + BY_HAND.emailTokens);
    expect(e.overage).toBe(BY_HAND.overage + BY_HAND.emailTokens);
    expect(e.monthlyCost).toBeCloseTo((368 + 200) * 0.85, 10);
  });

  it("a volume for a feature the card does not have names the field", () => {
    const problems = profileProblems({ ...CONTRACT_PROFILE, ownVolumes: { nosuch: 1 } }, [card]);
    expect(problems.map((p) => p.field)).toEqual(["volumes.nosuch"]);
    expect(problems[0].message).toContain("email-assist");
    expect(profileProblems({ ...midMarket, ownVolumes: { "email-assist": 1 } }, CARDS).map((p) => p.field)).toEqual(["volumes.email-assist"]);
    expect(profileProblems({ ...CONTRACT_PROFILE, ownVolumes: { "email-assist": -1 } }, [card]).map((p) => p.field)).toEqual(["volumes.email-assist"]);
  });

  it("the shipped cards have none", () => {
    expect(est(midMarket).ownLines).toEqual([]);
    expect(est({ ...midMarket, card: published.id }, published).ownLines).toEqual([]);
  });
});

describe("lines the card does not price are named", () => {
  it("the published card has no Analytics or Social rate: a volume or an own rate there is listed", () => {
    const p: Profile = { ...midMarket, card: published.id, volumes: { ...midMarket.volumes, analytics: 20 }, tokensPerUser: { analytics: 40 } };
    expect(est(p, published).unpriced).toEqual(["Speech & Text Analytics users"]);
    const rateOnly: Profile = { ...midMarket, card: published.id, tokensPerUser: { analytics: 40 } };
    expect(est(rateOnly, published).unpriced).toEqual(["Speech & Text Analytics users (own rate)"]);
    expect(est(midMarket).unpriced).toEqual([]);
  });
});

describe("the annual plan counts them too", () => {
  const plan = (p: Profile, card: CompiledCard, o: Partial<Parameters<typeof planFromProfile>[1]> = {}): AnnualPlanResult => {
    const r = computeAnnualPlan(planFromProfile(p, { startMonth: 1, startYear: 2027, ...o }), card);
    if (r instanceof InputError) throw new Error(r.message);
    return r;
  };

  it("other tokens every month, times the seasonal multiplier, in every month's consumption", () => {
    const seasonality = [1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const r = plan({ ...midMarket, otherTokens: 1001 }, notes, { seasonality });
    expect(r.other.tokens[1]).toBe(1001);
    expect(r.other.tokens[0]).toBe(1502); // 1,501.5 half up
    expect(r.other.annual).toBe(1502 + 11 * 1001);
    const without = plan(midMarket, notes, { seasonality });
    expect(r.months[1].consumption - without.months[1].consumption).toBe(1001);
    expect(r.annualTokens - without.annualTokens).toBe(r.other.annual);
  });

  it("a steady month of the plan equals the calculator with other tokens and own features", () => {
    const card = compileContract(CONTRACT_JSON, CARDS);
    const p: Profile = { ...CONTRACT_PROFILE, otherTokens: 300, ownVolumes: { "email-assist": 5000 } };
    const r = plan(p, card);
    const row = r.rows.find((x) => x.feature === "email-assist")!;
    expect(row).toMatchObject({ own: true, onCard: true, name: "AI email drafting", baseline: 5000 });
    expect(row.tokens[0]).toBe(200);
    expect(r.months[0].consumption).toBe(est(p, card).total);
    expect(r.months[0].consumption).toBe(9468 + 200 + 300);
  });

  it("names the unpriced lines of the plan", () => {
    const p: Profile = { ...midMarket, card: published.id, volumes: { ...midMarket.volumes, social: 400 } };
    expect(plan(p, published).unpriced).toEqual(["Social posts per month"]);
  });
});
