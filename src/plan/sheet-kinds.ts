/**
 * The sheet kinds a workbook can hold: the one registry every face iterates. The command line's
 * --sheets, --help and presets, the plan file's sections, and the taskpane's tabs, inserts and
 * downloads all read it; nothing else lists the kinds.
 *
 * This file says what each kind is called, and stays light so the taskpane's first load can draw
 * its tabs from it. How a kind is made (its sheet name, presets, plan section, inputs, sheet and
 * summary) is ./kinds/<id>.ts, gathered by ./kinds/index.ts, which the compiler holds complete for
 * every id listed here. Face-neutral: no Office, no DOM, no file system.
 */

export interface SheetKindInfo {
  readonly id: string;
  /** What the sheet is, for --help and messages. */
  readonly label: string;
  /** The taskpane tab's label, and a shorter one for narrow panes. */
  readonly title: string;
  readonly shortTitle?: string;
  /** What the sheet is in the taskpane's buttons and messages: "Insert annual budget", "to insert the annual budget". */
  readonly noun: string;
  /** What its insert adds, said under the Insert button. */
  readonly adds: string;
  /** What "Download .xlsx" makes, in "Fix the field marked above to download ...". */
  readonly downloads: string;
}

/** Every kind, in the order of the taskpane's tabs, of --help and of a workbook's sheets. */
export const SHEET_KINDS = [
  {
    id: "calculator",
    label: "token calculator (the notes' quick estimate)",
    title: "Calculator",
    noun: "calculator",
    adds: "Adds a new sheet with this calculator, in native Excel formulas; no existing sheet is changed.",
    downloads: "the workbook",
  },
  {
    id: "budget",
    label: "annual budget (twelve months: growth, season, top-ups, no carryover)",
    title: "Annual budget",
    shortTitle: "Budget",
    noun: "annual budget",
    adds: "Adds a new sheet with this twelve-month budget, its chart and named results, in native Excel formulas; no existing sheet is changed.",
    downloads: "the annual budget",
  },
  {
    id: "dashboard",
    label: "usage dashboard (a month's actuals, health, actual vs budget)",
    title: "Usage dashboard",
    shortTitle: "Dashboard",
    noun: "usage dashboard",
    adds: "Adds a new sheet with this month's dashboard, its chart and named results, in native Excel formulas; no existing sheet is changed.",
    downloads: "the usage dashboard",
  },
] as const satisfies readonly SheetKindInfo[];

export type SheetKindId = (typeof SHEET_KINDS)[number]["id"];

export const SHEET_KIND_IDS: readonly SheetKindId[] = SHEET_KINDS.map((k) => k.id);

/** The registry's entry of a kind. */
export function sheetKind(id: SheetKindId): SheetKindInfo {
  return SHEET_KINDS.find((k) => k.id === id)!;
}
