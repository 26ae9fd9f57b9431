/**
 * The budget sheet's lines beyond the template's: line 7's free token entry, the contract's own
 * features as volume rows, and the note naming lines the card does not price. Evaluated by a
 * formula engine (HyperFormula), each against the core's annual plan.
 */
import {
  CARDS,
  compileContract,
  computeAnnualPlan,
  findPreset,
  InputError,
  planFromProfile,
  useOwnCard,
  type AnnualPlan,
  type AnnualPlanResult,
  type CompiledCard,
  type Profile,
} from "../../src/core";
import { buildBudget, BUDGET_SHEET_NAME } from "../../src/sheets/budget";
import { UNPRICED_TEXT } from "../../src/sheets/calculator";
import { cellsOf } from "../../src/sheets/model";
import { BY_HAND, CONTRACT_JSON, CONTRACT_PROFILE } from "../fixtures/contract-example";
import { cardOf, evaluateExact, resultMismatches } from "./support";

const SHEET = BUDGET_SHEET_NAME;
const mid = findPreset("mid-market")!.profile;
const seasonality = [1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5];
const planOf = (p: Profile): AnnualPlan => planFromProfile(p, { startMonth: 1, startYear: 2027, seasonality });
const compute = (p: AnnualPlan, card: CompiledCard = cardOf(p.card)): AnnualPlanResult => {
  const r = computeAnnualPlan(p, card);
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};

describe("line 7: other features on the budget", () => {
  it("is an input row in the tokens block, summed into every month's consumption", () => {
    const p = planOf({ ...mid, otherTokens: 1001 });
    const { model, layout, result } = buildBudget(p);
    const wb = evaluateExact(model);
    expect(resultMismatches(wb, model)).toEqual([]);
    expect(wb.get(SHEET, layout.other.tokensPerMonth)).toBe(1001);
    expect(layout.other.tokens.map((r) => wb.get(SHEET, r))).toEqual(result.other.tokens);
    expect(result.other.tokens[0]).toBe(1502); // 1,001 x 1.5 = 1,501.5, half up
    // Editing the entry recalculates the year as the core says.
    wb.set(SHEET, layout.other.tokensPerMonth, 2000);
    const edited = compute(planOf({ ...mid, otherTokens: 2000 }));
    expect(wb.name(SHEET, "AnnualTokens")).toBe(edited.annualTokens);
    expect(layout.months.consumption.map((r) => wb.get(SHEET, r))).toEqual(edited.months.map((m) => m.consumption));
  });

  it("says the figure is the analyst's own", () => {
    const { model, layout } = buildBudget(planOf(mid));
    const row = Number(layout.other.tokensPerMonth.slice(1));
    const texts = [...cellsOf(model)].filter((c) => c.row === row - 1).map((c) => c.cell.value);
    expect(texts).toEqual(expect.arrayContaining(["Other features (tokens)", "your own figure"]));
  });
});

describe("the contract's own features on the budget", () => {
  const card = compileContract(CONTRACT_JSON, CARDS);
  let release: () => void;
  beforeAll(() => (release = useOwnCard(card)));
  afterAll(() => release());

  it("are volume rows priced by the rates block: 5,000 emails a month are 200 tokens", () => {
    const p = planOf({ ...CONTRACT_PROFILE, ownVolumes: { "email-assist": BY_HAND.emails } });
    const { model, layout, result } = buildBudget(p);
    const k = result.rows.findIndex((r) => r.feature === "email-assist");
    expect(k).toBeGreaterThanOrEqual(0);
    const wb = evaluateExact(model);
    expect(resultMismatches(wb, model)).toEqual([]);
    expect(wb.get(SHEET, layout.lines[k].baseline)).toBe(5000);
    expect(wb.get(SHEET, layout.lines[k].tokens[1])).toBe(BY_HAND.emailTokens);
    expect(wb.get(SHEET, layout.lines[k].tokens[0])).toBe(300); // 7,500 emails in a x1.5 month
    // A steady month equals the calculator: 9,468 + 200.
    expect(wb.get(SHEET, layout.months.consumption[1])).toBe(BY_HAND.total + BY_HAND.emailTokens);
    wb.set(SHEET, layout.lines[k].baseline, 10000);
    expect(wb.get(SHEET, layout.lines[k].tokens[1])).toBe(400);
  });
});

describe("lines the card does not price are named on the budget", () => {
  const published = cardOf("genesys-published");
  const p = planOf({ ...mid, card: published.id, volumes: { ...mid.volumes, social: 400 } });

  it("under the title, as a formula that follows the volumes", () => {
    const { model, layout, result } = buildBudget(p);
    expect(result.unpriced).toEqual(["Social posts per month"]);
    const wb = evaluateExact(model);
    expect(wb.get(SHEET, layout.unpriced!)).toBe(`${UNPRICED_TEXT} Social posts per month; `);
    const social = result.rows.findIndex((r) => r.feature === "social");
    wb.set(SHEET, layout.lines[social].baseline, 0);
    expect(wb.get(SHEET, layout.unpriced!)).toBe("");
    const analytics = result.rows.findIndex((r) => r.feature === "analytics");
    wb.set(SHEET, layout.lines[analytics].baseline, 5);
    expect(wb.get(SHEET, layout.unpriced!)).toBe(`${UNPRICED_TEXT} Speech & Text Analytics users; `);
  });

  it("with sites: one test per feature, whatever the number of sites", () => {
    const sites = Array.from({ length: 40 }, (_, i) => ({ name: `Site ${i + 1}`, volumes: { social: i === 39 ? 10 : 0, copilot: 5 } }));
    const { model, layout } = buildBudget({ ...p, sites });
    const wb = evaluateExact(model);
    expect(wb.get(SHEET, layout.unpriced!)).toBe(`${UNPRICED_TEXT} Social posts per month; `);
  });

  it("an own Analytics rate on a card without Analytics is named too, and clearing it clears the note", () => {
    const own = planOf({ ...mid, card: published.id, tokensPerUser: { analytics: 40 } });
    const { model, layout, result } = buildBudget(own);
    expect(result.unpriced).toEqual(["Speech & Text Analytics users (own rate)"]);
    const wb = evaluateExact(model);
    expect(resultMismatches(wb, model)).toEqual([]);
    expect(wb.get(SHEET, layout.unpriced!)).toBe(`${UNPRICED_TEXT} Speech & Text Analytics users (own rate); `);
    wb.set(SHEET, layout.inputs["own.analytics"], null);
    expect(wb.get(SHEET, layout.unpriced!)).toBe("");
  });

  it("the study-notes card prices every line: no note", () => {
    expect(buildBudget(planOf(mid)).layout.unpriced).toBeUndefined();
  });
});

describe("the unused allocation on the budget", () => {
  it("month by month, with its share, as the core computes them; a share at or above 20% is marked", () => {
    // Mid-market, flat: 19,810 of 50,000 each month, 30,190 unused (60.4%); x1.5 in January and December.
    const { model, layout, result } = buildBudget(planOf(mid));
    const wb = evaluateExact(model);
    expect(layout.months.unused.map((r) => wb.get(SHEET, r))).toEqual(result.months.map((m) => m.unused));
    expect(wb.get(SHEET, layout.months.unused[1])).toBe(30190);
    expect(wb.get(SHEET, layout.months.unusedShare[1])).toBeCloseTo(0.6038, 10);
    const rule = model.conditionalFormats.find((c) => c.range === `${layout.months.unusedShare[0]}:${layout.months.unusedShare[11]}`);
    expect(rule?.formula).toContain(">=0.2");
    // Typing 45,000 other tokens leaves 50,000 - 64,810 < 0: nothing unused.
    wb.set(SHEET, layout.other.tokensPerMonth, 45000);
    expect(wb.get(SHEET, layout.months.unused[1])).toBe(0);
    expect(wb.get(SHEET, layout.months.unusedShare[1])).toBe(0);
  });
});
