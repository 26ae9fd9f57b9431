/**
 * The footer buttons of the three tabs, as data: whether "Insert ..." and "Download .xlsx" can run
 * now, their labels, the reason shown under them, and the outcome in words. The buttons stay
 * focusable and say why they do nothing; a second click while busy does nothing. The words are the
 * sheet kind's, from the registry (src/plan/sheet-kinds.ts).
 */
import type { SheetKindInfo } from "../plan/sheet-kinds";
import type { HostState } from "./view-model";
import { fixFirst } from "./wording";

/** What a tab inserts, in the words its buttons and messages use: the registry's entry of its sheet kind. */
export type SheetWords = Pick<SheetKindInfo, "noun" | "adds" | "downloads">;

export interface ActionView {
  readonly visible: boolean;
  /** Whether a click acts; the button stays focusable either way so its reason can be read. */
  readonly enabled: boolean;
  readonly busy: boolean;
  readonly label: string;
  /** Why the button does nothing now, or what it will do. */
  readonly reason: string;
}

export function sheetInsertView(kind: SheetWords, problemCount: number, host: HostState, busy: boolean): ActionView {
  const view = (enabled: boolean, reason: string, label = `Insert ${kind.noun}`): ActionView => ({ visible: true, enabled, busy, label, reason });
  if (busy) return view(false, `Inserting the ${kind.noun} sheet into the workbook…`, "Inserting…");
  if (problemCount > 0) return view(false, fixFirst(problemCount, `insert the ${kind.noun}`));
  if (host === "checking") return view(false, "Waiting for Excel…");
  if (host === "outside") return view(false, `Open this add-in in Excel to insert the ${kind.noun}; in a browser, download it as an .xlsx workbook instead.`);
  return view(true, kind.adds);
}

/** "Download .xlsx" is offered outside Excel only: inside it, the insert puts the same sheet into the open workbook. */
export function sheetDownloadView(kind: SheetWords, problemCount: number, host: HostState, busy: boolean): ActionView {
  const visible = host === "outside";
  const view = (enabled: boolean, reason = "", label = "Download .xlsx"): ActionView => ({ visible, enabled, busy, label, reason });
  if (busy) return view(false, "", "Preparing the workbook…");
  if (problemCount > 0) return view(false, fixFirst(problemCount, `download ${kind.downloads}`));
  return view(visible);
}

/** What the analyst reads once the browser has the workbook. */
export function sheetDownloadedMessage(kind: SheetWords, fileName: string): string {
  return `Downloaded '${fileName}': the ${kind.noun} in native Excel formulas, for Excel or LibreOffice.`;
}

/** What the analyst reads after a successful insert. */
export function insertedMessage(sheetName: string, skipped: readonly string[] = []): string {
  const more = skipped.length > 0 ? ` This version of Excel could not add: ${skipped.join("; ")}.` : "";
  return `Inserted sheet '${sheetName}'.${more}`;
}
