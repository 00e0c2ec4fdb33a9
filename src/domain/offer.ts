/**
 * L'offre de formation, selon la structure LHEO : formation → action → session.
 * Une formation (le contenu) est proposée par un organisme ; une action est cette formation
 * dans un lieu, avec ses modalités ; une session est une période (début, fin) de l'action.
 */
import { z } from './zod';
import { Level } from './levels';
import { Financing } from './financing';
import { lookupTable } from '../lib/lookup';

const IsoDate = z.iso.date().describe('Date ISO AAAA-MM-JJ');
const InseeCode = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'code INSEE à 5 caractères attendu');
const Postcode = z.string().regex(/^\d{5}$/, 'code postal à 5 chiffres attendu');

export const Contact = z.object({
  name: z.string().nullable().default(null),
  phone: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
  website: z.string().nullable().default(null),
});
export type Contact = z.infer<typeof Contact>;

export const Address = z.object({
  label: z.string().nullable().default(null).describe('Nom du lieu (bâtiment, site)'),
  street: z.string().nullable().default(null),
  postcode: Postcode.nullable().default(null),
  city: z.string(),
  inseeCode: InseeCode.nullable().default(null),
});
export type Address = z.infer<typeof Address>;

export const Organisme = z.object({
  id: z.string().min(1),
  siret: z.string().regex(/^\d{14}$/, 'SIRET à 14 chiffres attendu').nullable(),
  name: z.string().min(1).describe('Raison sociale'),
  uai: z.string().regex(/^\d{7}[A-Z]$/, 'UAI attendu (7 chiffres et une lettre)').nullable().default(null).describe('Code UAI de l’établissement (lien avec InserJeunes)'),
  address: Address.nullable().default(null),
  contact: Contact.default({ name: null, phone: null, email: null, website: null }),
});
export type Organisme = z.infer<typeof Organisme>;

export const CertificationType = z.enum(['RNCP', 'RS', 'CERTIFINFO']);
export const Certification = z.object({
  type: CertificationType,
  code: z.string().min(1),
  label: z.string().nullable().default(null),
});
export type Certification = z.infer<typeof Certification>;

export const RECRUITMENT_STATES = ['ouvert', 'ferme', 'suspendu'] as const;
export const RecruitmentState = z.enum(RECRUITMENT_STATES).describe('État du recrutement (LHEO dict-etat-recrutement)');
export type RecruitmentState = z.infer<typeof RecruitmentState>;

export const Session = z
  .object({
    id: z.string().min(1),
    start: IsoDate.nullable().describe('Début de la session'),
    end: IsoDate.nullable().describe('Fin de la session'),
    recruitmentState: RecruitmentState.default('ouvert'),
    registrationAddress: Address.nullable().default(null),
    enrolmentModalities: z.string().nullable().default(null).describe('Comment s’inscrire à cette session (LHEO modalites-inscription, texte)'),
    enrolmentPeriod: z
      .object({ start: IsoDate.nullable(), end: IsoDate.nullable() })
      .nullable()
      .default(null)
      .describe('Période pendant laquelle on peut s’inscrire (LHEO periode-inscription)'),
  })
  .refine((s) => !s.start || !s.end || s.start <= s.end, { message: 'la fin de session précède son début', path: ['end'] });
export type Session = z.infer<typeof Session>;

export const TEACHING_MODES = ['presentiel', 'distance', 'mixte'] as const;
export const TeachingMode = z.enum(TEACHING_MODES).describe('Modalité : présentiel, à distance ou mixte');
export type TeachingMode = z.infer<typeof TeachingMode>;
export const TEACHING_MODE_LABELS: Record<TeachingMode, string> = {
  presentiel: 'En présentiel',
  distance: 'À distance',
  mixte: 'Mixte (présentiel et à distance)',
};

/** Lieu de formation géolocalisé : coordonnées du flux LHEO ou, à défaut, centre de la commune. */
export const Place = Address.extend({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  coordSource: z.enum(['lheo', 'commune']),
});
export type Place = z.infer<typeof Place>;

export const Action = z.object({
  id: z.string().min(1),
  formationId: z.string().min(1),
  organismeId: z.string().min(1).describe('Organisme formateur'),
  place: Place,
  teachingMode: TeachingMode,
  publics: z.array(z.string()).default([]).describe('Publics visés (codes Formacode du public, ex. 80006 demandeur d’emploi)'),
  durationHours: z.number().nonnegative().nullable(),
  priceEuros: z.number().nonnegative().nullable(),
  financing: Financing,
  permanentEntry: z.boolean().describe('Entrées et sorties permanentes'),
  handicapAccessible: z.boolean().nullable().describe('Accessibilité aux personnes en situation de handicap (null : non renseigné)'),
  prerequisites: z.string().nullable().default(null).describe('Conditions spécifiques et prérequis (HTML LHEO, à nettoyer à l’affichage)'),
  contact: Contact.nullable().default(null),
  sessions: z.array(Session).default([]),
  rhythm: z.string().nullable().default(null).describe('Rythme de la formation (LHEO rythme-formation, texte : « Temps plein », « Alternance »…)'),
  recruitmentModalities: z.string().nullable().default(null).describe('Comment l’organisme choisit les candidats (LHEO modalites-recrutement : dossier, entretien, tests…)'),
  informationDates: z.array(IsoDate).default([]).describe('Dates des réunions d’information (LHEO date-information, 3 au plus)'),
  remainingCosts: z.string().nullable().default(null).describe('Frais restant à la charge de la personne (LHEO frais-restants, texte)'),
  chargePossible: z.boolean().nullable().default(null).describe('Prise en charge des frais possible (LHEO prise-en-charge-frais-possible ; null : non renseigné)'),
  chargeDetails: z.string().nullable().default(null).describe('Conditions de prise en charge (LHEO detail-conditions-prise-en-charge, texte)'),
});
export type Action = z.infer<typeof Action>;

export const Formation = z.object({
  id: z.string().min(1),
  title: z.string().min(1).describe('Intitulé'),
  objective: z.string().nullable().default(null).describe('Objectif (HTML LHEO)'),
  content: z.string().nullable().default(null).describe('Contenu (HTML LHEO)'),
  expectedResults: z.string().nullable().default(null).describe('Résultats attendus (HTML LHEO)'),
  certifying: z.boolean(),
  certifications: z.array(Certification).default([]),
  diplomaCode: z.string().nullable().default(null).describe('Code formation diplôme (CFD) de l’Éducation nationale, lien avec InserJeunes'),
  mefstatCode: z.string().nullable().default(null).describe('Code MEFSTAT11 (voie scolaire), lien avec InserJeunes'),
  entryLevel: Level.nullable(),
  exitLevel: Level.nullable(),
  romeCodes: z.array(z.string().regex(/^[A-N]\d{4}$/, 'code ROME attendu (lettre A à N puis 4 chiffres)')).default([]),
  formacodes: z.array(z.string().regex(/^\d{5}$/)).default([]),
  nsfCodes: z.array(z.string()).default([]),
  organismeResponsableId: z.string().min(1),
});
export type Formation = z.infer<typeof Formation>;

/** Le résultat normalisé d'un import LHEO : collections à plat, liées par identifiants. */
export const Offer = z.object({
  organismes: z.array(Organisme),
  formations: z.array(Formation),
  actions: z.array(Action),
});
export type Offer = z.infer<typeof Offer>;

/** Publics visés (dictionnaire LHEO « public visé », Formacode) dits simplement. */
export const PUBLIC_LABELS = lookupTable({
  '80006': 'Demandeurs d’emploi',
  '80009': 'Demandeurs d’emploi de moins de 26 ans',
  '80010': 'Militaires en reconversion',
  '81020': 'Personnes en situation de handicap',
  '81024': 'Jeunes',
  '81050': 'Particuliers',
  '81061': 'Élèves et étudiants (formation initiale)',
  '82027': 'Apprentis (contrat d’apprentissage)',
  '82029': 'Contrat de professionnalisation',
  '82044': 'Salariés',
  '83056': 'Tout public',
});

