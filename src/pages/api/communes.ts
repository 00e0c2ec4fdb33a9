/** GET /api/communes?q= : autocomplétion des communes (voir src/http/communes.ts). */
import type { APIRoute } from 'astro';
import { searchCommunes } from '../../http/communes';
import { guard, invalidParams, json } from '../../http/http';
import { parseAutocompleteParams } from '../../http/params';

export const prerender = false;

export const GET: APIRoute = ({ url, locals }) =>
  guard('GET /api/communes', () => {
    const parsed = parseAutocompleteParams(url.searchParams);
    return parsed.ok ? json(searchCommunes(locals.app.api.geo, parsed.q)) : invalidParams(parsed.champs);
  });
