/**
 * The sticky footer of every tab: a one-line summary, "Insert ..." and (outside Excel) "Download
 * .xlsx", the reason under each, and the outcome as a message bar. The button says why it does
 * nothing; a click while busy does nothing; the insert and download code is loaded on the first
 * click; every outcome is shown in words. The footer never hides the control that has the focus.
 */
import { offerPaneInsert } from "../commands/ribbon";
import type { SheetKindInfo } from "../plan/sheet-kinds";
import { h, setMessage, setText } from "./dom";
import { insertedMessage, sheetDownloadedMessage, sheetDownloadView, sheetInsertView, type ActionView } from "./sheet-actions";
import type { DownloadOutcome, InsertOutcome } from "./sheet-output";
import type { TabContext } from "./tabs";

/** One key result in the footer: "Tokens a month" "19,810". */
export interface SummaryFigure {
  readonly label: string;
  readonly value: string;
}

export interface FooterSource {
  problemCount(): number;
  /**
   * The key results, kept in view in the sticky footer while any field is edited (answer first): a
   * few figures, or a sentence while there are none (a field to fix).
   */
  summary(): string | readonly SummaryFigure[];
  /** Inserts what the form holds now; the promise rejects only when the insert code cannot be loaded. */
  insert(): Promise<InsertOutcome>;
  /** Downloads what the form holds now; rejects only when the download code cannot be loaded. */
  download(): Promise<DownloadOutcome>;
  /** Called after a successful insert, with the sheet's actual name; may add words to the message. */
  inserted?(sheetName: string): string | void;
}

/** What an action said, shown in the status or the alert. */
type Said = { readonly ok: boolean; readonly message: string };

export interface SheetFooter {
  readonly element: HTMLElement;
  paint(): void;
}

/** The footer; its elements' ids start with `prefix`: `${prefix}-insert`, `${prefix}-summary`... */
export function sheetFooter(prefix: string, kind: SheetKindInfo, ctx: TabContext, src: FooterSource): SheetFooter {
  const busy = { insert: false, download: false };
  const insertReason = h("p", { class: "field-hint", id: `${prefix}-insert-reason` });
  const downloadReason = h("p", { class: "field-hint", id: `${prefix}-download-reason` });
  const insertButton = h(
    "button",
    { type: "button", class: "button button-primary", id: `${prefix}-insert`, "aria-describedby": insertReason.id },
    `Insert ${kind.noun}`,
  );
  const downloadButton = h(
    "button",
    { type: "button", class: "button button-primary", id: `${prefix}-download`, "aria-describedby": downloadReason.id, hidden: true },
    "Download .xlsx",
  );
  // aria-hidden: the tab's live region speaks the same results once typing pauses.
  const summary = h("div", { class: "footer-summary", id: `${prefix}-summary`, "aria-hidden": "true" });
  const status = h("div", { class: "message-bar message-success", id: `${prefix}-insert-status`, role: "status" });
  const alert = h("div", { class: "message-bar message-error", id: `${prefix}-insert-alert`, role: "alert" });
  const element = h(
    "div",
    { class: "footer" },
    summary,
    h("div", { class: "footer-actions" }, insertButton, downloadButton),
    insertReason,
    downloadReason,
    status,
    alert,
  );

  const views = { insert: sheetInsertView, download: sheetDownloadView };
  const viewOf = (action: keyof typeof busy) => views[action](kind, src.problemCount(), ctx.host(), busy[action]);

  function paint(): void {
    paintAction(insertButton, insertReason, viewOf("insert"));
    paintAction(downloadButton, downloadReason, viewOf("download"));
    paintSummary(summary, src.summary());
  }

  /**
   * Runs an action once (a click while it runs, or while it cannot, does nothing) and shows what it
   * says: in the status when it worked, in the alert when not. `act` rejects only when its code
   * cannot be loaded.
   */
  async function run(action: keyof typeof busy, act: () => Promise<Said>): Promise<Said> {
    const now = viewOf(action);
    if (!now.enabled) return { ok: false, message: now.reason };
    busy[action] = true;
    setText(status, "");
    setText(alert, "");
    paint();
    let said: Said;
    try {
      said = await act();
    } catch (e) {
      console.error(`Could not load the ${action} code`, e);
      said = { ok: false, message: `The ${action} code could not be loaded. Check the connection and try again.` };
    } finally {
      busy[action] = false;
    }
    setMessage(said.ok ? status : alert, said.message);
    paint();
    return said;
  }

  const insert = (): Promise<Said> =>
    run("insert", async () => {
      const outcome = await src.insert();
      if (!outcome.ok) return outcome;
      const more = src.inserted?.(outcome.sheetName);
      return { ok: true, message: `${insertedMessage(outcome.sheetName, outcome.skipped)}${more ? ` ${more}` : ""}` };
    });
  insertButton.addEventListener("click", () => void insert());
  // The ribbon's "Insert ..." button inserts what this tab holds now, as this button does.
  offerPaneInsert(kind.noun, insert);
  downloadButton.addEventListener("click", () =>
    run("download", async () => {
      const outcome = await src.download();
      return outcome.ok ? { ok: true, message: sheetDownloadedMessage(kind, outcome.fileName) } : outcome;
    }),
  );

  ctx.onHostChange(() => paint());
  keepFocusClear(element);
  return { element, paint };
}

/** The footer's key results: a row of figures (label over value), or one sentence. */
function paintSummary(element: HTMLElement, said: string | readonly SummaryFigure[]): void {
  if (typeof said === "string") {
    element.classList.remove("footer-figures");
    setText(element, said);
    return;
  }
  element.classList.add("footer-figures");
  element.replaceChildren(
    ...said.map((f) =>
      h("div", { class: "footer-figure" }, h("span", { class: "footer-figure-label" }, f.label), h("span", { class: "footer-figure-value" }, f.value)),
    ),
  );
}

/** Sets a button's label, state and reason from an action view. */
function paintAction(button: HTMLButtonElement, reason: HTMLElement, a: ActionView): void {
  button.hidden = !a.visible;
  setText(button, a.label);
  button.setAttribute("aria-disabled", a.enabled ? "false" : "true");
  button.classList.toggle("is-disabled", !a.enabled);
  if (a.busy) button.setAttribute("aria-busy", "true");
  else button.removeAttribute("aria-busy");
  setText(reason, a.visible ? a.reason : "");
}

/**
 * Keyboard focus must not hide behind a sticky footer (WCAG 2.4.11): the page keeps the footer's
 * height as its scroll padding (taskpane.css, --footer-height), so a control reached with Tab scrolls
 * clear of it. Measured whenever the footer changes size, by the footer of the tab that shows: a
 * hidden tab's footer measures 0 and leaves the shown one's height in place.
 */
function keepFocusClear(footer: HTMLElement): void {
  new ResizeObserver(() => {
    const height = footer.getBoundingClientRect().height;
    if (height > 0) document.documentElement.style.setProperty("--footer-height", `${Math.ceil(height)}px`);
  }).observe(footer);
}

/** A polite live region that speaks a sentence once typing pauses (the tab's totals, after a keystroke). */
export function liveRegion(id: string, afterMs = 700): { element: HTMLElement; say(text: string): void } {
  const element = h("div", { class: "visually-hidden", id, "aria-live": "polite", "aria-atomic": "true" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    element,
    say(text) {
      clearTimeout(timer);
      timer = setTimeout(() => setText(element, text), afterMs);
    },
  };
}
