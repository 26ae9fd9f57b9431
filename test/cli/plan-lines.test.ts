/**
 * Plan files and the command line with what the calculator and budget count beyond the template's
 * lines: line 7's other tokens, the contract's own features as volumes, and the contract's committed
 * tokens feeding the budget and the dashboard (an explicit plan value wins). The written workbook is
 * recalculated by LibreOffice and must give the core's totals.
 *
 * Without LibreOffice the recalculation is skipped with a warning, except in CI, where it fails.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CARDS, compileContract, estimate, InputError, useOwnCard, type Estimate } from "../../src/core";
import { planFromJson, planToJson, type Plan } from "../../src/plan/plan-file";
import { BUDGET_SHEET_NAME } from "../../src/sheets/budget";
import { CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { DASHBOARD_SHEET_NAME } from "../../src/sheets/dashboard";
import { BY_HAND, CONTRACT_JSON, CONTRACT_PROFILE } from "../fixtures/contract-example";
import { findSoffice, recalculateWithLibreOffice } from "../xlsx/libreoffice";
import { readBack, type ReadBack } from "../xlsx/read-back";
import { inProcessCli } from "./in-process";

const soffice = findSoffice();
if (!soffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the plan-lines recalculation is skipped.");

const cli = inProcessCli("cli-lines-");
const json = (x: unknown) => JSON.stringify(x, null, 2);

/** Every text value of a sheet of a workbook read back. */
function textsOf(back: ReadBack, sheet: string): string[] {
  const out: string[] = [];
  back.sheet(sheet).eachRow((row) => row.eachCell((cell) => typeof cell.value === "string" && out.push(cell.value)));
  return out;
}

/** The hand example as a plan with the contract inline, 5,000 emails a month and 300 other tokens. */
const PLAN = {
  version: 1,
  name: CONTRACT_PROFILE.name,
  users: CONTRACT_PROFILE.users,
  contract: CONTRACT_JSON,
  volumes: { copilot: 30, virtualagent: 200, voicebot: 100, "email-assist": BY_HAND.emails },
  otherTokens: 300,
};
/** By hand: 9,468 + 200 emails' tokens + 300 other = 9,968; overage 9,968 - 7,500 - 1,600 = 868. */
const TOTAL = 9968;

describe("plan files", () => {
  const card = compileContract(CONTRACT_JSON, CARDS);
  let release: () => void;
  beforeAll(() => (release = useOwnCard(card)));
  afterAll(() => release());
  const read = (j: unknown): Plan => {
    const p = planFromJson(j, { today: new Date("2026-11-27T10:00:00Z") });
    if (Array.isArray(p)) throw new Error(JSON.stringify(p));
    return p;
  };

  it("read other tokens and the own feature's volume, and write them back", () => {
    const { contract: _c, ...plain } = PLAN;
    const p = read({ ...plain, card: "contract" });
    expect(p.profile.otherTokens).toBe(300);
    expect(p.profile.ownVolumes).toEqual({ "email-assist": 5000 });
    expect((estimate(p.profile, card) as Estimate).total).toBe(TOTAL);
    const back = planToJson(p.profile);
    expect(back.otherTokens).toBe(300);
    expect((back.volumes as Record<string, number>)["email-assist"]).toBe(5000);
    expect(read(back).profile).toEqual(p.profile);
  });

  it("refuse a volume of a feature the card does not have, and a negative other-tokens figure, naming the field", () => {
    const { contract: _c, ...plain } = PLAN;
    expect(planFromJson({ ...plain, card: "study-notes" })).toEqual([
      { field: "plan.volumes.email-assist", message: expect.stringMatching(/^is not a field of a plan \(known here: copilot, .*analytics\)$/) },
    ]);
    expect(planFromJson({ ...plain, card: "contract", otherTokens: -1 })).toEqual([
      { field: "plan.otherTokens", message: expect.stringContaining("cannot be negative") },
    ]);
  });
});

describe("the command line", () => {
  it("prints other tokens, the own feature's line and the unused allocation in the summary", async () => {
    const r = await cli(["--plan", "plan.json", "--out", "c.xlsx"], { "plan.json": json(PLAN) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Monthly consumption\s+9,968 tokens/);
    expect(r.stdout).toMatch(/Other features\s+300 tokens a month \(your own figure\)/);
    expect(r.stdout).toMatch(/AI email drafting\s+200 tokens \(5,000 emails, the contract's feature\)/);
    expect(r.stdout).toMatch(/Monthly overage\s+868 tokens/);
    expect(r.stdout).toMatch(/Unused allocation\s+0 tokens, 0(\.0)?%: Under 20% unused/);
  });

  it("the contract's committed tokens feed the budget and the dashboard, said on the sheet; a plan's own figure wins", async () => {
    const r = await cli(["--plan", "plan.json", "--sheets", "budget,dashboard", "--out", "b.xlsx"], { "plan.json": json(PLAN) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Committed tokens\s+19,200 tokens a year \(contract: Example Corp contract\)/);
    const back = await readBack(readFileSync(join(r.dir, "b.xlsx")));
    const texts = textsOf(back, BUDGET_SHEET_NAME);
    expect(texts).toContain("contract: Example Corp contract");
    // The dashboard's committed tokens for the period (its B7) are the contract's.
    expect(back.raw(DASHBOARD_SHEET_NAME, "B7").value).toBe(1600);

    const own = await cli(["--plan", "plan.json", "--sheets", "budget,dashboard", "--out", "b.xlsx"], {
      "plan.json": json({ ...PLAN, budget: { committedTokens: 500 } }),
    });
    expect(own.code).toBe(0);
    expect(own.stdout).not.toMatch(/contract: Example Corp contract/);
    const ownBack = await readBack(readFileSync(join(own.dir, "b.xlsx")));
    expect(textsOf(ownBack, BUDGET_SHEET_NAME)).not.toContain("contract: Example Corp contract");
    expect(ownBack.raw(DASHBOARD_SHEET_NAME, "B7").value).toBe(500);
  });
});

(soffice ? describe : process.env.CI ? describe : describe.skip)("LibreOffice recalculates the command line's workbook", () => {
  it("to the core's total, other tokens and the own feature included", async () => {
    const r = await cli(["--plan", "plan.json", "--sheets", "calculator,budget", "--out", "lines.xlsx"], { "plan.json": json(PLAN) });
    expect(r.code).toBe(0);
    const [out] = recalculateWithLibreOffice(soffice!, [join(r.dir, "lines.xlsx")], join(r.dir, "out"), r.dir);
    const back = await readBack(readFileSync(out));
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens").value).toBe(TOTAL);
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "OtherTokens").value).toBe(300);
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "Overage").value).toBe(TOTAL - 7500 - 1600);
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "UnusedAllocation").value).toBe(0);
    // Twelve steady months of the same plan (the contract's 1,600 committed a month, as the calculator).
    expect(back.rawNamed(BUDGET_SHEET_NAME, "AnnualTokens").value).toBe(12 * TOTAL);
    expect(back.rawNamed(BUDGET_SHEET_NAME, "AnnualOverageTokens").value).toBe(12 * (TOTAL - 7500 - 1600));
  }, 240_000);
});

test("no contract card is left registered", () => {
  const { getCard } = jest.requireActual<typeof import("../../src/core")>("../../src/core");
  expect(getCard("contract")).toBeInstanceOf(InputError);
});
