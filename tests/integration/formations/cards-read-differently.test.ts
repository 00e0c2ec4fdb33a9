/**
 * « Aucune carte ne se lit comme une autre » : sur une page de résultats, dans « Autres sessions
 * proches » et dans la liste des formations d'une fiche métier, deux éléments n'ont jamais le
 * même texte. Vérifié sur les requêtes du jeu de pertinence et sur 200 requêtes générées (graine
 * fixe), avec le vrai moteur embarqué, le vrai cas d'usage de la page et le vrai composant rendu
 * en texte (ce que lit la personne, lecteur d'écran compris).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiServices, type ApiServices } from '../../../src/http/services';
import { loadEmbeddedEngine, type EmbeddedEngine } from '../../../src/search/embedded';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadCatalog } from '../../../src/catalog/index';
import { searchPage, type SearchPageDeps } from '../../../src/formations/search-page';
import { nearbyFormations } from '../../../src/formations/nearby';
import { toFormationResult } from '../../../src/http/formations';
import { ResultCard } from '../../../src/components/search/ResultCard';
import { facetLabels, type FacetLabels } from '../../../src/components/search/labels';
import { levelLabel } from '../../../src/domain/levels';
import type { FormationResult } from '../../../src/http/schemas';

let services: ApiServices;
let deps: SearchPageDeps;
let engine: EmbeddedEngine;
let labels: FacetLabels;

beforeAll(async () => {
  services = createApiServices();
  engine = await loadEmbeddedEngine(resolveDataDir());
  deps = { geo: services.geo, schema: services.formationsParams, insertion: services.insertion, engine };
  labels = facetLabels(services.geo.allTerritoires());
});

/** Le texte d'une carte, tel qu'il se lit (balises retirées, blancs réduits). */
function cardText(result: FormationResult): string {
  return render(h(ResultCard, { result, labels }))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function duplicates(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((t) => (seen.has(t) ? true : (seen.add(t), false)));
}

/** Générateur pseudo-aléatoire à graine fixe (les 200 requêtes sont les mêmes à chaque exécution). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const relevanceQueries = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../relevance/queries.json'), 'utf8')) as { queries: { q: string; commune?: string; rayon?: number }[] }).queries;

function generatedQueries(count: number): URLSearchParams[] {
  const random = lcg(20261203);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const metiers = loadCatalog().listMetiers();
  const communes = ['49099', '53130', '85109', '44109', '72181', '49007', '85191', '44184', '49328', '53147'];
  const sorts = ['pertinence', 'distance', 'date', 'insertion', 'note'];
  const out: URLSearchParams[] = [];
  for (let i = 0; i < count; i++) {
    const p = new URLSearchParams();
    const metier = pick(metiers);
    const words = metier.label.split(/\s+/).slice(0, 1 + Math.floor(random() * 3)).join(' ');
    if (random() < 0.7) p.set('q', words);
    else p.append('metier', metier.code);
    if (random() < 0.6) {
      p.set('commune', pick(communes));
      p.set('rayon', String(pick([10, 20, 30, 50, 100])));
      p.set('tri', pick(sorts));
    } else p.set('tri', pick(sorts.filter((s) => s !== 'distance')));
    if (random() < 0.2) p.set('page', '2');
    if (random() < 0.3) p.set('inscrit_ft', pick(['oui', 'non']));
    out.push(p);
  }
  return out;
}

describe('aucune carte ne se lit comme une autre', () => {
  it(`pages de résultats : ${relevanceQueries.length} requêtes du jeu de pertinence et 200 requêtes générées`, async () => {
    const queries = [
      ...relevanceQueries.map((q) => new URLSearchParams({ q: q.q, ...(q.commune ? { commune: q.commune } : {}), ...(q.rayon ? { rayon: String(q.rayon) } : {}) })),
      ...generatedQueries(200),
    ];
    let pages = 0;
    let cards = 0;
    for (const params of queries) {
      const view = await searchPage(params, deps);
      const texts = view.response.resultats.map(cardText);
      expect(duplicates(texts), params.toString()).toEqual([]);
      for (const r of view.response.resultats) expect(new Set(r.variantes.map((v) => v.libelle)).size, `${params} ${r.id}`).toBe(r.variantes.length);
      pages += 1;
      cards += texts.length;
    }
    expect(pages).toBe(queries.length);
    expect(cards).toBeGreaterThan(1000);
  }, 120_000);

  it('« Autres sessions proches » : pour 300 cartes, ni doublon ni la carte elle-même', async () => {
    let checked = 0;
    for (const doc of engine.documents.slice(0, 300)) {
      if (doc.distanceLearning) continue;
      const hits = await nearbyFormations(engine, { id: doc.id, lat: doc.lat, lon: doc.lon, romeCodes: doc.romeCodes, title: doc.title });
      const results = hits.map((hit) => toFormationResult(hit, services.insertion.originOf));
      expect(results.map((r) => r.id)).not.toContain(doc.id);
      expect(duplicates(results.map(cardText)), doc.id).toEqual([]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(200);
  }, 120_000);

  it('fiches métiers : chaque ligne « Se former » se lit une seule fois', () => {
    const catalog = loadCatalog();
    const today = catalog.manifest().referenceDate ?? '2026-12-01';
    let lines = 0;
    for (const metier of catalog.listMetiers()) {
      const texts = catalog.trainingsForMetier(metier.code, today).map((t) => `${t.title} — ${t.exitLevel === null ? '' : levelLabel(t.exitLevel)}`);
      expect(duplicates(texts), metier.code).toEqual([]);
      lines += texts.length;
    }
    expect(lines).toBeGreaterThan(50);
  });
});
