/**
 * Currencies the product formats amounts in. Prices per token live in the rate cards; this is
 * only how an amount in a currency is written.
 */
export const CURRENCIES = {
  USD: { code: "USD", symbol: "$", decimals: 2, name: "US dollar" },
  CAD: { code: "CAD", symbol: "CA$", decimals: 2, name: "Canadian dollar" },
  AUD: { code: "AUD", symbol: "A$", decimals: 2, name: "Australian dollar" },
  NZD: { code: "NZD", symbol: "NZ$", decimals: 2, name: "New Zealand dollar" },
  GBP: { code: "GBP", symbol: "£", decimals: 2, name: "Pound sterling" },
  EUR: { code: "EUR", symbol: "€", decimals: 2, name: "Euro" },
  BRL: { code: "BRL", symbol: "R$", decimals: 2, name: "Brazilian real" },
  JPY: { code: "JPY", symbol: "¥", decimals: 0, name: "Japanese yen" },
  ZAR: { code: "ZAR", symbol: "R", decimals: 2, name: "South African rand" },
} as const satisfies Record<string, { code: string; symbol: string; decimals: number; name: string }>;

export type CurrencyCode = keyof typeof CURRENCIES;

export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export const isCurrencyCode = (x: string): x is CurrencyCode => Object.prototype.hasOwnProperty.call(CURRENCIES, x);

/** Writes an amount for display, e.g. formatMoney(20000, "USD") -> "$20,000.00". */
export function formatMoney(amount: number, code: CurrencyCode): string {
  const c = CURRENCIES[code];
  const fixed = fixedDigits(Math.abs(amount), c.decimals);
  const [whole, fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${amount < 0 ? "-" : ""}${c.symbol}${grouped}${fraction ? "." + fraction : ""}`;
}

/**
 * A non-negative number with `decimals` places; from 1e21, where toFixed itself switches to an
 * exponent ("1e+307") and digits past the 17th mean nothing, in Excel's scientific format: "1.00E+307".
 */
function fixedDigits(x: number, decimals: number): string {
  return x < 1e21 ? x.toFixed(decimals) : x.toExponential(2).toUpperCase();
}

/** Writes a whole number of tokens with thousands separators: 19810 -> "19,810". A finite figure never shows as "Infinity": 1e307 is "1.00E+307". */
/**
 * A share as a percentage with one decimal and grouping ("39.6%", "513,557.4%"): plain digits at any
 * size (formatTokens), never an exponent nor "Infinity%".
 */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (!Number.isFinite(pct)) return Number.isFinite(share) ? "n/a (too large)" : String(share);
  const text = formatTokens(Math.round(pct * 10) / 10);
  return `${text.includes(".") ? text : `${text}.0`}%`;
}

export function formatTokens(tokens: number): string {
  if (!Number.isFinite(tokens)) return String(tokens);
  // Hundredths where a double still has them; tokens x 100 overflows to Infinity above about 1.8e306.
  const rounded = Math.abs(tokens) < 1e13 ? Math.round(tokens * 100) / 100 : Math.round(tokens);
  const [whole, fraction] = (Math.abs(rounded) < 1e21 ? Math.abs(rounded).toString() : fixedDigits(Math.abs(rounded), 0)).split(/\.(?=\d+$)/);
  return `${rounded < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? "." + fraction : ""}`;
}
