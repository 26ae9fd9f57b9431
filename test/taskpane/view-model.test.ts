import { CALCULATOR_PRESETS } from "../../src/core/presets";
import { applyPreset, changeCard, changeCurrency, editField, initialForm, type FormValues } from "../../src/taskpane/form";
import { insertedMessage, sheetInsertView } from "../../src/taskpane/sheet-actions";
import { CALCULATOR_SHEET, calculatorView, HOST_STATUS, type CalculatorView, type ResultsView } from "../../src/taskpane/view-model";

/** The calculator's "Insert calculator" button, as the footer paints it. */
const insertView = (problemCount: number, host: "checking" | "excel" | "outside", busy: boolean) => sheetInsertView(CALCULATOR_SHEET, problemCount, host, busy);

const preset = (id: string): FormValues => applyPreset(initialForm(), id);
const results = (view: CalculatorView): ResultsView => {
  if (!view.results) throw new Error(`no results: ${view.waiting}`);
  return view.results;
};

describe("the preview of the presets (study-notes card, per-line rounding)", () => {
  test.each([
    ["small", "4,701", "12,500", "37.6%"],
    ["mid-market", "19,810", "50,000", "39.6%"],
    ["enterprise", "93,527", "250,000", "37.4%"],
  ])("%s: %s tokens against %s", (id, total, allocation, utilisation) => {
    const r = results(calculatorView(preset(id)));
    expect(r).toMatchObject({ total, allocation, overage: "0", utilisation, monthlyCost: "$0.00", annualCost: "$0.00", health: "GREEN" });
    expect(r.healthText).toBe("GREEN: within limits");
    expect(r.advice).toBe("Room to spare: AI usage can safely grow.");
  });

  test("every preset previews without a problem", () => {
    for (const p of CALCULATOR_PRESETS) expect(calculatorView(preset(p.id)).problemCount).toBe(0);
  });

  test("the allocation says how it is made", () => {
    expect(results(calculatorView(preset("small"))).allocationNote).toBe("250 per named user × 50 users");
    expect(results(calculatorView(changeCard(preset("small"), "genesys-published"))).allocationNote).toBe(
      "250 for the organisation (named licences), whatever the number of users",
    );
  });

  test("the live region sentence carries the figures and the status in words", () => {
    expect(calculatorView(preset("small")).announcement).toBe(
      "4,701 tokens a month against an allocation of 12,500: GREEN: within limits. Overage 0 tokens, annual cost $0.00.",
    );
  });
});

describe("health and money as the profile changes", () => {
  test("over the allocation: RED, overage and its cost in the chosen currency", () => {
    let v = changeCard(preset("small"), "genesys-published");
    v = changeCurrency(v, "EUR");
    const r = results(calculatorView(v));
    expect(r).toMatchObject({ total: "2,701", allocation: "250", overage: "2,451", health: "RED" });
    expect(r.monthlyCost).toBe("€1,960.80"); // 2,451 x 0.80
    expect(r.annualCost).toBe("€23,529.60");
    expect(r.healthText).toBe("RED: over allocation: overage is billed");
    expect(r.advice).toBe("Over allocation: buy top-up tokens or reduce AI usage.");
  });

  test("yen have no decimals", () => {
    const r = results(calculatorView(changeCurrency(changeCard(preset("small"), "genesys-published"), "JPY")));
    expect(r.monthlyCost).toBe("¥294,120");
  });

  test("between 80% and 100%: AMBER", () => {
    const v = editField(preset("small"), "users", "20"); // 4,701 against 5,000
    const r = results(calculatorView(v));
    expect([r.health, r.utilisation]).toEqual(["AMBER", "94%"]);
  });

  test("no allocation at all: utilisation is not a number", () => {
    const r = results(calculatorView(editField(preset("small"), "users", "0")));
    expect(r.utilisation).toBe("n/a (no allocation)");
    expect(r.health).toBe("RED");
  });
});

describe("invalid input", () => {
  test.each([
    ["users", "-5", "The number of users cannot be negative."],
    ["users", "abc", "The number of users must be a number, e.g. 50."],
    ["volumes.virtualagent", "many", "Virtual Agent sessions per day must be a number, e.g. 50."],
  ] as const)("%s = %p: the message for that field, no preview, no insert", (field, text, message) => {
    const view = calculatorView(editField(preset("small"), field, text));
    expect(view.problems).toEqual({ [field]: message });
    expect(view.results).toBeNull();
    expect(view.waiting).toBe("Fix the field marked above to see the preview.");
    expect(view.bars).toEqual([]);
    expect(view.comparisons).toEqual([]);
    const iv = insertView(view.problemCount, "excel", false);
    expect(iv.enabled).toBe(false);
    expect(iv.reason).toBe("Fix the field marked above to insert the calculator.");
  });

  test("an empty price: tokens still preview, money waits, insert is off", () => {
    const view = calculatorView(editField(preset("small"), "pricePerToken", ""));
    expect(view.problems).toEqual({ pricePerToken: "The price per token is required." });
    expect(view.results).toMatchObject({ total: "4,701", monthlyCost: "—", annualCost: "—" });
    expect(insertView(view.problemCount, "excel", false).enabled).toBe(false);
  });

  test("several problems are counted", () => {
    const v = editField(editField(preset("small"), "users", "x"), "workingDays", "-1");
    const view = calculatorView(v);
    expect(view.problemCount).toBe(2);
    expect(view.waiting).toBe("Fix the 2 fields marked above to see the preview.");
    expect(insertView(view.problemCount, "excel", false).reason).toBe("Fix the 2 fields marked above to insert the calculator.");
  });
});

describe("the price field's hint", () => {
  test("the card's regional price, or why there is none", () => {
    expect(calculatorView(initialForm()).priceHint).toBe("The Study notes card's price in USD is $1.00 a token; type your negotiated price to replace it.");
    const eur = calculatorView(changeCurrency(initialForm(), "EUR"));
    expect(eur.priceHint).toBe("The Study notes card has no price in EUR: type your negotiated price instead.");
    expect(eur.offerCardPrice).toBe(false);
    const typed = calculatorView(editField(changeCurrency(changeCard(initialForm(), "genesys-published"), "GBP"), "pricePerToken", "0.65"));
    expect(typed.priceHint).toBe("Your price. The Genesys published card's price in GBP is £0.70.");
    expect(typed.offerCardPrice).toBe(true);
  });
});

describe("the volume lines follow the chosen card", () => {
  test("units and rates in words", () => {
    const study = calculatorView(initialForm()).lines;
    const published = calculatorView(changeCard(initialForm(), "genesys-published")).lines;
    const line = (lines: CalculatorView["lines"], f: string) => lines.find((l) => l.feature === f)!;
    expect(line(study, "translate")).toMatchObject({ unit: "minutes", hint: "Minutes a month. 1 token per 100 minutes." });
    expect(line(published, "translate")).toMatchObject({ unit: "interactions", hint: "Interactions a month. 1 token per 2 interactions." });
    expect(line(study, "virtualagent").hint).toBe("Sessions a working day. 2 tokens a session.");
    expect(line(published, "virtualagent").hint).toBe("Interactions a working day. 0.5 token an interaction.");
    expect(line(study, "copilot").hint).toBe("50 tokens a user a month (range 40-60).");
    expect(line(published, "copilot").hint).toBe("40 tokens a named user a month.");
    expect(line(published, "analytics")).toMatchObject({ onCard: false, unit: "", hint: "Not on the Genesys published card: counts 0 tokens." });
  });

  test("the rate level hint names the card's ranges", () => {
    expect(calculatorView(initialForm()).levelHint).toBe(
      "Where the card gives a range: on the Study notes card, Agent Copilot (40-60) and Speech & Text Analytics (30-45).",
    );
    expect(calculatorView(changeCard(initialForm(), "genesys-published")).levelHint).toBe(
      "The Genesys published card gives no ranges: every level gives the same figures.",
    );
  });
});

describe("low / expected / high", () => {
  test("Small uses Copilot at the card's 40-60 range", () => {
    const view = calculatorView(preset("small"));
    expect(view.range.map((r) => [r.label, r.total, r.selected])).toEqual([
      ["Low", "4,201", false],
      ["Expected", "4,701", true],
      ["High", "5,201", false],
    ]);
  });

  test("the chosen level drives the main figures", () => {
    const view = calculatorView(editField(preset("small"), "level", "high"));
    expect(results(view).total).toBe("5,201");
    expect(view.range.find((r) => r.selected)?.level).toBe("high");
  });

  test("none where the profile uses no ranged rate: own Copilot figure, or a card without ranges", () => {
    expect(calculatorView(preset("mid-market")).range).toEqual([]);
    expect(calculatorView(changeCard(preset("small"), "genesys-published")).range).toEqual([]);
  });
});

describe("the chart of consumption by feature", () => {
  test("bars largest first, with their figures in words", () => {
    const bars = calculatorView(preset("small")).bars;
    expect(bars.map((b) => [b.label, b.text])).toEqual([
      ["Agent Copilot", "2,500 tokens (53.2%)"],
      ["Virtual Agent", "2,000 tokens (42.5%)"],
      ["AI Scoring", "200 tokens (4.3%)"],
      ["Messaging", "1 token (<0.1%)"],
    ]);
    expect(bars[0].length).toBe(1);
    expect(bars[1].length).toBeCloseTo(0.8);
  });

  test("mid-market shares as in the notes' dashboard", () => {
    const shares = Object.fromEntries(calculatorView(preset("mid-market")).bars.map((b) => [b.label, b.text]));
    expect(shares["Agent Copilot"]).toBe("11,000 tokens (55.5%)");
    expect(shares["Virtual Agent"]).toBe("8,000 tokens (40.4%)");
    expect(shares["AI Scoring"]).toBe("500 tokens (2.5%)");
    expect(shares["Voice Bots"]).toBe("294 tokens (1.5%)");
    expect(shares["Messaging"]).toBe("13 tokens (0.1%)"); // 0.066%
    expect(shares["AI Translate"]).toBe("3 tokens (<0.1%)"); // 0.015%
  });

  test("no volume, no bars", () => {
    let v = preset("small");
    for (const f of ["copilot", "scoring", "messaging", "virtualagent"] as const) v = editField(v, `volumes.${f}`, "0");
    expect(calculatorView(v).bars).toEqual([]);
  });
});

describe("what differs between the cards", () => {
  test("Small on the Genesys published card, in words", () => {
    const [c, ...rest] = calculatorView(preset("small")).comparisons;
    expect(rest).toEqual([]);
    expect(c.cardName).toBe("Genesys published");
    expect(c.sentence).toBe(
      "On the Genesys published card this profile uses 2,701 tokens a month (-2,000), gets 250 tokens " +
        "(one allocation for the whole organisation, instead of 12,500) and pays $2,451.00 a month in overage ($29,412.00 a year).",
    );
    expect(c.difference).toBe("That is $29,412.00 a year more than on the Study notes card ($2,451.00 a month).");
    expect(c.details).toEqual([
      "Agent Copilot: 2,500 → 2,000 tokens (40 tokens a named user instead of 50 tokens a user).",
      "Virtual Agent: 2,000 → 500 tokens (0.5 token an interaction instead of 2 tokens a session; the 50 you typed count as interactions, not sessions).",
    ]);
  });

  test("mid-market: Translate's unit, the own Copilot figure and the highest-rate rule are spelled out", () => {
    const [c] = calculatorView(preset("mid-market")).comparisons;
    expect(c.sentence).toContain("uses 13,957 tokens a month (-5,853)");
    expect(c.sentence).toContain("pays $13,707.00 a month in overage ($164,484.00 a year)");
    expect(c.details).toContain(
      "AI Translate: 3 → 150 tokens (1 token per 2 interactions instead of 1 token per 100 minutes; the 300 you typed count as interactions, not minutes).",
    );
    expect(c.details).toContain("Your own Agent Copilot figure (55 tokens a user) is used on both cards.");
    expect(c.details.some((d) => d.startsWith("The Genesys published card charges only the highest rate"))).toBe(true);
  });

  test("from the published card the study notes cost nothing", () => {
    const [c] = calculatorView(changeCard(preset("small"), "genesys-published")).comparisons;
    expect(c.cardName).toBe("Study notes");
    expect(c.sentence).toBe(
      "On the Study notes card this profile uses 4,701 tokens a month (+2,000), gets 12,500 tokens " +
        "(an allocation per user, instead of 250) and pays no overage (instead of $2,451.00 a month).",
    );
    expect(c.difference).toBe("That is $29,412.00 a year less than on the Genesys published card ($2,451.00 a month).");
  });

  test("money in the chosen currency at the analyst's price; without a price, overage in tokens", () => {
    const eur = calculatorView(editField(changeCurrency(preset("small"), "EUR"), "pricePerToken", "0.9")).comparisons[0];
    expect(eur.sentence).toContain("pays €2,205.90 a month in overage (€26,470.80 a year)");
    const none = calculatorView(changeCurrency(preset("small"), "EUR")).comparisons[0];
    expect(none.sentence).toContain("goes 2,451 tokens over its allocation each month");
    expect(none.difference).toBe("Type a price per token to compare the cost.");
  });

  test("an analytics volume the published card does not price", () => {
    const [c] = calculatorView(editField(preset("small"), "volumes.analytics", "20")).comparisons;
    expect(c.details).toContain("Speech & Text Analytics is not on the Genesys published card: it counts 0 tokens there (750 tokens on the Study notes card).");
  });

  test("no comparison while a field is wrong", () => {
    const view = calculatorView(editField(preset("small"), "users", "-1"));
    expect(view.comparisons).toEqual([]);
    expect(view.comparisonWaiting).toBe("Fix the fields marked above to compare the cards.");
  });
});

describe("the insert button", () => {
  test("only inside Excel, with a valid profile, and not twice at once", () => {
    expect(insertView(0, "excel", false)).toMatchObject({ enabled: true, label: "Insert calculator" });
    expect(insertView(0, "outside", false)).toMatchObject({
      enabled: false,
      reason: "Open this add-in in Excel to insert the calculator; in a browser, download it as an .xlsx workbook instead.",
    });
    expect(insertView(0, "checking", false)).toMatchObject({ enabled: false, reason: "Waiting for Excel…" });
    expect(insertView(0, "excel", true)).toMatchObject({ enabled: false, busy: true, label: "Inserting…" });
  });

  test("the outcome in words", () => {
    expect(insertedMessage("Token Calculator (2)")).toBe("Inserted sheet 'Token Calculator (2)'.");
    expect(insertedMessage("Token Calculator", ["cell notes (needs ExcelApi 1.18)"])).toBe(
      "Inserted sheet 'Token Calculator'. This version of Excel could not add: cell notes (needs ExcelApi 1.18).",
    );
  });

  test("the status line outside Excel", () => {
    expect(HOST_STATUS.outside).toBe("Not running inside Excel: preview and download only.");
  });
});
