/**
 * Every currency of the published card: its overage price, how an amount is written in the
 * taskpane and the command line, and the number format the generated sheets give it.
 */
import { CURRENCY_CODES, formatMoney, getCard, InputError, pricePerToken, type CompiledCard, type CurrencyCode } from "../../src/core";
import { currencyFormat } from "../../src/sheets/formats";

const published = getCard("genesys-published") as CompiledCard;
const notes = getCard("study-notes") as CompiledCard;

/** shared/domain.md section 3: the published overage price per token, and 1,234.5 of it written out. */
const TABLE: readonly [CurrencyCode, number, string, string][] = [
  ["USD", 1.0, "$1,234.50", '"$"#,##0.00'],
  ["CAD", 1.1, "CA$1,234.50", '"CA$"#,##0.00'],
  ["AUD", 1.3, "A$1,234.50", '"A$"#,##0.00'],
  ["NZD", 1.4, "NZ$1,234.50", '"NZ$"#,##0.00'],
  ["GBP", 0.7, "£1,234.50", '"£"#,##0.00'],
  ["EUR", 0.8, "€1,234.50", '"€"#,##0.00'],
  ["BRL", 4.0, "R$1,234.50", '"R$"#,##0.00'],
  ["JPY", 120, "¥1,235", '"¥"#,##0'],
  ["ZAR", 14.2, "R1,234.50", '"R"#,##0.00'],
];

test("the table covers every currency the product knows", () => {
  expect(TABLE.map(([c]) => c).sort()).toEqual([...CURRENCY_CODES].sort());
});

describe.each(TABLE)("%s", (code, price, written, format) => {
  test(`costs ${price} a token on the published card`, () => expect(pricePerToken(published, code)).toBe(price));
  test(`writes 1,234.5 as ${written}`, () => expect(formatMoney(1234.5, code)).toBe(written));
  test(`has the sheet number format ${format}`, () => expect(currencyFormat(code)).toBe(format));
  test("the study-notes card prices only US dollars; other currencies need a typed price", () => {
    const p = pricePerToken(notes, code);
    if (code === "USD") expect(p).toBe(1);
    else expect((p as InputError).code).toBe("na");
  });
});
