/** Le seul interrupteur de production (issue 15, §4) : démarrage refusé en français, /dev/mails fermé. */
import { describe, expect, it } from 'vitest';
import { devPagesOpen, productionProblems, productionRefusal } from '../../../src/http/production';

const COMPLETE = {
  NODE_ENV: 'production',
  CONTACT_SECRET: 'x'.repeat(48),
  CONTACT_PUBLIC_URL: 'https://versmonmetier.example.org',
  SMTP_HOST: 'smtp.example.org',
};

describe('démarrage en production', () => {
  it('hors production : rien n’est exigé', () => {
    expect(productionProblems({})).toEqual([]);
    expect(productionProblems({ NODE_ENV: 'development' })).toEqual([]);
  });

  it('tout est là : démarrage permis (SITE_URL vaut pour CONTACT_PUBLIC_URL)', () => {
    expect(productionProblems(COMPLETE)).toEqual([]);
    expect(productionProblems({ ...COMPLETE, CONTACT_PUBLIC_URL: undefined, SITE_URL: 'https://vmm.example.org' })).toEqual([]);
  });

  it('secret, adresse publique et SMTP manquants : les trois dits en français, d’un coup', () => {
    const problems = productionProblems({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^CONTACT_SECRET manque/);
    expect(problems[1]).toMatch(/^CONTACT_PUBLIC_URL \(ou SITE_URL\) manque/);
    expect(problems[2]).toMatch(/^SMTP_HOST manque/);
    expect(productionRefusal(problems)).toMatch(/^Démarrage refusé : NODE_ENV=production, mais 3 réglages manquent :\n {2}- CONTACT_SECRET/);
  });

  it('secret trop court, adresse invalide', () => {
    expect(productionProblems({ ...COMPLETE, CONTACT_SECRET: 'court' })).toEqual(['CONTACT_SECRET est trop courte : 32 caractères au moins.']);
    expect(productionProblems({ ...COMPLETE, CONTACT_PUBLIC_URL: 'ftp://x' })[0]).toMatch(/^CONTACT_PUBLIC_URL n’est pas une adresse web valide/);
  });
});

describe('/dev/mails : hors production et boucle locale seulement', () => {
  it('client et nom locaux, hors production : ouvert', () => {
    expect(devPagesOpen('127.0.0.1', '127.0.0.1:4321', {})).toBe(true);
    expect(devPagesOpen('::1', 'localhost:4321', {})).toBe(true);
    expect(devPagesOpen('::ffff:127.0.0.1', '[::1]:4321', {})).toBe(true);
  });

  it('en production, client distant, ou nom d’un autre site (rebinding DNS) : fermé', () => {
    expect(devPagesOpen('127.0.0.1', 'localhost', { NODE_ENV: 'production' })).toBe(false);
    expect(devPagesOpen('192.168.1.20', 'localhost:4321', {})).toBe(false);
    expect(devPagesOpen('203.0.113.9', '203.0.113.1', {})).toBe(false);
    expect(devPagesOpen(undefined, 'localhost', {})).toBe(false);
    expect(devPagesOpen('127.0.0.1', 'pirate.example', {})).toBe(false);
    expect(devPagesOpen('127.0.0.1', null, {})).toBe(false);
  });
});
