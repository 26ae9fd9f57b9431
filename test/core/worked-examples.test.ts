import {
  allocation,
  CALCULATOR_PRESETS,
  consumption,
  DEFAULT_CARD,
  estimate,
  findPreset,
  getCard,
  InputError,
  overage,
  sumLines,
  type CompiledCard,
  type Profile,
} from "../../src/core";
import { WORKED_EXAMPLES } from "../fixtures/worked-examples";

const card = (id: string): CompiledCard => {
  const c = getCard(id);
  if (c instanceof InputError) throw new Error(c.message);
  return c;
};

const profileOf = (id: string): Profile => {
  const p = findPreset(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.profile;
};

describe("the study notes' worked examples (study-notes card, per-line half up)", () => {
  describe.each(WORKED_EXAMPLES)("$preset", (ex) => {
    test.each(ex.lines)("line $feature of $quantity gives $tokens tokens", (line) => {
      const tokensPerUnit = line.tokensPerUser;
      expect(consumption(DEFAULT_CARD, line.feature, line.quantity, { rounding: "line", licence: "named", level: "mid", tokensPerUnit })).toBe(line.tokens);
    });

    test(`lines sum to ${ex.total}, allocation ${ex.allocation}, overage ${ex.overage}`, () => {
      expect(sumLines(ex.lines.map((l) => l.tokens))).toBe(ex.total);
      expect(allocation(DEFAULT_CARD, ex.users, "named")).toBe(ex.allocation);
      expect(overage(ex.total, ex.allocation)).toBe(ex.overage);
    });

    test("the preset of the same id reproduces the example through estimate()", () => {
      const e = estimate(profileOf(ex.preset), DEFAULT_CARD);
      if (e instanceof InputError) throw new Error(e.message);
      expect(e.total).toBe(ex.total);
      expect(e.allocation).toBe(ex.allocation);
      expect(e.overage).toBe(ex.overage);
      expect(e.annualCost).toBe(0);
      expect(e.health).toBe("GREEN");
      for (const line of ex.lines) {
        expect(e.lines.find((l) => l.feature === line.feature)?.tokens).toBe(line.tokens);
      }
      const others = e.lines.filter((l) => !ex.lines.some((w) => w.feature === l.feature));
      expect(others.every((l) => l.tokens === 0)).toBe(true);
    });
  });

  test("per-line half up is the only rule giving 19,810; exact gives 19,809.62 and up gives 19,811", () => {
    const mid = profileOf("mid-market");
    const exact = estimate({ ...mid, rounding: "exact" }, DEFAULT_CARD);
    const up = estimate({ ...mid, rounding: "up" }, DEFAULT_CARD);
    if (exact instanceof InputError || up instanceof InputError) throw new Error("unexpected error");
    expect(exact.total).toBeCloseTo(19809.62, 2);
    expect(up.total).toBe(19811);
  });
});

/**
 * The same profiles priced on Genesys's published card, derived by hand from its rates
 * (shared/domain.md section 3). Quantities are read in the card's unit: AI Translate counts
 * interactions there, so the 300 of the mid-market profile are 300 interactions at 1 per 2.
 */
const PUBLISHED: readonly {
  preset: string;
  lines: Record<string, number>;
  total: number;
  allocation: number;
  overage: number;
  monthlyCost: number;
  annualCost: number;
}[] = [
  {
    preset: "small",
    // Copilot 50 named users x 40; Scoring 4,000 / 20; Messaging 500 / 400 = 1.25 -> 1; Virtual Agent 1,000 x 0.5
    lines: { copilot: 2000, scoring: 200, messaging: 1, virtualagent: 500 },
    total: 2701,
    allocation: 250,
    overage: 2451,
    monthlyCost: 2451,
    annualCost: 29412,
  },
  {
    preset: "mid-market",
    // Copilot at the profile's own 55 a user; Translate 300 / 2 = 150; Voice 5,000 / 17 = 294.1 -> 294; Virtual Agent 4,000 x 0.5
    lines: { copilot: 11000, scoring: 500, translate: 150, messaging: 13, voicebot: 294, virtualagent: 2000 },
    total: 13957,
    allocation: 250,
    overage: 13707,
    monthlyCost: 13707,
    annualCost: 164484,
  },
  {
    preset: "enterprise",
    // Copilot 1,000 x 40; Translate 3,000 / 2; Voice 20,000 / 17 = 1,176.47 -> 1,176; Digital 10,000 / 51 = 196; VA 20,000 x 0.5
    lines: { copilot: 40000, scoring: 2000, translate: 1500, messaging: 125, voicebot: 1176, digitalbot: 196, virtualagent: 10000 },
    total: 54997,
    allocation: 250,
    overage: 54747,
    monthlyCost: 54747,
    annualCost: 656964,
  },
];

describe("the worked examples on the Genesys published card", () => {
  const published = card("genesys-published");
  test.each(PUBLISHED)("$preset: total $total, allocation $allocation for the organisation, overage $overage", (row) => {
    const e = estimate({ ...profileOf(row.preset), card: "genesys-published" }, published);
    if (e instanceof InputError) throw new Error(e.message);
    for (const [feature, tokens] of Object.entries(row.lines)) expect(e.lines.find((l) => l.feature === feature)?.tokens).toBe(tokens);
    expect(e.total).toBe(row.total);
    expect(e.allocation).toBe(row.allocation);
    expect(e.overage).toBe(row.overage);
    expect(e.monthlyCost).toBe(row.monthlyCost);
    expect(e.annualCost).toBe(row.annualCost);
    expect(e.health).toBe("RED");
  });

  test("features the published card does not list count 0 and say so", () => {
    const e = estimate(
      { ...profileOf("small"), card: "genesys-published", volumes: { ...profileOf("small").volumes, social: 4000, analytics: 10 } },
      published,
    );
    if (e instanceof InputError) throw new Error(e.message);
    const social = e.lines.find((l) => l.feature === "social");
    expect(social?.onCard).toBe(false);
    expect(social?.tokens).toBe(0);
  });

  test("every preset is a valid profile on both cards", () => {
    for (const p of CALCULATOR_PRESETS)
      for (const id of ["study-notes", "genesys-published"]) expect(estimate({ ...p.profile, card: id }, card(id))).not.toBeInstanceOf(InputError);
  });
});
