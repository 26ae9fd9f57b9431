/**
 * The pane's calculator and budget with what they count beyond the template's lines: line 7's other
 * tokens, the contract's own features, the unused allocation with the notes' flag, the lines a card
 * does not price, and the contract's committed tokens in the budget (a typed figure wins).
 */
import { CARDS, compileContract, UNUSED_ALLOCATION, useOwnCard } from "../../src/core";
import {
  applyBudgetPreset,
  budgetFieldOrder,
  budgetFieldValue,
  editBudgetField,
  initialBudgetForm,
  parseBudgetForm,
  type BudgetFieldPath,
} from "../../src/taskpane/budget-form";
import { buildBudget } from "../../src/sheets/budget";
import { cellsOf } from "../../src/sheets/model";
import { budgetView } from "../../src/taskpane/budget-view";
import { applyPreset, editField, formFromProfile, initialForm, parseForm, type FieldPath, type FormValues } from "../../src/taskpane/form";
import { calculatorView } from "../../src/taskpane/view-model";
import { BY_HAND, CONTRACT_JSON, CONTRACT_PROFILE } from "../fixtures/contract-example";

const mid = (): FormValues => applyPreset(initialForm(), "mid-market");
const results = (v: FormValues) => {
  const r = calculatorView(v, CARDS).results;
  if (!r) throw new Error("no results");
  return r;
};

describe("the calculator form", () => {
  it("line 7: other tokens are typed, summed into the total and read back", () => {
    const v = editField(mid(), "otherTokens", "1,200");
    expect(parseForm(v).profile.otherTokens).toBe(1200);
    expect(results(v).total).toBe("21,010");
    expect(formFromProfile(parseForm(v).profile).otherTokens).toBe("1200");
    expect(parseForm(editField(mid(), "otherTokens", "")).profile.otherTokens).toBeUndefined();
  });

  it("a bad other-tokens figure is a problem on its own field", () => {
    expect(calculatorView(editField(mid(), "otherTokens", "-5"), CARDS).problems.otherTokens).toMatch(/cannot be negative/);
    expect(calculatorView(editField(mid(), "otherTokens", "lots"), CARDS).problems.otherTokens).toMatch(/must be a number/);
  });

  it("shows the unused allocation with the notes' flag", () => {
    const r = results(mid());
    expect(r.unused).toBe("30,190 tokens (60.4%)");
    expect(r.unusedText).toBe(UNUSED_ALLOCATION.waste);
    expect(r.unusedGood).toBe(false);
    const full = results(editField(mid(), "otherTokens", String(45000 - 19810)));
    expect(full).toMatchObject({ unused: "5,000 tokens (10%)", unusedText: UNUSED_ALLOCATION.good, unusedGood: true });
    expect(results(editField(mid(), "users", "0")).unused).toBe("n/a (no allocation)");
  });

  it("names the lines the card does not price next to the total", () => {
    const published = editField(editField(mid(), "card", "genesys-published"), "volumes.social", "400");
    expect(results(published).unpriced).toBe("Not in the total, the Genesys published card has no rate for: Social posts per month.");
    const ownRate = editField(editField(mid(), "card", "genesys-published"), "tokensPerUser.analytics", "40");
    expect(results(ownRate).unpriced).toContain("Speech & Text Analytics users (own rate)");
    expect(results(mid()).unpriced).toBe("");
  });
});

describe("the contract card in the pane", () => {
  const card = compileContract(CONTRACT_JSON, CARDS);
  let release: () => void;
  beforeAll(() => (release = useOwnCard(card)));
  afterAll(() => release());

  it("its own feature is a volume field of the calculator, priced into the total as by hand", () => {
    const v = formFromProfile(CONTRACT_PROFILE);
    const view = calculatorView(v, [card, ...CARDS]);
    expect(view.ownLines).toEqual([expect.objectContaining({ feature: "email-assist", label: "AI email drafting a month", unit: "emails" })]);
    const typed = editField(v, "ownVolumes.email-assist" as FieldPath, "5000");
    expect(parseForm(typed).profile.ownVolumes).toEqual({ "email-assist": 5000 });
    expect(calculatorView(typed, [card, ...CARDS]).results!.total).toBe("9,668"); // 9,468 + 5,000 / 25
    const bad = calculatorView(editField(v, "ownVolumes.email-assist" as FieldPath, "-1"), [card, ...CARDS]);
    expect((bad.problems as Record<string, string>)["ownVolumes.email-assist"]).toMatch(/cannot be negative/);
  });

  it("the budget takes the contract's committed tokens when none are typed, and says so; a typed figure wins", () => {
    const base = editBudgetField(applyBudgetPreset(initialBudgetForm(), "growth"), "card", "contract");
    const blank = editBudgetField(base, "committedTokens", "");
    expect(parseBudgetForm(blank).plan.committedTokens).toBeUndefined();
    const view = budgetView(blank);
    expect(view.result!.months.every((m) => m.committed === BY_HAND.committed)).toBe(true);
    expect(view.preview!.committedNote).toBe("Committed tokens: 1,600 a month from the contract card (Example Corp contract); type a figure to use your own.");
    const typed = budgetView(editBudgetField(base, "committedTokens", "0"));
    expect(typed.result!.months.every((m) => m.committed === 0)).toBe(true);
    expect(typed.preview!.committedNote).toBe("");
  });

  it("the budget offers a volume field for each own feature, as the calculator does, and its sheet carries the contract", () => {
    const base = editBudgetField(applyBudgetPreset(initialBudgetForm(), "growth"), "card", "contract");
    const view = budgetView(base);
    expect(view.ownLines).toEqual(calculatorView(formFromProfile(CONTRACT_PROFILE), [card, ...CARDS]).ownLines);
    expect(view.ownLines.map((l) => l.feature)).toEqual(["email-assist"]);

    const path = "ownVolumes.email-assist" as BudgetFieldPath;
    const typed = editBudgetField(base, path, "5,000");
    expect(budgetFieldValue(typed, path)).toBe("5,000");
    expect(budgetFieldOrder(typed)).toContain(path);
    const { plan, problems } = parseBudgetForm(typed);
    expect(problems).toEqual([]);
    expect(plan.ownVolumes).toEqual({ "email-assist": BY_HAND.emails });
    const result = budgetView(typed).result!;
    const row = result.rows.find((r) => r.feature === "email-assist")!;
    // 5,000 emails / 25 = 200 tokens in an ordinary month (multiplier 1), more in a seasonal peak.
    const ordinary = result.months.findIndex((m) => m.multiplier === 1);
    expect(row.tokens[ordinary]).toBe(BY_HAND.emailTokens);
    expect(result.months[ordinary].consumption - budgetView(base).result!.months[ordinary].consumption).toBe(BY_HAND.emailTokens);

    // The sheet it inserts: the contract in the rates block, the own feature's row, its committed tokens named.
    const texts = [...cellsOf(buildBudget(plan).model)].map((c) => c.cell.value);
    const starting = (prefix: string) => texts.some((t) => typeof t === "string" && t.startsWith(prefix));
    expect(starting(`Rates: ${CONTRACT_JSON.name} card (${CONTRACT_JSON.date}).`)).toBe(true);
    expect(texts).toEqual(expect.arrayContaining([`Source: ${CONTRACT_JSON.source}`, "contract: Example Corp contract", BY_HAND.emails]));
    expect(starting("AI email drafting")).toBe(true);

    // A bad volume is a problem on its own field; on a shipped card the typed volume is not read (its field is gone).
    expect((budgetView(editBudgetField(base, path, "-1")).problems as Record<string, string>)[path]).toMatch(/cannot be negative/);
    const shipped = editBudgetField(typed, "card", "study-notes");
    expect(budgetView(shipped).ownLines).toEqual([]);
    expect(parseBudgetForm(shipped)).toMatchObject({ problems: [] });
    expect(parseBudgetForm(shipped).plan.ownVolumes).toBeUndefined();
  });
});

describe("the budget form", () => {
  const growth = () => applyBudgetPreset(initialBudgetForm(), "growth");

  it("line 7: other tokens every month, in the annual tokens", () => {
    const before = budgetView(growth()).result!.annualTokens;
    const v = editBudgetField(growth(), "otherTokens", "1000");
    expect(parseBudgetForm(v).plan.otherTokens).toBe(1000);
    expect(budgetView(v).result!.annualTokens).toBe(before + 12 * 1000);
    expect(budgetView(editBudgetField(growth(), "otherTokens", "-1")).problems.otherTokens).toMatch(/cannot be negative/);
  });

  it("names the lines the card does not price", () => {
    const v = editBudgetField(editBudgetField(growth(), "card", "genesys-published"), "volumes.social", "400");
    expect(budgetView(v).preview!.unpriced).toBe("Not in the total, the Genesys published card has no rate for: Social posts per month.");
    expect(budgetView(growth()).preview!.unpriced).toBe("");
  });
});
