/**
 * Les phrases de la liste de résultats : titre avec le nombre, élargissement automatique du
 * rayon, aide quand rien n'est trouvé (ce qui a été cherché, et comment élargir). Sans dépendance.
 */
import type { FormationsResponse } from '../../http/schemas';
import type { FacetLabels } from './labels';
import { ownValue } from '../../lib/lookup';
import { monthWords, plural } from '../../lib/french';
import { RADIUS_CHOICES } from '../map/map';
import { hasPlace, LIST_FILTERS, type SearchState } from './url-state';

export function resultsHeading(total: number): string {
  if (total === 0) return 'Aucune formation trouvée';
  return `${plural(total, 'formation trouvée', 'formations trouvées', ' ')}`;
}

/** « Aucune formation à moins de 10 km de Cholet : nous avons élargi la recherche à 20 km. » */
export function widenedNotice(response: Pick<FormationsResponse, 'elargi' | 'rayon_km' | 'total'>, requestedKm: number, placeLabel: string | null): string | null {
  if (!response.elargi || response.rayon_km === null) return null;
  const around = placeLabel ? ` de ${placeLabel}` : '';
  if (response.total === 0) return `Aucune formation à moins de ${requestedKm} km${around}, ni même à ${response.rayon_km} km.`;
  return `Aucune formation sur place à moins de ${requestedKm} km${around} : nous avons élargi la recherche à ${response.rayon_km} km.`;
}

export interface EmptyHelp {
  /** Ce qui a été cherché, en une phrase. */
  searched: string;
  /** Autres recherches proposées : élargir le rayon, retirer un filtre, inclure la distance. */
  suggestions: { label: string; state: SearchState }[];
}

const YES_WORDS = { entree_permanente: 'entrées permanentes', handicap: 'accessible handicap', certifiante: 'certifiante' } as const;

export function emptyResultsHelp(state: SearchState, response: Pick<FormationsResponse, 'rayon_km'>, placeLabel: string | null, labels: FacetLabels): EmptyHelp {
  const parts: string[] = [];
  if (state.q) parts.push(`« ${state.q} »`);
  if (state.metier.length > 0) parts.push(`le métier ${state.metier.join(', ')}`);
  const radius = response.rayon_km ?? state.rayon;
  if (hasPlace(state)) parts.push(`à moins de ${radius} km de ${placeLabel ?? 'votre position'}`);
  const filters: { label: string; state: SearchState }[] = [];
  for (const f of LIST_FILTERS) {
    for (const v of state.filters[f]) {
      const label = ownValue(labels[f], v) ?? v;
      filters.push({ label: `Retirer le filtre « ${label} »`, state: { ...state, filters: { ...state.filters, [f]: state.filters[f].filter((x) => x !== v) }, page: 1 } });
    }
  }
  for (const f of Object.keys(YES_WORDS) as (keyof typeof YES_WORDS)[]) {
    if (state.yes[f]) filters.push({ label: `Retirer le filtre « ${YES_WORDS[f]} »`, state: { ...state, yes: { ...state.yes, [f]: false }, page: 1 } });
  }
  if (state.mois) filters.push({ label: `Retirer le filtre « début en ${monthWords(state.mois)} »`, state: { ...state, mois: null, page: 1 } });
  if (state.gratuit) filters.push({ label: 'Retirer « Gratuit pour moi » (voir aussi les formations que quelqu’un peut payer pour vous)', state: { ...state, gratuit: false, page: 1 } });
  if (state.dureeMax !== null) filters.push({ label: `Retirer le filtre « ${labels.duree[String(state.dureeMax)] ?? `${state.dureeMax} heures au plus`} »`, state: { ...state, dureeMax: null, page: 1 } });

  const count = filters.length;
  const searched = `Nous avons cherché ${parts.length > 0 ? parts.join(', ') : 'toutes les formations'}${count > 0 ? `, avec ${plural(count, 'filtre', 'filtres', ' ')}` : ''} : aucune formation ne correspond.`;

  const suggestions: EmptyHelp['suggestions'] = [];
  const wider = RADIUS_CHOICES.find((r) => r > radius);
  if (hasPlace(state) && wider) suggestions.push({ label: `Chercher jusqu’à ${wider} km`, state: { ...state, rayon: wider, page: 1 } });
  if (hasPlace(state) && !state.aDistance) suggestions.push({ label: 'Inclure les formations à distance', state: { ...state, aDistance: true, page: 1 } });
  suggestions.push(...filters);
  if (state.q && (hasPlace(state) || count > 0)) suggestions.push({ label: `Chercher « ${state.q} » partout, sans filtre`, state: { ...state, commune: null, lat: null, lon: null, ou: '', filters: { niveau: [], modalite: [], financement: [], public: [], departement: [], territoire: [] }, yes: { entree_permanente: false, handicap: false, certifiante: false }, mois: null, dureeMax: null, page: 1 } });
  return { searched, suggestions };
}

/** « Nous avons compris : métier Coiffeur / Coiffeuse. » ; « … : métiers Cuisinier / Cuisinière, Commis de cuisine. » */
export function understoodSentence(labels: readonly string[]): string {
  return `Nous avons compris : ${labels.length > 1 ? 'métiers' : 'métier'} ${labels.join(', ')}.`;
}

/** Où viennent les formations des métiers compris, en une phrase. */
export function understoodOrder(count: number): string {
  return count > 1
    ? 'Les formations de ces métiers viennent après celles qui contiennent vos mots.'
    : 'Les formations de ce métier viennent après celles qui contiennent vos mots.';
}

/** « Mots non cherchés : « veux », « devenir ». » (mots de la demande), ou null. */
export function ignoredWordsSentence(words: readonly string[]): string | null {
  return words.length === 0 ? null : `${words.length > 1 ? 'Mots non cherchés' : 'Mot non cherché'} : ${words.map((w) => `« ${w} »`).join(', ')}.`;
}
