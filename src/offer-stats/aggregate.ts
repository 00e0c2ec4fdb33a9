/**
 * L'offre de formation en chiffres : les formes des comptes (par territoire EFOP, par grand
 * domaine du ROME, par niveau de sortie, par lieu) et leur mise en ordre et en mots. Les comptes
 * eux-mêmes viennent du moteur de recherche (counts.ts) ; les fonctions d'ici sont pures.
 */
import { LEVEL_LABELS, type Level } from '../domain/levels';
import { ROME_DOMAINS } from '../domain/metier';
import { placeKey } from '../search/facets';

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

export const UNKNOWN_LEVEL_LABEL = 'Niveau non précisé';
export const UNKNOWN_DOMAIN_LABEL = 'Métier visé non précisé';

type Counted<K> = { key: K; actions: number; sessions: number };

/** Par niveau de sortie, du niveau 1 au niveau 8, puis « niveau non précisé » ; niveaux absents omis. */
export function levelRows(counts: readonly Counted<Level | null>[]): CountRow<Level | null>[] {
  return [...counts]
    .sort((a, b) => (a.key ?? 99) - (b.key ?? 99))
    .map((c) => ({ key: c.key, label: c.key === null ? UNKNOWN_LEVEL_LABEL : `Niveau ${c.key} — ${LEVEL_LABELS[c.key]}`, actions: c.actions, sessions: c.sessions }));
}

/**
 * Par grand domaine du ROME (lettre A à N du code métier), dans l'ordre des lettres. Une action qui
 * vise des métiers de deux domaines compte dans chacun (le total des lignes peut donc dépasser le
 * nombre d'actions) ; une action sans code ROME compte dans « métier visé non précisé », en dernier.
 */
export function domainRows(counts: readonly Counted<string | null>[]): CountRow<string | null>[] {
  return [...counts]
    .sort(({ key: a }, { key: b }) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map((c) => ({ key: c.key, label: c.key === null ? UNKNOWN_DOMAIN_LABEL : `${c.key} — ${ROME_DOMAINS[c.key]}`, actions: c.actions, sessions: c.sessions }));
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

/** Où se trouve une action (lu dans le catalogue : ce n'est pas un compte). */
export interface ActionLocation {
  inseeCode: string | null;
  city: string;
  lat: number;
  lon: number;
}

/**
 * Les lieux de formation, regroupés par commune (code INSEE, sinon nom), du plus grand nombre
 * d'actions au plus petit, puis par nom. Le point d'un lieu est la moyenne des points de ses
 * actions (`locations`, du catalogue) ; ses actions et sessions sont comptées par le moteur (`counts`).
 */
export function trainingPlaces(locations: readonly ActionLocation[], counts: ReadonlyMap<string, { actions: number; sessions: number }>): TrainingPlace[] {
  const groups = Map.groupBy(locations, placeKey);
  return [...groups.entries()]
    .map(([key, group]) => {
      const first = group[0] as ActionLocation;
      const counted = counts.get(key) ?? { actions: 0, sessions: 0 };
      return {
        inseeCode: first.inseeCode,
        city: first.city,
        lat: group.reduce((s, d) => s + d.lat, 0) / group.length,
        lon: group.reduce((s, d) => s + d.lon, 0) / group.length,
        actions: counted.actions,
        sessions: counted.sessions,
      };
    })
    .sort((a, b) => b.actions - a.actions || a.city.localeCompare(b.city, 'fr'));
}
