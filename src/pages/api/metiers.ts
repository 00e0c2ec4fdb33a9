/** GET /api/metiers?q= : autocomplétion des métiers, libellés et appellations (voir src/api/metiers.ts). */
import type { APIRoute } from 'astro';
import { guard, invalidParams, json } from '../../api/http';
import { parseAutocompleteParams } from '../../api/params';
import { getApiServices, preloadApi } from '../../api/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ url }) =>
  guard('GET /api/metiers', () => {
    const parsed = parseAutocompleteParams(url.searchParams);
    return parsed.ok ? json(getApiServices().metiers.search(parsed.q)) : invalidParams(parsed.champs);
  });
