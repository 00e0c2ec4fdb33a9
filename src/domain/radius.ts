/**
 * Les rayons de recherche autour d'un lieu, en km : les paliers proposés partout (recherche,
 * carte, « recruter », « rencontrer un pro ») sont aussi ceux de l'élargissement automatique, et
 * le rayon par défaut est le même partout. Sans dépendance : ce module part aussi dans le navigateur.
 */
export const RADIUS_STEPS = [10, 20, 30, 50, 100] as const;
export type RadiusStep = (typeof RADIUS_STEPS)[number];

/** Le rayon par défaut autour d'un lieu. */
export const DEFAULT_RADIUS_KM = 30;

/** Vrai si `km` est l'un des paliers proposés. */
export function isRadiusStep(km: number): km is RadiusStep {
  return (RADIUS_STEPS as readonly number[]).includes(km);
}

/** Les rayons à essayer après `requestedKm` : les paliers au-dessus, jusqu'au dernier. */
export function widerRadii(requestedKm: number): number[] {
  return RADIUS_STEPS.filter((r) => r > requestedKm);
}
