/**
 * The financial-model look of the three generated sheets, on every preset and every card: inputs in
 * the Input style, workings plain (no Calculation style), key results in Output or Total;
 * percentages with one decimal and grouping; rates as the card states them with tokens per unit at
 * four decimals at most; and no cell address, internal id or camelCase word in any text an analyst
 * reads (labels, notes, formula texts, validation prompts, chart titles, the printed header).
 */
import {
  BUDGET_PRESETS,
  CALCULATOR_PRESETS,
  CARD_IDS,
  DASHBOARD_PRESETS,
  LICENCE_MODELS,
  planFromProfile,
  VOLUME_FEATURES,
  type AnnualPlan,
  type UsageDashboard,
} from "../../src/core";
import { parseA1, parseRange } from "../../src/sheets/a1";
import { buildBudget, type BudgetLayout } from "../../src/sheets/budget";
import { buildCalculator } from "../../src/sheets/calculator";
import { buildDashboard } from "../../src/sheets/dashboard";
import { PERCENT_FORMAT, RATE_FORMAT } from "../../src/sheets/formats";
import { cellsOf, type Cell, type SheetModel } from "../../src/sheets/model";
import type { RatesBlock } from "../../src/sheets/rates-block";
import { cardOf } from "./support";

/** Every cell of a model by "row,col". */
const cellMap = (model: SheetModel): Map<string, Cell> => {
  const m = new Map<string, Cell>();
  for (const { row, col, cell } of cellsOf(model)) m.set(`${row},${col}`, cell);
  return m;
};

/** The "row,col" keys of every cell of an A1 range ("C5", "C5:D9", "$C$5"). */
const keysOf = (range: string): string[] => {
  const r = parseRange(range.replace(/\$/g, ""));
  const keys: string[] = [];
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) keys.push(`${r.row + i},${r.col + j}`);
  return keys;
};
const keyOf = (ref: string): string => {
  const p = parseA1(ref.replace(/\$/g, ""));
  return `${p.row},${p.col}`;
};

interface Case {
  readonly what: string;
  readonly model: SheetModel;
  /** Defined names of inputs: each must be an Input cell. */
  readonly namedInputs: readonly string[];
  /** Defined names and cells of the key results: each must be an Output or Total cell. */
  readonly keyNames: readonly string[];
  readonly keyCells: readonly string[];
  readonly rates?: RatesBlock;
}

const calculatorCases = (): Case[] => {
  const profiles = [
    ...CALCULATOR_PRESETS.map((p) => ({ what: `calculator ${p.id}`, profile: p.profile })),
    ...CARD_IDS.map((card) => ({ what: `calculator on ${card}`, profile: { ...CALCULATOR_PRESETS[2].profile, card } })),
  ];
  return profiles.map(({ what, profile }) => {
    const { model, layout } = buildCalculator(profile);
    return {
      what,
      model,
      namedInputs: ["Users", "Licence", "WorkingDays", "RateLevel", "Currency"],
      keyNames: [
        "TotalTokens",
        "Allocation",
        "Overage",
        "MonthlyCost",
        "AnnualCost",
        "Utilization",
        "Health",
        "Advice",
        "TotalTokensLow",
        "TotalTokensExpected",
        "TotalTokensHigh",
        "AnnualCostLow",
        "AnnualCostExpected",
        "AnnualCostHigh",
      ],
      keyCells: Object.values(layout.range).flatMap((r) => [r.total, r.overage, r.monthlyCost, r.annualCost]),
      rates: layout.rates,
    };
  });
};

const budgetYearCells = (layout: BudgetLayout): string[] => [
  ...Object.values(layout.year),
  ...(layout.levels ? Object.values(layout.levels).flatMap((l) => [l.tokens, l.cost]) : []),
];

const budgetCases = (): Case[] => {
  const plans: { what: string; plan: AnnualPlan }[] = [
    ...BUDGET_PRESETS.map((p) => ({ what: `budget ${p.id}`, plan: p.plan })),
    ...CARD_IDS.map((card) => ({
      what: `budget on ${card}`,
      plan: planFromProfile(
        { ...CALCULATOR_PRESETS[2].profile, card },
        { startMonth: 4, startYear: 2026, goLive: { virtualagent: 4 }, initiatives: [{ name: "Chat pilot", tokensPerMonth: 5000, goLive: 6 }] },
      ),
    })),
  ];
  return plans.map(({ what, plan }) => {
    const { model, layout } = buildBudget(plan);
    const ranged = layout.levels
      ? ["AnnualTokensLow", "AnnualTokensExpected", "AnnualTokensHigh", "AnnualCostLow", "AnnualCostExpected", "AnnualCostHigh"]
      : [];
    return {
      what,
      model,
      namedInputs: [],
      keyNames: [
        "AnnualTokens",
        "AnnualAllocation",
        "AnnualTopUpTokens",
        "AnnualOverageTokens",
        "AnnualCost",
        "AnnualBudgetTokens",
        "AnnualBudgetCost",
        "PeakMonth",
        "PeakTokens",
        "MonthsOverAllocation",
        "MonthlyTokens",
        ...ranged,
      ],
      keyCells: [...budgetYearCells(layout), ...layout.months.overage, ...layout.months.cost],
      rates: layout.rates,
    };
  });
};

const dashboardCases = (): Case[] => {
  const dashboards: { what: string; d: UsageDashboard; linked?: boolean }[] = [
    ...DASHBOARD_PRESETS.map((p) => ({ what: `dashboard ${p.id}`, d: p.dashboard })),
    {
      what: "dashboard linked to a budget",
      d: { ...DASHBOARD_PRESETS[0].dashboard, variance: [{ month: "March 2026", budgeted: 3000, actual: 19810, budgetIndex: 2 }] },
      linked: true,
    },
  ];
  return dashboards.map(({ what, d, linked }) => {
    const { model, layout } = buildDashboard(d, linked ? { budgetSheetName: "Annual Budget" } : {});
    const total = layout.varianceTotal;
    return {
      what,
      model,
      namedInputs: [],
      keyNames: ["Consumed", "Remaining", "Utilization", "Health", "ProjectedMonthEnd"],
      keyCells: [
        layout.tokensAvailable,
        layout.available,
        layout.projectedUtilisation,
        layout.projectedOverage,
        layout.advice,
        ...(total ? [total.budgeted, total.actual, total.variance] : []),
      ],
    };
  });
};

const CASES: Case[] = [...calculatorCases(), ...budgetCases(), ...dashboardCases()];

describe.each(CASES.map((c) => [c.what, c] as const))("%s", (_what, c) => {
  const cells = cellMap(c.model);
  const names = new Map(c.model.names.map((n) => [n.name, n.ref]));

  test("no cell carries the Calculation style: workings are plain", () => {
    const orange = [...cellsOf(c.model)].filter((x) => x.cell.style === "calculation").map((x) => `${x.row},${x.col}`);
    expect(orange).toEqual([]);
  });

  test("every validated cell and every named input is an Input cell", () => {
    const notInput: string[] = [];
    for (const v of c.model.validations) for (const k of keysOf(v.range)) if (cells.get(k)?.style !== "input") notInput.push(`${v.range} at ${k}`);
    for (const name of c.namedInputs) {
      expect(names.has(name)).toBe(true);
      for (const k of keysOf(names.get(name)!)) if (cells.get(k)?.style !== "input") notInput.push(`${name} at ${k}`);
    }
    expect(notInput).toEqual([]);
    // And the other way round: an Input cell takes no formula.
    expect([...cellsOf(c.model)].filter((x) => x.cell.style === "input" && x.cell.formula !== undefined)).toEqual([]);
  });

  test("the key results are formulas in the Output or Total style", () => {
    const wrong: string[] = [];
    const check = (what: string, key: string) => {
      const cell = cells.get(key);
      if (!cell || cell.formula === undefined || (cell.style !== "output" && cell.style !== "total")) wrong.push(`${what} at ${key}: ${cell?.style}`);
    };
    for (const name of c.keyNames) {
      expect([name, names.has(name)]).toEqual([name, true]);
      for (const k of keysOf(names.get(name)!)) check(name, k);
    }
    for (const ref of c.keyCells) check(ref, keyOf(ref));
    expect(wrong).toEqual([]);
  });

  test("percentages show one decimal with grouping; no long fraction shows in the General format", () => {
    const wrong: string[] = [];
    for (const { row, col, cell } of cellsOf(c.model)) {
      if (cell.format?.includes("%") && cell.format !== PERCENT_FORMAT) wrong.push(`${row},${col}: ${cell.format}`);
      const v = cell.formula !== undefined ? cell.result : cell.value;
      // A fraction in the General format prints up to ten digits (0.0588235294): beyond four decimals it needs a format.
      if (typeof v === "number" && !cell.format && Math.abs(v * 1e4 - Math.round(v * 1e4)) > 1e-6) wrong.push(`${row},${col}: ${v} unformatted`);
    }
    expect(wrong).toEqual([]);
  });

  if (c.rates) {
    const rates = c.rates;
    test("rates read as the card states them (tokens per units) with tokens per unit at four decimals at most", () => {
      const card = cardOf(rates.card.id);
      for (const f of card.card.features) {
        const at = rates.features.get(f.id)!;
        const named = typeof f.tokens === "number" ? f.tokens : f.tokens.named;
        expect([f.id, cells.get(keyOf(at.tokens))?.value, cells.get(keyOf(at.per))?.value]).toEqual([f.id, named, f.per]);
        expect(cells.get(keyOf(at.perUnit))?.format).toBe(RATE_FORMAT);
      }
      // At most four decimals and never a trailing point: 1 per 17 prints 0.0588, 50 per 1 prints 50.0.
      expect(RATE_FORMAT).toMatch(/^#,##0\.0#{0,3}$/);
    });
  }

  test("no cell address, internal id or camelCase word in any text an analyst reads", () => {
    expect(analystTexts(c.model).length).toBeGreaterThan(30);
    expect(analystTextProblems(c.model)).toEqual([]);
  });
});

/** Ids of the code that are not English words: a feature id like "virtualagent" must never reach a label. */
const INTERNAL_IDS = new Set<string>([
  ...VOLUME_FEATURES.filter((f) => !/^(copilot|analytics|messaging|translate|scoring|summary)$/.test(f)),
  "columnLine",
  "pricePerToken",
  "tokensPerUser",
  "workingDays",
  "goLive",
  "bufferU",
  "bufferG",
]);
/** Words with capitals inside that are names, not code: product names and units as written by their owners. */
const PROPER_NAMES = new Set(["GenesysCloud", "CXone", "iOS", "PowerPoint", "LibreOffice", "JavaScript", "TypeScript"]);
const A1_REFERENCE = /(?<![\w.-])\$?[A-Z]{1,3}\$?[1-9]\d{0,6}(?::\$?[A-Z]{1,3}\$?[1-9]\d{0,6})?(?![\w.%-])/;
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z]*\b/g;

/** The texts of a model an analyst reads, each with where it stands. */
function analystTexts(model: SheetModel): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = [];
  for (const { row, col, cell } of cellsOf(model)) {
    const where = `${row},${col}`;
    if (typeof cell.value === "string" && cell.format !== "@") texts.push({ where, text: cell.value });
    if (typeof cell.result === "string") texts.push({ where, text: cell.result });
    if (cell.note) texts.push({ where: `${where} note`, text: cell.note });
    // Text a formula shows: its string literals.
    for (const m of cell.formula?.matchAll(/"((?:[^"]|"")*)"/g) ?? []) texts.push({ where: `${where} formula`, text: m[1] });
  }
  for (const v of model.validations) {
    if (v.prompt) texts.push({ where: `${v.range} prompt`, text: v.prompt });
    if (v.type === "list") texts.push({ where: `${v.range} list`, text: v.values.join(", ") });
  }
  for (const ch of model.charts) {
    texts.push({ where: "chart title", text: ch.title });
    for (const s of ch.series) texts.push({ where: "chart series", text: s.name });
  }
  for (const n of model.names) if (n.comment) texts.push({ where: `${n.name} comment`, text: n.comment });
  if (model.page) texts.push({ where: "page", text: `${model.page.title} ${model.page.detail}` });
  return texts;
}

/** The texts that show a cell address, an internal id or a camelCase word. */
function analystTextProblems(model: SheetModel): string[] {
  const problems: string[] = [];
  for (const { where, text } of analystTexts(model)) {
    const ref = A1_REFERENCE.exec(text);
    if (ref) problems.push(`${where}: cell address "${ref[0]}" in "${text}"`);
    for (const word of text.match(CAMEL_CASE) ?? []) if (!PROPER_NAMES.has(word)) problems.push(`${where}: "${word}" in "${text}"`);
    for (const word of text.split(/[^A-Za-z]+/)) if (INTERNAL_IDS.has(word)) problems.push(`${where}: id "${word}" in "${text}"`);
  }
  return problems;
}

describe("the text scan itself", () => {
  const sheet = (cell: Cell): SheetModel => ({
    name: "S",
    blocks: [{ at: "A1", rows: [[cell]] }],
    columns: [],
    merges: [],
    names: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
  });
  test.each([
    ["(columnLine): select E62:P62 and insert a chart", 3],
    ["see C14", 1],
    ["Tokens for virtualagent", 1],
    ["pricePerToken is blank", 2],
  ])("finds the jargon in %p", (text, n) => {
    expect(analystTextProblems(sheet({ value: text }))).toHaveLength(n);
  });
  test.each(["Licensed users", "Top-ups cost EUR 1,000 in Q-3", "40-80% is the good range", "Copilot seats", "1 per 17 units", "The notes' line 7"])(
    "lets plain English through: %p",
    (text) => {
      expect(analystTextProblems(sheet({ value: text, note: text }))).toEqual([]);
    },
  );
  test("reads notes, prompts and the words of formulas", () => {
    expect(
      analystTextProblems({
        ...sheet({ formula: '=IF(A1>0,"see B2","")', note: "from usersGrowth" }),
        validations: [{ range: "A1", type: "list", values: LICENCE_MODELS, prompt: "D4" }],
      }),
    ).toHaveLength(3);
  });
});
