/**
 * The sticky footer of the Annual budget and Usage dashboard tabs: a one-line summary, "Insert ..."
 * and (outside Excel) "Download .xlsx", the reason under each, and the outcome as a message bar.
 * The rules are the calculator's: the button says why it does nothing; a click while busy does
 * nothing; the insert code is loaded on the first click; every outcome is shown in words.
 */
import { h, setText } from "./dom";
import { paintAction } from "./field-kit";
import type { InsertOutcome } from "./insert";
import { sheetDownloadedMessage, sheetDownloadView, sheetInsertView, type SheetKind } from "./sheet-actions";
import type { DownloadOutcome } from "./planner-sheets";
import type { TabContext } from "./tabs";
import { insertedMessage } from "./view-model";

export interface FooterSource {
  problemCount(): number;
  summary(): string;
  /** Inserts what the form holds now; the promise rejects only when the insert code cannot be loaded. */
  insert(): Promise<InsertOutcome>;
  download(): Promise<DownloadOutcome>;
  /** Called after a successful insert, with the sheet's actual name; may add words to the message. */
  inserted?(sheetName: string): string | void;
}

export interface SheetFooter {
  readonly element: HTMLElement;
  paint(): void;
}

export function sheetFooter(prefix: string, kind: SheetKind, ctx: TabContext, src: FooterSource): SheetFooter {
  let inserting = false;
  let downloading = false;
  const insertReason = h("p", { class: "field-hint", id: `${prefix}-insert-reason` });
  const downloadReason = h("p", { class: "field-hint", id: `${prefix}-download-reason` });
  const insertButton = h("button", { type: "button", class: "button button-primary", id: `${prefix}-insert`, "aria-describedby": insertReason.id }, `Insert ${kind.noun}`);
  const downloadButton = h("button", { type: "button", class: "button button-primary", id: `${prefix}-download`, "aria-describedby": downloadReason.id, hidden: true }, "Download .xlsx");
  const summary = h("p", { class: "footer-summary", id: `${prefix}-summary`, "aria-hidden": "true" });
  const status = h("div", { class: "message-bar message-success", id: `${prefix}-insert-status`, role: "status" });
  const alert = h("div", { class: "message-bar message-error", id: `${prefix}-insert-alert`, role: "alert" });
  const element = h("div", { class: "footer" }, summary, h("div", { class: "footer-actions" }, insertButton, downloadButton), insertReason, downloadReason, status, alert);

  function paint(): void {
    const n = src.problemCount();
    paintAction(insertButton, insertReason, sheetInsertView(kind, n, ctx.host(), inserting));
    paintAction(downloadButton, downloadReason, sheetDownloadView(kind, n, ctx.host(), downloading));
    setText(summary, src.summary());
  }

  insertButton.addEventListener("click", async () => {
    if (!sheetInsertView(kind, src.problemCount(), ctx.host(), inserting).enabled) return; // also guards a second click
    inserting = true;
    setText(status, "");
    setText(alert, "");
    paint();
    try {
      const outcome = await src.insert();
      if (outcome.ok) {
        const more = src.inserted?.(outcome.sheetName);
        setText(status, `${insertedMessage(outcome.sheetName, outcome.skipped)}${more ? ` ${more}` : ""}`);
      } else setText(alert, outcome.message);
    } catch (e) {
      console.error("Could not load the insert code", e);
      setText(alert, "The insert code could not be loaded. Check the connection and try again.");
    } finally {
      inserting = false;
      paint();
    }
  });

  downloadButton.addEventListener("click", async () => {
    if (!sheetDownloadView(kind, src.problemCount(), ctx.host(), downloading).enabled) return;
    downloading = true;
    setText(status, "");
    setText(alert, "");
    paint();
    try {
      const outcome = await src.download();
      if (outcome.ok) setText(status, sheetDownloadedMessage(kind, outcome.fileName));
      else setText(alert, outcome.message);
    } catch (e) {
      console.error("Could not load the download code", e);
      setText(alert, "The download code could not be loaded. Check the connection and try again.");
    } finally {
      downloading = false;
      paint();
    }
  });

  ctx.onHostChange(() => paint());
  return { element, paint };
}

/** A polite live region that speaks a sentence once typing pauses. */
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
