/** Calcul de dates en jours calendaires (UTC), sur des chaînes ISO AAAA-MM-JJ. */

export { isIsoDate } from '../domain/calendar';

const DAY_MS = 86_400_000;

/** Date ISO AAAA-MM-JJ (supposée valide : vérifier les entrées avec isIsoDate) → Date UTC à minuit. */
export function toDate(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

export function toIso(d: Date): string {
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

export function addDays(iso: string, days: number): string {
  return toIso(new Date(toDate(iso).getTime() + days * DAY_MS));
}

/** Ajouter des mois : la règle du calendrier du domaine (jour ramené au dernier jour du mois si besoin). */
export { addMonths } from '../domain/calendar';

/** 0 = dimanche … 6 = samedi. */
export function weekday(iso: string): number {
  return toDate(iso).getUTCDay();
}

/** Le lundi le plus proche à partir de cette date (la date elle-même si c'est un lundi). */
export function nextMonday(iso: string): string {
  return addDays(iso, (8 - weekday(iso)) % 7);
}

/** Date ISO → format LHEO AAAAMMJJ. */
export function lheoDate(iso: string): string {
  return iso.replaceAll('-', '');
}
