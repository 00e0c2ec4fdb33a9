/**
 * Règles pures de la page d'une formation : bloc « insertion » en mots, liens de certification,
 * données structurées schema.org (Course, CourseInstance, AggregateRating).
 */
import type { FormationDetail } from '../http/schemas';
import { htmlToText, truncateText } from '../search/documents';
import { capitalize, insertionCredit, percent } from '../lib/french';
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
