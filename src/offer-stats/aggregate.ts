/**
 * L'offre de formation en chiffres : comptes d'actions, de sessions, de formations et d'organismes,
 * par territoire EFOP, par grand domaine du ROME et par niveau de sortie.
 *
 * Fonctions pures sur les documents de recherche (`ActionDocument`) : ce sont les mêmes documents
 * que ceux de l'API `/api/formations`, si bien que les chiffres des pages et ceux de l'API concordent.
 * Une « session » est une session encore proposée à la date des documents (à venir, ou en cours
 * pour une formation à entrées et sorties permanentes).
 */
import { LEVEL_LABELS, type Level } from '../domain/levels';
import { ROME_DOMAINS } from '../domain/metier';
import type { ActionDocument } from '../search/port';

/** Ce que les comptes lisent d'un document. */
export type OfferDocument = Pick<
  ActionDocument,
  'id' | 'formationId' | 'organismeId' | 'romeCodes' | 'level' | 'territoire' | 'sessions' | 'inseeCode' | 'city' | 'lat' | 'lon'
>;

export interface OfferCounts {
  /** Actions : une formation dans un lieu. */
  actions: number;
  /** Sessions à venir (ou en cours, entrées permanentes). */
  sessions: number;
  formations: number;
  organismes: number;
}

export interface CountRow<K> {
  key: K;
  label: string;
  actions: number;
  sessions: number;
}

export function countOffer(docs: readonly OfferDocument[]): OfferCounts {
  return {
    actions: docs.length,
    sessions: docs.reduce((n, d) => n + d.sessions.length, 0),
    formations: new Set(docs.map((d) => d.formationId)).size,
    organismes: new Set(docs.map((d) => d.organismeId)).size,
  };
}

/** Additionne les actions et sessions par clé ; un document peut compter pour plusieurs clés (une fois chacune). */
function countBy<K>(docs: readonly OfferDocument[], keysOf: (doc: OfferDocument) => readonly K[]): Map<K, { actions: number; sessions: number }> {
  const counts = new Map<K, { actions: number; sessions: number }>();
  for (const doc of docs) {
    for (const key of new Set(keysOf(doc))) {
      const row = counts.get(key) ?? { actions: 0, sessions: 0 };
      row.actions += 1;
      row.sessions += doc.sessions.length;
      counts.set(key, row);
    }
  }
  return counts;
}

export const UNKNOWN_LEVEL_LABEL = 'Niveau non précisé';
export const UNKNOWN_DOMAIN_LABEL = 'Métier visé non précisé';

/** Par niveau de sortie, du niveau 1 au niveau 8, puis « niveau non précisé » ; niveaux absents omis. */
export function countByLevel(docs: readonly OfferDocument[]): CountRow<Level | null>[] {
  const counts = countBy(docs, (d) => [d.level]);
  return [...counts.entries()]
    .sort(([a], [b]) => (a ?? 99) - (b ?? 99))
    .map(([key, c]) => ({ key, label: key === null ? UNKNOWN_LEVEL_LABEL : `Niveau ${key} — ${LEVEL_LABELS[key]}`, ...c }));
}

/**
 * Par grand domaine du ROME (lettre A à N du code métier), dans l'ordre des lettres. Une action qui
 * vise des métiers de deux domaines compte dans chacun (le total des lignes peut donc dépasser le
 * nombre d'actions) ; une action sans code ROME compte dans « métier visé non précisé », en dernier.
 */
export function countByDomain(docs: readonly OfferDocument[]): CountRow<string | null>[] {
  const counts = countBy(docs, (d) => {
    const letters = d.romeCodes.map((c) => c.charAt(0)).filter((l) => l in ROME_DOMAINS);
    return letters.length > 0 ? letters : [null];
  });
  return [...counts.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, c]) => ({ key, label: key === null ? UNKNOWN_DOMAIN_LABEL : `${key} — ${ROME_DOMAINS[key]}`, ...c }));
}

/** Les chiffres de chaque territoire EFOP (slug → comptes) ; les actions hors territoire sont ignorées. */
export function countByTerritoire(docs: readonly OfferDocument[]): Map<string, OfferCounts> {
  const groups = Map.groupBy(
    docs.filter((d) => d.territoire !== null),
    (d) => d.territoire as string,
  );
  return new Map([...groups.entries()].map(([slug, group]) => [slug, countOffer(group)]));
}

/** Un lieu de formation (une commune) et son offre, pour une carte ou sa liste. */
export interface TrainingPlace {
  inseeCode: string | null;
  city: string;
  lat: number;
  lon: number;
  actions: number;
  sessions: number;
}

/**
 * Les lieux de formation, regroupés par commune (code INSEE, sinon nom), du plus grand nombre
 * d'actions au plus petit, puis par nom. Le point d'un lieu est la moyenne des points de ses actions.
 */
export function trainingPlaces(docs: readonly OfferDocument[]): TrainingPlace[] {
  const groups = Map.groupBy(docs, (d) => d.inseeCode ?? `nom:${d.city}`);
  return [...groups.values()]
    .map((group) => {
      const first = group[0] as OfferDocument;
      return {
        inseeCode: first.inseeCode,
        city: first.city,
        lat: group.reduce((s, d) => s + d.lat, 0) / group.length,
        lon: group.reduce((s, d) => s + d.lon, 0) / group.length,
        actions: group.length,
        sessions: group.reduce((s, d) => s + d.sessions.length, 0),
      };
    })
    .sort((a, b) => b.actions - a.actions || a.city.localeCompare(b.city, 'fr'));
}

/** Les documents de chaque code ROME (une action qui vise deux métiers est dans les deux listes). */
export function documentsByRomeCode<T extends Pick<OfferDocument, 'romeCodes'>>(docs: readonly T[]): Map<string, T[]> {
  const byCode = new Map<string, T[]>();
  for (const doc of docs) {
    for (const code of new Set(doc.romeCodes)) {
      const list = byCode.get(code);
      if (list) list.push(doc);
      else byCode.set(code, [doc]);
    }
  }
  return byCode;
}
