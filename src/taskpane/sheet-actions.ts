/**
 * The footer buttons of the Annual budget and Usage dashboard tabs, as data: whether "Insert ..."
 * and "Download .xlsx" can run now, their labels and the reason shown under them. The same rules as
 * the calculator's (view-model.ts insertView/downloadView): the buttons stay focusable and say why
 * they do nothing; a second click while busy does nothing.
 */
import type { HostState } from "./view-model";

/** What a tab inserts, in the words its buttons and messages use. */
export interface SheetKind {
  /** "annual budget": "Insert annual budget", "to insert the annual budget". */
  readonly noun: string;
  /** What the insert adds, for the ready reason. */
  readonly adds: string;
}

export const BUDGET_SHEET: SheetKind = { noun: "annual budget", adds: "Adds a new sheet with this twelve-month budget, its chart and named results, in native Excel formulas; no existing sheet is changed." };
export const DASHBOARD_SHEET: SheetKind = { noun: "usage dashboard", adds: "Adds a new sheet with this month's dashboard, its chart and named results, in native Excel formulas; no existing sheet is changed." };

export interface ActionView {
  readonly visible: boolean;
  /** Whether a click acts; the button stays focusable either way so its reason can be read. */
  readonly enabled: boolean;
  readonly busy: boolean;
  readonly label: string;
  readonly reason: string;
}

const fixFirst = (problemCount: number, what: string): string =>
  problemCount === 1 ? `Fix the field marked above to ${what}.` : `Fix the ${problemCount} fields marked above to ${what}.`;

export function sheetInsertView(kind: SheetKind, problemCount: number, host: HostState, busy: boolean): ActionView {
  const label = `Insert ${kind.noun}`;
  if (busy) return { visible: true, enabled: false, busy, label: "Inserting…", reason: `Inserting the ${kind.noun} sheet into the workbook…` };
  if (problemCount > 0) return { visible: true, enabled: false, busy, label, reason: fixFirst(problemCount, `insert the ${kind.noun}`) };
  if (host === "checking") return { visible: true, enabled: false, busy, label, reason: "Waiting for Excel…" };
  if (host === "outside")
    return { visible: true, enabled: false, busy, label, reason: `Open this add-in in Excel to insert the ${kind.noun}; in a browser, download it as an .xlsx workbook instead.` };
  return { visible: true, enabled: true, busy, label, reason: kind.adds };
}

/** "Download .xlsx" is offered outside Excel only: inside it, the insert puts the same sheet into the open workbook. */
export function sheetDownloadView(kind: SheetKind, problemCount: number, host: HostState, busy: boolean): ActionView {
  const visible = host === "outside";
  const label = "Download .xlsx";
  if (busy) return { visible, enabled: false, busy, label: "Preparing the workbook…", reason: "" };
  if (problemCount > 0) return { visible, enabled: false, busy, label, reason: fixFirst(problemCount, `download the ${kind.noun}`) };
  return { visible, enabled: visible, busy, label, reason: "" };
}

/** What the analyst reads once the browser has the workbook. */
export function sheetDownloadedMessage(kind: SheetKind, fileName: string): string {
  return `Downloaded '${fileName}': the ${kind.noun} in native Excel formulas, for Excel or LibreOffice.`;
}
