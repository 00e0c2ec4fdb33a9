/**
 * Comparer 2 à 4 formations côte à côte (checkComparison, src/domain/selection.ts) : lieu et distance
 * depuis la commune de la personne, dates et inscriptions, durée et rythme, niveau, coût pour « Ma
 * situation » et qui paie, insertion, avis, prérequis, comment s'inscrire. Les lignes sont les mêmes
 * pour chaque formation ; une formation qui n'est plus proposée garde sa colonne, dite comme telle.
 */
import type { LatLon } from '../domain/geo';
import { haversineKm } from '../domain/geo';
import { checkComparison, type CompareCheck } from '../domain/selection';
import { cardView } from '../formations/detail-view';
import type { FormationDetail } from '../http/schemas';
import { dateWords, distanceWords, durationWords, ratingWords, sessionStartWords } from '../lib/french';
import { levelLabel, isLevel } from '../domain/levels';
import { cardDetail, entryLevelWords, type ItemContext, type SelectionDeps } from './items';
import { detailPath } from '../lib/links';
import { situationSearch } from '../formations/detail-view';

/** Les lignes du tableau, dans l'ordre, avec leur intitulé. */
export const COMPARE_ROWS = [
  ['lieu', 'Lieu et distance'],
  ['dates', 'Prochaines dates'],
  ['inscriptions', 'Inscriptions'],
  ['duree', 'Durée et rythme'],
  ['niveau', 'Niveau à la sortie'],
  ['cout', 'Ce que ça vous coûte'],
  ['payeurs', 'Qui peut payer'],
  ['paye', 'Être payé·e pendant la formation'],
  ['insertion', 'Ce que deviennent les anciens'],
  ['avis', 'Avis des stagiaires'],
  ['prerequis', 'Pour entrer'],
  ['inscrire', 'Comment s’inscrire'],
] as const;

export type CompareRowKey = (typeof COMPARE_ROWS)[number][0];

export type CompareColumn =
  | { id: string; available: false }
  | { id: string; available: true; title: string; organisme: string; href: string; cells: Record<CompareRowKey, string> };

export type Comparison = { ok: true; columns: CompareColumn[]; origin: string | null } | Extract<CompareCheck, { ok: false }>;

export interface CompareContext extends ItemContext {
  /** La commune de la personne (les distances), ou null. */
  origin: (LatLon & { name: string }) | null;
}

function insertionWords(d: FormationDetail): string {
  const i = d.insertion;
  if (i.statut === 'affiche') return i.libelle;
  return i.message;
}

function reviewWords(d: FormationDetail): string {
  const r = d.avis.resume;
  return r && r.nombre > 0 ? `${ratingWords(r.note_globale, r.nombre)}` : 'Pas encore d’avis';
}

function column(deps: SelectionDeps, id: string, ctx: CompareContext): CompareColumn {
  const d = cardDetail(deps.details, id);
  if (!d) return { id, available: false };
  const entry = entryLevelWords(d);
  const view = cardView(deps.details, d, ctx.today, ctx.situation, entry);
  const km = d.a_distance || !ctx.origin ? null : Math.round(haversineKm(ctx.origin, d.lieu));
  const distance = distanceWords(km, d.a_distance);
  const upcoming = view.variants
    .flatMap((v) => v.sessions)
    .filter((s) => s.fin === null || s.fin >= ctx.today)
    .slice(0, 2)
    .map((s) => `${sessionStartWords(s, ctx.today)}${s.fin ? ` — fin le ${dateWords(s.fin)}` : ''}`);
  const level = d.formation.niveau_sortie;
  const payers = [...new Set(view.variants.flatMap((v) => v.detail.financement.financeurs.map((f) => f.libelle)))];
  const cpf = view.variants.some((v) => v.detail.financement.cpf);
  return {
    id,
    available: true,
    title: d.formation.intitule,
    organisme: d.organisme.nom,
    href: `${detailPath(d.carte.id, d.formation.intitule)}${situationSearch(ctx.situation)}`,
    cells: {
      lieu: d.a_distance ? 'À distance, depuis chez vous' : [d.lieu.commune, distance && ctx.origin ? `${distance} de ${ctx.origin.name}` : null].filter(Boolean).join(' — '),
      dates: upcoming.length > 0 ? upcoming.join(' ; ') : 'Aucune date annoncée',
      inscriptions: view.apply.enrolment,
      duree: [durationWords(d.duree_heures) ?? 'Durée non précisée', d.rythme ?? (d.rythme_type === 'alternance' ? 'en alternance' : null)].filter(Boolean).join(', '),
      niveau: isLevel(level) ? levelLabel(level) : 'Non précisé',
      cout: view.best?.cost.phrase ?? 'À vérifier avec l’organisme ou votre conseiller.',
      payeurs: [...payers, ...(cpf ? ['votre compte personnel de formation (CPF)'] : [])].join(', ') || 'Non précisé par l’organisme',
      paye: view.best?.cost.paye_pendant ?? 'À vérifier avec votre conseiller.',
      insertion: insertionWords(d),
      avis: reviewWords(d),
      prerequis: [entry ? `Niveau demandé : ${entry}.` : 'Aucun niveau exigé (ou non précisé).', d.prerequis].filter(Boolean).join(' '),
      inscrire: view.apply.next.text,
    },
  };
}

/** La comparaison des formations de `items` (les autres sortes sont ignorées), ou pourquoi on ne peut pas. */
export function compareTrainings(deps: SelectionDeps, items: readonly { kind: 'formation' | 'metier' | 'pro'; id: string }[], ctx: CompareContext): Comparison {
  const check = checkComparison(items);
  if (!check.ok) return check;
  return { ok: true, columns: check.ids.map((id) => column(deps, id, ctx)), origin: ctx.origin?.name ?? null };
}
