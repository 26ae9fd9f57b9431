/**
 * The Usage dashboard tab with the contract card: blank committed tokens are the contract's a month,
 * said in the pane and named on the sheet; a typed figure (0 included) wins; a shipped card has none.
 */
import { CARDS, compileContract, useOwnCard } from "../../src/core";
import { applyDashboardPreset, dashboardFormFromData, editDashboardField, initialDashboardForm, parseDashboardForm } from "../../src/taskpane/dashboard-form";
import { dashboardView } from "../../src/taskpane/dashboard-view";
import { buildDashboard } from "../../src/sheets/dashboard";
import { cellsOf } from "../../src/sheets/model";
import { BY_HAND, CONTRACT_JSON } from "../fixtures/contract-example";

describe("the dashboard tab with the contract card", () => {
  const card = compileContract(CONTRACT_JSON, CARDS);
  let release: () => void;
  beforeAll(() => (release = useOwnCard(card)));
  afterAll(() => release());

  const contract = () => editDashboardField(editDashboardField(initialDashboardForm(), "card", "contract"), "committed", "");
  const sheetTexts = (v: ReturnType<typeof contract>) => [...cellsOf(buildDashboard(parseDashboardForm(v).dashboard).model)].map((c) => c.cell.value);

  it("blank committed tokens are the contract's a month: in the preview, the hint and the sheet's source", () => {
    const v = contract();
    const { dashboard, problems } = parseDashboardForm(v);
    expect(problems).toEqual([]);
    expect(dashboard).toMatchObject({ card: "contract", committed: BY_HAND.committed, committedFrom: "contract" });
    const view = dashboardView(v);
    expect(view.committedNote).toBe("Committed tokens: 1,600 a month from the contract card (Example Corp contract); type a figure to use your own.");
    expect(view.preview!.consumedNote).toBe("of 51,600 available (50,000 allocated + 1,600 committed)");
    const { result } = buildDashboard(dashboard);
    expect(result.committed).toBe(1600);
    expect(sheetTexts(v)).toContain("contract: Example Corp contract: prepaid tokens of the contract, besides the allocation; 0 when none");
    // The form filled back from that dashboard keeps the field blank: the figure follows the card.
    expect(dashboardFormFromData(dashboard).committed).toBe("");
  });

  it("a typed figure wins, 0 included, and the sheet names no contract", () => {
    for (const [typed, tokens] of [
      ["0", 0],
      ["2,000", 2000],
    ] as const) {
      const v = editDashboardField(contract(), "committed", typed);
      const { dashboard } = parseDashboardForm(v);
      expect(dashboard.committedFrom).toBeUndefined();
      expect(buildDashboard(dashboard).result.committed).toBe(tokens);
      expect(dashboardView(v).committedNote).toBe("");
      expect(sheetTexts(v)).toContain("prepaid tokens of the contract, besides the allocation; 0 when none");
    }
    expect(dashboardView(editDashboardField(contract(), "committed", "0")).preview!.consumedNote).toBe("of 50,000 allocated");
  });

  it("switching to a shipped card drops the contract's committed tokens", () => {
    const v = editDashboardField(contract(), "card", "study-notes");
    const { dashboard, problems } = parseDashboardForm(v);
    expect(problems).toEqual([]);
    expect(dashboard.committed).toBeUndefined();
    expect(dashboard.committedFrom).toBeUndefined();
    expect(dashboardView(v).committedNote).toBe("");
    expect(sheetTexts(v).some((t) => typeof t === "string" && t.startsWith("contract:"))).toBe(false);
    // A preset leaves the card's committed tokens blank when it has none of its own.
    expect(parseDashboardForm(applyDashboardPreset(v, initialDashboardForm().preset)).dashboard.committed).toBeUndefined();
  });
});
