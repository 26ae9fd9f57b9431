/**
 * Tabs loaded when first opened (tabs.ts: every tab but the first, the Annual budget and Usage dashboard): their code (forms, previews,
 * the annual plan and the usage import) and their stylesheet are chunks of their own, so the
 * taskpane's first load carries the calculator only. A chunk that cannot be fetched says so and
 * offers to try again.
 */
import { h, linkStylesheet } from "./dom";
import type { TabContext } from "./tabs";

type Mount = (panel: HTMLElement, ctx: TabContext) => void;

// Emitted by webpack as a file of its own and linked (style-src 'self'), as taskpane.ts does with taskpane.css.
const PLANNER_STYLESHEET = new URL("./planner.css", import.meta.url);
let stylesheet: Promise<void> | undefined;

/** Once for both tabs; a stylesheet that fails leaves the tab plain but usable. */
const plannerStyles = (): Promise<void> => (stylesheet ??= linkStylesheet(PLANNER_STYLESHEET));

/** A tab's mount that loads its panel (code and stylesheet) first, and offers to try again when it cannot. */
export function lazyMount(what: string, load: () => Promise<Mount>): Mount {
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
          panel.replaceChildren(
            h("div", { class: "message-bar message-error", role: "alert" }, `The ${what} could not be loaded. Check the connection and try again.`),
            retry,
          );
        })
        .finally(() => panel.removeAttribute("aria-busy"));
    };
    attempt();
  };
}
