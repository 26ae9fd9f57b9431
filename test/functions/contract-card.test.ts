/**
 * A range as the `card` argument: an edited copy of RATES() with the contract's settings rows. The
 * hand-worked contract example (test/fixtures/contract-example.ts) through the functions.
 */
import { errorCode, ERROR_CODES, messageOf, OMITTED } from "./custom-functions-stub";
import { F } from "./registry";
import { loadTableReader } from "../../src/functions/arguments";
import { Pending, settle, settleTable } from "../../src/functions/coerce";
import { CARDS, compileContract, useOwnCard } from "../../src/core";
import { BY_HAND, CONTRACT_JSON } from "../fixtures/contract-example";

type Row = unknown[];

/** RATES() of the default card, copied, with the contract's edits: Copilot at 45, a new feature, the settings rows. */
function contractRange(): Row[] {
  const copy = (F.rates() as Row[]).map((r) => [...r]);
  const copilot = copy.find((r) => r[0] === "copilot")!;
  copilot[3] = 45;
  copilot[5] = 45;
  copilot[6] = 45;
  copilot[7] = 45;
  const blank = (cells: Row): Row => [...cells, ...Array(11 - cells.length).fill(null)];
  return [
    ...copy,
    ["email-assist", "AI email drafting", "email", 1, 25, 0.04, 1, 1, false, "Order form 2026-0412 (example)", "confirmed"],
    blank([]),
    blank(["Base card", "study-notes"]),
    blank(["Contract", "Example Corp contract"]),
    blank(["Date", "2026-04"]),
    blank(["Source", "Order form 2026-0412 (example)"]),
    blank(["Price per token", 0.85, "USD"]),
    blank(["Committed tokens", 1600]),
  ];
}

const num = (x: unknown): number => {
  if (typeof x !== "number") throw new Error(`not a number: ${messageOf(x)}`);
  return x;
};

describe("the first card given as a range waits for its reader, then every call is immediate", () => {
  it("the first call returns a promise of the value, later calls the value itself", async () => {
    // A fresh copy of the functions: their reader of card tables is not loaded yet.
    await jest.isolateModulesAsync(async () => {
      const { F: fresh } = await import("./registry");
      const first = fresh.copilot(30, OMITTED, OMITTED, contractRange());
      expect(first).toBeInstanceOf(Promise);
      expect(await first).toBe(BY_HAND.lines.copilot);
      expect(fresh.copilot(30, OMITTED, OMITTED, contractRange())).toBe(BY_HAND.lines.copilot);
      // RATES of a range: its table.
      const again = fresh.rates(contractRange());
      expect(Array.isArray(again)).toBe(true);
    });
  });

  it("a table that waits and then fails its checks shows the cell's error", async () => {
    await jest.isolateModulesAsync(async () => {
      const { F: fresh } = await import("./registry");
      const bad = contractRange();
      bad[1] = [...bad[1]];
      bad[1][3] = "lots";
      const r = fresh.voicebot(1000, OMITTED, bad);
      expect(r).toBeInstanceOf(Promise);
      const shown = await r;
      expect(errorCode(shown)).toBe(ERROR_CODES.invalidValue);
      expect(messageOf(shown)).toMatch(/^D2: /);
      // RATES: the error as a one-cell table, once the reader is here.
      expect(errorCode((fresh.rates(bad) as Row[])[0][0])).toBe(ERROR_CODES.invalidValue);
    });
  });

  it("a reader that cannot load is #N/A saying to recalculate; a bug in the second call is still #VALUE!", async () => {
    const failed = new Pending(Promise.reject(new Error("offline")));
    const r = settle("VOICEBOT", failed, () => 1);
    expect(r).toBeInstanceOf(Promise);
    const shown = await r;
    expect(errorCode(shown)).toBe(ERROR_CODES.notAvailable);
    expect(messageOf(shown)).toBe("TOKENS.VOICEBOT could not load the reader of card tables. Recalculate to try again.");
    const buggy = await settle("VOICEBOT", new Pending(Promise.resolve()), () => {
      throw new Error("boom");
    });
    expect(messageOf(buggy)).toBe("TOKENS.VOICEBOT failed unexpectedly (boom). Please report this.");
    expect(errorCode(settle("VOICEBOT", new Error("boom"), () => 1))).toBe(ERROR_CODES.invalidValue);
    // RATES spills: its error is a one-cell table, waiting or not.
    expect(errorCode(settleTable("RATES", new Error("boom"), () => [[1]])[0][0])).toBe(ERROR_CODES.invalidValue);
    expect(errorCode((await settleTable("RATES", failed, () => [[1]]))[0][0])).toBe(ERROR_CODES.notAvailable);
    expect(await settleTable("RATES", new Pending(Promise.resolve()), () => [[1]])).toEqual([[1]]);
  });
});

describe("a function's card argument takes a range shaped like RATES()", () => {
  const T = contractRange();
  // The reader of card tables is its own chunk, loaded on the first such card (the describe above).
  beforeAll(loadTableReader);

  it("reproduces the contract example worked out by hand", () => {
    const copilot = num(F.copilot(30, OMITTED, OMITTED, T));
    const va = num(F.virtualagent(200 * 20, OMITTED, T));
    const voice = num(F.voicebot(100 * 20, OMITTED, T));
    expect({ copilot, virtualagent: va, voicebot: voice }).toEqual(BY_HAND.lines);
    expect(F.consumption("email-assist", BY_HAND.emails, OMITTED, T)).toBe(BY_HAND.emailTokens);
    expect(F.consumption("AI email drafting", BY_HAND.emails, OMITTED, T)).toBe(BY_HAND.emailTokens);
    const total = copilot + va + voice;
    expect(total).toBe(BY_HAND.total);
    const allocation = num(F.allocation(30, OMITTED, T));
    expect(allocation).toBe(BY_HAND.allocation);
    // The committed tokens are a row of the card's own RATES() table.
    const committed = (F.rates(T) as Row[]).find((r) => r[0] === "Committed tokens")![1] as number;
    expect(committed).toBe(BY_HAND.committed);
    const overage = num(F.overage(total, allocation + committed));
    expect(overage).toBe(BY_HAND.overage);
    expect(F.cost(overage, OMITTED, T)).toBeCloseTo(BY_HAND.monthlyCost, 10);
    expect(
      F.annualCost(
        Array.from({ length: 12 }, () => [total]),
        [[allocation + committed]],
        OMITTED,
        T,
      ),
    ).toBeCloseTo(BY_HAND.annualCost, 9);
  });

  it("falls back to the base card for rows left out", () => {
    const onlyCopilot = [T[0], T.find((r) => r[0] === "copilot")!, ["Base card", "genesys-published", ...Array(9).fill(null)]];
    // Copilot is the table's 45; messaging is the published card's 1 per 400; the allocation is the published 250 per organisation.
    expect(F.copilot(10, OMITTED, OMITTED, onlyCopilot)).toBe(450);
    expect(F.messaging(4000, OMITTED, onlyCopilot)).toBe(10);
    expect(F.virtualagent(1000, OMITTED, onlyCopilot)).toBe(500);
    expect(F.allocation(30, OMITTED, onlyCopilot)).toBe(250);
    expect(F.cost(10, "EUR", onlyCopilot)).toBe(8);
    // A copy of RATES("genesys-published", "concurrent") naming its base keeps the licence-dependent rate.
    const published = (F.rates([["genesys-published"]], "concurrent") as Row[]).map((r) => [...r]);
    published.push(["Base card", "genesys-published", ...Array(9).fill(null)]);
    expect(F.copilot(10, OMITTED, OMITTED, published)).toBe(400);
    expect(F.copilot(10, OMITTED, OMITTED, published, OMITTED, "concurrent")).toBe(600);
  });

  it("still takes a card's id, as text or as a one-cell range", () => {
    expect(F.virtualagent(1000, OMITTED, [["genesys-published"]])).toBe(500);
    expect(F.virtualagent(1000, OMITTED, "genesys-published" as unknown as unknown[][])).toBe(500);
    expect(F.virtualagent(1000, OMITTED, [[null]])).toBe(2000);
  });

  it("spills the card it was given, and reading that back gives the same card", () => {
    const spilled = F.rates(T) as Row[];
    expect(spilled.find((r) => r[0] === "Contract")![1]).toBe("Example Corp contract");
    expect(spilled.find((r) => r[0] === "Price per token")!.slice(1, 3)).toEqual([0.85, "USD"]);
    expect(F.copilot(30, OMITTED, OMITTED, spilled)).toBe(1350);
    expect(F.consumption("email-assist", 5000, OMITTED, spilled)).toBe(200);
  });
});

describe("a malformed card table is #VALUE! naming the cell", () => {
  const edit = (f: (t: Row[]) => void): Row[] => {
    const t = contractRange().map((r) => [...r]);
    f(t);
    return t;
  };
  const rowOf = (t: Row[], first: string) => t.findIndex((r) => r[0] === first) + 1;

  it.each([
    ["a text rate", (t: Row[]) => (t[rowOf(t, "voicebot") - 1][3] = "lots"), (t: Row[]) => `D${rowOf(t, "voicebot")}: Tokens must be a number`],
    [
      "a negative price",
      (t: Row[]) => (t[rowOf(t, "Price per token") - 1][1] = -0.85),
      (t: Row[]) => `B${rowOf(t, "Price per token")}: Price per token must be a number >= 0`,
    ],
    [
      "a duplicate feature",
      (t: Row[]) => t.push(["voicebot", "Voice Bots", "minute", 1, 17]),
      (t: Row[]) => `A${t.length}: feature "voicebot" is listed twice (also A${rowOf(t, "voicebot")})`,
    ],
    [
      "an unknown currency",
      (t: Row[]) => (t[rowOf(t, "Price per token") - 1][2] = "XYZ"),
      (t: Row[]) => `C${rowOf(t, "Price per token")} (pricePerToken.XYZ): unknown currency`,
    ],
    ["an unknown base card", (t: Row[]) => (t[rowOf(t, "Base card") - 1][1] = "list-prices"), (t: Row[]) => `B${rowOf(t, "Base card")}: the base card must be`],
    [
      "a price over its bound",
      (t: Row[]) => (t[rowOf(t, "Price per token") - 1][1] = 5000),
      (t: Row[]) => `B${rowOf(t, "Price per token")} (pricePerToken.USD): must be at most 1,000 (currency units a token)`,
    ],
    [
      "a rate over its bound",
      (t: Row[]) => [3, 5, 6, 7].forEach((c) => (t[rowOf(t, "copilot") - 1][c] = 20_000)),
      (t: Row[]) => `D${rowOf(t, "copilot")} (rates.copilot.tokens): must be at most 10,000 (tokens a contract rate charges for its units)`,
    ],
    [
      "committed tokens over their bound",
      (t: Row[]) => (t[rowOf(t, "Committed tokens") - 1][1] = 1e300),
      (t: Row[]) => `B${rowOf(t, "Committed tokens")} (committedTokens): must be at most 1,000,000,000,000 (tokens)`,
    ],
    [
      "a per-user add-on over its bound",
      (t: Row[]) => t.push(["Add-on per user", 30, 1e5, "CX 4 licences"]),
      (t: Row[]) => `C${t.length} (addOnPerUser.concurrent): must be at most 10,000 (tokens a user a month)`,
    ],
    ["a per of 0", (t: Row[]) => (t[rowOf(t, "voicebot") - 1][4] = 0), (t: Row[]) => `E${rowOf(t, "voicebot")}: Per must be a number > 0`],
    [
      "tokens per unit that disagrees",
      (t: Row[]) => (t[rowOf(t, "voicebot") - 1][5] = 1),
      (t: Row[]) => `F${rowOf(t, "voicebot")}: Tokens per unit (1) is not Tokens / Per`,
    ],
    [
      "a new feature without a unit",
      (t: Row[]) => (t[rowOf(t, "email-assist") - 1][2] = ""),
      (t: Row[]) => `C${rowOf(t, "email-assist")}: the new feature "email-assist" needs a unit`,
    ],
    [
      "a label that is neither",
      (t: Row[]) => (t[rowOf(t, "voicebot") - 1][0] = "Voice Bots"),
      (_t: Row[]) => `A${rowOf(contractRange(), "voicebot")}: "Voice Bots" is neither a feature id`,
    ],
  ])("%s", (_what, change, expected) => {
    const t = edit(change);
    const r = F.voicebot(1000, OMITTED, t);
    expect(errorCode(r)).toBe(ERROR_CODES.invalidValue);
    expect(messageOf(r)).toContain(expected(t));
    // The same table in another function gives the same message.
    expect(messageOf(F.rates(t)[0][0])).toBe(messageOf(r));
  });

  it("an error value in the table comes back out", () => {
    const err = new (globalThis as unknown as { CustomFunctions: typeof CustomFunctions }).CustomFunctions.Error(
      (globalThis as unknown as { CustomFunctions: typeof CustomFunctions }).CustomFunctions.ErrorCode.notAvailable,
    );
    const t = edit((x) => (x[2][3] = err));
    expect(F.voicebot(1000, OMITTED, t)).toBe(err);
  });
});

describe("a card the pane holds is not a formula's card", () => {
  it('"contract" by id is #N/A even while a contract card is in use, so no formula depends on the pane', () => {
    const release = useOwnCard(compileContract(CONTRACT_JSON, CARDS));
    try {
      const r = F.voicebot(1000, OMITTED, [["contract"]]);
      expect(errorCode(r)).toBe(ERROR_CODES.notAvailable);
      expect(messageOf(r)).toContain("a contract card is given as a range");
    } finally {
      release();
    }
  });
});
