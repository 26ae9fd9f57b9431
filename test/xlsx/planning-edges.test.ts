/**
 * Health and advice come from one table of planning rules, so they agree at its edges: exactly 80%
 * is GREEN with the good-range advice, exactly 100% AMBER with the monitor advice, just above 100%
 * RED with the top-up advice. Shown on the calculator sheet recalculated by a formula engine
 * (HyperFormula) and, written without cached values, by LibreOffice headless.
 *
 * Without LibreOffice the LibreOffice half is skipped with a warning, except in CI, where it fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BLANK_PROFILE, PLANNING_RULES, type Profile } from "../../src/core";
import { buildCalculator, CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import { writeWorkbook } from "../../src/xlsx/write-workbook";
import { evaluateExact } from "../sheets/support";
import { findSoffice, recalculateWithLibreOffice } from "./libreoffice";
import { readBack } from "./read-back";

const SHEET = CALCULATOR_SHEET_NAME;
const soffice = findSoffice();
if (!soffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the planning-edge recalculation is skipped.");

/** 100 named users on the study-notes card: 25,000 tokens allocated; Copilot seats at 50 tokens each set the utilisation. */
const atSeats = (copilot: number): Profile => ({
  ...BLANK_PROFILE,
  name: `${copilot} Copilot seats`,
  users: 100,
  volumes: { ...BLANK_PROFILE.volumes, copilot },
});

const EDGES = [
  { seats: 400, utilisation: 0.8, band: 1, status: "GREEN" },
  { seats: 401, utilisation: 0.802, band: 2, status: "AMBER" },
  { seats: 500, utilisation: 1, band: 2, status: "AMBER" },
  { seats: 501, utilisation: 1.002, band: 3, status: "RED" },
] as const;

test("the edges are where the table says: 80% and 100% are the ceilings of GREEN and AMBER", () => {
  expect(PLANNING_RULES.map((b) => [b.upTo, b.status])).toEqual([
    [0.4, "GREEN"],
    [0.8, "GREEN"],
    [1, "AMBER"],
    [Infinity, "RED"],
  ]);
});

describe.each(EDGES)("$seats seats, utilisation $utilisation", ({ seats, utilisation, band, status }) => {
  test("HyperFormula: the health status and the advice of the same band", () => {
    const { model } = buildCalculator(atSeats(seats));
    const wb = evaluateExact(model);
    expect(wb.name(SHEET, "Utilization")).toBeCloseTo(utilisation, 12);
    expect([wb.name(SHEET, "Health"), wb.name(SHEET, "Advice")]).toEqual([status, PLANNING_RULES[band].advice]);
  });
});

(soffice ? describe : describe.skip)("LibreOffice recalculates the same at the edges", () => {
  let work: string;
  let figures: { health: unknown; advice: unknown; utilisation: unknown }[];
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "edges-"));
    const files = [];
    for (const e of EDGES) {
      const file = join(work, `edge-${e.seats}.xlsx`);
      writeFileSync(file, await writeWorkbook([buildCalculator(atSeats(e.seats)).model], { cachedResults: false }));
      files.push(file);
    }
    const outputs = recalculateWithLibreOffice(soffice!, files, join(work, "out"), work);
    figures = [];
    for (const out of outputs) {
      const back = await readBack(readFileSync(out));
      figures.push({
        health: back.rawNamed(SHEET, "Health").value,
        advice: back.rawNamed(SHEET, "Advice").value,
        utilisation: back.rawNamed(SHEET, "Utilization").value,
      });
    }
  }, 300_000);
  afterAll(() => work && rmSync(work, { recursive: true, force: true }));

  test.each(EDGES.map((e, i) => [e.seats, i] as const))("%s seats", (_, i) => {
    const e = EDGES[i];
    expect(figures[i].utilisation as number).toBeCloseTo(e.utilisation, 12);
    expect([figures[i].health, figures[i].advice]).toEqual([e.status, PLANNING_RULES[e.band].advice]);
  });
});

test("LibreOffice is available where it must be (CI)", () => {
  if (process.env.CI) expect(soffice).toBeDefined();
});
