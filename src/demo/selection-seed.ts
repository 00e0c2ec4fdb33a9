/**
 * La sélection de démonstration : au démarrage d'un serveur sur les données de démonstration (hors
 * production), un lien court au code fixe `vmmdem`, créé PAR LE VRAI PARCOURS (`createShortLink`),
 * pour qu'un·e conseiller·e voie tout de suite « partir de la sélection d'une personne » (/conseil).
 * Trois formations d'aide-soignant·e, le métier, et des notes dites « démonstration ».
 * Refait s'il a expiré ou a été supprimé : un nouveau lien, même code, jamais en production.
 */
import { SHORT_CODE_ALPHABET, type SelectionItem } from '../domain/selection';
import type { Formation, Action } from '../domain/offer';
import { createShortLink, openShortLink, type ShareDeps } from '../selection/short-links';

export const DEMO_SHORT_CODE = 'vmmdem';
const DEMO_METIER = 'J1501';

/** Les éléments de la sélection de démonstration, tirés de l'offre (les 3 premières cartes du métier). */
export function demoSelectionItems(offer: { formations: readonly Formation[]; actions: readonly Action[] }, cardOf: (actionId: string) => string | undefined): SelectionItem[] {
  const formations = new Set(offer.formations.filter((f) => f.romeCodes.includes(DEMO_METIER)).map((f) => f.id));
  const cards: string[] = [];
  for (const action of offer.actions) {
    const card = formations.has(action.formationId) ? cardOf(action.id) : undefined;
    if (card && !cards.includes(card)) cards.push(card);
    if (cards.length === 3) break;
  }
  const notes = ['Démonstration : demander s’il y a un car depuis Cholet.', 'Démonstration : réunion d’information à noter.', ''];
  return [...cards.map((id, i) => ({ kind: 'formation' as const, id, note: notes[i] ?? '' })), { kind: 'metier', id: DEMO_METIER, note: '' }];
}

/** Crée (ou recrée) le lien de démonstration ; renvoie son code, ou null s'il n'a pas pu l'être. */
export function seedDemoSelection(share: ShareDeps, items: readonly SelectionItem[]): string | null {
  const opened = openShortLink(share, DEMO_SHORT_CODE);
  if (opened.state === 'active') return DEMO_SHORT_CODE;
  if (opened.state !== 'unknown') share.store.forget(DEMO_SHORT_CODE);
  const letters = [...DEMO_SHORT_CODE].map((ch) => SHORT_CODE_ALPHABET.indexOf(ch));
  let at = 0;
  const created = createShortLink({ ...share, randomIndex: () => letters[at++ % letters.length] as number }, items);
  return created.ok && created.code === DEMO_SHORT_CODE ? DEMO_SHORT_CODE : null;
}
