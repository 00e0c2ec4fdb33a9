/**
 * « Session ouverte aux inscriptions » : la règle du domaine, en table, et la preuve que le
 * catalogue (sessions à venir d'une formation) et la recherche (sessions des documents de l'index)
 * l'appliquent tous les deux : si l'un s'en écarte, ce test échoue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clearCatalogCache, loadCatalog, resolveDataDir } from '../../../src/catalog/index';
import { acceptsEnrolment, bestEnrolment, enrolmentOf, enrolmentOpensOn, isSessionOpen, nextInformationDate, openSessions, opensLater } from '../../../src/domain/sessions';
import { buildActionDocuments } from '../../../src/search/documents';
import { titleKey } from '../../../src/domain/grouping';
import { loadGeoReferentiel } from '../../../src/geo/referentiel';
import path from 'node:path';
import { createDataDir, type TempData } from '../catalog/fixtures';

const TODAY = '2026-11-23';

describe('isSessionOpen', () => {
  // [début, fin, recrutement, entrées permanentes, ouverte ?]
  const table: [string | null, string | null, 'ouvert' | 'ferme' | 'suspendu', boolean, boolean][] = [
    ['2026-11-23', '2027-06-30', 'ouvert', false, true], // commence aujourd'hui
    ['2027-01-04', null, 'ferme', false, true], // à venir, même recrutement fermé
    ['2026-11-22', '2027-06-30', 'ouvert', false, true], // commencée hier, entrée encore possible
    ['2026-09-01', '2026-11-23', 'ouvert', false, true], // finit aujourd'hui, recrutement ouvert
    ['2026-09-01', '2027-06-30', 'ferme', false, false], // commencée, recrutement fermé
    ['2026-09-01', '2027-06-30', 'suspendu', false, false],
    ['2026-09-01', '2026-11-22', 'ouvert', false, false], // finie hier
    ['2026-09-01', null, 'ouvert', false, false], // commencée, fin inconnue, sans entrées permanentes
    [null, null, 'ouvert', false, false], // sans date, sans entrées permanentes
    [null, null, 'ferme', true, true], // entrées permanentes, sans date
    ['2026-09-01', null, 'ferme', true, true], // entrées permanentes, fin inconnue
    ['2026-09-01', '2027-06-30', 'ferme', true, true], // entrées permanentes, pas finie
    ['2026-09-01', '2026-11-22', 'ouvert', true, false], // entrées permanentes, mais finie
    [null, '2026-11-22', 'ouvert', true, true], // entrées permanentes sans date de début : comptée (règle de la recherche)
  ];
  it.each(table)('début %s, fin %s, recrutement %s, entrées permanentes %s → %s', (start, end, recruitmentState, permanent, open) => {
    expect(isSessionOpen({ start, end, recruitmentState }, permanent, TODAY)).toBe(open);
  });

  it('openSessions garde les sessions ouvertes dans leur ordre', () => {
    const sessions = [
      { id: 'a', start: '2027-01-04', end: null, recruitmentState: 'ouvert' as const },
      { id: 'b', start: '2026-01-04', end: '2026-02-01', recruitmentState: 'ouvert' as const },
      { id: 'c', start: '2026-11-01', end: '2027-02-01', recruitmentState: 'ouvert' as const },
    ];
    expect(openSessions({ permanentEntry: false, sessions }, TODAY).map((s) => s.id)).toEqual(['a', 'c']);
  });
});

describe('le catalogue et la recherche comptent les mêmes sessions ouvertes', () => {
  let data: TempData | null = null;
  afterEach(() => {
    data?.remove();
    data = null;
    clearCatalogCache();
  });

  const action = (id: string, sessions: unknown[], permanentEntry: boolean) => ({
    id,
    formationId: 'F1',
    organismeId: 'O1',
    place: { street: null, postcode: null, city: 'Nantes', inseeCode: null, lat: 47.2, lon: -1.55, coordSource: 'commune' },
    teachingMode: 'presentiel',
    durationHours: 100,
    priceEuros: null,
    financing: { funders: [], programme: null, cpfEligible: false },
    permanentEntry,
    handicapAccessible: null,
    sessions,
  });

  it('sur un jeu où les deux règles d’autrefois divergeaient (session commencée encore ouverte, entrées permanentes)', () => {
    data = createDataDir();
    data.write('offre.json', {
      organismes: [{ id: 'O1', siret: null, name: 'Institut' }],
      formations: [{ id: 'F1', title: 'DEAS', certifying: true, entryLevel: null, exitLevel: 4, romeCodes: ['J1501'], organismeResponsableId: 'O1' }],
      actions: [
        action('A1', [{ id: 'S1', start: '2026-10-05', end: '2027-06-30', recruitmentState: 'ouvert' }, { id: 'S2', start: '2026-10-05', end: '2027-06-30', recruitmentState: 'ferme' }], false),
        action('A2', [{ id: 'S3', start: '2026-09-01', end: '2027-03-31' }, { id: 'S4', start: '2026-01-01', end: '2026-03-31' }, { id: 'S5', start: null, end: null }], true),
        action('A3', [{ id: 'S6', start: '2027-02-01', end: null }], false),
      ],
    });
    const catalog = loadCatalog(data.dir);
    const documents = buildActionDocuments({
      offer: catalog.offer(),
      metiers: catalog.listMetiers(),
      insertion: [],
      reviews: [],
      geo: loadGeoReferentiel(path.join(resolveDataDir(), 'geo')),
      today: TODAY,
    });
    const searched = documents.reduce((n, d) => n + d.sessions.length, 0);
    expect(searched).toBe(4); // S1, S3, S5, S6
    expect(catalog.trainingsForMetier('J1501', TODAY).map((t) => t.upcomingSessions)).toEqual([searched]);
  });

  it('sur la démo : pour chaque formation, sessions à venir du catalogue = sessions des documents de recherche', () => {
    const catalog = loadCatalog();
    const today = catalog.manifest().referenceDate ?? TODAY;
    const documents = buildActionDocuments({
      offer: catalog.offer(),
      metiers: catalog.listMetiers(),
      insertion: [],
      reviews: [],
      geo: loadGeoReferentiel(path.join(catalog.dataDir, 'geo')),
      today,
    });
    // Le catalogue réunit les formations de même intitulé et même niveau ; les cartes aussi (même intitulé).
    const key = (title: string, level: number | null) => `${titleKey(title)}|${level ?? '-'}`;
    const byFormation = new Map<string, number>();
    for (const d of documents) byFormation.set(key(d.title, d.level), (byFormation.get(key(d.title, d.level)) ?? 0) + d.sessions.length);
    let compared = 0;
    for (const metier of catalog.listMetiers()) {
      for (const t of catalog.trainingsForMetier(metier.code, today)) {
        expect(t.upcomingSessions, `${metier.code} ${t.formationId}`).toBe(byFormation.get(key(t.title, t.exitLevel)) ?? 0);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('période d’inscription : ouvertes, bientôt, fermées', () => {
  const period = (start: string | null, end: string | null) => ({ start, end });
  // [période, recrutement, accepte ?, ouvrira plus tard ?]
  const table: [ReturnType<typeof period> | null, 'ouvert' | 'ferme', boolean, boolean][] = [
    [null, 'ouvert', true, false], // pas de période annoncée : la règle d'avant
    [period('2026-11-01', '2026-12-31'), 'ouvert', true, false], // pendant
    [period('2026-11-23', '2026-11-23'), 'ouvert', true, false], // bornes comprises
    [period('2026-11-24', '2027-01-31'), 'ouvert', false, true], // pas encore : bientôt
    [period('2026-09-01', '2026-11-22'), 'ouvert', false, false], // finie hier : fermée
    [period('2026-11-24', null), 'ferme', false, false], // recrutement fermé : jamais « bientôt »
    [period(null, '2026-12-31'), 'ouvert', true, false],
  ];
  it.each(table)('%j, %s', (p, state, accepts, later) => {
    const session = { start: '2027-02-01', end: '2027-06-30', recruitmentState: state, enrolmentPeriod: p };
    expect(acceptsEnrolment(session, false, TODAY)).toBe(accepts);
    expect(opensLater(session, false, TODAY)).toBe(later);
  });

  it('état d’une formation : ouvertes > bientôt > fermées > aucune, avec le jour d’ouverture', () => {
    const soon = { start: '2027-05-03', end: '2027-09-30', recruitmentState: 'ouvert' as const, enrolmentPeriod: { start: '2027-02-01', end: '2027-05-02' } };
    const full = { start: '2027-01-04', end: '2027-03-31', recruitmentState: 'ferme' as const, enrolmentPeriod: null };
    expect(enrolmentOf({ permanentEntry: false, sessions: [soon, full] }, TODAY)).toBe('soon');
    expect(enrolmentOpensOn({ permanentEntry: false, sessions: [soon, full] }, TODAY)).toBe('2027-02-01');
    expect(enrolmentOf({ permanentEntry: false, sessions: [full] }, TODAY)).toBe('closed');
    expect(enrolmentOpensOn({ permanentEntry: false, sessions: [full] }, TODAY)).toBeNull();
    expect(bestEnrolment(['closed', 'soon', 'none'])).toBe('soon');
    expect(bestEnrolment(['closed', 'open'])).toBe('open');
    expect(bestEnrolment([])).toBe('none');
    expect(bestEnrolment(['soon', 'soon'])).toBe('soon');
    const soon2 = { ...soon, start: '2027-06-07', enrolmentPeriod: { start: '2027-01-15', end: '2027-06-06' } };
    expect(enrolmentOpensOn({ permanentEntry: false, sessions: [soon, soon2] }, TODAY)).toBe('2027-01-15');
    expect(enrolmentOpensOn({ permanentEntry: false, sessions: [soon2, soon] }, TODAY)).toBe('2027-01-15');
    expect(enrolmentOf({ permanentEntry: false, sessions: [{ ...soon, enrolmentPeriod: { start: null, end: '2026-11-01' } }] }, TODAY)).toBe('closed');
  });

  it('prochaine réunion d’information : la première à partir d’aujourd’hui', () => {
    expect(nextInformationDate(['2026-11-01', '2027-01-10', '2026-12-15'], TODAY)).toBe('2026-12-15');
    expect(nextInformationDate(['2026-12-15', '2027-01-10'], TODAY)).toBe('2026-12-15');
    expect(nextInformationDate(['2026-11-23'], TODAY)).toBe('2026-11-23');
    expect(nextInformationDate(['2026-11-01'], TODAY)).toBeNull();
  });
});
