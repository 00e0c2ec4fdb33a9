/** GET /api/openapi.json : le document OpenAPI 3.1, généré des schémas zod de l'API (voir src/http/openapi.ts). */
import type { APIRoute } from 'astro';
import { guard, json } from '../../http/http';
import { buildOpenApiDocument } from '../../http/openapi';

export const prerender = false;

export const GET: APIRoute = ({ locals }) => guard('GET /api/openapi.json', () => json(buildOpenApiDocument(locals.app.api.formationsParams)));
