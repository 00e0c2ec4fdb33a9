/**
 * Les variantes d'une carte dites en mots : seulement ce qui les distingue (public, qui paie,
 * rythme, prix, durée). Deux variantes d'une même carte ne se lisent jamais de la même façon :
 * si les mots choisis ne suffisent pas, on ajoute les financeurs, puis le numéro de l'action.
 */
import { funderLabel } from '../domain/financing';
import { payerWords } from '../domain/costs';
import { RHYTHM_LABELS } from '../domain/grouping';
import { PUBLIC_LABELS } from '../domain/offer';
import { capitalize, durationWords, lowerFirst } from '../lib/french';
import { ownValue } from '../lib/lookup';
import type { DocumentVariant } from '../search/port';

export function publicsWords(publics: readonly string[]): string {
  if (publics.length === 0) return 'public non précisé';
  return `pour : ${publics.map((p) => lowerFirst(ownValue(PUBLIC_LABELS, p) ?? `public (code ${p})`)).join(', ')}`;
}

function priceWords(price: number | null): string {
  return price === null ? 'prix non précisé' : price === 0 ? 'gratuite' : `prix ${Math.round(price).toLocaleString('fr-FR')} €`;
}

type Trait = (v: DocumentVariant) => string;

const TRAITS: readonly Trait[] = [
  (v) => publicsWords(v.publics),
  (v) => payerWords(v),
  (v) => (v.rhythm === null ? 'rythme non précisé' : RHYTHM_LABELS[v.rhythm]),
  (v) => priceWords(v.priceEuros),
  (v) => durationWords(v.durationHours) ?? 'durée non précisée',
];

/** Une phrase par variante, dans leur ordre ; une seule variante : son public et qui paie. */
export function variantLabels(variants: readonly DocumentVariant[]): string[] {
  if (variants.length === 0) return [];
  const differing = variants.length === 1 ? TRAITS.slice(0, 2) : TRAITS.filter((t) => new Set(variants.map(t)).size > 1);
  let labels = variants.map((v) => differing.map((t) => t(v)).join(' ; '));
  if (new Set(labels).size < labels.length) {
    labels = labels.map((l, i) => `${l} ; financeurs : ${(variants[i] as DocumentVariant).financing.funders.map(funderLabel).join(', ') || 'non précisés'}`);
  }
  if (new Set(labels).size < labels.length) labels = labels.map((l, i) => `${l} (action ${(variants[i] as DocumentVariant).actionIds[0]})`);
  return labels.map(capitalize);
}
