/**
 * The written workbooks recalculated by a real spreadsheet engine, LibreOffice headless: every
 * formula is computed by LibreOffice (not read from the file's cached values) and must give the
 * core's figures, for the three presets and random plans on both cards.
 *
 * How we know LibreOffice computed them: the profile forces "always recalculate" on load, a canary
 * file ships deliberately wrong cached values that must come back corrected, and the random plans
 * are written with no cached values at all.
 *
 * Without LibreOffice the suite is skipped with a warning, except in CI (process.env.CI), where it fails.
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CALCULATOR_PRESETS, CARD_IDS, type Profile } from "../../src/core";
import { SheetBuilder } from "../../src/sheets/builder";
import { buildCalculator, CALCULATOR_SHEET_NAME, type CalculatorLayout } from "../../src/sheets/calculator";
import { a1 } from "../../src/sheets/a1";
import { cellsOf, type SheetModel } from "../../src/sheets/model";
import { writeWorkbook } from "../../src/xlsx/write-workbook";
import { WORKED_EXAMPLES } from "../fixtures/worked-examples";
import { coreFigures, profileArbitrary } from "../sheets/support";
import { findSoffice, recalculateWithLibreOffice } from "./libreoffice";
import { readBack, type ReadBack } from "./read-back";

const soffice = findSoffice();
const SHEET = CALCULATOR_SHEET_NAME;
const RANDOM_PLANS = 16;
const SEED = 20261127;

if (!soffice && !process.env.CI) {
  console.warn("LibreOffice (soffice) is not installed: the recalculation tests are skipped. Install libreoffice-calc-nogui to run them.");
}

test("LibreOffice is available where it must be (CI)", () => {
  if (process.env.CI) expect(soffice).toBeDefined();
});

/** A sheet of formulas that refer to the calculator's sheet-scoped names, as another sheet or person would. */
function nameCheckSheet(): SheetModel {
  const b = new SheetBuilder("Check");
  ["TotalTokens", "Allocation", "Overage", "AnnualCost", "Utilization"].forEach((name, i) => {
    b.put(i, 0, { value: name });
    b.put(i, 1, { formula: `='${SHEET}'!${name}` });
  });
  return b.build();
}

/** Functions newer than Excel 2007, which the writer stores with their _xlfn. prefix. */
function futureFunctionsSheet(): SheetModel {
  const b = new SheetBuilder("Future");
  b.at("A1", { value: "a" });
  b.at("B1", { formula: '=IFNA(MATCH("zz",A1:A3,0),-1)' });
  b.at("B2", { formula: "=CEILING.MATH(2.1)" });
  b.at("B3", { formula: "=IFNA('Token Calculator'!TotalTokens,0)" });
  return b.build();
}

/** A calculator model whose cached results are all wrong: LibreOffice must replace every one. */
function withWrongCache(model: SheetModel): SheetModel {
  return {
    ...model,
    blocks: model.blocks.map((block) => ({
      ...block,
      rows: block.rows.map((row) => row.map((cell) => (cell && cell.formula !== undefined ? { ...cell, result: typeof cell.result === "number" ? 987654321 : "stale" } : cell))),
    })),
  };
}

interface Case {
  readonly file: string;
  readonly profile: Profile;
  readonly model: SheetModel;
  readonly layout: CalculatorLayout;
}

const describeWithLibreOffice = soffice ? describe : describe.skip;

describeWithLibreOffice("LibreOffice recalculates the written workbooks", () => {
  let work: string;
  const cases: Case[] = [];
  const recalculated = new Map<string, ReadBack>();
  let seconds = 0;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "xlsx-libreoffice-"));
    const inputs: string[] = [];
    const add = async (file: string, profile: Profile, models: (m: SheetModel) => SheetModel[], options?: Parameters<typeof writeWorkbook>[1]) => {
      const { model, layout } = buildCalculator(profile);
      const path = join(work, file);
      writeFileSync(path, await writeWorkbook(models(model), options));
      inputs.push(path);
      cases.push({ file, profile, model, layout });
    };
    for (const p of CALCULATOR_PRESETS) {
      // As the command line writes it: cached values included.
      await add(`preset-${p.id}.xlsx`, p.profile, (m) => [m]);
    }
    await add("names.xlsx", CALCULATOR_PRESETS[1].profile, (m) => [m, nameCheckSheet()], { cachedResults: false });
    await add("canary.xlsx", CALCULATOR_PRESETS[0].profile, (m) => [withWrongCache(m)]);
    await add("future.xlsx", CALCULATOR_PRESETS[0].profile, (m) => [m, futureFunctionsSheet()], { cachedResults: false });
    const plans = fc.sample(profileArbitrary, { numRuns: RANDOM_PLANS, seed: SEED });
    // Both cards, whatever the sample drew.
    plans.forEach((p, i) => (plans[i] = { ...p, card: CARD_IDS[i % CARD_IDS.length] }));
    for (const [i, p] of plans.entries()) await add(`random-${i}.xlsx`, p, (m) => [m], { cachedResults: false });

    const started = Date.now();
    const outputs = recalculateWithLibreOffice(soffice!, inputs, join(work, "out"), work);
    seconds = (Date.now() - started) / 1000;
    for (const [i, out] of outputs.entries()) recalculated.set(cases[i].file, await readBack(readFileSync(out)));
  }, 240_000);

  afterAll(() => {
    console.log(`LibreOffice recalculated ${cases.length} workbooks in one run: ${seconds.toFixed(1)} s`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const figuresOf = (back: ReadBack, l: CalculatorLayout) => {
    const get = (ref: string) => back.raw(SHEET, ref).value;
    return {
      total: get(l.total),
      allocation: get(l.allocation),
      overage: get(l.overage),
      monthlyCost: get(l.monthlyCost),
      annualCost: get(l.annualCost),
      utilisation: get(l.utilisation),
      health: get(l.health),
      advice: get(l.advice),
      lines: l.lines.map((line) => get(line.tokens)),
      low: get(l.range.low.total),
      expected: get(l.range.mid.total),
      high: get(l.range.high.total),
    };
  };

  /** Numbers equal to 12 significant digits (LibreOffice and JavaScript may differ in the last bits); anything else exactly. */
  const close = (got: unknown, want: unknown): boolean =>
    typeof got === "number" && typeof want === "number" ? Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)) : Object.is(got, want);

  /** Every formula cell whose LibreOffice value differs from the core's (the model's result). */
  const mismatches = (back: ReadBack, model: SheetModel): string[] => {
    const out: string[] = [];
    for (const { row, col, cell } of cellsOf(model)) {
      if (cell.formula === undefined) continue;
      const got = back.raw(SHEET, a1(row, col));
      if (got.formula === undefined) out.push(`${a1(row, col)}: no formula after LibreOffice`);
      else if (!close(got.value, cell.result)) out.push(`${a1(row, col)} ${cell.formula}: LibreOffice ${JSON.stringify(got.value)}, core ${JSON.stringify(cell.result)}`);
    }
    return out;
  };

  test.each(WORKED_EXAMPLES.map((w) => [w.preset, w.total] as const))("preset %s: LibreOffice computes %d tokens and every other figure of the core", (id) => {
    const c = cases.find((x) => x.file === `preset-${id}.xlsx`)!;
    const back = recalculated.get(c.file)!;
    const example = WORKED_EXAMPLES.find((w) => w.preset === id)!;
    expect(figuresOf(back, c.layout)).toEqual(coreFigures(c.profile));
    expect(back.rawNamed(SHEET, "TotalTokens").value).toBe(example.total);
    expect(back.rawNamed(SHEET, "Allocation").value).toBe(example.allocation);
    expect(mismatches(back, c.model)).toEqual([]);
  });

  test("the canary's wrong cached values are all replaced: LibreOffice really recalculated", () => {
    const c = cases.find((x) => x.file === "canary.xlsx")!;
    const back = recalculated.get(c.file)!;
    expect(back.rawNamed(SHEET, "TotalTokens").value).toBe(4701);
    expect(mismatches(back, c.model)).toEqual([]);
  });

  test("another sheet reaches the calculator's results through its sheet-scoped names", () => {
    const back = recalculated.get("names.xlsx")!;
    const c = cases.find((x) => x.file === "names.xlsx")!;
    const figures = coreFigures(c.profile);
    const check = (row: number) => back.raw("Check", `B${row}`).value;
    expect([check(1), check(2), check(3), check(4)]).toEqual([figures.total, figures.allocation, figures.overage, figures.annualCost]);
    expect(check(5)).toBeCloseTo(figures.utilisation as number, 12);
    expect(back.names.filter((n) => n.name === "TotalTokens")).toEqual([{ name: "TotalTokens", localSheetId: 0, ref: `'${SHEET}'!${c.layout.total.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")}` }]);
  });

  test("functions stored with their _xlfn. prefix are computed", () => {
    const back = recalculated.get("future.xlsx")!;
    expect(["B1", "B2", "B3"].map((ref) => back.raw("Future", ref).value)).toEqual([-1, 3, 4701]);
  });

  test(`${RANDOM_PLANS} random plans on both cards, written without cached values: LibreOffice computes the core's figures`, () => {
    const random = cases.filter((c) => c.file.startsWith("random-"));
    expect(random).toHaveLength(RANDOM_PLANS);
    expect(new Set(random.map((c) => c.profile.card))).toEqual(new Set(CARD_IDS));
    for (const c of random) {
      const back = recalculated.get(c.file)!;
      const got = figuresOf(back, c.layout);
      const want = coreFigures(c.profile);
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        const g = got[key];
        const w = want[key];
        const same = Array.isArray(w) ? (g as unknown[]).every((x, i) => close(x, w[i])) : close(g, w);
        if (!same) throw new Error(`${c.file} (${JSON.stringify(c.profile)}): ${key} is ${JSON.stringify(g)} in LibreOffice, ${JSON.stringify(w)} in the core`);
      }
      expect(mismatches(back, c.model)).toEqual([]);
    }
  });
});
