/**
 * Export CSV de la page « Recruter » : une ligne par session à venir, avec l'organisme et ses
 * coordonnées, la formation, les métiers visés, le lieu, la distance et les dates.
 */
import { toCsv, type CsvColumn } from '../offer-stats/csv';
import type { EmployerResult, OrganismeGroup, EmployerTraining } from './employer';

export interface EmployerCsvRow {
  group: OrganismeGroup;
  training: EmployerTraining;
  session: EmployerTraining['sessions'][number];
}

/** 2027-03-05 → 05/03/2027 (ce qu'un tableur en français reconnaît comme une date). */
export function frenchDate(iso: string | null): string {
  if (iso === null) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function addressOf(group: OrganismeGroup): string {
  const a = group.organisme.adresse;
  if (!a) return '';
  return [a.rue, [a.code_postal, a.commune].filter(Boolean).join(' ')].filter((part) => part && part.trim() !== '').join(', ');
}

export function employerCsvColumns(metierLabel: (code: string) => string): CsvColumn<EmployerCsvRow>[] {
  return [
    { header: 'Organisme', value: (r) => r.group.organisme.nom },
    { header: 'SIRET', value: (r) => r.group.organisme.siret },
    { header: 'Adresse de l’organisme', value: (r) => addressOf(r.group) },
    { header: 'Téléphone', value: (r) => r.group.organisme.contact.telephone },
    { header: 'Courriel', value: (r) => r.group.organisme.contact.email },
    { header: 'Site web', value: (r) => r.group.organisme.contact.site_web },
    { header: 'Formation', value: (r) => r.training.title },
    { header: 'Métiers visés', value: (r) => r.training.metiers.map((code) => `${metierLabel(code)} (${code})`).join(', ') },
    { header: 'Lieu de formation', value: (r) => r.training.city },
    { header: 'Distance (km)', value: (r) => (r.training.distanceKm === null ? '' : r.training.distanceKm.toLocaleString('fr-FR')) },
    { header: 'Début de session', value: (r) => frenchDate(r.session.start) },
    { header: 'Fin de session', value: (r) => frenchDate(r.session.end) },
  ];
}

export function employerCsvRows(result: Pick<EmployerResult, 'organismes'>): EmployerCsvRow[] {
  return result.organismes.flatMap((group) => group.trainings.flatMap((training) => training.sessions.map((session) => ({ group, training, session }))));
}

export function employerCsv(result: Pick<EmployerResult, 'organismes'>, metierLabel: (code: string) => string): string {
  return toCsv(employerCsvRows(result), employerCsvColumns(metierLabel));
}
