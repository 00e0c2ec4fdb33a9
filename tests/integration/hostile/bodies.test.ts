/**
 * Les corps de requête sont bornés (64 Ko par défaut, MAX_BODY_BYTES) AVANT d'être gardés en
 * mémoire : un corps annoncé trop gros n'est pas lu du tout, un corps envoyé par morceaux est
 * compté et sa lecture s'arrête à la limite. Le serveur répond 413 en français (test e2e :
 * tests/e2e/hostile-input.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, maxBodyBytes, refusalResponse, refuseBeforeReading } from '../../../src/http/request-limits';
import { readForm } from '../../../src/contact/forms';

describe('limite des corps de requête', () => {
  it('un corps annoncé trop gros est refusé sans être lu : 413, page HTML en français, JSON sous /api', async () => {
    const big = refuseBeforeReading('http://127.0.0.1/rencontrer-un-pro/devenir-pro', new Headers({ 'content-length': String(10 * 1024 * 1024) }));
    expect(big).toMatchObject({ status: 413, title: 'Envoi trop volumineux', message: expect.stringContaining('64 Ko au plus') });
    const page = refusalResponse(big!, '/rencontrer-un-pro/devenir-pro');
    expect(page.status).toBe(413);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<html lang="fr">');
    const api = refusalResponse(big!, '/api/formations');
    expect(await api.json()).toEqual({ erreur: expect.stringContaining('trop volumineux') });
  });

  it('MAX_BODY_BYTES règle la limite (64 Ko par défaut, valeur invalide ignorée)', () => {
    expect(maxBodyBytes({})).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(DEFAULT_MAX_BODY_BYTES).toBe(65_536);
    expect(maxBodyBytes({ MAX_BODY_BYTES: '1048576' })).toBe(1_048_576);
    for (const bad of ['0', '-5', 'beaucoup', '1.5', '']) expect(maxBodyBytes({ MAX_BODY_BYTES: bad })).toBe(DEFAULT_MAX_BODY_BYTES);
  });
});

describe('formulaires', () => {
  /** Un corps envoyé par morceaux, sans longueur annoncée. */
  function chunkedRequest(bytes: number, chunk = 16 * 1024): { request: Request; pulled: () => number } {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes) return controller.close();
        const n = Math.min(chunk, bytes - sent);
        sent += n;
        controller.enqueue(new TextEncoder().encode(`a=${'x'.repeat(n - 2)}`.slice(0, n)));
      },
    });
    const request = new Request('http://127.0.0.1/rencontrer-un-pro/devenir-pro', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
    return { request, pulled: () => sent };
  }

  it('un corps sans longueur annoncée est compté : la lecture s’arrête à la limite (BodyTooLargeError)', async () => {
    const { request, pulled } = chunkedRequest(10 * 1024 * 1024);
    await expect(readForm(request, 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBeLessThan(200 * 1024);
  });

  it('sous la limite, le formulaire est lu', async () => {
    const { request } = chunkedRequest(32 * 1024);
    const form = await readForm(request, 64 * 1024);
    expect((form?.get('a') as string).length).toBe(32 * 1024 - 2);
  });

  it('un corps annoncé plus gros que la limite n’est pas lu du tout', async () => {
    const request = new Request('http://127.0.0.1/admin/connexion', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '999999' } });
    await expect(readForm(request, 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(request.bodyUsed).toBe(false);
  });
});
