import { compileCard, type CompiledCard } from "../card-registry";
import { InputError } from "../errors";
import { GENESYS_PUBLISHED_CARD } from "./genesys-published";
import { STUDY_NOTES_CARD } from "./study-notes";

/** Every rate card the product ships, checked once when this module loads. The first is the default. */
export const CARDS: readonly CompiledCard[] = [compileCard(STUDY_NOTES_CARD), compileCard(GENESYS_PUBLISHED_CARD)];

export const DEFAULT_CARD: CompiledCard = CARDS[0];

export const CARD_IDS: readonly string[] = CARDS.map((c) => c.id);

/**
 * Cards the analyst brought (a contract card from a file or the workbook), by id: the one hook by
 * which a face makes its card known to every sheet builder. The shipped cards cannot be replaced.
 */
const ownCards = new Map<string, CompiledCard>();

/** Makes a compiled contract card known to getCard; returns a function that forgets it again. */
export function useOwnCard(card: CompiledCard): () => void {
  if (CARD_IDS.includes(card.id)) throw new Error(`"${card.id}" is a shipped card's id.`);
  ownCards.set(card.id, card);
  return () => {
    if (ownCards.get(card.id) === card) ownCards.delete(card.id);
  };
}

/** The shipped cards, then the cards the analyst brought. */
export const knownCards = (): readonly CompiledCard[] => (ownCards.size === 0 ? CARDS : [...CARDS, ...ownCards.values()]);

/** The card with an id; a blank id means the default card. */
export function getCard(id?: string | null): CompiledCard | InputError {
  if (id === undefined || id === null || id === "") return DEFAULT_CARD;
  const wanted = id.trim().toLowerCase();
  for (const c of CARDS) if (c.id === wanted) return c;
  const own = ownCards.get(wanted);
  if (own) return own;
  return new InputError(
    "na",
    `Unknown rate card "${id}". Known: ${knownCards()
      .map((c) => c.id)
      .join(", ")}.`,
  );
}
