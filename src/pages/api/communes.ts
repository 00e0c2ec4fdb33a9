/** GET /api/communes?q= : autocomplétion des communes (voir src/api/communes.ts). */
import type { APIRoute } from 'astro';
import { searchCommunes } from '../../api/communes';
import { guard, invalidParams, json } from '../../api/http';
import { parseAutocompleteParams } from '../../api/params';
import { getApiServices, preloadApi } from '../../api/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ url }) =>
  guard('GET /api/communes', () => {
    const parsed = parseAutocompleteParams(url.searchParams);
    return parsed.ok ? json(searchCommunes(getApiServices().geo, parsed.q)) : invalidParams(parsed.champs);
  });
