/**
 * The taskpane page's entry. The page is also the shared runtime of the custom functions (the
 * functions chunk loads first), so nothing here may assume Excel: every Office call is guarded and
 * the preview works in a plain browser. Nothing here calls Excel.run; src/excel does.
 */
import { associateRibbonCommands, onCommandOutcome } from "../commands/ribbon";
import { byId, linkStylesheet, setText } from "./dom";
import { watchHost } from "./office-host";
import { followBrowserTheme, followOfficeTheme } from "./office-theme";
import { mountTabs } from "./tabs";
import { HOST_STATUS, type HostState } from "./view-model";

// The stylesheet is emitted by webpack as a file of its own (a `new URL` asset) and linked here,
// as a <link>, which the page's CSP (style-src 'self') allows.
const STYLESHEET = new URL("./taskpane.css", import.meta.url);

async function useExcelSeparators(): Promise<void> {
  const [{ excelSeparators }, { useTypingSeparators }] = await Promise.all([import("../excel/culture"), import("./form")]);
  const sep = await excelSeparators();
  if (sep) useTypingSeparators(sep);
}

function start(): void {
  // assets/webview-check.js found a webview that cannot run the pane and shows its message instead.
  if (document.documentElement.classList.contains("unsupported")) return;
  followBrowserTheme();
  const app = byId("app");
  // Hidden until the stylesheet is there, so it never flashes unstyled.
  void linkStylesheet(STYLESHEET).then(() => {
    app.hidden = false;
  });

  let host: HostState = "checking";
  const listeners: ((s: HostState) => void)[] = [];
  const status = byId("host-status");
  const paintHost = (): void => {
    status.textContent = HOST_STATUS[host];
    status.dataset.host = host;
  };
  paintHost();

  mountTabs(byId("tabs"), byId("panels"), {
    host: () => host,
    onHostChange: (listener) => listeners.push(listener),
  });

  // The ribbon's Insert buttons run in this page (shared runtime); what they did shows under the header.
  const commandStatus = byId("command-status");
  onCommandOutcome((command, outcome) => {
    commandStatus.hidden = false;
    commandStatus.className = `message-bar ${outcome.ok ? "message-success" : "message-error"}`;
    setText(commandStatus, `Ribbon, Insert ${command.noun}: ${outcome.message}`);
  });

  watchHost((state) => {
    // A late "excel" answer wins over an earlier "outside" from the timeout.
    if (host === "excel" || state === host) return;
    if (state === "excel") {
      associateRibbonCommands();
      followOfficeTheme();
    }
    host = state;
    paintHost();
    // Typed numbers are read with Excel's separators once the host gives them (the browser's until then).
    if (host === "excel") void useExcelSeparators();
    for (const l of listeners) l(host);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
