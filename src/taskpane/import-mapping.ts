/**
 * The column-mapping step of the usage import: shown when a file's headers are no known shape. It
 * shows the header and first rows, lets the analyst pick the date (or month), feature and quantity
 * columns and which rows are AI-token rows, and hands back a core ColumnMapping. Mappings are
 * remembered in the browser's storage by header signature, so the next file with the same columns
 * is read without asking. DOM only; the reading is the core's.
 */
import type { ColumnMapping, UsagePreview } from "../core/usage-import";
import { h, setText } from "./dom";

/** Storage key prefix of remembered mappings. */
const STORAGE_PREFIX = "ai-token-planner.usage-mapping:";
/** A signature longer than this is not remembered (a header of hundreds of columns). */
const MAX_SIGNATURE = 2000;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage blocked (a sandboxed frame, private mode)
  }
}

/** The mapping remembered for a header signature, if any (anything unreadable counts as none). */
export function recallMapping(signature: string): ColumnMapping | undefined {
  if (signature.length > MAX_SIGNATURE) return undefined;
  try {
    const text = storage()?.getItem(STORAGE_PREFIX + signature);
    if (!text) return undefined;
    const m = JSON.parse(text) as unknown;
    return isMapping(m) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers a mapping for the next file with the same header; quietly does nothing when storage is refused. */
export function rememberMapping(signature: string, mapping: ColumnMapping): void {
  if (signature.length > MAX_SIGNATURE) return;
  try {
    storage()?.setItem(STORAGE_PREFIX + signature, JSON.stringify(mapping));
  } catch {
    // full or refused: the analyst maps again next time
  }
}

const isRef = (x: unknown): boolean => typeof x === "string" || (typeof x === "number" && Number.isInteger(x) && x >= 0);

function isMapping(x: unknown): x is ColumnMapping {
  if (typeof x !== "object" || x === null) return false;
  const m = x as Record<string, unknown>;
  if (!isRef(m.quantity)) return false;
  for (const k of ["date", "period", "feature", "unit"]) if (m[k] !== undefined && !isRef(m[k])) return false;
  if (m.tokenRows !== undefined) {
    const t = m.tokenRows as Record<string, unknown> | null;
    if (typeof t !== "object" || t === null || !isRef(t.column)) return false;
    if (t.values !== undefined && !(Array.isArray(t.values) && t.values.every((v) => typeof v === "string"))) return false;
  }
  return true;
}

export interface MappingStep {
  readonly element: HTMLElement;
  /**
   * Shows the step for a file's preview (pre-filled with `previous` when given), painted a picker at
   * a time so that the page answers keys in between; resolves once it shows (or was hidden meanwhile).
   */
  show(preview: UsagePreview, previous?: ColumnMapping): Promise<void>;
  hide(): void;
}

const NONE = "";

/** Waits for the next task, so that keys pressed meanwhile are handled first. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Columns the preview table shows (usage exports have a few dozen; each picker offers every previewed column). */
export const TABLE_COLUMNS = 20;

/** The mapping step; `apply` is called with the analyst's mapping when they import with it. */
export function mappingStep(apply: (mapping: ColumnMapping, preview: UsagePreview) => void): MappingStep {
  const select = (id: string) => h("select", { id, class: "select-control" });
  const dateSelect = select("d-map-date");
  const dateKind = select("d-map-date-kind");
  const featureSelect = select("d-map-feature");
  const quantitySelect = select("d-map-quantity");
  const tokenSelect = select("d-map-token-column");
  const tokenValues = h(
    "fieldset",
    { class: "map-values", id: "d-map-token-values", hidden: true },
    h("legend", { class: "field-label" }, "AI token rows hold"),
  );
  const problem = h("p", { class: "field-message", id: "d-map-problem", role: "alert", hidden: true });
  const table = h("table", { class: "map-preview", id: "d-map-preview" });
  const tableNote = h("p", { class: "field-hint", id: "d-map-preview-note", hidden: true });
  const applyButton = h("button", { type: "button", class: "button button-primary", id: "d-map-apply" }, "Import with these columns");
  const field = (label: string, control: HTMLSelectElement, hint?: string) =>
    h(
      "div",
      { class: "field" },
      h("label", { class: "field-label", for: control.id }, label),
      h("span", { class: "select" }, control),
      hint ? h("p", { class: "field-hint" }, hint) : null,
    );
  const element = h(
    "div",
    { class: "map-step", id: "d-map-step", role: "group", "aria-labelledby": "d-map-title", hidden: true },
    h("h3", { class: "field-label", id: "d-map-title" }, "Which column is which?"),
    h(
      "p",
      { class: "caption" },
      "The file's columns are not a shape the import knows. Its header and first rows are below: pick the columns, and the import remembers them for the next file with the same header.",
    ),
    h("div", { class: "map-preview-scroll" }, table),
    tableNote,
    field("Date or month column", dateSelect, "None: the rows carry no date; type the month of the export above."),
    field("That column holds", dateKind),
    field("Feature column", featureSelect, "None: every token row counts towards one total, All AI features."),
    field("Quantity column (tokens, or the feature's own unit)", quantitySelect),
    field("Which rows are AI tokens", tokenSelect, "Rows are told by the values of a column; the others are skipped and counted."),
    tokenValues,
    problem,
    h("div", {}, applyButton),
  );
  let current: UsagePreview | undefined;

  // The columns' options, made once a preview and copied into each picker: a copy is much cheaper
  // than making each option again (a wide file offers a hundred columns to four pickers).
  const options = (sel: HTMLSelectElement, columns: DocumentFragment, none: string) => {
    sel.replaceChildren(new Option(none, NONE), columns.cloneNode(true));
  };
  dateKind.replaceChildren(h("option", { value: "date" }, "days (a date on each row)"), h("option", { value: "period" }, "months (2026-03, March 2026)"));

  const paintValues = () => {
    const c = tokenSelect.value;
    const legend = tokenValues.firstElementChild!;
    tokenValues.replaceChildren(legend);
    tokenValues.hidden = c === NONE || !current;
    if (c === NONE || !current) return;
    const values = current.values[Number(c)] ?? [];
    values.forEach((v, i) => {
      const id = `d-map-value-${i}`;
      const box = h("input", { type: "checkbox", id, class: "checkbox-control", value: v, checked: /token|\bai\b/i.test(v) });
      tokenValues.append(h("div", { class: "map-value" }, box, h("label", { for: id }, v)));
    });
  };
  tokenSelect.addEventListener("change", paintValues);

  const indexOf = (ref: string | number | undefined): string => {
    if (ref === undefined || !current) return NONE;
    if (typeof ref === "number") return String(ref);
    const k = current.header.findIndex((x) => x.toLowerCase().replace(/[^a-z0-9]+/g, "") === ref.toLowerCase().replace(/[^a-z0-9]+/g, ""));
    return k < 0 ? NONE : String(k);
  };

  applyButton.addEventListener("click", () => {
    if (!current) return;
    const header = current.header;
    const q = quantitySelect.value;
    const chosen = [dateSelect.value, featureSelect.value, q].filter((v) => v !== NONE);
    const say = (text: string) => {
      problem.textContent = text;
      problem.hidden = false;
    };
    if (q === NONE) return say("Pick the quantity column.");
    if (new Set(chosen).size < chosen.length) return say("Pick a different column for each role.");
    const ticked = [...tokenValues.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((b) => b.checked).map((b) => b.value);
    if (tokenSelect.value !== NONE && ticked.length === 0) return say("Tick the values that mark AI token rows, or pick no column.");
    problem.hidden = true;
    const name = (v: string) => header[Number(v)] || Number(v);
    const mapping: ColumnMapping = {
      ...(dateSelect.value !== NONE ? { [dateKind.value === "period" ? "period" : "date"]: name(dateSelect.value) } : {}),
      ...(featureSelect.value !== NONE ? { feature: name(featureSelect.value) } : {}),
      quantity: name(q),
      ...(tokenSelect.value !== NONE ? { tokenRows: { column: name(tokenSelect.value), values: ticked } } : {}),
    };
    apply(mapping, current);
  });

  /** Counts shows and hides: a show painting when another starts, or the step is hidden, stops. */
  let shows = 0;
  const pickers: readonly (readonly [HTMLSelectElement, string])[] = [
    [dateSelect, "None"],
    [featureSelect, "None"],
    [quantitySelect, "Pick a column"],
    [tokenSelect, "None: decided by the feature names"],
  ];

  return {
    element,
    async show(preview, previous) {
      const run = ++shows;
      current = preview;
      element.hidden = true;
      const header = preview.header;
      // The table shows the first TABLE_COLUMNS columns (a hundred would be a page of layout for a
      // pane a few columns wide); the pickers offer them all.
      const shown = header.slice(0, TABLE_COLUMNS);
      table.replaceChildren(
        h("thead", {}, h("tr", {}, ...shown.map((name) => h("th", { scope: "col" }, name)))),
        h("tbody", {}, ...preview.rows.map((row) => h("tr", {}, ...shown.map((_, i) => h("td", {}, row[i] ?? ""))))),
      );
      setText(
        tableNote,
        header.length > TABLE_COLUMNS ? `The table shows the first ${TABLE_COLUMNS} of the ${header.length} columns; the lists below offer them all.` : "",
      );
      tableNote.hidden = header.length <= TABLE_COLUMNS;
      const columns = document.createDocumentFragment();
      header.forEach((name, i) => columns.append(new Option(name || `Column ${i + 1}`, String(i))));
      for (const [picker, none] of pickers) {
        await nextTask();
        if (run !== shows) return;
        options(picker, columns, none);
      }
      dateSelect.value = indexOf(previous?.date ?? previous?.period);
      dateKind.value = previous?.period !== undefined ? "period" : "date";
      featureSelect.value = indexOf(previous?.feature);
      quantitySelect.value = indexOf(previous?.quantity);
      tokenSelect.value = indexOf(previous?.tokenRows?.column);
      paintValues();
      problem.hidden = true;
      element.hidden = false;
    },
    hide() {
      shows++;
      current = undefined;
      element.hidden = true;
    },
  };
}

/** Every remembered mapping by header signature: handed to the import worker, which has no storage of the page's. */
export function rememberedMappings(): Record<string, ColumnMapping> {
  const out: Record<string, ColumnMapping> = {};
  try {
    const s = storage();
    if (!s) return out;
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (!key?.startsWith(STORAGE_PREFIX)) continue;
      const m = recallMapping(key.slice(STORAGE_PREFIX.length));
      if (m) out[key.slice(STORAGE_PREFIX.length)] = m;
    }
  } catch {
    // storage refused: nothing remembered
  }
  return out;
}
