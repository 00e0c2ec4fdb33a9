import { describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER, clientAddressOf, parseTrustProxy, visitorAddress } from '../../../src/http/client-address';
import { createFrontHandler } from '../../../src/http/front';

function req(peer: string, forwardedFor?: string, extra: Record<string, string> = {}): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: { ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}), ...extra },
  } as unknown as IncomingMessage;
}

function trust(raw: string | undefined) {
  const parsed = parseTrustProxy(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.trust;
}

describe('TRUST_PROXY', () => {
  it('par défaut, aucun en-tête n’est cru : l’adresse de la connexion', () => {
    for (const raw of [undefined, '', '0', 'false']) {
      expect(clientAddressOf(req('10.0.0.5', '203.0.113.9'), trust(raw))).toBe('10.0.0.5');
    }
  });

  it('un nombre de mandataires : l’adresse à ce rang depuis la droite, pas celle que le visiteur écrit', () => {
    // Le visiteur 198.51.100.7 écrit une fausse adresse ; nginx ajoute la vraie à droite.
    const chain = '192.0.2.66, 198.51.100.7';
    expect(clientAddressOf(req('127.0.0.1', chain), trust('1'))).toBe('198.51.100.7');
    expect(clientAddressOf(req('127.0.0.1', '192.0.2.66, 198.51.100.7, 10.0.0.2'), trust('2'))).toBe('198.51.100.7');
  });

  it('une liste d’adresses : l’en-tête n’est cru que s’il vient d’elles', () => {
    const t = trust('loopback, 10.0.0.0/8');
    expect(clientAddressOf(req('127.0.0.1', '198.51.100.7'), t)).toBe('198.51.100.7');
    expect(clientAddressOf(req('10.1.2.3', '198.51.100.7'), t)).toBe('198.51.100.7');
    // Un visiteur direct qui envoie l'en-tête n'est pas cru.
    expect(clientAddressOf(req('203.0.113.50', '198.51.100.7'), t)).toBe('203.0.113.50');
  });

  it('refuse en français une valeur illisible ou démesurée', () => {
    for (const raw of ['pas-une-adresse', '1.2.3.4/99', '999', 'x'.repeat(600)]) {
      const parsed = parseTrustProxy(raw);
      expect(parsed.ok, raw.slice(0, 20)).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/TRUST_PROXY/);
    }
  });
});

describe('la couche HTTP transmet l’adresse du visiteur aux pages', () => {
  function run(incoming: IncomingMessage, raw: string | undefined): string | undefined {
    let seen: string | undefined;
    const handler = createFrontHandler(
      (r) => {
        seen = r.headers[CLIENT_ADDRESS_HEADER] as string | undefined;
      },
      { clientDir: '/nonexistent-vmm-client-dir', headersFile: null, trustProxy: trust(raw) },
    );
    const headers = new Map<string, unknown>();
    const res = {
      getHeader: (n: string) => headers.get(n.toLowerCase()),
      setHeader: (n: string, v: unknown) => headers.set(n.toLowerCase(), v),
      removeHeader: (n: string) => headers.delete(n.toLowerCase()),
      writeHead: () => res,
      on: () => res,
      once: () => res,
      write: () => true,
      end: () => undefined,
    } as unknown as ServerResponse;
    Object.assign(incoming, { url: '/rencontrer-un-pro/', method: 'GET' });
    handler(incoming, res);
    return seen;
  }

  it('efface l’en-tête interne envoyé par un visiteur', () => {
    expect(run(req('203.0.113.50', undefined, { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' }), undefined)).toBe('203.0.113.50');
  });

  it('derrière un mandataire de confiance, l’adresse réelle', () => {
    expect(run(req('127.0.0.1', '198.51.100.7'), '1')).toBe('198.51.100.7');
  });

  it('une page lit cette adresse, sinon celle de la connexion', () => {
    const request = new Request('http://localhost/', { headers: { [CLIENT_ADDRESS_HEADER]: '198.51.100.7' } });
    expect(visitorAddress({ request, clientAddress: '127.0.0.1' })).toBe('198.51.100.7');
    expect(visitorAddress({ request: new Request('http://localhost/'), clientAddress: '127.0.0.1' })).toBe('127.0.0.1');
  });
});
