/**
 * Dates, distances et sessions écrites en français pour les pages (fonctions pures).
 */

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 2027-01-04 → « 4 janvier 2027 » ; le premier du mois s'écrit « 1er ». */
export function frenchLongDate(iso: string): string {
  return longDate.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');
}

/** « du 4 janvier 2027 au 17 décembre 2027 », « à partir du 4 janvier 2027 », « entrée à tout moment ». */
export function sessionDates(session: { start: string | null; end: string | null }): string {
  const { start, end } = session;
  if (start && end) return `du ${frenchLongDate(start)} au ${frenchLongDate(end)}`;
  if (start) return `à partir du ${frenchLongDate(start)}`;
  if (end) return `entrée à tout moment, jusqu’au ${frenchLongDate(end)}`;
  return 'entrée à tout moment';
}

/** 21.14 → « 21,1 km ». */
export function frenchKm(km: number): string {
  return `${km.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0km`;
}

/** « 1 session », « 3 sessions », « 1 250 formations » (espace insécable). */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')}\u00a0${n >= 2 ? many : one}`;
}
