/**
 * Schémas zod des réponses de l'API publique (noms de champs en français). Les cas d'usage
 * construisent leurs réponses avec ces types, et le document OpenAPI en est généré.
 */
import { z } from '../domain/zod';
import { Level } from '../domain/levels';
import { RecruitmentState, TeachingMode } from '../domain/offer';
import { InsertionRoute, InsertionScope, InsertionStat } from '../domain/insertion';
import { DepartementPdl } from '../domain/geo';

const IsoDate = z.string().describe('Date AAAA-MM-JJ');
const Count = z.number().int().nonnegative();

export const ErrorBody = z
  .object({
    erreur: z.string().describe('Ce qui ne va pas, en français'),
    champs: z.record(z.string(), z.string()).optional().describe('Pour une 400 : un message par paramètre invalide'),
  })
  .describe('Erreur');
export type ErrorBody = z.infer<typeof ErrorBody>;

// ------------------------------------------------------------------------------------------
// GET /api/formations
// ------------------------------------------------------------------------------------------

export const CostOut = z
  .object({
    type: z.enum(['free', 'free-if', 'covered', 'self', 'unknown']).describe('free : gratuit pour cette situation ; free-if : gratuit sous une condition sans réponse ; covered : quelqu’un peut payer (CPF, employeur) ; self : à votre charge ; unknown : à vérifier'),
    phrase: z.string().describe('Ce que la formation coûterait, et qui paie, en une phrase'),
    paye_pendant: z.string().describe('Être payé·e ou aidé·e pendant la formation'),
    reste: z.string().nullable().describe('Frais restants précisés par l’organisme (LHEO frais-restants)'),
    remarque: z.string().nullable().describe('Pourquoi une aide ne s’applique pas à cette situation'),
    sources: z.array(z.object({ libelle: z.string(), url: z.string() })).describe('Sources publiques des règles appliquées'),
  })
  .describe('Le coût pour la personne, selon « Ma situation » (src/domain/costs.ts)');
export type CostOut = z.infer<typeof CostOut>;

export const ENROLMENT_VALUES = ['ouvertes', 'bientot', 'fermees', 'aucune-session'] as const;
const EnrolmentOut = z
  .enum(ENROLMENT_VALUES)
  .describe('ouvertes : au moins une session où l’on peut s’inscrire ; bientot : les inscriptions ouvriront plus tard (voir inscriptions_ouvrent_le) ; fermees : des sessions en cours ou à venir, toutes complètes ou fermées ; aucune-session : rien en cours ni à venir');

export const VariantOut = z.object({
  actions: z.array(z.string()).min(1).describe('Identifiants des actions de cette variante (détail : GET /api/formations/{id})'),
  libelle: z.string().describe('Ce qui distingue cette variante des autres de la carte, en mots'),
  publics: z.array(z.string()).describe('Codes Formacode des publics visés'),
  rythme: z.enum(['alternance', 'temps-plein', 'temps-partiel']).nullable(),
  prix_euros: z.number().nullable(),
  duree_heures: z.number().nullable(),
  inscriptions: EnrolmentOut,
  cout: CostOut,
});

export const FormationResult = z.object({
  id: z.string().describe('Identifiant de la carte : celui de sa première action. Une carte = une formation dans un lieu (actions de la même formation, du même organisme, au même lieu et avec la même modalité)'),
  actions: z.array(z.string()).min(1).describe('Identifiants de toutes les actions réunies dans cette carte'),
  correspondance: z
    .enum(['complete', 'partielle', 'metier'])
    .describe(
      'complete : chaque mot cherché (ou un synonyme) est dans l’intitulé ou un métier visé ; metier : la formation ne contient pas les mots, elle mène à un métier compris ' +
        '(voir `compris` et `metier_compris`) ; partielle : certains mots ne sont que dans la description ou le nom de l’organisme — au tri « pertinence » : ' +
        'les correspondances complètes, puis celles par un métier compris, puis les partielles',
    ),
  metier_compris: z
    .object({ code: z.string(), libelle: z.string() })
    .nullable()
    .describe('correspondance « metier » : le métier compris qui amène cette formation (null sinon)'),
  mots_absents: z.array(z.string()).describe('Correspondance partielle : les mots cherchés absents de l’intitulé et des métiers visés'),
  intitule: z.string().describe('Texte brut (balises HTML retirées)'),
  organisme: z.string().describe('Raison sociale de l’organisme de formation'),
  lieu: z.object({
    commune: z.string(),
    code_insee: z.string().nullable(),
    site: z.string().nullable().describe('Nom du site ou rue du lieu de formation'),
    lat: z.number(),
    lon: z.number(),
  }),
  distance_km: z.number().nullable().describe('Distance depuis le lieu demandé, en km (null sans lieu)'),
  a_distance: z.boolean().describe('Formation entièrement à distance : proposée quel que soit le rayon'),
  sessions: z.array(
    z.object({
      debut: IsoDate.nullable(),
      fin: IsoDate.nullable(),
      en_cours: z.boolean().describe('Session déjà commencée où l’on peut encore entrer'),
      complete: z.boolean().describe('L’organisme dit le recrutement de cette session fermé ou suspendu'),
      inscriptions_ouvrent_le: IsoDate.nullable().describe('Les inscriptions à cette session ouvriront ce jour-là (LHEO periode-inscription)'),
      variante: z.number().int().nonnegative().describe('Indice de la variante (dans « variantes ») à laquelle la session appartient'),
    }),
  ),
  inscriptions: EnrolmentOut,
  inscriptions_ouvrent_le: IsoDate.nullable().describe('État « bientot » : le premier jour où l’on pourra s’inscrire'),
  reunion_information: IsoDate.nullable().describe('Prochaine réunion d’information annoncée par l’organisme'),
  variantes: z.array(VariantOut).min(1).describe('Les façons de suivre cette formation ici (public, financement, rythme, prix) ; une seule si rien ne les distingue'),
  cout: CostOut.describe('Le coût pour la personne : le plus favorable des variantes, selon « Ma situation »'),
  niveau_sortie: Level.nullable(),
  modalite: TeachingMode,
  duree_heures: z.number().nullable(),
  metiers: z.array(z.string()).describe('Codes ROME des métiers visés'),
  insertion: z
    .object({
      taux_emploi: z.number().describe('Taux d’emploi en pourcentage (6 mois après la sortie, à défaut 12 mois)'),
      libelle: z.string().describe('Ce que mesure ce taux et sur qui il porte, ex. « Taux d’emploi 6 mois après la sortie, pour ce diplôme en Pays de la Loire, en apprentissage, 2022-2023 »'),
      source: InsertionStat.shape.source,
      demonstration: z.boolean().describe('Vrai pour un chiffre de démonstration (inventé)'),
      millesime: z.string(),
      perimetre: InsertionScope,
    })
    .optional()
    .describe('Absent si aucun taux n’est publiable (moins de 20 sortants, ou pas de donnée)'),
  avis: z
    .object({ note_globale: z.number().describe('Note moyenne sur 5'), nombre: Count })
    .optional()
    .describe('Absent s’il n’y a aucun avis publié'),
});
export type FormationResult = z.infer<typeof FormationResult>;

const Facet = z.record(z.string(), Count);

export const FACETTES = ['niveau', 'modalite', 'financement', 'public', 'departement', 'territoire', 'entree_permanente', 'handicap', 'certifiante', 'debut', 'duree', 'gratuit_pour'] as const;
export type FacetteName = (typeof FACETTES)[number];

export const Facettes = z
  .object(Object.fromEntries(FACETTES.map((name) => [name, Facet])) as Record<FacetteName, typeof Facet>)
  .describe('Pour chaque filtre : valeur → nombre de formations (cartes) (« debut » : mois AAAA-MM ; « duree » : tranche ; « gratuit_pour » : étiquette de gratuité, src/domain/costs.ts)');

export const FormationsResponse = z.object({
  total: Count,
  page: z.number().int().min(1),
  par_page: z.number().int().min(1),
  rayon_km: z.number().nullable().describe('Rayon réellement utilisé (après élargissement éventuel) ; null sans lieu'),
  elargi: z.boolean().describe('Vrai si le rayon a été élargi faute de formation sur place dans le rayon demandé'),
  resultats: z.array(FormationResult),
  facettes: Facettes,
  vouliez_vous_dire: z.string().nullable().describe('Aucun ou peu de résultats : le nom de métier le plus proche du texte tapé, à quelques lettres près'),
  compris: z
    .object({
      mots: z.array(z.string()).describe('Les mots cherchés (pliés, sans mots vides ni mots de la demande)'),
      mots_ignores: z.array(z.string()).describe('Les mots de la demande, qui ne sont pas cherchés (« veux », « devenir », « travailler »…)'),
      metiers: z
        .array(z.object({ code: z.string(), libelle: z.string() }))
        .describe('Les métiers compris d’après les fiches métiers (définition, accès, compétences, savoirs, contextes, appellations) : leurs formations viennent après celles qui contiennent les mots'),
      metiers_retires: z.array(z.string()).describe('Les codes ROME retirés par le paramètre sans_metier'),
      mots_seuls: z.boolean().describe('Vrai avec mots_seuls=oui : aucun métier compris n’est utilisé'),
      formations_ajoutees: z.number().int().nonnegative().describe('Nombre de formations ajoutées par les métiers compris (elles ne contiennent pas les mots ; comptées dans total)'),
      message: z.string().nullable().describe('Ce que la recherche n’a pas pu comprendre, en français (ex. seulement des mots de la demande)'),
    })
    .nullable()
    .describe('Comment le texte q a été compris ; null sans texte'),
  metiers_proches: z
    .array(z.object({ code: z.string(), libelle: z.string() }))
    .describe('Peu de résultats (moins de 5) : des métiers proches (mobilités du ROME) du métier cherché, à essayer'),
  situation: z
    .object({
      reponses: z.record(z.string(), z.string()).describe('Les réponses de « Ma situation » retenues (paramètres inscrit_ft, age, salarie, rqth, rsa)'),
      remarques: z.array(z.string()).describe('Réponses qui se contredisent, et la règle retenue'),
    })
    .describe('« Ma situation », telle que la recherche l’a comprise'),
});
export type FormationsResponse = z.infer<typeof FormationsResponse>;

// ------------------------------------------------------------------------------------------
// GET /api/formations/{id}
// ------------------------------------------------------------------------------------------

export const ContactOut = z.object({
  nom: z.string().nullable(),
  telephone: z.string().nullable(),
  email: z.string().nullable(),
  site_web: z.string().nullable(),
});

export const AdresseOut = z.object({
  nom: z.string().nullable().describe('Nom du lieu (bâtiment, site)'),
  rue: z.string().nullable(),
  code_postal: z.string().nullable(),
  commune: z.string(),
  code_insee: z.string().nullable(),
});

const InsertionFields = {
  source: InsertionStat.shape.source.describe('Format de la source (inserjeunes, insersup, france-travail)'),
  demonstration: z.boolean().describe('Vrai pour un chiffre de démonstration (inventé) : la source réelle n’est alors pas créditée'),
  millesime: z.string().describe('Années de sortie, ex. « 2022-2023 »'),
  cumul: z.boolean().describe('Vrai si plusieurs années de sortants sont réunies (« cumul 2023-2024 », taux par CFA)'),
  perimetre: InsertionScope.describe(
    'Sur qui porte le chiffre : etablissement (un CFA, toutes formations confondues), etablissement-formation (ce diplôme dans cet établissement), ' +
      'region (ce diplôme dans la région, tous établissements), national (ce diplôme en France)',
  ),
  voie: InsertionRoute.nullable().describe('Voie des sortants (apprentissage, scolaire), si le chiffre la distingue'),
  region: z.string().nullable().describe('Code INSEE de la région (52 : Pays de la Loire)'),
  uai: z.string().nullable().describe('UAI de l’établissement (périmètres établissement)'),
  etablissement: z.string().nullable().describe('Nom de l’établissement tel que publié par la source'),
  portee: z.string().describe('Le périmètre et la période en mots, ex. « pour ce CFA (toutes formations), cumul 2023-2024 »'),
  sortants: Count.nullable().describe('Nombre de sortants ; null quand la source ne le publie pas (taux par CFA)'),
};

export const InsertionFigure = z
  .discriminatedUnion('statut', [
    z.object({
      statut: z.literal('affiche'),
      libelle: z.string().describe('Le chiffre principal en mots, ex. « Taux d’emploi 6 mois après la sortie, pour ce CFA (toutes formations), cumul 2023-2024 »'),
      note: z.string().nullable().describe('Ce qu’il faut savoir pour lire le chiffre (nombre de sortants non publié)'),
      ...InsertionFields,
      taux_emploi_6_mois: z.number().nullable(),
      taux_emploi_12_mois: z.number().nullable(),
      taux_poursuite_etudes: z.number().nullable(),
    }),
    z.object({
      statut: z.literal('masque'),
      message: z.string(),
      ...InsertionFields,
    }),
  ])
  .describe('Un chiffre d’insertion, règle de diffusion appliquée : aucun taux sous 20 sortants');
export type InsertionFigure = z.infer<typeof InsertionFigure>;

export const InsertionOut = z
  .union([InsertionFigure, z.object({ statut: z.literal('absent'), message: z.string() })])
  .describe('Le chiffre d’insertion le plus précis, règle de diffusion appliquée : rien sous 20 sortants, absence dite explicitement');

export const FormationDetail = z.object({
  id: z.string().describe('Identifiant de l’action'),
  carte: z
    .object({ id: z.string().describe('Identifiant de la carte (sa page : /formations/{id}-…)'), actions: z.array(z.string()).min(1).describe('Toutes les actions de la carte') })
    .describe('La carte de la recherche qui réunit cette action et celles de la même formation au même lieu'),
  formation: z.object({
    id: z.string(),
    intitule: z.string().describe('Texte brut (balises HTML retirées)'),
    objectif: z.string().nullable().describe('Texte brut : le texte de l’organisme, balises HTML retirées et entités décodées'),
    objectif_html: z.string().nullable().describe('Le même texte en HTML nettoyé comme sur le site (p, br, ul, ol, li, strong, em, b, i, a en http(s)/mailto) : aucun script, attribut d’événement ni style'),
    contenu: z.string().nullable().describe('Texte brut : le texte de l’organisme, balises HTML retirées et entités décodées'),
    contenu_html: z.string().nullable().describe('Le même texte en HTML nettoyé comme sur le site'),
    resultats_attendus: z.string().nullable().describe('Texte brut : balises HTML retirées et entités décodées'),
    resultats_attendus_html: z.string().nullable().describe('Le même texte en HTML nettoyé comme sur le site'),
    certifiante: z.boolean(),
    certifications: z.array(z.object({ type: z.string(), code: z.string(), libelle: z.string().nullable() })),
    niveau_entree: Level.nullable(),
    niveau_sortie: Level.nullable(),
    niveau_sortie_libelle: z.string().nullable(),
    metiers: z.array(z.object({ code: z.string(), libelle: z.string().nullable() })),
  }),
  organisme: z.object({
    id: z.string(),
    nom: z.string(),
    siret: z.string().nullable(),
    adresse: AdresseOut.nullable(),
    contact: ContactOut,
  }),
  lieu: AdresseOut.extend({ lat: z.number(), lon: z.number() }),
  modalite: TeachingMode,
  modalite_libelle: z.string(),
  a_distance: z.boolean(),
  publics: z.array(z.string()).describe('Codes Formacode des publics visés'),
  duree_heures: z.number().nullable(),
  prix_euros: z.number().nullable(),
  entree_permanente: z.boolean(),
  handicap: z.boolean().nullable().describe('Accessible aux personnes en situation de handicap (null : non renseigné)'),
  prerequis: z.string().nullable().describe('Texte brut (balises HTML retirées)'),
  rythme: z.string().nullable().describe('Rythme (LHEO rythme-formation), texte brut'),
  rythme_type: z.enum(['alternance', 'temps-plein', 'temps-partiel']).nullable(),
  modalites_recrutement: z.string().nullable().describe('Comment l’organisme choisit les candidats (LHEO modalites-recrutement), texte brut'),
  reunions_information: z.array(IsoDate).describe('Dates des réunions d’information (LHEO date-information)'),
  frais_restants: z.string().nullable().describe('Frais restant à la charge de la personne (LHEO frais-restants), texte brut'),
  prise_en_charge_possible: z.boolean().nullable().describe('LHEO prise-en-charge-frais-possible (null : non renseigné)'),
  conditions_prise_en_charge: z.string().nullable().describe('LHEO detail-conditions-prise-en-charge, texte brut'),
  contact: ContactOut.nullable().describe('Contact de l’action, s’il diffère de celui de l’organisme'),
  sessions: z.array(
    z.object({
      id: z.string(),
      debut: IsoDate.nullable(),
      fin: IsoDate.nullable(),
      recrutement: RecruitmentState,
      recrutement_libelle: z.string(),
      modalites_inscription: z.string().nullable().describe('Comment s’inscrire à cette session (LHEO modalites-inscription), texte brut'),
      periode_inscription: z.object({ debut: IsoDate.nullable(), fin: IsoDate.nullable() }).nullable().describe('Période d’inscription (LHEO periode-inscription)'),
    }),
  ),
  financement: z.object({
    financeurs: z.array(z.object({ code: z.string(), libelle: z.string() })),
    dispositif: z.object({ code: z.string(), libelle: z.string(), explication: z.string() }).nullable().describe('Dispositif de la Région'),
    cpf: z.boolean().describe('Éligible au compte personnel de formation'),
  }),
  insertion: InsertionOut,
  insertion_autres: z
    .array(InsertionFigure)
    .describe('Les chiffres d’autres périmètres (un par périmètre), ex. le taux du CFA quand « insertion » est celui du diplôme dans la région'),
  avis: z.object({
    resume: z
      .object({
        nombre: Count,
        note_globale: z.number(),
        notes: z.record(z.string(), z.number()).describe('Note moyenne par critère (accueil, contenu_formation, …)'),
        repartition: z.record(z.string(), Count).describe('Nombre d’avis par note globale (1 à 5)'),
      })
      .nullable()
      .describe('Null s’il n’y a aucun avis validé'),
    commentaires: z.array(z.object({ titre: z.string().nullable(), texte: z.string(), date: IsoDate, note_globale: z.number().int() })).describe('Derniers commentaires validés'),
  }).describe('Avis de la carte : la formation à ce lieu, toutes ses actions réunies'),
});
export type FormationDetail = z.infer<typeof FormationDetail>;

// ------------------------------------------------------------------------------------------
// GET /api/communes, GET /api/metiers
// ------------------------------------------------------------------------------------------

export const CommuneItem = z.object({
  code_insee: z.string(),
  nom: z.string(),
  code_postal: z.string().describe('Code postal principal'),
  lat: z.number(),
  lon: z.number(),
  departement: DepartementPdl,
});
export type CommuneItem = z.infer<typeof CommuneItem>;
export const CommunesResponse = z.array(CommuneItem).max(10);

export const MetierItem = z.object({
  code: z.string().describe('Code ROME'),
  libelle: z.string(),
  appellation: z.string().nullable().describe('L’appellation trouvée, ou null si le libellé lui-même correspond'),
});
export type MetierItem = z.infer<typeof MetierItem>;
export const MetiersResponse = z.array(MetierItem).max(10);

