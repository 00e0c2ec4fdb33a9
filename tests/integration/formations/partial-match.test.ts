/**
 * « Correspond en partie » : la règle (src/search/match-coverage.ts) et le classement du cas d'usage
 * (src/formations/search.ts) : au tri « pertinence », aucune correspondance partielle ne passe
 * devant une complète, sur toutes les requêtes du jeu de pertinence et sur toutes les pages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbeddedEngine, type EmbeddedEngine } from '../../../src/search/embedded';
import { resolveDataDir } from '../../../src/catalog/files';
import { coverageOf } from '../../../src/search/match-coverage';
import { buildTextQuery } from '../../../src/search/embedded-query';
import { formationsQuery, searchFormations } from '../../../src/formations/search';

let engine: EmbeddedEngine;
beforeAll(async () => {
  engine = await loadEmbeddedEngine(resolveDataDir());
});

describe('coverageOf', () => {
  const doc = (title: string, metierLabels: string[] = []) => ({ title, metierLabels });
  it.each([
    ['agent de sécurité', 'CAP Agent de sécurité', [], true, []],
    ['agent de sécurité', "Titre professionnel Agent de propreté et d'hygiène", [], false, ['securite']],
    ['agents de securite', 'CAP Agent de sécurité', [], true, []], // pluriel, accents
    ['agent de securiter', 'CAP Agent de sécurité', [], true, []], // une faute tolérée (mot de 9 lettres)
    ['tssr', 'Titre professionnel Technicien supérieur systèmes et réseaux', [], true, []], // synonyme
    ['aide à domicile', 'Titre professionnel Assistant de vie aux familles', ['Aide à domicile'], true, []], // métier visé
    ['boulan', 'CAP Boulanger', [], true, []], // début du dernier mot
    ['cuisine bio', 'CAP Cuisine', [], false, ['bio']],
  ] as const)('« %s » dans « %s »', (text, title, labels, full, missing) => {
    const plan = buildTextQuery(text)!;
    expect(coverageOf(doc(title, [...labels]), plan)).toEqual({ full, missing: [...missing] });
  });
  it('sans mot cherchable : pas de plan (tout correspond)', () => {
    expect(buildTextQuery('de la')).toBeNull();
  });
});

describe('les correspondances complètes d’abord', () => {
  const queries = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../relevance/queries.json'), 'utf8')) as { queries: { q: string }[] }).queries;
  it(`sur les ${queries.length} requêtes du jeu de pertinence, pages 1 à 3 : jamais une partielle avant une complète`, async () => {
    let partial = 0;
    for (const { q } of queries) {
      const order: boolean[] = [];
      for (let page = 1; page <= 3; page++) {
        const result = await searchFormations(engine, formationsQuery({ text: q, page, perPage: 20 }));
        order.push(...result.hits.map((h) => h.missing === undefined));
        if (page * 20 >= result.total) break;
      }
      const firstPartial = order.indexOf(false);
      if (firstPartial >= 0) {
        partial += 1;
        expect(order.slice(firstPartial).includes(true), q).toBe(false);
      }
    }
    expect(partial).toBeGreaterThan(0); // le jeu contient des requêtes à correspondances partielles
  }, 120_000);
  it('les autres tris gardent l’ordre du moteur, mais disent quand même « en partie »', async () => {
    const result = await searchFormations(engine, formationsQuery({ text: 'agent de sécurité', sort: 'date', perPage: 50 }));
    const raw = await engine.search(formationsQuery({ text: 'agent de sécurité', sort: 'date', perPage: 50 }));
    expect(result.hits.map((h) => h.document.id)).toEqual(raw.hits.map((h) => h.document.id));
    expect(result.hits.some((h) => h.missing?.includes('securite'))).toBe(true);
  });
});

describe('peu de résultats : des métiers proches', () => {
  it('les mobilités du ROME du métier cherché (par code, à défaut par le texte), sans lui-même', async () => {
    const { createApiServices } = await import('../../../src/http/services');
    const services = createApiServices();
    const { searchFormations: api } = await import('../../../src/http/formations');
    const withRelated = services.metiers.related(['J1501'], '');
    expect(withRelated.length).toBeGreaterThan(0);
    expect(withRelated.map((m) => m.code)).not.toContain('J1501');
    expect(services.metiers.related([], 'aide soignante').map((m) => m.code)).toEqual(withRelated.map((m) => m.code));
    const few = await api(engine, formationsQuery({ text: 'zzzz introuvable' }), services.insertion.originOf, {}, services.metiers);
    expect(few.total).toBe(0);
    expect(few.vouliez_vous_dire).toBeNull(); // rien d'assez proche
    const typo = await api(engine, formationsQuery({ text: 'aide soingnnate' }), services.insertion.originOf, {}, services.metiers);
    if (typo.total < 5) expect(typo.vouliez_vous_dire).toMatch(/^Aide-soignant/);
    expect(services.metiers.closest('aide soingnnate')).toMatch(/^Aide-soignant/);
    expect(services.metiers.closest('Aide-soignant / Aide-soignante')).toBeNull(); // déjà un libellé
    expect(services.metiers.closest('ab')).toBeNull();
    // Le métier corrigé donne aussi ses métiers proches.
    expect(services.metiers.related([], 'aide soingnnate').map((m) => m.code)).toEqual(withRelated.map((m) => m.code));
    const many = await api(engine, formationsQuery({ romeCodes: ['J1501'] }), services.insertion.originOf, {}, services.metiers);
    expect(many.total).toBeGreaterThanOrEqual(5);
    expect(many.metiers_proches).toEqual([]);
    const rare = await api(engine, formationsQuery({ romeCodes: ['J1501'], filters: { departements: ['53'], certifying: true }, perPage: 1 }), services.insertion.originOf, {}, services.metiers);
    if (rare.total < 5) expect(rare.metiers_proches).toEqual(withRelated);
  });
});
