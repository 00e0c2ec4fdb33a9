/**
 * Le port de recherche : ce que tout moteur (embarqué ou Meilisearch) doit savoir faire.
 * Une suite de conformité unique (tests/integration/search/) vérifie chaque implémentation.
 */
import type { Level } from '../domain/levels';
import type { TeachingMode } from '../domain/offer';
import type { Enrolment } from '../domain/sessions';
import type { CountQuery, CountResult, Facets, SearchQuery } from './query';

/**
 * Un document indexé = une action (une formation dans un lieu), avec ce qu'il faut pour
 * chercher, filtrer, trier et afficher un résultat sans autre lecture.
 */
export interface ActionDocument {
  id: string;
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
  lat: number;
  lon: number;
  /** Débuts des sessions à venir (AAAA-MM-JJ), triés. */
  sessionStarts: string[];
  /**
   * Sessions proposées ; `underway` : déjà commencée, on peut encore y entrer (absent : false) ;
   * `full` : l'organisme dit son recrutement fermé ou suspendu (absent : false).
   */
  sessions: { start: string | null; end: string | null; underway?: boolean; full?: boolean }[];
  /** Premier début d'une session où l'on peut s'inscrire, ou « aujourd'hui » si l'on peut entrer dès maintenant ; null pour une formation fermée (elle passe après les autres au tri par date). */
  nextStart: string | null;
  /** État des inscriptions (src/domain/sessions.ts `enrolmentOf`) ; absent : `open` (documents d'avant). */
  enrolment?: Enrolment;
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
