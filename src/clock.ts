/**
 * L'horloge du produit : le seul endroit qui lit l'heure du système. Les règles reçoivent un
 * instant (ou le jour qui en découle, `dateInParis`) ; les entrées (serveur, commandes, tests)
 * choisissent l'horloge :
 *   - `systemClock` : l'heure du système (par défaut) ;
 *   - `shiftedClock(date)` : l'heure du système décalée d'un nombre entier de jours, pour qu'« aujourd'hui
 *     à Paris » soit `date`. Elle avance comme l'autre : délais, relances et expirations marchent.
 *     C'est l'horloge du serveur quand `REFERENCE_DATE` est défini (données construites pour ce jour-là) ;
 *   - `fixedClock(instant)` : un instant qui ne bouge pas (tests).
 */
import { dateInParis, isIsoDate } from './domain/calendar';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ReferenceDateError extends Error {}

/** Un instant qui ne bouge jamais. */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant).getTime();
  if (Number.isNaN(at)) throw new ReferenceDateError(`Instant invalide : « ${String(instant)} ».`);
  return { now: () => new Date(at) };
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const dayNumber = (isoDate: string) => Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;

function assertReferenceDate(value: string, name: string): void {
  if (!isIsoDate(value)) throw new ReferenceDateError(`${name} doit être une date AAAA-MM-JJ qui existe (reçu « ${value} »).`);
}

/**
 * `base` décalée d'un nombre entier de jours (à l'heure près, au changement d'heure) : au moment de
 * sa création, « aujourd'hui à Paris » selon cette horloge est `referenceDate`. Le décalage est
 * fixé une fois : l'horloge continue d'avancer (à minuit, on passe au lendemain de `referenceDate`).
 */
export function shiftedClock(referenceDate: string, base: Clock = systemClock): Clock {
  assertReferenceDate(referenceDate, 'La date de référence');
  const start = base.now().getTime();
  const days = dayNumber(referenceDate) - dayNumber(dateInParis(new Date(start)));
  let shift = days * DAY_MS;
  // Entre heure d'hiver et heure d'été, un jour entier de plus peut tomber une heure trop tôt ou trop tard.
  for (const nudge of [0, -HOUR_MS, HOUR_MS, -2 * HOUR_MS, 2 * HOUR_MS]) {
    if (dateInParis(new Date(start + shift + nudge)) === referenceDate) {
      shift += nudge;
      break;
    }
  }
  return { now: () => new Date(base.now().getTime() + shift) };
}

/** L'horloge que demande l'environnement : décalée sur `REFERENCE_DATE` s'il est défini, sinon `base`. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env, base: Clock = systemClock): Clock {
  const reference = env.REFERENCE_DATE?.trim();
  if (!reference) return base;
  assertReferenceDate(reference, 'REFERENCE_DATE');
  return shiftedClock(reference, base);
}

/**
 * La date de référence d'une commande (construction des données, index) : celle donnée en option,
 * sinon `REFERENCE_DATE`, sinon aujourd'hui à Paris. Une date invalide lève `ReferenceDateError`.
 */
export function resolveReferenceDate(given: string | undefined, env: NodeJS.ProcessEnv = process.env, base: Clock = systemClock): string {
  if (given !== undefined) {
    assertReferenceDate(given, 'La date de référence');
    return given;
  }
  return dateInParis(clockFromEnv(env, base).now());
}

let processClock: Clock | null = null;

/** L'horloge de ce processus (serveur) : `clockFromEnv()` lue une fois. */
export function appClock(): Clock {
  processClock ??= clockFromEnv();
  return processClock;
}
