import {
  CARDS,
  compileContract,
  consumption,
  contractProblems,
  ContractCardError,
  estimate,
  getCard,
  INPUT_RULES,
  InputError,
  cardFromTable,
  cardTable,
  startingContract,
  useOwnCard,
  type CompiledCard,
  type Estimate,
} from "../../src/core";
import { compareCards } from "../../src/core/compare-cards";
import { findPreset } from "../../src/core/presets";
import { BY_HAND, CONTRACT_JSON, CONTRACT_PROFILE } from "../fixtures/contract-example";

const fieldsOf = (json: unknown) => contractProblems(json, CARDS).map((p) => p.field);
const withCard = (patch: Record<string, unknown>) => ({ ...CONTRACT_JSON, ...patch });

describe("a contract card compiled onto its base card", () => {
  const card = compileContract(CONTRACT_JSON, CARDS);

  it("keeps its name, date and source and prices in its own currency", () => {
    expect(card.id).toBe("contract");
    expect(card.card).toMatchObject({ name: "Example Corp contract", date: "2026-04", source: "Order form 2026-0412 (example)", baseCard: "study-notes" });
    expect(card.card.pricing.perToken).toEqual({ USD: 0.85 });
    expect(card.card.allocation.committed).toBe(1600);
  });

  it("reproduces the example worked out by hand", () => {
    const e = estimate(CONTRACT_PROFILE, card) as Estimate;
    expect(e).not.toBeInstanceOf(InputError);
    const tokens = Object.fromEntries(e.lines.filter((l) => l.tokens > 0).map((l) => [l.feature, l.tokens]));
    expect(tokens).toEqual(BY_HAND.lines);
    expect(e).toMatchObject({
      total: BY_HAND.total,
      allocation: BY_HAND.allocation,
      committed: BY_HAND.committed,
      overage: BY_HAND.overage,
      health: BY_HAND.health,
    });
    expect(e.monthlyCost).toBeCloseTo(BY_HAND.monthlyCost, 10);
    expect(e.annualCost).toBeCloseTo(BY_HAND.annualCost, 10);
    expect(consumption(card, "email-assist", BY_HAND.emails)).toBe(BY_HAND.emailTokens);
    expect(consumption(card, "AI email drafting", BY_HAND.emails)).toBe(BY_HAND.emailTokens);
  });

  it("falls back to the base card for every figure it does not give, with the base card's source", () => {
    const notes = getCard("study-notes") as CompiledCard;
    expect(card.byId.get("voicebot")).toBe(notes.byId.get("voicebot"));
    expect(card.card.allocation).toMatchObject({ basis: "per-user", named: 250, concurrent: 350, source: notes.card.allocation.source });
    expect(card.byId.get("copilot")).toMatchObject({ tokens: 45, per: 1, source: CONTRACT_JSON.source });
    expect(card.byId.get("copilot")!.range).toBeUndefined();
  });

  it("is compared with both shipped cards in money", () => {
    const release = useOwnCard(card);
    try {
      const out = compareCards(CONTRACT_PROFILE, [card, ...CARDS]);
      if (out instanceof InputError) throw new Error(out.message);
      const notes = out.find((c) => c.other.id === "study-notes")!;
      // Study notes: total 9,618, overage 2,118 at the contract's price 0.85 (the profile's price is kept) = 1,800.30 a month.
      expect(notes.otherEstimate.total).toBe(BY_HAND.studyNotes.total);
      expect(notes.otherEstimate.overage).toBe(BY_HAND.studyNotes.overage);
      expect(notes.annualCost).toBeCloseTo(2118 * 0.85 * 12 - BY_HAND.annualCost, 8);
      // Published: 30 x 40 + 4,000 x 0.5 + 118 = 3,318 against 250 for the organisation.
      const published = out.find((c) => c.other.id === "genesys-published")!;
      expect(published.otherEstimate).toMatchObject({ total: 3318, allocation: 250, committed: 0, overage: 3068 });
    } finally {
      release();
    }
    expect(getCard("contract")).toBeInstanceOf(InputError);
  });
});

describe("the shipped cards are unchanged", () => {
  it("a starting file for each shipped card compiles back to the same figures", () => {
    for (const shipped of CARDS) {
      const start = JSON.parse(JSON.stringify(startingContract(shipped))) as unknown;
      const card = compileContract(start, CARDS);
      for (const preset of ["small", "mid-market", "enterprise"]) {
        const p = findPreset(preset)!.profile;
        const a = estimate({ ...p, card: shipped.id }, shipped) as Estimate;
        const b = estimate({ ...p, card: card.id }, card) as Estimate;
        expect({ ...b, lines: b.lines.map((l) => l.tokens) }).toEqual({ ...a, lines: a.lines.map((l) => l.tokens) });
      }
      expect(card.card.pricing.perToken).toEqual(shipped.card.pricing.perToken);
    }
  });

  it("the worked examples keep their figures and no committed tokens", () => {
    const e = estimate(findPreset("mid-market")!.profile, CARDS[0]) as Estimate;
    expect(e).toMatchObject({ total: 19810, allocation: 50000, committed: 0, overage: 0 });
  });
});

describe("a malformed contract card names its field", () => {
  it.each([
    [{ pricePerToken: { USD: -1 } }, "pricePerToken.USD"],
    [{ pricePerToken: { XYZ: 1 } }, "pricePerToken.XYZ"],
    [{ currency: "EUR" }, "currency"],
    [{ rates: { copilot: { tokens: "45" } } }, "rates.copilot.tokens"],
    [{ rates: { nosuch: { tokens: 1 } } }, "rates.nosuch"],
    [{ rates: { copilot: { tokens: 70, low: 40, high: 60 } } }, "rates.copilot.low"],
    [{ rates: { copilot: { per: 0 } } }, "rates.copilot.per"],
    [{ features: [{ id: "voicebot", name: "Again", unit: "minute", tokensPerUnit: 1 }] }, "features[0].id"],
    [
      {
        features: [
          { id: "x", name: "X", unit: "u", tokensPerUnit: 1 },
          { id: "x", name: "X", unit: "u", tokensPerUnit: 1 },
        ],
      },
      "features[1].id",
    ],
    [{ features: [{ id: "x", name: "X", unit: "u" }] }, "features[0].tokensPerUnit"],
    [{ committedTokens: -5 }, "committedTokens"],
    // Over the input rules' upper bounds (src/core/input-rules.ts).
    [{ pricePerToken: { USD: 5000 } }, "pricePerToken.USD"],
    [{ rates: { copilot: { tokens: 20_000 } } }, "rates.copilot.tokens"],
    [{ rates: { copilot: { tokens: 45, per: 2e9 } } }, "rates.copilot.per"],
    [{ features: [{ id: "x", name: "X", unit: "u", tokensPerUnit: 20_000 }] }, "features[0].tokensPerUnit"],
    [{ allocation: { basis: "per-user", named: 20_000 } }, "allocation.named"],
    [{ allocation: { basis: "per-organisation", concurrent: 2e12 } }, "allocation.concurrent"],
    [{ committedTokens: 2e12 }, "committedTokens"],
    [{ addOnPerUser: { named: 20_000, concurrent: 39 } }, "addOnPerUser.named"],
    [{ allocation: { basis: "per-seat" } }, "allocation.basis"],
    [{ baseCard: "nosuch" }, "baseCard"],
    [{ date: "April" }, "date"],
    [{ id: "mine" }, "id"],
    [{ extra: 1 }, "extra"],
  ])("%j -> %s", (patch, field) => {
    expect(fieldsOf(withCard(patch))).toContain(field);
    expect(() => compileContract(withCard(patch), CARDS)).toThrow(ContractCardError);
  });

  it("an upper bound is the input rule's, in the rule's words; a figure at the bound passes", () => {
    const problem = (patch: Record<string, unknown>) => contractProblems(withCard(patch), CARDS);
    expect(problem({ pricePerToken: { USD: INPUT_RULES.pricePerToken.max + 1 } })).toEqual([
      { field: "pricePerToken.USD", message: "must be at most 1,000 (currency units a token)." },
    ]);
    expect(problem({ pricePerToken: { USD: INPUT_RULES.pricePerToken.max } })).toEqual([]);
    expect(problem({ committedTokens: INPUT_RULES.tokens.max })).toEqual([]);
    expect(problem({ rates: { copilot: { tokens: INPUT_RULES.rateTokens.max } } })).toEqual([]);
    // The allocation's bound follows its basis: a user's tokens, or the organisation's.
    expect(problem({ allocation: { basis: "per-organisation", named: 50_000 } })).toEqual([]);
    expect(problem({ allocation: { basis: "per-user", named: 50_000 } })).toEqual([
      { field: "allocation.named", message: "must be at most 10,000 (tokens a user a month)." },
    ]);
  });

  it("a card that is not an object", () => {
    expect(fieldsOf([1, 2])).toEqual(["card"]);
    expect(fieldsOf(null)).toEqual(["card"]);
  });
});

describe("a contract card as a table of cells", () => {
  it("reads back as the same card, settings rows included (allocation, add-on, prices)", () => {
    const json = {
      ...CONTRACT_JSON,
      baseCard: "genesys-published",
      currency: "EUR",
      pricePerToken: { EUR: 0.75, USD: 0.82 },
      allocation: { basis: "per-user", named: 300, concurrent: 400 },
      addOnPerUser: { named: 30, concurrent: 39, condition: "CX 4 licences" },
    };
    const card = compileContract(json, CARDS);
    const back = cardFromTable(cardTable(card, "named"), CARDS) as CompiledCard;
    expect(back).not.toBeInstanceOf(InputError);
    expect(back.card.allocation).toMatchObject({
      basis: "per-user",
      named: 300,
      concurrent: 400,
      committed: 1600,
      addOnPerUser: { named: 30, concurrent: 39 },
    });
    expect(back.card.pricing).toMatchObject({ defaultCurrency: "EUR", perToken: { EUR: 0.75, USD: 0.82 } });
    expect(back.card).toMatchObject({ name: card.card.name, date: card.card.date, source: card.card.source, baseCard: "genesys-published" });
    for (const f of card.card.features) expect(back.byId.get(f.id)).toMatchObject({ tokens: f.tokens, per: f.per });
  });

  it("a date typed into Excel arrives as a date serial and is read as its month", () => {
    const rows = [
      ["Base card", "study-notes"],
      ["Date", 46113],
    ]; // 2026-04-01
    expect((cardFromTable(rows, CARDS) as CompiledCard).card.date).toBe("2026-04");
  });
});
