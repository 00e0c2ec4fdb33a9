/**
 * `GET /api/formations/{id}` : une action complète, lue dans le catalogue (pas dans l'index de
 * recherche) — formation, organisme et son contact (information publique), lieu, toutes les
 * sessions, financement en mots, taux d'insertion (règle de diffusion appliquée), avis.
 */
import { apiPlainText, apiSafeHtml } from './api-text';
import { REGION_PROGRAMMES, funderLabel } from '../domain/financing';
import { discloseInsertion, insertionHeadline, insertionScopeWords, type InsertionStat } from '../domain/insertion';
import { levelLabel } from '../domain/levels';
import type { Metier } from '../domain/metier';
import { TEACHING_MODE_LABELS, type Action, type Address, type Contact, type Formation, type Organisme, type RecruitmentState } from '../domain/offer';
import { latestComments, summarizeReviews, type Review } from '../domain/review';
import type { FormationDetail, InsertionFigure } from './schemas';
import { groupActions, rhythmKindOf } from '../domain/grouping';

export const LATEST_COMMENTS = 5;

/** Une session de la fiche (format de l'API) relue pour les règles d'inscription du domaine (src/domain/sessions.ts). */
export function enrolmentFieldsOf(s: Pick<FormationDetail['sessions'][number], 'debut' | 'fin' | 'recrutement' | 'periode_inscription'>) {
  const period = s.periode_inscription;
  return { start: s.debut, end: s.fin, recruitmentState: s.recrutement, enrolmentPeriod: period && { start: period.debut, end: period.fin } };
}

const RECRUITMENT_LABELS: Record<RecruitmentState, string> = {
  ouvert: 'Inscriptions ouvertes',
  ferme: 'Inscriptions fermées',
  suspendu: 'Inscriptions suspendues',
};

/** Ce que le cas d'usage lit des données (le catalogue, en production). */
export interface DetailSources {
  organismes: readonly Organisme[];
  formations: readonly Formation[];
  actions: readonly Action[];
  reviews: readonly Review[];
  getMetier(code: string): Metier | undefined;
  /** Les statistiques d'insertion de l'action, une par périmètre, la plus précise d'abord (publiables ou non). */
  insertionFigures(action: Action): InsertionStat[];
}

export interface FormationDetails {
  get(id: string): FormationDetail | undefined;
  /** La carte d'une action (src/domain/grouping.ts) : son identifiant et toutes ses actions, la première d'abord. */
  card(actionId: string): { id: string; actionIds: string[] } | undefined;
  /** Les actions du domaine d'une carte (pour ses variantes). */
  cardActions(cardId: string): Action[];
}

function contactOut(c: Contact) {
  return { nom: c.name, telephone: c.phone, email: c.email, site_web: c.website };
}

function addressOut(a: Address) {
  return { nom: a.label, rue: a.street, code_postal: a.postcode, commune: a.city, code_insee: a.inseeCode };
}

function insertionFields(s: Pick<InsertionStat, 'source' | 'demo' | 'vintage' | 'cumulative' | 'scope' | 'route' | 'region' | 'uai' | 'establishment' | 'leavers'>) {
  return {
    source: s.source,
    demonstration: s.demo,
    millesime: s.vintage,
    cumul: s.cumulative,
    perimetre: s.scope,
    voie: s.route,
    region: s.region,
    uai: s.uai,
    etablissement: s.establishment,
    portee: insertionScopeWords(s),
    sortants: s.leavers,
  };
}

function figureOut(stat: InsertionStat): InsertionFigure {
  const disclosure = discloseInsertion(stat);
  if (disclosure.kind === 'hidden') return { statut: 'masque', message: disclosure.message, ...insertionFields(stat) };
  return {
    statut: 'affiche',
    libelle: insertionHeadline(stat),
    note: disclosure.kind === 'shown' ? disclosure.note : null,
    ...insertionFields(stat),
    taux_emploi_6_mois: stat.employmentRate6m,
    taux_emploi_12_mois: stat.employmentRate12m,
    taux_poursuite_etudes: stat.furtherStudyRate,
  };
}

function insertionOut(figures: readonly InsertionStat[]): Pick<FormationDetail, 'insertion' | 'insertion_autres'> {
  const [first, ...others] = figures;
  if (first === undefined) {
    const none = discloseInsertion(null);
    return { insertion: { statut: 'absent', message: none.kind === 'none' ? none.message : '' }, insertion_autres: [] };
  }
  return { insertion: figureOut(first), insertion_autres: others.map(figureOut) };
}

function reviewsOut(reviews: readonly Review[]): FormationDetail['avis'] {
  const summary = summarizeReviews(reviews);
  return {
    resume: summary && { nombre: summary.count, note_globale: summary.global, notes: summary.dimensions, repartition: summary.distribution },
    commentaires: latestComments(reviews, LATEST_COMMENTS).map((r) => ({
      titre: r.comment?.title ?? null,
      texte: r.comment?.text ?? '',
      date: r.date,
      note_globale: r.scores.global,
    })),
  };
}

export function createFormationDetails(sources: DetailSources): FormationDetails {
  const actions = new Map(sources.actions.map((a) => [a.id, a]));
  const formations = new Map(sources.formations.map((f) => [f.id, f]));
  const organismes = new Map(sources.organismes.map((o) => [o.id, o]));
  // Comme les documents de recherche : les avis de l'action, ou de l'une de ses sessions.
  const reviewsByKey = new Map<string, Review[]>();
  for (const review of sources.reviews) {
    for (const key of new Set([review.actionId, review.sessionId])) if (key !== null) reviewsByKey.set(key, [...(reviewsByKey.get(key) ?? []), review]);
  }
  const cards = new Map<string, { id: string; actionIds: string[] }>();
  for (const group of groupActions(sources.actions, (a) => formations.get(a.formationId))) {
    const card = { id: (group[0] as Action).id, actionIds: group.map((a) => a.id) };
    for (const action of group) cards.set(action.id, card);
  }
  const reviewsOf = (action: Action) => [...new Set([action.id, ...action.sessions.map((s) => s.id)].flatMap((key) => reviewsByKey.get(key) ?? []))];

  return {
    card: (actionId) => cards.get(actionId),
    cardActions: (cardId) => (cards.get(cardId)?.actionIds ?? []).map((id) => actions.get(id)).filter((a): a is Action => a !== undefined),
    get(id) {
      const action = actions.get(id);
      const formation = action && formations.get(action.formationId);
      const organisme = action && organismes.get(action.organismeId);
      if (!action || !formation || !organisme) return undefined;
      const { financing, place } = action;
      const programme = financing.programme && REGION_PROGRAMMES[financing.programme];
      const card = cards.get(action.id) ?? { id: action.id, actionIds: [action.id] };
      return {
        id: action.id,
        carte: { id: card.id, actions: card.actionIds },
        formation: {
          id: formation.id,
          // Texte brut et HTML nettoyé, jamais le HTML LHEO brut (src/http/api-text.ts).
          intitule: apiPlainText(formation.title),
          objectif: apiPlainText(formation.objective),
          objectif_html: apiSafeHtml(formation.objective),
          contenu: apiPlainText(formation.content),
          contenu_html: apiSafeHtml(formation.content),
          resultats_attendus: apiPlainText(formation.expectedResults),
          resultats_attendus_html: apiSafeHtml(formation.expectedResults),
          certifiante: formation.certifying,
          certifications: formation.certifications.map((c) => ({ type: c.type, code: c.code, libelle: c.label })),
          niveau_entree: formation.entryLevel,
          niveau_sortie: formation.exitLevel,
          niveau_sortie_libelle: formation.exitLevel === null ? null : levelLabel(formation.exitLevel),
          metiers: formation.romeCodes.map((code) => ({ code, libelle: sources.getMetier(code)?.label ?? null })),
        },
        organisme: {
          id: organisme.id,
          nom: apiPlainText(organisme.name),
          siret: organisme.siret,
          adresse: organisme.address && addressOut(organisme.address),
          contact: contactOut(organisme.contact),
        },
        lieu: { ...addressOut(place), lat: place.lat, lon: place.lon },
        modalite: action.teachingMode,
        modalite_libelle: TEACHING_MODE_LABELS[action.teachingMode],
        a_distance: action.teachingMode === 'distance',
        publics: action.publics,
        duree_heures: action.durationHours,
        prix_euros: action.priceEuros,
        entree_permanente: action.permanentEntry,
        handicap: action.handicapAccessible,
        prerequis: apiPlainText(action.prerequisites),
        rythme: apiPlainText(action.rhythm),
        rythme_type: rhythmKindOf(action),
        modalites_recrutement: apiPlainText(action.recruitmentModalities),
        reunions_information: action.informationDates,
        frais_restants: apiPlainText(action.remainingCosts),
        prise_en_charge_possible: action.chargePossible,
        conditions_prise_en_charge: apiPlainText(action.chargeDetails),
        contact: action.contact && contactOut(action.contact),
        sessions: action.sessions.map((s) => ({
          id: s.id,
          debut: s.start,
          fin: s.end,
          recrutement: s.recruitmentState,
          recrutement_libelle: RECRUITMENT_LABELS[s.recruitmentState],
          modalites_inscription: apiPlainText(s.enrolmentModalities),
          periode_inscription: s.enrolmentPeriod && { debut: s.enrolmentPeriod.start, fin: s.enrolmentPeriod.end },
        })),
        financement: {
          financeurs: financing.funders.map((code) => ({ code, libelle: funderLabel(code) })),
          dispositif: financing.programme && programme ? { code: financing.programme, libelle: programme.label, explication: programme.explanation } : null,
          cpf: financing.cpfEligible,
        },
        ...insertionOut(sources.insertionFigures(action)),
        // Les avis de la carte (la formation à ce lieu, toutes ses actions), comme sur la carte de la recherche.
        avis: reviewsOut([...new Set(card.actionIds.flatMap((a) => { const other = actions.get(a); return other ? reviewsOf(other) : []; }))]),
      };
    },
  };
}
