/**
 * GET /api/communes/proche?lat=&lon= : « Me localiser » — la commune de la région la plus proche.
 * La page n'envoie que des coordonnées arrondies (2 décimales) et ne garde que la commune : aucune
 * adresse du site ne porte de position brute.
 */
import type { APIRoute } from 'astro';
import { communeNear, OUTSIDE_REGION_MESSAGE } from '../../../http/communes';
import { guard, invalidParams, json } from '../../../http/http';
import { parseNearParams } from '../../../http/params';

export const prerender = false;

export const GET: APIRoute = ({ url, locals }) =>
  guard('GET /api/communes/proche', () => {
    const parsed = parseNearParams(url.searchParams);
    if (!parsed.ok) return invalidParams(parsed.champs);
    const commune = communeNear(locals.app.api.geo, parsed);
    if (!commune) return json({ erreur: OUTSIDE_REGION_MESSAGE }, 404);
    const response = json(commune);
    // Une position, même arrondie : gardée par aucun cache.
    response.headers.set('cache-control', 'no-store');
    return response;
  });
