/**
 * « Rencontrer un pro » : professionnels bénévoles, demandes d'échange sans compte, relais à
 * double consentement. Schémas zod des entités et des formulaires, libellés français, règles pures.
 */
import { z } from './zod';
import { GeoInseeCode } from './geo';
import { RomeCode } from './metier';

/** Modes d'échange proposés par un pro (et choisis par la personne). */
export const EXCHANGE_MODES = ['telephone', 'visio', 'lieu-de-travail', 'visite-entreprise'] as const;
export const ExchangeMode = z.enum(EXCHANGE_MODES, { error: 'Choisissez un mode d’échange de la liste.' });
export type ExchangeMode = z.infer<typeof ExchangeMode>;
export const EXCHANGE_MODE_LABELS: Record<ExchangeMode, string> = {
  telephone: 'Téléphone',
  visio: 'Visio',
  'lieu-de-travail': 'Échange sur le lieu de travail',
  'visite-entreprise': 'Visite d’entreprise',
};
/** Modes où l'on se voit en personne : pour un·e mineur·e, uniquement sur le lieu de travail du pro. */
export const IN_PERSON_MODES: readonly ExchangeMode[] = ['lieu-de-travail', 'visite-entreprise'];

export const SITUATIONS = ['collegien-lyceen', 'etudiant', 'demandeur-emploi', 'salarie', 'autre'] as const;
export const Situation = z.enum(SITUATIONS, { error: 'Choisissez votre situation.' });
export type Situation = z.infer<typeof Situation>;
export const SITUATION_LABELS: Record<Situation, string> = {
  'collegien-lyceen': 'Collégien·ne ou lycéen·ne',
  etudiant: 'Étudiant·e',
  'demandeur-emploi': 'Demandeur·se d’emploi',
  salarie: 'Salarié·e',
  autre: 'Autre',
};

export const AGE_BRACKETS = ['moins-de-15', '15-17', '18-25', '26-44', '45-et-plus'] as const;
export const AgeBracket = z.enum(AGE_BRACKETS, { error: 'Choisissez votre tranche d’âge.' });
export type AgeBracket = z.infer<typeof AgeBracket>;
export const AGE_BRACKET_LABELS: Record<AgeBracket, string> = {
  'moins-de-15': 'Moins de 15 ans',
  '15-17': '15 à 17 ans',
  '18-25': '18 à 25 ans',
  '26-44': '26 à 44 ans',
  '45-et-plus': '45 ans et plus',
};

/** Moins de 18 ans : l'e-mail d'un parent ou d'un·e conseiller·e est obligatoire et reçoit une copie de tout. */
export function isMinor(age: AgeBracket): boolean {
  return age === 'moins-de-15' || age === '15-17';
}

export const DECLINE_REASONS = ['pas-disponible', 'hors-metier', 'demande-inappropriee', 'autre'] as const;
export const DeclineReason = z.enum(DECLINE_REASONS, { error: 'Choisissez une raison.' });
export type DeclineReason = z.infer<typeof DeclineReason>;
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  'pas-disponible': 'Pas disponible',
  'hors-metier': 'Hors de mon métier',
  'demande-inappropriee': 'Demande inappropriée',
  autre: 'Autre',
};

export const REJECTION_REASONS = ['profil-incomplet', 'hors-perimetre', 'contenu-inapproprie', 'doublon', 'autre'] as const;
export const RejectionReason = z.enum(REJECTION_REASONS, { error: 'Choisissez une raison.' });
export type RejectionReason = z.infer<typeof RejectionReason>;
export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  'profil-incomplet': 'Profil incomplet ou peu clair',
  'hors-perimetre': 'Hors du périmètre (métier ou région)',
  'contenu-inapproprie': 'Contenu inapproprié',
  doublon: 'Profil en double',
  autre: 'Autre',
};

export const REPORT_REASONS = ['comportement', 'contenu', 'spam', 'donnees', 'autre'] as const;
export const ReportReason = z.enum(REPORT_REASONS, { error: 'Choisissez le type de problème.' });
export type ReportReason = z.infer<typeof ReportReason>;
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  comportement: 'Comportement déplacé',
  contenu: 'Message ou profil inapproprié',
  spam: 'Démarchage ou publicité',
  donnees: 'Question sur mes données personnelles',
  autre: 'Autre problème',
};

/**
 * Cycle de vie d'un profil : non vérifié (e-mail pas encore confirmé) → en attente de modération →
 * publié ou refusé ; supprimé (données effacées). La pause est à part (`paused`).
 */
export const PRO_STATUSES = ['unverified', 'pending', 'approved', 'rejected', 'deleted'] as const;
export const ProStatus = z.enum(PRO_STATUSES);
export type ProStatus = z.infer<typeof ProStatus>;

/** Pause décidée par le pro, ou automatique après 3 demandes expirées de suite. */
export const PAUSE_REASONS = ['pro', 'expirations'] as const;
export const PauseReason = z.enum(PAUSE_REASONS);
export type PauseReason = z.infer<typeof PauseReason>;

export const DEFAULT_MONTHLY_CAP = 4;
export const MAX_MONTHLY_CAP = 20;
export const MAX_PRO_METIERS = 3;

/** Identifiant public opaque (12 caractères base64url), jamais séquentiel. */
export const PublicId = z.string().regex(/^[A-Za-z0-9_-]{12}$/, 'identifiant invalide');

const NAME_PATTERN = /^[\p{L}][\p{L}\p{M}' ’-]*$/u;

function personName(label: string) {
  return z
    .string()
    .trim()
    .min(1, `Indiquez votre ${label}.`)
    .max(50, `Votre ${label} doit faire 50 caractères au plus.`)
    .regex(NAME_PATTERN, `Votre ${label} ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.`);
}

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Indiquez une adresse e-mail.')
  .max(254, 'Adresse e-mail trop longue.')
  .pipe(z.email({ error: 'Adresse e-mail invalide (exemple : prenom.nom@example.org).' }));

/** Téléphone français : 10 chiffres commençant par 0, ou +33 ; rendu « 06 12 34 56 78 ». */
export const Phone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.-]/g, '').replace(/^\+33/, '0').replace(/^0033/, '0'))
  .pipe(z.string().regex(/^0[1-9]\d{8}$/, 'Numéro de téléphone invalide (10 chiffres, exemple : 06 12 34 56 78).'))
  .transform((v) => v.replace(/(\d{2})(?=\d)/g, '$1 '));

/** Champ facultatif d'un formulaire : une chaîne vide vaut absence. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

function consent(message: string) {
  return z.literal('oui', { error: message });
}

/** Le profil d'un professionnel tel que stocké. */
export const Pro = z.object({
  id: PublicId,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  metierCodes: z.array(RomeCode),
  communeCode: GeoInseeCode,
  employer: z.string().nullable(),
  modes: z.array(ExchangeMode),
  monthlyCap: z.number().int(),
  presentation: z.string(),
  status: ProStatus,
  paused: z.boolean(),
  pauseReason: PauseReason.nullable(),
  consecutiveExpiries: z.number().int(),
  rejectionReason: RejectionReason.nullable(),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
  moderatedAt: z.string().nullable(),
  /** Profil de démonstration (personne inventée), dit comme tel partout où il s'affiche. */
  demo: z.boolean(),
});
export type Pro = z.infer<typeof Pro>;

/** « Prénom N. » : la seule forme publique du nom d'un pro. */
export function publicName(pro: Pick<Pro, 'firstName' | 'lastName'>): string {
  const initial = pro.lastName.trim().charAt(0).toLocaleUpperCase('fr');
  return initial ? `${pro.firstName} ${initial}.` : pro.firstName;
}

/**
 * unconfirmed : envoyée, en attente de la confirmation des adresses (la personne, et le parent ou
 * conseiller·e d'un·e mineur·e) — rien n'est parti chez le pro ; pending : transmise au pro.
 */
export const REQUEST_STATUSES = ['unconfirmed', 'pending', 'accepted', 'declined', 'expired'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const ContactRequest = z.object({
  id: PublicId,
  proId: PublicId,
  firstName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  guardianEmail: z.string().nullable(),
  situation: Situation,
  ageBracket: AgeBracket,
  mode: ExchangeMode,
  message: z.string(),
  status: RequestStatus,
  declineReason: DeclineReason.nullable(),
  /** Métier et commune du pro au moment de la demande (statistiques, même après effacement). */
  metierCode: RomeCode.nullable(),
  communeCode: GeoInseeCode.nullable(),
  createdAt: z.string(),
  /** Adresse de la personne confirmée par le lien reçu (null : pas encore). */
  requesterConfirmedAt: z.string().nullable(),
  /** Adresse du parent ou conseiller·e confirmée (mineur·e seulement). */
  guardianConfirmedAt: z.string().nullable(),
  /** Transmise au pro (toutes les adresses confirmées) ; les plafonds comptent ces demandes-là. */
  relayedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  purgedAt: z.string().nullable(),
});
export type ContactRequest = z.infer<typeof ContactRequest>;

/** Formulaire « Devenir pro » (après résolution des métiers et de la commune en codes). */
export const ProRegistrationInput = z.object({
  firstName: personName('prénom'),
  lastName: personName('nom'),
  email: Email,
  phone: optional(Phone),
  metierCodes: z
    .array(RomeCode)
    .min(1, 'Indiquez au moins un métier.')
    .max(MAX_PRO_METIERS, `Indiquez ${MAX_PRO_METIERS} métiers au plus.`),
  communeCode: GeoInseeCode,
  employer: optional(z.string().trim().max(100, '100 caractères au plus.')),
  modes: z.array(ExchangeMode).min(1, 'Choisissez au moins un mode d’échange.'),
  monthlyCap: z.coerce
    .number({ error: 'Indiquez un nombre.' })
    .int('Indiquez un nombre entier.')
    .min(1, 'Au moins 1 demande par mois.')
    .max(MAX_MONTHLY_CAP, `${MAX_MONTHLY_CAP} demandes par mois au plus.`),
  presentation: z
    .string()
    .trim()
    .min(30, 'Présentez-vous en 30 caractères au moins.')
    .max(600, 'Votre présentation doit faire 600 caractères au plus.'),
  consent: consent('Vous devez accepter l’utilisation de vos données pour vous inscrire.'),
});
export type ProRegistrationInput = z.infer<typeof ProRegistrationInput>;

/** Ce qu'un pro peut modifier lui-même depuis son lien de gestion. */
export const ProSettingsInput = ProRegistrationInput.pick({ phone: true, employer: true, modes: true, monthlyCap: true });
export type ProSettingsInput = z.infer<typeof ProSettingsInput>;

/** Formulaire de demande d'échange (sans compte). */
export const ContactRequestInput = z
  .object({
    firstName: personName('prénom'),
    email: Email,
    phone: optional(Phone),
    situation: Situation,
    ageBracket: AgeBracket,
    guardianEmail: optional(Email),
    mode: ExchangeMode,
    message: z
      .string()
      .trim()
      .min(20, 'Dites en 20 caractères au moins ce que vous voulez savoir.')
      .max(1000, 'Votre message doit faire 1 000 caractères au plus.'),
    consent: consent('Vous devez accepter la transmission de votre demande pour l’envoyer.'),
  })
  .superRefine((input, ctx) => {
    if (isMinor(input.ageBracket) && !input.guardianEmail) {
      ctx.addIssue({
        code: 'custom',
        path: ['guardianEmail'],
        message: 'Vous avez moins de 18 ans : indiquez l’e-mail d’un parent ou d’un·e conseiller·e.',
      });
    }
    if (input.guardianEmail && input.guardianEmail === input.email) {
      ctx.addIssue({ code: 'custom', path: ['guardianEmail'], message: 'Indiquez une autre adresse que la vôtre.' });
    }
  });
export type ContactRequestInput = z.infer<typeof ContactRequestInput>;

export const DeclineInput = z.object({
  reason: DeclineReason,
  comment: optional(z.string().trim().max(500, '500 caractères au plus.')),
});
export type DeclineInput = z.infer<typeof DeclineInput>;

export const ReportInput = z.object({
  reason: ReportReason,
  message: z.string().trim().min(10, 'Décrivez le problème en 10 caractères au moins.').max(1000, '1 000 caractères au plus.'),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const RejectionInput = z.object({
  reason: RejectionReason,
  comment: optional(z.string().trim().max(500, '500 caractères au plus.')),
});
export type RejectionInput = z.infer<typeof RejectionInput>;
