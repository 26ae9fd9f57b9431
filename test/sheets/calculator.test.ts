import { fc } from "../properties/count"; // fast-check, with each fc.assert's runs counted for the test report
import {
  CALCULATOR_LINES,
  CALCULATOR_PRESETS,
  CARD_IDS,
  compileCard,
  CURRENCY_CODES,
  LICENCE_MODELS,
  PER_USER_FEATURES,
  RATE_LEVELS,
  ROUNDING_RULES,
  type CompiledCard,
  type FeatureRate,
  type Profile,
  type RateCard,
} from "../../src/core";
import { buildCalculator, buildCalculatorSheet, CALCULATOR_SHEET_NAME, InvalidProfileError, UNPRICED_TEXT } from "../../src/sheets/calculator";
import { currencyFormat, PERCENT_FORMAT, TEXT_FORMAT, TOKENS_FORMAT } from "../../src/sheets/formats";
import { HEALTH_STYLES } from "../../src/sheets/health-block";
import { PLANNING_RULES } from "../../src/core/planning-rules";
import { cellsOf, type Cell, type SheetModel } from "../../src/sheets/model";
import { a1, parseA1, parseRange } from "../../src/sheets/a1";
import { WORKED_EXAMPLES } from "../fixtures/worked-examples";
import { cardOf, coreFigures, estimateOf, evaluateExact, formulaProblems, profileArbitrary, resultMismatches, sheetFigures } from "./support";

const SHEET = CALCULATOR_SHEET_NAME;
const preset = (id: string): Profile => CALCULATOR_PRESETS.find((p) => p.id === id)!.profile;

const cellAt = (model: SheetModel, ref: string): Cell | undefined => {
  const { row, col } = parseA1(ref);
  for (const c of cellsOf(model)) if (c.row === row && c.col === col) return c.cell;
  return undefined;
};

/** A copy of a card with one feature's rate changed, checked like any card. */
const withFeature = (card: CompiledCard, id: string, change: Partial<FeatureRate>): CompiledCard =>
  compileCard({ ...card.card, features: card.card.features.map((f) => (f.id === id ? { ...f, ...change } : f)) } as RateCard);

describe("the three presets in a real formula engine", () => {
  test.each(WORKED_EXAMPLES)("$preset: total $total, allocation $allocation, overage $overage, via the sheet-scoped names", (ex) => {
    const model = buildCalculatorSheet(preset(ex.preset));
    const wb = evaluateExact(model);
    expect(wb.name(SHEET, "TotalTokens")).toBe(ex.total);
    expect(wb.name(SHEET, "Allocation")).toBe(ex.allocation);
    expect(wb.name(SHEET, "Overage")).toBe(ex.overage);
    expect(wb.name(SHEET, "AnnualCost")).toBe(0);
    expect(wb.name(SHEET, "Health")).toBe("GREEN");
    expect(wb.name(SHEET, "Utilization")).toBe(ex.total / ex.allocation);
  });

  test("the worked examples' lines appear line by line", () => {
    for (const ex of WORKED_EXAMPLES) {
      const { model, layout } = buildCalculator(preset(ex.preset));
      const wb = evaluateExact(model);
      for (const line of ex.lines) {
        const cells = layout.lines.find((l) => l.feature === line.feature)!;
        expect([line.feature, wb.get(SHEET, cells.tokens)]).toEqual([line.feature, line.tokens]);
        expect(wb.get(SHEET, cells.monthlyQuantity)).toBe(line.quantity);
      }
    }
  });

  test("mid-market: exact rounding gives 19,809.62 and rounding up 19,811, as the notes' alternatives", () => {
    const exact = { ...preset("mid-market"), rounding: "exact" as const };
    const wb = evaluateExact(buildCalculatorSheet(exact));
    expect(wb.name(SHEET, "TotalTokens")).toBeCloseTo(WORKED_EXAMPLES[1].exactTotal!, 9);
    expect(wb.name(SHEET, "TotalTokens")).toBe(estimateOf(exact).total); // and the core's sum, to the bit
    const up = evaluateExact(buildCalculatorSheet({ ...preset("mid-market"), rounding: "up" }));
    expect(up.name(SHEET, "TotalTokens")).toBe(WORKED_EXAMPLES[1].upTotal);
  });

  const variants = CALCULATOR_PRESETS.flatMap((p) =>
    CARD_IDS.flatMap((card) => ROUNDING_RULES.flatMap((rounding) => LICENCE_MODELS.map((licence) => ({ preset: p.id, card, rounding, licence })))),
  );

  test.each(variants)("$preset on $card, $rounding rounding, $licence licences: every formula cell equals its cached result and the core", (v) => {
    const profile: Profile = { ...preset(v.preset), card: v.card, rounding: v.rounding, licence: v.licence };
    const { model, layout } = buildCalculator(profile);
    const wb = evaluateExact(model);
    expect(resultMismatches(wb, model)).toEqual([]);
    expect(sheetFigures(wb, SHEET, layout)).toEqual(coreFigures(profile));
  });

  test("the published card, small preset, derived by hand: Copilot 2,000, Virtual Agent 500, allocation 250 for the organisation", () => {
    const profile: Profile = { ...preset("small"), card: "genesys-published" };
    const { model, layout } = buildCalculator(profile);
    const wb = evaluateExact(model);
    const line = (f: string) => wb.get(SHEET, layout.lines.find((l) => l.feature === f)!.tokens);
    expect(line("copilot")).toBe(2000);
    expect(line("virtualagent")).toBe(500);
    expect(line("scoring")).toBe(200);
    expect(line("messaging")).toBe(1);
    expect(wb.name(SHEET, "TotalTokens")).toBe(2701);
    expect(wb.name(SHEET, "Allocation")).toBe(250);
    expect(wb.name(SHEET, "Overage")).toBe(2451);
    expect(wb.name(SHEET, "MonthlyCost")).toBe(2451);
    expect(wb.name(SHEET, "AnnualCost")).toBe(2451 * 12);
    expect(wb.name(SHEET, "Health")).toBe("RED");
    // Concurrent licences: Copilot at 60 a user, 350 for the organisation.
    wb.set(SHEET, layout.licence, "concurrent");
    expect(line("copilot")).toBe(3000);
    expect(wb.name(SHEET, "TotalTokens")).toBe(3701);
    expect(wb.name(SHEET, "Allocation")).toBe(350);
    expect(wb.name(SHEET, "Overage")).toBe(3351);
  });

  test("features the card lacks show 0 and say so (social and analytics on the published card)", () => {
    const profile: Profile = { ...preset("small"), card: "genesys-published", volumes: { ...preset("small").volumes, social: 4000, analytics: 50 } };
    const { model, layout } = buildCalculator(profile);
    const wb = evaluateExact(model);
    for (const feature of ["social", "analytics"]) {
      const line = layout.lines.find((l) => l.feature === feature)!;
      expect(line.onCard).toBe(false);
      expect(wb.get(SHEET, line.tokens)).toBe(0);
      const { row } = parseA1(line.tokens);
      expect(cellAt(model, a1(row, 10))?.value).toBe("not on this card");
    }
    expect(wb.name(SHEET, "TotalTokens")).toBe(estimateOf(profile).total);
  });
});

describe("random profiles in the engine match the core", () => {
  test("a few hundred random profiles, built and evaluated, give the core's figures and every cached result", () => {
    fc.assert(
      fc.property(profileArbitrary, (profile) => {
        const { model, layout } = buildCalculator(profile);
        const wb = evaluateExact(model);
        expect(sheetFigures(wb, SHEET, layout)).toEqual(coreFigures(profile));
        expect(resultMismatches(wb, model)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test.each(CARD_IDS)("typing a random profile's inputs into one %s sheet recalculates to the core's figures", (cardId) => {
    const start = { ...preset("mid-market"), card: cardId };
    const { model, layout } = buildCalculator(start);
    const wb = evaluateExact(model);
    fc.assert(
      fc.property(profileArbitrary, (random) => {
        const p: Profile = { ...random, card: cardId, currency: start.currency };
        wb.engine.batch(() => {
          wb.set(SHEET, layout.licence, p.licence);
          wb.set(SHEET, layout.users, p.users);
          wb.set(SHEET, layout.workingDays, p.workingDays);
          wb.set(SHEET, layout.level, p.level);
          wb.set(SHEET, layout.priceInput, p.pricePerToken);
          CALCULATOR_LINES.forEach((line, i) => {
            wb.set(SHEET, layout.lines[i].quantity, p.volumes[line.feature]);
            const own = layout.lines[i].override;
            if (own) wb.set(SHEET, own, p.tokensPerUser[line.feature as (typeof PER_USER_FEATURES)[number]] ?? null);
          });
          wb.set(SHEET, layout.other.quantity, p.otherTokens ?? 0);
        });
        // The rounding rule is fixed when the sheet is built: compare with the start's rule.
        expect(sheetFigures(wb, SHEET, layout)).toEqual(coreFigures({ ...p, rounding: start.rounding }));
      }),
      { numRuns: 200 },
    );
  });
});

describe("editing a cell recalculates as the core says", () => {
  const mid = preset("mid-market");
  const study = cardOf("study-notes");
  const published = cardOf("genesys-published");

  const check = (wb: ReturnType<typeof evaluateExact>, layout: ReturnType<typeof buildCalculator>["layout"], p: Profile, card: CompiledCard = cardOf(p.card)) =>
    expect(sheetFigures(wb, SHEET, layout)).toEqual(coreFigures(p, card));

  test("users, a daily volume, a monthly volume, working days", () => {
    const { model, layout } = buildCalculator(mid);
    const wb = evaluateExact(model);
    wb.set(SHEET, layout.users, 60);
    check(wb, layout, { ...mid, users: 60 });
    expect(wb.name(SHEET, "Overage")).toBeGreaterThan(0);
    const va = layout.lines.find((l) => l.feature === "virtualagent")!;
    wb.set(SHEET, va.quantity, 900);
    check(wb, layout, { ...mid, users: 60, volumes: { ...mid.volumes, virtualagent: 900 } });
    const msg = layout.lines.find((l) => l.feature === "messaging")!;
    wb.set(SHEET, msg.quantity, 123_457);
    wb.set(SHEET, layout.workingDays, 22);
    check(wb, layout, { ...mid, users: 60, workingDays: 22, volumes: { ...mid.volumes, virtualagent: 900, messaging: 123_457 } });
  });

  test("the licence cell switches allocation and licence-dependent rates on both cards", () => {
    for (const card of CARD_IDS) {
      const p = { ...mid, card };
      const { model, layout } = buildCalculator(p);
      const wb = evaluateExact(model);
      wb.set(SHEET, layout.licence, "concurrent");
      check(wb, layout, { ...p, licence: "concurrent" });
      wb.set(SHEET, layout.licence, "named");
      check(wb, layout, p);
    }
    const { model, layout } = buildCalculator(mid);
    const wb = evaluateExact(model);
    wb.set(SHEET, layout.licence, "concurrent");
    expect(wb.name(SHEET, "Allocation")).toBe(200 * 350);
  });

  test("the rate level cell picks the low or high end of ranged rates", () => {
    const p = preset("enterprise");
    const { model, layout } = buildCalculator(p);
    const wb = evaluateExact(model);
    wb.set(SHEET, layout.level, "low");
    check(wb, layout, { ...p, level: "low" });
    expect(wb.name(SHEET, "TotalTokens")).toBe(93527 - 10_000);
    wb.set(SHEET, layout.level, "high");
    check(wb, layout, { ...p, level: "high" });
    expect(wb.name(SHEET, "TotalTokens")).toBe(93527 + 10_000);
  });

  test("the own tokens-per-user cell: 55 for mid-market Copilot; blank falls back to the card's 50", () => {
    const { model, layout } = buildCalculator(mid);
    const wb = evaluateExact(model);
    const copilot = layout.lines.find((l) => l.feature === "copilot")!;
    expect(wb.get(SHEET, copilot.override!)).toBe(55);
    wb.set(SHEET, copilot.override!, null);
    check(wb, layout, { ...mid, tokensPerUser: {} });
    expect(wb.name(SHEET, "TotalTokens")).toBe(19810 - 1000);
    wb.set(SHEET, copilot.override!, 57.5);
    check(wb, layout, { ...mid, tokensPerUser: { copilot: 57.5 } });
  });

  test("a rate edited in the rates block: Virtual Agent at 3 tokens a session", () => {
    const { model, layout } = buildCalculator(mid);
    const wb = evaluateExact(model);
    wb.set(SHEET, layout.rates.features.get("virtualagent")!.tokens, 3);
    check(wb, layout, mid, withFeature(study, "virtualagent", { tokens: 3 }));
    expect(wb.name(SHEET, "TotalTokens")).toBe(19810 + 4000);
  });

  test("a per, a range and a concurrent rate edited in the rates block", () => {
    const p = { ...preset("enterprise"), card: "genesys-published", licence: "concurrent" as const };
    const { model, layout } = buildCalculator(p);
    const wb = evaluateExact(model);
    const voice = layout.rates.features.get("voicebot")!;
    wb.set(SHEET, voice.per, 13);
    const copilot = layout.rates.features.get("copilot")!;
    wb.set(SHEET, copilot.concurrent, 70);
    let card = withFeature(withFeature(published, "voicebot", { per: 13 }), "copilot", { tokens: { named: 40, concurrent: 70 } });
    check(wb, layout, p, card);
    // Give the published card's Copilot a range, then budget at the high end.
    wb.set(SHEET, copilot.low, 35);
    wb.set(SHEET, copilot.high, 80);
    wb.set(SHEET, layout.level, "high");
    card = withFeature(card, "copilot", { tokens: 50, range: { low: 35, high: 80 } });
    expect(wb.get(SHEET, layout.lines[0].tokens)).toBe(80_000);
    expect(wb.name(SHEET, "TotalTokens")).toBe(estimateOf({ ...p, level: "high" }, card).total);
  });

  test("an allocation rate edited in the rates block", () => {
    const { model, layout } = buildCalculator(preset("enterprise"));
    const wb = evaluateExact(model);
    wb.set(SHEET, layout.rates.allocationRates.perUser.named, 80);
    const card = compileCard({ ...study.card, allocation: { ...study.card.allocation, named: 80 } } as RateCard);
    check(wb, layout, preset("enterprise"), card);
    expect(wb.name(SHEET, "Overage")).toBe(93527 - 80_000);
    expect(wb.name(SHEET, "AnnualCost")).toBe((93527 - 80_000) * 12);
    expect(wb.name(SHEET, "Health")).toBe("RED");
  });

  test("the price: a negotiated price, then blank for the card's price in the currency", () => {
    const p: Profile = { ...preset("small"), card: "genesys-published", currency: "EUR", pricePerToken: 0.75 };
    const { model, layout } = buildCalculator(p);
    const wb = evaluateExact(model);
    check(wb, layout, p);
    wb.set(SHEET, layout.priceInput, null);
    expect(wb.name(SHEET, "PricePerToken")).toBe(0.8);
    check(wb, layout, { ...p, pricePerToken: 0.8 });
    wb.set(SHEET, layout.currency, "JPY");
    check(wb, layout, { ...p, currency: "JPY", pricePerToken: 120 });
    wb.set(SHEET, layout.rates.priceCells.get("JPY")!, 110);
    check(wb, layout, { ...p, currency: "JPY", pricePerToken: 110 });
  });

  test("a health threshold edited in the planning rules changes the status", () => {
    const { model, layout } = buildCalculator(mid);
    const wb = evaluateExact(model);
    expect(wb.name(SHEET, "Health")).toBe("GREEN");
    // 39.6%: past the first two ceilings it is AMBER, past the third RED; the advice moves with it.
    wb.set(SHEET, layout.rules.bands[0].upToRef, 0.3);
    wb.set(SHEET, layout.rules.bands[1].upToRef, 0.35);
    expect(wb.name(SHEET, "Health")).toBe("AMBER");
    expect(wb.name(SHEET, "Advice")).toBe(PLANNING_RULES[2].advice);
    wb.set(SHEET, layout.rules.bands[2].upToRef, 0.38);
    expect(wb.name(SHEET, "Health")).toBe("RED");
    expect(wb.name(SHEET, "Advice")).toBe(PLANNING_RULES[3].advice);
  });

  test("no allocation: utilisation n/a, GREEN with nothing consumed, RED otherwise, as the core", () => {
    const p: Profile = { ...preset("small"), users: 0 };
    const { model, layout } = buildCalculator(p);
    const wb = evaluateExact(model);
    check(wb, layout, p);
    expect(wb.name(SHEET, "Utilization")).toBe("n/a");
    expect(wb.name(SHEET, "Health")).toBe("RED");
    for (const line of layout.lines) wb.set(SHEET, line.quantity, 0);
    const nothing = { ...p, volumes: Object.fromEntries(Object.keys(p.volumes).map((k) => [k, 0])) as Profile["volumes"] };
    check(wb, layout, nothing);
    expect(wb.name(SHEET, "Health")).toBe("GREEN");
  });
});

describe("text stays text", () => {
  test.each(["=1+1", "+1", "-5", "@SUM(A1)", "=TOKENS.TOTAL(1)", "'quoted", "TRUE", "50%", "007", ""])("a scenario named %j", (name) => {
    const { model, layout } = buildCalculator({ ...preset("small"), name });
    const cell = cellAt(model, layout.scenario)!;
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(name);
    expect(cell.format).toBe(TEXT_FORMAT);
    expect(evaluateExact(model).get(SHEET, layout.scenario)).toBe(name);
  });
});

describe("ranges: low <= expected <= high", () => {
  test("for the presets on both cards, with totals and annual costs", () => {
    for (const p of CALCULATOR_PRESETS) {
      for (const card of CARD_IDS) {
        const wb = evaluateExact(buildCalculatorSheet({ ...p.profile, card, users: 10 }));
        const [lo, mid, hi] = ["Low", "Expected", "High"].map((s) => wb.name(SHEET, `TotalTokens${s}`) as number);
        expect(lo).toBeLessThanOrEqual(mid);
        expect(mid).toBeLessThanOrEqual(hi);
        const [clo, cmid, chi] = ["Low", "Expected", "High"].map((s) => wb.name(SHEET, `AnnualCost${s}`) as number);
        expect(clo).toBeLessThanOrEqual(cmid);
        expect(cmid).toBeLessThanOrEqual(chi);
      }
    }
    const wb = evaluateExact(buildCalculatorSheet(preset("enterprise")));
    expect([wb.name(SHEET, "TotalTokensLow"), wb.name(SHEET, "TotalTokensExpected"), wb.name(SHEET, "TotalTokensHigh")]).toEqual([83527, 93527, 103527]);
  });

  test("for random profiles", () => {
    fc.assert(
      fc.property(profileArbitrary, (p) => {
        const { model, layout } = buildCalculator(p);
        const f = sheetFigures(evaluateExact(model), SHEET, layout);
        expect(f.low as number).toBeLessThanOrEqual(f.expected as number);
        expect(f.expected as number).toBeLessThanOrEqual(f.high as number);
      }),
      { numRuns: 50 },
    );
  });
});

describe("formulas travel: native, old-Excel and LibreOffice functions only", () => {
  const models = CALCULATOR_PRESETS.flatMap((p) =>
    CARD_IDS.flatMap((card) => ROUNDING_RULES.map((rounding) => buildCalculatorSheet({ ...p.profile, card, rounding }))),
  );

  test("no LET, LAMBDA, XLOOKUP, IFS, SWITCH, CONCAT, TEXTJOIN, spill, and no TOKENS. anywhere", () => {
    let formulas = 0;
    for (const m of models) {
      for (const { cell } of cellsOf(m)) {
        if (cell.formula === undefined) continue;
        formulas++;
        expect(formulaProblems(cell.formula)).toEqual([]);
      }
      for (const cf of m.conditionalFormats) expect(formulaProblems(cf.formula)).toEqual([]);
      for (const { cell } of cellsOf(m)) if (typeof cell.value === "string") expect(cell.value).not.toMatch(/TOKENS\./);
    }
    expect(formulas).toBeGreaterThan(100);
  });

  test("the scan catches what it must", () => {
    expect(formulaProblems("=LET(x,1,x)")).not.toEqual([]);
    expect(formulaProblems("=XLOOKUP(A1,B:B,C:C)")).not.toEqual([]);
    expect(formulaProblems('=TOKENS.CONSUMPTION("copilot",1)')).not.toEqual([]);
    expect(formulaProblems("=A1#")).not.toEqual([]);
    expect(formulaProblems("=IFS(A1>1,1)")).not.toEqual([]);
    expect(formulaProblems("=CONCAT(A1,B1)")).not.toEqual([]);
    expect(formulaProblems('=IF(A1="",ROUND(B1*C1/D1,0),"n/a (LET)")')).toEqual([]);
  });
});

describe("lines the card does not price", () => {
  test("are named beside the total while they hold a volume, and silent once they are 0", () => {
    const p: Profile = { ...preset("mid-market"), card: "genesys-published", volumes: { ...preset("mid-market").volumes, social: 400 } };
    const { model, layout } = buildCalculator(p);
    const wb = evaluateExact(model);
    expect(layout.unpriced).toBe(a1(parseA1(layout.total).row, 10));
    expect(wb.get(SHEET, layout.unpriced!)).toBe(`${UNPRICED_TEXT} Social posts per month; `);
    expect(cellAt(model, layout.unpriced!)?.result).toBe(wb.get(SHEET, layout.unpriced!));
    wb.set(SHEET, layout.lines.find((l) => l.feature === "analytics")!.quantity, 12);
    expect(wb.get(SHEET, layout.unpriced!)).toBe(`${UNPRICED_TEXT} Social posts per month; Speech & Text Analytics users; `);
    for (const l of layout.lines.filter((x) => !x.onCard)) wb.set(SHEET, l.quantity, 0);
    expect(wb.get(SHEET, layout.unpriced!)).toBe("");
  });

  test("a card that prices every line has no such cell", () => {
    expect(buildCalculator(preset("mid-market")).layout.unpriced).toBeUndefined();
  });
});

describe("the sheet's shape", () => {
  const { model, layout } = buildCalculator(preset("mid-market"));

  test("named sheet, merged title, sheet-scoped names for the key results", () => {
    expect(model.name).toBe("Token Calculator");
    expect(buildCalculatorSheet(preset("small"), { sheetName: "Budget 2027" }).name).toBe("Budget 2027");
    expect(model.merges).toContain("A1:K1");
    const names = new Map(model.names.map((n) => [n.name, n.ref]));
    for (const n of ["TotalTokens", "Allocation", "Overage", "AnnualCost", "Utilization", "Health", "PricePerToken", "Users"]) expect(names.has(n)).toBe(true);
    expect(names.get("TotalTokens")).toBe(layout.total);
    expect(new Set(model.names.map((n) => n.name)).size).toBe(model.names.length);
  });

  test("sheet-scoped names work under another sheet name too", () => {
    const m = buildCalculatorSheet(preset("enterprise"), { sheetName: "Scenario 'B'" });
    const wb = evaluateExact(m);
    expect(wb.name("Scenario 'B'", "TotalTokens")).toBe(93527);
  });

  test("inputs are input cells; results are formulas in output, calculation or total styles", () => {
    const inputs = [layout.licence, layout.users, layout.workingDays, layout.level, layout.currency, layout.priceInput, ...layout.lines.map((l) => l.quantity)];
    for (const ref of inputs) expect([ref, cellAt(model, ref)?.style]).toEqual([ref, "input"]);
    for (const ref of [
      layout.total,
      layout.allocation,
      layout.overage,
      layout.monthlyCost,
      layout.annualCost,
      layout.utilisation,
      layout.health,
      layout.advice,
    ]) {
      const cell = cellAt(model, ref)!;
      expect(cell.formula).toMatch(/^=/);
      expect(["output", "calculation", "total"]).toContain(cell.style);
    }
    for (const { cell } of cellsOf(model)) if (cell.formula !== undefined) expect(cell.result).not.toBeUndefined();
  });

  test("number formats: whole tokens, the currency, percentages", () => {
    expect(cellAt(model, layout.total)!.format).toBe(TOKENS_FORMAT);
    expect(cellAt(model, layout.annualCost)!.format).toBe(currencyFormat("USD"));
    expect(cellAt(model, layout.utilisation)!.format).toBe(PERCENT_FORMAT);
    const gbp = buildCalculator({ ...preset("small"), currency: "GBP", pricePerToken: 0.7 });
    expect(cellAt(gbp.model, gbp.layout.annualCost)!.format).toBe(currencyFormat("GBP"));
    expect(cellAt(gbp.model, gbp.layout.price)!.format).toBe(currencyFormat("GBP"));
    expect(model.columns.length).toBeGreaterThanOrEqual(11);
  });

  test("data validation: licence, level and currency lists; volumes and rates >= 0", () => {
    const byRange = new Map(model.validations.map((v) => [v.range, v]));
    expect(byRange.get(layout.licence)).toMatchObject({ type: "list", values: LICENCE_MODELS });
    expect(byRange.get(layout.level)).toMatchObject({ type: "list", values: RATE_LEVELS });
    expect(byRange.get(layout.currency)).toMatchObject({ type: "list", values: CURRENCY_CODES });
    expect(byRange.get(layout.users)).toMatchObject({ type: "whole", min: 0 });
    // Every line's quantity, the template's through line 7's free token entry (the last line).
    expect(byRange.get(`${layout.lines[0].quantity}:${layout.other.quantity}`)).toMatchObject({ type: "decimal", min: 0 });
    expect(model.validations.every((v) => v.type === "list" || v.min === 0)).toBe(true);
  });

  test("merged areas never overlap and hide no value; validations never overlap", () => {
    for (const m of [model, buildCalculatorSheet({ ...preset("small"), card: "genesys-published" }, { generatedAt: "now" })]) {
      const covered = new Map<string, string>();
      for (const merge of m.merges) {
        const r = parseRange(merge);
        for (let i = 0; i < r.rows; i++)
          for (let j = 0; j < r.cols; j++) {
            const ref = a1(r.row + i, r.col + j);
            expect([ref, covered.get(ref)]).toEqual([ref, undefined]);
            covered.set(ref, merge);
            if (i > 0 || j > 0) expect([ref, cellAt(m, ref)]).toEqual([ref, undefined]);
          }
      }
      const validated = new Set<string>();
      for (const v of m.validations) {
        const r = parseRange(v.range);
        for (let i = 0; i < r.rows; i++)
          for (let j = 0; j < r.cols; j++) {
            const ref = a1(r.row + i, r.col + j);
            expect([ref, validated.has(ref)]).toEqual([ref, false]);
            validated.add(ref);
          }
      }
    }
  });

  test("the health cell is coloured by conditional formats reading the status cells", () => {
    const cfs = model.conditionalFormats.filter((c) => c.range === layout.health);
    expect(cfs.map((c) => c.style).sort()).toEqual(Object.values(HEALTH_STYLES).sort());
    const health = new RegExp(`^=\\$G\\$${layout.health.slice(1)}=\\$C\\$\\d+$`);
    for (const cf of cfs) expect(cf.formula).toMatch(health);
  });

  test("the rounding rule, the card's name, date and source are printed", () => {
    const texts = [...cellsOf(model)].map((c) => c.cell.value).filter((v): v is string => typeof v === "string");
    expect(texts.some((t) => t.includes("Study notes") && t.includes("2026-03"))).toBe(true);
    expect(texts.some((t) => t.includes(cardOf("study-notes").card.source))).toBe(true);
    expect(texts.some((t) => t.includes("ROUND"))).toBe(true);
    const up = [...cellsOf(buildCalculatorSheet({ ...preset("small"), rounding: "up" }))].map((c) => c.cell.value);
    expect(up.some((t) => typeof t === "string" && t.includes("ROUNDUP"))).toBe(true);
  });

  test("pure: the same profile gives the same model; a timestamp only when one is passed", () => {
    expect(buildCalculatorSheet(preset("mid-market"))).toEqual(model);
    const stamped = buildCalculatorSheet(preset("mid-market"), { generatedAt: "2026-11-20 09:30" });
    expect([...cellsOf(stamped)].some((c) => c.cell.value === "2026-11-20 09:30")).toBe(true);
    expect([...cellsOf(model)].some((c) => typeof c.cell.value === "string" && /\d{4}-\d{2}-\d{2}/.test(c.cell.value))).toBe(false);
  });
});

describe("bad profiles throw", () => {
  test.each([
    ["an unknown card", { card: "nope" }],
    ["negative users", { users: -1 }],
    ["a volume that is not a number", { volumes: { ...preset("small").volumes, scoring: Number.NaN } }],
    ["a licence model", { licence: "floating" }],
    ["a currency", { currency: "XXX" }],
  ])("%s", (_what, change) => {
    expect(() => buildCalculatorSheet({ ...preset("small"), ...change } as Profile)).toThrow(InvalidProfileError);
  });
});
