/*
 * The shapes Genesys documents (test/fixtures/usage/README.md says where each field name comes from),
 * the analyst's column mapping for anything else, a period without dates, the days a month covers,
 * committed tokens and the import's status.
 */
import { readFileSync } from "fs";
import { resolve } from "path";
import {
  computeDashboard,
  dashboardFromImport,
  formatColumnMapping,
  headerSignature,
  importSummary,
  importUsage,
  InputError,
  parseColumnMapping,
  previewUsage,
  type ImportOptions,
  type UsageImport,
} from "../../src/core";

const fixture = (name: string): string => readFileSync(resolve(__dirname, "../fixtures/usage", name), "utf8");
const ok = (text: string, o?: ImportOptions): UsageImport => {
  const r = importUsage(text, o);
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};
const fail = (text: string, o?: ImportOptions): string => {
  const r = importUsage(text, o);
  if (!(r instanceof InputError)) throw new Error(`expected a refusal, got ${r.rowsUsed} rows used`);
  return r.message;
};
const totals = (imp: UsageImport) => Object.fromEntries(imp.byFeature.map((f) => [f.feature, f.tokens]));
const skippedBy = (imp: UsageImport) => Object.fromEntries(imp.skipped.map((s) => [s.reason, s.count]));

describe("the billable-usage API report (BillingUsageReport JSON)", () => {
  const imp = ok(fixture("billable-usage-api-2026-03.json"));

  test("the AI token usage is one total for the period, no invented breakdown; other usages skipped quietly", () => {
    expect(imp.shape).toBe("billable-usage-api");
    expect(imp.status).toBe("ok");
    expect(imp.total).toBe(19810);
    expect(totals(imp)).toEqual({ all: 19810 });
    expect(imp.byFeature[0].name).toBe("All AI features");
    expect(imp.breakdown).toBe(false);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 2 });
    expect(imp.tokenRowsSkipped).toBe(0);
    expect(imp.rows[0]).toMatchObject({ date: "2026-03-01", end: "2026-03-31", feature: "all", tokens: 19810 });
  });

  test("March is covered in full, but its weeks are unknown: the dashboard has no weekly figures", () => {
    expect(imp.months).toHaveLength(1);
    expect(imp.months[0]).toMatchObject({
      month: "2026-03",
      daysCovered: 31,
      daysInMonth: 31,
      partial: false,
      weeksKnown: false,
      coveredFrom: "2026-03-01",
      coveredTo: "2026-03-31",
    });
    expect(imp.weeks).toEqual([]);
    const d = dashboardFromImport(imp, 50000);
    if (d instanceof InputError) throw new Error(d.message);
    expect(d.features).toEqual([{ feature: "all", tokens: 19810 }]);
    expect(d.weekly).toEqual([]);
    const r = computeDashboard(d);
    if (r instanceof InputError) throw new Error(r.message);
    expect([r.consumed, r.remaining, r.utilisation, r.health]).toEqual([19810, 30190, 0.3962, "GREEN"]);
    // A total is no breakdown: no share is made up for it.
    expect(r.features.map((s) => [s.name, s.share])).toEqual([["All AI features", null]]);
  });

  test("an end date at midnight ends the day before; a period over two months is a skipped token row", () => {
    const exclusive = ok(
      JSON.stringify({ startDate: "2026-03-01T00:00:00Z", endDate: "2026-04-01T00:00:00Z", usages: [{ name: "AI Experience Tokens", totalUsage: "5" }] }),
    );
    expect(exclusive.months.map((m) => [m.month, m.daysCovered])).toEqual([["2026-03", 31]]);
    const quarter = ok(
      JSON.stringify({ startDate: "2026-01-01T00:00:00Z", endDate: "2026-03-31T23:59:59Z", usages: [{ name: "AI Experience Tokens", totalUsage: "5" }] }),
    );
    expect(quarter.status).toBe("ok-with-warnings");
    expect(quarter.skippedTokenRows).toEqual([
      { line: 1, reason: "period", label: "period runs over more than one month", resource: "AI Experience Tokens", text: "2026-01-01 to 2026-03-31" },
    ]);
    expect(quarter.total).toBe(0);
  });

  test("JSON that is not a report is refused with a message; an entity list of one report is read", () => {
    expect(fail("{ not json")).toMatch(/^The text starts like JSON but is not valid JSON/);
    expect(fail('{"entities": []}')).toMatch(/neither a billable-usage report .* nor a subscription overview/);
    expect(fail('{"usages": []}')).toMatch(/empty "usages" list/);
    const wrapped = ok(JSON.stringify({ entities: [JSON.parse(fixture("billable-usage-api-2026-03.json"))] }));
    expect(wrapped.total).toBe(19810);
  });
});

describe("the subscription overview (SubscriptionOverview JSON)", () => {
  const imp = ok(fixture("subscription-overview-2026-03.json"));

  test("the AI token line's usage, and its prepayQuantity as the committed tokens of the period", () => {
    expect(imp.shape).toBe("subscription-overview");
    expect(imp.status).toBe("ok");
    expect(totals(imp)).toEqual({ all: 2731 });
    expect(imp.committedTokens).toBe(2000);
    expect(imp.months[0]).toMatchObject({ month: "2026-03", committed: 2000, tokens: 2731, partial: false });
    expect(imp.currency).toBe("USD");
    // The licence and SMS lines are not token rows: their prepaid quantities are not committed tokens.
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 2 });
    expect(importSummary(imp)).toContain("Committed (prepaid) tokens: 2,000.");
  });

  test("an unreadable prepayQuantity is a warning, never a guess", () => {
    const o = JSON.parse(fixture("subscription-overview-2026-03.json"));
    o.usages[1].prepayQuantity = "some";
    const r = ok(JSON.stringify(o));
    expect(r.committedTokens).toBeNull();
    expect(r.status).toBe("ok-with-warnings");
    expect(r.warnings[0]).toMatch(/committed tokens \(prepayQuantity "some"\)/);
  });
});

describe("the Admin UI's Billable Usage report (CSV)", () => {
  test("one row per user in the month of its Timestamp, a total without features; users without tokens skipped quietly", () => {
    const imp = ok(fixture("admin-billable-usage-2026-03.csv"));
    expect(imp.shape).toBe("billable-usage-report");
    expect(imp.columns).toEqual({ quantity: "AI Experience Tokens", period: "Timestamp" });
    expect(imp.status).toBe("ok");
    expect(totals(imp)).toEqual({ all: 163 });
    expect(imp.breakdown).toBe(false);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 2 });
    expect(imp.months[0]).toMatchObject({ month: "2026-03", weeksKnown: false, partial: false });
  });

  test("a user's token cell that is not a number is a warning naming the line", () => {
    const imp = ok(fixture("admin-billable-usage-2026-03.csv").replace(",48\n", ",lots\n"));
    expect(imp.status).toBe("ok-with-warnings");
    expect(imp.skippedTokenRows).toEqual([{ line: 4, reason: "bad-quantity", label: "quantity missing or not a number", resource: "", text: "lots" }]);
    expect(imp.total).toBe(115);
  });
});

describe("the Resources Usage report flattened (CSV), 25-31 March", () => {
  const imp = ok(fixture("resources-usage-2026-03-25-to-31.csv"));

  test("the bots' and Predictive Routing's token rows by day; SMS, IVR and BYOC skipped quietly", () => {
    expect(imp.shape).toBe("usage-csv");
    expect(imp.status).toBe("ok");
    expect(totals(imp)).toEqual({ voicebot: 280, digitalbot: 70, predictiverouting: 0 });
    expect(imp.breakdown).toBe(true);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 21 });
  });

  test("March is partial: 7 of 31 days covered, named in the summary", () => {
    expect(imp.months[0]).toMatchObject({
      month: "2026-03",
      coveredFrom: "2026-03-25",
      coveredTo: "2026-03-31",
      daysCovered: 7,
      daysInMonth: 31,
      partial: true,
      weeksKnown: true,
    });
    expect(importSummary(imp)).toContain("March 2026 is partial: the export covers 7 of its 31 days (2026-03-25 to 2026-03-31).");
  });

  test("days covered count rows that are not token rows too: a report reaching the 1st covers the month", () => {
    const text = "Date,Resource,Quantity,Unit of Measure\n2026-03-01,SMS Outbound,5,Messages\n2026-03-30,AI Experience Tokens,9,Tokens\n";
    expect(ok(text).months[0]).toMatchObject({ daysCovered: 30, partial: true, firstDate: "2026-03-30" });
  });
});

describe("the column mapping for unknown headers", () => {
  const UNKNOWN = fixture("unknown-headers-2026-03.csv");

  test("unknown headers are refused with a message that offers the mapping; the preview shows headers and first rows", () => {
    expect(fail(UNKNOWN)).toMatch(/map the columns by hand/);
    const p = previewUsage(UNKNOWN);
    if (p instanceof InputError) throw new Error(p.message);
    expect(p.header).toEqual(["Usage day", "Meter", "Consumed", "Site"]);
    expect(p.rows[0]).toEqual(["2026-03-02", "AI Experience Tokens", "120", "Dublin"]);
    expect(p.rows).toHaveLength(5);
    expect(p.signature).toBe("usageday|meter|consumed|site");
    expect(headerSignature([" USAGE DAY", "meter", "Consumed", "site "])).toBe(p.signature);
  });

  test("mapped by hand: date, feature and quantity columns, token rows by the feature column", () => {
    const imp = ok(UNKNOWN, {
      mapping: { date: "Usage day", feature: "Meter", quantity: "Consumed", tokenRows: { column: "Meter", values: ["AI Experience Tokens"] } },
    });
    expect(imp.shape).toBe("mapped-csv");
    expect(imp.status).toBe("ok");
    expect(totals(imp)).toEqual({ all: 600 });
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 5 });
    expect(imp.months[0]).toMatchObject({ coveredFrom: "2026-03-02", coveredTo: "2026-03-06", partial: true, weeksKnown: true });
    expect(imp.ignoredColumns).toEqual(["Site"]);
  });

  test("without a token-row filter the names decide; without a feature column every row is a total", () => {
    expect(totals(ok(UNKNOWN, { mapping: { date: "Usage day", feature: "Meter", quantity: "Consumed" } }))).toEqual({ all: 600 });
    const noFeature = ok("Day;Tokens used;Site\n01/03/2026;10;Cork\n02/03/2026;12,5;Cork\n", { mapping: { date: "Day", quantity: "Tokens used" } });
    expect(totals(noFeature)).toEqual({ all: 22.5 });
    expect(noFeature.dateOrder).toBe("dmy");
  });

  test("a period column, or no date at all with the month given", () => {
    const byPeriod = ok("Month,Tokens\nMarch 2026,500\n2026-04,700\n", { mapping: { period: "Month", quantity: "Tokens" } });
    expect(byPeriod.months.map((m) => [m.month, m.tokens, m.daysCovered, m.weeksKnown])).toEqual([
      ["2026-03", 500, 31, false],
      ["2026-04", 700, 30, false],
    ]);
    expect(fail("Meter,Tokens\nAI,500\n", { mapping: { quantity: "Tokens" } })).toMatch(/give the month the export covers/);
    const given = ok("Meter,Tokens\nAI,500\n", { mapping: { quantity: "Tokens" }, month: "2026-03" });
    expect(given.months.map((m) => [m.month, m.tokens])).toEqual([["2026-03", 500]]);
    expect(fail("Meter,Tokens\nAI,500\n", { mapping: { quantity: "Tokens" }, month: "March" })).toMatch(/is not a month: write it as 2026-03/);
  });

  test("a mapping naming a column the file lacks is refused, saying which", () => {
    expect(fail(UNKNOWN, { mapping: { date: "Day", quantity: "Consumed" } })).toBe('The date column "Day" of the mapping is not in the header.');
  });

  test("written as text (--map): keys date or period, feature, quantity, unit; #N for a column by place", () => {
    expect(parseColumnMapping("date=Day,feature=Meter,quantity=Tokens used")).toEqual({ date: "Day", feature: "Meter", quantity: "Tokens used" });
    expect(parseColumnMapping('period=#1, quantity="Tokens, used"')).toEqual({ period: 0, quantity: "Tokens, used" });
    expect(formatColumnMapping({ date: "Day", feature: "Meter", quantity: "Tokens used" })).toBe("date=Day,feature=Meter,quantity=Tokens used");
    const bad = (spec: string) => (parseColumnMapping(spec) as InputError).message;
    expect(bad("date=Day,meter=X,quantity=Q")).toMatch(/^Unknown key "meter" in the column mapping/);
    expect(bad("date=Day")).toMatch(/needs a quantity column/);
    expect(bad("date=Day,period=Month,quantity=Q")).toMatch(/both a date and a period column/);
    expect(bad("date=,quantity=Q")).toMatch(/gives no column for "date"/);
  });
});
