/**
 * The sheets as a new user prints them: every preset, an extreme plan (published card, EUR,
 * 20,000 concurrent users, twenty times the enterprise volumes), a plan at the input gate's
 * maxima (every figure as large as the gate accepts, NZ$), and that plan's figures in the columns
 * of the presets' sheets (as when an analyst types the gate's maxima into a sheet built for a
 * realistic plan: columns laid out for up to 999,999,999, figures far beyond it) written to .xlsx on
 * A4 and on Letter paper, printed to PDF by LibreOffice headless, then read with pdftotext and pdfinfo:
 *
 * - page counts within the targets: calculator 2 (the whole estimate on page 1), budget 3, dashboard 2;
 * - no "###" anywhere (a number too wide for its column): a figure wider than its column shrinks to
 *   fit, and for the gate-maximum plans every figure's digits are printed whole;
 * - every text cell that does not wrap printed whole, not cut off by the next cell;
 * - the budget's month header on one line with its label: no month printed apart from the labels;
 * - the charts drawn: their titles and axis text in the PDF.
 *
 * Without LibreOffice or poppler-utils the suite is skipped with a warning, except in CI, where it fails.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUDGET_PRESETS, CALCULATOR_PRESETS, DASHBOARD_PRESETS, planFromProfile, type Profile, type UsageDashboard } from "../../src/core";
import { buildBudgetSheet, BUDGET_SHEET_NAME } from "../../src/sheets/budget";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { buildDashboardSheet, DASHBOARD_SHEET_NAME } from "../../src/sheets/dashboard";
import { cellsOf, type SheetModel } from "../../src/sheets/model";
import { writeWorkbook, type PaperSize } from "../../src/xlsx/write-workbook";
import { GATE_MAXIMUM, GATE_MAXIMUM_DASHBOARD, GATE_MAXIMUM_PLAN } from "../fixtures/gate-maximum";
import { findSoffice, printWithLibreOffice } from "./libreoffice";

const soffice = findSoffice();
const hasPoppler = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const canPrint = soffice !== undefined && hasPoppler;
if (!canPrint && !process.env.CI) {
  console.warn(
    "LibreOffice (soffice) or pdftotext is not installed: the print tests are skipped. Install libreoffice-calc-nogui and poppler-utils to run them.",
  );
}

test("LibreOffice and pdftotext are available where they must be (CI)", () => {
  if (process.env.CI) expect(canPrint).toBe(true);
});

/** Most pages each kind of sheet may take. */
const PAGE_TARGETS: Readonly<Record<string, number>> = { [CALCULATOR_SHEET_NAME]: 2, [BUDGET_SHEET_NAME]: 3, [DASHBOARD_SHEET_NAME]: 2 };

const enterprise = CALCULATOR_PRESETS.find((p) => p.id === "enterprise")!.profile;
/** The extreme: the published card, EUR, 20,000 concurrent users and twenty times the enterprise volumes. */
const EXTREME: Profile = {
  ...enterprise,
  name: "Extreme: 20,000 concurrent users",
  card: "genesys-published",
  licence: "concurrent",
  users: 20_000,
  currency: "EUR",
  pricePerToken: 0.8,
  volumes: Object.fromEntries(Object.entries(enterprise.volumes).map(([k, v]) => [k, v * 20])) as unknown as Profile["volumes"],
  tokensPerUser: {},
};
const march = DASHBOARD_PRESETS.find((p) => p.id === "march-2026")!.dashboard;
const EXTREME_DASHBOARD: UsageDashboard = {
  ...march,
  period: "March 2026 (extreme)",
  allocation: march.allocation * 1000,
  features: march.features.map((f) => ({ ...f, tokens: f.tokens === null ? null : f.tokens * 1000 })),
  weekly: march.weekly.map((w) => (w === null ? null : w * 1000)),
};

const WORKBOOKS: readonly { id: string; models: () => SheetModel[] }[] = [
  ...CALCULATOR_PRESETS.map((p) => ({ id: p.id, models: () => [buildCalculatorSheet(p.profile)] })),
  ...BUDGET_PRESETS.map((p) => ({ id: p.id, models: () => [buildBudgetSheet(p.plan)] })),
  ...DASHBOARD_PRESETS.map((p) => ({ id: p.id, models: () => [buildDashboardSheet(p.dashboard)] })),
  {
    id: "extreme",
    models: () => [
      buildCalculatorSheet(EXTREME),
      buildBudgetSheet(planFromProfile(EXTREME, { startMonth: 1, startYear: 2027 })),
      buildDashboardSheet(EXTREME_DASHBOARD),
    ],
  },
  {
    id: "gate-maximum",
    models: () => [buildCalculatorSheet(GATE_MAXIMUM), buildBudgetSheet(GATE_MAXIMUM_PLAN), buildDashboardSheet(GATE_MAXIMUM_DASHBOARD)],
  },
  {
    // The same figures, in the columns the presets' sheets were laid out with: figures shrink to fit.
    id: "gate-maximum-typed-in",
    models: () => [
      { ...buildCalculatorSheet(GATE_MAXIMUM), columns: buildCalculatorSheet(enterprise).columns },
      { ...buildBudgetSheet(GATE_MAXIMUM_PLAN), columns: buildBudgetSheet(BUDGET_PRESETS.find((p) => p.id === "growth")!.plan).columns },
      { ...buildDashboardSheet(GATE_MAXIMUM_DASHBOARD), columns: buildDashboardSheet(march).columns },
    ],
  },
];
const PAPERS: readonly PaperSize[] = ["A4", "Letter"];

interface Printed {
  readonly id: string;
  readonly paper: PaperSize;
  readonly models: SheetModel[];
  /** The text of each page, in order. */
  readonly pages: string[];
  readonly pageSize: string;
}

const printed: Printed[] = [];
let dir: string;

beforeAll(async () => {
  if (!canPrint) return;
  dir = mkdtempSync(join(tmpdir(), "print-"));
  const files: { file: string; id: string; paper: PaperSize; models: SheetModel[] }[] = [];
  for (const w of WORKBOOKS) {
    for (const paper of PAPERS) {
      const models = w.models();
      const file = join(dir, `${w.id}-${paper}.xlsx`);
      writeFileSync(file, await writeWorkbook(models, { paper, created: new Date("2026-11-27T10:00:00Z") }));
      files.push({ file, id: w.id, paper, models });
    }
  }
  const pdfs = printWithLibreOffice(
    soffice!,
    files.map((f) => f.file),
    join(dir, "pdf"),
    dir,
  );
  files.forEach((f, i) => {
    const text = execFileSync("pdftotext", ["-layout", pdfs[i], "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const info = execFileSync("pdfinfo", [pdfs[i]], { encoding: "utf8" });
    const pages = text.split("\f").filter((p) => p.trim() !== "");
    printed.push({ id: f.id, paper: f.paper, models: f.models, pages, pageSize: /Page size:\s+(.*)/.exec(info)?.[1] ?? "" });
  });
}, 600_000);

afterAll(() => {
  if (dir && !process.env.KEEP_PRINT) rmSync(dir, { recursive: true, force: true });
});

const maybe = canPrint ? describe : describe.skip;
const cases = WORKBOOKS.flatMap((w) => PAPERS.map((paper) => [w.id, paper] as const));
const get = (id: string, paper: PaperSize) => printed.find((p) => p.id === id && p.paper === paper)!;
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** Grouped figures ("#,##0", '"NZ$"#,##0.00'): the decimals, or undefined for any other format. */
const groupedDecimals = (format: string): number | undefined => {
  const m = /^(?:"[^"]*")?#,##0(?:\.(0+))?$/.exec(format);
  return m ? (m[1]?.length ?? 0) : undefined;
};
/**
 * A figure's digits as LibreOffice prints them, grouped, without sign or symbol: in full below 2^53
 * (where every whole number is exact), beyond it 15 significant digits, then zeros.
 */
function printedDigits(value: number, decimals: number): string {
  const x = Math.abs(value);
  let whole: string;
  let fraction: string;
  if (x < 2 ** 53) [whole, fraction = ""] = x.toFixed(decimals).split(".");
  else {
    const [mantissa, exponent] = x.toExponential(14).split("e");
    const digits = mantissa.replace(".", "");
    whole = digits + "0".repeat(Number(exponent) - 14);
    fraction = "0".repeat(decimals);
  }
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return decimals > 0 ? `${grouped}.${fraction}` : grouped;
}
/** The sheet a page belongs to: its footer starts with the sheet's tab name. */
const sheetOf = (page: string, models: readonly SheetModel[]) => {
  const footer = page.trimEnd().split("\n").pop()!.trim();
  return models.find((m) => footer.startsWith(m.name))?.name;
};

maybe.each(cases)("%s printed on %s", (id, paper) => {
  test("the paper asked for, and every sheet within its page target", () => {
    const p = get(id, paper);
    // pdfinfo: "595.304 x 841.89 pts (A4)", "612 x 792 pts (letter)"; landscape swaps nothing in the name.
    expect(p.pageSize.toLowerCase()).toContain(paper === "A4" ? "a4" : "letter");
    for (const m of p.models) {
      const pages = p.pages.filter((page) => sheetOf(page, p.models) === m.name);
      expect(pages.length).toBeGreaterThan(0);
      expect({ sheet: m.name, pages: pages.length }).toEqual({ sheet: m.name, pages: Math.min(pages.length, PAGE_TARGETS[m.name]) });
    }
  });

  test("no ### anywhere: every figure fits its column", () => {
    const p = get(id, paper);
    p.pages.forEach((page, i) => expect({ page: i + 1, hashes: page.includes("###") }).toEqual({ page: i + 1, hashes: false }));
  });

  test("every grouped figure of a gate-maximum plan is printed with all its digits", () => {
    if (!id.startsWith("gate-maximum")) return;
    const p = get(id, paper);
    const printedNumbers = new Set(p.pages.join("\n").match(/\d[\d,]*(?:\.\d+)?/g) ?? []);
    const missing: string[] = [];
    let checked = 0;
    for (const m of p.models) {
      for (const { row, col, cell } of cellsOf(m)) {
        const v = cell.formula !== undefined ? cell.result : cell.value;
        const decimals = cell.format === undefined ? undefined : groupedDecimals(cell.format);
        if (typeof v !== "number" || decimals === undefined) continue;
        checked++;
        const digits = printedDigits(v, decimals);
        if (!printedNumbers.has(digits)) missing.push(`${m.name} ${row},${col}: ${digits}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  test("every text cell that does not wrap is printed whole", () => {
    const p = get(id, paper);
    const whole = squash(p.pages.join(" "));
    const cut: string[] = [];
    for (const m of p.models) {
      for (const { cell } of cellsOf(m)) {
        const text = typeof cell.value === "string" && cell.formula === undefined ? cell.value : typeof cell.result === "string" ? cell.result : undefined;
        if (text === undefined || cell.wrap || text.trim() === "") continue;
        if (!whole.includes(squash(text))) cut.push(`${m.name}: ${text}`);
      }
    }
    expect(cut).toEqual([]);
  });

  test("the calculator's first page holds the whole estimate, lines to advice", () => {
    const p = get(id, paper);
    const calculator = p.models.find((m) => m.name === CALCULATOR_SHEET_NAME);
    if (!calculator) return;
    const first = p.pages.find((page) => sheetOf(page, p.models) === CALCULATOR_SHEET_NAME)!;
    for (const label of [
      "TOTAL monthly consumption",
      "Monthly allocation",
      "Monthly overage",
      "Annual overage cost",
      "Utilisation",
      "Health status",
      "Advice",
    ]) {
      expect(first).toContain(label);
    }
  });

  test("the budget's months print on one line with their label, and its chart is drawn", () => {
    const p = get(id, paper);
    const budget = p.models.find((m) => m.name === BUDGET_SHEET_NAME);
    if (!budget) return;
    const pages = p.pages.filter((page) => sheetOf(page, p.models) === BUDGET_SHEET_NAME);
    const headers = pages.flatMap((page) => page.split("\n")).filter((line) => /^\s*Month\s+[A-Z][a-z]{2} \d{4}/.test(line));
    expect(headers.length).toBeGreaterThan(0);
    for (const line of headers) expect(line.match(/[A-Z][a-z]{2} \d{4}/g)).toHaveLength(12);
    const text = pages.join("\n");
    expect(text).toContain("Monthly consumption against allocation");
    expect(text).toMatch(/Forecast consumption\s+Allocation\s+Top-ups bought\s+Budget with buffers/); // the legend
  });

  test("the dashboard's charts are drawn: feature shares and the weekly trend", () => {
    const p = get(id, paper);
    const dashboard = p.models.find((m) => m.name === DASHBOARD_SHEET_NAME);
    if (!dashboard) return;
    const text = p.pages.filter((page) => sheetOf(page, p.models) === DASHBOARD_SHEET_NAME).join("\n");
    for (const chart of dashboard.charts) expect(text).toContain(chart.title);
  });
});
