import { readFileSync } from "fs";
import { resolve } from "path";
import {
  computeDashboard,
  COLUMN_ALIASES,
  dashboardFromImport,
  detectDelimiter,
  getCard,
  importSummary,
  importUsageCsv,
  InputError,
  parseCsv,
  parseQuantity,
  parseUsageDate,
  SKIP_LINES_SHOWN,
  type CompiledCard,
  type ImportOptions,
  type UsageDashboard,
  type UsageImport,
} from "../../src/core";
import { DASHBOARD_EXAMPLE } from "../fixtures/worked-examples";

const fixture = (name: string): string => readFileSync(resolve(__dirname, "../fixtures/usage", name), "utf8");
const REPORT = "genesys-usage-report-march-2026.csv";
const SEMICOLON = "usage-semicolon-day-first.csv";

const ok = (text: string, o?: ImportOptions): UsageImport => {
  const r = importUsageCsv(text, o);
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};
const fail = (text: string, o?: ImportOptions): string => {
  const r = importUsageCsv(text, o);
  if (!(r instanceof InputError)) throw new Error(`expected an error, got ${r.rowsUsed} rows used`);
  return r.message;
};
const okDashboard = (r: ReturnType<typeof dashboardFromImport>): UsageDashboard => {
  if (r instanceof InputError) throw new Error(r.message);
  return r;
};
const published = getCard("genesys-published") as CompiledCard;
const totals = (imp: UsageImport) => Object.fromEntries(imp.byFeature.map((f) => [f.feature, f.tokens]));
const skippedBy = (imp: UsageImport) => Object.fromEntries(imp.skipped.map((s) => [s.reason, s.count]));

describe("example exports (fixtures written for the tests)", () => {
  test("the Genesys usage report: BOM, CRLF, quoted fields, grouped quantities; non-AI resources skipped", () => {
    const imp = ok(fixture(REPORT));
    expect(imp.delimiter).toBe(",");
    expect(imp.columns).toEqual({ date: "Date", feature: "Resource", quantity: "Quantity", unit: "Unit of Measure" });
    expect(imp.contextColumns).toEqual(["Part Number"]);
    expect(totals(imp)).toEqual(DASHBOARD_EXAMPLE.byFeature);
    expect(imp.total).toBe(19810);
    expect(imp.rowsRead).toBe(152);
    expect(imp.rowsUsed).toBe(132);
    expect(imp.rowsSkipped).toBe(20);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 20 });
    expect(imp.skipped[0].lines.slice(0, 4)).toEqual([4, 5, 6, 7]);
    expect(imp.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(imp.months.map((m) => [m.month, m.label, m.tokens])).toEqual([["2026-03", "March 2026", 19810]]);
    expect(imp.weeks.map((w) => [w.week, w.from, w.to])).toEqual([
      [1, "2026-03-01", "2026-03-07"],
      [2, "2026-03-08", "2026-03-14"],
      [3, "2026-03-15", "2026-03-21"],
      [4, "2026-03-22", "2026-03-28"],
      [5, "2026-03-29", "2026-03-31"],
    ]);
    expect(imp.weeks.reduce((a, w) => a + w.tokens, 0)).toBe(19810);
    expect(imp.warnings).toEqual([]);
  });

  test("a ; file with day-first dates, decimal commas and a feature counted in minutes", () => {
    const imp = ok(fixture(SEMICOLON));
    expect([imp.delimiter, imp.decimal, imp.dateOrder]).toEqual([";", ",", "dmy"]);
    expect(imp.rows.map((r) => [r.date, r.feature, r.quantity, r.unit, r.tokens])).toEqual([
      ["2026-03-01", "copilot", 1234.5, "tokens", 1234.5],
      ["2026-03-15", "voicebot", 1700, "minutes", 100], // 1,700 minutes / 17
      ["2026-03-25", "virtualagent", 2.5, "tokens", 2.5],
    ]);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 1 });
  });

  test("the report becomes the notes' March dashboard: the same features, GREEN, four whole weeks", () => {
    const d = okDashboard(dashboardFromImport(ok(fixture(REPORT)), 50000));
    expect(d.period).toBe("March 2026");
    expect([d.daysElapsed, d.daysInPeriod]).toEqual([31, 31]);
    expect(d.features.map((f) => f.feature)).toEqual(["copilot", "virtualagent", "scoring", "voicebot", "messaging", "translate"]);
    expect(d.weekly).toHaveLength(4);
    const r = computeDashboard(d);
    if (r instanceof InputError) throw new Error(r.message);
    expect([r.consumed, r.remaining, r.utilisation, r.health]).toEqual([19810, 30190, 0.3962, "GREEN"]);
  });

  test("a summary in sentences", () => {
    const lines = importSummary(ok(fixture(REPORT)));
    expect(lines[0]).toBe("132 of 152 rows used: 19,810 tokens from 2026-03-01 to 2026-03-31.");
    expect(lines[1]).toMatch(/^20 skipped, not an AI Experience token row: lines 4, 5, 6, 7, .*\(e\.g\. "Data Storage Overage"\)\.$/);
  });
});

describe("CSV (RFC 4180)", () => {
  test("quoted delimiters, line breaks and doubled quotes; CRLF, LF and CR; a record's first line", () => {
    const r = parseCsv('a,"b,1","c\r\nd"\r\n"say ""hi""",,x\ny\rz,', ",");
    expect(r).toEqual([
      { line: 1, fields: ["a", "b,1", "c\r\nd"] },
      { line: 3, fields: ['say "hi"', "", "x"] },
      { line: 4, fields: ["y"] },
      { line: 5, fields: ["z", ""] },
    ]);
  });

  test("a trailing line break adds no record; an empty line is one empty field", () => {
    expect(parseCsv("a\n\nb\n", ",")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: [""] },
      { line: 3, fields: ["b"] },
    ]);
  });

  test("stray quotes inside an unquoted field, or after a closing quote, are kept as written", () => {
    expect(parseCsv('5" screen,"a"b', ",")).toEqual([{ line: 1, fields: ['5" screen', "ab"] }]);
  });

  test("a quote never closed is an error naming its line", () => {
    const e = parseCsv('a,b\n"c,d\ne,f', ",");
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/line 2 is never closed/);
  });

  test.each([
    ["a,b,c\n1,2,3", ","],
    ["a;b;c\n1;2,5;3", ";"],
    ["a\tb\tc\n1\t2\t3", "\t"],
    ['"x;y;z",b\n1,2', ","],
    ["only", ","],
  ])("delimiter of %j is %j", (text, d) => expect(detectDelimiter(text)).toBe(d));
});

describe("quantities and dates are text", () => {
  test.each([
    ["1,234.5", ".", 1234.5],
    ["1234.5", ".", 1234.5],
    [" 12 ", ".", 12],
    ["+3", ".", 3],
    ["-3", ".", -3],
    ["(3)", ".", -3],
    ["1e3", ".", 1000],
    ["1,234,567", ".", 1234567],
    [".5", ".", 0.5],
    ["1.234,5", ",", 1234.5],
    ["1 234,5", ",", 1234.5],
    ["2,5", ",", 2.5],
    ["1.234", ",", 1234],
    ["1.5", ",", 1.5],
    ["0", ".", 0],
  ])("%j with decimal %j is %p", (text, decimal, x) => expect(parseQuantity(text, decimal as "." | ",")).toBe(x));

  test.each(["", "abc", "1,5", "1,23", "12.5.3", "=1+1", "1\u00002", "NaN", "Infinity", "1e999", "$5", "--3"])("%j is not a number", (text) => {
    expect(parseQuantity(text, ".")).toBeNaN();
  });

  test.each([
    ["2026-03-05", "mdy", "2026-03-05"],
    ["2026-3-5", "mdy", "2026-03-05"],
    ["2026-03-05T23:30:00-05:00", "mdy", "2026-03-05"],
    ["2026-03-05 10:00", "mdy", "2026-03-05"],
    ["2026/03/05", "mdy", "2026-03-05"],
    ["03/05/2026", "mdy", "2026-03-05"],
    ["03/05/2026", "dmy", "2026-05-03"],
    ["5.3.2026", "dmy", "2026-03-05"],
    ["5 Mar 2026", "mdy", "2026-03-05"],
    ["Mar 5, 2026", "mdy", "2026-03-05"],
    ["March 5 2026", "dmy", "2026-03-05"],
    ["29 Feb 2028", "mdy", "2028-02-29"],
  ])("%j read %s is %s", (text, order, iso) => expect(parseUsageDate(text, order as "mdy" | "dmy")).toBe(iso));

  test.each(["", "2026-02-30", "2026-13-01", "2026-03", "1999-01-01", "13/13/2026", "yesterday", "46082", "5 Foo 2026", "29 Feb 2026"])(
    "%j is not a date",
    (text) => {
      expect(parseUsageDate(text, "mdy")).toBeUndefined();
    },
  );

  test("day or month first is decided over the whole file; undecided dates are month first and say so", () => {
    const rows = (dates: string[]) => "Date,Feature,Quantity\n" + dates.map((d) => `${d},Agent Copilot,1`).join("\n");
    expect(ok(rows(["03/04/2026", "25/04/2026"])).dateOrder).toBe("dmy");
    expect(ok(rows(["04/03/2026", "04/25/2026"])).dateOrder).toBe("mdy");
    const undecided = ok(rows(["03/04/2026"]));
    expect(undecided.dateOrder).toBe("mdy");
    expect(undecided.warnings[0]).toMatch(/either way: they were read month first/);
    const mixed = ok(rows(["25/04/2026", "04/25/2026"]));
    expect(mixed.warnings[0]).toMatch(/^1 AI-token row was skipped.*line 2 \(Agent Copilot\): date missing or not a date, "25\/04\/2026"/);
    expect(mixed.warnings[1]).toMatch(/both day first and month first/);
    expect(skippedBy(mixed)).toEqual({ "bad-date": 1 });
    expect(ok(rows(["03/04/2026"]), { dateOrder: "dmy" }).rows[0].date).toBe("2026-04-03");
  });
});

describe("columns", () => {
  test("names match without case, spaces or punctuation, and by their aliases", () => {
    for (const [date, feature, quantity] of [
      ["DATE", "FEATURE", "QUANTITY"],
      ["Usage Date", "Product Name", "Usage Quantity"],
      ["usage_date", "part name", "USAGE_QUANTITY"],
      ["start date", "Description", "Tokens"],
      ["Period", "Item", "amount"],
    ]) {
      const imp = ok(`${date},${feature},${quantity}\n2026-03-05,Agent Copilot,7\n`);
      expect(imp.columns).toMatchObject({ date, feature, quantity });
      expect(imp.total).toBe(7);
    }
  });

  test("unknown columns are ignored and listed", () => {
    const imp = ok("Region,Date,Cost centre,Feature,Quantity,Comment\nEU,2026-03-05,CC1,Agent Copilot,7,hello\n");
    expect(imp.ignoredColumns).toEqual(["Region", "Cost centre", "Comment"]);
    expect(imp.total).toBe(7);
  });

  test("a missing required column is a clear error naming what is looked for and what is there", () => {
    const m = fail("Date,Feature,Cost\n2026-03-05,Agent Copilot,7\n");
    expect(m).toMatch(/No quantity column on the header line 1/);
    expect(m).toMatch(/"quantity", "usage quantity"/);
    expect(m).toMatch(/"Date", "Feature", "Cost"/);
    expect(fail("Date,Quantity\n2026-03-05,7\n")).toMatch(/No feature column/);
  });

  test("no header at all is a clear error", () => {
    expect(fail("hello,world\n1,2\n")).toMatch(
      /No header with a date, a feature and a quantity column was found in the first 10 lines: map the columns by hand\. The first line holds: "hello", "world"\./,
    );
  });

  test("preamble lines before the header are passed over", () => {
    const imp = ok("Usage report for Example Org\nGenerated 2026-04-01\n\nDate,Resource,Quantity\n2026-03-05,Agent Copilot,7\n");
    expect(imp.headerLine).toBe(4);
    expect(imp.rows[0].line).toBe(5);
  });

  test("an explicit mapping overrides the aliases, by header text or index", () => {
    const text = "When,What,Amount,Quantity\n2026-03-05,Agent Copilot,7,99\n";
    expect(ok(text, { columns: { date: "when", feature: "WHAT", quantity: "Amount" } }).total).toBe(7);
    expect(ok(text, { columns: { date: 0, feature: 1 } }).total).toBe(99);
    expect(fail(text, { columns: { date: "When", feature: "What", quantity: "Tokens" } })).toMatch(/quantity column "Tokens" is not in the header/);
    expect(fail(text, { columns: { date: 7 } })).toMatch(/date column number 8 is not in the header/);
  });
});

describe("rows: kept, converted or skipped with a reason", () => {
  const FILE = [
    "Date,Feature,Quantity,Unit", // 1
    "2026-03-02,Agent Copilot,100,tokens", // 2 used
    "", // 3 empty
    "2026-03-02,IVR Minutes,50,minutes", // 4 not AI
    "not a date,Agent Copilot,5,tokens", // 5 bad date
    "2026-03-02,Agent Copilot,lots,tokens", // 6 bad quantity
    "2026-03-02,Agent Copilot,-4,tokens", // 7 negative
    "2026-03-02,AI Experience Tokens overage,12,USD", // 8 unit
    "2026-03-03,Voice Bots,170,minutes", // 9 used: 10 tokens
    ",,,", // 10 empty
    "2026-03-09,Genesys Cloud AI Experience Tokens,8,", // 11 used: a total, all features
    "2026-03-09,Something new,3,AI tokens", // 12 used: tokens by its unit, all features
  ].join("\n");

  test("each reason with its lines; rows read, used and skipped add up", () => {
    const imp = ok(FILE);
    expect(imp.rowsRead).toBe(11);
    expect(imp.rowsUsed).toBe(4);
    expect(imp.rowsSkipped).toBe(7);
    expect(imp.skipped.map((s) => [s.reason, s.count, s.lines])).toEqual([
      ["empty", 2, [3, 10]],
      ["not-ai-tokens", 1, [4]],
      ["bad-date", 1, [5]],
      ["bad-quantity", 1, [6]],
      ["negative", 1, [7]],
      ["unit", 1, [8]],
    ]);
    expect(imp.skipped.find((s) => s.reason === "unit")?.example).toBe("USD");
    // Beside per-feature rows, tokens naming no feature are other AI tokens, not a second total.
    expect(totals(imp)).toEqual({ copilot: 100, voicebot: 10, other: 11 });
    expect(imp.byFeature.map((f) => f.name)).toEqual(["Agent Copilot", "Voice Bots", "Other AI tokens"]);
    expect(imp.breakdown).toBe(true);
    // Token rows skipped (bad date, bad quantity, negative, unit) are a warning; empty and non-token lines are not.
    expect(imp.status).toBe("ok-with-warnings");
    expect(imp.tokenRowsSkipped).toBe(4);
    expect(imp.skippedTokenRows.map((r) => [r.line, r.reason, r.text])).toEqual([
      [5, "bad-date", "not a date"],
      [6, "bad-quantity", "lots"],
      [7, "negative", "-4"],
      [8, "unit", "USD"],
    ]);
    expect(imp.warnings[0]).toBe(
      '4 AI-token rows were skipped, so the totals miss them: line 5 (Agent Copilot): date missing or not a date, "not a date"; line 6 (Agent Copilot): quantity missing or not a number, "lots"; line 7 (Agent Copilot): negative quantity, "-4"; line 8 (AI Experience Tokens overage): unit is neither tokens nor the feature\'s own unit, "USD".',
    );
    expect(imp.skipped.map((s) => [s.reason, s.tokenRows])).toEqual([
      ["empty", false],
      ["not-ai-tokens", false],
      ["bad-date", true],
      ["bad-quantity", true],
      ["negative", true],
      ["unit", true],
    ]);
  });

  test("a skip reason lists its first lines, and counts them all", () => {
    const text = "Date,Feature,Quantity\n" + Array.from({ length: 50 }, () => "2026-03-02,Agent Copilot,x").join("\n");
    const s = ok(text).skipped[0];
    expect(s.count).toBe(50);
    expect(s.lines).toHaveLength(SKIP_LINES_SHOWN);
    expect(s.lines[0]).toBe(2);
  });

  test("feature names: the card's, the synonyms, and features named inside generic token lines", () => {
    const names = [
      ["Agent Copilot", "copilot"],
      ["copilot", "copilot"],
      ["VIRTUAL AGENT", "virtualagent"],
      ["Virtual Supervisor", "scoring"],
      ["voicebots", "voicebot"],
      ["AI Translation", "translate"],
      ["Speech & Text Analytics", "analytics"],
      ["AI Experience Tokens - Digital Bots", "digitalbot"],
      ["Genesys Cloud AI Experience Tokens (Agent Copilot)", "copilot"],
      ["AI Tokens", "all"],
      ["AI Summary", "other"], // not on the study-notes card
    ];
    const text = "Date,Feature,Quantity\n" + names.map(([n]) => `2026-03-02,${n},1`).join("\n");
    expect(ok(text).rows.map((r) => r.feature)).toEqual(names.map(([, id]) => id));
    // On the published card AI Summary is a feature of its own.
    expect(ok("Date,Feature,Quantity\n2026-03-02,AI Summary,1", { card: published }).rows[0].feature).toBe("summary");
  });

  test("units: the feature's own unit converts at the card's rate; names implying a unit convert without a unit column", () => {
    const imp = ok("Date,Feature,Quantity\n2026-03-02,Voice Bot Minutes,1700\n2026-03-02,Virtual Agent Sessions,10\n2026-03-02,Agent Copilot Users,3\n");
    expect(imp.rows.map((r) => [r.unit, r.tokens])).toEqual([
      ["minutes", 100],
      ["sessions", 20],
      ["users", 150],
    ]);
    // The published card counts Virtual Agent in interactions: sessions cannot be converted.
    const pub = ok(
      "Date,Feature,Quantity,Unit\n2026-03-02,Virtual Agent,10,interactions\n2026-03-02,Virtual Agent,10,sessions\n2026-03-02,Agent Copilot,3,users\n",
      { card: published, licence: "concurrent" },
    );
    expect(pub.rows.map((r) => r.tokens)).toEqual([5, 180]);
    expect(skippedBy(pub)).toEqual({ unit: 1 });
  });

  test("rows in tokens and in units for one feature are flagged as a possible double count", () => {
    const imp = ok("Date,Feature,Quantity,Unit\n2026-03-02,Voice Bots,10,tokens\n2026-03-02,Voice Bots,170,min\n");
    expect(imp.warnings[0]).toMatch(/Voice Bots has rows in tokens and minutes/);
  });
});

describe("malformed files: a clear message, no result", () => {
  test.each([
    ["empty", ""],
    ["blank", "  \r\n\n  "],
    ["a byte-order mark only", "\ufeff"],
  ])("%s", (_, text) => expect(fail(text)).toBe("The file is empty."));

  test.each([
    ["without a line break", "Date,Feature,Quantity"],
    ["with one", "Date,Feature,Quantity\r\n"],
    ["with blank lines after it", "Date,Feature,Quantity\n\n,,\n"],
  ])("a header only, %s", (_, text) => expect(fail(text)).toMatch(/has a header \(line 1\) but no data rows/));

  test("binary junk", () => {
    let junk = "";
    let seed = 7;
    for (let i = 0; i < 4000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      junk += String.fromCharCode(seed % 256);
    }
    expect(fail(junk)).toMatch(/does not look like text/);
    expect(fail("PK\u0003\u0004\u0014\u0000\u0006\u0000" + "\u0000".repeat(100) + "[Content_Types].xml")).toMatch(/spreadsheet \(\.xlsx\)/);
  });

  test("a UTF-16 file read as single bytes (a NUL after every character)", () => {
    const text = "Date,Feature,Quantity\r\n2026-03-02,Agent Copilot,7\r\n".split("").join("\u0000");
    expect(fail(text)).toMatch(/UTF-16/);
  });

  test("unbalanced quotes", () => {
    expect(fail('Date,Feature,Quantity\n2026-03-02,"Agent Copilot,7\n2026-03-03,Voice Bots,5\n')).toMatch(/quote opened on line 2 is never closed/);
  });

  test("not text at all", () => {
    expect(fail(42 as unknown as string)).toMatch(/must be text/);
  });
});

describe("hostile text", () => {
  test("formulas stay data: skipped with their text shown, never evaluated; names shown come from the card", () => {
    const text = [
      "Date,Feature,Quantity",
      '2026-03-02,"=HYPERLINK(""http://evil.example"",""click"")",5',
      "2026-03-02,@SUM(A1:A9),5",
      "2026-03-02,Agent Copilot,=1+1",
      "2026-03-02,-Agent Copilot,5",
      "2026-03-02,+cmd|' /C calc'!A0,5",
    ].join("\n");
    const imp = ok(text);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 3, "bad-quantity": 1 });
    expect(imp.skipped[0].example).toMatch(/^=HYPERLINK\("http:\/\/evil\.example","click"… \(41 characters\)$/);
    // "-Agent Copilot" names Copilot; the row keeps its own text only as data.
    expect(imp.rows).toEqual([{ line: 5, date: "2026-03-02", feature: "copilot", quantity: 5, unit: "tokens", tokens: 5, resource: "-Agent Copilot" }]);
    expect(imp.byFeature[0].name).toBe("Agent Copilot");
    const d = okDashboard(dashboardFromImport(imp, 1000));
    expect(JSON.stringify(d)).not.toMatch(/HYPERLINK|SUM|cmd/);
  });

  test("a 100,000-character cell is cut short in every message", () => {
    const long = "A".repeat(100_000);
    const imp = ok(`Date,Feature,Quantity\n2026-03-02,${long},5\n2026-03-02,Agent Copilot,${"9".repeat(100_000)}\n${long},Agent Copilot,1\n`);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 1, "bad-quantity": 1, "bad-date": 1 });
    for (const s of imp.skipped) expect(s.example.length).toBeLessThan(80);
    expect(imp.skipped[0].example).toMatch(/…\s\(100,000 characters\)$/);
    for (const line of importSummary(imp)) expect(line.length).toBeLessThan(300);
    const header = fail(`${long},b\n1,2\n`);
    expect(header.length).toBeLessThan(400);
  });

  test("NUL and control characters in a cell: the row is skipped and the message shows them as \ufffd", () => {
    const good = Array.from({ length: 200 }, (_, i) => `2026-03-${String((i % 28) + 1).padStart(2, "0")},Agent Copilot,1`);
    const imp = ok(["Date,Feature,Quantity", ...good, "2026-03-02,Agent\u0000Copilot,5", "2026-03-02,Agent Copilot,5\u0000"].join("\n"));
    expect(imp.rowsUsed).toBe(200);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": 1, "bad-quantity": 1 });
    expect(imp.skipped[0].example).toBe("Agent\ufffdCopilot");
  });

  test("quotes inside names are data: a doubled quote reads as one", () => {
    const imp = ok('Date,Feature,Quantity\n2026-03-02,"Agent ""Copilot""",5\n2026-03-02,"Voice, Bots",3\n');
    expect(imp.rows.map((r) => [r.resource, r.feature])).toEqual([
      ['Agent "Copilot"', "copilot"],
      ["Voice, Bots", "voicebot"],
    ]);
  });

  test("pure: the text and the options are left as they were; the result is plain data; two runs agree", () => {
    const text = fixture(REPORT);
    const before = text.slice();
    const options = Object.freeze({ card: published, columns: Object.freeze({ quantity: "Quantity" }) });
    const a = ok(text, options);
    const b = ok(text, options);
    expect(text).toBe(before);
    expect(options.columns).toEqual({ quantity: "Quantity" });
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(b).toEqual(a);
    for (const row of a.rows) expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });
});

describe("huge files", () => {
  const ROWS = 100_000;
  const NAMES = ["Agent Copilot", "Virtual Agent", "IVR Overage Minutes", "AI Experience Tokens - Voice Bots", "Data Storage"];
  const lines = ["Date,Resource,Quantity,Unit"];
  for (let i = 0; i < ROWS; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String(Math.floor((i * 12) / ROWS) + 1).padStart(2, "0");
    const name = NAMES[i % NAMES.length];
    const quantity = i % 997 === 0 ? "n/a" : `"${(1000 + (i % 7)).toLocaleString("en-US")}"`;
    lines.push(`2026-${month}-${day},${name},${quantity},${name.startsWith("IVR") ? "minutes" : name.startsWith("Data") ? "GB" : "tokens"}`);
  }
  const text = lines.join("\n");

  test("100,000 rows: every row counted, used or skipped for its reason, in well under a few seconds", () => {
    const t0 = performance.now();
    const imp = ok(text);
    const ms = performance.now() - t0;
    // What the rows hold, counted the slow way: AI rows are names 0, 1 and 3; every 997th quantity is "n/a".
    let notAi = 0;
    let badQuantity = 0;
    let expected = 0;
    for (let i = 0; i < ROWS; i++) {
      const k = i % NAMES.length;
      if (k === 2 || k === 4) notAi++;
      else if (i % 997 === 0) badQuantity++;
      else expected += 1000 + (i % 7);
    }
    expect(imp.rowsRead).toBe(ROWS);
    expect(skippedBy(imp)).toEqual({ "not-ai-tokens": notAi, "bad-quantity": badQuantity });
    expect(imp.rowsUsed).toBe(ROWS - notAi - badQuantity);
    expect(imp.rows).toHaveLength(imp.rowsUsed);
    expect(imp.months).toHaveLength(12);
    expect(imp.byFeature.map((f) => f.feature)).toEqual(["voicebot", "virtualagent", "copilot"].sort((a, b) => order(a) - order(b)));
    expect(imp.total).toBe(expected);
    expect(imp.byFeature.reduce((a, f) => a + f.tokens, 0)).toBe(expected);
    expect(ms).toBeLessThan(5000); // the bench (bench/import.bench.ts) measures it properly
  });

  function order(id: string): number {
    return (getCard() as CompiledCard).card.features.findIndex((f) => f.id === id);
  }
});

describe("from an import to a dashboard", () => {
  const three = [
    "Date,Feature,Quantity",
    "2026-01-10,Agent Copilot,1000",
    "2026-02-10,Agent Copilot,2000",
    "2026-03-01,Agent Copilot,100",
    "2026-03-08,Virtual Agent,300",
    "2026-03-10,Agent Copilot,200",
    "2026-03-12,IVR Minutes,1", // not AI, but the report reaches the 12th
  ].join("\n");

  test("the last month by default, days elapsed as far as the report reaches, whole weeks only", () => {
    const d = okDashboard(dashboardFromImport(ok(three), 5000));
    expect(d.period).toBe("March 2026");
    expect([d.daysElapsed, d.daysInPeriod]).toEqual([12, 31]);
    expect(d.features).toEqual([
      { feature: "copilot", tokens: 300 },
      { feature: "virtualagent", tokens: 300 },
    ]);
    expect(d.weekly).toEqual([100]); // week 2 (8-14) is not over on the 12th
    expect(d.variance).toEqual([
      { month: "January 2026", budgeted: 0, actual: 1000 },
      { month: "February 2026", budgeted: 0, actual: 2000 },
      { month: "March 2026", budgeted: 0, actual: 600 },
    ]);
    const r = computeDashboard(d);
    if (r instanceof InputError) throw new Error(r.message);
    expect(r.projected).toBe((600 / 12) * 31);
  });

  test("another month, own days and budgets; a plan gives budgets with their place in it", () => {
    const imp = ok(three);
    const d = okDashboard(dashboardFromImport(imp, 5000, { month: "2026-02", budgets: { "2026-01": 900, "2026-02": 2500 }, period: "Feb" }));
    expect([d.period, d.daysElapsed, d.daysInPeriod]).toEqual(["Feb", 28, 28]);
    expect(d.variance?.map((v) => v.budgeted)).toEqual([900, 2500, 0]);
    const plan = { months: Array.from({ length: 12 }, (_, i) => ({ year: 2026, month: i + 2, consumption: 100 * (i + 1) })) };
    const p = okDashboard(dashboardFromImport(imp, 5000, { plan, budgets: { "2026-01": 900 } }));
    expect(p.variance).toEqual([
      { month: "January 2026", budgeted: 900, actual: 1000 },
      { month: "February 2026", budgeted: 100, actual: 2000, budgetIndex: 0 },
      { month: "March 2026", budgeted: 200, actual: 600, budgetIndex: 1 },
    ]);
  });

  test("a month the import lacks, or an import without AI rows, is an error", () => {
    expect(dashboardFromImport(ok(three), 5000, { month: "2025-12" })).toMatchObject({ message: "The import has no rows in December 2025." });
    const none = ok("Date,Feature,Quantity\n2026-03-02,IVR,5\n");
    expect(none.rowsUsed).toBe(0);
    expect(dashboardFromImport(none, 5000)).toBeInstanceOf(InputError);
  });

  test("the aliases are documented data", () => {
    expect(COLUMN_ALIASES.quantity).toContain("usage quantity");
    expect(COLUMN_ALIASES.feature).toContain("part name");
    expect(COLUMN_ALIASES.date).toContain("start date");
  });
});
