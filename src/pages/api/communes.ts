/** GET /api/communes?q= : autocomplétion des communes (voir src/http/communes.ts). */
import type { APIRoute } from 'astro';
import { searchCommunes } from '../../http/communes';
import { guard, invalidParams, json } from '../../http/http';
import { parseAutocompleteParams } from '../../http/params';
import { getApiServices, preloadApi } from '../../http/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ url }) =>
  guard('GET /api/communes', () => {
    const parsed = parseAutocompleteParams(url.searchParams);
    return parsed.ok ? json(searchCommunes(getApiServices().geo, parsed.q)) : invalidParams(parsed.champs);
  });
