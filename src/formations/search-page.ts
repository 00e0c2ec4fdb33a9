/**
 * Cas d'usage de la page `/formations` (côté serveur) : l'adresse → un état sûr → la recherche.
 *
 * Rien n'est ré-analysé ici : l'état est traduit en paramètres de l'API, validés par le schéma
 * de l'API (`parseFormationsParams`) ; chaque paramètre refusé est retiré (il reprend sa valeur
 * par défaut) et son message français est gardé pour la page. La page ne tombe donc jamais en
 * erreur sur une adresse modifiée à la main. Puis la recherche est celle de l'API
 * (`searchFormations`, avec l'élargissement automatique du rayon).
 */
import { searchFormations, type FewResultsHelp } from '../http/formations';
import { parseFormationsParams, type FormationsParamsSchema } from '../http/params';
import type { InsertionIndex } from '../http/insertion';
import type { FormationsResponse } from '../http/schemas';
import type { GeoReferentiel } from '../geo/referentiel';
import { normalizeName, type Commune } from '../domain/geo';
import { resolveCommuneText } from '../territories/place';
import { lastPage as lastPageOf } from '../search/pagination';
import type { SearchEngine } from '../search/port';
import { lookupTable } from '../lib/lookup';
import { splitPostcode } from '../lib/place-text';
import { MAX_PLACE_TEXT_LENGTH, MAX_TEXT_LENGTH } from '../http/request-limits';
import { communeValue } from '../components/autocomplete/combobox';
import type { LatLon } from '../components/map/map';
import { apiParams, pageParamOf, PER_PAGE, stateFromParams, withoutParam, type SearchState } from '../components/search/url-state';

export interface SearchPageDeps {
  geo: Pick<GeoReferentiel, 'communeByInsee' | 'searchCommunes' | 'suggestCommunes'>;
  schema: FormationsParamsSchema;
  insertion: Pick<InsertionIndex, 'originOf'>;
  engine: SearchEngine;
  /** Métiers proches à proposer quand il y a peu de résultats (src/http/metiers.ts). */
  related?: FewResultsHelp;
}

export interface SearchPageView {
  state: SearchState;
  /** Messages français sur ce qui a été corrigé dans l'adresse. */
  messages: string[];
  response: FormationsResponse;
  /** Point de départ et son nom (« Cholet (49300) », « Ma position »), s'il y a un lieu. */
  origin: (LatLon & { label: string }) | null;
}

/** Nom de chaque paramètre, tel que l'usager le voit dans le formulaire. */
export const FIELD_NAMES = lookupTable({
  q: 'Quoi',
  metier: 'Métier',
  commune: 'Où',
  ou: 'Où',
  lat: 'Position',
  lon: 'Position',
  rayon: 'Distance maximale',
  niveau: 'Niveau',
  modalite: 'Modalité',
  financement: 'Financement',
  public: 'Public',
  departement: 'Département',
  territoire: 'Territoire',
  mois: 'Date de début',
  entree_permanente: 'Entrées permanentes',
  handicap: 'Accessible handicap',
  certifiante: 'Certifiante',
  duree_max: 'Durée',
  inscrit_ft: 'Ma situation (France Travail)',
  age: 'Ma situation (âge)',
  salarie: 'Ma situation (salarié·e)',
  rqth: 'Ma situation (handicap)',
  rsa: 'Ma situation (RSA)',
  gratuit: 'Gratuit pour moi',
  sans_metier: 'Métier retiré',
  mots_seuls: 'Seulement les mots',
  tri: 'Tri',
  page: 'Page',
});


/** Vrai si le texte du champ « Où ? » désigne toujours cette commune (sinon l'usager l'a retapé). */
function textMatches(commune: Commune, text: string): boolean {
  if (text === '') return true;
  const key = normalizeName(splitPostcode(text).name);
  return key === normalizeName(commune.name) || text === communeValue({ nom: commune.name, code_postal: commune.mainPostcode }) || commune.postcodes.includes(text.trim());
}

function placeOf(geo: SearchPageDeps['geo'], state: SearchState, messages: string[]): { state: SearchState; origin: SearchPageView['origin'] } {
  if (state.lat !== null && state.lon !== null && state.commune === null) {
    return { state, origin: { lat: state.lat, lon: state.lon, label: state.ou || 'Ma position' } };
  }
  const byCode = state.commune ? geo.communeByInsee(state.commune) : undefined;
  if (state.commune && !byCode) return { state, origin: null }; // code inconnu : l'API le refuse avec son message
  if (byCode && textMatches(byCode, state.ou)) {
    return { state: { ...state, ou: state.ou || communeValue({ nom: byCode.name, code_postal: byCode.mainPostcode }) }, origin: { lat: byCode.lat, lon: byCode.lon, label: byCode.name } };
  }
  if (state.ou === '') return { state: { ...state, commune: null, lat: null, lon: null }, origin: null };
  // La même règle que les autres formulaires (src/territories/place.ts) : hors région, faute de frappe.
  const resolved = resolveCommuneText(geo, state.ou);
  if (!resolved.ok) {
    messages.push(`Où : ${resolved.message}`);
    return { state: { ...state, commune: null, lat: null, lon: null }, origin: null };
  }
  const byText = resolved.commune;
  const label = communeValue({ nom: byText.name, code_postal: byText.mainPostcode });
  return { state: { ...state, commune: byText.inseeCode, lat: null, lon: null, ou: label }, origin: { lat: byText.lat, lon: byText.lon, label: byText.name } };
}

/** Les textes libres de l'adresse et leur longueur maximale, vérifiée avant de les lire. */
const TEXT_LIMITS = [
  ['q', MAX_TEXT_LENGTH],
  ['ou', MAX_PLACE_TEXT_LENGTH],
] as const;

/** L'adresse sans les textes trop longs (chacun avec son message) : rien d'autre n'est lu avant. */
function boundedParams(params: URLSearchParams, messages: string[]): URLSearchParams {
  const bounded = new URLSearchParams(params);
  for (const [name, max] of TEXT_LIMITS) {
    if (!bounded.getAll(name).some((v) => v.length > max)) continue;
    messages.push(`${FIELD_NAMES[name]} : le texte ne doit pas dépasser ${max} caractères. Nous n’en avons pas tenu compte.`);
    bounded.delete(name);
  }
  return bounded;
}

export async function searchPage(params: URLSearchParams, deps: SearchPageDeps): Promise<SearchPageView> {
  const messages: string[] = [];
  let { state, origin } = placeOf(deps.geo, stateFromParams(boundedParams(params, messages)), messages);

  // Chaque paramètre refusé par l'API est retiré, avec son message ; au plus quelques tours.
  let parsed = parseFormationsParams(deps.schema, apiParams(state));
  for (let round = 0; !parsed.ok && round < 5; round += 1) {
    for (const [field, message] of Object.entries(parsed.champs)) {
      const name = pageParamOf(field);
      messages.push(`${FIELD_NAMES[name] ?? name} : ${message} Nous n’en avons pas tenu compte.`);
      state = withoutParam(state, name);
      if (name === 'commune' || name === 'lat' || name === 'lon') origin = null;
    }
    parsed = parseFormationsParams(deps.schema, apiParams(state));
  }
  if (!parsed.ok) throw new Error(`Paramètres de recherche irréparables : ${JSON.stringify(parsed.champs)}`);

  let response = await searchFormations(deps.engine, parsed.query, deps.insertion.originOf, parsed.situation, deps.related ?? null, parsed.understanding);
  const lastPage = lastPageOf(response.total, PER_PAGE);
  if (state.page > lastPage) {
    messages.push(`Page : il n’y a que ${lastPage} page${lastPage > 1 ? 's' : ''} de résultats. Voici la ${lastPage > 1 ? 'dernière' : 'première'}.`);
    state = { ...state, page: lastPage };
    response = await searchFormations(deps.engine, { ...parsed.query, page: lastPage }, deps.insertion.originOf, parsed.situation, deps.related ?? null, parsed.understanding);
  }
  return { state, messages: [...new Set(messages)], response, origin };
}
