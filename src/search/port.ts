/**
 * Le port de recherche : ce que tout moteur (embarqué ou Meilisearch) doit savoir faire.
 * Une suite de conformité unique (tests/integration/search/) vérifie chaque implémentation.
 */
import type { Level } from '../domain/levels';
import type { TeachingMode } from '../domain/offer';
import type { Enrolment } from '../domain/sessions';
import type { Financing } from '../domain/financing';
import type { FreeTag } from '../domain/costs';
import type { RhythmKind } from '../domain/grouping';
import type { CountQuery, CountResult, Facets, SearchQuery } from './query';

/**
 * Une variante d'une carte : des actions de la même formation au même lieu qui diffèrent par
 * le public, le financement, le rythme, le prix ou la durée (src/domain/grouping.ts).
 */
export interface DocumentVariant {
  actionIds: string[];
  publics: string[];
  financing: Financing;
  priceEuros: number | null;
  /** LHEO `frais-restants`. */
  remainingCosts: string | null;
  rhythm: RhythmKind | null;
  durationHours: number | null;
  /** Étiquettes « gratuit » (src/domain/costs.ts `freeTags`). */
  freeFor: FreeTag[];
  enrolment: Enrolment;
}

/**
 * Un document indexé = une CARTE : une formation dans un lieu, c'est-à-dire les actions de la même
 * formation, du même organisme, au même lieu et avec la même modalité (src/domain/grouping.ts),
 * avec ce qu'il faut pour chercher, filtrer, trier et afficher un résultat sans autre lecture.
 * Les comptes, pages, facettes, tris et la carte comptent donc des cartes.
 */
export interface ActionDocument {
  /** Identifiant de la carte : celui de sa première action (par ordre d'identifiant). */
  id: string;
  /** Les actions réunies (au moins une) ; absent : la seule action `id` (documents d'avant). */
  actionIds?: string[];
  /** Les formations LHEO de ces actions (une carte peut réunir des formations de même intitulé) ; absent : `formationId`. */
  formationIds?: string[];
  formationId: string;
  title: string;
  organismeId: string;
  organismeName: string;
  /** Libellés et appellations des métiers visés (codes ROME de la formation) : cherchables. */
  metierLabels: string[];
  /** Texte brut (sans HTML) de l'objectif et du contenu, tronqué : cherchable, poids faible. */
  description: string;
  romeCodes: string[];
  level: Level | null;
  teachingMode: TeachingMode;
  /** Vrai pour une formation entièrement à distance : jamais exclue par le rayon. */
  distanceLearning: boolean;
  financing: string[];
  publics: string[];
  departement: string | null;
  territoire: string | null;
  inseeCode: string | null;
  city: string;
  /** Nom du site ou rue du lieu de formation (il distingue deux lieux d'une même commune). */
  site?: string | null;
  lat: number;
  lon: number;
  /** Débuts des sessions à venir (AAAA-MM-JJ), triés. */
  sessionStarts: string[];
  /**
   * Sessions proposées ; `underway` : déjà commencée, on peut encore y entrer (absent : false) ;
   * `full` : l'organisme dit son recrutement fermé ou suspendu (absent : false).
   */
  sessions: { start: string | null; end: string | null; underway?: boolean; full?: boolean; opens?: string; variant?: number }[];
  /** Premier début d'une session où l'on peut s'inscrire, ou « aujourd'hui » si l'on peut entrer dès maintenant ; null pour une formation fermée (elle passe après les autres au tri par date). */
  nextStart: string | null;
  /** État des inscriptions (src/domain/sessions.ts `enrolmentOf`) ; absent : `open` (documents d'avant). */
  enrolment?: Enrolment;
  /** État `soon` : le premier jour où les inscriptions ouvrent. */
  enrolmentOpens?: string | null;
  /** Prochaine réunion d'information (LHEO `date-information`). */
  nextInformation?: string | null;
  /** Variantes de la carte (au moins une) ; absent : une seule, décrite par le document. */
  variants?: DocumentVariant[];
  /** Étiquettes « gratuit » de l'une au moins des variantes (filtre « Gratuit pour moi »). */
  freeFor?: FreeTag[];
  permanentEntry: boolean;
  handicapAccessible: boolean | null;
  certifying: boolean;
  durationHours: number | null;
  /** Taux d'emploi publiable (règle des 20 sortants appliquée), sinon null. */
  insertionRate: number | null;
  reviewScore: number | null;
  reviewCount: number;
}

export interface SearchHit {
  document: ActionDocument;
  /** Distance en km depuis l'origine de la requête (null sans origine). */
  distanceKm: number | null;
}

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  facets: Facets;
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * Compte les actions retenues par des filtres, par facette (celles de la recherche et celles de
   * l'offre, `OFFER_FACETS`) : les chiffres des pages métiers, territoires et de l'accueil.
   * Les comptes portent sur tout l'ensemble retenu, jamais sur une page ni un échantillon.
   */
  countFacets(query: CountQuery): Promise<CountResult>;
}
