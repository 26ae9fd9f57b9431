/*
 * Importing a usage export into the Usage dashboard tab: the fixtures fill the actuals; files that
 * cannot be read, or hold no AI-token row, leave the form exactly as it was (deep-equal before and
 * after); hostile text reaches the report only cleaned and cut short.
 */
import { readFileSync } from "fs";
import { resolve } from "path";
import { MARCH_2026 } from "../../src/core/dashboard-presets";
import {
  applyDashboardPreset,
  CUSTOM_PRESET,
  editDashboardField,
  initialDashboardForm,
  parseDashboardForm,
  type DashboardFormValues,
  type LinkedBudget,
} from "../../src/taskpane/dashboard-form";
import {
  fileProblem,
  fillFromImport,
  HELD_PASTE_CHARS,
  heldPasteSummary,
  holdsPaste,
  importIntoForm,
  importReport,
  MAX_IMPORT_BYTES,
  mergeVariance,
  pastedProblem,
  pastedRows,
  type ImportOutcome,
} from "../../src/taskpane/dashboard-import";
import { dashboardView } from "../../src/taskpane/dashboard-view";
import { PREVIEW_COLUMNS } from "../../src/taskpane/import-run";

const fixture = (name: string): string => readFileSync(resolve(__dirname, "../fixtures/usage", name), "utf8");
const REPORT = "genesys-usage-report-march-2026.csv";
const API = "billable-usage-api-2026-03.json";
const SEMICOLON = "usage-semicolon-day-first.csv";

/** A form the analyst has worked on: a custom allocation and a budget for March. */
const worked = (): DashboardFormValues => editDashboardField(editDashboardField(initialDashboardForm(), "allocation", "60000"), "variance.2.budgeted", "22000");

const filled = (o: ImportOutcome): Extract<ImportOutcome, { kind: "filled" }> => {
  if (o.kind !== "filled") throw new Error(`not filled: ${o.message}`);
  return o;
};

describe("the fixtures fill the dashboard's actuals", () => {
  test.each([REPORT])("%s: the notes' March 2026 figures", (name) => {
    const o = filled(importIntoForm(applyDashboardPreset(initialDashboardForm(), CUSTOM_PRESET), fixture(name)));
    const { dashboard, problems } = parseDashboardForm(o.form);
    expect(problems).toEqual([]);
    expect(dashboard.features).toEqual(MARCH_2026.features);
    expect(dashboard).toMatchObject({ period: "March 2026", allocation: 50000, daysElapsed: 31, daysInPeriod: 31 });
    expect(o.form.preset).toBe(CUSTOM_PRESET);
    expect(o.months).toEqual([{ value: "2026-03", label: "March 2026" }]);
    expect(o.message).toBe("Imported March 2026 into the dashboard.");
    const p = dashboardView(o.form).preview;
    expect(p).toMatchObject({ consumed: "19,810", remaining: "30,190", utilisation: "39.6%", health: "GREEN" });
  });

  test("the usage report: rows used, rows skipped and why", () => {
    const o = filled(importIntoForm(initialDashboardForm(), fixture(REPORT)));
    expect(o.report).toEqual({
      headline: "132 rows used, 20 skipped.",
      details: [
        'Columns read: date "Date", feature "Resource", quantity "Quantity", unit "Unit of Measure" (header on line 1).',
        "19,810 tokens from 2026-03-01 to 2026-03-31.",
      ],
      skipped: ['20 not an AI Experience token row: lines 4, 5, 6, 7, 37 and 15 more (e.g. "Data Storage Overage").'],
      warnings: [],
      tokenRows: [],
    });
  });

  test("the billable-usage API report (JSON): one All AI features line, no weeks, said in the report", () => {
    const o = filled(importIntoForm(applyDashboardPreset(initialDashboardForm(), CUSTOM_PRESET), fixture(API)));
    expect(o.warned).toBe(false);
    expect(o.report.headline).toBe("1 row used, 2 skipped.");
    expect(o.report.details).toEqual([
      'Columns read: date "startDate", feature "usages[].name", quantity "usages[].totalUsage" (JSON).',
      "The export gives AI Experience tokens without a feature: one line, All AI features; no shares by feature.",
      "19,810 tokens from 2026-03-01 to 2026-03-31.",
    ]);
    const { dashboard } = parseDashboardForm(o.form);
    expect(dashboard.features).toEqual([{ feature: "all", tokens: 19810 }]);
    expect(dashboard.weekly).toEqual([]);
    expect(dashboardView(o.form).preview).toMatchObject({ consumed: "19,810", remaining: "30,190" });
  });

  test("unknown headers ask for the mapping, with the header and first rows; a remembered mapping reads them at once", () => {
    const csv = fixture("unknown-headers-2026-03.csv");
    const before = worked();
    const asked = importIntoForm(before, csv);
    if (asked.kind !== "needs-mapping") throw new Error(asked.kind);
    expect(asked.form).toBe(before);
    expect(asked.preview.header).toEqual(["Usage day", "Meter", "Consumed", "Site"]);
    const mapping = { date: "Usage day", quantity: "Consumed", tokenRows: { column: "Meter", values: ["AI Experience Tokens"] } };
    const seen: string[] = [];
    const o = filled(
      importIntoForm(before, csv, undefined, null, { recall: (sig) => (seen.push(sig), sig === asked.preview.signature ? mapping : undefined) }),
    );
    expect(seen).toEqual(["usageday|meter|consumed|site"]);
    expect(o.form.features.all).toBe("600");
    // A mapping that does not fit the file asks again, saying why.
    const wrong = importIntoForm(before, csv, undefined, null, { mapping: { date: "Day", quantity: "Consumed" } });
    expect(wrong).toMatchObject({
      kind: "needs-mapping",
      message: 'Nothing was imported yet: The date column "Day" of the mapping is not in the header. Pick the columns below.',
    });
  });

  test("rows without dates ask for the month; given, they fill it", () => {
    const csv = "Meter,Tokens\nAI Experience Tokens,2731\n";
    const mapping = { feature: "Meter", quantity: "Tokens" };
    expect(importIntoForm(initialDashboardForm(), csv, undefined, null, { mapping })).toMatchObject({ kind: "needs-month" });
    const o = filled(importIntoForm(initialDashboardForm(), csv, undefined, null, { mapping, month: " 2026-03 " }));
    expect(o.form.period).toBe("March 2026");
    expect(o.form.features.all).toBe("2731");
  });

  test("skipped token rows: warned, each listed with its reason", () => {
    const csv = "Date,Resource,Quantity\n2026-03-02,Agent Copilot,lots\n2026-03-02,Virtual Agent,400\n";
    const o = filled(importIntoForm(initialDashboardForm(), csv));
    expect(o.warned).toBe(true);
    expect(o.message).toBe("Imported March 2026 into the dashboard. 1 AI-token row was skipped, so the actuals miss it: see below.");
    expect(o.report.tokenRows).toEqual(['Line 2 (Agent Copilot): quantity missing or not a number ("lots").']);
    expect(o.report.warnings).toEqual([]);
  });

  test("a semicolon file with day-first dates and decimal commas", () => {
    const o = filled(importIntoForm(initialDashboardForm(), fixture(SEMICOLON)));
    expect(o.report.headline).toBe("3 rows used, 1 skipped.");
    expect(o.report.skipped).toEqual(['1 not an AI Experience token row: line 5 (e.g. "Telephony").']);
    expect(parseDashboardForm(o.form).dashboard).toMatchObject({
      features: [
        { feature: "copilot", tokens: 1234.5 },
        { feature: "voicebot", tokens: 100 },
        { feature: "virtualagent", tokens: 2.5 },
      ],
      weekly: [1234.5, 0, 100],
      daysElapsed: 25,
      daysInPeriod: 31,
    });
  });

  test("what the analyst typed stays: allocation, card, budgets and the other months of the review", () => {
    const before = worked();
    const o = filled(importIntoForm(before, fixture(REPORT)));
    expect(o.form.allocation).toBe("60000");
    expect(o.form.card).toBe(before.card);
    expect(o.form.variance).toEqual([
      { month: "January 2026", budgeted: "20000", actual: "18940" },
      { month: "February 2026", budgeted: "19000", actual: "19415" },
      { month: "March 2026", budgeted: "22000", actual: "19810" },
    ]);
  });

  test("a month new to the review is added with its budget left to type", () => {
    const text = fixture(REPORT).replace(/2026-03-/g, "2026-04-");
    const o = filled(importIntoForm(initialDashboardForm(), text));
    expect(o.form.variance.map((r) => [r.month, r.budgeted, r.actual])).toEqual([
      ["January 2026", "20000", "18940"],
      ["February 2026", "19000", "19415"],
      ["March 2026", "21000", "19810"],
      ["April 2026", "", "19125"], // April has no 31st: those rows are skipped as bad dates
    ]);
    expect(o.form.daysInPeriod).toBe("30");
    // The rows of 31 April are token rows that could not be read: a warning, never a plain success.
    expect(o.warned).toBe(true);
    expect(o.message).toBe(
      "Imported April 2026 into the dashboard. 4 AI-token rows were skipped, so the actuals miss them: see below. Type the budget of 1 month in the table below (or insert an annual budget first).",
    );
    expect(parseDashboardForm(o.form).problems).toEqual([{ field: "variance.3.budgeted", message: "Budgeted tokens is required." }]);
    // With the budget sheet of this session, that month reads its budget from it: nothing to type.
    const budget: LinkedBudget = {
      sheetName: "Annual Budget",
      plan: { months: Array.from({ length: 12 }, (_, i) => ({ year: 2026, month: i + 1, consumption: 21000 })) },
    };
    const linked = filled(importIntoForm(initialDashboardForm(), text, undefined, budget));
    expect(linked.message).toBe("Imported April 2026 into the dashboard. 4 AI-token rows were skipped, so the actuals miss them: see below.");
    expect(parseDashboardForm(linked.form, budget).problems).toEqual([]);
  });

  test("several months: the latest is shown, another can be picked", () => {
    const text =
      fixture(REPORT) +
      fixture(REPORT)
        .split(/\r?\n/)
        .slice(1)
        .join("\n")
        .replace(/2026-03-/g, "2026-02-")
        .replace(/"2026-02-(29|30|31)"/g, '"2026-02-28"');
    const o = filled(importIntoForm(initialDashboardForm(), text));
    expect(o.months.map((m) => m.value)).toEqual(["2026-02", "2026-03"]);
    expect(o.month).toBe("2026-03");
    expect(o.message).toBe("Imported March 2026 into the dashboard. The file covers 2 months: pick another below.");
    const feb = fillFromImport(o.form, o.imported, "2026-02");
    expect([feb.period, feb.daysInPeriod]).toEqual(["February 2026", "28"]);
    expect(feb.variance.map((r) => r.actual)).toEqual(["18940", "19810", "19810"]);
    expect(filled(importIntoForm(initialDashboardForm(), text, "2026-02")).month).toBe("2026-02");
  });
});

describe("a file that cannot be used changes nothing", () => {
  const cases: [string, string, RegExp][] = [
    ["empty", "", /^Nothing was imported: The file is empty\. The dashboard is unchanged\.$/],
    ["only spaces", " \r\n \n", /The file is empty/],
    ["a spreadsheet's bytes", "PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000".repeat(50), /does not look like text/],
    ["a header but no rows", "Date,Resource,Quantity\n\n", /has a header \(line 1\) but no data rows/],
    ["a quote that never closes", 'Date,Resource,Quantity\n2026-03-01,"Agent Copilot,5\n', /quote/i],
  ];

  test.each(cases)("%s: a clear message, the form deep-equal before and after", (_name, text, message) => {
    const form = worked();
    const before = structuredClone(form);
    const o = importIntoForm(form, text);
    expect(o.kind).toBe("error");
    expect(o.message).toMatch(message);
    expect(o.form).toBe(form);
    expect(form).toEqual(before);
  });

  test("no header: the mapping step is asked for, with the message; the form deep-equal before and after", () => {
    const form = worked();
    const before = structuredClone(form);
    const o = importIntoForm(form, "hello,world\n1,2\n");
    expect(o.kind).toBe("needs-mapping");
    expect(o.message).toMatch(/^Nothing was imported yet: No header with a date, a feature and a quantity column/);
    expect(o.form).toBe(form);
    expect(form).toEqual(before);
  });

  test("a file without any AI-token row: the report says why, the form is untouched", () => {
    const form = worked();
    const before = structuredClone(form);
    const o = importIntoForm(form, "Date,Resource,Quantity,Unit of Measure\n2026-03-01,Data Storage,12,GB\n2026-03-02,Voice Minutes,400,Minutes\n");
    expect(o.kind).toBe("empty");
    expect(o.message).toBe("Nothing was imported: the file has no AI Experience token rows. The dashboard is unchanged.");
    if (o.kind !== "empty") throw new Error("unreachable");
    expect(o.report.headline).toBe("0 rows used, 2 skipped.");
    expect(o.report.skipped).toEqual(['2 not an AI Experience token row: lines 2, 3 (e.g. "Data Storage").']);
    expect(o.form).toBe(form);
    expect(form).toEqual(before);
  });

  test("files too large, empty or a spreadsheet are refused before they are read", () => {
    expect(fileProblem({ name: "usage.csv", size: MAX_IMPORT_BYTES + 1 })).toBe(
      "The file is 20.0 MB; at most 20.0 MB can be imported. Export a shorter period, or only the AI Experience token rows.",
    );
    expect(fileProblem({ name: "usage.csv", size: 45 * 1024 * 1024 })).toMatch(/^The file is 45\.0 MB;/);
    expect(fileProblem({ name: "usage.csv", size: 0 })).toBe("The file is empty.");
    expect(fileProblem({ name: "Usage.XLSX", size: 5000 })).toBe("This is a spreadsheet, not a CSV file: save it as CSV (UTF-8) and import that.");
    expect(fileProblem({ name: "usage.csv", size: MAX_IMPORT_BYTES })).toBeUndefined();
  });

  test("pasted text: nothing, or too much", () => {
    expect(pastedProblem("  \n")).toBe("Paste the rows of a usage export first, with its header line.");
    expect(pastedProblem("x".repeat(MAX_IMPORT_BYTES + 1))).toBe(
      "The pasted text has 20,971,521 characters; at most 20,971,520 can be imported. Export a shorter period, or only the AI Experience token rows.",
    );
    expect(pastedProblem(fixture(SEMICOLON))).toBeUndefined();
  });

  test("a header of 200,000 columns asks for a mapping of its first 100, said in the message, with a light preview", () => {
    const columns = 200_000;
    const header = Array.from({ length: columns }, (_, i) => `col${i}`).join(",");
    const row = Array.from({ length: columns }, (_, i) => String(i)).join(",");
    const o = importIntoForm(worked(), `${header}\n${row}\n${row}\n`);
    if (o.kind !== "needs-mapping") throw new Error(`expected a mapping step, got ${o.kind}`);
    expect(o.message).toContain(" The file has 200,000 columns: the first 100 are offered. Pick the columns below.");
    expect(o.preview.header).toHaveLength(PREVIEW_COLUMNS);
    expect(o.preview.header[PREVIEW_COLUMNS - 1]).toBe(`col${PREVIEW_COLUMNS - 1}`);
    expect(o.preview.rows.every((r) => r.length === PREVIEW_COLUMNS)).toBe(true);
    expect(o.preview.values).toHaveLength(PREVIEW_COLUMNS);
    // Too long to remember (import-mapping.ts remembers signatures up to 2,000 characters), and cut so.
    expect(o.preview.signature.length).toBe(2001);
    expect(JSON.stringify(o.preview).length).toBeLessThan(30_000);
    expect(o.form).toEqual(worked());
  });

  test("a large paste is held for the import and summed up in one line; a short one goes in the box", () => {
    expect(holdsPaste("Date,Quantity\n2026-03-01,5")).toBe(false);
    expect(holdsPaste("x".repeat(HELD_PASTE_CHARS - 1))).toBe(false);
    expect(holdsPaste("x".repeat(HELD_PASTE_CHARS))).toBe(true);
    // Data rows: non-blank lines after the header, whatever the line ends.
    expect(pastedRows("Date,Quantity\r\n2026-03-01,5\r\n\r\n  \r\n2026-03-02,6\r\n")).toBe(2);
    expect(pastedRows("Date,Quantity\n2026-03-01,5")).toBe(1);
    expect(pastedRows("Date,Quantity")).toBe(0);
    expect(pastedRows("")).toBe(0);
    expect(pastedRows(fixture(REPORT))).toBe(
      fixture(REPORT)
        .split(/\r?\n/)
        .filter((l) => l.trim() !== "").length - 1,
    );
    expect(heldPasteSummary(200_000, 12_345_678)).toBe("Pasted 200,000 rows after the header, 12.3 MB: ready to import (not shown in the box).");
    expect(heldPasteSummary(1, 40)).toBe("Pasted 1 row after the header, 0.0 MB: ready to import (not shown in the box).");
  });
});

describe("hostile text", () => {
  test("formula-looking names and very long strings reach the report cleaned and cut short", () => {
    const long = "A".repeat(100_000);
    const text = [
      "Date,Resource,Quantity,Unit of Measure",
      '2026-03-01,"=HYPERLINK(""http://evil.example"",""click"")",5,GB',
      `2026-03-02,${long},5,GB`,
      "2026-03-03,Agent Copilot,=1+1,Tokens",
      `2026-03-04,Agent Copilot,100,Tokens`,
      `${long},Agent Copilot,7,Tokens`,
    ].join("\n");
    const form = worked();
    const o = filled(importIntoForm(form, text));
    const all = [o.report.headline, ...o.report.details, ...o.report.skipped, o.message].join("\n");
    expect(all.length).toBeLessThan(1000);
    expect(o.report.skipped).toEqual([
      '2 not an AI Experience token row: lines 2, 3 (e.g. "=HYPERLINK("http://evil.example","click"… (41 characters)").',
      '1 date missing or not a date: line 6 (e.g. "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA… (100,000 characters)").',
      '1 quantity missing or not a number: line 4 (e.g. "=1+1").',
    ]);
    // The form holds figures and the card's feature ids only: no text of the file.
    expect(o.form.features).toEqual({ copilot: "100" });
    expect(o.form.period).toBe("March 2026");
    expect(JSON.stringify(o.form)).not.toMatch(/HYPERLINK|AAAA/);
  });

  test("column names from the file are cut short too", () => {
    const name = `Quantity${"x".repeat(5000)}`;
    const imp = importIntoForm(initialDashboardForm(), `Date,Resource,Quantity,${name}\n2026-03-01,Agent Copilot,5,1\n`);
    const details = filled(imp).report.details.join(" ");
    expect(details.length).toBeLessThan(400);
    expect(details).toMatch(/5,008 characters/);
  });
});

describe("a huge export", () => {
  test("100,000 rows import in well under the time a click allows", () => {
    const lines = ["Date,Resource,Quantity,Unit of Measure"];
    for (let i = 0; i < 100_000; i++)
      lines.push(`2026-03-${String((i % 31) + 1).padStart(2, "0")},${i % 3 === 0 ? "Data Storage" : "Agent Copilot"},1,${i % 3 === 0 ? "GB" : "Tokens"}`);
    const text = lines.join("\n");
    const started = Date.now();
    const o = filled(importIntoForm(initialDashboardForm(), text));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(o.report.headline).toBe("66,666 rows used, 33,334 skipped.");
    expect(o.report.skipped[0]).toMatch(/^33,334 not an AI Experience token row: lines 2, 5, 8, 11, 14 and 33,329 more/);
    expect(o.form.features).toEqual({ copilot: "66666" });
  });
});

describe("the report's words", () => {
  test("merging the review keeps rows the file does not cover, in month order", () => {
    expect(
      mergeVariance(
        [
          { month: "March 2026", budgeted: "1", actual: "2" },
          { month: "January 2026", budgeted: "3", actual: "4" },
        ],
        [{ month: "February 2026", actual: 9 }],
      ).map((r) => r.month),
    ).toEqual(["January 2026", "February 2026", "March 2026"]);
  });

  test("one row, one line", () => {
    const o = filled(importIntoForm(initialDashboardForm(), "Date,Resource,Quantity\n2026-03-01,Agent Copilot,5\n"));
    expect(o.report.headline).toBe("1 row used, 0 skipped.");
    expect(importReport(o.imported).skipped).toEqual([]);
  });
});
