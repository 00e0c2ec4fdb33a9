/**
 * L'adresse du visiteur, sur laquelle portent les limites de débit.
 *
 * Sans mandataire (par défaut), c'est l'adresse de la connexion. Derrière un mandataire inverse
 * (nginx, Caddy, un répartiteur de charge), toutes les connexions viennent du mandataire : le
 * réglage `TRUST_PROXY` dit à qui faire confiance pour l'en-tête `X-Forwarded-For`
 * (bibliothèque `proxy-addr`, celle d'Express) :
 * - absent, vide, `0` ou `false` : on ne croit aucun en-tête (sûr par défaut) ;
 * - un nombre N (1 à 10) : les N derniers intermédiaires sont des mandataires de confiance ;
 * - une liste d'adresses ou de réseaux (`127.0.0.1, 10.0.0.0/8`, ou les mots `loopback`,
 *   `linklocal`, `uniquelocal`) : on croit l'en-tête seulement quand il vient d'eux.
 *
 * La couche HTTP (src/http/front.ts) calcule l'adresse une fois et la transmet aux pages dans
 * l'en-tête interne `x-vmm-client-address`, après avoir effacé celui qu'un visiteur aurait envoyé.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export const CLIENT_ADDRESS_HEADER = 'x-vmm-client-address';

export type TrustProxy = (address: string, hop: number) => boolean;

const MAX_SETTING_LENGTH = 500;
const MAX_HOPS = 10;

export type TrustProxyParse = { ok: true; trust: TrustProxy; description: string } | { ok: false; message: string };

const trustNobody: TrustProxy = () => false;

/** Lit `TRUST_PROXY` ; une valeur illisible est refusée avec un message en français. */
export function parseTrustProxy(raw: string | undefined): TrustProxyParse {
  const value = (raw ?? '').trim();
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return { ok: true, trust: trustNobody, description: 'aucun mandataire' };
  if (value.length > MAX_SETTING_LENGTH) return { ok: false, message: `TRUST_PROXY est trop long (${MAX_SETTING_LENGTH} caractères au plus).` };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS) return { ok: false, message: `TRUST_PROXY : ${hops} mandataires, c'est trop (${MAX_HOPS} au plus).` };
    return { ok: true, trust: (_address, hop) => hop < hops, description: `${hops} mandataire${hops > 1 ? 's' : ''}` };
  }
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  try {
    return { ok: true, trust: proxyaddr.compile(entries), description: `mandataires : ${entries.join(', ')}` };
  } catch {
    return {
      ok: false,
      message: `TRUST_PROXY illisible : « ${value.slice(0, 80)} ». Indiquez un nombre de mandataires (ex. 1) ou des adresses et réseaux séparés par des virgules (ex. 127.0.0.1, 10.0.0.0/8).`,
    };
  }
}

/** L'adresse du visiteur pour cette requête, selon la confiance accordée aux mandataires. */
export function clientAddressOf(req: IncomingMessage, trust: TrustProxy): string {
  if (!req.socket?.remoteAddress) return 'inconnue';
  return proxyaddr(req, trust);
}

/** La requête vient-elle d'un mandataire de confiance (pour croire `X-Forwarded-Proto`) ? */
export function fromTrustedProxy(req: IncomingMessage, trust: TrustProxy): boolean {
  const peer = req.socket?.remoteAddress;
  return peer !== undefined && trust(peer, 0);
}

/**
 * L'adresse du visiteur vue d'une page : celle que la couche HTTP a calculée, sinon (serveur de
 * développement d'Astro, sans la couche HTTP) l'adresse de la connexion.
 */
export function visitorAddress(context: { request: Request; clientAddress: string }): string {
  return context.request.headers.get(CLIENT_ADDRESS_HEADER) ?? context.clientAddress;
}
