import { compileCard, type CompiledCard } from "../card-registry";
import { InputError } from "../errors";
import { GENESYS_PUBLISHED_CARD } from "./genesys-published";
import { STUDY_NOTES_CARD } from "./study-notes";

/** Every rate card the product knows, checked once when this module loads. The first is the default. */
export const CARDS: readonly CompiledCard[] = [compileCard(STUDY_NOTES_CARD), compileCard(GENESYS_PUBLISHED_CARD)];

export const DEFAULT_CARD: CompiledCard = CARDS[0];

export const CARD_IDS: readonly string[] = CARDS.map((c) => c.id);

/** The card with an id; a blank id means the default card. */
export function getCard(id?: string | null): CompiledCard | InputError {
  if (id === undefined || id === null || id === "") return DEFAULT_CARD;
  const wanted = id.trim().toLowerCase();
  for (const c of CARDS) if (c.id === wanted) return c;
  return new InputError("na", `Unknown rate card "${id}". Known: ${CARD_IDS.join(", ")}.`);
}
