/**
 * L'adresse des liens des e-mails : CONTACT_PUBLIC_URL, sinon SITE_URL, sinon l'adresse où le
 * serveur écoute (HOST et le port réellement ouvert) ; en production, l'absence est une erreur.
 */
import { describe, expect, it } from 'vitest';
import { ContactConfigError, listenUrl, readContactConfig, resolvePublicUrl } from '../../../src/contact/config';

const PROD = { NODE_ENV: 'production', CONTACT_SECRET: 'x'.repeat(40), SMTP_HOST: 'smtp.example.org' };

describe('adresse publique des liens des e-mails', () => {
  it('prend CONTACT_PUBLIC_URL, sinon SITE_URL (sans barre finale)', () => {
    expect(resolvePublicUrl({ CONTACT_PUBLIC_URL: 'https://vmm.example.org/', SITE_URL: 'https://autre.example.org', PORT: '5000' })).toBe('https://vmm.example.org');
    expect(resolvePublicUrl({ SITE_URL: 'https://site.example.org//', PORT: '5000' })).toBe('https://site.example.org');
    expect(resolvePublicUrl({ CONTACT_PUBLIC_URL: '  ', SITE_URL: 'http://site.example.org:8080' })).toBe('http://site.example.org:8080');
  });

  it('sinon, l’adresse où le serveur écoute : HOST et le port réellement ouvert', () => {
    expect(resolvePublicUrl({})).toBe('http://localhost:4321');
    expect(resolvePublicUrl({ HOST: '127.0.0.1', PORT: '5123' })).toBe('http://127.0.0.1:5123');
    // Port posé par scripts/serve.mjs une fois à l'écoute (PORT=0 : un port libre choisi par le système).
    expect(resolvePublicUrl({ HOST: '127.0.0.1', PORT: '0', SERVER_LISTEN_PORT: '40123' })).toBe('http://127.0.0.1:40123');
    expect(resolvePublicUrl({ HOST: '0.0.0.0', PORT: '8080' })).toBe('http://localhost:8080');
    expect(resolvePublicUrl({ HOST: '::', PORT: '8080' })).toBe('http://localhost:8080');
    expect(listenUrl({ HOST: '::1', PORT: '8080' })).toBe('http://[::1]:8080');
    expect(listenUrl({ HOST: 'poste-dev.test', SERVER_LISTEN_PORT: '4402' })).toBe('http://poste-dev.test:4402');
  });

  it('readContactConfig met cette adresse dans la configuration', () => {
    expect(readContactConfig({ HOST: '127.0.0.1', PORT: '4402' }).publicUrl).toBe('http://127.0.0.1:4402');
    expect(readContactConfig({ ...PROD, CONTACT_PUBLIC_URL: 'https://vmm.example.org' }).publicUrl).toBe('https://vmm.example.org');
    expect(readContactConfig({ ...PROD, SITE_URL: 'https://site.example.org/' }).publicUrl).toBe('https://site.example.org');
  });

  it('en production, sans CONTACT_PUBLIC_URL ni SITE_URL : erreur de démarrage en français', () => {
    expect(() => readContactConfig({ ...PROD, HOST: '0.0.0.0', PORT: '80' })).toThrow(ContactConfigError);
    expect(() => readContactConfig({ ...PROD })).toThrow(/CONTACT_PUBLIC_URL \(ou SITE_URL\) est obligatoire en production/);
  });

  it('refuse une adresse qui n’est pas une adresse web, en disant laquelle', () => {
    for (const bad of ['vmm.example.org', 'ftp://vmm.example.org', 'https://vmm.example.org/?a=1', 'https://moi:secret@vmm.example.org']) {
      expect(() => resolvePublicUrl({ CONTACT_PUBLIC_URL: bad }), bad).toThrow(/CONTACT_PUBLIC_URL n’est pas une adresse web valide/);
    }
    expect(() => resolvePublicUrl({ SITE_URL: 'rien' })).toThrow(/SITE_URL n’est pas une adresse web valide : « rien »/);
  });
});

describe('RATE_LIMIT_STORE', () => {
  it('mémoire par défaut, fichier SQLite partagé sur demande, refus en français sinon', () => {
    expect(readContactConfig({}).rateLimitStore).toEqual({ kind: 'memory' });
    expect(readContactConfig({ RATE_LIMIT_STORE: 'memory' }).rateLimitStore).toEqual({ kind: 'memory' });
    const shared = readContactConfig({ RATE_LIMIT_STORE: 'sqlite:/var/lib/vmm/limites.sqlite' }).rateLimitStore;
    expect(shared).toEqual({ kind: 'sqlite', file: '/var/lib/vmm/limites.sqlite' });
    expect(() => readContactConfig({ RATE_LIMIT_STORE: 'redis://localhost' })).toThrow(/RATE_LIMIT_STORE illisible/);
    expect(() => readContactConfig({ RATE_LIMIT_STORE: 'sqlite:' })).toThrow(ContactConfigError);
  });
});
