/**
 * Traduction d'une `SearchQuery` (déjà validée) en expressions de filtre et de tri Meilisearch.
 *
 * Fonctions pures. Le texte libre de l'usager n'entre JAMAIS dans un filtre : il part dans `q`.
 * Toute valeur chaîne est entre guillemets et échappée (`quoteFilterValue`) ; tout nombre est
 * vérifié puis écrit sans notation exponentielle (`formatFilterNumber`). Une valeur invalide
 * lève une erreur en français plutôt que de produire un filtre douteux.
 *
 * Niveaux : indexés en chaînes (« 3 »), comme les clés de facette (`facetValues`).
 *
 * Dates : Meilisearch ne compare (`>=`, `<=`, `TO`) que des nombres. Les débuts de session sont
 * donc indexés en jours depuis le 1970-01-01 (`sessionStartDays`, `nextStartDay`) et la fenêtre
 * de début est un intervalle de jours.
 */
import { isLevel } from '../domain/levels';
import { analyzeQueryWords, limitWords, unstemmedQueryWords } from './analyzer';
import type { SearchQuery } from './query';
import { expandWords } from './synonyms';

/** Chaîne entre guillemets doubles, `\` et `"` échappés : elle ne peut pas sortir de ses guillemets. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Nombre fini écrit en notation décimale fixe (`digits` décimales, jamais d'exposant). */
export function formatFilterNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new Error(`Filtre Meilisearch : nombre invalide (${String(value)}).`);
  if (Math.abs(value) >= 1e15) throw new Error(`Filtre Meilisearch : nombre hors limites (${String(value)}).`);
  return value.toFixed(digits);
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** « AAAA-MM-JJ » → jours depuis le 1970-01-01 (UTC). Une date invalide est une erreur. */
export function dayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  const [year, month, day] = match === null ? [] : match.slice(1).map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Date invalide : « ${isoDate} » (AAAA-MM-JJ attendu).`);
  const time = Date.UTC(year, month - 1, day);
  if (new Date(time).toISOString().slice(0, 10) !== isoDate) throw new Error(`Date invalide : « ${isoDate} » (ce jour n'existe pas).`);
  return time / DAY_MS;
}

/** `field IN ["a", "b"]`, ou null si la liste est vide (pas de restriction). */
function inStrings(field: string, values: readonly string[]): string | null {
  return values.length === 0 ? null : `${field} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

function equalsBoolean(field: string, value: boolean | null): string | null {
  return value === null ? null : `${field} = ${value ? 'true' : 'false'}`;
}

/** Rayon : dans le cercle, ou entièrement à distance (jamais exclu par le rayon). */
export function geoFilter(lat: number, lon: number, radiusKm: number): string {
  const meters = formatFilterNumber(Math.round(radiusKm * 1000), 0);
  return `(_geoRadius(${formatFilterNumber(lat, 6)}, ${formatFilterNumber(lon, 6)}, ${meters}) OR distanceLearning = true)`;
}

function levelFilter(levels: readonly number[]): string | null {
  for (const level of levels) {
    if (!isLevel(level)) throw new Error(`Filtre Meilisearch : niveau invalide (${String(level)}), 1 à 8 attendu.`);
  }
  return inStrings('level', levels.map(String));
}

function startWindowFilter(from: string | null, to: string | null): string | null {
  if (from !== null && to !== null) {
    const [start, end] = [dayNumber(from), dayNumber(to)];
    if (start > end) throw new Error(`Fenêtre de début invalide : le ${from} est après le ${to}.`);
    return `sessionStartDays ${start} TO ${end}`;
  }
  if (from !== null) return `sessionStartDays >= ${dayNumber(from)}`;
  if (to !== null) return `sessionStartDays <= ${dayNumber(to)}`;
  return null;
}

function maxDurationFilter(hours: number | null): string | null {
  if (hours === null) return null;
  if (!(hours > 0)) throw new Error(`Filtre Meilisearch : durée maximale invalide (${String(hours)}).`);
  return `durationHours <= ${formatFilterNumber(hours, 2)}`;
}

/**
 * Le filtre Meilisearch d'une requête : une liste d'expressions, toutes requises (ET).
 * Dans chaque expression `IN`, les valeurs sont des alternatives (OU).
 */
export function buildFilter(query: SearchQuery): string[] {
  const { filters } = query;
  const radiusKm = query.radiusKm;
  const expressions = [
    inStrings('romeCodes', query.romeCodes),
    query.origin !== null && radiusKm !== null ? geoFilter(query.origin.lat, query.origin.lon, radiusKm) : null,
    levelFilter(filters.levels),
    inStrings('teachingMode', filters.teachingModes),
    inStrings('financing', filters.financing),
    inStrings('publics', filters.publics),
    inStrings('departement', filters.departements),
    inStrings('territoire', filters.territoires),
    startWindowFilter(filters.startFrom, filters.startTo),
    equalsBoolean('permanentEntry', filters.permanentEntry),
    equalsBoolean('handicapAccessible', filters.handicapAccessible),
    equalsBoolean('certifying', filters.certifying),
    maxDurationFilter(filters.maxDurationHours),
    inStrings('freeFor', filters.freeFor),
  ];
  return expressions.filter((e): e is string => e !== null);
}

/**
 * Le texte envoyé dans `q` : les mots que lit le moteur embarqué, sous leur forme NON racinisée
 * (Meilisearch indexe les formes du texte), et rien d'autre :
 *  - pliés (minuscules, sans accents), élisions retirées, séparés par une espace ;
 *  - SANS mots vides : Meilisearch fait du dernier mot de `q` un début de mot même si c'est un
 *    mot vide (`located_query_terms_from_tokens`, crates/milli/src/search/new/query_term/
 *    parse_query.rs, v1.50.0), et un mot vide retiré au milieu de `q` y garde sa position, ce
 *    qui empêche la clé de synonyme « aide domicile » d'être cherchée (`make_ngram` exige des
 *    positions consécutives). « cuisinier de » → « cuisinier » ;
 *  - sans opérateurs : `"…"` (recherche de phrase) et `-mot` (exclusion) n'existent pas dans le
 *    moteur embarqué ; seules les lettres et les chiffres forment des mots, les guillemets et
 *    les traits d'union disparaissent (« "cap" -boulanger » → « cap boulanger ») ;
 *  - les 10 premiers mots (`limitWords`), ceux que lit aussi le moteur embarqué ;
 *  - suivie d'une espace quand le dernier mot ne doit pas être cherché comme début de mot :
 *    le moteur embarqué ne le fait pas pour un sigle ou un terme du dictionnaire de synonymes
 *    (« as » ne doit pas trouver « assistant »), et Meilisearch ne fait du dernier mot un
 *    début de mot que si rien ne le suit (même fonction : une espace finale est un séparateur
 *    qui le suit).
 * '' si le texte n'a aucun mot cherchable : Meilisearch cherche alors parmi toutes les actions,
 * comme le moteur embarqué.
 */
export function meilisearchQueryText(text: string): string {
  const terms = limitWords(unstemmedQueryWords(text)).flatMap((w) => (w.parts.length > 0 ? w.parts : w.joined === null ? [] : [w.joined]));
  if (terms.length === 0) return '';
  const slots = expandWords(limitWords(analyzeQueryWords(text)));
  const lastIsSynonym = (slots.at(-1)?.group ?? null) !== null;
  return terms.join(' ') + (lastIsSynonym ? ' ' : '');
}

/** `_geoPoint(lat, lon):asc` : du plus proche au plus loin de l'origine. */
function geoPointSort(lat: number, lon: number): string {
  return `_geoPoint(${formatFilterNumber(lat, 6)}, ${formatFilterNumber(lon, 6)}):asc`;
}

/**
 * Le tri Meilisearch, aligné sur le moteur embarqué. La règle `sort` vient en tête des règles de
 * classement : un tri demandé (date, insertion, note, distance) est strict, y compris avec du
 * texte, et la pertinence textuelle ne fait que départager. « distance » : les actions sur place
 * d'abord (`distanceLearningRank` 0), puis celles entièrement à distance (1), par distance.
 * En « pertinence » avec du texte, aucun tri : la pertinence seule. Sans texte (aucun mot cherchable), la pertinence devient « prochaines sessions
 * d'abord », et la distance à l'origine départage tous les tris.
 */
export function buildSort(query: SearchQuery): string[] {
  const hasText = meilisearchQueryText(query.text) !== '';
  const geo = query.origin === null ? [] : [geoPointSort(query.origin.lat, query.origin.lon)];
  const tiebreak = hasText ? [] : geo;
  const pertinence = hasText ? [] : ['nextStartDay:asc', ...geo];
  switch (query.sort) {
    case 'pertinence':
      return pertinence;
    case 'distance':
      return geo.length === 0 ? pertinence : ['distanceLearningRank:asc', ...geo];
    case 'date':
      return ['nextStartDay:asc', ...tiebreak];
    case 'insertion':
      return ['insertionRate:desc', ...tiebreak];
    case 'note':
      return ['reviewScore:desc', 'reviewCount:desc', ...tiebreak];
  }
}
