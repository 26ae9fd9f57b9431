/** Number formats of the generated sheets. */
import { CURRENCIES, type CurrencyCode } from "../core/currencies";

/** Whole tokens with thousands separators. */
export const TOKENS_FORMAT = "#,##0";
/** A share with one decimal, grouped: 513,557.4% rather than 513557.4%. */
export const PERCENT_FORMAT = "#,##0.0%";
export const INTEGER_FORMAT = "0";
/** Tokens per unit of a rate: one to four decimals (50.0, 0.0588), never a trailing point. */
export const RATE_FORMAT = "#,##0.0###";

/** An amount in a currency: the symbol as literal text, grouped, with the currency's decimals. */
export function currencyFormat(code: CurrencyCode): string {
  const c = CURRENCIES[code];
  const symbol = `"${c.symbol.replace(/"/g, '""')}"`;
  return `${symbol}#,##0${c.decimals > 0 ? "." + "0".repeat(c.decimals) : ""}`;
}
/** Tokens with fractions (the "exact" rounding rule): grouped, two to four decimals. */
export const FRACTIONAL_TOKENS_FORMAT = "#,##0.00##";
/** Text: what is typed stays text, even when it starts with "=". */
export const TEXT_FORMAT = "@";
