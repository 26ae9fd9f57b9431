/**
 * A few lines of DOM building for the taskpane. Text always goes in as textContent, never as HTML,
 * and no style attribute is ever written (the page's Content-Security-Policy forbids inline styles):
 * looks come from classes in taskpane.css, and lengths from CSS custom properties set through CSSOM.
 */
import { safeMessage } from "../core/message-text";

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | boolean | undefined>;

/** Creates an element: attributes (true for a bare attribute, false/undefined to leave out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "style") throw new Error("Inline styles are not allowed by the taskpane's CSP: use a class.");
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/** Sets text only when it changed (keeps screen readers and layout quiet). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Shows a message (a field's problem, an error, a status): through the one sanitiser (core safeMessage), then as text. */
export function setMessage(el: Element, text: string): void {
  setText(el, text === "" ? "" : safeMessage(text));
}

/**
 * Links a stylesheet (style-src 'self' allows a <link>, not a <style>); resolves once it has loaded,
 * or failed: a page without its styles stays usable, so the caller goes on either way.
 */
export function linkStylesheet(url: URL): Promise<void> {
  return new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url.href;
    link.addEventListener("load", () => resolve());
    link.addEventListener("error", () => resolve());
    document.head.appendChild(link);
  });
}

/** Looks an element up by id; a missing id is a bug in the page, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string, root: Document | DocumentFragment | Element = document): T {
  const el = root instanceof Element ? root.querySelector<T>(`#${CSS.escape(id)}`) : (root as Document).getElementById(id);
  if (!el) throw new Error(`The taskpane has no element #${id}.`);
  return el as T;
}
