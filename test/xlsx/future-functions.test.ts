/** Functions newer than Excel 2007 are stored with "_xlfn."; text, sheet names and older functions are left alone. */
import { prefixFutureFunctions } from "../../src/xlsx/future-functions";

test.each([
  ["SUM(A1:A3)", "SUM(A1:A3)"],
  ["IFNA(MATCH(A1,B:B,0),0)", "_xlfn.IFNA(MATCH(A1,B:B,0),0)"],
  ["ifna(A1,0)+ceiling.math(B1)", "_xlfn.ifna(A1,0)+_xlfn.ceiling.math(B1)"],
  ["_xlfn.IFNA(A1,0)", "_xlfn.IFNA(A1,0)"],
  ['IF(A1="IFNA(x)",1,2)', 'IF(A1="IFNA(x)",1,2)'],
  ["'IFNA(sheet'!A1+DAYS(B1,C1)", "'IFNA(sheet'!A1+_xlfn.DAYS(B1,C1)"],
  ['"a""IFNA(b)"&STDEV.S(A1:A9)', '"a""IFNA(b)"&_xlfn.STDEV.S(A1:A9)'],
  ["MYIFNA(A1)+X.IFNA(A1)", "MYIFNA(A1)+X.IFNA(A1)"],
])("%s is stored as %s", (formula, stored) => {
  expect(prefixFutureFunctions(formula)).toBe(stored);
});
