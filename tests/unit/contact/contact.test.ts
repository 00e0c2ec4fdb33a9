/**
 * Règles pures de « Rencontrer un pro » : validation des formulaires (entrées hostiles comprises),
 * liens signés, nom public, annuaire (plafond, distance), statistiques, limites de débit.
 */
import { describe, expect, it } from 'vitest';
import { ContactRequestInput, Phone, ProRegistrationInput, publicName, type Pro } from '../../../src/domain/contact';
import { findPros } from '../../../src/contact/directory';
import { computeStats, median } from '../../../src/contact/stats';
import { createRateLimits } from '../../../src/contact/rate-limit';
import { backoffMs } from '../../../src/contact/mail/outbox';
import { compose } from '../../../src/contact/mail/templates';
import { haversineKm, type Commune } from '../../../src/domain/geo';

const request = {
  firstName: 'Léa',
  email: 'LEA@Example.ORG ',
  situation: 'collegien-lyceen',
  ageBracket: '15-17',
  guardianEmail: 'parent@example.org',
  mode: 'telephone',
  message: 'Comment se passe une journée de travail ?',
  consent: 'oui',
};

describe('formulaire de demande', () => {
  it('normalise l’e-mail et accepte une demande complète', () => {
    const parsed = ContactRequestInput.parse(request);
    expect(parsed.email).toBe('lea@example.org');
    expect(parsed.phone).toBeUndefined();
  });

  it('exige l’e-mail d’un parent pour un·e mineur·e, différent du sien', () => {
    const missing = ContactRequestInput.safeParse({ ...request, guardianEmail: '' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ['guardianEmail'], message: expect.stringContaining('moins de 18 ans') });
    const same = ContactRequestInput.safeParse({ ...request, guardianEmail: 'lea@example.org' });
    expect(same.error?.issues[0]?.message).toBe('Indiquez une autre adresse que la vôtre.');
    expect(ContactRequestInput.safeParse({ ...request, ageBracket: '18-25', guardianEmail: '' }).success).toBe(true);
  });

  it('refuse les entrées hostiles avec des messages en français', () => {
    const hostile = ContactRequestInput.safeParse({
      ...request,
      firstName: '<script>alert(1)</script>',
      email: 'pas-une-adresse',
      situation: 'pirate',
      mode: "telephone'; DROP TABLE requests;--",
      message: 'x'.repeat(5000),
      consent: 'non',
    });
    expect(hostile.success).toBe(false);
    const byField = Object.fromEntries(hostile.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField.firstName).toContain('que des lettres');
    expect(byField.email).toContain('Adresse e-mail invalide');
    expect(byField.situation).toBe('Choisissez votre situation.');
    expect(byField.mode).toBe('Choisissez un mode d’échange de la liste.');
    expect(byField.message).toContain('1 000 caractères au plus');
    expect(byField.consent).toContain('Vous devez accepter');
  });

  it('normalise les téléphones français et refuse le reste', () => {
    expect(Phone.parse('0612345678')).toBe('06 12 34 56 78');
    expect(Phone.parse('+33 6 12 34 56 78')).toBe('06 12 34 56 78');
    expect(Phone.parse('06.12.34.56.78')).toBe('06 12 34 56 78');
    expect(Phone.safeParse('12345').success).toBe(false);
    expect(Phone.safeParse('0012345678').success).toBe(false);
  });
});

describe('inscription d’un pro', () => {
  const base = {
    firstName: 'Camille',
    lastName: 'Martin',
    email: 'c@example.org',
    metierCodes: ['D1104'],
    communeCode: '49007',
    modes: ['telephone'],
    monthlyCap: '4',
    presentation: 'Pâtissière depuis douze ans, je forme des apprentis.',
    consent: 'oui',
  };
  it('accepte un profil complet (plafond converti en nombre)', () => {
    expect(ProRegistrationInput.parse(base).monthlyCap).toBe(4);
  });
  it('borne le plafond, le nombre de métiers et demande un mode', () => {
    const r = ProRegistrationInput.safeParse({ ...base, monthlyCap: '999', metierCodes: ['D1104', 'D1102', 'D1101', 'G1609'], modes: [] });
    const fields = r.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['monthlyCap', 'metierCodes', 'modes']));
  });
});

describe('nom public', () => {
  it('« Prénom N. », jamais le nom entier', () => {
    expect(publicName({ firstName: 'Camille', lastName: 'martin' })).toBe('Camille M.');
    expect(publicName({ firstName: 'Éloïse', lastName: 'élan' })).toBe('Éloïse É.');
  });
});

const commune = (code: string, name: string, lat: number, lon: number): Commune => ({
  inseeCode: code,
  name,
  departement: '49',
  postcodes: ['49000'],
  mainPostcode: '49000',
  population: 1,
  epciCode: null,
  epciName: null,
  territoireSlug: null,
  lat,
  lon,
  coordSource: 'geonames-name',
});
const ANGERS = commune('49007', 'Angers', 47.4736, -0.5542);
const SAUMUR = commune('49328', 'Saumur', 47.26, -0.0769);
const communes = new Map([ANGERS, SAUMUR].map((c) => [c.inseeCode, c]));

function pro(id: string, overrides: Partial<Pro> = {}): Pro {
  return {
    id,
    firstName: 'P',
    lastName: 'Q',
    email: `${id}@secret.test`,
    phone: '06 00 00 00 00',
    metierCodes: ['D1104'],
    communeCode: '49007',
    employer: null,
    modes: ['telephone'],
    monthlyCap: 2,
    presentation: 'x',
    status: 'approved',
    paused: false,
    pauseReason: null,
    consecutiveExpiries: 0,
    rejectionReason: null,
    createdAt: '',
    verifiedAt: null,
    moderatedAt: null,
    demo: false,
    ...overrides,
  };
}

describe('annuaire', () => {
  const deps = { communeByInsee: (c: string) => communes.get(c), metierLabel: (c: string) => c };
  it('masque les pros au plafond, en pause ou non publiés ; filtre par métier et par rayon ; trie par distance', () => {
    const cards = findPros(
      [
        { pro: pro('saumur', { communeCode: '49328' }), requestsThisMonth: 0 },
        { pro: pro('angers'), requestsThisMonth: 1 },
        { pro: pro('plein'), requestsThisMonth: 2 },
        { pro: pro('pause', { paused: true }), requestsThisMonth: 0 },
        { pro: pro('attente', { status: 'pending' }), requestsThisMonth: 0 },
        { pro: pro('boulanger', { metierCodes: ['D1102'] }), requestsThisMonth: 0 },
      ],
      { metierCode: 'D1104', origin: ANGERS, radiusKm: 30 },
      deps,
    );
    expect(cards.map((c) => c.id)).toEqual(['angers']);
    // Un vrai profil n'est pas dit « de démonstration » ; un profil de démonstration l'est.
    expect(cards[0]?.demo).toBe(false);
    expect(findPros([{ pro: pro('demo', { demo: true }), requestsThisMonth: 0 }], { metierCode: null, origin: null, radiusKm: 30 }, deps)[0]?.demo).toBe(true);
    const wide = findPros([{ pro: pro('saumur', { communeCode: '49328' }), requestsThisMonth: 0 }, { pro: pro('angers'), requestsThisMonth: 0 }], { metierCode: null, origin: ANGERS, radiusKm: 100 }, deps);
    expect(wide.map((c) => [c.id, c.distanceKm])).toEqual([
      ['angers', 0],
      ['saumur', 43],
    ]);
    // Une carte n'a aucun champ de coordonnées.
    expect(JSON.stringify(wide)).not.toContain('@secret.test');
    expect(JSON.stringify(wide)).not.toContain('06 00');
  });
});

describe('annuaire : le rayon compare la vraie distance, pas la distance arrondie', () => {
  // Des communes au nord d'Angers, à une distance exacte (même méridien : la distance est l'écart de
  // latitude ; rayon terrestre moyen de src/domain/geo.ts, vérifié par le premier test).
  const EARTH_RADIUS_KM = 6371.0088;
  const north = (code: string, km: number): Commune => commune(code, `À ${km} km`, ANGERS.lat + (km / EARTH_RADIUS_KM) * (180 / Math.PI), ANGERS.lon);
  const AT_30_4 = north('90304', 30.4);
  const AT_29_6 = north('90296', 29.6);
  const all = new Map([ANGERS, AT_30_4, AT_29_6].map((c) => [c.inseeCode, c]));
  const deps = { communeByInsee: (c: string) => all.get(c), metierLabel: (c: string) => c };
  const candidates = [AT_30_4, AT_29_6].map((c) => ({ pro: pro(c.inseeCode, { communeCode: c.inseeCode }), requestsThisMonth: 0 }));

  it('les communes du test sont bien à 30,4 km et 29,6 km', () => {
    expect(haversineKm(ANGERS, AT_30_4)).toBeCloseTo(30.4, 6);
    expect(haversineKm(ANGERS, AT_29_6)).toBeCloseTo(29.6, 6);
  });

  it('un pro à 30,4 km n’est pas dans un rayon de 30 km (sa carte dirait « 30 km ») ; à 29,6 km, si', () => {
    const cards = findPros(candidates, { metierCode: null, origin: ANGERS, radiusKm: 30 }, deps);
    expect(cards.map((c) => c.id)).toEqual(['90296']);
    expect(cards[0]?.distanceKm).toBe(30);
  });

  it('dans un rayon de 50 km, les deux, chacun avec sa distance arrondie au km', () => {
    const cards = findPros(candidates, { metierCode: null, origin: ANGERS, radiusKm: 50 }, deps);
    expect(cards.map((c) => [c.id, c.distanceKm])).toEqual([
      ['90296', 30],
      ['90304', 30],
    ]);
  });
});

describe('statistiques', () => {
  it('médiane, taux d’acceptation et délai par mois et par métier', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const stats = computeStats(
      [
        { status: 'accepted', metierCode: 'D1104', communeCode: '49007', createdAt: '2026-03-01T00:00:00Z', respondedAt: '2026-03-01T10:00:00Z' },
        { status: 'declined', metierCode: 'D1104', communeCode: '49007', createdAt: '2026-03-02T00:00:00Z', respondedAt: '2026-03-03T00:00:00Z' },
        { status: 'expired', metierCode: 'D1102', communeCode: '49007', createdAt: '2026-04-01T00:00:00Z', respondedAt: null },
        { status: 'pending', metierCode: 'D1102', communeCode: null, createdAt: '2026-04-02T00:00:00Z', respondedAt: null },
      ],
      { metier: (c) => `métier ${c}`, territoireOf: (code) => (code === '49007' ? { slug: 'angers', name: 'Angers' } : null) },
    );
    expect(stats.total).toMatchObject({ requests: 4, accepted: 1, acceptanceRate: 1 / 3, medianResponseHours: 17 });
    expect(stats.byMonth.map((l) => [l.key, l.requests])).toEqual([
      ['2026-04', 2],
      ['2026-03', 2],
    ]);
    expect(stats.byMetier.find((l) => l.key === 'D1104')).toMatchObject({ label: 'métier D1104', acceptanceRate: 0.5 });
    expect(stats.byTerritoire.map((l) => l.label)).toEqual(['Angers', 'Hors territoire connu']);
  });
});

describe('limites de débit', () => {
  it('bloque par e-mail puis par IP, avec un message en français', async () => {
    const limits = createRateLimits();
    for (let i = 0; i < 5; i++) expect((await limits.hit('request', '10.0.0.1', 'a@b.test')).ok).toBe(true);
    const blocked = await limits.hit('request', '10.0.0.2', 'A@B.test');
    expect(blocked).toMatchObject({ ok: false, message: expect.stringMatching(/^Trop d’envois en peu de temps\. Réessayez dans/) });
    for (let i = 0; i < 30; i++) await limits.hit('request', '10.0.0.3', `x${i}@b.test`);
    expect((await limits.hit('request', '10.0.0.3', 'nouveau@b.test')).ok).toBe(false);
    expect((await limits.hit('request', '10.0.0.4', 'nouveau@b.test')).ok).toBe(true);
  });
});

describe('e-mails', () => {
  it('échappe le HTML et finit toujours par « Signaler un problème »', () => {
    const mail = compose('Sujet', ['Bonjour <b>Léa</b> & co'], 'https://site.test/signaler/?t=a&b=<c>');
    expect(mail.html).toContain('Bonjour &lt;b&gt;Léa&lt;/b&gt; &amp; co');
    expect(mail.html).toContain('href="https://site.test/signaler/?t=a&amp;b=&lt;c&gt;"');
    expect(mail.text.trim().endsWith('Signaler un problème : https://site.test/signaler/?t=a&b=<c>')).toBe(true);
  });
  it('délai entre les essais : 30 s puis double, plafonné à 6 h', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([30_000, 60_000, 120_000]);
    expect(backoffMs(30)).toBe(6 * 3_600_000);
  });
});
