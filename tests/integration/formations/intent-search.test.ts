/**
 * « Dites-le avec vos mots » : le classement du cas d'usage (src/formations/search.ts) avec la
 * lecture des fiches (src/metiers/intent.ts), le vrai moteur embarqué et les vraies fiches :
 *  - sur un petit jeu écrit ici : correspondances complètes, puis formations des métiers compris,
 *    puis correspondances partielles ; rien en double ; total et facettes comptent les trois ;
 *  - sur la démo construite : « couper les cheveux » trouve des formations de coiffure, l'API dit
 *    ce qu'elle a compris, et la réponse suit son schéma ; retirer un métier, les mots seuls.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../src/catalog/files';
import { createEmbeddedEngine, loadEmbeddedEngine, type EmbeddedEngine } from '../../../src/search/embedded';
import { formationsQuery, searchFormations } from '../../../src/formations/search';
import { createIntentIndex } from '../../../src/metiers/intent';
import { Metier } from '../../../src/domain/metier';
import { searchFormations as apiSearch, ONLY_FILLERS_MESSAGE } from '../../../src/http/formations';
import { parseFormationsParams } from '../../../src/http/params';
import { FormationsResponse } from '../../../src/http/schemas';
import { createApiServices, type ApiServices } from '../../../src/http/services';
import { actionDocument } from '../../support/action-document';

const fiche = (code: string, label: string, definition: string): Metier =>
  Metier.parse({ code, label, definition, domain: { letter: code[0], code: code.slice(0, 3), label: '' }, source: 'demo' });

describe('ordre : les mots d’abord, puis les métiers compris, puis « en partie »', () => {
  const docs = [
    actionDocument({ id: 'a-direct', title: 'Atelier couper les cheveux', romeCodes: ['K1303'], metierLabels: ['Garde d’enfant'] }),
    actionDocument({ id: 'b-cap', title: 'CAP Métiers de la coiffure', romeCodes: ['D1202'], metierLabels: ['Coiffeur'] }),
    actionDocument({ id: 'c-bp', title: 'BP Coiffure', romeCodes: ['D1202'], metierLabels: ['Coiffeur'] }),
    actionDocument({ id: 'd-partial', title: 'Remise à niveau', romeCodes: [], metierLabels: [], description: 'Couper les cheveux en quatre : apprendre à raisonner.' }),
    actionDocument({ id: 'e-other', title: 'CAP Cuisine', romeCodes: ['G1609'], metierLabels: ['Cuisinier'] }),
  ];
  const engine = createEmbeddedEngine(docs);
  const intent = createIntentIndex([fiche('D1202', 'Coiffeur / Coiffeuse', 'Le coiffeur coupe les cheveux.'), fiche('G1609', 'Cuisinier / Cuisinière', 'Le cuisinier prépare les plats.')]);

  it('complète, puis les deux formations du coiffeur, puis la partielle ; la cuisine n’y est pas', async () => {
    const found = await searchFormations(engine, formationsQuery({ text: 'couper les cheveux' }), { intent });
    expect(found.understanding?.metiers.map((m) => m.code)).toEqual(['D1202']);
    expect(found.hits.map((h) => h.document.id)).toEqual(['a-direct', expect.stringMatching(/^(b-cap|c-bp)$/), expect.stringMatching(/^(b-cap|c-bp)$/), 'd-partial']);
    expect(found.hits.map((h) => (h.intent ? 'metier' : h.missing ? 'partielle' : 'complete'))).toEqual(['complete', 'metier', 'metier', 'partielle']);
    expect(found.total).toBe(4);
    expect(found.facets.teachingMode.presentiel).toBe(4);
  });
  it('page par page : rien en double, rien de perdu', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) seen.push(...(await searchFormations(engine, formationsQuery({ text: 'couper les cheveux', page, perPage: 1 }), { intent })).hits.map((h) => h.document.id));
    expect(new Set(seen).size).toBe(4);
  });
  it('un métier retiré, ou les mots seuls : seulement les formations qui contiennent les mots', async () => {
    for (const options of [{ intent, removedMetiers: ['D1202'] }, { intent, wordsOnly: true }]) {
      const found = await searchFormations(engine, formationsQuery({ text: 'couper les cheveux' }), options);
      expect(found.hits.map((h) => h.document.id)).toEqual(['a-direct', 'd-partial']);
    }
  });
  it('sans lecture des fiches : la recherche d’avant', async () => {
    const found = await searchFormations(engine, formationsQuery({ text: 'couper les cheveux' }));
    expect(found.understanding).toBeNull();
    expect(found.total).toBe(2);
  });
  it('un métier choisi par la personne (metier=…) : rien n’est ajouté', async () => {
    const found = await searchFormations(engine, formationsQuery({ text: 'couper les cheveux', romeCodes: ['K1303'] }), { intent });
    expect(found.hits.map((h) => h.document.id)).toEqual(['a-direct']);
  });
  it('un autre tri : les mots d’abord, puis les métiers compris', async () => {
    const found = await searchFormations(engine, formationsQuery({ text: 'couper les cheveux', sort: 'date' }), { intent });
    expect(found.hits.slice(2).every((h) => h.intent?.code === 'D1202')).toBe(true);
    expect(found.total).toBe(4);
  });
});

describe('sur la démo construite', () => {
  let engine: EmbeddedEngine;
  let services: ApiServices;
  beforeAll(async () => {
    engine = await loadEmbeddedEngine(resolveDataDir());
    services = createApiServices();
  });
  const api = async (query: string) => {
    const parsed = parseFormationsParams(services.formationsParams, new URLSearchParams(query));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.champs));
    return FormationsResponse.parse(await apiSearch(engine, parsed.query, services.insertion.originOf, parsed.situation, services.metiers, parsed.understanding));
  };
  it('« couper les cheveux » : des formations de coiffure, et « Nous avons compris : métier Coiffeur / Coiffeuse »', async () => {
    const r = await api('q=couper+les+cheveux');
    expect(r.compris?.metiers).toEqual([{ code: 'D1202', libelle: 'Coiffeur / Coiffeuse' }]);
    expect(r.resultats.length).toBeGreaterThan(0);
    expect(r.resultats.every((x) => x.metiers.includes('D1202'))).toBe(true);
    expect(r.resultats[0]?.correspondance).toBe('metier');
    expect(r.resultats[0]?.metier_compris?.code).toBe('D1202');
  });
  it('retirer le métier : plus aucune formation de coiffure ajoutée', async () => {
    const r = await api('q=couper+les+cheveux&sans_metier=D1202');
    expect(r.compris?.metiers_retires).toEqual(['D1202']);
    expect(r.resultats.some((x) => x.correspondance === 'metier' && x.metier_compris?.code === 'D1202')).toBe(false);
  });
  it('mots seuls : aucune correspondance « metier »', async () => {
    const r = await api('q=soigner+les+malades&mots_seuls=oui');
    expect(r.compris?.mots_seuls).toBe(true);
    expect(r.resultats.every((x) => x.correspondance !== 'metier')).toBe(true);
  });
  it('« je veux devenir cuisinier » : les formations de cuisinier d’abord, « veux » et « devenir » non cherchés', async () => {
    const r = await api('q=je+veux+devenir+cuisinier');
    expect(r.compris?.mots).toEqual(['cuisinier']);
    expect(r.compris?.mots_ignores).toEqual(['veux', 'devenir']);
    expect(r.resultats[0]?.correspondance).toBe('complete');
    expect(r.resultats[0]?.metiers).toContain('G1609');
  });
  it('seulement des mots de la demande : un message en français, et toutes les formations', async () => {
    const r = await api('q=je+veux+travailler');
    expect(r.compris?.message).toBe(ONLY_FILLERS_MESSAGE);
    expect(r.total).toBeGreaterThan(100);
  });
  it('peu de résultats : les métiers proches du métier compris (mobilités du ROME)', async () => {
    let few = 0;
    for (const departement of ['44', '49', '53', '72', '85']) {
      const r = await api(`q=couper+les+cheveux&niveau=4&departement=${departement}`);
      if (r.total >= 5) continue;
      few += 1;
      expect(r.metiers_proches.length, departement).toBeGreaterThan(0);
    }
    expect(few).toBeGreaterThan(0);
  });
});
