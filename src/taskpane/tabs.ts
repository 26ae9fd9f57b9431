/**
 * The taskpane's tabs, driven by data: one tab for each sheet kind of the registry
 * (src/plan/sheet-kinds.ts), in its order and with its titles. A kind's panel is found by its name:
 * `./<id>-panel.ts` exporting `mount<Id>` (`mountBudget` in ./budget-panel.ts), loaded when its tab
 * is first opened, so nothing here lists the kinds (test/plan/sheet-kinds.test.ts fails when a kind
 * has no such panel). Keyboard: the tab list is one tab stop; arrow keys, Home and End move between
 * tabs (WAI-ARIA tabs pattern, automatic activation).
 */
import { SHEET_KINDS, type SheetKindId } from "../plan/sheet-kinds";
import { mountCalculator } from "./calculator-panel";
import { h } from "./dom";
import { lazyMount } from "./lazy-tabs";
import type { HostState } from "./view-model";

/** What a tab's content may ask of the page. */
export interface TabContext {
  /** Where the add-in runs now. */
  host(): HostState;
  /** Called whenever the host state changes. */
  onHostChange(listener: (state: HostState) => void): void;
}

export interface TabDefinition {
  readonly id: string;
  readonly label: string;
  /** A shorter label for narrow panes ("Budget" for "Annual budget"); the full one otherwise. */
  readonly shortLabel?: string;
  /** Builds the tab's content into its panel, once, the first time the tab is shown. */
  readonly mount: (panel: HTMLElement, ctx: TabContext) => void;
}

type Mount = TabDefinition["mount"];

/** The panels in the first load (the first tab's, shown at once); every other kind's loads with its tab (lazy-tabs.ts). */
const FIRST_LOAD: { readonly [K in SheetKindId]?: Mount } = { calculator: mountCalculator };

/** The name a kind's panel module exports its mount as: "mountBudget" for "budget", "mountUsageReview" for "usage-review". */
export const panelMountName = (id: string): string => `mount${id.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase())}`;

/** Loads a kind's panel by the naming convention; webpack makes a chunk of each ./*-panel.ts ("budget-panel.js"). */
function loadPanel(id: SheetKindId): Promise<Mount> {
  return import(/* webpackChunkName: "[request]" */ `./${id}-panel`).then((m: Record<string, unknown>) => {
    const mount = m[panelMountName(id)];
    if (typeof mount !== "function") throw new Error(`./${id}-panel does not export ${panelMountName(id)}.`);
    return mount as Mount;
  });
}

const TABS: readonly TabDefinition[] = SHEET_KINDS.map((k) => ({
  id: k.id,
  label: k.title,
  ...("shortTitle" in k ? { shortLabel: k.shortTitle } : {}),
  mount: FIRST_LOAD[k.id] ?? lazyMount(k.noun, () => loadPanel(k.id)),
}));

/** The tab's label; with a short one, both, and taskpane.css shows the one that fits the pane. */
const tabLabels = (t: TabDefinition): HTMLElement[] =>
  t.shortLabel
    ? [h("span", { class: "tab-label tab-label-long" }, t.label), h("span", { class: "tab-label tab-label-short" }, t.shortLabel)]
    : [h("span", { class: "tab-label" }, t.label)];

export function mountTabs(tabList: HTMLElement, panels: HTMLElement, ctx: TabContext, tabs: readonly TabDefinition[] = TABS): void {
  const mounted = new Set<string>();
  const buttons = tabs.map((t) =>
    h(
      "button",
      { type: "button", role: "tab", class: "tab", id: `tab-${t.id}`, "aria-controls": `panel-${t.id}`, "aria-selected": "false", tabindex: "-1" },
      ...tabLabels(t),
    ),
  );
  const sections = tabs.map((t) => h("section", { role: "tabpanel", class: "panel", id: `panel-${t.id}`, "aria-labelledby": `tab-${t.id}`, hidden: true }));
  tabList.replaceChildren(...buttons);
  panels.replaceChildren(...sections);

  function select(index: number, focus: boolean): void {
    tabs.forEach((t, i) => {
      const on = i === index;
      buttons[i].setAttribute("aria-selected", on ? "true" : "false");
      buttons[i].tabIndex = on ? 0 : -1;
      sections[i].hidden = !on;
      if (on && !mounted.has(t.id)) {
        mounted.add(t.id);
        t.mount(sections[i], ctx);
      }
    });
    if (focus) buttons[index].focus();
  }

  buttons.forEach((b, i) => b.addEventListener("click", () => select(i, false)));
  tabList.addEventListener("keydown", (event) => {
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const last = buttons.length - 1;
    const next =
      event.key === "ArrowRight"
        ? current === last
          ? 0
          : current + 1
        : event.key === "ArrowLeft"
          ? current === 0
            ? last
            : current - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    select(next, true);
  });
  select(0, false);
}
