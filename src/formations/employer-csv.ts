/**
 * Export CSV de la page « Recruter » : une ligne par session en cours ou à venir, de celle qui se
 * termine la première à la dernière, avec l'organisme et ses coordonnées, la formation (son
 * identifiant et l'adresse de sa fiche), les métiers visés, le lieu, la distance, les dates, où en
 * est la session et l'état des inscriptions.
 */
import { toCsv, type CsvColumn } from '../offer-stats/csv';
import { detailPath } from '../lib/links';
import { SESSION_PROGRESS_WORDS } from '../lib/french';
import { sessionsByEnd, type EmployerResult, type EmployerSessionRow, type OrganismeGroup } from './employer';

export type EmployerCsvRow = EmployerSessionRow;

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

/** `origin` : l'adresse publique du site (« https://… »), pour des liens de fiche qu'on peut ouvrir depuis le tableur. */
export function employerCsvColumns(metierLabel: (code: string) => string, origin: string): CsvColumn<EmployerCsvRow>[] {
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
    { header: 'Session', value: (r) => SESSION_PROGRESS_WORDS[r.session.progress] },
    { header: 'Inscriptions', value: (r) => (r.session.open ? 'ouvertes' : 'fermées') },
    { header: 'Identifiant de l’action', value: (r) => r.session.actionId ?? r.training.actionId },
    // L'action de la session : sa fiche est celle de la carte, à l'ancre de cette action (redirection).
    { header: 'Fiche de la formation', value: (r) => `${origin}${detailPath(r.session.actionId ?? r.training.actionId, r.training.title)}` },
  ];
}

/** Les lignes, par date de fin (voir `sessionsByEnd`). */
export function employerCsvRows(result: Pick<EmployerResult, 'organismes'>): EmployerCsvRow[] {
  return sessionsByEnd(result.organismes);
}

export function employerCsv(result: Pick<EmployerResult, 'organismes'>, metierLabel: (code: string) => string, origin: string): string {
  return toCsv(employerCsvRows(result), employerCsvColumns(metierLabel, origin));
}
