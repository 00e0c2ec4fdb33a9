/**
 * Démarre le serveur construit (`dist/server/entry.mjs`, adaptateur Node d'Astro) PUIS charge
 * tout de suite les données de l'API et l'index de recherche (appel de /api/sante), pour que la
 * première personne qui cherche n'attende pas ce chargement. L'index n'est jamais reconstruit
 * par le serveur : il est lu tel que la construction des données l'a écrit.
 *
 * Il répond aussi en français (400) à une adresse mal encodée (« %E0%A4 », « % » seul), que
 * l'adaptateur refuse sinon d'un « Bad request. » en anglais.
 *
 * Variables : PORT (4321), HOST (localhost), et celles du moteur (voir src/http/engine.ts).
 * Sortie en erreur (code 1) si le service n'est pas prêt : index absent ou illisible, par exemple.
 */
import { once } from 'node:events';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer } = await import('../dist/server/entry.mjs');
const { server } = startServer();
refuseMalformedUrls(server.server);
if (!server.server.listening) await once(server.server, 'listening');
const { address, family, port } = server.server.address();
// Le port réellement ouvert (PORT=0 en ouvre un libre) : les liens des e-mails le prennent sans
// CONTACT_PUBLIC_URL ni SITE_URL (src/contact/config.ts). Posé avant toute requête.
process.env.SERVER_LISTEN_PORT = String(port);
// Adresse « toutes interfaces » : on s'appelle soi-même par la boucle locale.
const local = address === '::' || address === '0.0.0.0' ? '127.0.0.1' : family === 'IPv6' ? `[${address}]` : address;
const started = performance.now();
const response = await fetch(`http://${local}:${port}/api/sante`).catch((error) => error);
if (!(response instanceof Response) || !response.ok) {
  const detail = response instanceof Response ? (await response.json().catch(() => null))?.erreur : null;
  if (detail) console.error(detail);
  console.error('Le service n’est pas prêt : données ou index de recherche illisibles (voir les messages ci-dessus). Lancez « npm run data:build ».');
  process.exit(1);
}
const { moteur, contact } = await response.json();
console.info(`Index de recherche « ${moteur} » chargé en ${((performance.now() - started) / 1000).toFixed(1)} s ; Rencontrer un pro : ${contact}. Le service est prêt.`);

/** Place devant l'adaptateur un contrôle de l'encodage de l'adresse, avec une réponse en français. */
function refuseMalformedUrls(httpServer) {
  const listeners = httpServer.listeners('request');
  httpServer.removeAllListeners('request');
  httpServer.on('request', (req, res) => {
    try {
      decodeURI(req.url ?? '/');
    } catch {
      const message = 'Adresse mal formée : un caractère est mal encodé (un « % » doit être suivi de deux chiffres hexadécimaux).';
      const api = (req.url ?? '').startsWith('/api/');
      res.writeHead(400, { 'content-type': api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        api
          ? JSON.stringify({ erreur: message, champs: {} })
          : `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Adresse mal formée | versmonmétier</title><main><h1>Adresse mal formée</h1><p>${message}</p><p><a href="/">Retour à l’accueil</a></p></main></html>`,
      );
      return;
    }
    for (const listener of listeners) listener.call(httpServer, req, res);
  });
}
