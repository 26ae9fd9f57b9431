import { CARDS, getCard, InputError, type CompiledCard } from "../../src/core";
import { compareCards, type CardComparison } from "../../src/core/compare-cards";
import { findPreset } from "../../src/core/presets";

const published = getCard("genesys-published") as CompiledCard;

const onPublished = (presetId: string): CardComparison => {
  const preset = findPreset(presetId);
  if (!preset) throw new Error(presetId);
  const out = compareCards(preset.profile, CARDS);
  if (out instanceof InputError) throw new Error(out.message);
  expect(out).toHaveLength(1);
  return out[0];
};

/**
 * The three worked examples priced on Genesys's published card, derived by hand (domain.md section 3):
 * Copilot 40 a named user (the mid-market example keeps its own 55), Scoring 1/20 evaluations,
 * Translate 1 per 2 interactions, Messaging 1/400, Voice bots 1/17 minutes, Digital bots 1/51,
 * Virtual Agent 0.5 an interaction, per-line half-up rounding; one allocation of 250 for the organisation.
 */
const PUBLISHED = [
  {
    preset: "small",
    // 50 x 40 + 200 x 20 / 20 + 500 / 400 (1.25 -> 1) + 50 x 20 x 0.5
    lines: { copilot: 2000, scoring: 200, messaging: 1, virtualagent: 500 },
    total: 2701,
    studyTotal: 4701,
    overage: 2451,
  },
  {
    preset: "mid-market",
    // 200 x 55 (own figure) + 500 + 300 / 2 + 5,000 / 400 (12.5 -> 13) + 5,000 / 17 (294.1 -> 294) + 200 x 20 x 0.5
    lines: { copilot: 11000, scoring: 500, translate: 150, messaging: 13, voicebot: 294, virtualagent: 2000 },
    total: 13957,
    studyTotal: 19810,
    overage: 13707,
  },
  {
    preset: "enterprise",
    // 1,000 x 40 + 2,000 + 3,000 / 2 + 125 + 20,000 / 17 (1,176.5 -> 1,176) + 10,000 / 51 (196.1 -> 196) + 1,000 x 20 x 0.5
    lines: { copilot: 40000, scoring: 2000, translate: 1500, messaging: 125, voicebot: 1176, digitalbot: 196, virtualagent: 10000 },
    total: 54997,
    studyTotal: 93527,
    overage: 54747,
  },
] as const;

describe("compareCards: the worked examples on the Genesys published card", () => {
  test.each(PUBLISHED)("$preset", ({ preset, lines, total, studyTotal, overage }) => {
    const c = onPublished(preset);
    expect(c.base.id).toBe("study-notes");
    expect(c.other).toBe(published);
    for (const [feature, tokens] of Object.entries(lines)) {
      expect(c.otherEstimate.lines.find((l) => l.feature === feature)?.tokens).toBe(tokens);
    }
    expect(c.baseEstimate.total).toBe(studyTotal);
    expect(c.otherEstimate.total).toBe(total);
    expect(c.tokens).toBe(total - studyTotal);
    expect(c.otherEstimate.allocation).toBe(250);
    expect(c.otherEstimate.overage).toBe(overage);
    // USD 1.00 a token, the presets' price.
    expect(c.otherEstimate.monthlyCost).toBe(overage);
    expect(c.otherEstimate.annualCost).toBe(overage * 12);
    expect(c.annualCost).toBe(overage * 12); // none on the study-notes card
  });

  test("Small: Copilot 2,500 -> 2,000 and Virtual Agent 2,000 -> 500 are the lines that differ", () => {
    const c = onPublished("small");
    expect(c.lines.map((d) => [d.feature, d.base.tokens, d.other.tokens, d.tokens])).toEqual([
      ["copilot", 2500, 2000, -500],
      ["virtualagent", 2000, 500, -1500],
    ]);
    expect(c.allocation).toBe(250 - 12500);
    expect(c.overage).toBe(2451);
    expect(c.monthlyCost).toBe(2451);
    expect(c.annualCost).toBe(29412);
  });

  test("Mid-market: the own Copilot figure applies on both cards; Translate changes unit", () => {
    const c = onPublished("mid-market");
    expect(c.lines.find((d) => d.feature === "copilot")).toBeUndefined();
    const translate = c.lines.find((d) => d.feature === "translate");
    expect(translate?.unitChange).toEqual({ base: "minutes", other: "interactions" });
    expect([translate?.base.tokens, translate?.other.tokens]).toEqual([3, 150]);
  });

  test("a feature the other card does not price counts 0 there", () => {
    const preset = findPreset("small")!;
    const out = compareCards({ ...preset.profile, volumes: { ...preset.profile.volumes, analytics: 20 } }, CARDS) as CardComparison[];
    const analytics = out[0].lines.find((d) => d.feature === "analytics");
    expect(analytics?.base).toMatchObject({ onCard: true, tokens: 750 });
    expect(analytics?.other).toMatchObject({ onCard: false, tokens: 0 });
  });

  test("from the published card the differences change sign", () => {
    const preset = findPreset("small")!;
    const out = compareCards({ ...preset.profile, card: "genesys-published" }, CARDS) as CardComparison[];
    expect(out[0].base.id).toBe("genesys-published");
    expect(out[0].other.id).toBe("study-notes");
    expect(out[0].tokens).toBe(2000);
    expect(out[0].annualCost).toBe(-29412);
  });

  test("an unknown card or a bad profile is an InputError, not an exception", () => {
    const preset = findPreset("small")!;
    expect(compareCards({ ...preset.profile, card: "nope" }, CARDS)).toBeInstanceOf(InputError);
    expect(compareCards({ ...preset.profile, users: -1 }, CARDS)).toBeInstanceOf(InputError);
  });
});
