/**
 * Textes hostiles ou inattendus dans « Quoi ? » avec la lecture des fiches métiers (issue 17) :
 * phrases très longues, seulement des mots de la demande, émojis, langues mêlées, noms de
 * propriétés d'objet. Le cas d'usage de l'API répond toujours (jamais d'exception), vite, dans son
 * schéma, avec un message français ou des résultats ordinaires.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadEmbeddedEngine, type EmbeddedEngine } from '../../../src/search/embedded';
import { searchFormations } from '../../../src/http/formations';
import { MAX_TEXT_LENGTH, parseFormationsParams } from '../../../src/http/params';
import { FormationsResponse } from '../../../src/http/schemas';
import { createApiServices, type ApiServices } from '../../../src/http/services';

let engine: EmbeddedEngine;
let services: ApiServices;
beforeAll(async () => {
  engine = await loadEmbeddedEngine(resolveDataDir());
  services = createApiServices();
});

const TEXTS = [
  ['phrase très longue', 'je voudrais vraiment beaucoup un jour peut-être travailler dans un endroit où je pourrais aider les gens qui ont besoin de soins et aussi faire à manger pour eux tous les jours de la semaine svp merci'.slice(0, MAX_TEXT_LENGTH)],
  ['seulement des mots de la demande', 'je veux travailler devenir faire un métier svp'],
  ['émojis', '👩‍🍳🍕✂️💇 💉'],
  ['langues mêlées', 'I want to be a cuisinier in a restaurant please'],
  ['arabe et français', 'أريد أن أصبح طباخ cuisinier'],
  ['propriétés d’objet', 'constructor __proto__ toString hasOwnProperty prototype'],
  ['ponctuation seule', '?!... ;;; ---'],
  ['un mot répété', 'cheveux '.repeat(25)],
] as const;

describe('textes hostiles : toujours une réponse, vite', () => {
  it.each(TEXTS)('%s', async (_name, text) => {
    const parsed = parseFormationsParams(services.formationsParams, new URLSearchParams({ q: text }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const started = performance.now();
    const response = FormationsResponse.parse(await searchFormations(engine, parsed.query, services.insertion.originOf, parsed.situation, services.metiers, parsed.understanding));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(response.compris).not.toBeNull();
    // Un message en français, ou des résultats ordinaires (qui peuvent être vides, avec de l'aide).
    if (response.compris?.message) expect(response.compris.message).toMatch(/^Dites-nous/);
    expect(response.compris!.metiers.length).toBeLessThanOrEqual(3);
  });
  it('seulement des mots de la demande : le message, pas une recherche vide', async () => {
    const parsed = parseFormationsParams(services.formationsParams, new URLSearchParams({ q: 'je veux travailler' }));
    if (!parsed.ok) throw new Error('refusé');
    const response = await searchFormations(engine, parsed.query, services.insertion.originOf, {}, services.metiers, parsed.understanding);
    expect(response.compris?.message).toMatch(/^Dites-nous ce que vous aimeriez faire/);
    expect(response.total).toBeGreaterThan(0);
  });
  it('sans_metier et mots_seuls hostiles : refusés avec un message par champ, jamais une exception', () => {
    const parsed = parseFormationsParams(services.formationsParams, new URLSearchParams([['sans_metier', 'constructor'], ['mots_seuls', 'peut-être']]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.champs).sort()).toEqual(['mots_seuls', 'sans_metier']);
  });
});
