/**
 * Les tables de transitions de « Rencontrer un pro » (src/domain/contact-rules.ts), vérifiées case
 * par case : chaque transition permise, et chaque transition interdite avec sa raison. Les résultats
 * attendus sont écrits ici à la main (jamais relus dans la table testée).
 */
import { describe, expect, it } from 'vitest';
import { PRO_STATUSES, REQUEST_STATUSES, type Pro } from '../../../src/domain/contact';
import {
  PRO_EVENTS,
  REQUEST_EVENTS,
  acceptsRequests,
  isAvailable,
  isPublished,
  proAvailability,
  proTransition,
  readyToRelay,
  relayAvailability,
  addressesToConfirm,
  requestTransition,
} from '../../../src/domain/contact-rules';

describe('transitions d’une demande', () => {
  // [de, événement, vers] : tout ce qui n'est pas listé est refusé (« closed »).
  const ALLOWED: [string, string, string][] = [
    ['unconfirmed', 'confirm', 'unconfirmed'],
    ['unconfirmed', 'relay', 'pending'],
    ['unconfirmed', 'expire', 'expired'],
    ['pending', 'accept', 'accepted'],
    ['pending', 'decline', 'declined'],
    ['pending', 'expire', 'expired'],
    ['pending', 'remind', 'pending'],
  ];
  const cases = REQUEST_STATUSES.flatMap((from) => REQUEST_EVENTS.map((event) => [from, event] as const));

  it('la table couvre 5 états × 6 événements', () => {
    expect(cases).toHaveLength(30);
  });

  it.each(cases)('%s × %s', (from, event) => {
    const allowed = ALLOWED.find(([f, e]) => f === from && e === event);
    expect(requestTransition(from, event)).toEqual(allowed ? { ok: true, to: allowed[2] } : { ok: false, reason: 'closed' });
  });
});

describe('transitions d’un profil', () => {
  const ALLOWED: [string, string, string][] = [
    ['unverified', 'verify', 'pending'],
    ['unverified', 'pause', 'unverified'],
    ['unverified', 'resume', 'unverified'],
    ['unverified', 'erase', 'deleted'],
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'pause', 'pending'],
    ['pending', 'resume', 'pending'],
    ['pending', 'erase', 'deleted'],
    ['approved', 'pause', 'approved'],
    ['approved', 'resume', 'approved'],
    ['approved', 'auto-pause', 'approved'],
    ['approved', 'erase', 'deleted'],
    ['rejected', 'pause', 'rejected'],
    ['rejected', 'resume', 'rejected'],
    ['rejected', 'erase', 'deleted'],
  ];
  // Raison d'un refus, hors profil supprimé (toujours « gone »).
  const REASON: Record<string, string> = {
    verify: 'already-verified',
    approve: 'already-moderated',
    reject: 'already-moderated',
    'auto-pause': 'not-published',
  };
  const cases = PRO_STATUSES.flatMap((from) => PRO_EVENTS.map((event) => [from, event] as const));

  it('la table couvre 5 états × 7 événements', () => {
    expect(cases).toHaveLength(35);
  });

  it.each(cases)('%s × %s', (from, event) => {
    const allowed = ALLOWED.find(([f, e]) => f === from && e === event);
    const reason = from === 'deleted' ? 'gone' : REASON[event];
    expect(proTransition(from, event)).toEqual(allowed ? { ok: true, to: allowed[2] } : { ok: false, reason });
  });

  it('un profil supprimé ne bouge plus', () => {
    for (const event of PRO_EVENTS) expect(proTransition('deleted', event)).toEqual({ ok: false, reason: 'gone' });
  });
});

describe('pro disponible (une seule règle)', () => {
  const pro = (overrides: Partial<Pro>): Pick<Pro, 'status' | 'paused' | 'monthlyCap'> => ({ status: 'approved', paused: false, monthlyCap: 2, ...overrides });

  it('publié, pas en pause, sous son plafond', () => {
    expect(proAvailability(pro({}), 0)).toEqual({ ok: true });
    expect(proAvailability(pro({}), 1)).toEqual({ ok: true });
    expect(proAvailability(pro({}), 2)).toEqual({ ok: false, reason: 'cap-reached' });
    expect(proAvailability(pro({ paused: true }), 0)).toEqual({ ok: false, reason: 'unavailable' });
    for (const status of ['unverified', 'pending', 'rejected', 'deleted'] as const) {
      expect(proAvailability(pro({ status }), 0)).toEqual({ ok: false, reason: 'unavailable' });
      expect(isAvailable(pro({ status }), 0)).toBe(false);
    }
    expect(isAvailable(pro({}), 1)).toBe(true);
    expect(isAvailable(pro({}), 2)).toBe(false);
  });

  it('publié (relances) ≠ prend des demandes (annuaire) : la pause ne compte que pour le second', () => {
    expect(isPublished({ status: 'approved' })).toBe(true);
    expect(isPublished({ status: 'pending' })).toBe(false);
    expect(acceptsRequests({ status: 'approved', paused: true })).toBe(false);
    expect(acceptsRequests({ status: 'approved', paused: false })).toBe(true);
    expect(acceptsRequests({ status: 'pending', paused: false })).toBe(false);
  });
});

describe('adresses confirmées avant tout relais', () => {
  const adult = { guardianEmail: null, requesterConfirmedAt: null, guardianConfirmedAt: null };
  const minor = { guardianEmail: 'parent@example.org', requesterConfirmedAt: null, guardianConfirmedAt: null };
  const at = '2026-03-10T09:00:00.000Z';

  it('une adresse à confirmer pour un·e adulte, deux pour un·e mineur·e', () => {
    expect(addressesToConfirm(adult)).toEqual(['requester']);
    expect(addressesToConfirm(minor)).toEqual(['requester', 'guardian']);
  });

  it('prête à partir seulement quand chaque adresse requise est confirmée', () => {
    expect(readyToRelay(adult)).toBe(false);
    expect(readyToRelay({ ...adult, requesterConfirmedAt: at })).toBe(true);
    expect(readyToRelay({ ...adult, guardianConfirmedAt: at })).toBe(false);
    expect(readyToRelay({ ...minor, requesterConfirmedAt: at })).toBe(false);
    expect(readyToRelay({ ...minor, guardianConfirmedAt: at })).toBe(false);
    expect(readyToRelay({ ...minor, requesterConfirmedAt: at, guardianConfirmedAt: at })).toBe(true);
  });

  it('plafond du mois d’abord, puis 3 demandes transmises par 24 heures', () => {
    const pro = { status: 'approved', paused: false, monthlyCap: 5 } as const;
    expect(relayAvailability(pro, { thisMonth: 0, lastDay: 2 })).toEqual({ ok: true });
    expect(relayAvailability(pro, { thisMonth: 3, lastDay: 3 })).toEqual({ ok: false, reason: 'daily-cap' });
    expect(relayAvailability(pro, { thisMonth: 5, lastDay: 3 })).toEqual({ ok: false, reason: 'cap-reached' });
    expect(relayAvailability(pro, { thisMonth: 4, lastDay: 0 })).toEqual({ ok: true });
    expect(relayAvailability({ ...pro, paused: true }, { thisMonth: 0, lastDay: 0 })).toEqual({ ok: false, reason: 'unavailable' });
  });
});
