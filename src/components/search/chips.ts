/**
 * Les filtres choisis, en « puces » qu'on retire une à une (liens : sans JavaScript aussi), et
 * « Tout effacer ». Sans dépendance lourde : ce module part dans le navigateur.
 */
import { ownValue } from '../../lib/lookup';
import { monthWords, DURATION_CHOICES } from '../../lib/french';
import { DEFAULT_RADIUS } from '../map/map';
import { LIST_TITLES, YES_TITLES } from './Facets';
import type { FacetLabels } from './labels';
import { LIST_FILTERS, SITUATION_FIELDS, YES_FILTERS, type SearchState } from './url-state';

export interface Chip {
  key: string;
  label: string;
  /** L'état sans ce filtre (page 1). */
  without: SearchState;
}

function copy(s: SearchState): SearchState {
  return { ...s, filters: { ...s.filters }, yes: { ...s.yes }, situation: { ...s.situation }, page: 1 };
}

export function activeChips(state: SearchState, labels: FacetLabels): Chip[] {
  const chips: Chip[] = [];
  const push = (key: string, label: string, edit: (s: SearchState) => void) => {
    const without = copy(state);
    edit(without);
    chips.push({ key, label, without });
  };
  if (state.commune !== null && state.rayon !== DEFAULT_RADIUS) push('rayon', `Distance : ${state.rayon} km`, (s) => (s.rayon = DEFAULT_RADIUS));
  if (state.aDistance) push('a_distance', 'Avec les formations à distance', (s) => (s.aDistance = false));
  if (state.gratuit) push('gratuit', 'Gratuit pour moi', (s) => (s.gratuit = false));
  for (const f of LIST_FILTERS) {
    const table = f === 'niveau' || f === 'modalite' || f === 'financement' || f === 'public' || f === 'departement' || f === 'territoire' ? labels[f] : undefined;
    for (const v of state.filters[f]) push(`${f}=${v}`, `${LIST_TITLES[f]} : ${ownValue(table, v) ?? v}`, (s) => (s.filters[f] = s.filters[f].filter((x) => x !== v)));
  }
  for (const f of YES_FILTERS) if (state.yes[f]) push(f, YES_TITLES[f], (s) => (s.yes[f] = false));
  if (state.mois) push('mois', `Début : ${monthWords(state.mois)}`, (s) => (s.mois = null));
  if (state.dureeMax !== null) {
    const choice = DURATION_CHOICES.find((c) => c.maxHours === state.dureeMax);
    push('duree_max', `Durée : ${choice?.label ?? `${state.dureeMax} heures au plus`}`, (s) => (s.dureeMax = null));
  }
  return chips;
}

/** « Tout effacer » : la même recherche (quoi, où) sans aucun filtre ; « Ma situation » reste. */
export function clearedFilters(state: SearchState): SearchState {
  const next = copy(state);
  for (const f of LIST_FILTERS) next.filters[f] = [];
  for (const f of YES_FILTERS) next.yes[f] = false;
  return { ...next, mois: null, dureeMax: null, gratuit: false, aDistance: false, rayon: DEFAULT_RADIUS };
}

/** « ?inscrit_ft=oui&age=18-25 » : « Ma situation » que la fiche reprend ('' sans réponse). */
export function situationSearchOf(state: SearchState): string {
  const p = new URLSearchParams();
  for (const f of SITUATION_FIELDS) if (state.situation[f]) p.set(f, state.situation[f]);
  const text = p.toString();
  return text ? `?${text}` : '';
}
