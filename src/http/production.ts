/**
 * Le seul interrupteur de production : NODE_ENV=production (README, « Mise en production »).
 * Au démarrage en production, le serveur refuse de démarrer — en français, en listant TOUT ce qui
 * manque d'un coup — sans clé des liens signés, sans adresse publique ou sans envoi d'e-mails :
 * mêmes règles que src/contact/config.ts, vérifiées avant d'ouvrir le port (scripts/serve.mjs).
 *
 * Sans dépendance relative : chargé tel quel par Node (scripts/serve.mjs) et par vitest.
 */

export const MIN_SECRET_LENGTH = 32;

export function isProduction(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** L'adresse publique donnée (nom de la variable et valeur) : CONTACT_PUBLIC_URL, sinon SITE_URL ; null sinon. */
export function givenPublicUrl(env: Record<string, string | undefined>): [name: string, value: string] | null {
  if (env.CONTACT_PUBLIC_URL?.trim()) return ['CONTACT_PUBLIC_URL', env.CONTACT_PUBLIC_URL];
  if (env.SITE_URL?.trim()) return ['SITE_URL', env.SITE_URL];
  return null;
}

/** Une adresse publique acceptable : http(s), sans requête, fragment ni identifiant ; null sinon. */
export function parsePublicUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) return null;
  return url;
}

export function invalidPublicUrlMessage(name: string, value: string): string {
  return `${name} n’est pas une adresse web valide : « ${value.trim().slice(0, 100)} » (exemple : https://versmonmetier.example.org).`;
}

/** Ce qui empêche de démarrer en production (liste vide : tout va bien, ou pas en production). */
export function productionProblems(env: Record<string, string | undefined> = process.env): string[] {
  if (!isProduction(env)) return [];
  const problems: string[] = [];
  const secret = env.CONTACT_SECRET?.trim() ?? '';
  if (!secret) problems.push(`CONTACT_SECRET manque : la clé des liens signés des e-mails (${MIN_SECRET_LENGTH} caractères au moins, aléatoires ; par exemple « openssl rand -base64 48 »).`);
  else if (secret.length < MIN_SECRET_LENGTH) problems.push(`CONTACT_SECRET est trop courte : ${MIN_SECRET_LENGTH} caractères au moins.`);
  const publicUrl = givenPublicUrl(env);
  if (!publicUrl) {
    problems.push('CONTACT_PUBLIC_URL (ou SITE_URL) manque : l’adresse publique du site, mise dans les liens des e-mails (exemple : https://versmonmetier.example.org).');
  } else if (!parsePublicUrl(publicUrl[1])) {
    problems.push(invalidPublicUrlMessage(...publicUrl));
  }
  if (!env.SMTP_HOST?.trim()) problems.push('SMTP_HOST manque : en production les e-mails partent par un serveur SMTP (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, MAIL_FROM), jamais dans un dossier local.');
  return problems;
}

/** Le message d'un démarrage refusé. */
export function productionRefusal(problems: readonly string[]): string {
  return [`Démarrage refusé : NODE_ENV=production, mais ${problems.length === 1 ? 'un réglage manque' : `${problems.length} réglages manquent`} :`, ...problems.map((p) => `  - ${p}`)].join('\n');
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopbackAddress(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || plain.startsWith('127.');
}

/** Le nom d'hôte d'un en-tête Host (« localhost:4321 » → « localhost », « [::1]:80 » → « [::1] »). */
function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * Les pages de développement (/dev/mails : les e-mails et leurs liens magiques) ne répondent
 * qu'hors production, à un client de la boucle locale, appelé par un nom local (un site tiers
 * qui ferait pointer son nom vers 127.0.0.1 n'y lit rien).
 */
export function devPagesOpen(clientAddress: string | undefined, hostHeader: string | null, env: Record<string, string | undefined> = process.env): boolean {
  if (isProduction(env)) return false;
  if (!clientAddress || !isLoopbackAddress(clientAddress)) return false;
  const name = hostName(hostHeader ?? '');
  return LOOPBACK_NAMES.has(name) || name.startsWith('127.');
}
