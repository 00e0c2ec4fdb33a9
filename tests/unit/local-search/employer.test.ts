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
} from '../../../src/formations/employer';
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
  it('donne les sessions à venir proches des Herbiers, regroupées par organisme, avec leurs coordonnées', async () => {
    const r = parseQuery('ajout=soudeur%2C+chaudronnier&commune=Les+Herbiers&rayon=30&territoire=');
    if (!isSearchable(r)) throw new Error('demande incomplète');
    const result = await runEmployerSearch(services, r.form.metiers, r.place, TODAY);
    expect(result.widened).toBe(false);
    expect(result.organismes.length).toBeGreaterThan(1);
    expect(result.sessions).toBeGreaterThan(0);

    // Même ensemble que l'API : les formations sur place avec une session à venir.
    const api = await services.searchFormations(new URLSearchParams('metier=H2913&metier=H2902&commune=85109&rayon=30&par_page=50'));
    const expected = api.resultats.filter((x) => !x.a_distance && x.sessions.length > 0).map((x) => x.id).sort();
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

    // Export : une ligne par session, relue par un vrai lecteur CSV.
    const csv = employerCsv(result, (code) => services.getMetier(code)?.label ?? code);
    const rows: string[][] = parse(csv, { bom: true, delimiter: ';' });
    expect(rows[0]).toEqual(['Organisme', 'SIRET', 'Adresse de l’organisme', 'Téléphone', 'Courriel', 'Site web', 'Formation', 'Métiers visés', 'Lieu de formation', 'Distance (km)', 'Début de session', 'Fin de session']);
    expect(rows.length - 1).toBe(result.sessions);
    expect(employerCsvRows(result)).toHaveLength(result.sessions);
    expect(rows.slice(1).every((row) => row.length === 12 && row[0] !== '')).toBe(true);
    expect(rows.slice(1).some((row) => row[7]?.includes('Soudeur / Soudeuse (H2913)'))).toBe(true);
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
    const rows: string[][] = parse(employerCsv(empty!, (c) => c), { bom: true, delimiter: ';' });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe('Organisme');
  });
});

describe('groupByOrganisme', () => {
  const result = (id: string, extra: Partial<FormationResult> = {}): FormationResult => ({
    id,
    intitule: `Formation ${id}`,
    organisme: 'x',
    lieu: { commune: 'Cholet', code_insee: '49099', lat: 47, lon: -0.9 },
    distance_km: 10,
    a_distance: false,
    sessions: [{ debut: '2027-01-04', fin: '2027-03-31', en_cours: false }],
    niveau_sortie: 3,
    modalite: 'presentiel',
    duree_heures: 400,
    metiers: ['H2913', 'I1304'],
    ...extra,
  });
  const organisme = (id: string) => ({ id, nom: `Organisme ${id}`, siret: null, adresse: null, contact: { nom: null, telephone: null, email: null, site_web: null } });
  const details: Record<string, { organisme: ReturnType<typeof organisme>; contact: { nom: null; telephone: string; email: null; site_web: null } | null }> = {
    a: { organisme: organisme('O1'), contact: { nom: null, telephone: '02 00 00 00 00', email: null, site_web: null } },
    b: { organisme: organisme('O1'), contact: null },
    c: { organisme: organisme('O2'), contact: null },
  };

  it('regroupe, écarte le « à distance » et les actions sans session, et complète le contact par celui de l’action', () => {
    const { groups, distanceLearning } = groupByOrganisme(
      [result('c', { distance_km: 3 }), result('a'), result('b', { sessions: [] }), result('d', { a_distance: true, distance_km: null })],
      new Set(['H2913']),
      (id) => details[id],
      '2026-11-23',
    );
    expect(distanceLearning).toBe(1);
    expect(groups.map((g) => g.organisme.id)).toEqual(['O2', 'O1']);
    expect(groups[1]?.trainings.map((t) => t.actionId)).toEqual(['a']);
    expect(groups[1]?.organisme.contact.telephone).toBe('02 00 00 00 00');
    expect(groups[1]?.trainings[0]?.metiers).toEqual(['H2913']);
    expect(groups[1]?.ends.groups[1]).toMatchObject({ period: 'next', count: 1 });
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
