/** GET /api/formations/{id} : une formation (action) en détail (voir src/http/formation-detail.ts). */
import type { APIRoute } from 'astro';
import { guard, json, notFound } from '../../../http/http';

export const prerender = false;

export const GET: APIRoute = ({ params, locals }) =>
  guard('GET /api/formations/{id}', () => {
    const detail = params.id === undefined ? undefined : locals.app.api.details.get(params.id);
    return detail ? json(detail) : notFound('Formation introuvable');
  });
