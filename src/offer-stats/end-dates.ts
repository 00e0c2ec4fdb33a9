/**
 * Quand les futurs stagiaires seront-ils disponibles ? Les fins de session regroupées par période,
 * à partir d'aujourd'hui : « 3 sessions se terminent d'ici fin février 2027 ».
 *
 * Périodes (mois calendaires, le mois en cours compris dans la première) :
 *   1. d'ici la fin du 3e mois (le mois en cours et les deux suivants) ;
 *   2. les 3 mois suivants ;  3. les 6 mois suivants ;  4. plus tard ;
 *   5. date de fin non communiquée.
 * Les sessions déjà terminées (fin avant aujourd'hui) ne sont pas comptées. Fonctions pures, sur des
 * dates AAAA-MM-JJ (aucun fuseau horaire en jeu).
 */

export const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

export type EndPeriod = 'soon' | 'next' | 'later-this-year' | 'later' | 'unknown';

export interface EndDateGroup {
  period: EndPeriod;
  /** « d'ici fin février 2027 », « de mars à mai 2027 », « après novembre 2027 »… */
  label: string;
  /** Premier et dernier mois de la période (AAAA-MM), null pour « plus tard » (sans fin) et « non communiquée ». */
  fromMonth: string | null;
  toMonth: string | null;
  count: number;
}

export interface EndDateSummary {
  /** Les périodes dans l'ordre, vides comprises (pour un tableau stable). */
  groups: EndDateGroup[];
  /** Sessions comptées (terminées exclues). */
  total: number;
}

/** Mois AAAA-MM décalé de `delta` mois. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** « février 2027 ». */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${FRENCH_MONTHS[m - 1]} ${y}`;
}

/** « de mars à mai 2027 », « de novembre 2027 à janvier 2028 ». */
function rangeLabel(from: string, to: string): string {
  const [fromYear] = from.split('-');
  const [toYear] = to.split('-');
  const fromText = fromYear === toYear ? (FRENCH_MONTHS[Number(from.slice(5)) - 1] as string) : monthLabel(from);
  const de = /^[aeiouéèêâîôûh]/i.test(fromText) ? 'd’' : 'de ';
  return `${de}${fromText} à ${monthLabel(to)}`;
}

function assertIsoDate(value: string, name: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`${name} invalide : « ${value} » (AAAA-MM-JJ attendu).`);
}

/** Regroupe des dates de fin (AAAA-MM-JJ, ou null si non communiquée) par période à partir de `today`. */
export function groupSessionEnds(ends: readonly (string | null)[], today: string): EndDateSummary {
  assertIsoDate(today, 'Date du jour');
  const current = today.slice(0, 7);
  const soonEnd = addMonths(current, 2);
  const nextStart = addMonths(current, 3);
  const nextEnd = addMonths(current, 5);
  const laterStart = addMonths(current, 6);
  const laterEnd = addMonths(current, 11);
  const groups: EndDateGroup[] = [
    { period: 'soon', label: `d’ici fin ${monthLabel(soonEnd)}`, fromMonth: current, toMonth: soonEnd, count: 0 },
    { period: 'next', label: rangeLabel(nextStart, nextEnd), fromMonth: nextStart, toMonth: nextEnd, count: 0 },
    { period: 'later-this-year', label: rangeLabel(laterStart, laterEnd), fromMonth: laterStart, toMonth: laterEnd, count: 0 },
    { period: 'later', label: `après ${monthLabel(laterEnd)}`, fromMonth: addMonths(current, 12), toMonth: null, count: 0 },
    { period: 'unknown', label: 'date de fin non communiquée', fromMonth: null, toMonth: null, count: 0 },
  ];
  const [soon, next, laterThisYear, later, unknown] = groups as [EndDateGroup, EndDateGroup, EndDateGroup, EndDateGroup, EndDateGroup];
  let total = 0;
  for (const end of ends) {
    if (end === null) {
      unknown.count += 1;
      total += 1;
      continue;
    }
    assertIsoDate(end, 'Date de fin');
    if (end < today) continue;
    const month = end.slice(0, 7);
    const group = month <= soonEnd ? soon : month <= nextEnd ? next : month <= laterEnd ? laterThisYear : later;
    group.count += 1;
    total += 1;
  }
  return { groups, total };
}

/** « 3 sessions se terminent d’ici fin février 2027 », « 1 session se termine après novembre 2027 ». */
export function endGroupSentence(group: EndDateGroup): string {
  const n = group.count.toLocaleString('fr-FR');
  if (group.period === 'unknown') return group.count > 1 ? `${n} sessions sans date de fin communiquée` : `${n} session sans date de fin communiquée`;
  return group.count > 1 ? `${n} sessions se terminent ${group.label}` : `${n} session se termine ${group.label}`;
}
