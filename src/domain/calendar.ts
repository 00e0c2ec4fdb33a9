/**
 * Le jour civil, tel qu'on le vit dans la région : une date AAAA-MM-JJ à l'heure de Paris
 * (jamais en UTC : entre minuit et 1 h ou 2 h du matin, l'UTC dit encore « hier »).
 * Fonctions pures : l'instant est toujours donné (l'horloge vient de `src/clock.ts`).
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Le jour (AAAA-MM-JJ) qu'il est à Paris à l'instant `instant`. */
export function dateInParis(instant: Date): string {
  return parisDay.format(instant);
}

/** Vrai pour une date AAAA-MM-JJ qui existe au calendrier (« 2027-02-30 » est refusée). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * La date AAAA-MM-JJ `months` mois plus tard (ou plus tôt, si négatif) ; le jour est ramené au
 * dernier jour du mois si besoin (31 janvier + 1 mois → 28 ou 29 février). Sans fuseau horaire.
 */
export function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}
