/**
 * The command line with the organisation's contract card: --card-file, a plan's cardFile and
 * contract section, --print-card, the summary's comparison with the shipped cards, and a malformed
 * card refused in one line with nothing written. Runs the program's `run` in this process.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { CARDS, CONTRACT_CARD_SCHEMA, getCard, InputError } from "../../src/core";
import { CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { BY_HAND, CONTRACT_JSON, CONTRACT_PROFILE } from "../fixtures/contract-example";
import { readBack } from "../xlsx/read-back";
import { inProcessCli } from "./in-process";

const cli = inProcessCli("cli-contract-");

/** The hand example's profile as a plan file. */
const PLAN = {
  version: 1,
  name: CONTRACT_PROFILE.name,
  users: CONTRACT_PROFILE.users,
  volumes: { copilot: 30, virtualagent: 200, voicebot: 100 },
};
const json = (x: unknown) => JSON.stringify(x, null, 2);

describe("--card-file and plan files", () => {
  it("writes the hand-worked contract example and compares it with both shipped cards in money", async () => {
    const r = await cli(["--plan", "plan.json", "--card-file", "contract.json", "--out", "c.xlsx"], {
      "plan.json": json(PLAN),
      "contract.json": json(CONTRACT_JSON),
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Example Corp: Example Corp contract card, 30 named users, $0.85 per extra token");
    expect(r.stdout).toMatch(/Monthly consumption\s+9,468 tokens/);
    expect(r.stdout).toMatch(/Committed tokens\s+1,600 tokens a month/);
    expect(r.stdout).toMatch(/Monthly overage\s+368 tokens/);
    expect(r.stdout).toMatch(/Annual overage cost\s+\$3,753\.60/);
    // The comparison: the contract; the study notes at their list USD 1.00 (9,618 - 7,500 = 2,118 x 12);
    // the published card (3,318 - 250 = 3,068 x 12).
    expect(r.stdout).toMatch(/Example Corp contract\s+9,468 tokens\s+368 over\s+\$3,753\.60 a year\s+at \$0\.85/);
    expect(r.stdout).toMatch(/Study notes\s+9,618 tokens\s+2,118 over\s+\$25,416\.00 a year\s+at the list \$1\.00/);
    expect(r.stdout).toMatch(/Genesys published\s+3,318 tokens\s+3,068 over\s+\$36,816\.00 a year\s+at the list \$1\.00/);
    const back = await readBack(readFileSync(join(r.dir, "c.xlsx")));
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens").value).toBe(BY_HAND.total);
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "Overage").value).toBe(BY_HAND.overage);
    // The run's contract card is forgotten afterwards.
    expect(getCard("contract")).toBeInstanceOf(InputError);
  });

  it("reads a plan's cardFile relative to the plan, and a contract section in the plan", async () => {
    const viaFile = await cli(["--plan", "plan.json", "--out", "a.xlsx"], {
      "plan.json": json({ ...PLAN, cardFile: "contract.json" }),
      "contract.json": json(CONTRACT_JSON),
    });
    expect(viaFile.code).toBe(0);
    expect(viaFile.stdout).toMatch(/Annual overage cost\s+\$3,753\.60/);
    const inline = await cli(["--plan", "plan.json", "--out", "b.xlsx"], { "plan.json": json({ ...PLAN, contract: CONTRACT_JSON }) });
    expect(inline.code).toBe(0);
    expect(inline.stdout).toMatch(/Annual overage cost\s+\$3,753\.60/);
    // --print-plan keeps the contract, so the printed plan makes the same workbook.
    const printed = await cli(["--plan", "plan.json", "--print-plan"], { "plan.json": json({ ...PLAN, contract: CONTRACT_JSON }) });
    const again = await cli(["--plan", "plan.json", "--out", "c.xlsx"], { "plan.json": printed.stdout });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Annual overage cost\s+\$3,753\.60/);
  });

  it("a plan that names the contract card without giving one is refused", async () => {
    const r = await cli(["--plan", "plan.json", "--out", "a.xlsx"], { "plan.json": json({ ...PLAN, card: "contract" }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ai-token-planner: plan.json: plan.card: "contract" needs the contract card: a contract section, cardFile, or --card-file\n');
    expect(r.files).toEqual(["plan.json"]);
  });
});

describe("a malformed contract card: one line naming the field, nothing written", () => {
  it.each([
    ["a negative price", { ...CONTRACT_JSON, pricePerToken: { USD: -0.85 } }, "contract.json: pricePerToken.USD: must be a number >= 0."],
    ["an unknown currency", { ...CONTRACT_JSON, pricePerToken: { XYZ: 1 } }, "contract.json: pricePerToken.XYZ: unknown currency;"],
    ["a text rate", { ...CONTRACT_JSON, rates: { copilot: { tokens: "45" } } }, "contract.json: rates.copilot.tokens: must be a number >= 0."],
    [
      "a price over its bound",
      { ...CONTRACT_JSON, pricePerToken: { USD: 5000 } },
      "contract.json: pricePerToken.USD: must be at most 1,000 (currency units a token).",
    ],
    [
      "a rate over its bound",
      { ...CONTRACT_JSON, rates: { copilot: { tokens: 20_000 } } },
      "contract.json: rates.copilot.tokens: must be at most 10,000 (tokens a contract rate charges for its units).",
    ],
    [
      "an own feature's tokens per unit over the bound",
      { ...CONTRACT_JSON, features: [{ id: "email-assist", name: "AI email drafting", unit: "email", tokensPerUnit: 1e6 }] },
      "contract.json: features[0].tokensPerUnit: must be at most 10,000",
    ],
    [
      "a per-user allocation over its bound",
      { ...CONTRACT_JSON, allocation: { basis: "per-user", named: 1e6, concurrent: 350 } },
      "contract.json: allocation.named: must be at most 10,000 (tokens a user a month).",
    ],
    [
      "committed tokens over their bound",
      { ...CONTRACT_JSON, committedTokens: 1e300 },
      "contract.json: committedTokens: must be at most 1,000,000,000,000 (tokens).",
    ],
    [
      "an add-on over its bound",
      { ...CONTRACT_JSON, addOnPerUser: { named: 30, concurrent: 1e5 } },
      "contract.json: addOnPerUser.concurrent: must be at most 10,000 (tokens a user a month).",
    ],
    [
      "a duplicate feature",
      { ...CONTRACT_JSON, features: [CONTRACT_JSON.features![0], CONTRACT_JSON.features![0]] },
      'contract.json: features[1].id: "email-assist" is listed twice',
    ],
  ])("%s", async (_what, card, message) => {
    const r = await cli(["--preset", "small", "--card-file", "contract.json", "--out", "out.xlsx"], { "contract.json": json(card) });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toContain(`ai-token-planner: ${message}`);
    expect(r.files).toEqual(["contract.json"]);
  });

  it("a file that is not JSON, and a missing file", async () => {
    const bad = await cli(["--preset", "small", "--card-file", "contract.json", "--out", "out.xlsx"], { "contract.json": "{ name: 1 " });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ai-token-planner: contract\.json is not valid JSON/);
    const missing = await cli(["--preset", "small", "--card-file", "nowhere.json", "--out", "out.xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('ai-token-planner: cannot read the contract card "nowhere.json": no such file.\n');
    expect(existsSync(join(missing.dir, "out.xlsx"))).toBe(false);
  });
});

describe("--print-card", () => {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(CONTRACT_CARD_SCHEMA);

  it("writes a starting file that the schema accepts and that gives the shipped card's figures", async () => {
    for (const card of CARDS) {
      const printed = await cli(["--print-card", card.id]);
      expect(printed.code).toBe(0);
      const start = JSON.parse(printed.stdout) as Record<string, unknown>;
      expect(validate(start)).toBe(true);
      expect(start.baseCard).toBe(card.id);
      const a = await cli(["--preset", "mid-market", "--card", card.id, "--out", "a.xlsx"]);
      const b = await cli(["--preset", "mid-market", "--card-file", "start.json", "--out", "b.xlsx"], { "start.json": printed.stdout });
      const figures = (s: string) => s.split("\n").filter((l) => /^ {2}(Monthly|Annual|Utilisation)/.test(l));
      expect(figures(b.stdout)).toEqual(figures(a.stdout));
    }
  });

  it("an unknown card is a usage error", async () => {
    const r = await cli(["--print-card", "list-prices"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--print-card: unknown rate card "list-prices"');
  });

  it("the schema accepts the example and refuses what the program refuses", () => {
    expect(validate(CONTRACT_JSON)).toBe(true);
    expect(validate({ ...CONTRACT_JSON, pricePerToken: { USD: -1 } })).toBe(false);
    expect(validate({ ...CONTRACT_JSON, pricePerToken: { XYZ: 1 } })).toBe(false);
    expect(validate({ ...CONTRACT_JSON, baseCard: "mine" })).toBe(false);
    expect(validate({ ...CONTRACT_JSON, pricePerToken: { USD: 5000 } })).toBe(false);
    expect(validate({ ...CONTRACT_JSON, rates: { copilot: { tokens: 20_000 } } })).toBe(false);
    expect(validate({ ...CONTRACT_JSON, allocation: { basis: "per-user", named: 20_000 } })).toBe(false);
    expect(validate({ ...CONTRACT_JSON, allocation: { basis: "per-organisation", named: 20_000 } })).toBe(true);
    expect(validate({ ...CONTRACT_JSON, committedTokens: 2e12 })).toBe(false);
    expect(validate({ ...CONTRACT_JSON, addOnPerUser: { named: 20_000, concurrent: 39 } })).toBe(false);
  });

  it("schemas/contract-card.schema.json is the generated schema", () => {
    const file = readFileSync(join(__dirname, "../../schemas/contract-card.schema.json"), "utf8");
    expect(file).toBe(`${JSON.stringify(CONTRACT_CARD_SCHEMA, null, 2)}\n`);
  });
});
