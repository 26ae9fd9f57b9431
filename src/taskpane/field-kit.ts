/**
 * Form fields for the Annual budget and Usage dashboard tabs, built the way the calculator builds
 * its own: a visible label, an optional hint and a message under the control, aria-invalid and
 * aria-describedby kept in step with them. Fields are registered by their form path, so a view's
 * problems and hints find their controls. Text goes in as textContent only.
 */
import { h, setText, type Child } from "./dom";

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
  readonly suffix?: boolean | string;
  readonly numeric?: boolean;
  readonly placeholder?: string;
  /** Words read by screen readers after the visible label. */
  readonly srLabel?: string;
  readonly className?: string;
  readonly maxLength?: number;
  /** The label is for screen readers only (the column headers above say it on screen). */
  readonly hideLabel?: boolean;
  /** Build the hint but let the caller place it (under a row of two fields, full width). */
  readonly placeHint?: (hint: HTMLElement) => void;
  /** Build the message but let the caller place it (under a grid of small fields, full width). */
  readonly placeMessage?: (message: HTMLElement) => void;
}

export class FieldKit<P extends string> {
  readonly refs = new Map<P, FieldRefs>();

  constructor(readonly idOf: (path: P) => string) {}

  private parts(path: P, hint: string | undefined): { id: string; message: HTMLElement; hint: HTMLElement | null } {
    const id = this.idOf(path);
    return {
      id,
      message: h("p", { id: `${id}-msg`, class: "field-message", hidden: true }),
      hint: hint !== undefined ? h("p", { id: `${id}-hint`, class: "field-hint" }, hint) : null,
    };
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
      maxlength: o.maxLength === undefined ? undefined : String(o.maxLength),
    });
    const suffix = o.suffix ? h("span", { class: "input-suffix", "aria-hidden": "true" }, typeof o.suffix === "string" ? o.suffix : "") : null;
    if (hint && o.placeHint) o.placeHint(hint);
    if (o.placeMessage) o.placeMessage(message);
    const field = h(
      "div",
      { class: o.className ? `field ${o.className}` : "field" },
      h("label", { class: o.hideLabel ? "visually-hidden" : "field-label", for: id }, label, o.srLabel ? h("span", { class: "visually-hidden" }, o.srLabel) : null),
      h("span", { class: "input" }, input, suffix),
      o.placeMessage ? null : message,
      o.placeHint ? null : hint,
    );
    this.refs.set(path, { control: input, message, hint, suffix, field });
    return field;
  }

  select(path: P, label: string, choices: readonly Choice[], o: { hint?: string; srLabel?: string; className?: string } = {}): HTMLElement {
    const { id, message, hint } = this.parts(path, o.hint);
    const select = h("select", { id, class: "select-control", "data-path": path }, ...choices.map((c) => h("option", { value: c.value }, c.label)));
    const field = h(
      "div",
      { class: o.className ? `field ${o.className}` : "field" },
      h("label", { class: "field-label", for: id }, label, o.srLabel ? h("span", { class: "visually-hidden" }, o.srLabel) : null),
      h("span", { class: "select" }, select),
      message,
      hint,
    );
    this.refs.set(path, { control: select, message, hint, suffix: null, field });
    return field;
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
    this.refs.set(path, { control: group, message, hint: hintNode, suffix: null, field });
    return field;
  }

  /** A check box whose value is "true" or "false". */
  checkbox(path: P, label: string, hint?: string): HTMLElement {
    const { id, message, hint: hintNode } = this.parts(path, hint);
    const input = h("input", { type: "checkbox", id, class: "checkbox-control", "data-path": path });
    const field = h("div", { class: "field" }, h("span", { class: "checkbox" }, input, h("label", { for: id }, label)), message, hintNode);
    this.refs.set(path, { control: input, message, hint: hintNode, suffix: null, field });
    return field;
  }

  /** Forgets the fields whose path starts with `prefix` (rows that were removed or rebuilt). */
  forget(prefix: string): void {
    for (const path of [...this.refs.keys()]) if (path.startsWith(prefix)) this.refs.delete(path);
  }

  setHint(path: P, text: string): void {
    const hint = this.refs.get(path)?.hint;
    if (hint) setText(hint, text);
  }

  setSuffix(path: P, text: string): void {
    const suffix = this.refs.get(path)?.suffix;
    if (suffix) setText(suffix, text);
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
      setText(r.message, problem ?? "");
      r.message.hidden = !problem;
      r.control.setAttribute("aria-invalid", problem ? "true" : "false");
      r.field.classList.toggle("field-invalid", Boolean(problem));
      const described = [problem ? r.message.id : "", r.hint && r.hint.textContent ? r.hint.id : ""].filter(Boolean).join(" ");
      if (described) r.control.setAttribute("aria-describedby", described);
      else r.control.removeAttribute("aria-describedby");
    }
  }
}

/** A titled group of fields. */
export const group = (title: string, ...children: Child[]): HTMLFieldSetElement =>
  h("fieldset", { class: "group" }, h("legend", { class: "group-title" }, title), ...children);

/** A metric of the preview: label, value, optional note; ids `${id}` and `${id}-note`. */
export const metric = (id: string, label: string, note = false): HTMLElement =>
  h("div", { class: "metric" }, h("dt", { class: "metric-label" }, label), h("dd", { class: "metric-value", id }), note ? h("dd", { class: "metric-note", id: `${id}-note` }) : null);

/** Sets a button's label, state and reason from an action view. */
export function paintAction(button: HTMLButtonElement, reason: HTMLElement, a: { visible: boolean; enabled: boolean; busy: boolean; label: string; reason: string }): void {
  button.hidden = !a.visible;
  setText(button, a.label);
  button.setAttribute("aria-disabled", a.enabled ? "false" : "true");
  button.classList.toggle("is-disabled", !a.enabled);
  if (a.busy) button.setAttribute("aria-busy", "true");
  else button.removeAttribute("aria-busy");
  setText(reason, a.visible ? a.reason : "");
}
