/**
 * Le document OpenAPI 3.1 : valide selon le schéma officiel d'OpenAPI 3.1
 * (@seriousme/openapi-schema-validator), et fidèle au code (paramètres = schémas de l'analyse).
 */
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildOpenApiDocument } from '../../../src/http/openapi';
import { createApiServices } from '../../../src/http/services';

const services = createApiServices();
const doc = buildOpenApiDocument(services.formationsParams);

interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema: Record<string, unknown>;
}

const formationsParameters = doc.paths['/api/formations'].get.parameters as Parameter[];
const param = (name: string) => formationsParameters.find((p) => p.name === name);

describe('GET /api/openapi.json', () => {
  type Spec = Parameters<Validator['validate']>[0];
  const copy = () => JSON.parse(JSON.stringify(doc)) as typeof doc;

  it('est un document OpenAPI 3.1 valide', async () => {
    const validator = new Validator();
    const result = await validator.validate(copy() as unknown as Spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
  });

  it('(le validateur refuse bien un document cassé)', async () => {
    const broken = copy();
    (broken.paths['/api/formations'].get.parameters[0] as { in: string }).in = 'corps';
    expect((await new Validator().validate(broken as unknown as Spec)).valid).toBe(false);
  });

  it('décrit chaque route de l’API', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/communes', '/api/communes/proche', '/api/formations', '/api/formations/{id}', '/api/metiers', '/api/openapi.json']);
    expect(doc.paths['/api/formations/{id}'].get.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Erreur' });
    expect(doc.paths['/api/formations'].get.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Erreur' });
    const near = doc.paths['/api/communes/proche'].get;
    expect(near.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([['lat', true], ['lon', true]]);
    expect(near.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Commune' });
    expect(near.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Erreur' });
  });

  it('les paramètres de recherche sont exactement ceux de l’analyse, chacun décrit en français', () => {
    expect(formationsParameters.map((p) => p.name)).toEqual(Object.keys(services.formationsParams.shape));
    for (const p of formationsParameters) {
      expect(p.in).toBe('query');
      expect(p.description, p.name).toMatch(/[a-zàâçéèêëîïôûù]{3,}/);
    }
  });

  it('les contraintes des paramètres viennent des schémas zod', () => {
    expect(param('rayon')?.schema).toMatchObject({ type: 'number', minimum: 1, maximum: 200 });
    expect(param('par_page')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 20 });
    expect(param('page')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(param('niveau')?.schema).toMatchObject({ type: 'array', maxItems: 50, items: { type: 'integer', minimum: 1, maximum: 8 } });
    expect(param('modalite')?.schema).toMatchObject({ type: 'array', items: { enum: ['presentiel', 'distance', 'mixte'] } });
    expect(param('tri')?.schema).toMatchObject({ enum: ['pertinence', 'distance', 'date', 'insertion', 'note'], default: 'pertinence' });
    expect(param('certifiante')?.schema).toMatchObject({ type: 'string', enum: expect.arrayContaining(['oui', 'non', 'true', 'false', '1', '0']) });
    expect(param('q')?.schema).toMatchObject({ type: 'string', maxLength: 200 });
    expect((param('territoire')?.schema.items as { enum: string[] }).enum).toEqual(services.geo.allTerritoires().map((t) => t.slug));
  });

  it('les schémas de réponse nomment les champs publics', () => {
    const search = doc.components.schemas.ReponseRecherche as { properties: Record<string, { items?: { properties: object } }> };
    expect(Object.keys(search.properties).sort()).toEqual(['compris', 'elargi', 'facettes', 'metiers_proches', 'page', 'par_page', 'rayon_km', 'resultats', 'situation', 'total', 'vouliez_vous_dire']);
    expect(Object.keys(search.properties.resultats?.items?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'actions', 'intitule', 'organisme', 'lieu', 'distance_km', 'a_distance', 'sessions', 'inscriptions', 'inscriptions_ouvrent_le', 'reunion_information', 'variantes', 'cout', 'niveau_sortie', 'modalite', 'duree_heures', 'metiers', 'insertion', 'avis', 'correspondance', 'metier_compris']),
    );
    expect(doc.components.schemas.Erreur).toMatchObject({ properties: { erreur: { type: 'string' } }, required: ['erreur'] });
  });

  it('les chiffres d’insertion disent leur périmètre et leur crédit (version 2 de l’API)', () => {
    expect(doc.info.version).toBe('3.1.0');
    type Props = { properties: Record<string, Record<string, unknown>>; required?: string[] };
    const formation = doc.components.schemas.Formation as Props;
    expect(Object.keys(formation.properties)).toEqual(expect.arrayContaining(['insertion', 'insertion_autres']));
    const figures = ((formation.properties.insertion_autres as { items: { anyOf?: Props[]; oneOf?: Props[] } }).items);
    const variants = figures.anyOf ?? figures.oneOf ?? [];
    expect(variants).toHaveLength(2);
    for (const v of variants) {
      expect(v.required).toEqual(expect.arrayContaining(['statut', 'perimetre', 'portee', 'voie', 'cumul', 'demonstration', 'sortants']));
      expect(v.properties.perimetre).toMatchObject({ enum: ['etablissement', 'etablissement-formation', 'region', 'national'] });
      expect(v.properties.sortants).toMatchObject({ anyOf: expect.arrayContaining([{ type: 'null' }]) });
    }
    const search = doc.components.schemas.ReponseRecherche as { properties: { resultats: { items: Props } } };
    const insertion = search.properties.resultats.items.properties.insertion as Props;
    expect(insertion.required).toEqual(expect.arrayContaining(['taux_emploi', 'libelle', 'source', 'demonstration', 'millesime', 'perimetre']));
  });
});
