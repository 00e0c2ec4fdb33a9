/**
 * Démarre le serveur construit (`dist/server/entry.mjs`, adaptateur Node d'Astro) PUIS charge
 * tout de suite les données de l'API et l'index de recherche (appel de /api/sante), pour que la
 * première personne qui cherche n'attende pas ce chargement. L'index n'est jamais reconstruit
 * par le serveur : il est lu tel que la construction des données l'a écrit.
 *
 * Devant l'adaptateur, la couche HTTP du site (src/http/front.ts) : en-têtes de sécurité de toute
 * réponse, 405 et 400 (adresse mal encodée) en français, fichiers précompressés et compression.
 * En production (NODE_ENV=production), il refuse de démarrer sans CONTACT_SECRET, adresse
 * publique ou SMTP (src/http/production.ts).
 *
 * Variables : PORT (4321), HOST (localhost), TRUST_PROXY (mandataires de confiance, voir
 * src/http/client-address.ts) et celles du moteur (voir src/http/engine.ts).
 * Sortie en erreur (code 1) si le service n'est pas prêt : index absent ou illisible, par exemple.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createFrontHandler } from '../src/http/front.ts';
import { productionProblems, productionRefusal } from '../src/http/production.ts';
import { parseTrustProxy } from '../src/http/client-address.ts';

const problems = productionProblems(process.env);
if (problems.length > 0) {
  console.error(productionRefusal(problems));
  process.exit(1);
}
const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
if (!trustProxy.ok) {
  console.error(`Démarrage refusé : ${trustProxy.message}`);
  process.exit(1);
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer } = await import('../dist/server/entry.mjs');
const { server } = startServer();
installFront(server.server);
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

/** Place la couche HTTP du site (src/http/front.ts) devant l'adaptateur. */
function installFront(httpServer) {
  const listeners = httpServer.listeners('request');
  httpServer.removeAllListeners('request');
  const adapter = (req, res) => {
    for (const listener of listeners) listener.call(httpServer, req, res);
  };
  httpServer.on(
    'request',
    createFrontHandler(adapter, {
      clientDir: fileURLToPath(new URL('../dist/client/', import.meta.url)),
      headersFile: fileURLToPath(new URL('../dist/_headers.json', import.meta.url)),
      trustProxy: trustProxy.trust,
    }),
  );
}
