import { CALCULATOR_PRESETS } from "../../src/core/presets";
import {
  applyPreset,
  changeCard,
  CHOICES,
  changeCurrency,
  CUSTOM_PRESET,
  editField,
  FIELD_ORDER,
  fieldValue,
  initialForm,
  inputId,
  parseForm,
  parseNumberText,
  useCardPrice,
  type FormValues,
} from "../../src/taskpane/form";

const problemsOf = (v: FormValues): Record<string, string> => Object.fromEntries(parseForm(v).problems.map((p) => [p.field, p.message]));

describe("the number gate", () => {
  test.each([
    ["50", 50],
    [" 12 ", 12],
    ["1,000", 1000],
    ["12,500.5", 12500.5],
    ["0.8", 0.8],
    [".5", 0.5],
    ["1e3", 1000],
    ["-5", -5], // read; the core then says it cannot be negative
  ])("%p reads as %p", (text, value) => {
    expect(parseNumberText(text, "Users", "required")).toEqual({ value });
  });

  test.each(["abc", "1,5", "12,50", "1.2.3", "50 users", "Infinity", "NaN", "0x10", "$1"])("%p is not a number", (text) => {
    expect(parseNumberText(text, "The number of users", "required")).toEqual({ message: "The number of users must be a number, e.g. 50." });
  });

  test("blank is required or a default", () => {
    expect(parseNumberText("  ", "The price per token", "required")).toEqual({ message: "The price per token is required." });
    expect(parseNumberText("", "Messages per month", 0)).toEqual({ value: 0 });
  });

  test("a number too large for a double is not finite", () => {
    expect(parseNumberText("1e400", "Users", "required")).toEqual({ message: "Users must be a finite number." });
  });
});

describe("presets fill the form", () => {
  test("the taskpane opens on the first preset, and the form gives back its profile", () => {
    const v = initialForm();
    expect(v.preset).toBe(CALCULATOR_PRESETS[0].id);
    const parsed = parseForm(v);
    expect(parsed.problems).toEqual([]);
    expect(parsed.profile).toEqual(CALCULATOR_PRESETS[0].profile);
  });

  test.each(CALCULATOR_PRESETS.map((p) => [p.id, p] as const))("%s", (id, preset) => {
    const v = applyPreset(initialForm(), id);
    expect(v.preset).toBe(id);
    expect(v.name).toBe(preset.profile.name);
    expect(v.users).toBe(String(preset.profile.users));
    expect(v.workingDays).toBe("20");
    for (const [feature, q] of Object.entries(preset.profile.volumes)) expect(v.volumes[feature as "copilot"]).toBe(String(q));
    expect(parseForm(v).profile).toEqual(preset.profile);
  });

  test("the mid-market preset brings its own 55 tokens per Copilot user", () => {
    expect(applyPreset(initialForm(), "mid-market").tokensPerUser.copilot).toBe("55");
    expect(applyPreset(applyPreset(initialForm(), "mid-market"), "small").tokensPerUser.copilot).toBe("");
  });

  test("a preset keeps the analyst's card, currency, price, rounding and rate level", () => {
    let v = changeCard(initialForm(), "genesys-published");
    v = changeCurrency(v, "GBP");
    v = editField(v, "rounding", "up");
    v = editField(v, "level", "high");
    const e = applyPreset(v, "enterprise");
    expect([e.card, e.currency, e.pricePerToken, e.rounding, e.level]).toEqual(["genesys-published", "GBP", "0.7", "up", "high"]);
    expect(e.users).toBe("1000");
  });

  test("Custom keeps the figures; editing a profile figure makes the form Custom, the name does not", () => {
    const v = initialForm();
    expect(applyPreset(v, CUSTOM_PRESET)).toEqual({ ...v, preset: CUSTOM_PRESET });
    expect(editField(v, "volumes.voicebot", "10").preset).toBe(CUSTOM_PRESET);
    expect(editField(v, "users", "60").preset).toBe(CUSTOM_PRESET);
    expect(editField(v, "tokensPerUser.copilot", "45").preset).toBe(CUSTOM_PRESET);
    expect(editField(v, "name", "Acme").preset).toBe(v.preset);
    expect(editField(v, "preset", "enterprise").users).toBe("1000");
  });
});

describe("invalid input names its field", () => {
  test.each([
    ["users", "-5", "The number of users cannot be negative."],
    ["users", "fifty", "The number of users must be a number, e.g. 50."],
    ["users", "", "The number of users is required."],
    ["workingDays", "32", "Working days per month must be at most 31 (days a month)."],
    ["pricePerToken", "", "The price per token is required."],
    ["pricePerToken", "-1", "The price per token cannot be negative."],
    ["pricePerToken", "one dollar", "The price per token must be a number, e.g. 1.00."],
    ["volumes.scoring", "lots", "AI Scoring interactions per day must be a number, e.g. 50."],
    ["volumes.messaging", "-500", "Messages per month cannot be negative."],
    ["tokensPerUser.copilot", "-1", "Tokens per user cannot be negative."],
  ] as const)("%s = %p", (field, text, message) => {
    expect(problemsOf(editField(initialForm(), field, text))).toEqual({ [field]: message });
  });

  test("one message per field, in the order of the form", () => {
    let v = editField(initialForm(), "volumes.messaging", "x");
    v = editField(v, "users", "-1");
    v = editField(v, "pricePerToken", "");
    expect(parseForm(v).problems.map((p) => p.field)).toEqual(["users", "pricePerToken", "volumes.messaging"]);
  });

  test("a blank volume is 0; a blank own rate uses the card's", () => {
    const v = editField(editField(initialForm(), "volumes.messaging", ""), "tokensPerUser.copilot", "");
    const { profile, problems } = parseForm(v);
    expect(problems).toEqual([]);
    expect(profile.volumes.messaging).toBe(0);
    expect(profile.tokensPerUser).toEqual({});
  });
});

describe("currency and card set the regional price unless the analyst typed one", () => {
  test("the published card's price follows the currency", () => {
    let v = changeCard(initialForm(), "genesys-published");
    expect(v.pricePerToken).toBe("1");
    for (const [code, price] of [
      ["EUR", "0.8"],
      ["JPY", "120"],
      ["ZAR", "14.2"],
      ["CAD", "1.1"],
      ["USD", "1"],
    ]) {
      v = changeCurrency(v, code);
      expect([v.currency, v.pricePerToken]).toEqual([code, price]);
    }
  });

  test("a card without a price in the currency leaves the field for the analyst", () => {
    const v = changeCurrency(initialForm(), "EUR"); // study notes: USD only
    expect(v.pricePerToken).toBe("");
    expect(problemsOf(v)).toEqual({ pricePerToken: "The price per token is required." });
    expect(changeCard(v, "genesys-published").pricePerToken).toBe("0.8");
  });

  test("a typed price stays through currency and card changes, until 'use the card's price'", () => {
    let v = editField(changeCard(initialForm(), "genesys-published"), "pricePerToken", "0.95");
    expect(v.priceTyped).toBe(true);
    v = changeCurrency(v, "EUR");
    v = changeCard(v, "study-notes");
    expect(v.pricePerToken).toBe("0.95");
    v = changeCard(v, "genesys-published");
    expect(useCardPrice(v).pricePerToken).toBe("0.8");
    expect(useCardPrice(v).priceTyped).toBe(false);
  });

  test("clearing a typed price makes the field follow the card again", () => {
    let v = editField(initialForm(), "pricePerToken", "2");
    v = editField(v, "pricePerToken", "");
    expect(v.priceTyped).toBe(false);
    expect(changeCard(v, "genesys-published").pricePerToken).toBe("1");
  });
});

describe("fields and inputs", () => {
  test("every field has a distinct input id and reads back from the form", () => {
    const ids = FIELD_ORDER.map(inputId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(inputId("volumes.voicebot")).toBe("f-volumes-voicebot");
    const v = applyPreset(initialForm(), "mid-market");
    expect(fieldValue(v, "tokensPerUser.copilot")).toBe("55");
    expect(fieldValue(v, "volumes.voicebot")).toBe("250");
    expect(fieldValue(v, "users")).toBe("200");
  });

  test("the preset picker offers every preset, then Custom", () => {
    expect(CHOICES.preset.map((c) => c.value)).toEqual([...CALCULATOR_PRESETS.map((p) => p.id), CUSTOM_PRESET]);
    expect(CHOICES.preset.map((c) => c.label)).toEqual([...CALCULATOR_PRESETS.map((p) => p.label), "Custom (your own figures)"]);
  });
});
