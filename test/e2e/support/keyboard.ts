/**
 * Keyboard walks for the e2e tests: which controls Tab should reach, where the focus is after each
 * press, and whether it shows. In-page code is passed as strings (see the note in browser.ts).
 */
import type { Page } from "playwright-core";
import { inPage } from "./browser";

/** In-page: how a control is named in a walk, its id or else its tag and text ("summary:Month by month"). */
const NAME = `function (el) { return el.id || el.tagName.toLowerCase() + ":" + el.textContent.trim().replace(/\\s+/g, " ").slice(0, 60); }`;

/**
 * In-page: the names of every visible control Tab stops at under `root` (a CSS selector), in document
 * order. A radio group is one stop: its checked radio.
 */
export function focusableIn(root: string): string {
  const under = ["a[href]", "button", "input", "select", "textarea", "summary", "[tabindex]"].map((s) => `${root} ${s}`).join(", ");
  return `Array.from(document.querySelectorAll(${JSON.stringify(under)}))
    .filter(function (el) { return el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0 && !(el.type === "radio" && !el.checked); })
    .map(${NAME})`;
}

export interface FocusState {
  readonly id: string;
  /** Focus-visible, drawn (a ring, or a field's underline), and not covered by anything (the sticky footer). */
  readonly visible: boolean;
}

/** In-page: the focused control's name and whether its focus can be seen. */
export const FOCUS_STATE = `(function () {
  var el = document.activeElement;
  if (!el || el === document.body) return { id: "(body)", visible: false };
  var style = getComputedStyle(el);
  var ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  // Inputs and selects show focus with the brand underline of their frame (.input / .select ::after).
  var frame = el.closest(".input, .select");
  var underline = false;
  if (frame) {
    var after = getComputedStyle(frame, "::after");
    underline = parseFloat(after.height) >= 2 && after.transform !== "none" && new DOMMatrix(after.transform).a === 1;
  }
  // Not hidden behind the sticky footer (WCAG 2.4.11): the middle of the control is the control.
  var box = el.getBoundingClientRect();
  var hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  var unobscured = Boolean(hit) && (el === hit || el.contains(hit) || Boolean(frame && frame.contains(hit)));
  return { id: (${NAME})(el), visible: el.matches(":focus-visible") && (ring || underline) && unobscured };
})()`;

/**
 * Presses `key` `steps` times and records the focus after each press. The page runs with
 * prefers-reduced-motion (see openTaskpane), so the underline has no transition to wait for.
 */
export async function walk(page: Page, key: "Tab" | "Shift+Tab", steps: number): Promise<FocusState[]> {
  const seen: FocusState[] = [];
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press(key);
    seen.push(await inPage<FocusState>(page, FOCUS_STATE));
  }
  return seen;
}
