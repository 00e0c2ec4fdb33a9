/** GET /api/metiers?q= : autocomplétion des métiers, libellés et appellations (voir src/http/metiers.ts). */
import type { APIRoute } from 'astro';
import { guard, invalidParams, json } from '../../http/http';
import { parseAutocompleteParams } from '../../http/params';
import { getApiServices, preloadApi } from '../../http/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ url }) =>
  guard('GET /api/metiers', () => {
    const parsed = parseAutocompleteParams(url.searchParams);
    return parsed.ok ? json(getApiServices().metiers.search(parsed.q)) : invalidParams(parsed.champs);
  });
