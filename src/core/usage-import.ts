/**
 * The usage import's public entry: read a usage export (CSV or the Platform API's JSON), map unknown
 * columns, total the AI Experience tokens, and make a dashboard of one month. The work is done by job
 * in ./usage/: csv (text and records), numbers (dates and quantities in any locale), shapes (what the
 * vendor's exports call things), json-shapes (the API's reports), mapping (which column plays which
 * role), aggregate (rows to totals, the dashboard of a month) and import (the two readers).
 */
export { detectDelimiter, parseCsv } from "./usage/csv";
export { parseQuantity, parseUsageDate } from "./usage/numbers";
export { COLUMN_ALIASES } from "./usage/shapes";
export { formatColumnMapping, headerSignature, parseColumnMapping, type ColumnMapping } from "./usage/mapping";
export { dashboardFromImport, importSummary, SKIP_LINES_SHOWN } from "./usage/aggregate";
export { importUsage, importUsageCsv, MAX_IMPORT_CHARS, MonthNeededError, previewUsage, UnknownColumnsError, type UsagePreview } from "./usage/import";
export { type ImportOptions, type UsageImport } from "./usage/types";
