/**
 * Chaque texte venu d'une adresse ou d'un formulaire est borné AVANT d'être analysé : au-delà
 * de sa limite, il est refusé (message en français) sans qu'aucune expression régulière ni
 * recherche ne le parcoure. Le cas d'origine : `/formations?ou=a` suivi de 15 000 « + » et d'un
 * « a » coûtait une demi-seconde de calcul par requête (src/formations/search-page.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAutocompleteParams, parseFormationsParams } from '../../../src/http/params';
import { MAX_PARAM_LENGTH, MAX_URL_LENGTH, refuseBeforeReading } from '../../../src/http/request-limits';
import { createApiServices, type ApiServices } from '../../../src/http/services';
import { resolveDataDir } from '../../../src/catalog/files';
import { resolveCommune } from '../../../src/contact/resolve';
import { resolveCommuneText } from '../../../src/territories/place';
import { loadEmbeddedEngine } from '../../../src/search/embedded';
import { searchPage, type SearchPageDeps } from '../../../src/formations/search-page';

let services: ApiServices;
let deps: SearchPageDeps;

beforeAll(async () => {
  services = createApiServices();
  deps = { geo: services.geo, schema: services.formationsParams, insertion: services.insertion, engine: await loadEmbeddedEngine(resolveDataDir()) };
});

const SPACES = `a${' '.repeat(15_000)}a`;

describe('page /formations', () => {
  it('« Où ? » de 15 000 espaces : refusé avant d’être lu, avec un message, et la page répond', async () => {
    const view = await searchPage(new URLSearchParams({ ou: SPACES }), deps);
    expect(view.messages).toEqual(['Où : le texte ne doit pas dépasser 100 caractères. Nous n’en avons pas tenu compte.']);
    expect(view.state.ou).toBe('');
    expect(view.origin).toBeNull();
    expect(view.response.total).toBeGreaterThan(0);
  });

  it('« Quoi ? » de plus de 200 caractères : refusé, le lieu reste', async () => {
    const view = await searchPage(new URLSearchParams({ q: 'x'.repeat(201), ou: 'Cholet' }), deps);
    expect(view.messages).toEqual(['Quoi : le texte ne doit pas dépasser 200 caractères. Nous n’en avons pas tenu compte.']);
    expect(view.state).toMatchObject({ q: '', commune: '49099' });
  });

  it('« Cholet (49300) » suivi d’espaces, et « (49300) » seul : la commune est retrouvée', async () => {
    expect((await searchPage(new URLSearchParams({ ou: 'Cholet (49300)   ' }), deps)).state.commune).toBe('49099');
    expect((await searchPage(new URLSearchParams({ ou: '(49300)' }), deps)).state.commune).toBe('49099');
  });
});

describe('API', () => {
  it('chaque paramètre trop long est refusé par son nom, avant d’être analysé', () => {
    const long = 'x'.repeat(MAX_PARAM_LENGTH + 1);
    const names = Object.keys(services.formationsParams.shape);
    const parsed = parseFormationsParams(services.formationsParams, new URLSearchParams(names.map((n) => [n, long])));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    for (const name of names) {
      expect(parsed.champs[name], name).toBe(name === 'q' ? 'La recherche ne doit pas dépasser 200 caractères.' : `Valeur trop longue : ${MAX_PARAM_LENGTH} caractères au plus.`);
    }
  });

  it('q de 15 000 espaces : refusé par sa longueur, pas après nettoyage', () => {
    expect(parseFormationsParams(services.formationsParams, new URLSearchParams({ q: SPACES }))).toEqual({ ok: false, champs: { q: 'La recherche ne doit pas dépasser 200 caractères.' } });
    expect(parseAutocompleteParams(new URLSearchParams({ q: SPACES }))).toEqual({ ok: false, champs: { q: 'La recherche ne doit pas dépasser 100 caractères.' } });
  });

  it('l’adresse entière a une longueur maximale : 414 en français, avant toute analyse', () => {
    expect(refuseBeforeReading(`http://127.0.0.1/formations?q=${'a'.repeat(MAX_URL_LENGTH)}`, new Headers())).toMatchObject({ status: 414, title: 'Adresse trop longue' });
    expect(refuseBeforeReading('http://127.0.0.1/formations?q=a', new Headers())).toBeNull();
  });
});

describe('formulaires', () => {
  it('communes tapées dans les formulaires : la longueur d’abord, puis « Nom (code postal) » sans retour arrière', () => {
    expect(resolveCommuneText(services.geo, SPACES)).toEqual({ ok: false, message: 'Le nom de la commune ne doit pas dépasser 100 caractères.', suggestions: [] });
    expect(resolveCommuneText(services.geo, 'Cholet (49300)')).toMatchObject({ ok: true, commune: { inseeCode: '49099' } });
    expect(resolveCommune(services.geo, 'Cholet (49300)')).toMatchObject({ ok: true, value: { inseeCode: '49099' } });
  });
});
