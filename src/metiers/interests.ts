/**
 * « Ce que j'ai envie de faire » : les centres d'intérêt du ROME (ou de la démonstration) et leurs
 * métiers, pour les pages /metiers/envies/… (fonctions pures : la page reste mince).
 */
import { compareFrench } from '../catalog/catalog';
import { interestMetiers, type Interest } from '../domain/interest';
import type { Metier } from '../domain/metier';

export interface InterestView {
  interest: Interest;
  /** Les métiers dont c'est le centre d'intérêt principal, de A à Z. */
  principal: Metier[];
  /** Les autres métiers reliés, de A à Z. */
  others: Metier[];
}

export function interestView(interest: Interest, getMetier: (code: string) => Metier | undefined): InterestView {
  const all = interestMetiers(interest, getMetier, (a, b) => compareFrench(a.label, b.label));
  return { interest, principal: all.filter((m) => m.principal).map((m) => m.metier), others: all.filter((m) => !m.principal).map((m) => m.metier) };
}

/** Les centres d'intérêt qui ont au moins un métier, dans l'ordre de leur code, avec leur nombre de métiers. */
export function interestList(interests: readonly Interest[], getMetier: (code: string) => Metier | undefined): { interest: Interest; count: number }[] {
  return interests
    .map((interest) => ({ interest, count: interestMetiers(interest, getMetier, () => 0).length }))
    .filter((i) => i.count > 0);
}
