/**
 * Règles pures de la page d'une formation : bloc « insertion » en mots, liens de certification,
 * données structurées schema.org (Course, CourseInstance, AggregateRating).
 */
import type { CostOut, FormationDetail } from '../http/schemas';
import { costOut, situationAnswers } from '../http/formations';
import { enrolmentFieldsOf } from '../http/formation-detail';
import { COST_KIND_RANK, costFor, type FreeTag, type Situation } from '../domain/costs';
import type { Action } from '../domain/offer';
import { acceptsEnrolment, nextInformationDate, opensLater } from '../domain/sessions';
import { cardVariants } from '../search/documents';
import { variantLabels } from './variants';
import { htmlToText, truncateText } from '../search/documents';
import { capitalize, dateWords, insertionCredit, percent } from '../lib/french';
import { INSERTION_RATE_LABELS } from '../domain/insertion';

type Figure = FormationDetail['insertion_autres'][number];

export interface InsertionFigureView {
  scope: Figure['perimetre'];
  status: Figure['statut'];
  /** Sur qui porte le chiffre et quand : « Pour ce CFA (toutes formations), cumul 2023-2024 ». */
  title: string;
  /** Taux affichés (seulement à partir de 20 sortants, ou sans nombre publié). */
  rates: { label: string; value: string }[];
  /** Pourquoi le taux est masqué, ou ce qu'il faut savoir pour le lire. */
  message: string | null;
  /** Source, établissement, sortants. */
  facts: { label: string; value: string }[];
  /** Chiffre de démonstration (inventé). */
  demonstration: boolean;
}

export interface InsertionView {
  /** État du chiffre principal (le plus précis). */
  status: FormationDetail['insertion']['statut'];
  /** Chiffres à montrer, le plus précis d'abord (un par périmètre). */
  figures: InsertionFigureView[];
  /** Phrase qui explique l'absence de donnée. */
  message: string | null;
  /** Tous les chiffres montrés sont des chiffres de démonstration. */
  demonstration: boolean;
}

function figureView(f: Figure): InsertionFigureView {
  const facts = [{ label: 'Source', value: capitalize(insertionCredit(f.source, f.demonstration)) }];
  if (f.perimetre === 'etablissement' || f.perimetre === 'etablissement-formation') {
    if (f.etablissement || f.uai) facts.push({ label: 'Établissement', value: [f.etablissement, f.uai && `UAI ${f.uai}`].filter(Boolean).join(', ') });
  }
  facts.push({ label: 'Personnes sorties de formation', value: f.sortants === null ? 'nombre non publié' : f.sortants.toLocaleString('fr-FR') });
  const base = { scope: f.perimetre, status: f.statut, title: capitalize(f.portee), facts, demonstration: f.demonstration };
  if (f.statut === 'masque') return { ...base, rates: [], message: f.message };
  const rates = [
    { label: INSERTION_RATE_LABELS.employment6m, rate: f.taux_emploi_6_mois },
    { label: INSERTION_RATE_LABELS.employment12m, rate: f.taux_emploi_12_mois },
    { label: INSERTION_RATE_LABELS.furtherStudy, rate: f.taux_poursuite_etudes },
  ].flatMap((r) => (r.rate === null ? [] : [{ label: r.label, value: percent(r.rate) }]));
  return { ...base, rates, message: rates.length === 0 ? 'Aucun taux n’est publié pour ce chiffre.' : f.note };
}

export function insertionView(d: Pick<FormationDetail, 'insertion' | 'insertion_autres'>): InsertionView {
  if (d.insertion.statut === 'absent') return { status: 'absent', figures: [], message: d.insertion.message, demonstration: false };
  const figures = [d.insertion, ...d.insertion_autres].map(figureView);
  return { status: d.insertion.statut, figures, message: null, demonstration: figures.every((f) => f.demonstration) };
}

/** Lien officiel d'une certification (fiche France compétences pour RNCP et RS). */
export function certificationUrl(c: { type: string; code: string }): string | null {
  const digits = c.code.replace(/\D/g, '');
  if (!digits) return null;
  if (c.type === 'RNCP') return `https://www.francecompetences.fr/recherche/rncp/${digits}/`;
  if (c.type === 'RS') return `https://www.francecompetences.fr/recherche/rs/${digits}/`;
  return null;
}

/** Texte court d'un champ LHEO (balises et scripts retirés) pour une description. */
export function plainSummary(text: string | null, max = 155): string {
  return truncateText(htmlToText(text ?? ''), max);
}

/** Données structurées schema.org d'une formation. */
export function courseJsonLd(d: FormationDetail, url: string): Record<string, unknown> {
  const provider = { '@type': 'EducationalOrganization', name: d.organisme.nom, ...(d.organisme.contact.site_web && { url: d.organisme.contact.site_web }) };
  const mode = d.modalite === 'distance' ? 'online' : d.modalite === 'mixte' ? 'blended' : 'onsite';
  const location = {
    '@type': 'Place',
    name: d.lieu.nom ?? d.lieu.commune,
    address: { '@type': 'PostalAddress', streetAddress: d.lieu.rue ?? undefined, postalCode: d.lieu.code_postal ?? undefined, addressLocality: d.lieu.commune, addressCountry: 'FR' },
    geo: { '@type': 'GeoCoordinates', latitude: d.lieu.lat, longitude: d.lieu.lon },
  };
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: d.formation.intitule,
    description: plainSummary(d.formation.objectif ?? d.formation.contenu, 500) || d.formation.intitule,
    url,
    provider,
    inLanguage: 'fr',
    isAccessibleForFree: d.prix_euros === 0,
    hasCourseInstance: d.sessions.map((s) => ({
      '@type': 'CourseInstance',
      courseMode: mode,
      ...(s.debut && { startDate: s.debut }),
      ...(s.fin && { endDate: s.fin }),
      ...(mode !== 'online' && { location }),
    })),
  };
  if (d.formation.certifications.length > 0) {
    data.educationalCredentialAwarded = d.formation.certifications.map((c) => `${c.libelle ?? d.formation.intitule} (${c.type} ${c.code})`).join(', ');
  }
  if (d.prix_euros !== null) data.offers = { '@type': 'Offer', category: 'Paid', price: d.prix_euros, priceCurrency: 'EUR' };
  const resume = d.avis.resume;
  if (resume && resume.nombre > 0) data.aggregateRating = { '@type': 'AggregateRating', ratingValue: resume.note_globale, reviewCount: resume.nombre, bestRating: 5, worstRating: 1 };
  return data;
}

// ---------------------------------------------------------------------------------------------
// Une carte (formation dans un lieu) : ses variantes, ce qu'elles coûtent, comment s'inscrire

export interface VariantView {
  /** Ancre de la variante sur la fiche ; les actions ont chacune la leur (`action-{id}`). */
  anchor: string;
  actionIds: string[];
  label: string;
  cost: CostOut;
  /** Étiquettes « gratuit » (src/domain/costs.ts) : « demandeur » = payée pour les personnes inscrites à France Travail. */
  freeFor: FreeTag[];
  /** La fiche de la première action de la variante (prix, financement, public). */
  detail: FormationDetail;
  /** Les sessions de toutes les actions de la variante, par date de début. */
  sessions: FormationDetail['sessions'];
}

/** Les variantes d'une carte, dans l'ordre de la recherche, avec leur coût pour cette situation. */
export function variantViews(details: readonly FormationDetail[], actions: readonly Action[], today: string, situation: Situation): VariantView[] {
  const byId = new Map(details.map((d) => [d.id, d]));
  const { variants } = cardVariants(actions, today);
  const labels = variantLabels(variants);
  return variants.flatMap((v, i) => {
    const own = v.actionIds.map((id) => byId.get(id)).filter((d): d is FormationDetail => d !== undefined);
    const first = own[0];
    if (!first) return [];
    return [{
      anchor: `variante-${i + 1}`,
      actionIds: v.actionIds,
      label: labels[i] ?? '',
      cost: costOut(costFor(v, situation)),
      freeFor: v.freeFor,
      detail: first,
      sessions: own.flatMap((d) => d.sessions).sort((a, b) => (a.debut ?? '9999').localeCompare(b.debut ?? '9999')),
    }];
  });
}

/** La prochaine étape concrète, une seule, la plus utile d'abord. */
export type NextStepKind = 'reunion' | 'conseiller' | 'entreprise' | 'en-ligne' | 'appeler' | 'ecrire' | 'contacter';

export interface HowToApply {
  steps: { title: string; text: string }[];
  /** Quand on peut s'inscrire, en une phrase (« Les inscriptions ouvriront le … »). */
  enrolment: string;
  next: { kind: NextStepKind; text: string; href: string | null };
}

/**
 * « Comment s'inscrire » d'une carte : les conditions, comment l'organisme choisit, quand on peut
 * s'inscrire, la réunion d'information, puis LA prochaine étape (réunion, conseiller, entreprise,
 * candidature en ligne, appel, courriel).
 */
export function howToApply(lead: FormationDetail, variants: readonly VariantView[], today: string, levelLabel: string | null): HowToApply {
  const steps: HowToApply['steps'] = [];
  const conditions = [levelLabel ? `Niveau demandé : ${levelLabel}.` : 'Aucun niveau n’est exigé à l’entrée, ou l’organisme ne le précise pas.', lead.prerequis ? `Prérequis : ${lead.prerequis}` : null].filter(Boolean).join(' ');
  steps.push({ title: 'Vérifier que la formation est pour vous', text: conditions });
  if (lead.modalites_recrutement) steps.push({ title: 'Comment l’organisme choisit', text: lead.modalites_recrutement });

  const sessions = variants.flatMap((v) => v.sessions);
  const enrolment = enrolmentWords(sessions, lead.entree_permanente, today);
  const howEnrol = [...new Set(sessions.map((s) => s.modalites_inscription).filter((t): t is string => t !== null))];
  steps.push({ title: 'Quand et comment s’inscrire', text: [enrolment, ...howEnrol].join(' ') });

  const meeting = nextInformationDate(variants.flatMap((v) => v.detail.reunions_information), today);
  if (meeting) steps.push({ title: 'Réunion d’information', text: `Prochaine réunion d’information le ${dateWords(meeting)}. Demandez l’adresse et l’heure à l’organisme.` });

  const contact = lead.contact ?? lead.organisme.contact;
  const viaCounsellor = variants.some((v) => v.freeFor.includes('demandeur'));
  const apprenticeship = variants.some((v) => v.detail.rythme_type === 'alternance');
  const site = contact.site_web && /^https?:\/\//.test(contact.site_web) ? contact.site_web : null;
  let next: HowToApply['next'];
  if (meeting) next = { kind: 'reunion', text: `Allez à la réunion d’information du ${dateWords(meeting)} : c’est le premier pas pour entrer.`, href: null };
  else if (viaCounsellor) next = { kind: 'conseiller', text: 'Parlez de cette formation à votre conseiller (France Travail, Mission locale ou Cap emploi) : c’est lui qui peut vous y inscrire pour qu’elle soit payée.', href: null };
  else if (apprenticeship) next = { kind: 'entreprise', text: 'Cherchez une entreprise qui vous embauche en alternance, et contactez l’organisme : il peut vous aider à en trouver une.', href: null };
  else if (site) next = { kind: 'en-ligne', text: 'Candidatez sur le site de l’organisme.', href: site };
  else if (contact.telephone) next = { kind: 'appeler', text: `Appelez l’organisme au ${contact.telephone} pour demander un dossier.`, href: `tel:${contact.telephone.replace(/\s+/g, '')}` };
  else if (contact.email) next = { kind: 'ecrire', text: `Écrivez à l’organisme (${contact.email}) pour demander un dossier.`, href: `mailto:${contact.email}` };
  else next = { kind: 'contacter', text: 'Contactez l’organisme pour demander comment vous inscrire.', href: null };
  return { steps, enrolment, next };
}

/** L'état des inscriptions d'une session de la fiche, en mots (période d'inscription comprise). */
export function sessionEnrolmentWords(s: FormationDetail['sessions'][number], permanentEntry: boolean, today: string): string {
  const session = enrolmentFieldsOf(s);
  if (s.recrutement !== 'ouvert') return s.recrutement_libelle;
  if (opensLater(session, permanentEntry, today) && session.enrolmentPeriod?.start) return `Inscriptions à partir du ${dateWords(session.enrolmentPeriod.start)}`;
  if (acceptsEnrolment(session, permanentEntry, today)) return session.enrolmentPeriod?.end ? `Inscriptions ouvertes jusqu’au ${dateWords(session.enrolmentPeriod.end)}` : 'Inscriptions ouvertes';
  return 'Inscriptions fermées';
}

/** Quand on peut s'inscrire, en une phrase, d'après les sessions et leurs périodes d'inscription. */
function enrolmentWords(sessions: FormationDetail['sessions'], permanentEntry: boolean, today: string): string {
  const asDomain = sessions.map(enrolmentFieldsOf);
  const open = asDomain.filter((s) => acceptsEnrolment(s, permanentEntry, today));
  if (open.length > 0) {
    const closes = open.map((s) => s.enrolmentPeriod?.end ?? null).filter((d): d is string => d !== null).sort()[0];
    return closes ? `Les inscriptions sont ouvertes jusqu’au ${dateWords(closes)}.` : 'Les inscriptions sont ouvertes.';
  }
  const opens = asDomain.filter((s) => opensLater(s, permanentEntry, today)).map((s) => s.enrolmentPeriod?.start ?? null).filter((d): d is string => d !== null).sort()[0];
  if (opens) return `Les inscriptions ne sont pas encore ouvertes : elles ouvriront le ${dateWords(opens)}.`;
  return 'Les inscriptions sont fermées pour l’instant : demandez les prochaines dates à l’organisme.';
}

/** La variante la plus favorable pour cette situation (celle que la carte annonce). */
export function bestVariant(variants: readonly VariantView[]): VariantView | undefined {
  return variants.reduce<VariantView | undefined>((best, v) => (best === undefined || COST_KIND_RANK[v.cost.type] < COST_KIND_RANK[best.cost.type] ? v : best), undefined);
}

/** « ?inscrit_ft=oui&age=18-25 » : « Ma situation » à garder d'une page à l'autre ('' sans réponse). */
export function situationSearch(situation: Situation): string {
  const query = new URLSearchParams(situationAnswers(situation)).toString();
  return query ? `?${query}` : '';
}

/** Les questions proposées pour le rendez-vous (la personne coche, barre ou ajoute les siennes). */
export const MEETING_QUESTIONS = [
  'Est-ce que je peux entrer avec mon niveau ? Faut-il passer des tests ?',
  'Combien la formation va-t-elle me coûter, à moi ? Qui paie ?',
  'Est-ce que je serai payé·e pendant la formation ?',
  'Quels sont les horaires ? Y a-t-il des stages en entreprise ?',
  'Comment venir sans voiture (bus, car, train, covoiturage) ?',
  'Combien de personnes trouvent un emploi après la formation ?',
  'Quels papiers faut-il apporter pour s’inscrire ?',
] as const;

/** La fiche d'une carte prête à afficher : sa formation, ses variantes et « Comment s'inscrire ». */
export interface CardView {
  detail: FormationDetail;
  variants: VariantView[];
  best: VariantView | undefined;
  apply: HowToApply;
}

/** Tout ce que la fiche et « Préparer mon rendez-vous » montrent d'une carte, pour cette situation. */
export function cardView(
  details: { get(id: string): FormationDetail | undefined; cardActions(cardId: string): Action[] },
  detail: FormationDetail,
  today: string,
  situation: Situation,
  entryLevelLabel: string | null,
): CardView {
  const own = detail.carte.actions.map((a) => details.get(a)).filter((x): x is FormationDetail => x !== undefined);
  const variants = variantViews(own, details.cardActions(detail.carte.id), today, situation);
  return { detail, variants, best: bestVariant(variants), apply: howToApply(detail, variants, today, entryLevelLabel) };
}
