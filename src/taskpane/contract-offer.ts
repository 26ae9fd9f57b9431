/**
 * The contract card offered to every tab: the calculator's editor (or the workbook's stored card)
 * brings it once, each tab that prices a profile or a period (Calculator, Annual budget, Usage dashboard) lists it beside the
 * shipped cards and, when the card has features of its own, shows a volume field for each. One card
 * at a time: a newer one replaces the last, for the core (useOwnCard) and for every tab listening.
 */
import type { CompiledCard } from "../core/card-registry";
import { useOwnCard } from "../core/cards";
import { CONTRACT_CARD_ID } from "../core/contract-card";
import { h } from "./dom";
import type { FieldKit } from "./field-kit";
import { ownVolumePath } from "./form";
import type { OwnLineView } from "./view-model";

let offered: CompiledCard | undefined;
let release: (() => void) | undefined;
const listeners = new Set<(card: CompiledCard) => void>();

/** Makes a contract card known to the core and tells every tab listening. */
export function offerContract(card: CompiledCard): void {
  release?.();
  release = useOwnCard(card);
  offered = card;
  for (const listener of listeners) listener(card);
}

/** Calls `listener` with the contract card offered now (if any) and with every later one. */
export function onContractOffered(listener: (card: CompiledCard) => void): void {
  listeners.add(listener);
  if (offered) listener(offered);
}

/** Lists the contract card in a card picker, "Contract: <name>", once (a newer card renames it). */
export function listContract(select: HTMLSelectElement, card: CompiledCard): void {
  let option = select.querySelector<HTMLOptionElement>(`option[value="${CONTRACT_CARD_ID}"]`);
  if (!option) {
    option = h("option", { value: CONTRACT_CARD_ID });
    select.append(option);
  }
  option.textContent = `Contract: ${card.card.name}`;
}

/**
 * A tab's card picker offers the contract card from now on: listed beside the shipped cards as each
 * card comes, and `refresh` called when the tab has it chosen (a newer card: its rates, committed
 * tokens and own features).
 */
export function offerContractIn(select: HTMLSelectElement, chosen: () => string, refresh: () => void): void {
  onContractOffered((card) => {
    listContract(select, card);
    if (chosen() === CONTRACT_CARD_ID) refresh();
  });
}

/**
 * The volume fields of the card's own features (a contract's), one each, rebuilt when the card's own
 * features change. Field paths are "ownVolumes.<id>" in every tab (form.ts ownVolumePath).
 */
export function ownVolumeFields<P extends string>(kit: FieldKit<P>, id: string): { element: HTMLElement; paint(lines: readonly OwnLineView[]): boolean } {
  const element = h("div", { class: "own-volumes", id });
  let shown = "";
  return {
    element,
    /** Rebuilds the fields when the lines differ from those shown; true when it did (the caller syncs the values). */
    paint(lines) {
      const key = lines.map((l) => `${l.feature}:${l.label}`).join("|");
      if (key === shown) return false;
      shown = key;
      for (const path of [...kit.refs.keys()]) if (path.startsWith("ownVolumes.")) kit.refs.delete(path);
      element.replaceChildren(
        ...lines.map((l) => kit.text(ownVolumePath(l.feature) as P, l.label, { hint: l.hint, suffix: true, numeric: true, placeholder: "0" })),
      );
      for (const l of lines) kit.setSuffix(ownVolumePath(l.feature) as P, l.unit);
      return true;
    },
  };
}
