/**
 * Functions added to Excel after Excel 2007 are stored in an .xlsx file with an "_xlfn." prefix
 * (IFNA is written as _xlfn.IFNA). Excel shows #NAME? for a formula that names one without it,
 * though Excel's own formula bar never shows the prefix. The sheet models hold formulas as a user
 * types them, so the writer adds the prefix where the file format needs it.
 *
 * The list is the part of Excel's "future functions" that Excel 2016 knows (the generated sheets
 * use nothing newer), from the Office Open XML documentation of the _xlfn prefix.
 */
export const FUTURE_FUNCTIONS: ReadonlySet<string> = new Set([
  "ACOT",
  "ACOTH",
  "AGGREGATE",
  "ARABIC",
  "BASE",
  "BETA.DIST",
  "BETA.INV",
  "BINOM.DIST",
  "BINOM.DIST.RANGE",
  "BINOM.INV",
  "BITAND",
  "BITLSHIFT",
  "BITOR",
  "BITRSHIFT",
  "BITXOR",
  "CEILING.MATH",
  "CEILING.PRECISE",
  "CHISQ.DIST",
  "CHISQ.DIST.RT",
  "CHISQ.INV",
  "CHISQ.INV.RT",
  "CHISQ.TEST",
  "COMBINA",
  "CONCAT",
  "CONFIDENCE.NORM",
  "CONFIDENCE.T",
  "COT",
  "COTH",
  "COVARIANCE.P",
  "COVARIANCE.S",
  "CSC",
  "CSCH",
  "DAYS",
  "DECIMAL",
  "ERF.PRECISE",
  "ERFC.PRECISE",
  "EXPON.DIST",
  "F.DIST",
  "F.DIST.RT",
  "F.INV",
  "F.INV.RT",
  "F.TEST",
  "FILTERXML",
  "FLOOR.MATH",
  "FLOOR.PRECISE",
  "FORECAST.ETS",
  "FORECAST.ETS.CONFINT",
  "FORECAST.ETS.SEASONALITY",
  "FORECAST.ETS.STAT",
  "FORECAST.LINEAR",
  "FORMULATEXT",
  "GAMMA",
  "GAMMA.DIST",
  "GAMMA.INV",
  "GAMMALN.PRECISE",
  "GAUSS",
  "HYPGEOM.DIST",
  "IFNA",
  "IFS",
  "IMCOSH",
  "IMCOT",
  "IMCSC",
  "IMCSCH",
  "IMSEC",
  "IMSECH",
  "IMSINH",
  "IMTAN",
  "ISFORMULA",
  "ISO.CEILING",
  "ISOWEEKNUM",
  "LOGNORM.DIST",
  "LOGNORM.INV",
  "MAXIFS",
  "MINIFS",
  "MODE.MULT",
  "MODE.SNGL",
  "MUNIT",
  "NEGBINOM.DIST",
  "NETWORKDAYS.INTL",
  "NORM.DIST",
  "NORM.INV",
  "NORM.S.DIST",
  "NORM.S.INV",
  "NUMBERVALUE",
  "PDURATION",
  "PERCENTILE.EXC",
  "PERCENTILE.INC",
  "PERCENTRANK.EXC",
  "PERCENTRANK.INC",
  "PERMUTATIONA",
  "PHI",
  "POISSON.DIST",
  "QUARTILE.EXC",
  "QUARTILE.INC",
  "RANK.AVG",
  "RANK.EQ",
  "RRI",
  "SEC",
  "SECH",
  "SHEET",
  "SHEETS",
  "SKEW.P",
  "STDEV.P",
  "STDEV.S",
  "SWITCH",
  "T.DIST",
  "T.DIST.2T",
  "T.DIST.RT",
  "T.INV",
  "T.INV.2T",
  "T.TEST",
  "TEXTJOIN",
  "UNICHAR",
  "UNICODE",
  "VAR.P",
  "VAR.S",
  "WEBSERVICE",
  "WEIBULL.DIST",
  "WORKDAY.INTL",
  "XOR",
  "Z.TEST",
]);

/** A function name right before "(", not preceded by a letter, digit, dot, underscore or "!". */
const CALL = /(^|[^A-Za-z0-9_.!])([A-Za-z][A-Za-z0-9.]*)\(/g;

/**
 * Adds "_xlfn." to the future functions a formula calls (without its leading "="), leaving text in
 * double quotes and sheet names in single quotes alone.
 */
export function prefixFutureFunctions(formula: string): string {
  // Split into quoted and unquoted runs; only unquoted runs hold function calls.
  const parts = formula.match(/"(?:[^"]|"")*"?|'(?:[^']|'')*'?|[^"']+/g) ?? [];
  let changed = false;
  const out = parts.map((part) => {
    if (part.startsWith('"') || part.startsWith("'")) return part;
    return part.replace(CALL, (whole, before: string, name: string) => {
      if (!FUTURE_FUNCTIONS.has(name.toUpperCase())) return whole;
      changed = true;
      return `${before}_xlfn.${name}(`;
    });
  });
  return changed ? out.join("") : formula;
}
