/**
 * The building blocks of the three tabs. Form fields: a visible label, an optional hint and a message
 * under the control, aria-invalid and aria-describedby kept in step with them; fields are registered
 * by their form path, so a view's problems and hints find their controls, and every edit reaches the
 * tab as (path, text). Then the pieces around them: a group, a metric and a bar of the preview.
 * Text goes in as textContent only. What only the Annual budget and Usage dashboard tabs use is in
 * planner-fields.ts, out of the first load.
 */
import { h, setMessage, setText, type Child } from "./dom";
import type { Bar } from "./view-model";

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface FieldRefs {
  /** The element aria-invalid and aria-describedby go on: the input, the select, or the radio group. */
  readonly control: HTMLElement;
  readonly message: HTMLElement;
  readonly hint: HTMLElement | null;
  /** Where a unit shows inside the input ("minutes"). */
  readonly suffix: HTMLElement | null;
  readonly field: HTMLElement;
}

export interface TextOptions {
  readonly hint?: string;
  /** Room for a unit inside the input, set with setSuffix ("minutes"). */
  readonly suffix?: boolean;
  readonly numeric?: boolean;
  readonly placeholder?: string;
  /** The most characters the input takes (text fields: LIMITS.textLength). */
  readonly maxLength?: number;
  /** Words read by screen readers after the visible label. */
  readonly srLabel?: string;
  readonly className?: string;
  /** Build the hint but let the caller place it (under a row of two fields, full width). */
  readonly placeHint?: (hint: HTMLElement) => void;
}

export class FieldKit<P extends string> {
  readonly refs = new Map<P, FieldRefs>();

  constructor(readonly idOf: (path: P) => string) {}

  protected parts(path: P, hint: string | undefined): { id: string; message: HTMLElement; hint: HTMLElement | null } {
    const id = this.idOf(path);
    return {
      id,
      message: h("p", { id: `${id}-msg`, class: "field-message", hidden: true }),
      hint: hint !== undefined ? h("p", { id: `${id}-hint`, class: "field-hint" }, hint) : null,
    };
  }

  /** The label of control `id`, with words for screen readers only after the visible ones. */
  protected label(id: string, text: string, srLabel?: string): HTMLLabelElement {
    return h("label", { class: "field-label", for: id }, text, srLabel ? h("span", { class: "visually-hidden" }, srLabel) : null);
  }

  /** Registers a field under its path, so problems and hints find it; returns it. */
  protected add(path: P, refs: FieldRefs): HTMLElement {
    this.refs.set(path, refs);
    return refs.field;
  }

  text(path: P, label: string, o: TextOptions = {}): HTMLElement {
    const { id, message, hint } = this.parts(path, o.hint);
    const input = h("input", {
      id,
      class: "input-control",
      type: "text",
      "data-path": path,
      inputmode: o.numeric ? "decimal" : undefined,
      autocomplete: "off",
      spellcheck: "false",
      placeholder: o.placeholder,
      maxlength: o.maxLength !== undefined ? String(o.maxLength) : undefined,
    });
    const suffix = o.suffix ? h("span", { class: "input-suffix", "aria-hidden": "true" }) : null;
    if (hint && o.placeHint) o.placeHint(hint);
    const field = h(
      "div",
      { class: o.className ? `field ${o.className}` : "field" },
      this.label(id, label, o.srLabel),
      h("span", { class: "input" }, input, suffix),
      message,
      o.placeHint ? null : hint,
    );
    return this.add(path, { control: input, message, hint, suffix, field });
  }

  select(path: P, label: string, choices: readonly Choice[], o: { hint?: string; srLabel?: string } = {}): HTMLElement {
    const { id, message, hint } = this.parts(path, o.hint);
    const select = h("select", { id, class: "select-control", "data-path": path }, ...choices.map((c) => h("option", { value: c.value }, c.label)));
    const field = h("div", { class: "field" }, this.label(id, label, o.srLabel), h("span", { class: "select" }, select), message, hint);
    return this.add(path, { control: select, message, hint, suffix: null, field });
  }

  radio(path: P, legend: string, choices: readonly Choice[], hint?: string): HTMLElement {
    const { id, message, hint: hintNode } = this.parts(path, hint);
    const group = h(
      "div",
      { class: "radio-group", role: "radiogroup", "aria-labelledby": `${id}-legend` },
      ...choices.map((c) =>
        h(
          "span",
          { class: "radio" },
          h("input", { type: "radio", id: `${id}-${c.value}`, name: id, value: c.value, "data-path": path }),
          h("label", { for: `${id}-${c.value}` }, c.label),
        ),
      ),
    );
    const field = h("div", { class: "field" }, h("span", { class: "field-label", id: `${id}-legend` }, legend), group, message, hintNode);
    return this.add(path, { control: group, message, hint: hintNode, suffix: null, field });
  }

  setHint(path: P, text: string): void {
    const hint = this.refs.get(path)?.hint;
    if (hint) setText(hint, text);
  }

  setSuffix(path: P, text: string): void {
    const suffix = this.refs.get(path)?.suffix;
    if (suffix) setText(suffix, text);
  }

  /** Copies the form's values into the controls (only where they differ, so the caret stays put). */
  sync(valueOf: (path: P) => string): void {
    for (const [path, r] of this.refs) {
      const value = valueOf(path);
      const c = r.control;
      if (c instanceof HTMLInputElement && c.type === "checkbox") c.checked = value === "true";
      else if (c instanceof HTMLInputElement || c instanceof HTMLSelectElement) {
        if (c.value !== value) c.value = value;
      } else for (const radio of c.querySelectorAll<HTMLInputElement>("input[type=radio]")) radio.checked = radio.value === value;
    }
  }

  /** Shows each field's problem (or none), and points aria-describedby at the message and the hint. */
  paintProblems(problems: Readonly<Partial<Record<P, string>>>): void {
    for (const [path, r] of this.refs) {
      const problem = problems[path];
      setMessage(r.message, problem ?? "");
      r.message.hidden = !problem;
      r.control.setAttribute("aria-invalid", problem ? "true" : "false");
      r.field.classList.toggle("field-invalid", Boolean(problem));
      const described = [problem ? r.message.id : "", r.hint && r.hint.textContent ? r.hint.id : ""].filter(Boolean).join(" ");
      if (described) r.control.setAttribute("aria-describedby", described);
      else r.control.removeAttribute("aria-describedby");
    }
  }
}

/**
 * Calls `edit` with a field's path and its new text on every edit of the form: "true"/"false" for a
 * check box, a radio only as it becomes checked. Enter in a field does not submit (and reload) the page.
 */
export function onFieldInput<P extends string>(form: HTMLFormElement, edit: (path: P, text: string) => void): void {
  form.addEventListener("input", (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const path = target.dataset.path as P | undefined;
    if (!path) return;
    const box = target instanceof HTMLInputElement ? target.type : "";
    if (box === "radio" && !(target as HTMLInputElement).checked) return;
    edit(path, box === "checkbox" ? String((target as HTMLInputElement).checked) : target.value);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
}

/** A titled group of fields. */
export const group = (title: string, ...children: Child[]): HTMLFieldSetElement =>
  h("fieldset", { class: "group" }, h("legend", { class: "group-title" }, title), ...children);

/** A metric of the preview: label, value, optional note; ids `${id}` and `${id}-note`. */
export const metric = (id: string, label: string, note = false): HTMLElement =>
  h(
    "div",
    { class: "metric" },
    h("dt", { class: "metric-label" }, label),
    h("dd", { class: "metric-value", id }),
    note ? h("dd", { class: "metric-note", id: `${id}-note` }) : null,
  );

/** A bar of a chart by feature: its label, its figure in words, and a track filled to its length. */
export function barItem(b: Bar): HTMLLIElement {
  const fill = h("span", { class: "bar-fill" });
  // CSSOM, not a style attribute: allowed by the page's CSP.
  fill.style.setProperty("--length", b.length.toFixed(4));
  return h(
    "li",
    { class: "bar" },
    h("span", { class: "bar-label" }, b.label),
    h("span", { class: "bar-value" }, b.text),
    h("span", { class: "bar-track", "aria-hidden": "true" }, fill),
  );
}
