/**
 * Ce que la fiche métier affiche, calculé ici (fonctions pures) pour que la page reste mince :
 * appellations, compétences et contextes de travail regroupés, métiers proches, transitions
 * expliquées, chiffres de l'offre et résumé de l'insertion des formations qui mènent au métier.
 */
import { compareFrench } from '../catalog/catalog';
import type { InsertionStat } from '../domain/insertion';
import type { Metier } from '../domain/metier';
import type { ActionDocument } from '../search/port';
import { countOffer, type OfferCounts } from '../offer-stats/aggregate';
import { summarizeInsertion, type InsertionSummary } from '../offer-stats/insertion-summary';

const norm = (s: string) => s.trim().toLocaleLowerCase('fr');

/** Appellations différentes du libellé, sans doublon (casse ignorée : la première écriture est gardée), par ordre alphabétique. */
export function alsoCalled(metier: Pick<Metier, 'label' | 'appellations'>): string[] {
  const byKey = new Map<string, string>();
  for (const { label } of metier.appellations) if (!byKey.has(norm(label))) byKey.set(norm(label), label);
  byKey.delete(norm(metier.label));
  return [...byKey.values()].sort(compareFrench);
}

export interface LabelGroup {
  /** Catégorie (ROME : sous-catégorie de compétence, catégorie de savoir, type de contexte), null sans catégorie. */
  category: string | null;
  labels: string[];
}

/**
 * Regroupe des éléments par catégorie : catégories par ordre alphabétique, éléments sans catégorie
 * en dernier ; dans un groupe, libellés sans doublon (casse ignorée), dans l'ordre de la fiche.
 */
export function groupByCategory(items: readonly { label: string; category: string | null }[]): LabelGroup[] {
  const groups = new Map<string | null, Map<string, string>>();
  for (const { label, category } of items) {
    const key = category?.trim() ? category.trim() : null;
    const labels = groups.get(key) ?? new Map<string, string>();
    if (!labels.has(norm(label))) labels.set(norm(label), label);
    groups.set(key, labels);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareFrench(a, b)))
    .map(([category, labels]) => ({ category, labels: [...labels.values()] }));
}

export function workContextGroups(metier: Pick<Metier, 'workContexts'>): LabelGroup[] {
  return groupByCategory(metier.workContexts.map((c) => ({ label: c.label, category: c.type })));
}

/** Les métiers proches qui ont une fiche, sans doublon ni le métier lui-même, par ordre alphabétique. */
export function relatedMetiers(metier: Pick<Metier, 'code' | 'relatedCodes'>, getMetier: (code: string) => Metier | undefined): Metier[] {
  const seen = new Set<string>([metier.code]);
  const out: Metier[] = [];
  for (const code of metier.relatedCodes) {
    if (seen.has(code)) continue;
    seen.add(code);
    const related = getMetier(code);
    if (related) out.push(related);
  }
  return out.sort((a, b) => compareFrench(a.label, b.label));
}

/** Les transitions écologique et numérique, en mots simples (null : rien à dire). */
export function transitionTexts(metier: Pick<Metier, 'ecologicalTransition' | 'digitalTransition'>): { ecological: string | null; digital: string | null } {
  const ecological: Record<Metier['ecologicalTransition'], string | null> = {
    vert: 'Métier « vert » : son but est de protéger l’environnement, de mesurer ou de réparer les dégâts qui lui sont faits.',
    verdissant: 'Métier « verdissant » : il n’a pas pour but de protéger l’environnement, mais il change pour en tenir davantage compte (nouvelles techniques, nouveaux matériaux).',
    strategique: 'Métier stratégique pour la transition écologique : France Travail le classe parmi les métiers dont on a besoin pour réussir cette transition.',
    brun: 'Métier appelé à changer avec la transition écologique : France Travail le classe parmi les métiers d’activités qui émettent beaucoup de gaz à effet de serre ou qui polluent.',
    aucun: null,
  };
  return {
    ecological: ecological[metier.ecologicalTransition],
    digital: metier.digitalTransition ? 'Métier concerné par la transition numérique : les outils numériques y prennent une place de plus en plus grande.' : null,
  };
}

export interface MetierOffer {
  counts: OfferCounts;
  insertion: InsertionSummary;
}

/** Chiffres de l'offre régionale d'un métier et résumé de l'insertion, sur les documents de ses actions. */
export function metierOffer(docs: readonly Pick<ActionDocument, 'id' | 'formationId' | 'title' | 'organismeId' | 'romeCodes' | 'level' | 'territoire' | 'sessions' | 'inseeCode' | 'city' | 'lat' | 'lon'>[], statOf: (actionId: string) => InsertionStat | null): MetierOffer {
  return {
    counts: countOffer(docs),
    insertion: summarizeInsertion(docs.map((d) => ({ formationId: d.formationId, formationTitle: d.title, stat: statOf(d.id) }))),
  };
}

/**
 * Les métiers par première lettre de leur libellé (accents ignorés : « Électricien » sous E),
 * lettres dans l'ordre alphabétique ; « # » pour un libellé qui ne commence pas par une lettre.
 */
export function alphabeticalGroups<T extends Pick<Metier, 'label'>>(metiers: readonly T[]): { letter: string; metiers: T[] }[] {
  const groups = Map.groupBy(metiers, (m) => {
    const first = m.label.trim().charAt(0).normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    return /^[A-Z]$/.test(first) ? first : '#';
  });
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map(([letter, list]) => ({ letter, metiers: [...list].sort((a, b) => compareFrench(a.label, b.label)) }));
}
