/**
 * Règles pures de la page d'une formation : bloc « insertion » en mots, liens de certification,
 * données structurées schema.org (Course, CourseInstance, AggregateRating).
 */
import type { FormationDetail } from '../api/schemas';
import { htmlToText, truncateText } from '../search/documents';
import { lookupTable } from '../lib/lookup';
import { INSERTION_SOURCES, percent } from './format';

const SCOPES = lookupTable({
  'etablissement-formation': 'cette formation, dans cet établissement',
  region: 'ce diplôme, en Pays de la Loire (tous établissements)',
  national: 'ce diplôme, en France (tous établissements)',
});

export interface InsertionView {
  status: 'affiche' | 'masque' | 'absent';
  /** Taux affichés (seulement au-delà de 20 sortants). */
  rates: { label: string; value: string }[];
  /** Phrase qui explique l'absence ou le masquage. */
  message: string | null;
  /** Source, millésime, périmètre, sortants. */
  facts: { label: string; value: string }[];
}

export function insertionView(insertion: FormationDetail['insertion']): InsertionView {
  if (insertion.statut === 'absent') return { status: 'absent', rates: [], message: insertion.message, facts: [] };
  const facts = [
    { label: 'Source', value: INSERTION_SOURCES[insertion.source] ?? insertion.source },
    { label: 'Année des sortants (millésime)', value: insertion.millesime },
    { label: 'Porte sur', value: SCOPES[insertion.perimetre] ?? insertion.perimetre },
    { label: 'Personnes sorties de formation', value: insertion.sortants.toLocaleString('fr-FR') },
  ];
  if (insertion.statut === 'masque') return { status: 'masque', rates: [], message: insertion.message, facts };
  const rates = [
    { label: 'En emploi 6 mois après', rate: insertion.taux_emploi_6_mois },
    { label: 'En emploi 12 mois après', rate: insertion.taux_emploi_12_mois },
    { label: 'Poursuivent leurs études', rate: insertion.taux_poursuite_etudes },
  ].flatMap((r) => (r.rate === null ? [] : [{ label: r.label, value: percent(r.rate) }]));
  return { status: 'affiche', rates, message: rates.length === 0 ? 'Pas de donnée d’insertion pour cette formation.' : null, facts };
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
