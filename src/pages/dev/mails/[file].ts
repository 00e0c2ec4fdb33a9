/** Développement seulement : le contenu brut d'un e-mail du dossier local. 404 en production. */
import type { APIRoute } from 'astro';
import { readContactConfig } from '../../../contact/config';
import { readMailFile } from '../../../contact/mail-folder';

export const prerender = false;

export const GET: APIRoute = ({ params }) => {
  let config;
  try {
    config = readContactConfig();
  } catch {
    config = null;
  }
  const text = config && !config.production && !config.smtp ? readMailFile(config.mailDir, params.file ?? '') : null;
  return text === null
    ? new Response('E-mail introuvable', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    : new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
};
