import { getCard, type CompiledCard } from "../../src/core";
import { article, describeRange, describeRate, formatPercent, signedTokens, tokensText } from "../../src/taskpane/wording";

const study = getCard("study-notes") as CompiledCard;
const published = getCard("genesys-published") as CompiledCard;
const f = (card: CompiledCard, id: string) => card.byId.get(id)!;

test.each([
  ["user", "a"],
  ["unit", "a"],
  ["interaction", "an"],
  ["evaluation", "an"],
  ["session", "a"],
])("%s takes %s", (word, a) => expect(article(word)).toBe(a));

test("rates in words, by licence and level", () => {
  expect(describeRate(f(study, "copilot"), "named", "mid")).toBe("50 tokens a user");
  expect(describeRate(f(study, "copilot"), "named", "low")).toBe("40 tokens a user");
  expect(describeRate(f(published, "copilot"), "concurrent", "mid")).toBe("60 tokens a concurrent user");
  expect(describeRate(f(study, "voicebot"), "named", "mid")).toBe("1 token per 17 minutes");
  expect(describeRate(f(published, "virtualagent"), "named", "mid")).toBe("0.5 token an interaction");
  expect(describeRate(f(study, "predictiverouting"), "named", "mid")).toBe("included (no tokens)");
  expect(describeRange(f(study, "analytics"))).toBe("30-45");
  expect(describeRange(f(study, "scoring"))).toBeUndefined();
});

test("figures", () => {
  expect(formatPercent(0.396)).toBe("39.6%");
  expect(formatPercent(1.25)).toBe("125%");
  expect(signedTokens(-2000)).toBe("-2,000");
  expect(signedTokens(2000)).toBe("+2,000");
  expect(signedTokens(0)).toBe("no change");
  expect(tokensText(1)).toBe("1 token");
  expect(tokensText(2701)).toBe("2,701 tokens");
});
