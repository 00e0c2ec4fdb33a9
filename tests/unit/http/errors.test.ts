/** Les erreurs en français (issue 15, §5) et les en-têtes de sécurité (§1), fonctions pures. */
import { describe, expect, it } from 'vitest';
import { malformedUrlReply, methodNotAllowedReply, serverErrorReply, urlEncodingProblem } from '../../../src/http/errors';
import { FALLBACK_CSP, securityHeaders } from '../../../src/http/security-headers';

describe('erreur inattendue : 500 en français avec une référence', () => {
  it('journalisée avec la pile, montrée sans elle (page et JSON)', () => {
    const logged: unknown[][] = [];
    const error = new Error('disque plein');
    const page = serverErrorReply(error, 'POST', '/rencontrer-un-pro/', (...args) => logged.push(args));
    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const reference = /référence (E-[0-9A-Z]{6})/.exec(page.body)?.[1];
    expect(reference).toBeTruthy();
    expect(page.body).toContain('lang="fr"');
    expect(page.body).not.toContain('disque plein');
    expect(page.body).not.toContain('at ');
    expect(String(logged[0]![0])).toContain(reference!);
    expect(String(logged[0]![1])).toContain(error.stack!.split('\n')[1]!.trim());
    const api = serverErrorReply(error, 'GET', '/api/formations', () => {});
    expect(JSON.parse(api.body)).toMatchObject({ erreur: expect.stringContaining('Une erreur inattendue'), reference: expect.stringMatching(/^E-/) });
  });
});

describe('405', () => {
  it('TRACE et les méthodes d’écriture sous /api : JSON avec Allow ; GET, HEAD, OPTIONS passent', () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'POST', 'CONNECT']) {
      const reply = methodNotAllowedReply(method, '/api/formations')!;
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(JSON.parse(reply.body).erreur).toBe(`La méthode ${method} n’est pas prise en charge à cette adresse. Méthodes acceptées : GET, HEAD, OPTIONS.`);
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(methodNotAllowedReply(method, '/api/formations')).toBeNull();
    expect(methodNotAllowedReply('POST', '/rencontrer-un-pro/')).toBeNull();
    expect(methodNotAllowedReply('TRACE', '/formations')!.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('adresse mal encodée', () => {
  it('dit si c’est un « % » mal formé ou de l’UTF-8 invalide, et où', () => {
    expect(urlEncodingProblem('/formations?q=caf%C3%A9')).toBeNull();
    expect(urlEncodingProblem('/formations?q=100%')).toEqual({ kind: 'percent', position: 18, excerpt: '%' });
    expect(urlEncodingProblem('/a?q=%zz')).toMatchObject({ kind: 'percent', excerpt: '%zz' });
    expect(urlEncodingProblem('/a?q=caf%E9')).toEqual({ kind: 'utf8', position: 9, excerpt: '%E9' });
    expect(urlEncodingProblem('/a?q=%E0%A4')).toMatchObject({ kind: 'utf8', excerpt: '%E0%A4' });
    expect(JSON.parse(malformedUrlReply('/api/formations?q=%FF')!.body).erreur).toContain('n’est pas du texte UTF-8');
  });
});

describe('en-têtes de sécurité', () => {
  const none = () => undefined;
  it('partout : nosniff, DENY, Permissions-Policy, CSP sans script ; HSTS seulement en HTTPS', () => {
    const h = securityHeaders({ pathname: '/api/formations', method: 'GET', https: false, existing: none });
    expect(h).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'strict-origin-when-cross-origin', 'content-security-policy': FALLBACK_CSP });
    expect(h['permissions-policy']).toMatch(/^geolocation=\(self\), camera=\(\)/);
    expect(h['strict-transport-security']).toBeUndefined();
    expect(h['cache-control']).toBeUndefined();
    expect(securityHeaders({ pathname: '/', method: 'GET', https: true, existing: none })['strict-transport-security']).toMatch(/^max-age=63072000/);
  });

  it('la CSP d’Astro est gardée ; une page HTML sans CSP reçoit celle de la page 404', () => {
    const astro = (name: string) => (name === 'content-security-policy' ? "script-src 'self'" : undefined);
    expect(securityHeaders({ pathname: '/', method: 'GET', https: false, existing: astro })['content-security-policy']).toBeUndefined();
    const html = (name: string) => (name === 'content-type' ? 'text/html' : undefined);
    expect(securityHeaders({ pathname: '/x', method: 'GET', https: false, existing: html, htmlCsp: 'P404' })['content-security-policy']).toBe('P404');
  });

  it('liens magiques : same-origin (jamais vers un autre site, Origin gardé pour les formulaires) ; données personnelles, cookies, envois : no-store', () => {
    for (const path of ['/rencontrer-un-pro/repondre', '/rencontrer-un-pro/mon-profil/lien', '/admin/connexion', '/dev/mails/x.eml', '/rencontrer-un-pro/confirmer']) {
      const h = securityHeaders({ pathname: path, method: 'GET', https: false, existing: none });
      expect(h['referrer-policy'], path).toBe('same-origin');
      expect(h['cache-control'], path).toBe('no-store');
    }
    expect(securityHeaders({ pathname: '/rencontrer-un-pro/demande-envoyee', method: 'GET', https: false, existing: none })['cache-control']).toBe('no-store');
    expect(securityHeaders({ pathname: '/rencontrer-un-pro', method: 'POST', https: false, existing: none })['cache-control']).toBe('no-store');
    expect(securityHeaders({ pathname: '/', method: 'GET', https: false, existing: (n) => (n === 'set-cookie' ? ['a=1'] : undefined) })['cache-control']).toBe('no-store');
    expect(securityHeaders({ pathname: '/administration-publique', method: 'GET', https: false, existing: none })['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});
