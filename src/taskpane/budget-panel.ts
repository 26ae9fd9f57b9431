/**
 * The Annual budget tab: builds its form from data, copies what the analyst types into
 * BudgetFormValues, and paints budgetView() on every keystroke. All decisions live in budget-form.ts
 * and budget-view.ts; this file only moves values between them and the DOM.
 */
import { PLAN_MONTHS } from "../core/annual-plan";
import { CALCULATOR_LINES, PER_USER_FEATURES, type PerUserFeature } from "../core/estimate";
import {
  addInitiative,
  BUDGET_CHOICES,
  budgetFieldValue,
  budgetInputId,
  editBudgetField,
  initialBudgetForm,
  MAX_INITIATIVES,
  removeInitiative,
  type BudgetFieldPath,
  type BudgetFormValues,
} from "./budget-form";
import { BUDGET_SHEET, budgetView, type BudgetView } from "./budget-view";
import { offerContractIn, ownVolumeFields } from "./contract-offer";
import { byId, h, setText } from "./dom";
import { group, onFieldInput } from "./field-kit";
import { useCardPrice } from "./form";
import { MONTH_NAMES } from "../core/calendar";
import { figureRow, figureTable, metricList, PlannerFieldKit, previewCard, rowActions } from "./planner-fields";
import { SESSION } from "./session";
import { liveRegion, sheetFooter } from "./sheet-footer";
import type { TabContext } from "./tabs";
import { LIMITS } from "../core/limits";

const MONTHS = Array.from({ length: PLAN_MONTHS }, (_, i) => i);
/** Names typed in the form: the one text limit of every face (src/core/limits.ts). */
const TEXT_MAX = LIMITS.textLength;

export function mountBudget(panel: HTMLElement, ctx: TabContext): void {
  let values: BudgetFormValues = initialBudgetForm();
  let view: BudgetView = budgetView(values);
  const kit = new PlannerFieldKit<BudgetFieldPath>(budgetInputId);

  // ---- the form ------------------------------------------------------------------------------
  let priceHint: HTMLElement | null = null;
  let usersHint: HTMLElement | null = null;
  const useCardPriceButton = h("button", { type: "button", class: "button button-subtle button-small", hidden: true }, "Use the card's price");
  const growthFigure = kit.text("growth.figure", "Users added a month", { numeric: true, hint: "" });
  const growthLabel = growthFigure.querySelector("label") as HTMLLabelElement;

  const perUser = PER_USER_FEATURES as readonly string[];
  const volumeLines = CALCULATOR_LINES.map((line) => {
    let hint: HTMLElement | null = null;
    const volume = kit.text(`volumes.${line.feature}`, line.label, { numeric: true, suffix: true, placeholder: "0", hint: "", placeHint: (el) => (hint = el) });
    const goLive = kit.select(`goLive.${line.feature}`, "Goes live", [], { srLabel: ` (${line.label})` });
    const own = perUser.includes(line.feature)
      ? kit.text(`tokensPerUser.${line.feature as PerUserFeature}`, "Own tokens per user", {
          srLabel: ` for ${line.label.replace(/ users$/, "")}`,
          hint: "",
          numeric: true,
          placeholder: "card's rate",
          className: "field-sub",
        })
      : null;
    return h("div", { class: "line" }, h("div", { class: "row row-wide-first" }, volume, goLive), hint, own);
  });

  // The card's own features (a contract's): a volume field each, built by the calculator's code.
  const ownVolumes = ownVolumeFields(kit, "b-own-volumes");

  const initiativeList = h("div", { class: "initiatives" });
  const addInitiativeButton = h("button", { type: "button", class: "button button-small", id: "b-add-initiative" }, "Add an initiative");

  const grids: [string, HTMLElement][] = [];
  const monthGrid = (field: "seasonality" | "topUps", what: string, placeholder: string): HTMLElement[] => {
    // A small cell has no room for a sentence: its message goes under the grid, naming the month.
    const messages = h("div", { class: "grid-messages" });
    const grid = h(
      "div",
      { class: "month-grid", role: "group", "aria-labelledby": `b-${field}-title`, "aria-describedby": `b-${field}-caption` },
      ...MONTHS.map((k) =>
        kit.text(`${field}.${k}`, "", { numeric: true, placeholder, srLabel: what, className: "field-month", placeMessage: (m) => messages.append(m) }),
      ),
    );
    grids.push([field, grid]);
    return [grid, messages];
  };

  const form = h(
    "form",
    { class: "form", novalidate: true, "aria-label": "Annual budget inputs" },
    group(
      "Plan",
      kit.select("preset", "Preset plan", BUDGET_CHOICES.preset, { hint: "The study notes' budget examples; editing a figure makes it your own." }),
      kit.text("name", "Plan name", { hint: "Written on the sheet as text.", maxLength: TEXT_MAX }),
      kit.select("card", "Rate card", BUDGET_CHOICES.card, { hint: "" }),
      kit.radio("licence", "Licence model", BUDGET_CHOICES.licence),
      h(
        "div",
        { class: "row" },
        kit.select(
          "startMonth",
          "First month",
          MONTH_NAMES.map((m, i) => ({ value: String(i + 1), label: m })),
        ),
        kit.text("startYear", "Year", { numeric: true }),
      ),
    ),
    group(
      "Licensed users",
      h(
        "div",
        { class: "row" },
        kit.text("users", "Users in the first month", { numeric: true, hint: "", placeHint: (el) => (usersHint = el) }),
        kit.text("workingDays", "Working days", { numeric: true, placeholder: "in a month" }),
      ),
      usersHint,
      kit.radio("growth.kind", "Growth", BUDGET_CHOICES.growthKind),
      growthFigure,
      kit.checkbox("followUsers", "Copilot and Analytics seats grow with the users", "Leave off when the growth is already in the volumes or an initiative."),
    ),
    group(
      "Price of extra tokens",
      h(
        "div",
        { class: "row" },
        kit.select("currency", "Currency", BUDGET_CHOICES.currency),
        kit.text("pricePerToken", "Price per token", { numeric: true, hint: "", placeHint: (el) => (priceHint = el) }),
      ),
      h("div", { class: "field-below" }, priceHint, useCardPriceButton),
    ),
    group(
      "Monthly volumes and go-live",
      h("p", { class: "caption" }, "An ordinary month's volumes; each feature counts from the month it goes live."),
      ...volumeLines,
      ownVolumes.element,
      kit.text("otherTokens", "Other features", {
        numeric: true,
        unit: "tokens",
        placeholder: "0",
        hint: "The notes' line 7: tokens a month of features without a line (AI Summary, a new meter). Your own figure; seasonal multipliers apply.",
      }),
    ),
    group(
      "New initiatives",
      h("p", { class: "caption" }, "Extra tokens a month from a go-live month: a new deployment, a new channel. Seasonal multipliers apply."),
      initiativeList,
      h("div", {}, addInitiativeButton),
    ),
    group(
      "Seasons and top-ups",
      h("h3", { class: "subheading", id: "b-seasonality-title" }, "Seasonal multipliers"),
      h(
        "p",
        { class: "caption", id: "b-seasonality-caption" },
        "1 is an ordinary month: 1.5 for a peak, 0.5 for a quiet one. Per-user seats are not seasonal.",
      ),
      ...monthGrid("seasonality", " seasonal multiplier", "1"),
      h("h3", { class: "subheading", id: "b-topUps-title" }, "Top-up tokens bought"),
      h("p", { class: "caption", id: "b-topUps-caption" }, "Bought tokens are paid whether used or not; unused tokens do not carry over."),
      ...monthGrid("topUps", " top-up tokens", "0"),
      kit.text("committedTokens", "Committed tokens a month", {
        numeric: true,
        unit: "tokens",
        hint: "Prepaid tokens of your contract each month, besides the allocation; blank: the contract card's, if any (0 is none). Overage is only above allocation + committed + top-ups.",
      }),
    ),
    group(
      "Budget buffers",
      h(
        "div",
        { class: "row" },
        kit.text("buffers.unpredictability", "Unpredictability", { numeric: true, unit: "%" }),
        kit.text("buffers.growth", "Growth", { numeric: true, unit: "%" }),
      ),
      h(
        "p",
        { class: "field-hint" },
        "The notes add +20% for unpredictability and 10-15% for growth. The figures above are the forecast without them; the buffered budget is shown beside.",
      ),
    ),
    group(
      "Options",
      kit.radio("rounding", "Rounding", BUDGET_CHOICES.rounding, "Per line, half up reproduces the study notes' totals."),
      kit.radio("level", "Rate level for ranged rates", BUDGET_CHOICES.level),
    ),
  );

  // Month labels of the two grids (they follow the first month).
  const monthLabelOf = (field: string, k: number): HTMLElement | null => kit.refs.get(`${field}.${k}` as BudgetFieldPath)?.field.querySelector("label") ?? null;

  // ---- the preview ---------------------------------------------------------------------------
  const waiting = h("p", { class: "waiting", id: "b-waiting", hidden: true });
  const figures = metricList("b", [
    { key: "annualTokens", label: "Annual tokens" },
    { key: "annualCost", label: "Annual cost" },
    { key: "monthsOver", label: "Annual overage", note: "monthsOverNote" },
    { key: "peak", label: "Peak month", note: "peakNote" },
    { key: "lastMonth", label: "Last month's tokens", note: "lastMonthNote" },
  ]);
  const results = h(
    "div",
    { id: "b-results", class: "results" },
    h("p", { class: "field-error", id: "b-unpriced", role: "note", hidden: true }),
    figures.element,
    h("p", { class: "caption", id: "b-committed", hidden: true }),
    h("p", { class: "caption", id: "b-buffered" }),
  );
  const bars = h("ol", { class: "mbars", id: "b-bars" });
  // The y-axis: tokens at 0, half and the top of the scale (a round number).
  const axis = h("div", { class: "maxis", id: "b-axis", "aria-hidden": "true" });
  const chart = h(
    "figure",
    { class: "chart", id: "b-chart" },
    h("figcaption", { class: "subheading" }, "Consumption against allocation, tokens a month"),
    h("div", { class: "mchart" }, axis, bars),
    h(
      "p",
      { class: "legend", "aria-hidden": "true" },
      ...(
        [
          ["key-fill", "Consumption"],
          ["key-line", "Allocation"],
          ["key-topup", "Top-ups bought"],
          ["key-over", "Over allocation, top-ups cover it"],
          ["key-overage", "Overage billed"],
        ] as const
      ).map(([key, text]) => h("span", { class: "legend-item" }, h("span", { class: `legend-key ${key}` }), text)),
    ),
  );
  const tableBody = h("tbody");
  const table = h(
    "details",
    { class: "month-table" },
    h("summary", {}, "Month by month"),
    h("div", { class: "table-scroll" }, figureTable({ class: "table" }, ["Month", "Tokens", "Allocation", "Bought", "Overage", "Cost"], tableBody)),
  );
  const preview = previewCard("b", waiting, results, chart, table);

  const live = liveRegion("b-live");
  const footer = sheetFooter("b", BUDGET_SHEET, ctx, {
    problemCount: () => view.problemCount,
    summary: () =>
      view.preview
        ? `${view.preview.annualTokens} tokens a year · peak ${view.preview.peak} · ${view.preview.annualCost}`
        : "Preview paused: fix the marked fields.",
    insert: async () => {
      const plan = view.plan;
      const months = view.result?.months.map((m) => ({ year: m.year, month: m.month, consumption: m.consumption })) ?? [];
      const { insertSheetOf } = await import(/* webpackChunkName: "sheet-output" */ "./sheet-output");
      const outcome = await insertSheetOf("budget", plan);
      if (outcome.ok) SESSION.rememberBudget({ sheetName: outcome.sheetName, plan: { months } });
      return outcome;
    },
    inserted: () => "The Usage dashboard tab can now read its monthly budgets from it.",
    download: async () => {
      const plan = view.plan;
      const { downloadSheetOf } = await import(/* webpackChunkName: "sheet-output" */ "./sheet-output");
      return downloadSheetOf("budget", plan);
    },
  });

  panel.append(form, preview, footer.element, live.element);

  // ---- painting --------------------------------------------------------------------------------
  function buildInitiatives(): void {
    kit.forget("initiatives.");
    initiativeList.replaceChildren(
      ...values.initiatives.map((_, i) => {
        const remove = h(
          "button",
          { type: "button", class: "button button-subtle button-small", "data-remove": String(i) },
          "Remove",
          h("span", { class: "visually-hidden" }, ` initiative ${i + 1}`),
        );
        return h(
          "div",
          { class: "initiative", role: "group", "aria-label": `Initiative ${i + 1}` },
          kit.text(`initiatives.${i}.name`, "Initiative", { srLabel: ` ${i + 1} name`, placeholder: "e.g. New Virtual Agent deployment", maxLength: TEXT_MAX }),
          h(
            "div",
            { class: "row" },
            kit.text(`initiatives.${i}.tokensPerMonth`, "Tokens a month", { numeric: true, placeholder: "0", srLabel: ` (initiative ${i + 1})` }),
            kit.select(`initiatives.${i}.goLive`, "Goes live", view.goLiveChoices, { srLabel: ` (initiative ${i + 1})` }),
          ),
          h("div", {}, remove),
        );
      }),
    );
    if (values.initiatives.length === 0) initiativeList.append(h("p", { class: "waiting" }, "None."));
    addInitiativeButton.hidden = values.initiatives.length >= MAX_INITIATIVES;
  }

  function paintFields(): void {
    ownVolumes.paint(view.ownLines); // render() syncs the values after
    for (const line of view.lines) {
      kit.setHint(`volumes.${line.feature}`, line.hint);
      kit.setSuffix(`volumes.${line.feature}`, line.unit);
      kit.refs.get(`volumes.${line.feature}`)?.field.closest(".line")?.classList.toggle("field-off-card", !line.onCard);
    }
    for (const f of PER_USER_FEATURES) kit.setHint(`tokensPerUser.${f}`, view.ownRateHints[f]);
    for (const line of CALCULATOR_LINES) kit.setOptions(`goLive.${line.feature}`, view.goLiveChoices);
    values.initiatives.forEach((_, i) => kit.setOptions(`initiatives.${i}.goLive`, view.goLiveChoices));
    for (const [field, grid] of grids) {
      // The grids run in plan order; each input keeps its calendar month (it stays with December).
      // Reordered in the DOM, not only on screen, so the tab order follows the months.
      const refs = view.months.map((m) => kit.refs.get(`${field}.${m.calendarIndex}` as BudgetFieldPath));
      if (refs.some((r, i) => r && grid.children[i] !== r.field)) {
        for (const r of refs) {
          if (!r) continue;
          grid.appendChild(r.field);
          r.message.parentElement?.appendChild(r.message); // the messages under the grid, in the same order
        }
      }
      view.months.forEach((m) => {
        const label = monthLabelOf(field, m.calendarIndex)?.firstChild;
        if (label && label.textContent !== m.label) label.textContent = m.label;
      });
    }
    const growthText = growthLabel.firstChild;
    if (growthText && growthText.textContent !== view.growthLabel) growthText.textContent = view.growthLabel;
    kit.setHint("growth.figure", view.growthHint);
    kit.setHint("users", view.usersHint);
    kit.setHint("card", view.cardNote);
    kit.setHint("pricePerToken", view.priceHint);
    useCardPriceButton.hidden = !view.offerCardPrice;
    kit.paintProblems(view.problems);
  }

  function paintPreview(): void {
    const p = view.preview;
    waiting.hidden = p !== null;
    setText(waiting, view.waiting);
    results.hidden = p === null;
    chart.hidden = p === null;
    table.hidden = p === null;
    if (!p) return;
    figures.paint(p);
    setText(byId("b-buffered", results), p.buffered);
    const unpriced = byId("b-unpriced", results);
    setText(unpriced, p.unpriced);
    unpriced.hidden = p.unpriced === "";
    const committed = byId("b-committed", results);
    setText(committed, p.committedNote);
    committed.hidden = p.committedNote === "";
    axis.replaceChildren(
      ...p.axis.map((t) => {
        const tick = h("span", { class: "maxis-tick" }, t.label);
        tick.style.setProperty("--at", String(t.at));
        return tick;
      }),
    );
    bars.replaceChildren(
      ...p.bars.map((b) => {
        const fill = h("span", { class: "mbar-fill" });
        const line = h("span", { class: "mbar-line" });
        // CSSOM, not a style attribute: allowed by the page's CSP.
        fill.style.setProperty("--length", b.consumptionLength.toFixed(4));
        line.style.setProperty("--length", b.allocationLength.toFixed(4));
        // Top-ups bought: a band from the allocation up to what the month may use without overage.
        const topUp = b.topUp > 0 ? h("span", { class: "mbar-topup" }) : null;
        topUp?.style.setProperty("--from", b.allocationLength.toFixed(4));
        topUp?.style.setProperty("--to", b.topUpLength.toFixed(4));
        return h(
          "li",
          { class: b.overage > 0 ? "mbar mbar-overage" : b.over ? "mbar mbar-over" : "mbar" },
          h("span", { class: "mbar-plot", "aria-hidden": "true" }, fill, topUp, line),
          h("span", { class: "mbar-label", "aria-hidden": "true" }, b.short),
          h("span", { class: "visually-hidden" }, b.text),
        );
      }),
    );
    tableBody.replaceChildren(
      ...p.bars.map((b) => figureRow(b.over ? "over" : undefined, b.label, b.cells.tokens, b.cells.allocation, b.cells.topUp, b.cells.overage, b.cells.cost)),
    );
  }

  function render(): void {
    view = budgetView(values);
    paintFields();
    sync(); // after the go-live options exist
    paintPreview();
    footer.paint();
    live.say(view.announcement);
  }

  function sync(): void {
    kit.sync((path) => budgetFieldValue(values, path));
  }

  // ---- events ----------------------------------------------------------------------------------
  onFieldInput<BudgetFieldPath>(form, (path, text) => {
    const before = values.initiatives.length;
    values = editBudgetField(values, path, text);
    if (values.initiatives.length !== before) buildInitiatives(); // a preset brings its own initiatives
    render();
  });

  useCardPriceButton.addEventListener("click", () => {
    values = useCardPrice(values);
    render();
    kit.refs.get("pricePerToken")?.control.focus();
  });

  const editInitiatives = (next: BudgetFormValues): number => {
    values = next;
    buildInitiatives();
    render();
    return values.initiatives.length;
  };
  rowActions(initiativeList, addInitiativeButton, {
    add: () => editInitiatives(addInitiative(values)),
    remove: (index) => editInitiatives(removeInitiative(values, index)),
    first: (index) => kit.refs.get(`initiatives.${index}.name`)?.control,
  });

  // The contract card, once the calculator's editor or the workbook brings it: listed beside the shipped cards.
  offerContractIn(kit.refs.get("card")!.control as HTMLSelectElement, () => values.card, render);

  buildInitiatives();
  render();
}
