/**
 * The pane's contract card: a small editor (name, date, source, base card, price, committed tokens,
 * each feature's rate, features of its own) or a JSON file imported into it; checked by the core's
 * contract rules (every problem naming its field), stored with the workbook (./contract-store.ts)
 * and offered as the "Contract" card beside the shipped ones. DOM only; no Excel.run.
 */
import { CARDS } from "../core/cards";
import type { CompiledCard } from "../core/card-registry";
import { compileContract, CONTRACT_CARD_VERSION, contractProblems, startingContract, type ContractCard, type ContractRate } from "../core/contract-card";
import { CURRENCY_CODES } from "../core/currencies";
import { h, setText } from "./dom";
import { group } from "./field-kit";
import { readStoredContract, storeContract, workbookSettings } from "./contract-store";

/** How many features of its own the editor offers rows for. */
const OWN_FEATURE_ROWS = 3;

export interface ContractEditor {
  readonly element: HTMLElement;
  /** Reads the card stored in the open workbook (once Office is ready) and offers it. */
  loadFromWorkbook(): void;
}

/** Text typed into a number field: a number when it reads as one, else the text (so the core names the field). */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : t;
}

const input = (id: string, label: string, o: { placeholder?: string; numeric?: boolean } = {}): HTMLElement =>
  h(
    "div",
    { class: "field" },
    h("label", { class: "field-label", for: id }, label),
    h(
      "span",
      { class: "input" },
      h("input", { id, class: "input-control", type: "text", inputmode: o.numeric ? "decimal" : undefined, placeholder: o.placeholder, autocomplete: "off" }),
    ),
  );

const select = (id: string, label: string, choices: readonly { value: string; label: string }[]): HTMLElement =>
  h(
    "div",
    { class: "field" },
    h("label", { class: "field-label", for: id }, label),
    h("span", { class: "select" }, h("select", { id, class: "select-control" }, ...choices.map((c) => h("option", { value: c.value }, c.label)))),
  );

export function mountContractEditor(onCard: (card: CompiledCard) => void): ContractEditor {
  const status = h(
    "p",
    { class: "caption", id: "contract-status", role: "status" },
    "No contract card in this workbook yet: start from a shipped card, or import a JSON file.",
  );
  const problems = h("ul", { class: "field-message contract-problems", id: "contract-problems", role: "alert", hidden: true });
  const ratesBody = h("tbody", { id: "contract-rates" });
  const ownBody = h("tbody", { id: "contract-own" });
  const fileInput = h("input", { type: "file", id: "contract-file", accept: ".json,application/json", class: "contract-file" });
  const saveButton = h("button", { type: "button", class: "button button-primary", id: "contract-save" }, "Use this contract card");
  /** The JSON the editor started from (an imported file keeps the fields the editor does not show). */
  let started: ContractCard = startingContract(CARDS[0]);

  const toggle = h(
    "button",
    { type: "button", class: "button button-subtle", id: "contract-toggle", "aria-expanded": "false", "aria-controls": "contract-form" },
    "Edit or import the contract card",
  );
  const form = h(
    "form",
    { class: "form", id: "contract-form", novalidate: true, "aria-label": "Contract card", hidden: true },
    group(
      "The contract",
      input("contract-name", "Name"),
      h(
        "div",
        { class: "row" },
        input("contract-date", "Date", { placeholder: "YYYY-MM" }),
        select(
          "contract-base",
          "Starts from",
          CARDS.map((c) => ({ value: c.id, label: c.card.name })),
        ),
      ),
      input("contract-source", "Source", { placeholder: "e.g. Order form 2026-0412" }),
      h(
        "div",
        { class: "row" },
        select(
          "contract-currency",
          "Currency",
          CURRENCY_CODES.map((c) => ({ value: c, label: c })),
        ),
        input("contract-price", "Price per token", { numeric: true }),
      ),
      input("contract-committed", "Committed tokens a month", { numeric: true, placeholder: "0" }),
    ),
    group(
      "Rates: blank keeps the base card's",
      h(
        "table",
        { class: "table contract-table" },
        h(
          "thead",
          {},
          h("tr", {}, h("th", { scope: "col" }, "Feature"), h("th", { scope: "col", class: "num" }, "Tokens"), h("th", { scope: "col", class: "num" }, "Per")),
        ),
        ratesBody,
      ),
    ),
    group(
      "Features of its own",
      h(
        "table",
        { class: "table contract-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Id"),
            h("th", { scope: "col" }, "Name"),
            h("th", { scope: "col" }, "Unit"),
            h("th", { scope: "col", class: "num" }, "Tokens"),
            h("th", { scope: "col", class: "num" }, "Per"),
          ),
        ),
        ownBody,
      ),
    ),
    h("div", { class: "field" }, h("label", { class: "field-label", for: "contract-file" }, "Or import a contract card file (JSON)"), fileInput),
    problems,
    h("div", { class: "actions" }, saveButton),
  );
  const element = h(
    "section",
    { class: "card", "aria-labelledby": "contract-title", id: "contract" },
    h("h2", { class: "section-title", id: "contract-title" }, "Your contract card"),
    h("p", { class: "caption" }, 'Your organisation\'s own rates and price, stored with this workbook; offered as the "Contract" card.'),
    status,
    // Folded away until asked for: the calculator's own fields and buttons come first.
    toggle,
    form,
  );
  toggle.addEventListener("click", () => {
    form.hidden = !form.hidden;
    toggle.setAttribute("aria-expanded", String(!form.hidden));
  });

  const field = (id: string): HTMLInputElement | HTMLSelectElement => form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
  const cellInput = (id: string, label: string, value: string, placeholder = ""): HTMLTableCellElement =>
    h(
      "td",
      {},
      h("span", { class: "input" }, h("input", { id, class: "input-control", type: "text", "aria-label": label, value, placeholder, autocomplete: "off" })),
    );

  function paintRates(base: CompiledCard, rates: Readonly<Record<string, ContractRate>>): void {
    ratesBody.replaceChildren(
      ...base.card.features
        .filter((f) => !f.included)
        .map((f) => {
          const r = rates[f.id];
          const baseTokens = typeof f.tokens === "number" ? f.tokens : f.tokens.named;
          return h(
            "tr",
            {},
            h("th", { scope: "row" }, f.name),
            cellInput(
              `contract-rate-${f.id}-tokens`,
              `${f.name}: tokens`,
              r?.tokens === undefined || r.tokens === baseTokens ? "" : String(r.tokens),
              String(baseTokens),
            ),
            cellInput(`contract-rate-${f.id}-per`, `${f.name}: per`, r?.per === undefined || r.per === f.per ? "" : String(r.per), String(f.per)),
          );
        }),
    );
  }

  function paintOwn(c: ContractCard): void {
    const own = c.features ?? [];
    const rows = Math.max(OWN_FEATURE_ROWS, own.length);
    ownBody.replaceChildren(
      ...Array.from({ length: rows }, (_, i) => {
        const f = own[i];
        const t = f ? (f.tokensPerUnit ?? f.tokens) : undefined;
        return h(
          "tr",
          {},
          cellInput(`contract-own-${i}-id`, `Feature ${i + 1}: id`, f?.id ?? "", "e.g. email-assist"),
          cellInput(`contract-own-${i}-name`, `Feature ${i + 1}: name`, f?.name ?? ""),
          cellInput(`contract-own-${i}-unit`, `Feature ${i + 1}: unit`, f?.unit ?? "", "session"),
          cellInput(`contract-own-${i}-tokens`, `Feature ${i + 1}: tokens`, t === undefined ? "" : String(t)),
          cellInput(`contract-own-${i}-per`, `Feature ${i + 1}: per`, f && f.tokensPerUnit === undefined && f.per !== undefined ? String(f.per) : "", "1"),
        );
      }),
    );
  }

  /** Fills the editor from a contract card (JSON form). */
  function fill(c: ContractCard): void {
    started = c;
    const base = CARDS.find((x) => x.id === c.baseCard) ?? CARDS[0];
    field("contract-name").value = c.name ?? "";
    field("contract-date").value = c.date ?? "";
    field("contract-source").value = c.source ?? "";
    field("contract-base").value = base.id;
    const currency = c.currency ?? Object.keys(c.pricePerToken ?? {})[0] ?? base.card.pricing.defaultCurrency;
    field("contract-currency").value = currency;
    const price = c.pricePerToken?.[currency];
    field("contract-price").value = price === undefined ? "" : String(price);
    field("contract-committed").value = c.committedTokens ? String(c.committedTokens) : "";
    paintRates(base, c.rates ?? {});
    paintOwn(c);
  }

  /** The contract card the editor holds, in JSON form; fields it does not show are kept from the card it started from. */
  function read(): Record<string, unknown> {
    const base = CARDS.find((x) => x.id === field("contract-base").value) ?? CARDS[0];
    const value = (id: string) => (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "").trim();
    const rates: Record<string, Record<string, unknown>> = {};
    for (const f of base.card.features) {
      if (f.included) continue;
      const tokens = numberOrText(value(`contract-rate-${f.id}-tokens`));
      const per = numberOrText(value(`contract-rate-${f.id}-per`));
      if (tokens === undefined && per === undefined) continue;
      rates[f.id] = { ...(tokens !== undefined ? { tokens } : {}), ...(per !== undefined ? { per } : {}) };
    }
    const features: Record<string, unknown>[] = [];
    for (let i = 0; ownBody.querySelector(`#contract-own-${i}-id`); i++) {
      const id = value(`contract-own-${i}-id`);
      const name = value(`contract-own-${i}-name`);
      if (id === "" && name === "") continue;
      const tokens = numberOrText(value(`contract-own-${i}-tokens`));
      const per = numberOrText(value(`contract-own-${i}-per`));
      features.push({
        id,
        name,
        unit: value(`contract-own-${i}-unit`),
        ...(tokens !== undefined ? { tokens } : { tokensPerUnit: undefined }),
        ...(per !== undefined ? { per } : {}),
      });
    }
    const currency = field("contract-currency").value;
    const price = numberOrText(value("contract-price"));
    const committed = numberOrText(value("contract-committed"));
    const keptRates = started.baseCard === base.id ? (started.rates ?? {}) : {};
    const { rates: _rates, features: _features, committedTokens: _committed, pricePerToken: _prices, ...rest } = started;
    return JSON.parse(
      JSON.stringify({
        ...rest,
        version: CONTRACT_CARD_VERSION,
        name: value("contract-name"),
        date: value("contract-date"),
        source: value("contract-source"),
        baseCard: base.id,
        currency,
        ...(price !== undefined ? { pricePerToken: { ...(started.baseCard === base.id ? started.pricePerToken : {}), [currency]: price } } : {}),
        ...(committed !== undefined ? { committedTokens: committed } : {}),
        rates: { ...keptRates, ...rates },
        features,
      }),
    ) as Record<string, unknown>;
  }

  function showProblems(list: readonly string[]): void {
    problems.hidden = list.length === 0;
    problems.replaceChildren(...list.map((p) => h("li", {}, p)));
  }

  /** Checks a contract card, offers it and (inside Excel) stores it with the workbook. */
  async function use(json: unknown, from: "editor" | "file" | "workbook"): Promise<void> {
    const found = contractProblems(json, CARDS);
    if (found.length > 0) {
      showProblems(found.map((p) => `${p.field}: ${p.message}`));
      if (from !== "workbook") setText(status, "The contract card was not used: fix the problems listed below.");
      return;
    }
    showProblems([]);
    const card = compileContract(json, CARDS);
    onCard(card);
    const said = `Contract card: ${card.card.name} (${card.card.date}), ${card.card.source}.`;
    const settings = workbookSettings();
    if (from === "workbook") return setText(status, `${said} Stored with this workbook.`);
    if (!settings) return setText(status, `${said} Not inside Excel: kept for this session only.`);
    try {
      await storeContract(settings, json);
      setText(status, `${said} Stored with this workbook.`);
    } catch (e) {
      setText(status, `${said} Excel did not store it with the workbook: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  field("contract-base").addEventListener("change", () => {
    const base = CARDS.find((x) => x.id === field("contract-base").value) ?? CARDS[0];
    paintRates(base, {});
  });
  saveButton.addEventListener("click", () => void use(read(), "editor"));
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      let json: unknown;
      try {
        json = JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch (e) {
        showProblems([`${file.name} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`]);
        return;
      }
      if (typeof json === "object" && json !== null && !Array.isArray(json)) fill(json as ContractCard);
      return use(json, "file");
    });
  });

  fill(started);
  return {
    element,
    loadFromWorkbook(): void {
      const json = readStoredContract(workbookSettings());
      if (json === undefined) return;
      if (typeof json === "object" && json !== null && !Array.isArray(json)) fill(json as ContractCard);
      void use(json, "workbook");
    },
  };
}
