/**
 * Importing a usage export into the dashboard form, as pure functions: the text in, core
 * importUsage() and dashboardFromImport(), and out a report in words and the form with its
 * actuals filled in. A file that cannot be read, or that holds no AI-token row, returns the form it
 * was given, untouched: nothing changes but the report. A file whose columns are no known shape
 * asks for the analyst's column mapping (with its header and first rows); one without dates asks
 * for the month. importIntoForm is the one call into the core's import.
 *
 * What an import fills: the period, the actual tokens per feature, the weeks, the days, and the
 * actuals of the variance table (a month new to the table is added with its budget left to type).
 * The allocation, the card, the typed budgets and the months the file does not cover stay as they
 * were. Text of the file (column names, skipped examples) is reported only as cleaned, shortened
 * text (core showText), for textContent.
 */
import { InputError } from "../core/errors";
import { dashboardFromImport, previewUsage, type ColumnMapping, type UsageImport, type UsagePreview } from "../core/usage-import";
import { runUsageImport, type ImportRun } from "./import-run";
import { formatTokens } from "../core/currencies";
import { MAX_VARIANCE_MONTHS } from "../core/usage-dashboard";
import {
  budgetLinks,
  CUSTOM_PRESET,
  dashboardFormFromData,
  monthOfLabel,
  parseDashboardForm,
  type DashboardFormValues,
  type LinkedBudget,
  type VarianceValues,
} from "./dashboard-form";
import { cardOf, parseNumberText } from "./form";

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Line numbers listed per skip reason in the report (the count is always complete). */
export const LINES_SHOWN = 5;

export interface ImportReport {
  /** "132 rows used, 20 skipped." */
  readonly headline: string;
  /** What was read: columns, period, total. */
  readonly details: readonly string[];
  /** One line per skip reason: "20 not an AI Experience token row: lines 4, 5, 6, 7, 8 and 15 more (e.g. "Data Storage Overage")". */
  readonly skipped: readonly string[];
  readonly warnings: readonly string[];
  /** AI-token rows that could not be used, one line each (the first ones), then how many more: an amber message. */
  readonly tokenRows: readonly string[];
}

export interface MonthChoice {
  readonly value: string;
  readonly label: string;
}

export type ImportOutcome =
  /** The file could not be read: the form is the one given. */
  | { readonly kind: "error"; readonly message: string; readonly form: DashboardFormValues }
  /**
   * The file's columns are no known shape (or the mapping given does not fit it): the analyst maps them.
   * The form is the one given.
   */
  | { readonly kind: "needs-mapping"; readonly message: string; readonly form: DashboardFormValues; readonly preview: UsagePreview }
  /** The rows carry no date: the analyst gives the month. The form is the one given. */
  | { readonly kind: "needs-month"; readonly message: string; readonly form: DashboardFormValues }
  /** The file was read but holds no AI-token row: the form is the one given. */
  | { readonly kind: "empty"; readonly message: string; readonly report: ImportReport; readonly form: DashboardFormValues }
  | {
      readonly kind: "filled";
      readonly message: string;
      readonly report: ImportReport;
      readonly form: DashboardFormValues;
      readonly imported: UsageImport;
      /** Token rows were skipped, or something needs checking: show the message in amber, never as a plain success. */
      readonly warned: boolean;
      /** The months of the file, oldest first, and the one shown. */
      readonly months: readonly MonthChoice[];
      readonly month: string;
    };

const n = (x: number): string => x.toLocaleString("en-US");

/** Why a file is not read at all (too large), before reading it; undefined when it may be read. */
export function fileProblem(file: { readonly name: string; readonly size: number }): string | undefined {
  if (file.size > MAX_IMPORT_BYTES) {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return `The file is ${mb(file.size)}; at most ${mb(MAX_IMPORT_BYTES)} can be imported. Export a shorter period, or only the AI Experience token rows.`;
  }
  if (file.size === 0) return "The file is empty.";
  if (/\.(xlsx|xlsm|xls|ods|numbers)$/i.test(file.name)) return "This is a spreadsheet, not a CSV file: save it as CSV (UTF-8) and import that.";
  return undefined;
}

/** Why pasted text is not read (too large); undefined when it may be. */
export function pastedProblem(text: string): string | undefined {
  if (text.trim() === "") return "Paste the rows of a usage export first, with its header line.";
  if (text.length > MAX_IMPORT_BYTES)
    return `The pasted text has ${n(text.length)} characters; at most ${n(MAX_IMPORT_BYTES)} can be imported. Export a shorter period, or only the AI Experience token rows.`;
  return undefined;
}

/**
 * Pasted text at least this long is held for the import as it was pasted, not put in the paste box:
 * a text box holding megabytes lays them out on the main thread (seconds for 200,000 rows), so the
 * pane would freeze before the import even starts. Shorter pastes go in the box, where they can be
 * read and corrected like typed text.
 */
export const HELD_PASTE_CHARS = 100_000;

/** Whether pasted text is held for the import instead of going in the paste box. */
export function holdsPaste(text: string): boolean {
  return text.length >= HELD_PASTE_CHARS;
}

/** The data rows of pasted text: its non-blank lines after the first (the header). */
export function pastedRows(text: string): number {
  let lines = 0;
  let from = 0;
  while (from < text.length) {
    let end = text.indexOf("\n", from);
    if (end < 0) end = text.length;
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13) {
        lines++;
        break;
      }
    }
    from = end + 1;
  }
  return Math.max(0, lines - 1);
}

/** The one line that stands in for held pasted text: "Pasted 200,000 rows, 12.3 MB." */
export function heldPasteSummary(rows: number, bytes: number): string {
  return `Pasted ${n(rows)} ${rows === 1 ? "row" : "rows"} after the header, ${(bytes / 1_000_000).toFixed(1)} MB: ready to import (not shown in the box).`;
}

/** The import in words. */
export function importReport(imp: UsageImport): ImportReport {
  const headline = `${n(imp.rowsUsed)} ${imp.rowsUsed === 1 ? "row" : "rows"} used, ${n(imp.rowsSkipped)} skipped.`;
  const cols = imp.columns;
  const read = [
    ...(cols.date ? [`date "${cols.date}"`] : []),
    ...(cols.period ? [`month "${cols.period}"`] : []),
    ...(cols.feature ? [`feature "${cols.feature}"`] : []),
    ...(cols.quantity ? [`quantity "${cols.quantity}"`] : []),
    ...(cols.unit ? [`unit "${cols.unit}"`] : []),
  ];
  const details = [`Columns read: ${read.join(", ")}${imp.headerLine > 0 ? ` (header on line ${imp.headerLine})` : " (JSON)"}.`];
  if (!imp.breakdown && imp.rowsUsed > 0)
    details.push("The export gives AI Experience tokens without a feature: one line, All AI features; no shares by feature.");
  for (const m of imp.months)
    if (m.partial) details.push(`${m.label} is partial: the export covers ${m.daysCovered} of its ${m.daysInMonth} days (${m.coveredFrom} to ${m.coveredTo}).`);
  if (imp.committedTokens !== null) details.push(`Committed (prepaid) tokens in the export: ${formatTokens(imp.committedTokens)}.`);
  if (imp.period) details.push(`${formatTokens(imp.total)} tokens from ${imp.period.from} to ${imp.period.to}.`);
  if (imp.ignoredColumns.length > 0) details.push(`Other columns ignored: ${imp.ignoredColumns.map((c) => `"${c}"`).join(", ")}.`);
  const skipped = imp.skipped.map((s) => {
    const shown = s.lines.slice(0, LINES_SHOWN);
    const more = s.count - shown.length;
    const lines = `line${s.count === 1 ? "" : "s"} ${shown.join(", ")}${more > 0 ? ` and ${n(more)} more` : ""}`;
    return `${n(s.count)} ${s.label}: ${lines}${s.example ? ` (e.g. "${s.example}")` : ""}.`;
  });
  const tokenRows = imp.skippedTokenRows
    .slice(0, LINES_SHOWN)
    .map((r) => `Line ${r.line}${r.resource ? ` (${r.resource})` : ""}: ${r.label}${r.text ? ` ("${r.text}")` : ""}.`);
  const more = imp.tokenRowsSkipped - Math.min(LINES_SHOWN, imp.skippedTokenRows.length);
  if (more > 0) tokenRows.push(`And ${n(more)} more.`);
  // The first warning of the core lists the skipped token rows: the pane lists them one a line instead.
  const warnings = imp.tokenRowsSkipped > 0 ? imp.warnings.slice(1) : imp.warnings;
  return { headline, details, skipped, warnings, tokenRows };
}

/** The allocation the form holds, for dashboardFromImport (0 while it cannot be read: the form then says so). */
function allocationOf(form: DashboardFormValues): number {
  const r = parseNumberText(form.allocation, "", "required");
  return "value" in r ? r.value : 0;
}

/**
 * The variance rows after an import: a month the form already has gets the file's actual and keeps its
 * typed budget; a month it lacks is added with a blank budget (the file cannot know it); the rows of
 * months the file does not cover stay. In month order when every label can be read; the latest twelve.
 */
export function mergeVariance(rows: readonly VarianceValues[], imported: readonly { month: string; actual: number | null }[]): VarianceValues[] {
  const out = rows.map((r) => ({ ...r }));
  for (const m of imported) {
    if (m.actual === null) continue;
    const key = monthOfLabel(m.month);
    const row = out.find((r) => key !== undefined && monthOfLabel(r.month) === key);
    if (row) row.actual = String(m.actual);
    else out.push({ month: m.month, budgeted: "", actual: String(m.actual) });
  }
  const keys = out.map((r) => monthOfLabel(r.month));
  if (keys.every((k) => k !== undefined)) {
    const order = out.map((r, i) => ({ r, k: keys[i] as string })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    return order.map((x) => x.r).slice(-MAX_VARIANCE_MONTHS);
  }
  return out.slice(-MAX_VARIANCE_MONTHS);
}

/** Fills the form from one month of an import; the form as given when that month has no rows. */
export function fillFromImport(form: DashboardFormValues, imp: UsageImport, month: string): DashboardFormValues {
  const d = dashboardFromImport(imp, allocationOf(form), { month });
  if (d instanceof InputError) return form;
  const filled = dashboardFormFromData(d, CUSTOM_PRESET, form.linkBudget);
  // The allocation and committed tokens stay as typed (the file does not know them), and so do the card and the typed budgets.
  return { ...filled, allocation: form.allocation, committed: form.committed, card: form.card, variance: mergeVariance(form.variance, d.variance ?? []) };
}

/** How to read a file: the analyst's mapping, a remembered one by header signature, the month of rows without dates. */
export interface ImportHow {
  readonly mapping?: ColumnMapping;
  /** A mapping remembered for a header signature (core headerSignature), used when no mapping is given. */
  readonly recall?: (signature: string) => ColumnMapping | undefined;
  /** YYYY-MM: the month of an export whose rows carry no date. */
  readonly month?: string;
}

/**
 * Reads a usage export and fills the form from its latest month (or `month`, when the file has it).
 * `budget`, the budget sheet inserted in this session, only tells which budgets still need typing.
 */
export function importIntoForm(
  form: DashboardFormValues,
  text: string,
  month?: string,
  budget: LinkedBudget | null = null,
  how: ImportHow = {},
): ImportOutcome {
  let remembered: Record<string, ColumnMapping> | undefined;
  if (!how.mapping && how.recall) {
    const preview = previewUsage(text);
    const m = preview instanceof InputError ? undefined : how.recall(preview.signature);
    if (m && !(preview instanceof InputError)) remembered = { [preview.signature]: m };
  }
  const run = runUsageImport(text, cardOf(form).id, {
    ...(how.mapping ? { mapping: how.mapping } : {}),
    ...(remembered ? { remembered } : {}),
    ...(how.month ? { month: how.month } : {}),
  });
  return outcomeOfImport(form, run, month, budget);
}

/** The form after an import already run (in the import worker or here: runUsageImport on the form's card). */
export function outcomeOfImport(form: DashboardFormValues, run: ImportRun, month?: string, budget: LinkedBudget | null = null): ImportOutcome {
  if (run.kind === "error") {
    if (run.need === "month")
      return { kind: "needs-month", message: `Nothing was imported yet: ${run.message} Type it in "Month of the export" and import again.`, form };
    if (run.need === "mapping" && run.preview) {
      const more =
        run.columns !== undefined && run.columns > run.preview.header.length
          ? ` The file has ${n(run.columns)} columns: the first ${n(run.preview.header.length)} are offered.`
          : "";
      return { kind: "needs-mapping", message: `Nothing was imported yet: ${run.message}${more} Pick the columns below.`, form, preview: run.preview };
    }
    return { kind: "error", message: `Nothing was imported: ${run.message} The dashboard is unchanged.`, form };
  }
  const imp = run.imported;
  const report = importReport(imp);
  if (imp.months.length === 0) {
    return { kind: "empty", message: "Nothing was imported: the file has no AI Experience token rows. The dashboard is unchanged.", report, form };
  }
  const months = imp.months.map((m) => ({ value: m.month, label: m.label }));
  const chosen = month !== undefined && imp.months.some((m) => m.month === month) ? month : imp.months[imp.months.length - 1].month;
  const filled = fillFromImport(form, imp, chosen);
  const label = months.find((m) => m.value === chosen)?.label ?? chosen;
  const more = months.length > 1 ? ` The file covers ${months.length} months: pick another below.` : "";
  const left = parseDashboardForm(filled, budget).problems;
  const links = budgetLinks(filled, budget);
  const blankBudgets = filled.variance.filter((r, i) => r.budgeted.trim() === "" && links[i] === undefined).length;
  const check =
    (left.some((p) => p.field === "allocation") ? " Type the period's allocation to see the health." : "") +
    (blankBudgets > 0
      ? ` Type the budget of ${blankBudgets === 1 ? "1 month" : `${blankBudgets} months`} in the table below (or insert an annual budget first).`
      : "");
  const warned = imp.status === "ok-with-warnings";
  const skippedNote =
    imp.tokenRowsSkipped > 0
      ? ` ${n(imp.tokenRowsSkipped)} AI-token ${imp.tokenRowsSkipped === 1 ? "row was" : "rows were"} skipped, so the actuals miss ${imp.tokenRowsSkipped === 1 ? "it" : "them"}: see below.`
      : "";
  return {
    kind: "filled",
    message: `Imported ${label} into the dashboard.${skippedNote}${more}${check}`,
    report,
    form: filled,
    imported: imp,
    warned,
    months,
    month: chosen,
  };
}
