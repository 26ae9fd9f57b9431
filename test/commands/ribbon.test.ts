/**
 * The ribbon's commands in the shared runtime: which actions are associated, which insert a command
 * runs (the pane's tab when it has been built, the tab's default otherwise), what the pane is told,
 * and that Office always hears the command is done.
 */
import {
  associateRibbonCommands,
  offerPaneInsert,
  onCommandOutcome,
  RIBBON_COMMANDS,
  runCommand,
  SHOW_PANE_ACTION,
  type CommandOutcome,
  type RibbonCommand,
} from "../../src/commands/ribbon";
import { BUDGET_SHEET } from "../../src/taskpane/budget-view";
import { DASHBOARD_SHEET } from "../../src/taskpane/dashboard-view";
import { CALCULATOR_SHEET } from "../../src/taskpane/view-model";

type Handler = (event?: { completed?(): void }) => void;

function fakeOffice() {
  const handlers = new Map<string, Handler>();
  let shown = 0;
  return {
    handlers,
    shown: () => shown,
    office: {
      actions: { associate: (id: string, h: Handler) => void handlers.set(id, h) },
      addin: {
        showAsTaskpane: () => {
          shown++;
          return Promise.resolve();
        },
      },
    },
  };
}

/** Runs an associated handler as Office does and waits for its event.completed(). */
function press(handlers: Map<string, Handler>, id: string): Promise<void> {
  return new Promise((resolve) => handlers.get(id)!({ completed: resolve }));
}

const said: [RibbonCommand, CommandOutcome][] = [];
onCommandOutcome((c, o) => said.push([c, o]));
beforeEach(() => (said.length = 0));

test("the three commands name the sheet kinds the tabs insert", () => {
  expect(RIBBON_COMMANDS.map((c) => c.noun)).toEqual([CALCULATOR_SHEET.noun, BUDGET_SHEET.noun, DASHBOARD_SHEET.noun]);
});

test("associates the shortcut's action and every command; nothing without Office.actions", () => {
  const { office, handlers } = fakeOffice();
  expect(associateRibbonCommands(office)).toBe(true);
  expect([...handlers.keys()]).toEqual([SHOW_PANE_ACTION, "insertCalculator", "insertBudget", "insertDashboard"]);
  expect(associateRibbonCommands(undefined)).toBe(false);
  expect(associateRibbonCommands({})).toBe(false);
});

test("the shortcut opens the pane and completes", async () => {
  const { office, handlers, shown } = fakeOffice();
  associateRibbonCommands(office);
  await press(handlers, SHOW_PANE_ACTION);
  expect(shown()).toBe(1);
});

test("a tab that was built inserts what it holds; the pane hears the outcome; success leaves the pane as it is", async () => {
  const { office, handlers, shown } = fakeOffice();
  associateRibbonCommands(office);
  let calls = 0;
  offerPaneInsert("calculator", async () => {
    calls++;
    return { ok: true, message: "Inserted sheet 'Token Calculator (2)'." };
  });
  await press(handlers, "insertCalculator");
  expect(calls).toBe(1);
  expect(said).toEqual([[RIBBON_COMMANDS[0], { ok: true, message: "Inserted sheet 'Token Calculator (2)'." }]]);
  expect(shown()).toBe(0);
});

test("an insert that cannot run opens the pane, so its message can be read", async () => {
  const { office, handlers, shown } = fakeOffice();
  associateRibbonCommands(office);
  offerPaneInsert("annual budget", async () => ({ ok: false, message: "Fix the field marked above to insert the annual budget." }));
  await press(handlers, "insertBudget");
  expect(said[0][1]).toEqual({ ok: false, message: "Fix the field marked above to insert the annual budget." });
  expect(shown()).toBe(1);
});

test("a tab never opened inserts its default; code that cannot load is a message, not a silent failure", async () => {
  const asked: string[] = [];
  const outcome = await runCommand({ action: "x", noun: "sheet never offered" }, async () => async (noun) => {
    asked.push(noun);
    return { ok: true, message: "Inserted sheet 'X'." };
  });
  expect(asked).toEqual(["sheet never offered"]);
  expect(outcome.ok).toBe(true);
  const failed = await runCommand({ action: "x", noun: "another" }, () => Promise.reject(new Error("ChunkLoadError")));
  expect(failed).toEqual({ ok: false, message: "The another could not be inserted: its code could not be loaded. Check the connection and try again." });
});
