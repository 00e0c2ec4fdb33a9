/**
 * Page « Recruter » : lecture du formulaire (métiers tapés ou cochés, commune ou territoire,
 * erreurs), recherche et regroupement par organisme sur les données de démonstration et le vrai
 * moteur, export CSV. Cas de référence : un employeur des Herbiers qui recrute soudeurs et chaudronniers.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  MAX_EMPLOYER_METIERS,
  employerQuery,
  groupByOrganisme,
  isSearchable,
  parseEmployerRequest,
  runEmployerSearch,
  splitMetierQueries,
  sessionsByEnd,
} from '../../../src/formations/employer';
import { addMonths } from '../../../src/domain/calendar';
import { employerCsv, employerCsvRows, frenchDate } from '../../../src/formations/employer-csv';
import type { FormationResult } from '../../../src/http/schemas';
import { realServices } from './support';

const services = await realServices();
const parseQuery = (query: string | URLSearchParams) => parseEmployerRequest(services, typeof query === 'string' ? new URLSearchParams(query) : query);
const TODAY = '2026-11-23';

describe('splitMetierQueries', () => {
  it('découpe sur les virgules, points-virgules et retours à la ligne, sans doublon ni vide', () => {
    expect(splitMetierQueries('soudeur, chaudronnier ;cariste\nsoudeur,, ')).toEqual(['soudeur', 'chaudronnier', 'cariste']);
  });
});

describe('parseEmployerRequest', () => {
  it('résout les métiers tapés et la commune : soudeur et chaudronnier aux Herbiers', () => {
    const r = parseQuery('ajout=soudeur%2C+chaudronnier&commune=Les+Herbiers&rayon=30&territoire=');
    expect(r.errors).toEqual({});
    expect(r.submitted).toBe(true);
    expect(r.form.metiers.map((m) => m.code)).toEqual(['H2913', 'H2902']);
    expect(r.place).toMatchObject({ kind: 'commune', radiusKm: 30, commune: { inseeCode: '85109' } });
    expect(isSearchable(r)).toBe(true);
    // Les métiers proposés ne répètent jamais un métier retenu.
    const proposed = r.suggestions.flatMap((s) => s.metiers.map((m) => m.code));
    expect(proposed).not.toContain('H2913');
    expect(proposed).not.toContain('H2902');
    expect(new Set(proposed).size).toBe(proposed.length);
  });

  it('garde les métiers cochés et accepte un territoire', () => {
    const r = parseQuery('metier=h2913&metier=H2913&ajout=&territoire=vendee-nord');
    expect(r.form.metiers.map((m) => m.code)).toEqual(['H2913']);
    expect(r.place).toMatchObject({ kind: 'territoire', territoire: { slug: 'vendee-nord' } });
  });

  it('un lien qui ne donne qu’un territoire pré-remplit le formulaire sans afficher d’erreur', () => {
    const r = parseQuery('territoire=vendee-nord');
    expect(r.submitted).toBe(false);
    expect(r.errors).toEqual({});
    expect(isSearchable(r)).toBe(false);
    expect(r.form.territoire).toBe('vendee-nord');
  });

  it('signale chaque champ manquant ou invalide, en français, et garde la saisie', () => {
    expect(parseQuery('ajout=&commune=&territoire=').errors).toEqual({
      metier: expect.stringContaining('au moins un métier'),
      commune: expect.stringContaining('Indiquez votre commune'),
    });
    expect(parseQuery('ajout=soudeur&commune=&territoire=').errors).toEqual({ commune: expect.stringContaining('Indiquez votre commune') });
    expect(parseQuery('ajout=&commune=Laval&territoire=').errors).toEqual({ metier: expect.stringContaining('au moins un métier') });
    const bad = parseQuery('ajout=xqzw%2C+soudeur&commune=Zzzzville&rayon=7&territoire=');
    expect(bad.errors.ajout).toContain('« xqzw »');
    expect(bad.form.ajout).toBe('xqzw');
    expect(bad.form.metiers.map((m) => m.code)).toEqual(['H2913']);
    expect(bad.errors.commune).toContain('Zzzzville');
    expect(bad.form.commune).toBe('Zzzzville');
    expect(bad.errors.rayon).toContain('10, 20, 30, 50, 100');
    expect(parseQuery('ajout=&metier=Z9999&metier=J1501&code_commune=53130').errors.metier).toContain('« Z9999 »');
    expect(parseQuery('ajout=soudeur&commune=Laval&territoire=vendee-nord').errors.territoire).toContain('pas les deux');
    expect(parseQuery('ajout=soudeur&territoire=nulle-part').errors.territoire).toContain('Territoire inconnu');
  });

  it('résiste aux entrées hostiles sans lever d’exception', () => {
    const many = new URLSearchParams();
    for (let i = 0; i < 10_000; i += 1) many.append('metier', 'J1501');
    many.set('ajout', '');
    expect(() => parseQuery(many)).not.toThrow();
    const tooMany = new URLSearchParams('ajout=&code_commune=53130');
    for (const code of ['A1203', 'A1419', 'A1433', 'D1101', 'D1102', 'D1104', 'D1202', 'D1505', 'D1507', 'F1302', 'F1602', 'F1603', 'F1606', 'F1608', 'F1610', 'F1619', 'F1703', 'G1609', 'G1703', 'G1803', 'H2102']) {
      tooMany.append('metier', code);
    }
    expect(parseQuery(tooMany).errors.metier).toContain(`${MAX_EMPLOYER_METIERS} métiers au plus`);
    for (const hostile of ['") OR _geoRadius(', '<script>alert(1)</script>', '\u0000\u001f', '💥'.repeat(300), "l'aide-soignante'; DROP TABLE"]) {
      const q = new URLSearchParams({ ajout: hostile, commune: hostile, territoire: '', rayon: hostile });
      expect(() => parseQuery(q)).not.toThrow();
      expect(Object.keys(parseQuery(q).errors).length).toBeGreaterThan(0);
    }
  });
});

describe('runEmployerSearch', () => {
  it('donne les sessions en cours et à venir proches des Herbiers, regroupées par organisme, avec leurs coordonnées', async () => {
    const r = parseQuery('ajout=soudeur%2C+chaudronnier&commune=Les+Herbiers&rayon=30&territoire=');
    if (!isSearchable(r)) throw new Error('demande incomplète');
    const result = await runEmployerSearch(services, r.form.metiers, r.place, TODAY);
    expect(result.widened).toBe(false);
    expect(result.organismes.length).toBeGreaterThan(1);
    expect(result.sessions).toBeGreaterThan(0);

    // Même ensemble que l'API : les formations sur place avec une session pas encore finie (en cours ou à venir).
    const api = await services.searchFormations(new URLSearchParams('metier=H2913&metier=H2902&commune=85109&rayon=30&par_page=50'));
    // Une carte réunit parfois plusieurs actions (même formation, même lieu) : leurs sessions comptent toutes.
    const notEnded = (ids: string[]) => ids.some((id) => services.detailOf(id)!.sessions.some((s) => s.fin === null || s.fin >= TODAY));
    const expected = api.resultats.filter((x) => !x.a_distance && notEnded(x.actions)).map((x) => x.id).sort();
    expect(result.organismes.flatMap((g) => g.trainings.map((t) => t.actionId)).sort()).toEqual(expected);

    for (const group of result.organismes) {
      expect(group.organisme.nom).not.toBe('');
      expect(group.sessions).toBe(group.trainings.reduce((n, t) => n + t.sessions.length, 0));
      expect(group.ends.total).toBeLessThanOrEqual(group.sessions);
      for (const t of group.trainings) {
        expect(t.distanceKm!).toBeLessThanOrEqual(30);
        expect(t.metiers.length).toBeGreaterThan(0);
        expect(t.metiers.every((c) => c === 'H2913' || c === 'H2902')).toBe(true);
      }
    }
    const nearest = result.organismes.map((g) => g.nearestKm ?? Infinity);
    expect(nearest).toEqual([...nearest].sort((a, b) => a - b));

    // Export : une ligne par session, par date de fin, relue par un vrai lecteur CSV.
    const csv = employerCsv(result, (code) => services.getMetier(code)?.label ?? code, 'https://versmonmetier.example.org');
    const rows: string[][] = parse(csv, { bom: true, delimiter: ';' });
    expect(rows[0]).toEqual([
      'Organisme', 'SIRET', 'Adresse de l’organisme', 'Téléphone', 'Courriel', 'Site web', 'Formation', 'Métiers visés', 'Lieu de formation', 'Distance (km)',
      'Début de session', 'Fin de session', 'Session', 'Inscriptions', 'Identifiant de l’action', 'Fiche de la formation',
    ]);
    expect(rows.length - 1).toBe(result.sessions);
    expect(employerCsvRows(result)).toHaveLength(result.sessions);
    expect(rows.slice(1).every((row) => row.length === 16 && row[0] !== '')).toBe(true);
    expect(rows.slice(1).some((row) => row[7]?.includes('Soudeur / Soudeuse (H2913)'))).toBe(true);
    const ids = new Set(api.resultats.flatMap((x) => x.actions));
    for (const row of rows.slice(1)) {
      expect(ids.has(row[14]!), row[14]).toBe(true);
      expect(row[15]).toMatch(new RegExp(`^https://versmonmetier\\.example\\.org/formations/${row[14]}-[a-z0-9-]+$`));
      expect(['en cours', 'à venir']).toContain(row[12]);
      expect(['ouvertes', 'fermées']).toContain(row[13]);
    }
    // Par date de fin (JJ/MM/AAAA relue en AAAA-MM-JJ), sans date de fin en dernier.
    const ends = rows.slice(1).map((row) => (row[11] ? row[11].split('/').reverse().join('-') : '9999-12-31'));
    expect(ends).toEqual([...ends].sort());
    expect(result.byEnd).toHaveLength(result.sessions);
  });

  it('« se terminent dans les 3 mois » : un sous-ensemble, chaque fin connue et au plus dans 3 mois ; le lien le garde ; un autre nombre est refusé en français', async () => {
    const all = parseQuery('ajout=soudeur%2C+chaudronnier&commune=Les+Herbiers&rayon=30&territoire=');
    const soon = parseQuery('ajout=soudeur%2C+chaudronnier&commune=Les+Herbiers&rayon=30&territoire=&fin=3');
    if (!isSearchable(all) || !isSearchable(soon)) throw new Error('demande incomplète');
    expect(soon.form.fin).toBe(3);
    const everything = await runEmployerSearch(services, all.form.metiers, all.place, TODAY);
    const within = await runEmployerSearch(services, soon.form.metiers, soon.place, TODAY, soon.form.fin);
    const limit = addMonths(TODAY, 3);
    expect(within.sessions).toBeGreaterThan(0);
    expect(within.sessions).toBeLessThan(everything.sessions);
    expect(within.byEnd.every((r) => r.session.end !== null && r.session.end >= TODAY && r.session.end <= limit)).toBe(true);
    expect(within.sessions).toBe(everything.byEnd.filter((r) => r.session.end !== null && r.session.end <= limit).length);
    expect(employerQuery(soon.form.metiers, soon.place, {}, soon.form.fin)).toMatch(/&fin=3$/);
    const bad = parseQuery('metier=H2913&ajout=&territoire=vendee-nord&fin=7');
    expect(bad.errors.fin).toBe('Choisissez des sessions qui se terminent dans les 3, 6 ou 12 mois, ou toutes.');
  });

  it('cherche dans un territoire : les mêmes formations que l’API pour ce territoire', async () => {
    const r = parseQuery('metier=H2913&ajout=&territoire=vendee-nord');
    if (!isSearchable(r)) throw new Error('demande incomplète');
    const result = await runEmployerSearch(services, r.form.metiers, r.place, TODAY);
    expect(result.radiusKm).toBeNull();
    const api = await services.searchFormations(new URLSearchParams('metier=H2913&territoire=vendee-nord&par_page=50'));
    const expected = api.resultats.filter((x) => !x.a_distance && x.sessions.length > 0).map((x) => x.id).sort();
    expect(result.organismes.flatMap((g) => g.trainings.map((t) => t.actionId)).sort()).toEqual(expected);
  });

  it('un territoire sans aucune session pour ce métier donne une liste vide et un CSV valide (en-tête seul)', async () => {
    let empty = null;
    for (const t of services.geo.allTerritoires()) {
      const result = await runEmployerSearch(services, [{ code: 'A1433' }], { kind: 'territoire', territoire: t }, TODAY);
      if (result.organismes.length === 0) {
        empty = result;
        break;
      }
    }
    expect(empty, 'au moins un territoire sans formation de maraîcher').not.toBeNull();
    expect(empty!.sessions).toBe(0);
    const rows: string[][] = parse(employerCsv(empty!, (c) => c, 'https://versmonmetier.example.org'), { bom: true, delimiter: ';' });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe('Organisme');
  });
});

describe('groupByOrganisme', () => {
  const result = (id: string, extra: Partial<FormationResult> = {}): FormationResult => ({
    id,
    intitule: `Formation ${id}`,
    organisme: 'x',
    actions: [id],
    correspondance: 'complete',
    metier_compris: null,
    mots_absents: [],
    lieu: { commune: 'Cholet', code_insee: '49099', site: null, lat: 47, lon: -0.9 },
    distance_km: 10,
    a_distance: false,
    sessions: [{ debut: '2027-01-04', fin: '2027-03-31', en_cours: false, complete: false, inscriptions_ouvrent_le: null, variante: 0 }],
    inscriptions: 'ouvertes',
    inscriptions_ouvrent_le: null,
    reunion_information: null,
    variantes: [],
    cout: { type: 'unknown', phrase: 'Coût pour vous : à vérifier.', paye_pendant: '', reste: null, remarque: null, sources: [] },
    niveau_sortie: 3,
    modalite: 'presentiel',
    duree_heures: 400,
    metiers: ['H2913', 'I1304'],
    ...extra,
  });
  const organisme = (id: string) => ({ id, nom: `Organisme ${id}`, siret: null, adresse: null, contact: { nom: null, telephone: null, email: null, site_web: null } });
  type Stub = NonNullable<ReturnType<Parameters<typeof groupByOrganisme>[2]>>;
  const session = (id: string, debut: string | null, fin: string | null, recrutement: 'ouvert' | 'ferme' = 'ouvert') => ({ id, debut, fin, recrutement, recrutement_libelle: recrutement, modalites_inscription: null, periode_inscription: null });
  const upcoming = session('s-a-venir', '2027-01-04', '2027-03-31');
  const details: Record<string, Stub> = {
    a: { id: 'a', organisme: organisme('O1'), contact: { nom: null, telephone: '02 00 00 00 00', email: null, site_web: null }, entree_permanente: false, sessions: [upcoming] },
    // Seulement une session finie : écartée.
    b: { id: 'b', organisme: organisme('O1'), contact: null, entree_permanente: false, sessions: [session('s-finie', '2026-01-05', '2026-06-30')] },
    c: { id: 'c', organisme: organisme('O2'), contact: null, entree_permanente: false, sessions: [upcoming] },
    d: { id: 'd', organisme: organisme('O3'), contact: null, entree_permanente: false, sessions: [upcoming] },
    // En cours, fermée aux inscriptions (elle finit bientôt : ce que l'employeur cherche) ; en cours et ouverte ; à venir, complète.
    e: {
      id: 'e',
      organisme: organisme('O4'),
      contact: null,
      entree_permanente: false,
      sessions: [session('s-en-cours', '2026-09-01', '2026-12-18', 'ferme'), session('s-en-cours-ouverte', '2026-10-05', '2027-05-28'), session('s-complete', '2027-02-01', '2027-09-30', 'ferme'), session('s-sans-fin', '2027-04-01', null)],
    },
  };
  const TODAY_STUB = '2026-11-23';

  it('regroupe, écarte le « à distance » et les actions sans session en cours ou à venir, et complète le contact par celui de l’action', () => {
    const { groups, distanceLearning } = groupByOrganisme(
      [result('c', { distance_km: 3 }), result('a'), result('b', { sessions: [] }), result('d', { a_distance: true, distance_km: null })],
      new Set(['H2913']),
      (id) => details[id],
      TODAY_STUB,
    );
    expect(distanceLearning).toBe(1);
    expect(groups.map((g) => g.organisme.id)).toEqual(['O2', 'O1']);
    expect(groups[1]?.trainings.map((t) => t.actionId)).toEqual(['a']);
    expect(groups[1]?.organisme.contact.telephone).toBe('02 00 00 00 00');
    expect(groups[1]?.trainings[0]?.metiers).toEqual(['H2913']);
    expect(groups[1]?.ends.groups[1]).toMatchObject({ period: 'next', count: 1 });
  });

  it('sessions en cours (même fermées) et à venir, chacune avec où elle en est et si l’on peut s’inscrire ; triées par date de fin', () => {
    const { groups } = groupByOrganisme([result('e')], new Set(['H2913']), (id) => details[id], TODAY_STUB);
    expect(groups[0]!.trainings[0]!.sessions.map((s) => [s.id, s.progress, s.open])).toEqual([
      ['s-en-cours', 'under-way', false],
      ['s-en-cours-ouverte', 'under-way', true],
      ['s-complete', 'upcoming', false],
      ['s-sans-fin', 'upcoming', true],
    ]);
    expect(sessionsByEnd(groups).map((r) => r.session.id)).toEqual(['s-en-cours', 's-en-cours-ouverte', 's-complete', 's-sans-fin']);
  });

  it('« se terminent dans les 3 mois » : seulement les fins connues jusqu’à cette date', () => {
    const { groups } = groupByOrganisme([result('e'), result('a')], new Set(['H2913']), (id) => details[id], TODAY_STUB, '2027-02-23');
    expect(groups.flatMap((g) => g.trainings.flatMap((t) => t.sessions.map((s) => s.id)))).toEqual(['s-en-cours']);
  });
});

describe('employerQuery et frenchDate', () => {
  it('écrit un lien avec les codes résolus', () => {
    const r = parseQuery('ajout=soudeur&commune=Les+Herbiers&rayon=20');
    if (!isSearchable(r)) throw new Error('demande incomplète');
    expect(employerQuery(r.form.metiers, r.place, { vue: 'impression' })).toBe('metier=H2913&code_commune=85109&rayon=20&vue=impression');
    expect(frenchDate('2027-03-05')).toBe('05/03/2027');
    expect(frenchDate(null)).toBe('');
  });
});
