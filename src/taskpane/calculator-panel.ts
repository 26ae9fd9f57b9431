/**
 * The Calculator tab: builds its form from data, copies what the analyst types into FormValues,
 * and paints calculatorView() on every keystroke. All decisions live in form.ts and view-model.ts;
 * this file only moves values between them and the DOM, with the blocks every tab is built of
 * (field-kit.ts) and the footer they share (sheet-footer.ts).
 */
import { CALCULATOR_LINES, PER_USER_FEATURES, type PerUserFeature } from "../core/estimate";
import type { CompiledCard } from "../core/card-registry";
import { CARDS, knownCards } from "../core/cards";
import { CONTRACT_CARD_ID } from "../core/contract-card";
import { mountContractEditor } from "./contract-editor";
import { listContract, offerContract, onContractOffered, ownVolumeFields } from "./contract-offer";
import { contractMoneyRows } from "./view-model";
import { byId, h, setText } from "./dom";
import { barItem, FieldKit, group, metric, onFieldInput } from "./field-kit";
import { CHOICES, editField, fieldValue, initialForm, inputId, useCardPrice, type FieldPath, type FormValues } from "./form";
import { LIMITS } from "../core/limits";
import { liveRegion, sheetFooter } from "./sheet-footer";
import type { TabContext } from "./tabs";
import { CALCULATOR_SHEET, calculatorView, type CalculatorView } from "./view-model";

export function mountCalculator(panel: HTMLElement, ctx: TabContext): void {
  let values: FormValues = initialForm();
  let view: CalculatorView = calculatorView(values, knownCards());
  const kit = new FieldKit<FieldPath>(inputId);

  // ---- building the form ---------------------------------------------------------------------
  const perUser = PER_USER_FEATURES as readonly string[];
  const volumeFields = CALCULATOR_LINES.flatMap((line) => {
    const fields = [kit.text(`volumes.${line.feature}`, line.label, { hint: "", suffix: true, numeric: true, placeholder: "0" })];
    if (perUser.includes(line.feature)) {
      const f = line.feature as PerUserFeature;
      fields.push(
        kit.text(`tokensPerUser.${f}`, "Own tokens per user", {
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

  // The card's own features (a contract's): a volume field each, rebuilt when the card's own features change.
  const ownVolumes = ownVolumeFields(kit, "calc-own-volumes");
  const useCardPriceButton = h("button", { type: "button", class: "button button-subtle button-small", hidden: true }, "Use the card's price");
  let priceHint: HTMLElement | null = null;
  const form = h(
    "form",
    { class: "form", novalidate: true, "aria-label": "Calculator inputs" },
    group(
      "Profile",
      kit.select("preset", "Preset profile", CHOICES.preset, { hint: "The study notes' worked examples; editing a figure makes it your own." }),
      kit.text("name", "Scenario name", { hint: "Written on the sheet as text.", maxLength: LIMITS.textLength }),
      kit.select("card", "Rate card", CHOICES.card, { hint: "" }),
      kit.radio("licence", "Licence model", CHOICES.licence),
      h(
        "div",
        { class: "row" },
        kit.text("users", "Users", { numeric: true, hint: "Licensed agents." }),
        kit.text("workingDays", "Working days", { numeric: true, hint: "In a month." }),
      ),
    ),
    group(
      "Price of extra tokens",
      h(
        "div",
        { class: "row" },
        kit.select("currency", "Currency", CHOICES.currency),
        kit.text("pricePerToken", "Price per token", { numeric: true, hint: "", placeHint: (el) => (priceHint = el) }),
      ),
      h("div", { class: "field-below" }, priceHint, useCardPriceButton),
    ),
    group(
      "Monthly volumes",
      ...volumeFields,
      ownVolumes.element,
      kit.text("otherTokens", "Other features", {
        numeric: true,
        suffix: true,
        placeholder: "0",
        hint: "The notes' line 7: tokens a month of features without a line (AI Summary, a new meter). Your own figure.",
      }),
    ),
    group(
      "Options",
      kit.radio("rounding", "Rounding", CHOICES.rounding, "Per line, half up reproduces the study notes' totals."),
      kit.radio("level", "Rate level for ranged rates", CHOICES.level, ""),
    ),
  );

  // ---- the preview ---------------------------------------------------------------------------
  const results = h(
    "div",
    { id: "calc-results" },
    h("div", { class: "health-row" }, h("span", { class: "badge", id: "calc-health" }), h("span", { class: "health-text", id: "calc-health-text" })),
    h("p", { class: "advice", id: "calc-advice" }),
    h("p", { class: "field-error", id: "calc-unpriced", role: "note", hidden: true }),
    h(
      "dl",
      { class: "metrics" },
      metric("calc-total", "Tokens a month"),
      metric("calc-allocation", "Allocation a month", true),
      metric("calc-overage", "Overage a month"),
      metric("calc-utilisation", "Utilisation"),
      metric("calc-unused", "Unused allocation", true),
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
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Rate level"),
          h("th", { scope: "col", class: "num" }, "Tokens a month"),
          h("th", { scope: "col", class: "num" }, "Annual cost"),
        ),
      ),
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
  // With a contract card: the contract against both shipped cards, in money (shipped cards at their list price).
  const moneyBody = h("tbody");
  const money = h(
    "div",
    { class: "range", id: "calc-contract-money", hidden: true },
    h("h3", { class: "subheading" }, "The contract against the shipped cards"),
    h(
      "table",
      { class: "table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Card"),
          h("th", { scope: "col", class: "num" }, "Tokens a month"),
          h("th", { scope: "col", class: "num" }, "Overage a month"),
          h("th", { scope: "col", class: "num" }, "Annual cost"),
        ),
      ),
      moneyBody,
    ),
  );
  comparison.append(money);

  // ---- the contract card: edited or imported, stored with the workbook, offered as a card ------
  // Offered to every tab (contract-offer.ts); this tab lists it and turns to it.
  const cardSelect = (): HTMLSelectElement => kit.refs.get("card")!.control as HTMLSelectElement;
  const contract = mountContractEditor(offerContract);
  onContractOffered((card: CompiledCard) => {
    listContract(cardSelect(), card);
    values = editField(values, "card", CONTRACT_CARD_ID);
    sync();
    render();
  });
  const loadContract = (): void => contract.loadFromWorkbook();

  // ---- the footer: summary, the insert button and (outside Excel) the download button ---------
  const live = liveRegion("calc-live");
  const footer = sheetFooter("calc", CALCULATOR_SHEET, ctx, {
    problemCount: () => view.problemCount,
    summary: () =>
      view.results
        ? [
            { label: "Tokens a month", value: view.results.total },
            { label: "Allocation", value: view.results.allocation },
            { label: "Health", value: view.results.health },
            { label: "Annual cost", value: view.results.annualCost },
          ]
        : "Preview paused: fix the marked fields.",
    insert: async () => {
      const profile = view.profile;
      const { insertSheetOf } = await import(/* webpackChunkName: "sheet-output" */ "./sheet-output");
      return insertSheetOf("calculator", profile);
    },
    download: async () => {
      const profile = view.profile;
      // Its own chunk; the writer with ExcelJS is a further chunk, loaded by src/xlsx on the first download.
      const { downloadSheetOf } = await import(/* webpackChunkName: "sheet-output" */ "./sheet-output");
      return downloadSheetOf("calculator", profile);
    },
  });

  panel.append(form, preview, comparison, footer.element, contract.element, live.element);

  // ---- painting --------------------------------------------------------------------------------
  const sync = (): void => kit.sync((path) => fieldValue(values, path));

  function paintFields(): void {
    if (ownVolumes.paint(view.ownLines)) sync();
    for (const line of view.lines) {
      kit.setHint(`volumes.${line.feature}`, line.hint);
      kit.setSuffix(`volumes.${line.feature}`, line.unit);
      kit.refs.get(`volumes.${line.feature}`)?.field.classList.toggle("field-off-card", !line.onCard);
    }
    for (const f of PER_USER_FEATURES) kit.setHint(`tokensPerUser.${f}`, view.ownRateHints[f]);
    kit.setHint("card", view.cardNote);
    kit.setHint("level", view.levelHint);
    kit.setHint("pricePerToken", view.priceHint);
    useCardPriceButton.hidden = !view.offerCardPrice;
    // Problems last, so aria-describedby sees the hints as they now are.
    kit.paintProblems(view.problems);
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
      setText(byId("calc-unused", results), r.unused);
      setText(byId("calc-unused-note", results), r.unusedText);
      const unpriced = byId("calc-unpriced", results);
      setText(unpriced, r.unpriced);
      unpriced.hidden = r.unpriced === "";
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
    bars.replaceChildren(...(view.bars.length === 0 ? [h("li", { class: "bar-empty" }, "No consumption: every volume is 0.")] : view.bars.map(barItem)));
    const rows = contractMoneyRows(view.profile, view.problemCount === 0, CARDS);
    money.hidden = rows.length === 0;
    moneyBody.replaceChildren(
      ...rows.map((row) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, row.card),
          h("td", { class: "num" }, row.tokens),
          h("td", { class: "num" }, row.overage),
          h("td", { class: "num" }, row.annualCost),
        ),
      ),
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

  function render(): void {
    view = calculatorView(values, knownCards());
    paintFields();
    paintResults();
    footer.paint();
    live.say(view.announcement);
  }

  // ---- events ----------------------------------------------------------------------------------
  onFieldInput<FieldPath>(form, (path, text) => {
    values = editField(values, path, text);
    sync();
    render();
  });
  useCardPriceButton.addEventListener("click", () => {
    values = useCardPrice(values);
    sync();
    render();
    kit.refs.get("pricePerToken")?.control.focus();
  });

  sync();
  render();
  if (ctx.host() === "excel") loadContract();
  ctx.onHostChange((state) => state === "excel" && loadContract());
}
