/**
 * Les éléments d'une sélection prêts à montrer : une formation (ce qu'elle coûte pour « Ma
 * situation », où en sont les inscriptions, la prochaine étape), un métier ou un pro. Ce qui n'est
 * plus dans l'offre (formation retirée, pro qui ne reçoit plus) est dit « plus proposée » ou « plus
 * disponible », jamais une erreur. Les comparaisons : compare.ts ; les liens courts : short-links.ts.
 */
import type { Situation } from '../domain/costs';
import { itemToken, type SelectionItem } from '../domain/selection';
import { cardView, situationSearch } from '../formations/detail-view';
import type { FormationDetails } from '../http/formation-detail';
import type { FormationDetail } from '../http/schemas';
import { detailPath, metierHref } from '../lib/links';
import type { Metier } from '../domain/metier';
import { levelLabel, isLevel } from '../domain/levels';
import { PATHS } from '../contact/paths';

/** Un pro tel que l'annuaire le montre (src/contact/directory.ts), ou null s'il n'est plus visible. */
export interface SelectionPro {
  id: string;
  name: string;
  metiers: string[];
  commune: string;
  demo: boolean;
}

export interface SelectionDeps {
  details: Pick<FormationDetails, 'get' | 'card' | 'cardActions'>;
  getMetier(code: string): Metier | undefined;
  /** null : « Rencontrer un pro » est indisponible ou le pro ne reçoit plus de demandes. */
  getPro(id: string): SelectionPro | null;
}

export interface ItemContext {
  /** Aujourd'hui à Paris (AAAA-MM-JJ). */
  today: string;
  situation: Situation;
}

interface Base {
  token: string;
  id: string;
  note: string;
}

export type FormationItemView = Base & {
  kind: 'formation';
  available: true;
  title: string;
  organisme: string;
  place: string;
  href: string;
  meetingHref: string;
  cost: string;
  pay: string;
  enrolment: string;
  next: string;
};

export type ItemView =
  | FormationItemView
  | (Base & { kind: 'formation' | 'metier' | 'pro'; available: false })
  | (Base & { kind: 'metier'; available: true; label: string; href: string })
  | (Base & { kind: 'pro'; available: true; name: string; metiers: string; commune: string; href: string; demo: boolean });

/** La fiche de la carte d'une formation gardée (son identifiant, ou celui d'une action qu'elle réunit depuis). */
export function cardDetail(details: SelectionDeps['details'], id: string): FormationDetail | undefined {
  const card = details.card(id);
  return card ? details.get(card.id) : undefined;
}

export function entryLevelWords(d: FormationDetail): string | null {
  const level = d.formation.niveau_entree;
  return isLevel(level) ? levelLabel(level) : null;
}

export function formationItemView(deps: SelectionDeps, item: Pick<SelectionItem, 'id' | 'note'>, ctx: ItemContext): ItemView {
  const token = itemToken({ kind: 'formation', id: item.id });
  const d = cardDetail(deps.details, item.id);
  if (!d) return { token, id: item.id, note: item.note, kind: 'formation', available: false };
  const view = cardView(deps.details, d, ctx.today, ctx.situation, entryLevelWords(d));
  const path = detailPath(d.carte.id, d.formation.intitule);
  const query = situationSearch(ctx.situation);
  return {
    token,
    id: item.id,
    note: item.note,
    kind: 'formation',
    available: true,
    title: d.formation.intitule,
    organisme: d.organisme.nom,
    place: d.a_distance ? 'À distance' : d.lieu.commune,
    href: `${path}${query}`,
    meetingHref: `${path}/rendez-vous${query}`,
    cost: view.best?.cost.phrase ?? 'Coût à vérifier avec l’organisme ou votre conseiller.',
    pay: view.best?.cost.paye_pendant ?? '',
    enrolment: view.apply.enrolment,
    next: view.apply.next.text,
  };
}

/** Le nom d'un élément, en clair (titre, métier, pro, ou ce qu'il est devenu). */
export function itemName(v: ItemView): string {
  if (!v.available) return v.kind === 'formation' ? 'Formation plus proposée' : v.kind === 'metier' ? 'Métier introuvable' : 'Pro plus disponible';
  return 'title' in v ? v.title : 'label' in v ? v.label : v.name;
}

/** Chaque élément de la sélection, dans l'ordre où il a été gardé. */
export function selectionView(deps: SelectionDeps, items: readonly SelectionItem[], ctx: ItemContext): ItemView[] {
  return items.map((item): ItemView => {
    const base = { token: itemToken(item), id: item.id, note: item.note };
    if (item.kind === 'formation') return formationItemView(deps, item, ctx);
    if (item.kind === 'metier') {
      const metier = deps.getMetier(item.id);
      return metier ? { ...base, kind: 'metier', available: true, label: metier.label, href: metierHref(metier) } : { ...base, kind: 'metier', available: false };
    }
    const pro = deps.getPro(item.id);
    return pro
      ? { ...base, kind: 'pro', available: true, name: pro.name, metiers: pro.metiers.join(', '), commune: pro.commune, href: PATHS.pro(encodeURIComponent(pro.id)), demo: pro.demo }
      : { ...base, kind: 'pro', available: false };
  });
}
