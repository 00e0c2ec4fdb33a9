/** GET /api/metiers?q= : autocomplétion des métiers, libellés et appellations (voir src/http/metiers.ts). */
import type { APIRoute } from 'astro';
import { guard, invalidParams, json } from '../../http/http';
import { parseAutocompleteParams } from '../../http/params';

export const prerender = false;

export const GET: APIRoute = ({ url, locals }) =>
  guard('GET /api/metiers', () => {
    const parsed = parseAutocompleteParams(url.searchParams);
    return parsed.ok ? json(locals.app.api.metiers.search(parsed.q)) : invalidParams(parsed.champs);
  });
