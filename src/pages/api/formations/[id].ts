/** GET /api/formations/{id} : une formation (action) en détail (voir src/api/formation-detail.ts). */
import type { APIRoute } from 'astro';
import { guard, json, notFound } from '../../../api/http';
import { getApiServices, preloadApi } from '../../../api/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ params }) =>
  guard('GET /api/formations/{id}', () => {
    const detail = params.id === undefined ? undefined : getApiServices().details.get(params.id);
    return detail ? json(detail) : notFound('Formation introuvable');
  });
