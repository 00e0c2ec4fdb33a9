/**
 * Valeurs de facettes calculées à partir d'un ActionDocument, partagées par les deux moteurs :
 * le moteur embarqué compte les facettes avec `facetValues`, l'adaptateur Meilisearch indexe
 * `startMonth` et `durationBucket` avec les mêmes fonctions. Une facette compte chaque action
 * une fois par valeur (une action à plusieurs financements compte dans chacun).
 */
import type { ActionDocument } from './port';
import { emptyDict } from '../lib/lookup';
import { ROME_DOMAINS } from '../domain/metier';
import { FACETS, NO_VALUE, SLOT_SEPARATOR, type FacetName, type Facets, type OfferFacetName } from './query';

/** Mois « AAAA-MM » d'une date « AAAA-MM-JJ » (facette des débuts de session). */
export function startMonth(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/**
 * Tranches de durée en heures. Bornes : « <150 » strictement sous 150 h, « 150-400 » de 150 à
 * 400 h comprises, « 400-800 » au-delà de 400 h et jusqu'à 800 h, « >800 » au-delà de 800 h :
 * un filtre « 400 h au plus » correspond ainsi exactement aux deux premières tranches.
 */
export const DURATION_BUCKETS = ['<150', '150-400', '400-800', '>800'] as const;
export type DurationBucket = (typeof DURATION_BUCKETS)[number];

/** Tranche de durée d'une action ; null si la durée n'est pas renseignée (non comptée). */
export function durationBucket(hours: number | null): DurationBucket | null {
  if (hours === null) return null;
  if (hours < 150) return '<150';
  if (hours <= 400) return '150-400';
  if (hours <= 800) return '400-800';
  return '>800';
}

/**
 * Valeurs de chaque facette pour un document (clés en chaînes, comme Meilisearch) :
 * niveau « 3 », booléens « true » / « false », mois des sessions à venir sans doublon.
 * Une valeur inconnue (null) n'est comptée dans aucune facette.
 */
export function facetValues(doc: ActionDocument): Record<FacetName, readonly string[]> {
  const one = (value: string | number | boolean | null): string[] => (value === null ? [] : [String(value)]);
  return {
    level: one(doc.level),
    teachingMode: [doc.teachingMode],
    financing: doc.financing,
    publics: doc.publics,
    departement: one(doc.departement),
    territoire: one(doc.territoire),
    permanentEntry: one(doc.permanentEntry),
    handicapAccessible: one(doc.handicapAccessible),
    certifying: one(doc.certifying),
    startMonth: [...new Set(doc.sessionStarts.map(startMonth))],
    durationBucket: one(durationBucket(doc.durationHours)),
    freeFor: doc.freeFor ?? [],
  };
}

/**
 * Facettes vides : toutes les clés de FACETS sont toujours présentes. Chaque facette est un
 * dictionnaire sans prototype : ses clés sont des valeurs du flux (un public « constructor »).
 */
export function emptyFacets(): Facets {
  return Object.fromEntries(FACETS.map((name) => [name, emptyDict<number>()])) as Facets;
}

/** Compte les facettes d'un ensemble de documents (l'ensemble filtré complet, pas une page). */
export function countFacets(docs: Iterable<ActionDocument>): Facets {
  const facets = emptyFacets();
  for (const doc of docs) {
    const values = facetValues(doc);
    for (const name of FACETS) {
      const bucket = facets[name];
      for (const value of values[name]) bucket[value] = (bucket[value] ?? 0) + 1;
    }
  }
  return facets;
}

/** Les rangs « 1 » à « n » d'une action à n sessions, préfixés de `key#` s'il y a une clé. */
function sessionSlots(count: number, key?: string): string[] {
  return Array.from({ length: count }, (_, i) => (key === undefined ? String(i + 1) : `${key}${SLOT_SEPARATOR}${i + 1}`));
}

/** Le lieu d'une action, tel que les comptes de l'offre le regroupent : code INSEE, sinon nom de la commune. */
export function placeKey(doc: Pick<ActionDocument, 'inseeCode' | 'city'>): string {
  return doc.inseeCode ?? `nom:${doc.city}`;
}

/** Les grands domaines du ROME (lettres) visés par des codes ROME, sans doublon ; `NO_VALUE` sans code reconnu. */
export function romeDomainKeys(romeCodes: readonly string[]): string[] {
  const letters = [...new Set(romeCodes.map((c) => c.charAt(0)))].filter((l) => Object.hasOwn(ROME_DOMAINS, l));
  return letters.length > 0 ? letters : [NO_VALUE];
}

/**
 * Valeurs des facettes de comptage de l'offre d'un document (voir `OFFER_FACETS`, query.ts) :
 * le moteur embarqué les compte, l'adaptateur Meilisearch les indexe, avec cette même fonction.
 */
export function offerFacetValues(doc: ActionDocument): Record<OfferFacetName, readonly string[]> {
  const n = doc.sessions.length;
  const domains = romeDomainKeys(doc.romeCodes);
  const level = doc.level === null ? NO_VALUE : String(doc.level);
  const place = placeKey(doc);
  return {
    formationId: doc.formationIds ?? [doc.formationId],
    organismeId: [doc.organismeId],
    romeDomain: domains,
    levelGroup: [level],
    place: [place],
    sessionSlots: sessionSlots(n),
    territoireSessionSlots: doc.territoire === null ? [] : sessionSlots(n, doc.territoire),
    romeDomainSessionSlots: domains.flatMap((d) => sessionSlots(n, d)),
    levelGroupSessionSlots: sessionSlots(n, level),
    placeSessionSlots: sessionSlots(n, place),
  };
}

/** Somme des comptes d'une facette « …SessionSlots » : des sessions, par clé de groupe (ou `''` pour `sessionSlots`). */
export function sessionsByKey(slots: Readonly<Record<string, number>> | undefined): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [value, count] of Object.entries(slots ?? {})) {
    const at = value.lastIndexOf(SLOT_SEPARATOR);
    const key = at < 0 ? '' : value.slice(0, at);
    sums.set(key, (sums.get(key) ?? 0) + count);
  }
  return sums;
}
