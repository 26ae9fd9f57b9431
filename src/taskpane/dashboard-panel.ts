/**
 * The Usage dashboard tab: the period's figures, an import of actual usage (a CSV file or pasted
 * rows), the variance table, the live preview and the insert. All decisions live in
 * dashboard-form.ts, dashboard-view.ts and dashboard-import.ts; this file only moves values between
 * them and the DOM. Text from a file reaches the page through textContent only.
 */
import { MAX_VARIANCE_MONTHS, MAX_WEEKS } from "../core/usage-dashboard";
import type { ColumnMapping, UsageImport } from "../core/usage-import";
import {
  addVarianceMonth,
  DASHBOARD_CHOICES,
  dashboardFieldValue,
  dashboardInputId,
  editDashboardField,
  initialDashboardForm,
  removeVarianceMonth,
  type DashboardFieldPath,
  type DashboardFormValues,
} from "./dashboard-form";
import { fileProblem, fillFromImport, heldPasteSummary, holdsPaste, outcomeOfImport, pastedProblem, pastedRows, type ImportOutcome } from "./dashboard-import";
import { cardOf } from "./form";
import { offerContractIn } from "./contract-offer";
import { startImport, type ImportJob } from "./import-job";
import type { ImportRun } from "./import-run";
import { DASHBOARD_SHEET, dashboardView, type DashboardView } from "./dashboard-view";
import { mappingStep, rememberedMappings, rememberMapping } from "./import-mapping";
import { byId, h, setMessage, setText } from "./dom";
import { barItem, group, onFieldInput } from "./field-kit";
import { figureRow, figureTable, metricList, PlannerFieldKit, previewCard, rowActions } from "./planner-fields";
import { SESSION } from "./session";
import { liveRegion, sheetFooter } from "./sheet-footer";
import type { TabContext } from "./tabs";
import { LIMITS } from "../core/limits";

/** Labels typed in the form: the one text limit of every face (src/core/limits.ts). */
const TEXT_MAX = LIMITS.textLength;
const COMMITTED_HINT =
  "Prepaid tokens of your contract for the period, besides the allocation; blank: the contract card's a month, if any (0 is none). Overage is only above both.";

export function mountDashboard(panel: HTMLElement, ctx: TabContext): void {
  let values: DashboardFormValues = initialDashboardForm();
  let view: DashboardView = dashboardView(values, SESSION.insertedBudget());
  let imported: UsageImport | null = null;
  let importing = false;
  const kit = new PlannerFieldKit<DashboardFieldPath>(dashboardInputId);

  // ---- the form ------------------------------------------------------------------------------
  const groupMessage = (id: string): HTMLElement => h("p", { id, class: "field-message", hidden: true });
  const featuresMessage = groupMessage("d-features-msg");
  const dashboardMessage = groupMessage("d-dashboard-msg");
  const featureList = h("div", { class: "feature-list" });
  const weekMessages = h("div", { class: "grid-messages" });
  const weekGrid = h(
    "div",
    { class: "week-grid", role: "group", "aria-labelledby": "d-weeks-title", "aria-describedby": "d-weeks-caption" },
    ...Array.from({ length: MAX_WEEKS }, (_, i) =>
      kit.text(`weekly.${i}`, `Week ${i + 1}`, { numeric: true, className: "field-month", placeMessage: (m) => weekMessages.append(m) }),
    ),
  );
  const varianceList = h("div", { class: "variance-rows" });
  const addMonthButton = h("button", { type: "button", class: "button button-small", id: "d-add-month" }, "Add a month");
  const linkField = kit.checkbox("linkBudget", "Read budgets from the budget sheet", "");

  // Import: a file, or pasted rows.
  const fileInput = h("input", {
    type: "file",
    id: "d-import-file",
    class: "file-control",
    accept: ".csv,text/csv,.json,application/json",
    "aria-describedby": "d-import-caption",
  });
  const exportMonth = h("input", {
    type: "text",
    id: "d-import-period-month",
    class: "input-control",
    placeholder: "2026-03",
    maxlength: "7",
    autocomplete: "off",
    spellcheck: "false",
  });
  const pasteArea = h("textarea", {
    id: "d-import-text",
    class: "textarea-control",
    rows: "4",
    spellcheck: "false",
    autocomplete: "off",
    placeholder: "Date,Resource,Quantity,Unit of Measure\n2026-03-01,Agent Copilot,289,Tokens",
    "aria-describedby": "d-import-caption",
  });
  // A large paste is held here, as pasted, instead of in the box (dashboard-import.ts HELD_PASTE_CHARS):
  // the box never lays out megabytes, and the worker reads the held text as it reads a file.
  let heldPaste: Blob | null = null;
  const heldText = h("p", { class: "caption", id: "d-import-held-text", role: "status" });
  const clearPasteButton = h("button", { type: "button", class: "button button-small", id: "d-import-clear" }, "Clear pasted rows");
  const heldBox = h("div", { class: "field", id: "d-import-held", hidden: true }, heldText, clearPasteButton);
  const pasteField = h("div", { class: "field" }, h("label", { class: "field-label", for: pasteArea.id }, "Or paste rows, header first"), pasteArea);
  const pasteButton = h("button", { type: "button", class: "button", id: "d-import-paste" }, "Import pasted rows");
  const cancelButton = h("button", { type: "button", class: "button", id: "d-import-cancel", hidden: true }, "Cancel import");
  const importStatus = h("div", { class: "message-bar message-success", id: "d-import-status", role: "status" });
  const importAlert = h("div", { class: "message-bar message-error", id: "d-import-alert", role: "alert" });
  // Amber: the import went through but AI-token rows were skipped (each listed), never a plain success.
  const importWarning = h("div", { class: "message-bar message-warning", id: "d-import-warning", role: "alert" });
  const warningRows = h("ul", { class: "details", id: "d-import-token-rows" });
  const warningBox = h("div", { class: "import-warning", hidden: true }, importWarning, warningRows);
  /** The last file or pasted text imported: the mapping step imports it again with the columns picked. */
  let lastInput: string | Blob = "";
  const mapping = mappingStep((m: ColumnMapping, preview) => {
    rememberMapping(preview.signature, m);
    importLater(async () => lastInput, m);
  });
  const reportDetails = h("ul", { class: "details", id: "d-import-details" });
  const reportSkipped = h("ul", { class: "details", id: "d-import-skipped" });
  const skippedTitle = h("p", { class: "caption" }, "Skipped rows, by reason:");
  const report = h("div", { class: "import-report", id: "d-import-report", hidden: true }, reportDetails, skippedTitle, reportSkipped);
  const monthSelect = h("select", { id: "d-import-month", class: "select-control" });
  const monthField = h(
    "div",
    { class: "field", hidden: true },
    h("label", { class: "field-label", for: monthSelect.id }, "Month to show"),
    h("span", { class: "select" }, monthSelect),
    h("p", { class: "field-hint" }, "The file covers several months: the dashboard shows one, the variance table all of them."),
  );

  const form = h(
    "form",
    { class: "form", novalidate: true, "aria-label": "Usage dashboard inputs" },
    group(
      "Period",
      kit.select("preset", "Preset", DASHBOARD_CHOICES.preset, { hint: "The study notes' dashboard; editing a figure makes it your own." }),
      kit.text("period", "Period", { hint: "Written on the sheet as text.", placeholder: "March 2026", maxLength: TEXT_MAX }),
      kit.select("card", "Rate card", DASHBOARD_CHOICES.card, { hint: "" }),
      kit.text("allocation", "Allocation for the period", {
        numeric: true,
        unit: "tokens",
        hint: "The monthly allocation plus any top-up bought for the period.",
      }),
      kit.text("committed", "Committed tokens", {
        numeric: true,
        unit: "tokens",
        hint: COMMITTED_HINT,
      }),
      h(
        "div",
        { class: "row" },
        kit.text("daysElapsed", "Days the data covers", { numeric: true }),
        kit.text("daysInPeriod", "Days in the period", { numeric: true }),
      ),
    ),
    group(
      "Import actual usage",
      h(
        "p",
        { class: "caption", id: "d-import-caption" },
        "A usage export: a Genesys Cloud usage report (CSV), the billable-usage API report or the subscription overview (JSON), or any CSV with a date and a quantity column (you pick the columns when they are not known). " +
          "Rows that are not AI Experience tokens are skipped and counted. It fills the actuals below; the allocation and typed budgets stay.",
      ),
      h("div", { class: "field" }, h("label", { class: "field-label", for: fileInput.id }, "CSV or JSON file"), fileInput),
      h(
        "div",
        { class: "field" },
        h("label", { class: "field-label", for: exportMonth.id }, "Month of the export (when its rows carry no date)"),
        h("span", { class: "input" }, exportMonth),
        h("p", { class: "field-hint" }, "Written as 2026-03; leave blank when the rows have dates."),
      ),
      pasteField,
      heldBox,
      h("div", {}, pasteButton, cancelButton),
      importStatus,
      importAlert,
      warningBox,
      mapping.element,
      monthField,
      report,
    ),
    group("Actual tokens by feature", h("p", { class: "caption", id: "d-card-note" }), featureList, featuresMessage),
    group(
      "Weekly actuals",
      h("h3", { class: "visually-hidden", id: "d-weeks-title" }, "Tokens by week"),
      h("p", { class: "caption", id: "d-weeks-caption" }, "Tokens week by week, week 1 first; leave later weeks blank. The trend compares the last two."),
      weekGrid,
      weekMessages,
    ),
    group(
      "Actual against budget",
      h("p", { class: "caption" }, "The monthly review: budgeted and actual tokens of each month, up to twelve."),
      linkField,
      varianceList,
      h("div", {}, addMonthButton),
    ),
    dashboardMessage,
  );

  // ---- the preview ---------------------------------------------------------------------------
  const waiting = h("p", { class: "waiting", id: "d-waiting", hidden: true });
  const bars = h("ul", { class: "bars", id: "d-bars" });
  const varianceBody = h("tbody");
  const varianceTable = h(
    "div",
    { class: "range", id: "d-variance" },
    h("h3", { class: "subheading" }, "Actual against budget"),
    h("div", { class: "table-scroll" }, figureTable({ class: "table table-compact" }, ["Month", "Budget", "Actual", "Variance"], varianceBody)),
    h("p", { class: "caption", id: "d-variance-note" }),
    h("p", { class: "caption", id: "d-variance-example" }),
  );
  const figures = metricList("d", [
    { key: "consumed", label: "Consumed", note: "consumedNote" },
    { key: "remaining", label: "Remaining" },
    { key: "available", label: "Available" },
    { key: "utilisation", label: "Utilisation" },
    { key: "projected", label: "Projected month end", note: "projectedNote", wide: true },
  ]);
  const results = h(
    "div",
    { id: "d-results", class: "results" },
    h("div", { class: "health-row" }, h("span", { class: "badge", id: "d-health" }), h("span", { class: "health-text", id: "d-health-text" })),
    h("p", { class: "advice", id: "d-advice" }),
    h("p", { class: "caption", id: "d-coverage" }),
    figures.element,
    h("p", { class: "caption", id: "d-trend" }),
    h("figure", { class: "chart" }, h("figcaption", { class: "subheading" }, "Consumption by feature"), bars, h("p", { class: "caption", id: "d-breakdown" })),
    varianceTable,
  );
  const preview = previewCard("d", waiting, results);

  const live = liveRegion("d-live");
  const footer = sheetFooter("d", DASHBOARD_SHEET, ctx, {
    problemCount: () => view.problemCount,
    summary: () =>
      view.preview ? `${view.preview.consumed} tokens · ${view.preview.health} · ${view.preview.remaining} left` : "Preview paused: fix the marked fields.",
    insert: async () => {
      const { dashboard, budgetSheetName } = view.parsed;
      const { insertSheetOf } = await import(/* webpackChunkName: "sheet-output" */ "./sheet-output");
      return insertSheetOf("dashboard", dashboard, new Map(budgetSheetName ? [["budget", budgetSheetName]] : []));
    },
    inserted: () => (view.parsed.budgetSheetName ? `Its budgets read the '${view.parsed.budgetSheetName}' sheet.` : undefined),
    download: async () => {
      const { dashboard } = view.parsed;
      const { downloadSheetOf } = await import(/* webpackChunkName: "sheet-output" */ "./sheet-output");
      return downloadSheetOf("dashboard", dashboard);
    },
  });

  panel.append(form, preview, footer.element, live.element);

  // ---- rows that come and go -----------------------------------------------------------------
  let shownFeatures = "";
  function buildFeatures(): void {
    const key = view.features.map((f) => f.id).join();
    if (key === shownFeatures) return;
    shownFeatures = key;
    kit.forget("features.");
    featureList.replaceChildren(...view.features.map((f) => kit.text(`features.${f.id}`, f.name, { numeric: true, placeholder: "0" })));
  }

  function buildVariance(): void {
    kit.forget("variance.");
    const rows = values.variance.map((row, i) => {
      const remove = h(
        "button",
        { type: "button", class: "button button-subtle button-icon", "data-remove": String(i), title: "Remove this month" },
        h("span", { "aria-hidden": "true" }, "×"),
        h("span", { class: "visually-hidden" }, `Remove month ${i + 1}`),
      );
      return h(
        "div",
        { class: "variance-row", role: "group", "aria-label": `Month ${i + 1} of the review` },
        kit.text(`variance.${i}.month`, `Month ${i + 1}`, { hideLabel: true, placeholder: "January 2026", maxLength: TEXT_MAX }),
        kit.text(`variance.${i}.budgeted`, "Budgeted tokens", { hideLabel: true, numeric: true, srLabel: `, month ${i + 1}`, hint: "" }),
        kit.text(`variance.${i}.actual`, "Actual tokens", { hideLabel: true, numeric: true, srLabel: `, month ${i + 1}` }),
        remove,
      );
    });
    varianceList.replaceChildren(
      ...(rows.length === 0
        ? [h("p", { class: "waiting" }, "No month yet.")]
        : [
            h("div", { class: "variance-row variance-head", "aria-hidden": "true" }, h("span", {}, "Month"), h("span", {}, "Budget"), h("span", {}, "Actual")),
            ...rows,
          ]),
    );
    addMonthButton.hidden = values.variance.length >= MAX_VARIANCE_MONTHS;
  }

  // ---- painting --------------------------------------------------------------------------------
  function paintFields(): void {
    setText(byId("d-card-note", form), view.cardNote);
    kit.setHint("committed", view.committedNote || COMMITTED_HINT);
    linkField.hidden = !view.link.offered;
    const linkLabel = linkField.querySelector("label");
    if (linkLabel) setText(linkLabel, view.link.label || "Read budgets from the budget sheet");
    kit.setHint("linkBudget", view.link.hint);
    // Rows that read their budget from the budget sheet show its figure, read-only.
    kit.sync((path) => {
      const linked = /^variance\.(\d+)\.budgeted$/.exec(path);
      return (linked && view.linkedBudgets[Number(linked[1])]) ?? dashboardFieldValue(values, path);
    });
    view.linkedBudgets.forEach((linked, i) => {
      const input = kit.refs.get(`variance.${i}.budgeted`)?.control;
      if (input instanceof HTMLInputElement) input.readOnly = linked !== null;
      kit.setHint(`variance.${i}.budgeted`, linked !== null ? "Linked" : "");
    });
    kit.paintProblems(view.problems);
    for (const [el, path] of [
      [featuresMessage, "features"],
      [dashboardMessage, "dashboard"],
    ] as const) {
      const problem = view.problems[path];
      setText(el, problem ?? "");
      el.hidden = !problem;
    }
  }

  function paintPreview(): void {
    const p = view.preview;
    waiting.hidden = p !== null;
    setText(waiting, view.waiting);
    results.hidden = p === null;
    if (!p) return;
    const badge = byId("d-health", results);
    setText(badge, p.health);
    badge.className = `badge badge-${p.health.toLowerCase()}`;
    setText(byId("d-health-text", results), p.healthText.replace(/^\w+: /, ""));
    setText(byId("d-advice", results), p.advice);
    figures.paint(p);
    setText(byId("d-trend", results), p.trend);
    setText(byId("d-coverage", results), p.coverage);
    setText(byId("d-breakdown", results), p.breakdownNote);
    setText(byId("d-variance-example", varianceTable), p.varianceNote);
    bars.replaceChildren(...p.bars.map(barItem));
    varianceTable.hidden = p.variance.length === 0;
    setText(
      byId("d-variance-note", varianceTable),
      p.variance.some((m) => m.linked) ? "* From the budget sheet: the inserted dashboard reads these cells." : "",
    );
    varianceBody.replaceChildren(
      ...p.variance.map((m) =>
        figureRow(m.over ? "over" : undefined, m.month, m.linked ? `${m.budgeted}*` : m.budgeted, m.actual, [
          m.variance,
          h("span", { class: "cell-note" }, m.share),
        ]),
      ),
    );
  }

  function render(): void {
    view = dashboardView(values, SESSION.insertedBudget());
    buildFeatures();
    paintFields();
    paintPreview();
    footer.paint();
    live.say(view.announcement);
  }

  // ---- import ----------------------------------------------------------------------------------
  function clearImportMessages(): void {
    setText(importStatus, "");
    setText(importAlert, "");
    setText(importWarning, "");
    warningRows.replaceChildren();
    warningBox.hidden = true;
  }

  async function paintImport(outcome: ImportOutcome, given?: ColumnMapping): Promise<void> {
    if (outcome.kind === "needs-mapping") {
      report.hidden = true;
      // The message once the step shows, so that it never points at pickers still being filled.
      await mapping.show(outcome.preview, given);
      setMessage(importAlert, outcome.message);
      return;
    }
    mapping.hide();
    if (outcome.kind === "error" || outcome.kind === "needs-month") {
      setMessage(importAlert, outcome.message);
      report.hidden = true;
      if (outcome.kind === "needs-month") exportMonth.focus();
      return;
    }
    const r = outcome.report;
    // The counts go in the message bar, so the status (or alert) role speaks them.
    if (outcome.kind === "empty") setMessage(importAlert, `${outcome.message} ${r.headline}`);
    else if (outcome.warned) {
      setMessage(importWarning, `${outcome.message} ${r.headline}`);
      warningRows.replaceChildren(...r.tokenRows.map((line) => h("li", {}, line)));
      warningBox.hidden = false;
    } else setMessage(importStatus, `${outcome.message} ${r.headline}`);
    reportDetails.replaceChildren(...[...r.details, ...r.warnings].map((d) => h("li", {}, d)));
    skippedTitle.hidden = r.skipped.length === 0;
    reportSkipped.replaceChildren(...r.skipped.map((s) => h("li", {}, s)));
    report.hidden = false;
  }

  async function showImport(run: ImportRun, given?: ColumnMapping): Promise<void> {
    const outcome = outcomeOfImport(values, run, undefined, SESSION.insertedBudget());
    await paintImport(outcome, given);
    if (outcome.kind !== "filled") return; // the form is left exactly as it was
    imported = outcome.imported;
    monthSelect.replaceChildren(...outcome.months.map((m) => h("option", { value: m.value }, m.label)));
    monthSelect.value = outcome.month;
    monthField.hidden = outcome.months.length < 2;
    values = outcome.form;
    buildVariance();
    render();
  }

  /**
   * Runs an import in the import worker (import-job.ts): the page keeps answering while it works,
   * shows how far it got, and Cancel ends it with the dashboard unchanged.
   */
  let job: ImportJob | undefined;
  /** Cancel pressed before the worker was started (while a file is checked): no import starts. */
  let cancelRequested = false;
  function importLater(read: () => Promise<string | Blob | { problem: string }>, given?: ColumnMapping, what = "the file"): void {
    if (importing) return;
    importing = true;
    clearImportMessages();
    setText(importStatus, `Reading ${what}…`);
    pasteButton.setAttribute("aria-disabled", "true");
    cancelButton.hidden = false;
    cancelRequested = false;
    void (async () => {
      try {
        const input = await read();
        if (typeof input === "object" && "problem" in input) {
          clearImportMessages();
          setMessage(importAlert, `Nothing was imported: ${input.problem} The dashboard is unchanged.`);
          report.hidden = true;
          return;
        }
        if (cancelRequested) {
          setText(importStatus, "Import cancelled. The dashboard is unchanged.");
          return;
        }
        lastInput = input;
        const how = given ? { mapping: given, month: exportMonth.value } : { remembered: rememberedMappings(), month: exportMonth.value };
        job = startImport(input, cardOf(values).id, how, (p) => {
          const mb = (b: number) => (b / 1_000_000).toFixed(1);
          setText(
            importStatus,
            p.phase === "reading" ? `Reading ${what}… ${mb(p.done)} of ${mb(p.total)} MB` : `Importing ${p.total.toLocaleString("en-US")} characters…`,
          );
        });
        const end = await job.result;
        clearImportMessages();
        if (end === "cancelled") setText(importStatus, "Import cancelled. The dashboard is unchanged.");
        else await showImport(end, given);
      } catch (e) {
        console.error("Import failed", e);
        clearImportMessages();
        setText(importAlert, "Nothing was imported: the file could not be read. The dashboard is unchanged.");
      } finally {
        job = undefined;
        importing = false;
        cancelButton.hidden = true;
        pasteButton.setAttribute("aria-disabled", "false");
      }
    })();
  }

  cancelButton.addEventListener("click", () => {
    cancelRequested = true;
    job?.cancel();
  });

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    importLater(async () => {
      const problem = fileProblem(file);
      if (problem) return { problem };
      return file;
    });
    fileInput.value = ""; // the same file can be chosen again after a fix
  });

  function holdPaste(blob: Blob | null, summary = ""): void {
    heldPaste = blob;
    setText(heldText, summary);
    heldBox.hidden = blob === null;
    pasteField.hidden = blob !== null;
  }

  pasteArea.addEventListener("paste", (e) => {
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (!holdsPaste(text)) return; // a few rows go in the box, to be read and corrected there
    e.preventDefault();
    const problem = pastedProblem(text);
    if (problem) {
      clearImportMessages();
      setMessage(importAlert, `Nothing was pasted: ${problem}`);
      return;
    }
    const blob = new Blob([text], { type: "text/plain" });
    pasteArea.value = "";
    clearImportMessages();
    holdPaste(blob, heldPasteSummary(pastedRows(text), blob.size));
    pasteButton.focus();
  });

  clearPasteButton.addEventListener("click", () => {
    holdPaste(null);
    pasteArea.focus();
  });

  pasteButton.addEventListener("click", () => {
    const held = heldPaste;
    if (held) {
      importLater(async () => held, undefined, "the pasted rows");
      return;
    }
    const text = pasteArea.value;
    if (text.trim() === "") {
      clearImportMessages();
      setText(importAlert, pastedProblem(text) ?? "");
      pasteArea.focus();
      return;
    }
    importLater(
      async () => {
        const problem = pastedProblem(text);
        return problem ? { problem } : text;
      },
      undefined,
      "the pasted rows",
    );
  });

  monthSelect.addEventListener("change", () => {
    if (!imported) return;
    values = fillFromImport(values, imported, monthSelect.value);
    buildVariance();
    render();
    setText(importStatus, `Showing ${monthSelect.options[monthSelect.selectedIndex]?.text ?? monthSelect.value}.`);
  });

  // ---- edits -----------------------------------------------------------------------------------
  onFieldInput<DashboardFieldPath>(form, (path, text) => {
    const before = values.variance.length;
    values = editDashboardField(values, path, text);
    if (path === "preset" || values.variance.length !== before) buildVariance();
    render();
  });

  const editVariance = (next: DashboardFormValues): number => {
    values = next;
    buildVariance();
    render();
    return values.variance.length;
  };
  rowActions(varianceList, addMonthButton, {
    add: () => editVariance(addVarianceMonth(values)),
    remove: (index) => editVariance(removeVarianceMonth(values, index)),
    first: (index) => kit.refs.get(`variance.${index}.month`)?.control,
  });

  // A budget inserted on the other tab links the variance table from now on.
  SESSION.onBudgetInserted(() => render());

  // The contract card, once the calculator's editor or the workbook brings it: listed beside the shipped cards.
  offerContractIn(kit.refs.get("card")!.control as HTMLSelectElement, () => values.card, render);

  buildVariance();
  render();
}
