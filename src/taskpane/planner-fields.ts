/**
 * What the Annual budget and Usage dashboard forms add to the field kit (field-kit.ts), kept out of
 * the taskpane's first load, which carries the calculator only: a check box, select options that
 * follow the months of the plan, rows that are rebuilt, rows the analyst adds and removes, and the
 * preview's card, figures and tables of figures.
 */
import { h, setText, type Attrs, type Child } from "./dom";
import { FieldKit, metric, type Choice, type TextOptions } from "./field-kit";

export interface PlannerTextOptions extends TextOptions {
  /** A unit that never changes, shown inside the input ("%"). */
  readonly unit?: string;
  readonly maxLength?: number;
  /** The label is for screen readers only (the column headers above say it on screen). */
  readonly hideLabel?: boolean;
  /** Build the message but let the caller place it (under a grid of small fields, full width). */
  readonly placeMessage?: (message: HTMLElement) => void;
}

export class PlannerFieldKit<P extends string> extends FieldKit<P> {
  override text(path: P, label: string, o: PlannerTextOptions = {}): HTMLElement {
    const field = super.text(path, label, { ...o, suffix: o.suffix || o.unit !== undefined });
    const r = this.refs.get(path);
    if (!r) return field;
    if (r.suffix && o.unit !== undefined) setText(r.suffix, o.unit);
    if (o.maxLength !== undefined) r.control.setAttribute("maxlength", String(o.maxLength));
    if (o.hideLabel) field.querySelector("label")?.setAttribute("class", "visually-hidden");
    if (o.placeMessage) o.placeMessage(r.message); // out of the field, where the caller wants it
    return field;
  }

  /** A check box whose value is "true" or "false". */
  checkbox(path: P, label: string, hint?: string): HTMLElement {
    const { id, message, hint: hintNode } = this.parts(path, hint);
    const input = h("input", { type: "checkbox", id, class: "checkbox-control", "data-path": path });
    const field = h("div", { class: "field" }, h("span", { class: "checkbox" }, input, h("label", { for: id }, label)), message, hintNode);
    return this.add(path, { control: input, message, hint: hintNode, suffix: null, field });
  }

  /** Forgets the fields whose path starts with `prefix` (rows that were removed or rebuilt). */
  forget(prefix: string): void {
    for (const path of [...this.refs.keys()]) if (path.startsWith(prefix)) this.refs.delete(path);
  }

  /** Replaces a select's options when their labels changed (the months of the plan); keeps the value. */
  setOptions(path: P, choices: readonly Choice[]): void {
    const select = this.refs.get(path)?.control;
    if (!(select instanceof HTMLSelectElement)) return;
    const same = select.options.length === choices.length && choices.every((c, i) => select.options[i].value === c.value && select.options[i].text === c.label);
    if (same) return;
    const value = select.value;
    select.replaceChildren(...choices.map((c) => h("option", { value: c.value }, c.label)));
    select.value = value;
  }
}

/**
 * Rows the analyst adds and removes (an initiative, a month of the review), each with a button
 * `data-remove="<index>"`. `add` and `remove` change the form, rebuild the rows and return how many
 * there are now; the focus then goes to the new row, or to the row that took the removed one's place
 * (the add button when none is left). `first` gives a row's first control.
 */
export function rowActions(
  list: HTMLElement,
  addButton: HTMLElement,
  o: { add(): number; remove(index: number): number; first(index: number): HTMLElement | undefined },
): void {
  addButton.addEventListener("click", () => o.first(o.add() - 1)?.focus());
  list.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-remove]");
    if (!button) return;
    const index = Number(button.dataset.remove);
    const left = o.remove(index);
    (o.first(Math.min(index, left - 1)) ?? addButton).focus();
  });
}

/** The preview's card: the heading "Preview" (id `${prefix}-preview-title`) over its parts. */
export const previewCard = (prefix: string, ...children: Child[]): HTMLElement =>
  h(
    "section",
    { class: "card", "aria-labelledby": `${prefix}-preview-title` },
    h("h2", { class: "section-title", id: `${prefix}-preview-title` }, "Preview"),
    ...children,
  );

/** A figure of the preview: its key in the view, its label, and the key of the note under it, if any. */
export interface MetricItem<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly note?: K;
  /** The whole width of the list (a long figure). */
  readonly wide?: boolean;
}

/**
 * The preview's figures: a list of metrics (field-kit.ts metric) with ids `${prefix}-${key}` in kebab
 * case ("b-annual-tokens") and `-note` after it. `paint` writes the figures of a view into them.
 */
export function metricList<K extends string>(
  prefix: string,
  items: readonly MetricItem<K>[],
): { element: HTMLElement; paint(figures: Readonly<Record<K, string>>): void } {
  const cells = items.map((it) => {
    const element = metric(`${prefix}-${it.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, it.label, it.note !== undefined);
    if (it.wide) element.classList.add("metric-wide");
    return { ...it, element };
  });
  return {
    element: h("dl", { class: "metrics" }, ...cells.map((c) => c.element)),
    paint(figures) {
      for (const c of cells) {
        // The metric holds its label, its value, then its note.
        setText(c.element.children[1], figures[c.key]);
        if (c.note !== undefined) setText(c.element.children[2], figures[c.note]);
      }
    },
  };
}

/** A table of figures: column headers (the first names the rows, the others head numbers) over `body`. */
export const figureTable = (attrs: Attrs, headers: readonly string[], body: HTMLElement): HTMLTableElement =>
  h("table", attrs, h("thead", {}, h("tr", {}, ...headers.map((t, i) => h("th", { scope: "col", class: i > 0 ? "num" : undefined }, t)))), body);

/** A row of a figure table: its name, then its figures (a figure may be several nodes: a number and its note). */
export const figureRow = (className: string | undefined, name: string, ...figures: (Child | Child[])[]): HTMLTableRowElement =>
  h("tr", { class: className }, h("th", { scope: "row" }, name), ...figures.map((f) => h("td", { class: "num" }, ...(Array.isArray(f) ? f : [f]))));
