/**
 * The Annual budget and Usage dashboard tabs, loaded when first opened: their code (forms, previews,
 * the annual plan and the usage import) and their stylesheet are chunks of their own, so the
 * taskpane's first load carries the calculator only. A chunk that cannot be fetched says so and
 * offers to try again.
 */
import { h } from "./dom";
import type { TabContext, TabDefinition } from "./tabs";

type Mount = (panel: HTMLElement, ctx: TabContext) => void;

// Emitted by webpack as a file of its own and linked (style-src 'self'), as taskpane.ts does with taskpane.css.
const PLANNER_STYLESHEET = new URL("./planner.css", import.meta.url);
let stylesheet: Promise<void> | undefined;

function plannerStyles(): Promise<void> {
  stylesheet ??= new Promise<void>((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = PLANNER_STYLESHEET.href;
    // A stylesheet that fails leaves the tab plain but usable: go on either way.
    link.addEventListener("load", () => resolve());
    link.addEventListener("error", () => resolve());
    document.head.appendChild(link);
  });
  return stylesheet;
}

function lazyMount(what: string, load: () => Promise<Mount>): Mount {
  return (panel, ctx) => {
    const attempt = (): void => {
      const loading = h("p", { class: "waiting", role: "status" }, `Loading the ${what}…`);
      panel.replaceChildren(loading);
      panel.setAttribute("aria-busy", "true");
      Promise.all([load(), plannerStyles()])
        .then(([mount]) => {
          panel.replaceChildren();
          mount(panel, ctx);
        })
        .catch((e) => {
          console.error(`Could not load the ${what}`, e);
          const retry = h("button", { type: "button", class: "button" }, "Try again");
          retry.addEventListener("click", attempt);
          panel.replaceChildren(h("div", { class: "message-bar message-error", role: "alert" }, `The ${what} could not be loaded. Check the connection and try again.`), retry);
        })
        .finally(() => panel.removeAttribute("aria-busy"));
    };
    attempt();
  };
}

export const BUDGET_TAB: TabDefinition = {
  id: "budget",
  label: "Annual budget",
  shortLabel: "Budget",
  mount: lazyMount("annual budget", () => import(/* webpackChunkName: "budget-tab" */ "./budget-panel").then((m) => m.mountBudget)),
};

export const DASHBOARD_TAB: TabDefinition = {
  id: "dashboard",
  label: "Usage dashboard",
  shortLabel: "Dashboard",
  mount: lazyMount("usage dashboard", () => import(/* webpackChunkName: "dashboard-tab" */ "./dashboard-panel").then((m) => m.mountDashboard)),
};
