/**
 * Règles pures de la carte (aucune dépendance : ce module part dans le JavaScript du navigateur).
 */

/** Les rayons proposés et le rayon par défaut : ceux de src/domain/radius.ts (paliers de l'élargissement). */
export { RADIUS_STEPS as RADIUS_CHOICES, DEFAULT_RADIUS_KM as DEFAULT_RADIUS } from '../../domain/radius';
import { RADIUS_STEPS as RADIUS_CHOICES } from '../../domain/radius';

/** Un lieu à montrer sur la carte. */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** Nom accessible du point (ex. « Aide-soignant — IFSO, Cholet »). */
  label: string;
  /** Page ouverte par le point. */
  href: string;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** [ouest, sud, est, nord] */
export type Bounds = [number, number, number, number];

/** Rectangle englobant des points (et du point de départ), ou null s'il n'y a rien. */
export function boundsOf(points: readonly LatLon[]): Bounds | null {
  if (points.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    w = Math.min(w, p.lon);
    e = Math.max(e, p.lon);
    s = Math.min(s, p.lat);
    n = Math.max(n, p.lat);
  }
  return [w, s, e, n];
}

/**
 * « Rechercher dans cette zone » : le plus grand rayon proposé qui tient dans la vue
 * (distance du centre au bord le plus proche), au moins le plus petit.
 */
export function radiusForView(centerToEdgeKm: number): number {
  const fitting = RADIUS_CHOICES.filter((r) => r <= centerToEdgeKm);
  return fitting.at(-1) ?? RADIUS_CHOICES[0];
}

/** Emprise des Pays de la Loire (vue par défaut sans résultat). */
export const PDL_BOUNDS: Bounds = [-2.6, 46.25, 0.95, 48.6];
