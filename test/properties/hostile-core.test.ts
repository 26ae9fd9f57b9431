/**
 * Hostile input to the core's entry points: numbers of every size and sign (NaN, infinities,
 * negatives, -0, huge, fractional), values of the wrong type, unknown cards and rules, and random
 * text and bytes as a usage export. None may throw; each returns a result whose figures are all
 * finite, or an InputError with a message for the analyst (never a result carrying an error or NaN).
 */
import { fc } from "./count";
import { hostileNumber, hostileValue, planArbitrary, profileArbitrary } from "./arbitraries";
import {
  BUDGET_PRESETS,
  CALCULATOR_LINES,
  CARDS,
  computeAnnualPlan,
  computeDashboard,
  dashboardFromImport,
  BLANK_PROFILE,
  DEFAULT_CARD,
  estimate,
  findBudgetPreset,
  findPreset,
  HEALTH_STATUSES,
  importSummary,
  importUsageCsv,
  InputError,
  MAX_IMPORT_CHARS,
  planProblems,
  profileProblems,
  type AnnualPlan,
  type Profile,
  type UsageDashboard,
} from "../../src/core";

const CODES = ["value", "num", "na", "div0"];

/** An InputError fit for an analyst: a known code and a sentence, not a dump of the input. */
function expectGoodError(e: InputError, limit = 2000): void {
  expect(CODES).toContain(e.code);
  expect(typeof e.message).toBe("string");
  expect(e.message.trim().length).toBeGreaterThan(0);
  expect(e.message.length).toBeLessThanOrEqual(limit);
}

/** Every number anywhere in a result is finite; no InputError hides inside it. */
function expectAllFinite(x: unknown, where = "result"): void {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new Error(`${where} is ${x}`);
  } else if (x instanceof InputError) {
    throw new Error(`${where} is an InputError inside a result: ${x.message}`);
  } else if (Array.isArray(x)) {
    x.forEach((v, i) => expectAllFinite(v, `${where}[${i}]`));
  } else if (x !== null && typeof x === "object") {
    // The compiled card a plan result carries is reference data, checked when it loads.
    for (const [k, v] of Object.entries(x)) if (k !== "card" || typeof v !== "object") expectAllFinite(v, `${where}.${k}`);
  }
}

const hostileProfile: fc.Arbitrary<Profile> = fc
  .record({
    base: profileArbitrary,
    // Which fields turn hostile, and with what.
    users: fc.option(hostileValue, { nil: undefined }),
    workingDays: fc.option(hostileValue, { nil: undefined }),
    pricePerToken: fc.option(hostileValue, { nil: undefined }),
    volumes: fc.dictionary(fc.constantFrom(...CALCULATOR_LINES.map((l) => l.feature)), hostileValue, { maxKeys: 9 }),
    own: fc.dictionary(fc.constantFrom("copilot", "analytics"), hostileValue, { maxKeys: 2 }),
    card: fc.option(fc.constantFrom("", "STUDY-NOTES", "nope", "genesys-published", "study-notes"), { nil: undefined }),
    words: fc.option(
      fc.record({
        licence: fc.constantFrom("named", "Named", "floating", ""),
        currency: fc.constantFrom("USD", "usd", "XXX", ""),
        rounding: fc.constantFrom("line", "exact", "up", "down", ""),
        level: fc.constantFrom("low", "mid", "high", "max", ""),
      }),
      { nil: undefined },
    ),
  })
  .map(
    ({ base, users, workingDays, pricePerToken, volumes, own, card, words }) =>
      ({
        ...base,
        ...(users !== undefined ? { users } : {}),
        ...(workingDays !== undefined ? { workingDays } : {}),
        ...(pricePerToken !== undefined ? { pricePerToken } : {}),
        ...(card !== undefined ? { card } : {}),
        ...(words ?? {}),
        volumes: { ...base.volumes, ...volumes },
        tokensPerUser: { ...base.tokensPerUser, ...own },
      }) as unknown as Profile,
  );

describe("estimate and profileProblems over hostile profiles", () => {
  test("never throw; a result with finite figures or the first problem as an InputError", () => {
    fc.assert(
      fc.property(hostileProfile, fc.nat(CARDS.length - 1), (p, k) => {
        const card = CARDS[k];
        const problems = profileProblems(p, CARDS);
        for (const pr of problems) {
          expect(typeof pr.field).toBe("string");
          expect(pr.message.length).toBeGreaterThan(0);
        }
        const e = estimate(p, card);
        const ownProblems = profileProblems(p, [card]);
        if (e instanceof InputError) {
          expectGoodError(e);
          if (ownProblems.length > 0) expect(e.message).toBe(ownProblems[0].message);
          return;
        }
        expect(ownProblems).toEqual([]);
        expectAllFinite({ ...e, utilisation: e.utilisation ?? 0 });
        expect(HEALTH_STATUSES).toContain(e.health);
        expect(e.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  test("huge but finite volumes: the lines or their sum overflow, and the estimate says so instead of showing Infinity or NaN", () => {
    fc.assert(
      fc.property(
        profileArbitrary,
        fc.dictionary(
          fc.constantFrom(...CALCULATOR_LINES.map((l) => l.feature)),
          fc.double({ min: 1e300, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
          { minKeys: 1 },
        ),
        fc.option(fc.double({ min: 1e300, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
        (base, huge, price) => {
          const p: Profile = {
            ...base,
            volumes: { ...base.volumes, ...huge },
            tokensPerUser: { copilot: 1, analytics: 1 },
            ...(price !== undefined ? { pricePerToken: price } : {}),
          };
          const e = estimate(
            p,
            CARDS.find((c) => c.id === p.card)!,
          );
          if (e instanceof InputError) expectGoodError(e);
          else expectAllFinite({ ...e, utilisation: e.utilisation ?? 0 });
        },
      ),
      { numRuns: 300 },
    );
  });
});

const hostilePlan: fc.Arbitrary<AnnualPlan> = fc
  .record({
    base: fc.oneof(planArbitrary, fc.constantFrom(...BUDGET_PRESETS.map((b) => b.plan))),
    patch: fc.dictionary(fc.constantFrom("users", "workingDays", "pricePerToken", "startMonth", "startYear"), hostileValue, { maxKeys: 3 }),
    volumes: fc.dictionary(fc.constantFrom(...CALCULATOR_LINES.map((l) => l.feature)), hostileNumber, { maxKeys: 4 }),
    goLive: fc.dictionary(fc.constantFrom(...CALCULATOR_LINES.map((l) => l.feature)), hostileNumber, { maxKeys: 2 }),
    month: fc.nat(11),
    seasonal: fc.option(hostileNumber, { nil: undefined }),
    topUp: fc.option(hostileNumber, { nil: undefined }),
    growth: fc.option(
      fc.oneof(fc.record({ kind: fc.constantFrom("users", "rate", "target", "boom"), perMonth: hostileNumber, monthly: hostileNumber, users: hostileNumber })),
      { nil: undefined },
    ),
    initiative: fc.option(fc.record({ name: fc.string(), tokensPerMonth: hostileNumber, goLive: hostileNumber }), { nil: undefined }),
    buffer: fc.option(hostileNumber, { nil: undefined }),
  })
  .map(({ base, patch, volumes, goLive, month, seasonal, topUp, growth, initiative, buffer }) => {
    const seasonality = [...base.seasonality];
    if (seasonal !== undefined) seasonality[month] = seasonal;
    const topUps = [...base.topUps];
    if (topUp !== undefined) topUps[month] = topUp;
    return {
      ...base,
      ...patch,
      volumes: { ...base.volumes, ...volumes },
      goLive: { ...base.goLive, ...goLive },
      seasonality,
      topUps,
      ...(growth ? { growth } : {}),
      initiatives: initiative ? [...base.initiatives, initiative] : base.initiatives,
      buffers: buffer !== undefined ? { ...base.buffers, growth: buffer } : base.buffers,
    } as unknown as AnnualPlan;
  });

describe("cases the hostile runs found, kept", () => {
  test("working days of TRUE are refused, not taken as 1 day (a line on a half token then threw)", () => {
    const p = {
      ...findPreset("mid-market")!.profile,
      card: "genesys-published",
      level: "low",
      workingDays: true,
      volumes: { ...BLANK_PROFILE.volumes, virtualagent: 57327 },
    };
    const e = estimate(
      p as unknown as Profile,
      CARDS.find((c) => c.id === "genesys-published")!,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe("Working days per month must be a number.");
  });

  test("users added a month beyond what a number holds are refused as too large, not thrown", () => {
    const plan = { ...findBudgetPreset("growth")!.plan, growth: { kind: "users", perMonth: 1.7e308 } } as AnnualPlan;
    const r = computeAnnualPlan(plan, DEFAULT_CARD);
    expect(r).toBeInstanceOf(InputError);
    expectGoodError(r as InputError);
  });
});

describe("computeAnnualPlan and planProblems over hostile plans", () => {
  test("never throw; a year of finite figures or an InputError naming the problem", () => {
    fc.assert(
      fc.property(hostilePlan, (plan) => {
        const card = CARDS.find((c) => c.id === plan.card) ?? DEFAULT_CARD;
        const problems = planProblems(plan, [card]);
        for (const pr of problems) expect(pr.message.length).toBeGreaterThan(0);
        const r = computeAnnualPlan(plan, card);
        if (r instanceof InputError) {
          expectGoodError(r);
          return;
        }
        expect(problems).toEqual([]);
        expectAllFinite({ ...r, months: r.months.map((m) => ({ ...m, utilisation: m.utilisation ?? 0 })) });
      }),
      { numRuns: 1000 },
    );
  });
});

const hostileDashboard: fc.Arbitrary<UsageDashboard> = fc
  .record({
    period: fc.oneof(fc.string(), fc.constantFrom("March 2026", '=HYPERLINK("x")')),
    card: fc.constantFrom("study-notes", "genesys-published", "", "nope"),
    allocation: hostileValue,
    features: fc.array(fc.record({ feature: fc.constantFrom("copilot", "voicebot", "other", "summary", "Voice Bots", "nope", ""), tokens: hostileValue }), {
      maxLength: 5,
    }),
    weekly: fc.array(hostileValue, { maxLength: 8 }),
    daysElapsed: hostileValue,
    daysInPeriod: hostileValue,
    variance: fc.option(
      fc.array(
        fc.record(
          { month: fc.string({ maxLength: 12 }), budgeted: hostileValue, actual: hostileValue, budgetIndex: fc.option(hostileNumber, { nil: undefined }) },
          { requiredKeys: ["month", "budgeted", "actual"] },
        ),
        { maxLength: 14 },
      ),
      { nil: undefined },
    ),
  })
  .map((d) => d as unknown as UsageDashboard);

describe("computeDashboard over hostile figures", () => {
  test("never throws; finite key figures or an InputError", () => {
    fc.assert(
      fc.property(hostileDashboard, (d) => {
        const r = computeDashboard(d);
        if (r instanceof InputError) {
          expectGoodError(r);
          return;
        }
        expectAllFinite({
          ...r,
          weeks: r.weeks.map((w) => ({ ...w, change: w.change ?? 0, changeShare: w.changeShare ?? 0 })),
          variance: r.variance.map((v) => ({ ...v, varianceShare: v.varianceShare ?? 0 })),
          varianceTotal: r.varianceTotal ? { ...r.varianceTotal, varianceShare: r.varianceTotal.varianceShare ?? 0 } : null,
        });
      }),
      { numRuns: 1500 },
    );
  });
});

/** CSV text that gets past the header: a known header, then rows of hostile cells. */
const hostileCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.constantFrom(
    "2026-03-05",
    "05/03/2026",
    "13/13/2026",
    "Mar 5, 2026",
    "1e308",
    "1.7976931348623157e308",
    "-3",
    "(3)",
    "1,234.5",
    "1.234,5",
    "NaN",
    "Infinity",
    '"',
    '""',
    "AI Experience Tokens",
    "Agent Copilot",
    "Voice Bot Minutes",
    "tokens",
    "minutes",
    "users",
    "=cmd|' /C calc'!A0",
    "\u0000",
    "\ufeff",
    "\r",
    "\n",
    ";",
    ",",
  ),
);
const csvLike = fc
  .tuple(
    fc.constantFrom(
      "Date,Resource,Quantity,Unit of Measure",
      "startDate;name;partNumber;usageQuantity;unitOfMeasureType",
      "Date\tFeature\tQuantity",
      "Usage Date,Product,Tokens Used",
      "junk line\nDate,Feature,Quantity",
    ),
    fc.array(fc.array(hostileCell, { maxLength: 6 }), { maxLength: 30 }),
    fc.constantFrom(",", ";", "\t"),
    fc.constantFrom("\n", "\r\n", "\r"),
  )
  .map(([header, rows, d, nl]) => [header, ...rows.map((r) => r.join(d))].join(nl));

/** A usage report whose rows mostly count: dates, AI feature names, units and quantities of every size. */
const reportLike = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom("2026-03-05", "2026-03-31", "03/04/2026", "2026-02-29", "1 Apr 2026", "not a date", ""),
        fc.constantFrom(
          "AI Experience Tokens",
          "Agent Copilot",
          "Voice Bots",
          "Virtual Agent Sessions",
          "Speech Analytics",
          "AI Summary",
          "Storage",
          "AI Tokens - =cmd|' /C calc'!A0",
          '=HYPERLINK("http://x")',
        ),
        fc.oneof(
          fc.constantFrom("1e308", "1.7976931348623157e308", "9e307", "-5", "(3)", "1,234.5", "0", "", "abc"),
          fc.double({ min: 0, max: 1e308, noNaN: true, noDefaultInfinity: true }).map(String),
          fc.integer({ min: 0, max: 1e6 }).map(String),
        ),
        fc.constantFrom("tokens", "", "minutes", "sessions", "users", "USD"),
      ),
      { minLength: 1, maxLength: 12 },
    ),
  )
  .map(([rows]) =>
    ["Date,Resource,Quantity,Unit of Measure", ...rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))].join("\n"),
  );

const anyText = fc.oneof(
  { weight: 4, arbitrary: reportLike },
  { weight: 4, arbitrary: csvLike },
  { weight: 2, arbitrary: fc.string({ maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 400 }) },
  // Bytes as a browser's FileReader or the command line might decode them.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString("utf8")) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString("latin1")) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString("utf16le")) },
);

describe("importUsageCsv over random text and bytes", () => {
  test("never throws; an import whose counts and totals add up, or an InputError with a short message", () => {
    fc.assert(
      fc.property(anyText, fc.nat(CARDS.length - 1), fc.constantFrom("named", "concurrent"), (text, k, licence) => {
        const card = CARDS[k];
        const imp = importUsageCsv(text, { card, licence: licence as "named" | "concurrent" });
        if (imp instanceof InputError) {
          // Messages quote the file, cut short: never the whole file.
          expectGoodError(imp, 1500);
          return;
        }
        expect(imp.rowsUsed + imp.rowsSkipped).toBe(imp.rowsRead);
        expect(imp.rows).toHaveLength(imp.rowsUsed);
        expectAllFinite({
          total: imp.total,
          rows: imp.rows.map((r) => [r.quantity, r.tokens]),
          byFeature: imp.byFeature.map((f) => f.tokens),
          months: imp.months.map((m) => [m.tokens, ...m.weeks]),
        });
        for (const r of imp.rows) expect(r.tokens).toBeGreaterThanOrEqual(0);
        for (const line of importSummary(imp)) expect(typeof line).toBe("string");
        // And the dashboard of the import, for any allocation.
        const d = dashboardFromImport(imp, 50_000);
        if (d instanceof InputError) expectGoodError(d);
        else {
          const r = computeDashboard(d);
          if (r instanceof InputError) expectGoodError(r);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test("wrong types and sizes: not text, too large", () => {
    for (const x of [undefined, null, 42, {}, [], Buffer.from("Date,Feature,Quantity")]) {
      const r = importUsageCsv(x as unknown as string);
      expect(r).toBeInstanceOf(InputError);
      expectGoodError(r as InputError);
    }
    // Refused by its length, before it is read.
    const r = importUsageCsv("a".repeat(MAX_IMPORT_CHARS + 1));
    expect(r).toBeInstanceOf(InputError);
    expect((r as InputError).message).toMatch(/too large to import/);
  });
});

describe("the overflows these properties found, as worked cases", () => {
  const studyNotes = CARDS[0];
  const base = BUDGET_PRESETS[0].plan;
  const mid = { ...BUDGET_PRESETS[0].plan };

  test("estimate: 1.7e308 users (an Infinity allocation) and 1e300 users at a price of 1e300 are refused by the input rules, not Infinity", () => {
    const p: Profile = {
      name: "",
      card: "study-notes",
      licence: "named",
      users: 1.7e308,
      workingDays: 20,
      currency: "USD",
      pricePerToken: 1,
      rounding: "line",
      level: "mid",
      volumes: { ...base.volumes },
      tokensPerUser: {},
    };
    expect(estimate(p, studyNotes)).toEqual(new InputError("value", "The number of users must be at most 1,000,000 (users)."));
    const q: Profile = { ...p, users: 0, pricePerToken: 1e300, volumes: { ...p.volumes, copilot: 1e300 }, tokensPerUser: { copilot: 1 } };
    expect(estimate(q, studyNotes)).toBeInstanceOf(InputError);
  });

  test("computeAnnualPlan: 1e308 scored interactions a day returns an InputError (it used to throw)", () => {
    const r = computeAnnualPlan({ ...mid, volumes: { ...mid.volumes, scoring: 1e308 } }, studyNotes);
    expect(r).toBeInstanceOf(InputError);
    expect((r as InputError).message).toMatch(/must be at most 1,000,000,000/);
    expect(
      computeAnnualPlan({ ...mid, buffers: { unpredictability: 0, growth: 6e307 }, initiatives: [{ name: "", tokensPerMonth: 1e308, goLive: 1 }] }, studyNotes),
    ).toBeInstanceOf(InputError);
  });

  test("computeDashboard: a pace over 5e-324 days elapsed is too large, not an Infinity projection", () => {
    const d = {
      period: "March 2026",
      card: "study-notes",
      allocation: 1.7e308,
      features: [{ feature: "copilot", tokens: 1e308 }],
      weekly: [],
      daysElapsed: 5e-324,
      daysInPeriod: 31,
    };
    expect(computeDashboard(d)).toBeInstanceOf(InputError);
  });

  test("importUsageCsv: rows of 1e308 tokens are above the input rules' maximum: skipped and counted, not totalled to Infinity", () => {
    const r = importUsageCsv(
      "Date,Resource,Quantity,Unit of Measure\n2026-03-05,AI Experience Tokens,1e308,tokens\n2026-03-05,AI Experience Tokens,1e308,tokens\n2026-03-05,AI Experience Tokens,7,tokens",
    );
    if (r instanceof InputError) throw new Error(r.message);
    expect(r.rowsUsed).toBe(1);
    expect(r.rowsSkipped).toBe(2);
  });
});
