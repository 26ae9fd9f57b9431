/**
 * The Calculator tab: builds its form from data, copies what the analyst types into FormValues,
 * and paints calculatorView() on every keystroke. All decisions live in form.ts and view-model.ts;
 * this file only moves values between them and the DOM.
 */
import { CALCULATOR_LINES, PER_USER_FEATURES, type PerUserFeature } from "../core/estimate";
import { byId, h, setText } from "./dom";
import { CHOICES, editField, fieldValue, FIELD_ORDER, initialForm, inputId, useCardPrice, type FieldPath, type FormValues } from "./form";
import type { TabContext } from "./tabs";
import { calculatorView, downloadedMessage, downloadView, insertedMessage, insertView, type CalculatorView } from "./view-model";

interface Choice {
  readonly value: string;
  readonly label: string;
}

interface FieldRefs {
  /** The element aria-invalid and aria-describedby go on: the input, the select, or the radio group. */
  readonly control: HTMLElement;
  readonly message: HTMLElement;
  readonly hint: HTMLElement | null;
  /** Where a unit shows inside the input ("minutes"). */
  readonly suffix: HTMLElement | null;
}

/** How long typing must pause before the live region speaks the new totals. */
const ANNOUNCE_AFTER_MS = 700;

export function mountCalculator(panel: HTMLElement, ctx: TabContext): void {
  let values: FormValues = initialForm();
  let busy = false;
  let downloading = false;
  let view: CalculatorView = calculatorView(values);
  const refs = new Map<FieldPath, FieldRefs>();

  // ---- building the form ---------------------------------------------------------------------
  const messageEl = (path: FieldPath): HTMLElement => h("p", { id: `${inputId(path)}-msg`, class: "field-message", hidden: true });
  const hintEl = (path: FieldPath, text = ""): HTMLElement => h("p", { id: `${inputId(path)}-hint`, class: "field-hint" }, text);

  interface TextFieldOptions {
    readonly hint?: string;
    /** Build the hint but let the caller place it (under a row of two fields, full width). */
    readonly detachedHint?: (hint: HTMLElement) => void;
    readonly suffix?: boolean;
    readonly numeric?: boolean;
    readonly placeholder?: string;
    /** Words read by screen readers after the visible label. */
    readonly srLabel?: string;
    readonly className?: string;
  }

  function textField(path: FieldPath, label: string, o: TextFieldOptions = {}): HTMLElement {
    const id = inputId(path);
    const input = h("input", {
      id,
      class: "input-control",
      type: "text",
      "data-path": path,
      inputmode: o.numeric ? "decimal" : undefined,
      autocomplete: "off",
      spellcheck: "false",
      placeholder: o.placeholder,
    });
    const suffix = o.suffix ? h("span", { class: "input-suffix", "aria-hidden": "true" }) : null;
    const message = messageEl(path);
    const hint = o.hint !== undefined ? hintEl(path, o.hint) : null;
    if (hint && o.detachedHint) o.detachedHint(hint);
    refs.set(path, { control: input, message, hint, suffix });
    return h(
      "div",
      { class: o.className ? `field ${o.className}` : "field" },
      h("label", { class: "field-label", for: id }, label, o.srLabel ? h("span", { class: "visually-hidden" }, o.srLabel) : null),
      h("span", { class: "input" }, input, suffix),
      message,
      o.detachedHint ? null : hint,
    );
  }

  function selectField(path: FieldPath, label: string, choices: readonly Choice[], hint?: string): HTMLElement {
    const id = inputId(path);
    const select = h("select", { id, class: "select-control", "data-path": path }, ...choices.map((c) => h("option", { value: c.value }, c.label)));
    const message = messageEl(path);
    const hintNode = hint !== undefined ? hintEl(path, hint) : null;
    refs.set(path, { control: select, message, hint: hintNode, suffix: null });
    return h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), h("span", { class: "select" }, select), message, hintNode);
  }

  function radioField(path: FieldPath, legend: string, choices: readonly Choice[], hint?: string): HTMLElement {
    const id = inputId(path);
    const message = messageEl(path);
    const hintNode = hint !== undefined ? hintEl(path, hint) : null;
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
    refs.set(path, { control: group, message, hint: hintNode, suffix: null });
    return h("div", { class: "field" }, h("span", { class: "field-label", id: `${id}-legend` }, legend), group, message, hintNode);
  }

  const group = (title: string, ...children: HTMLElement[]): HTMLElement =>
    h("fieldset", { class: "group" }, h("legend", { class: "group-title" }, title), ...children);

  const perUser = PER_USER_FEATURES as readonly string[];
  const volumeFields = CALCULATOR_LINES.flatMap((line) => {
    const fields = [textField(`volumes.${line.feature}`, line.label, { hint: "", suffix: true, numeric: true, placeholder: "0" })];
    if (perUser.includes(line.feature)) {
      const f = line.feature as PerUserFeature;
      fields.push(
        textField(`tokensPerUser.${f}`, "Own tokens per user", {
          srLabel: ` for ${line.label.replace(/ users$/, "")}`,
          hint: "",
          numeric: true,
          placeholder: "card's rate",
          className: "field-sub",
        }),
      );
    }
    return fields;
  });

  const useCardPriceButton = h("button", { type: "button", class: "button button-subtle button-small", hidden: true }, "Use the card's price");
  let priceHint: HTMLElement | null = null;
  const form = h(
    "form",
    { class: "form", novalidate: true, "aria-label": "Calculator inputs" },
    group(
      "Profile",
      selectField("preset", "Preset profile", CHOICES.preset, "The study notes' worked examples; editing a figure makes it your own."),
      textField("name", "Scenario name", { hint: "Written on the sheet as text." }),
      selectField("card", "Rate card", CHOICES.card, ""),
      radioField("licence", "Licence model", CHOICES.licence),
      h("div", { class: "row" }, textField("users", "Users", { numeric: true, hint: "Licensed agents." }), textField("workingDays", "Working days", { numeric: true, hint: "In a month." })),
    ),
    group(
      "Price of extra tokens",
      h(
        "div",
        { class: "row" },
        selectField("currency", "Currency", CHOICES.currency),
        textField("pricePerToken", "Price per token", { numeric: true, hint: "", detachedHint: (el) => (priceHint = el) }),
      ),
      h("div", { class: "field-below" }, priceHint, useCardPriceButton),
    ),
    group("Monthly volumes", ...volumeFields),
    group(
      "Options",
      radioField("rounding", "Rounding", CHOICES.rounding, "Per line, half up reproduces the study notes' totals."),
      radioField("level", "Rate level for ranged rates", CHOICES.level, ""),
    ),
  );

  // ---- the preview ---------------------------------------------------------------------------
  const metric = (id: string, label: string, sub = false): HTMLElement =>
    h("div", { class: "metric" }, h("dt", { class: "metric-label" }, label), h("dd", { class: "metric-value", id }), sub ? h("dd", { class: "metric-note", id: `${id}-note` }) : null);
  const results = h(
    "div",
    { id: "calc-results" },
    h(
      "div",
      { class: "health-row" },
      h("span", { class: "badge", id: "calc-health" }),
      h("span", { class: "health-text", id: "calc-health-text" }),
    ),
    h("p", { class: "advice", id: "calc-advice" }),
    h(
      "dl",
      { class: "metrics" },
      metric("calc-total", "Tokens a month"),
      metric("calc-allocation", "Allocation a month", true),
      metric("calc-overage", "Overage a month"),
      metric("calc-utilisation", "Utilisation"),
      metric("calc-monthly-cost", "Overage cost a month"),
      metric("calc-annual-cost", "Annual cost"),
    ),
  );
  const waiting = h("p", { class: "waiting", id: "calc-waiting", hidden: true });
  const rangeBody = h("tbody");
  const range = h(
    "div",
    { class: "range", id: "calc-range", hidden: true },
    h("h3", { class: "subheading" }, "Low, expected and high"),
    h("p", { class: "caption", id: "calc-range-note" }),
    h(
      "table",
      { class: "table", "aria-describedby": "calc-range-note" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Rate level"), h("th", { scope: "col", class: "num" }, "Tokens a month"), h("th", { scope: "col", class: "num" }, "Annual cost"))),
      rangeBody,
    ),
  );
  const bars = h("ul", { class: "bars", id: "calc-bars" });
  const chart = h("figure", { class: "chart", id: "calc-chart" }, h("figcaption", { class: "subheading" }, "Consumption by feature"), bars);
  const preview = h(
    "section",
    { class: "card", "aria-labelledby": "calc-preview-title" },
    h("h2", { class: "section-title", id: "calc-preview-title" }, "Preview"),
    waiting,
    results,
    range,
    chart,
  );

  const comparisonList = h("div", { class: "comparisons", id: "calc-comparisons" });
  const comparison = h(
    "section",
    { class: "card", "aria-labelledby": "calc-compare-title" },
    h("h2", { class: "section-title", id: "calc-compare-title" }, "What differs between the cards"),
    h("p", { class: "caption" }, "This profile priced on each card, with your price per token."),
    comparisonList,
  );

  // ---- the footer: summary, the insert button and (outside Excel) the download button ---------
  const insertButton = h("button", { type: "button", class: "button button-primary", id: "calc-insert", "aria-describedby": "calc-insert-reason" }, "Insert calculator");
  const downloadButton = h("button", { type: "button", class: "button button-primary", id: "calc-download", "aria-describedby": "calc-download-reason", hidden: true }, "Download .xlsx");
  const footer = h(
    "div",
    { class: "footer" },
    h("p", { class: "footer-summary", id: "calc-summary", "aria-hidden": "true" }),
    h("div", { class: "footer-actions" }, insertButton, downloadButton),
    h("p", { class: "field-hint", id: "calc-insert-reason" }),
    h("p", { class: "field-hint", id: "calc-download-reason" }),
    h("div", { class: "message-bar message-success", id: "calc-insert-status", role: "status" }),
    h("div", { class: "message-bar message-error", id: "calc-insert-alert", role: "alert" }),
  );
  const live = h("div", { class: "visually-hidden", id: "calc-live", "aria-live": "polite", "aria-atomic": "true" });

  panel.append(form, preview, comparison, footer, live);
  // The sticky footer must not hide the field that has the focus: the page keeps its height as
  // scroll padding (taskpane.css), measured while this panel shows (a hidden one measures 0).
  new ResizeObserver(() => {
    const height = footer.getBoundingClientRect().height;
    if (height > 0) document.documentElement.style.setProperty("--footer-height", `${Math.ceil(height)}px`);
  }).observe(footer);

  // ---- painting --------------------------------------------------------------------------------
  function syncInputs(): void {
    for (const path of FIELD_ORDER) {
      const r = refs.get(path);
      if (!r) continue;
      const value = fieldValue(values, path);
      if (r.control instanceof HTMLInputElement || r.control instanceof HTMLSelectElement) {
        if (r.control.value !== value) r.control.value = value;
      } else {
        for (const radio of r.control.querySelectorAll<HTMLInputElement>("input[type=radio]")) radio.checked = radio.value === value;
      }
    }
  }

  function paintFields(): void {
    for (const line of view.lines) {
      const r = refs.get(`volumes.${line.feature}`);
      if (!r) continue;
      if (r.hint) setText(r.hint, line.hint);
      if (r.suffix) setText(r.suffix, line.unit);
      r.control.closest(".field")?.classList.toggle("field-off-card", !line.onCard);
    }
    for (const [feature, hint] of Object.entries(view.ownRateHints)) {
      const r = refs.get(`tokensPerUser.${feature as PerUserFeature}`);
      if (r?.hint) setText(r.hint, hint);
    }
    const hints: [FieldPath, string][] = [
      ["card", view.cardNote],
      ["level", view.levelHint],
      ["pricePerToken", view.priceHint],
    ];
    for (const [path, text] of hints) {
      const hint = refs.get(path)?.hint;
      if (hint) setText(hint, text);
    }
    useCardPriceButton.hidden = !view.offerCardPrice;
    // Problems last, so aria-describedby sees the hints as they now are.
    for (const [path, r] of refs) {
      const problem = view.problems[path];
      setText(r.message, problem ?? "");
      r.message.hidden = !problem;
      r.control.setAttribute("aria-invalid", problem ? "true" : "false");
      r.control.closest(".field")?.classList.toggle("field-invalid", Boolean(problem));
      const described = [problem ? r.message.id : "", r.hint && r.hint.textContent ? r.hint.id : ""].filter(Boolean).join(" ");
      if (described) r.control.setAttribute("aria-describedby", described);
      else r.control.removeAttribute("aria-describedby");
    }
  }

  function paintResults(): void {
    const r = view.results;
    waiting.hidden = r !== null;
    setText(waiting, view.waiting);
    results.hidden = r === null;
    chart.hidden = r === null;
    if (r) {
      const badge = byId("calc-health", results);
      setText(badge, r.health);
      badge.className = `badge badge-${r.health.toLowerCase()}`;
      setText(byId("calc-health-text", results), r.healthText.replace(/^\w+: /, ""));
      setText(byId("calc-advice", results), r.advice);
      setText(byId("calc-total", results), r.total);
      setText(byId("calc-allocation", results), r.allocation);
      setText(byId("calc-allocation-note", results), r.allocationNote);
      setText(byId("calc-overage", results), r.overage);
      setText(byId("calc-utilisation", results), r.utilisation);
      setText(byId("calc-monthly-cost", results), r.monthlyCost);
      setText(byId("calc-annual-cost", results), r.annualCost);
    }
    range.hidden = view.range.length === 0;
    setText(byId("calc-range-note", range), view.rangeNote);
    rangeBody.replaceChildren(
      ...view.range.map((row) =>
        h(
          "tr",
          { class: row.selected ? "selected" : undefined },
          h("th", { scope: "row" }, row.selected ? `${row.label} (in use)` : row.label),
          h("td", { class: "num" }, row.total),
          h("td", { class: "num" }, row.annualCost),
        ),
      ),
    );
    bars.replaceChildren(
      ...(view.bars.length === 0
        ? [h("li", { class: "bar-empty" }, "No consumption: every volume is 0.")]
        : view.bars.map((b) => {
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
          })),
    );
    comparisonList.replaceChildren(
      ...(view.comparisons.length === 0
        ? [h("p", { class: "waiting" }, view.comparisonWaiting || "There is only one rate card.")]
        : view.comparisons.map((c) =>
            h(
              "div",
              { class: "comparison" },
              h("h3", { class: "subheading" }, `${c.cardName} card`),
              h("p", {}, c.sentence),
              h("p", { class: "comparison-difference" }, c.difference),
              c.details.length > 0 ? h("ul", { class: "details" }, ...c.details.map((d) => h("li", {}, d))) : null,
            ),
          )),
    );
  }

  function paintFooter(): void {
    const iv = insertView(view.problemCount, ctx.host(), busy);
    setText(insertButton, iv.label);
    insertButton.setAttribute("aria-disabled", iv.enabled ? "false" : "true");
    insertButton.classList.toggle("is-disabled", !iv.enabled);
    if (iv.busy) insertButton.setAttribute("aria-busy", "true");
    else insertButton.removeAttribute("aria-busy");
    setText(byId("calc-insert-reason", footer), iv.reason);
    const dv = downloadView(view.problemCount, ctx.host(), downloading);
    downloadButton.hidden = !dv.visible;
    setText(downloadButton, dv.label);
    downloadButton.setAttribute("aria-disabled", dv.enabled ? "false" : "true");
    downloadButton.classList.toggle("is-disabled", !dv.enabled);
    if (dv.busy) downloadButton.setAttribute("aria-busy", "true");
    else downloadButton.removeAttribute("aria-busy");
    setText(byId("calc-download-reason", footer), dv.reason);
    const r = view.results;
    setText(byId("calc-summary", footer), r ? `${r.total} tokens · ${r.health} · ${r.annualCost} a year` : "Preview paused: fix the marked fields.");
  }

  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  function announce(): void {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => setText(live, view.announcement), ANNOUNCE_AFTER_MS);
  }

  function render(): void {
    view = calculatorView(values);
    paintFields();
    paintResults();
    paintFooter();
    announce();
  }

  // ---- events ----------------------------------------------------------------------------------
  form.addEventListener("input", (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const path = target.dataset.path as FieldPath | undefined;
    if (!path) return;
    if (target instanceof HTMLInputElement && target.type === "radio" && !target.checked) return;
    values = editField(values, path, target.value);
    syncInputs();
    render();
  });
  // Enter in a field must not submit (and reload) the page.
  form.addEventListener("submit", (event) => event.preventDefault());
  useCardPriceButton.addEventListener("click", () => {
    values = useCardPrice(values);
    syncInputs();
    render();
    refs.get("pricePerToken")?.control.focus();
  });

  const status = byId("calc-insert-status", footer);
  const alert = byId("calc-insert-alert", footer);
  insertButton.addEventListener("click", async () => {
    const iv = insertView(view.problemCount, ctx.host(), busy);
    if (!iv.enabled) return; // also guards a second click while inserting
    busy = true;
    setText(status, "");
    setText(alert, "");
    paintFooter();
    const profile = view.profile;
    try {
      const { insertCalculator } = await import(/* webpackChunkName: "insert" */ "./insert");
      const outcome = await insertCalculator(profile);
      if (outcome.ok) setText(status, insertedMessage(outcome.sheetName, outcome.skipped));
      else setText(alert, outcome.message);
    } catch (e) {
      console.error("Could not load the insert code", e);
      setText(alert, "The insert code could not be loaded. Check the connection and try again.");
    } finally {
      busy = false;
      paintFooter();
    }
  });

  downloadButton.addEventListener("click", async () => {
    if (!downloadView(view.problemCount, ctx.host(), downloading).enabled) return; // also guards a second click
    downloading = true;
    setText(status, "");
    setText(alert, "");
    paintFooter();
    const profile = view.profile;
    try {
      // Its own chunk; the writer with ExcelJS is a further chunk, loaded by src/xlsx on the first download.
      const { downloadCalculator } = await import(/* webpackChunkName: "download" */ "./download");
      const outcome = await downloadCalculator(profile);
      if (outcome.ok) setText(status, downloadedMessage(outcome.fileName));
      else setText(alert, outcome.message);
    } catch (e) {
      console.error("Could not load the download code", e);
      setText(alert, "The download code could not be loaded. Check the connection and try again.");
    } finally {
      downloading = false;
      paintFooter();
    }
  });

  ctx.onHostChange(() => paintFooter());

  syncInputs();
  render();
}
