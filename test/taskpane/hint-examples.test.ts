/**
 * A field's "must be a number, e.g. ..." message gives an example that fits that field: typed into
 * the field, the example is accepted. (A seasonal multiplier once suggested "50".)
 */
import { budgetView } from "../../src/taskpane/budget-view";
import { editBudgetField, initialBudgetForm, type BudgetFieldPath } from "../../src/taskpane/budget-form";
import { calculatorView } from "../../src/taskpane/view-model";
import { editField, initialForm, type FieldPath } from "../../src/taskpane/form";

const exampleIn = (message: string | undefined): string => {
  const m = /must be a number, e\.g\. ([^ ]+)\.$/.exec(message ?? "");
  if (!m) throw new Error(`no example in ${JSON.stringify(message)}`);
  return m[1];
};

const BUDGET_FIELDS: readonly BudgetFieldPath[] = [
  "seasonality.0",
  "topUps.0",
  "growth.figure",
  "buffers.unpredictability",
  "buffers.growth",
  "startMonth",
  "startYear",
  "users",
  "workingDays",
  "pricePerToken",
];

test.each(BUDGET_FIELDS)("annual budget: the example for %s is accepted by it", (field) => {
  const bad = budgetView(editBudgetField(initialBudgetForm(), field, "abc"));
  const example = exampleIn(bad.problems[field]?.replace(/^[A-Z][a-z]{2} \d{4}: /, ""));
  const good = budgetView(editBudgetField(initialBudgetForm(), field, example));
  expect(good.problems[field]).toBeUndefined();
});

test("annual budget: a seasonal multiplier's example is a multiplier, not a volume", () => {
  const bad = budgetView(editBudgetField(initialBudgetForm(), "seasonality.0", "abc"));
  expect(exampleIn(bad.problems["seasonality.0"]?.replace(/^[A-Z][a-z]{2} \d{4}: /, ""))).toBe("1.2");
});

const CALCULATOR_FIELDS: readonly FieldPath[] = ["users", "workingDays", "pricePerToken", "volumes.voicebot", "tokensPerUser.copilot"];

test.each(CALCULATOR_FIELDS)("calculator: the example for %s is accepted by it", (field) => {
  const bad = calculatorView(editField(initialForm(), field, "abc"));
  const example = exampleIn(bad.problems[field]);
  expect(calculatorView(editField(initialForm(), field, example)).problems[field]).toBeUndefined();
});
