/**
 * A large paste imported in the Usage dashboard tab while keys are pressed: how long each key
 * waited before the page handled it (performance.now() - event.timeStamp, the input delay), and
 * the longest gap of a 10 ms timer (the longest the main thread was busy). Used by the e2e test of
 * the import worker and by `npm run bench`.
 */
import type { Page } from "playwright-core";
import { inPage } from "./browser";

export interface PasteProbe {
  readonly rows: number;
  readonly chars: number;
  /** Handling the paste event and painting, before the import starts (not part of the import). */
  readonly pasteLayoutMs: number;
  /** Characters the paste box holds after the paste (0: the text was held for the worker), and the line shown for it. */
  readonly boxChars: number;
  readonly held: string;
  /** Keys pressed by the probe (each should have been handled: `keys`). */
  readonly pressed: number;
  /** Keys pressed while the import ran, and the longest any of them waited to be handled. */
  readonly keys: number;
  readonly maxInputDelayMs: number;
  /** The longest the 10 ms timer was held up: the longest task on the main thread. */
  readonly longestGapMs: number;
  /** From the click on "Import pasted rows" to the status saying it is done. */
  readonly importMs: number;
  readonly status: string;
  /** Whether the page loaded the import worker's script. */
  readonly usedWorker: boolean;
}

/**
 * A pathological export as page script: a header of `columns` columns ("col0,col1,..."), no known
 * shape, and three rows of numbers (the import then asks for a column mapping).
 */
export function wideHeaderScript(columns: number): string {
  return `(function () {
    var header = [], row = [];
    for (var i = 0; i < ${columns}; i++) { header.push("col" + i); row.push(String(i)); }
    var r = row.join(",");
    return [header.join(","), r, r, r].join("\\n");
  })()`;
}

/** A usage report of `rows` rows, as page script (built in the page: no 10 MB over the wire). */
export function reportScript(rows: number): string {
  return `(function () {
    var lines = ["Date,Resource,Quantity,Unit"];
    for (var i = 0; i < ${rows}; i++) lines.push("2026-03-" + String(1 + (i % 28)).padStart(2, "0") + ",Agent Copilot," + (1 + (i % 7)) + ",Tokens");
    return lines.join("\\n");
  })()`;
}

/**
 * Pastes `rows` rows of a usage report into the paste box, as the browser delivers a paste (a paste
 * event carrying the text in its clipboardData), and waits until the page has handled it and painted.
 * Returns the characters, how long the paste took to handle and paint (the paste's own cost, before
 * the import), what the box then holds and the line that stands in for held text.
 */
export async function fillPaste(
  page: Page,
  rows: number,
  script: string = reportScript(rows),
): Promise<{ chars: number; layoutMs: number; boxChars: number; held: string }> {
  return inPage<{ chars: number; layoutMs: number; boxChars: number; held: string }>(
    page,
    `new Promise(function (done) {
      var text = ${script};
      var box = document.getElementById("d-import-text");
      var data = new DataTransfer();
      data.setData("text/plain", text);
      var start = performance.now();
      box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      void document.body.scrollHeight;
      requestAnimationFrame(function () { requestAnimationFrame(function () {
        var held = document.getElementById("d-import-held");
        var result = { chars: text.length, layoutMs: performance.now() - start, boxChars: box.value.length, held: held.hidden ? "" : held.querySelector("p").textContent };
        text = null;
        // A person takes a moment to reach "Import pasted rows": the page's idle time after the paste
        // (collecting this script's megabytes of garbage) is not counted as the import's.
        setTimeout(function () { done(result); }, 500);
      }); });
    })`,
  );
}

/** Starts the import with the paste box filled, presses keys in a probe input until the status changes, and measures. */
export async function probePasteImport(page: Page, rows: number, done: RegExp = /^Imported /, script?: string): Promise<PasteProbe> {
  const { chars, layoutMs, boxChars, held } = await fillPaste(page, rows, script);
  await inPage(
    page,
    `(function () {
      var probe = document.createElement("input");
      probe.id = "e2e-probe";
      probe.setAttribute("aria-label", "probe");
      document.body.appendChild(probe);
      var p = (window.__probe = { delays: [], longestGap: 0, start: 0 });
      probe.addEventListener("keydown", function (e) { p.delays.push(performance.now() - e.timeStamp); });
      var last = performance.now();
      p.timer = setInterval(function () { var now = performance.now(); p.longestGap = Math.max(p.longestGap, now - last); last = now; }, 10);
      p.start = performance.now();
      document.getElementById("d-import-paste").click();
      probe.focus();
      return true;
    })()`,
  );
  const started = Date.now();
  let status = "";
  let pressed = 0;
  while (Date.now() - started < 120_000) {
    await page.keyboard.press("a");
    pressed++;
    status = await page.locator("#d-import-status").innerText();
    const alert = await page.locator("#d-import-alert").innerText();
    if (done.test(status) || alert) {
      status = status || alert;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const r = await inPage<{ delays: number[]; longestGap: number; ms: number; worker: boolean }>(
    page,
    `(function () {
      var p = window.__probe; clearInterval(p.timer);
      document.getElementById("e2e-probe").remove();
      var worker = performance.getEntriesByType("resource").some(function (e) { return /import-worker\\.js$/.test(e.name); });
      return { delays: p.delays, longestGap: p.longestGap, ms: performance.now() - p.start, worker: worker };
    })()`,
  );
  return {
    rows,
    chars,
    pasteLayoutMs: Math.round(layoutMs),
    boxChars,
    held,
    pressed,
    keys: r.delays.length,
    maxInputDelayMs: Math.round(Math.max(0, ...r.delays) * 10) / 10,
    longestGapMs: Math.round(r.longestGap * 10) / 10,
    importMs: Math.round(r.ms),
    status,
    usedWorker: r.worker,
  };
}
