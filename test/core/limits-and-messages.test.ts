/**
 * The structural limits (one table, the same verdict in every face) and the one message sanitiser.
 */
import { computeAnnualPlan, planProblems } from "../../src/core/annual-plan";
import { BUDGET_PRESETS } from "../../src/core/budget-presets";
import { DEFAULT_CARD } from "../../src/core/cards";
import { formatMoney, formatTokens } from "../../src/core/currencies";
import { InputError } from "../../src/core/errors";
import { profileProblems } from "../../src/core/estimate";
import { LIMITS } from "../../src/core/limits";
import { MESSAGE_MAX, safeMessage } from "../../src/core/message-text";
import { CALCULATOR_PRESETS } from "../../src/core/presets";
import { PLAN_SCHEMA } from "../../src/plan/plan-schema";
import { initialForm, parseForm } from "../../src/taskpane/form";
import { initialBudgetForm, parseBudgetForm } from "../../src/taskpane/budget-form";

const long = "n".repeat(40_000);

describe("one text limit in every face", () => {
  test("a 40,000-character scenario name is refused in the pane with a message, not a failed download", () => {
    const v = { ...initialForm(), name: long };
    const problem = parseForm(v).problems.find((p) => p.field === "name");
    expect(problem?.message).toBe(`The scenario name has 40,000 characters; at most ${LIMITS.textLength} are allowed.`);
  });

  test("a name of exactly the limit is accepted everywhere", () => {
    const name = "n".repeat(LIMITS.textLength);
    expect(parseForm({ ...initialForm(), name }).problems).toEqual([]);
    const plan = { ...BUDGET_PRESETS[0].plan, name };
    expect(planProblems(plan, [DEFAULT_CARD])).toEqual([]);
  });

  test("the annual budget's plan, site and initiative names are held to the same limit", () => {
    const base = BUDGET_PRESETS[0].plan;
    const plan = {
      ...base,
      name: long,
      initiatives: [{ name: long, tokensPerMonth: 1, goLive: 1 }],
      sites: [{ name: long, volumes: { copilot: 1 } }],
    };
    expect(planProblems(plan, [DEFAULT_CARD]).map((p) => p.field)).toEqual(expect.arrayContaining(["name", "initiatives.0.name", "sites.0.name"]));
    const form = parseBudgetForm({ ...initialBudgetForm(), name: long });
    expect(form.problems.find((p) => p.field === "name")?.message).toMatch(/at most 100 are allowed/);
  });

  test("the plan schema carries the same figures", () => {
    const props = PLAN_SCHEMA.properties;
    expect(props.name.maxLength).toBe(LIMITS.textLength);
    expect(props.budget.properties.sites.maxItems).toBe(LIMITS.sites);
    expect(props.budget.properties.initiatives.maxItems).toBe(LIMITS.initiatives);
    expect(props.budget.properties.sites.items.properties.name.maxLength).toBe(LIMITS.textLength);
    expect(props.dashboard.properties.period.maxLength).toBe(LIMITS.textLength);
  });

  test("a budget past the site or initiative limit is refused before any row is checked or computed", () => {
    const base = BUDGET_PRESETS[0].plan;
    const sites = Array.from({ length: LIMITS.sites + 1 }, (_, i) => ({ name: `S${i}`, volumes: { copilot: -1 } }));
    expect(planProblems({ ...base, sites }, [DEFAULT_CARD])).toEqual([
      { field: "sites", message: `A budget has at most ${LIMITS.sites} sites; this one has ${LIMITS.sites + 1}.` },
    ]);
    const initiatives = Array.from({ length: LIMITS.initiatives + 1 }, () => ({ name: "x", tokensPerMonth: 1, goLive: 1 }));
    expect(planProblems({ ...base, initiatives }, [DEFAULT_CARD]).map((p) => p.field)).toEqual(["initiatives"]);
    expect(
      computeAnnualPlan({ ...base, sites: sites.slice(0, LIMITS.sites).map((s) => ({ ...s, volumes: { copilot: 1 } })) }, DEFAULT_CARD),
    ).not.toBeInstanceOf(InputError);
  });

  test("profiles of the presets are within every limit", () => {
    for (const p of CALCULATOR_PRESETS) expect(profileProblems(p.profile, [DEFAULT_CARD]).filter((x) => x.field === "name")).toEqual([]);
  });
});

describe("safeMessage: the one sanitiser", () => {
  test.each([
    ["ESC and BEL", "a\u001b[2Jb\u0007", "a\\x1B[2Jb\\x07"],
    ["a line break", "one\ntwo\r\nthree", "one\\ntwo\\r\\nthree"],
    ["a tab", "a\tb", "a\\tb"],
    ["C1 controls and DEL", "\u009b31m\u007f", "\\x9B31m\\x7F"],
    ["a direction override", "abc\u202egnp.exe", "abc\\u202Egnp.exe"],
    ["isolates and the line separator", "\u2066x\u2069\u2028", "\\u2066x\\u2069\\u2028"],
    ["plain text, accents and emoji", "Café ☕ 19,810 tokens", "Café ☕ 19,810 tokens"],
  ])("%s", (_, text, shown) => {
    expect(safeMessage(text)).toBe(shown);
  });

  test("a long message is cut to the limit with an ellipsis, never inside an escape or a surrogate pair", () => {
    expect(safeMessage("x".repeat(10_000))).toHaveLength(MESSAGE_MAX);
    expect(safeMessage("x".repeat(10_000)).endsWith("…")).toBe(true);
    for (let pad = 0; pad < 8; pad++) {
      const cut = safeMessage("x".repeat(MESSAGE_MAX - 8 + pad) + "\u001b".repeat(20), MESSAGE_MAX);
      expect(cut.length).toBeLessThanOrEqual(MESSAGE_MAX);
      expect(cut).toMatch(/^x+(\\x1B)*…$/);
      const emoji = safeMessage("x".repeat(MESSAGE_MAX - 4 + pad) + "😀".repeat(10), MESSAGE_MAX);
      expect(emoji).not.toMatch(/[\ud800-\udbff]…$/);
    }
  });

  test("a message of 5 MB comes out at the limit", () => {
    const shown = safeMessage("\u001b".repeat(5_000_000));
    expect(shown.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(shown).toMatch(/^(\\x1B)+…$/);
  });
});

describe("finite figures are shown as finite", () => {
  test.each([
    [19810, "19,810"],
    [1.25, "1.25"],
    [12_345_678_901_234, "12,345,678,901,234"],
    [1e307, "1.00E+307"],
    [-1e307, "-1.00E+307"],
    [Number.MAX_VALUE, "1.80E+308"],
  ])("formatTokens(%p) is %p", (x, shown) => {
    expect(formatTokens(x)).toBe(shown);
  });

  test("money of 1e307 is not infinity either", () => {
    expect(formatMoney(1e307, "USD")).toBe("$1.00E+307");
    expect(formatMoney(1e22, "JPY")).toBe("¥1.00E+22");
    expect(formatMoney(20000, "USD")).toBe("$20,000.00");
  });
});
