/**
 * The ribbon's "Insert calculator", "Insert annual budget" and "Insert usage dashboard" buttons
 * (manifest.xml, ExecuteFunction actions), handled in the shared runtime: the taskpane page
 * associates each action id with a handler once office.js is ready (Office.actions.associate).
 *
 * A button inserts what the pane's tab holds now, through the tab's own insert (so the tab's footer
 * shows the outcome and the budget is remembered for the dashboard); for a tab not opened yet, the
 * tab's default, built from the same form defaults, through the same writer. The pane shows every
 * outcome in its command status; when the insert cannot run (a field to fix, Excel refusing the
 * sheet), the pane is opened so the message can be read. The keyboard shortcut's action opens the pane.
 * Nothing here calls Excel.run: the inserts of src/taskpane do, through src/excel.
 */

/** What an insert said, in words. */
export interface CommandOutcome {
  readonly ok: boolean;
  readonly message: string;
}

export interface RibbonCommand {
  /** The action id of manifest.xml's <FunctionName>. */
  readonly action: string;
  /** The sheet kind's noun, as the tab's footer names it ("annual budget"). */
  readonly noun: string;
}

export const RIBBON_COMMANDS: readonly RibbonCommand[] = [
  { action: "insertCalculator", noun: "calculator" },
  { action: "insertBudget", noun: "annual budget" },
  { action: "insertDashboard", noun: "usage dashboard" },
];

/** The keyboard shortcut's action (assets/shortcuts.json, named by the manifest's ExtendedOverrides): opens the pane. */
export const SHOW_PANE_ACTION = "showTaskpane";

/** A tab's insert as the ribbon runs it: the message it would show, without a click. */
export type PaneInsert = () => Promise<CommandOutcome>;

/** Where the runner gets an insert for a tab that has not been opened: its default profile or plan. */
export type DefaultInsert = (noun: string) => Promise<CommandOutcome>;

const paneInserts = new Map<string, PaneInsert>();
const listeners: ((command: RibbonCommand, outcome: CommandOutcome) => void)[] = [];

/** Called by a tab's footer when the tab is built: from then on the ribbon inserts what the tab holds. */
export function offerPaneInsert(noun: string, insert: PaneInsert): void {
  paneInserts.set(noun, insert);
}

/** Called with every command's outcome (the pane paints it). */
export function onCommandOutcome(listener: (command: RibbonCommand, outcome: CommandOutcome) => void): void {
  listeners.push(listener);
}

/** The default inserts, loaded on first use (they build a tab's default form and its sheet). */
const loadDefaults = (): Promise<DefaultInsert> => import(/* webpackChunkName: "ribbon-defaults" */ "./default-inserts").then((m) => m.insertDefault);

/** Runs one command: the tab's current content when it has been opened, its default otherwise. */
export async function runCommand(command: RibbonCommand, defaults: () => Promise<DefaultInsert> = loadDefaults): Promise<CommandOutcome> {
  let outcome: CommandOutcome;
  try {
    const pane = paneInserts.get(command.noun);
    outcome = pane ? await pane() : await (await defaults())(command.noun);
  } catch (e) {
    console.error(`Ribbon: insert ${command.noun} failed`, e);
    outcome = { ok: false, message: `The ${command.noun} could not be inserted: its code could not be loaded. Check the connection and try again.` };
  }
  for (const l of listeners) l(command, outcome);
  return outcome;
}

interface OfficeActions {
  actions?: { associate(id: string, handler: (event?: { completed?(): void }) => void): void };
  addin?: { showAsTaskpane(): Promise<void> };
}

/**
 * Associates every ribbon action with its handler. Without Office.actions (a plain browser, an old
 * Office) there is nothing to associate: returns false.
 */
export function associateRibbonCommands(office: OfficeActions | undefined = (globalThis as { Office?: OfficeActions }).Office): boolean {
  if (!office?.actions || typeof office.actions.associate !== "function") return false;
  office.actions.associate(SHOW_PANE_ACTION, (event) => {
    void Promise.resolve(office.addin?.showAsTaskpane())
      .catch(() => undefined)
      .finally(() => event?.completed?.());
  });
  for (const command of RIBBON_COMMANDS) {
    office.actions.associate(command.action, (event) => {
      void runCommand(command)
        .then((outcome) => {
          // The pane says what went wrong and where; open it (shared runtime: the same page).
          if (!outcome.ok) return office.addin?.showAsTaskpane().catch(() => undefined);
        })
        .finally(() => event?.completed?.());
    });
  }
  return true;
}
