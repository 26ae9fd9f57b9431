/**
 * The usage import's public entry: read a usage export (CSV or the Platform API's JSON), map unknown
 * columns, total the AI Experience tokens, and make a dashboard of one month. The work is done by job
 * in ./usage/: csv (text and records), numbers (dates and quantities in any locale), shapes (what the
 * vendor's exports call things), json-shapes (the API's reports), mapping (which column plays which
 * role), aggregate (rows to totals, the dashboard of a month) and import (the two readers).
 */
export { detectDelimiter, parseCsv, scanCsv, showText, columnKey, HEADER_SEARCH_LINES, MESSAGE_TEXT_MAX, type CsvRecord, type Delimiter } from "./usage/csv";
export { parseQuantity, parseUsageDate, parseUsageMonth, type DateOrder, type DecimalSeparator } from "./usage/numbers";
export { COLUMN_ALIASES, FEATURE_SYNONYMS, UNIT_SYNONYMS, type ColumnRole } from "./usage/shapes";
export {
  formatColumnMapping,
  headerSignature,
  MAPPING_KEYS,
  parseColumnMapping,
  type ColumnMapping,
  type ColumnRef,
  type TokenRowFilter,
} from "./usage/mapping";
export { dashboardFromImport, importSummary, SKIP_LINES_SHOWN, WEEKS_OF_MONTH, type DashboardFromImportOptions } from "./usage/aggregate";
export {
  importUsage,
  importUsageCsv,
  MAX_IMPORT_CHARS,
  MonthNeededError,
  PREVIEW_ROWS,
  PREVIEW_VALUES,
  previewUsage,
  UnknownColumnsError,
  type UsagePreview,
} from "./usage/import";
export {
  QUIET_SKIPS,
  SKIP_REASONS,
  type FeatureTotal,
  type ImportOptions,
  type MonthTotal,
  type SkipGroup,
  type SkippedTokenRow,
  type SkipReason,
  type UsageImport,
  type UsageRow,
  type UsageShape,
  type WeekTotal,
} from "./usage/types";
