/**
 * Is the page running inside Excel? Guarded for every way it may not be: office.js blocked or
 * offline (Office undefined), a plain browser (onReady answers with no host), another Office
 * application, or an onReady that never answers. The taskpane keeps its preview working in all of them.
 */
import type { HostState } from "./view-model";

/** How long to wait for Office.onReady before saying "not inside Excel"; a late answer still counts. */
export const ONREADY_PATIENCE_MS = 3000;

interface OfficeLike {
  onReady?: (callback?: (info: { host: unknown; platform: unknown }) => void) => Promise<{ host: unknown; platform: unknown }> | void;
  HostType?: { Excel?: unknown };
}

/** Calls `report` with "outside" after the patience runs out, and with "excel" or "outside" once Office answers. */
export function watchHost(report: (state: HostState) => void, patienceMs: number = ONREADY_PATIENCE_MS): void {
  const office = (globalThis as { Office?: OfficeLike }).Office;
  if (!office || typeof office.onReady !== "function") {
    report("outside");
    return;
  }
  let answered = false;
  const timer = setTimeout(() => answered || report("outside"), patienceMs);
  const answer = (state: HostState): void => {
    answered = true;
    clearTimeout(timer);
    report(state);
  };
  const excel = office.HostType?.Excel ?? "Excel";
  try {
    const done = office.onReady((info) => answer(info && info.host === excel ? "excel" : "outside"));
    if (done && typeof (done as Promise<unknown>).catch === "function") (done as Promise<unknown>).catch(() => answer("outside"));
  } catch {
    answer("outside");
  }
}
