/**
 * Edge rows for every custom function. Generic rows vary one argument of each function's sample
 * (./samples) at a time: omitted optional (null), blank, numeric text, other text, negative,
 * NaN/Infinity, huge, booleans, an error value passed in, a range where one value belongs.
 * Then each function's own rows: defaults, rounding, cards, levels, models, fractional users,
 * ranges with blanks, ragged and empty ranges, and the errors Excel conventions suggest.
 */
import { errorCode, ERROR_CODES, installed, messageOf, OMITTED } from "./custom-functions-stub";
import { BY_ID, IDS } from "./registry";
import { SAMPLES, sampleResultOf } from "./samples";
import { F } from "./registry";

const VALUE = ERROR_CODES.invalidValue;
const NUM = ERROR_CODES.invalidNumber;
const NA = ERROR_CODES.notAvailable;
const DIV0 = ERROR_CODES.divisionByZero;

const call = (id: string, args: readonly unknown[]): unknown => BY_ID[id](...args);
const withArg = (args: readonly unknown[], i: number, v: unknown): unknown[] => {
  const out = [...args];
  while (out.length <= i) out.push(null);
  out[i] = v;
  return out;
};

/** Two results agree: the same error code, or equal values. */
function expectSame(actual: unknown, expected: unknown): void {
  const code = errorCode(expected);
  if (code) expect(errorCode(actual)).toBe(code);
  else expect(actual).toEqual(expected);
}

/** A value a cell may show: a finite number, a status, a table, or an Excel error. Never NaN or Infinity. */
function expectShowable(x: unknown): void {
  if (typeof x === "number") expect(Number.isFinite(x)).toBe(true);
  else if (!errorCode(x) && typeof x !== "string") expect(Array.isArray(x)).toBe(true);
}

describe("every function's sample", () => {
  test.each(IDS)("%s gives its sample result", (id) => {
    const s = SAMPLES[id];
    expect(s).toBeDefined();
    const r = sampleResultOf(id, call(id, s.args));
    if (typeof s.result === "number" && typeof r === "number") expect(r).toBeCloseTo(s.result, 9);
    else expect(r).toEqual(s.result);
  });
});

const quantityRows = IDS.flatMap((id) => (SAMPLES[id].quantities ?? []).map((i) => ({ id, i })));

describe.each(quantityRows)("$id, quantity argument $i", ({ id, i }) => {
  const args = SAMPLES[id].args;
  const v = args[i] as number;
  const as = (x: unknown) => call(id, withArg(args, i, x));

  test("blank (null, empty text, spaces) counts as 0", () => {
    expectSame(as(null), as(0));
    expectSame(as(""), as(0));
    expectSame(as("   "), as(0));
    expectSame(as(undefined), as(0));
  });
  test("numeric text is read as its number", () => {
    expectSame(as(` ${v} `), as(v));
    expectSame(as(String(v)), as(v));
    expectSame(as(`${v / 1000}e3`), as(v));
    expectSame(as("+1000"), as(1000));
    expectSame(as("250%"), as(2.5));
  });
  test("other text is #VALUE! with a message", () => {
    for (const text of ["abc", "1.000", "$100", "12 users", "1.2.3", "--1"]) {
      const r = as(text);
      expect(errorCode(r)).toBe(VALUE);
      expect(messageOf(r)).toMatch(/number|could mean/);
    }
    // Read in the workbook's locale (en-US here): the comma groups thousands; "1.000" could be 1 or 1,000.
    expectSame(as("1,000"), as(1000));
    expect(messageOf(as("1.000"))).toMatch(/could mean 1000 or 1\.0/);
  });
  test("negative, NaN and infinite values are #NUM!", () => {
    for (const bad of [-1, -0.001, "-5", NaN, Infinity, -Infinity]) expect(errorCode(as(bad))).toBe(NUM);
  });
  test("TRUE is 1 and FALSE is 0, as in Excel arithmetic", () => {
    expectSame(as(true), as(1));
    expectSame(as(false), as(0));
  });
  test("an error value passed in comes back out", () => {
    const err = new installed.Error(ERROR_CODES.notAvailable, "upstream");
    expect(as(err)).toBe(err);
  });
  test("a range where one value belongs is #VALUE!", () => {
    expect(errorCode(as([[1, 2]]))).toBe(VALUE);
  });
  test("huge and fractional values never give NaN or Infinity", () => {
    for (const x of [1e308, Number.MAX_VALUE, 1e15 + 0.5, 12.5, 0.0001, Number.MIN_VALUE]) expectShowable(as(x));
  });
});

const optionalRows = IDS.flatMap((id) => (SAMPLES[id].optionalNumbers ?? []).map((i) => ({ id, i })));

describe.each(optionalRows)("$id, optional number $i", ({ id, i }) => {
  const args = SAMPLES[id].args.slice(0, i);
  const as = (x: unknown) => call(id, withArg(args, i, x));
  test("omitted (null), undefined, empty or spaces take the default", () => {
    const omitted = call(id, args);
    expectSame(as(null), omitted);
    expectSame(as(undefined), omitted);
    expectSame(as(""), omitted);
    expectSame(as("  "), omitted);
  });
  test("text that is not a number is #VALUE!; negative, NaN and infinite are #NUM!", () => {
    expect(errorCode(as("lots"))).toBe(VALUE);
    for (const bad of [-1, NaN, Infinity]) expect(errorCode(as(bad))).toBe(NUM);
  });
  test("numeric and percent text is read", () => {
    expectSame(as("0.25"), as(0.25));
    expectSame(as("25%"), as(0.25));
  });
});

const optionRows = IDS.flatMap((id) => Object.entries(SAMPLES[id].options ?? {}).map(([name, i]) => ({ id, name, i: i as number })));
const DEFAULTS: Record<string, string> = { rounding: "line", card: "study-notes", level: "mid", model: "named" };
const UNKNOWN: Record<string, string> = { rounding: VALUE, card: NA, level: VALUE, model: VALUE };

describe.each(optionRows)("$id, $name argument ($i)", ({ id, name, i }) => {
  const args = SAMPLES[id].args;
  const as = (x: unknown) => call(id, withArg(args, i, x));
  const result = (x: unknown) => sampleResultOf(id, as(x));
  test(`blank is the default "${DEFAULTS[name]}"`, () => {
    expectSame(result(null), result(DEFAULTS[name]));
    expectSame(result(""), result(DEFAULTS[name]));
  });
  test("case and surrounding spaces are forgiven", () => {
    expectSame(result(` ${DEFAULTS[name].toUpperCase()} `), result(DEFAULTS[name]));
  });
  test(`an unknown ${name} is ${UNKNOWN[name]} with a message naming the choices`, () => {
    const r = as("bogus");
    const e = Array.isArray(r) ? r[0][0] : r;
    expect(errorCode(e)).toBe(UNKNOWN[name]);
    expect(messageOf(e)).toMatch(name === "card" ? /study-notes, genesys-published/ : /"bogus"/);
  });
});

describe("consumption functions: rounding, levels, cards and models", () => {
  test.each([
    ["SCORING", [10], 1], // 0.5 half up
    ["SCORING", [9], 0], // 0.45
    ["SCORING", [10, "exact"], 0.5],
    ["SCORING", [9, "up"], 1],
    ["SCORING", [20, "up"], 1], // exactly 1: up does not add one
    ["VOICEBOT", [5000, "exact"], 5000 / 17],
    ["VOICEBOT", [5000, "up"], 295],
    ["MESSAGING", [500], 1], // 1.25 (the notes print 2)
    ["MESSAGING", [500, "up"], 2],
    ["MESSAGING", [5000], 13], // 12.5 half up
    ["TRANSLATE", [300, null, "genesys-published"], 150], // per interaction on the published card
    ["VIRTUALAGENT", [1000, null, "genesys-published"], 500],
    ["DIGITALBOT", [51, null, null, "high"], 1], // no range: every level is the rate
    ["COPILOT", [10, null, null, null, "low"], 400],
    ["COPILOT", [10, null, null, null, "high"], 600],
    ["COPILOT", [10, null, null, null, "expected"], 500],
    ["COPILOT", [10, 55], 550], // own tokens per user
    ["COPILOT", [10, 55, null, "genesys-published", "high", "concurrent"], 550], // own rate wins over card, level and model
    ["COPILOT", [10, null, null, "genesys-published"], 400], // 40 per named user
    ["COPILOT", [10, null, null, "genesys-published", null, "concurrent"], 600], // 60 per concurrent user
    ["COPILOT", [13], 650],
    ["VIRTUALAGENT", [0.25], 1], // 0.5 tokens half up
    ["ANALYTICS", [1], 38], // 37.5 half up
    ["ANALYTICS", [1, null, "exact"], 37.5],
    ["ANALYTICS", [10, null, null, null, "low"], 300],
    ["ANALYTICS", [10, null, null, null, "high"], 450],
    ["SOCIAL", [200], 1], // 0.5 half up
  ])("%s(%j) = %p", (id, args, expected) => {
    expect(call(id, args as unknown[])).toBeCloseTo(expected as number, 12);
  });

  test.each([
    ["ANALYTICS", [10, null, null, "genesys-published"], /Speech & Text Analytics is not on the Genesys published card; use "study-notes"/],
    ["SOCIAL", [10, null, "genesys-published"], /Social listening is not on the Genesys published card/],
  ])("%s on a card without the feature is #N/A", (id, args, message) => {
    const r = call(id, args as unknown[]);
    expect(errorCode(r)).toBe(NA);
    expect(messageOf(r)).toMatch(message as RegExp);
  });
});

describe("CONSUMPTION", () => {
  test("the issue's example: virtualagent on the published card is 500", () => {
    expect(F.consumption("virtualagent", 1000, "line", [["genesys-published"]])).toBe(500);
  });
  test.each([
    ["Voice Bots", 5000, 294],
    ["voice bot", 5000, 294],
    ["VOICEBOT", 5000, 294],
    [" virtual agent ", 10, 20],
    ["predictiverouting", 1e6, 0],
    ["Predictive Engagement", 1e6, 0],
  ])("finds %p by id or name: %p -> %p", (feature, q, expected) => {
    expect(F.consumption(feature, q)).toBe(expected);
  });
  test("features of one card only", () => {
    expect(errorCode(F.consumption("summary", 100))).toBe(NA);
    expect(F.consumption("summary", 100, OMITTED, [["genesys-published"]])).toBe(2);
    expect(F.consumption("copilot", 10, "line", [["genesys-published"]], "mid", "concurrent")).toBe(600);
  });
  test("an unknown feature is #N/A listing the card's features; a blank one is #VALUE!", () => {
    const r = F.consumption("bogus", 1);
    expect(errorCode(r)).toBe(NA);
    expect(messageOf(r)).toMatch(/"bogus" is not a feature of the Study notes card\. Known: copilot, analytics/);
    expect(errorCode(F.consumption("", 1))).toBe(VALUE);
    expect(errorCode(F.consumption(OMITTED, 1))).toBe(VALUE);
    expect(errorCode(F.consumption(42 as never, 1))).toBe(NA);
  });
});

describe("MONTHLY", () => {
  test.each([
    [[200], 4000],
    [[200, 22], 4400],
    [[200, ""], 4000],
    [[1.5], 30],
    [[200, 1], 200],
    [["200", "21"], 4200],
  ])("MONTHLY(%j) = %p", (args, expected) => expect(F.monthly(...(args as [unknown, unknown]))).toBe(expected));
});

describe("ALLOCATION", () => {
  test.each([
    [[50], 12500],
    [[50, "concurrent"], 17500],
    [[50, "named", "genesys-published"], 250],
    [[50, "concurrent", "genesys-published"], 350],
    [[50, "named", "genesys-published", true], 250 + 50 * 30],
    [[50, "concurrent", "genesys-published", "TRUE"], 350 + 50 * 39],
    [[50, null, "genesys-published", 0], 250],
    [[50, null, null, true], 12500], // the study-notes card has no add-on
    [[13], 3250],
    [[0], 0],
  ])("ALLOCATION(%j) = %p", (args, expected) => expect(F.allocation(...(args as [unknown]))).toBe(expected));
  test("a bad add-on switch is #VALUE!", () => {
    expect(errorCode(F.allocation(50, OMITTED, OMITTED, "maybe"))).toBe(VALUE);
    expect(errorCode(F.allocation(50, OMITTED, OMITTED, NaN))).toBe(NUM);
  });
  test("an unknown licence model says which ones exist", () => {
    const r = F.allocation(50, "seat");
    expect(errorCode(r)).toBe(VALUE);
    expect(messageOf(r)).toBe('The licence model must be "named" or "concurrent", got "seat".');
  });
});

describe("OVERAGE, UTILIZATION, HEALTH", () => {
  test.each([
    [93527, 250000, 0],
    [60000, 50000, 10000],
    [2701, 250, 2451],
    [0, 0, 0],
    [50000.5, 50000, 0.5],
  ])("OVERAGE(%p, %p) = %p", (c, a, expected) => expect(F.overage(c, a)).toBe(expected));

  test("UTILIZATION is a fraction; a zero allocation is #DIV/0!", () => {
    expect(F.utilization(19810, 50000)).toBeCloseTo(0.3962, 12);
    expect(F.utilization(0, 50000)).toBe(0);
    expect(F.utilization(75000, 50000)).toBe(1.5);
    expect(errorCode(F.utilization(1, 0))).toBe(DIV0);
    expect(errorCode(F.utilization(0, 0))).toBe(DIV0);
    expect(errorCode(F.utilization(1, ""))).toBe(DIV0);
  });

  test.each([
    [19810, 50000, "GREEN"],
    [40000, 50000, "GREEN"], // 80% exactly
    [40001, 50000, "AMBER"],
    [50000, 50000, "AMBER"], // 100% exactly
    [50001, 50000, "RED"],
    [0, 0, "GREEN"], // nothing used of nothing
    [1, 0, "RED"],
  ])("HEALTH(%p, %p) = %p", (c, a, expected) => expect(F.health(c, a)).toBe(expected));
});

describe("COST and ANNUALCOST prices", () => {
  test.each([
    [[2451], 2451],
    [[1000, 0.8], 800],
    [[1000, "0.7"], 700],
    [[1000, "EUR", "genesys-published"], 800],
    [[1000, " jpy ", "genesys-published"], 120000],
    [[1000, null, "genesys-published"], 1000],
    [[1000, "USD"], 1000],
    [[0, 5], 0],
  ])("COST(%j) = %p", (args, expected) => expect(F.cost(...(args as [unknown]))).toBeCloseTo(expected as number, 9));

  test("a currency the card has no price for is #N/A; an unknown currency is #VALUE!", () => {
    const r = F.cost(1000, "EUR");
    expect(errorCode(r)).toBe(NA);
    expect(messageOf(r)).toMatch(/no price in EUR: type your negotiated price instead/);
    expect(errorCode(F.cost(1000, "XYZ", [["genesys-published"]]))).toBe(VALUE);
    expect(errorCode(F.annualCost([[40000]], [[30000]], "EUR"))).toBe(NA);
    expect(F.annualCost([[40000]], [[30000]], "EUR", [["genesys-published"]])).toBe(8000);
  });
});

describe("ANNUALCOST ranges", () => {
  const A = [[30000]];
  test("blanks in a range count as 0; numeric text is read", () => {
    expect(F.annualCost([[40000], [null], [""], ["35000"]], A)).toBe(15000);
    expect(F.annualCost([[40000, null, 35000]], A)).toBe(15000);
  });
  test("one allocation for every month, or one per month, laid out either way", () => {
    expect(F.annualCost([[40000], [20000]], [[30000], [15000]])).toBe(15000);
    expect(F.annualCost([[40000], [20000]], [[30000, 15000]])).toBe(15000);
    expect(F.annualCost([[40000], [20000]], 30000 as never)).toBe(10000); // a plain number from a script
    expect(
      F.annualCost(
        [
          [40000, 20000],
          [10000, 50000],
        ],
        [[30000]],
      ),
    ).toBe(30000); // a 2 x 2 block
  });
  test("a month count that does not match is #VALUE!", () => {
    const r = F.annualCost([[40000], [20000], [1]], [[30000], [15000]]);
    expect(errorCode(r)).toBe(VALUE);
    expect(messageOf(r)).toBe("There are 3 months of consumption but 2 allocations.");
  });
  test("empty and ragged ranges are #VALUE!", () => {
    expect(errorCode(F.annualCost([], A))).toBe(VALUE);
    expect(errorCode(F.annualCost([[]], A))).toBe(VALUE);
    expect(errorCode(F.annualCost([[1, 2], [3]], A))).toBe(VALUE);
    expect(errorCode(F.annualCost([[1]], []))).toBe(VALUE);
    expect(messageOf(F.annualCost([[1, 2], [3]], A))).toMatch(/rectangular range; row 2/);
  });
  test("a bad cell names its place", () => {
    const r = F.annualCost([[40000], ["lots"]], A);
    expect(errorCode(r)).toBe(VALUE);
    expect(messageOf(r)).toBe('Cell 2 of monthly consumption: Monthly consumption must be a number, got the text "lots".');
    expect(errorCode(F.annualCost([[40000], [-1]], A))).toBe(NUM);
    expect(errorCode(F.annualCost([[40000]], [[NaN]]))).toBe(NUM);
    const err = new installed.Error(ERROR_CODES.invalidReference);
    expect(errorCode(F.annualCost([[40000], [err]], A))).toBe(ERROR_CODES.invalidReference);
    expect(F.annualCost(err as never, A)).toBe(err);
  });
  test("huge months never give Infinity", () => {
    expectShowable(F.annualCost([[1e308], [1e308]], [[0]]));
    expect(errorCode(F.annualCost([[1e308], [1e308]], [[0]]))).toBe(NUM);
  });
});

describe("PROJECT", () => {
  test("the month-end at the pace so far", () => {
    expect(F.project(6000, 10, 31)).toBe(18600);
    expect(F.project(0, 10, 31)).toBe(0);
    expect(F.project(6000, 31, 31)).toBe(6000);
  });
  test("no days elapsed is #DIV/0!; more days elapsed than in the period is #NUM!", () => {
    expect(errorCode(F.project(6000, 0, 31))).toBe(DIV0);
    expect(errorCode(F.project(6000, null, 31))).toBe(DIV0);
    expect(errorCode(F.project(6000, 32, 31))).toBe(NUM);
  });
});

describe("BUDGET and TOPUP", () => {
  test.each([
    [[19810], 25753],
    [[1000, 0, 0], 1000],
    [[1000, "20%", "15%"], 1350],
    [[1000, 0.2, 0.15], 1350],
    [[1000, null, 0.15], 1350],
    [[1000, 0.3], 1400],
  ])("BUDGET(%j) = %p", (args, expected) => expect(F.budget(...(args as [unknown]))).toBeCloseTo(expected as number, 9));

  test.each([
    [[40000, 30000], 10000],
    [[29000, 30000], 0],
    [[30000, 30000, 0.1], 3000],
    [[30000.2, 30000], 1], // whole tokens, rounded up
    [[40000, 30000, "10%"], 14000],
    [[0, 0], 0],
    [[12345, 13579.5, 0.1], 0], // 12345 x 1.1 is 13579.500000000002 in binary: noise is not a token
    [[12345, 13579, 0.1], 1],
  ])("TOPUP(%j) = %p", (args, expected) => expect(F.topUp(...(args as [unknown, unknown]))).toBe(expected));
});

describe("RATES", () => {
  test("spills a header row and one row per feature of the default card", () => {
    const t = F.rates();
    expect(t[0]).toEqual(["Feature id", "Feature", "Unit", "Tokens", "Per", "Tokens per unit", "Low", "High", "Included", "Source", "Confidence"]);
    expect(t.map((r) => r[0])).toEqual([
      "Feature id",
      "copilot",
      "analytics",
      "scoring",
      "translate",
      "voicebot",
      "digitalbot",
      "messaging",
      "social",
      "virtualagent",
      "predictiverouting",
      "predictiveengagement",
    ]);
    expect(t[1]).toEqual(["copilot", "Agent Copilot", "user", 50, 1, 50, 40, 60, false, expect.stringMatching(/study notes/), "secondary"]);
    expect(t[5].slice(0, 9)).toEqual(["voicebot", "Voice Bots", "minute", 1, 17, 1 / 17, 1, 1, false]);
    expect(t[10][8]).toBe(true);
  });
  test("every row: low <= tokens <= high, and tokens per unit = tokens / per", () => {
    for (const card of ["study-notes", "genesys-published"]) {
      for (const model of ["named", "concurrent"]) {
        for (const r of F.rates([[card]], model).slice(1)) {
          const [, , , tokens, per, perUnit, low, high] = r as number[];
          expect(low).toBeLessThanOrEqual(tokens);
          expect(tokens).toBeLessThanOrEqual(high);
          expect(perUnit).toBeCloseTo(tokens / per, 15);
        }
      }
    }
  });
  test("the published card, for each licence model", () => {
    const named = F.rates([["genesys-published"]]);
    const concurrent = F.rates([["genesys-published"]], "concurrent");
    expect(named.find((r) => r[0] === "copilot")?.[3]).toBe(40);
    expect(concurrent.find((r) => r[0] === "copilot")?.[3]).toBe(60);
    expect(named.find((r) => r[0] === "virtualagent")?.[5]).toBe(0.5);
    expect(named.find((r) => r[0] === "summary")).toBeDefined();
    expect(named.find((r) => r[0] === "social")).toBeUndefined();
  });
  test("errors spill as a single cell", () => {
    expect(errorCode(F.rates([["bogus"]])[0][0])).toBe(NA);
    expect(errorCode(F.rates(OMITTED, "bogus")[0][0])).toBe(VALUE);
  });
  test("the table is frozen: a caller cannot change the card's figures", () => {
    const t = F.rates();
    expect(() => {
      (t[1] as unknown[])[3] = 1;
    }).toThrow();
    expect(F.rates()[1][3]).toBe(50);
  });
});

describe("the input gate's messages", () => {
  test.each([
    [() => F.voicebot("abc"), VALUE, 'Minutes must be a number, got the text "abc".'],
    [() => F.voicebot(-3), NUM, "Minutes cannot be negative."],
    [() => F.copilot(50, "x"), VALUE, 'Tokens per user must be a number, got the text "x".'],
    [() => F.voicebot(5000, "nearest"), VALUE, 'Rounding must be "line", "exact" or "up", got "nearest".'],
    [() => F.voicebot(5000, OMITTED, [["notes"]]), NA, 'Unknown rate card "notes". Known: study-notes, genesys-published.'],
    [() => F.voicebot(5000, OMITTED, OMITTED, "max"), VALUE, 'The rate level must be "low", "mid" or "high", got "max".'],
    [() => F.monthly(10, "x"), VALUE, 'Working days must be a number, got the text "x".'],
    [
      () => F.voicebot("a very long piece of text that someone pasted into the cell"),
      VALUE,
      'Minutes must be a number, got the text "a very long piece of text that someon...".',
    ],
  ])("%#: %s", (f, code, message) => {
    const r = (f as () => unknown)();
    expect(errorCode(r)).toBe(code);
    expect(messageOf(r)).toBe(message);
  });
});
