/**
 * Le document OpenAPI 3.1 de l'API publique, généré à partir des MÊMES schémas zod que
 * l'analyse des paramètres (`params.ts`) et que les réponses (`schemas.ts`) : il ne peut pas
 * dériver du code. Le dialecte des schémas d'OpenAPI 3.1 est JSON Schema 2020-12, celui de
 * `z.toJSONSchema`.
 */
import { DEFAULT_RADIUS_KM, RADIUS_STEPS } from '../domain/radius';
import { z } from '../domain/zod';
import { AutocompleteParams, MAX_REPEAT, NearParams, isRepeatable, type FormationsParamsSchema, type ParamName } from './params';
import { CommuneItem, CommunesResponse, ErrorBody, FormationDetail, FormationsResponse, MetiersResponse } from './schemas';

export const OPENAPI_VERSION = '3.1.0';
/**
 * 2.0.0 : chiffres d'insertion avec leur périmètre en mots (`portee`, `libelle`), voie, cumul, crédit
 * `demonstration`, `insertion_autres` (un chiffre par périmètre) ; `sortants` peut valoir null (taux par CFA) ;
 * nouveau périmètre `etablissement` (un CFA, toutes formations).
 * 2.1.0 (correction) : les textes LHEO ne sont plus servis en HTML brut : `intitule`, `objectif`,
 * `contenu`, `resultats_attendus`, `prerequis` et les noms d'organisme en texte brut, et
 * `objectif_html`, `contenu_html`, `resultats_attendus_html` nettoyés comme sur le site.
 * 3.0.0 : un résultat est une CARTE (une formation dans un lieu : les actions de la même formation,
 * du même organisme, au même lieu et avec la même modalité) ; `total`, les pages et les facettes
 * comptent des cartes ; `actions`, `variantes` (ce qui les distingue, en mots), `cout` selon « Ma
 * situation » (paramètres inscrit_ft, age, salarie, rqth, rsa ; filtre gratuit), `inscriptions`
 * « bientot » avec `inscriptions_ouvrent_le`, `reunion_information` ; la fiche d'une action dit sa
 * `carte` et les champs LHEO « comment s'inscrire » (rythme, modalités, périodes, frais restants).
 * 3.1.0 : « Dites-le avec vos mots » : `compris` (mots cherchés, mots de la demande ignorés, métiers
 * compris d'après les fiches métiers), `correspondance` « metier » et `metier_compris` pour les
 * formations de ces métiers (après celles qui contiennent les mots) ; paramètres `sans_metier` et `mots_seuls`.
 */
export const API_VERSION = '3.1.0';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
  return rest;
}

function queryParameter(name: string, schema: z.ZodType, explode: boolean) {
  return {
    name,
    in: 'query',
    required: false,
    description: schema.description,
    ...(explode && { style: 'form', explode: true }),
    schema: jsonSchema(schema, 'input'),
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function jsonContent(schemaName: string, description: string) {
  return { description, content: { 'application/json': { schema: ref(schemaName) } } };
}

const errorResponses = {
  '503': jsonContent('Erreur', 'Service momentanément indisponible (moteur de recherche injoignable)'),
};

export function buildOpenApiDocument(formationsParams: FormationsParamsSchema) {
  const names = Object.keys(formationsParams.shape) as ParamName[];
  const autocomplete = [{ ...queryParameter('q', AutocompleteParams.shape.q, false), required: true }];
  const nearParameters = (['lat', 'lon'] as const).map((name) => ({ ...queryParameter(name, NearParams.shape[name], false), required: true }));
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'API versmonmétier',
      version: API_VERSION,
      description:
        'API publique et ouverte de recherche de formations en Pays de la Loire (lecture seule, sans authentification, CORS ouvert). ' +
        'Toute erreur de paramètre donne une 400 qui nomme chaque paramètre invalide, en français. ' +
        `Les paramètres inconnus sont ignorés ; un paramètre répété plus de ${MAX_REPEAT} fois est refusé.`,
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/formations': {
        get: {
          operationId: 'chercherFormations',
          summary: 'Chercher des formations',
          description:
            `Recherche plein texte et filtres. Avec un lieu (commune, ou lat et lon), le rayon est de ${DEFAULT_RADIUS_KM} km par défaut ; ` +
            `s’il n’y a aucune formation sur place dans ce rayon, il est élargi par paliers (${RADIUS_STEPS.join(', ')} km) jusqu’à ${RADIUS_STEPS[RADIUS_STEPS.length - 1]} km : ` +
            '`elargi` le signale et `rayon_km` donne le rayon utilisé. Les formations entièrement à distance sont toujours proposées (`a_distance`) ' +
            'et ne déclenchent pas l’arrêt de l’élargissement. ' +
            'Le texte q est aussi lu dans les fiches métiers (définition, accès, compétences, savoirs, contextes, appellations) : les formations des métiers compris ' +
            '(`compris.metiers`) viennent APRÈS celles qui contiennent les mots, jamais à leur place (`correspondance` « metier », `metier_compris`) ; ' +
            'les mots de la demande (« je veux », « devenir », « travailler »…) ne sont pas cherchés (`compris.mots_ignores`). `sans_metier` retire un métier compris, ' +
            '`mots_seuls=oui` n’en utilise aucun.',
          parameters: names.map((name) => queryParameter(name, formationsParams.shape[name], isRepeatable(formationsParams, name))),
          responses: {
            '200': jsonContent('ReponseRecherche', 'Résultats, facettes, rayon utilisé'),
            '400': jsonContent('Erreur', 'Paramètres invalides (un message par paramètre dans `champs`)'),
            ...errorResponses,
          },
        },
      },
      '/api/formations/{id}': {
        get: {
          operationId: 'lireFormation',
          summary: 'Une formation (action) en détail',
          parameters: [{ name: 'id', in: 'path', required: true, description: 'Identifiant de l’action', schema: { type: 'string' } }],
          responses: {
            '200': jsonContent(
              'Formation',
              'La formation, son organisme, ses sessions, son financement, ses taux d’insertion et ses avis. Chaque chiffre d’insertion dit sur qui il porte ' +
                '(`perimetre`, `portee`) : un taux « pour ce diplôme en Pays de la Loire » ou « pour ce CFA (toutes formations) » n’est pas celui de cette formation seule. ' +
                '`insertion` est le plus précis, `insertion_autres` les autres périmètres ; `demonstration` vaut vrai pour un chiffre inventé.',
            ),
            '404': jsonContent('Erreur', 'Formation introuvable'),
            ...errorResponses,
          },
        },
      },
      '/api/communes': {
        get: {
          operationId: 'chercherCommunes',
          summary: 'Autocomplétion des communes des Pays de la Loire',
          description: 'Par nom (avec ou sans accents, anciens noms compris) ou par début de code postal ; 10 communes au plus.',
          parameters: autocomplete,
          responses: {
            '200': jsonContent('Communes', 'Communes trouvées, les plus probables d’abord'),
            '400': jsonContent('Erreur', 'q absent, trop court ou trop long'),
            ...errorResponses,
          },
        },
      },
      '/api/communes/proche': {
        get: {
          operationId: 'communeProche',
          summary: 'La commune des Pays de la Loire la plus proche d’une position (« Me localiser »)',
          description:
            'Le site arrondit la position à 2 décimales (environ 1 km) avant de l’envoyer, puis ne garde que la commune : ' +
            'les adresses de recherche portent le code de la commune, jamais la position. Réponse jamais mise en cache.',
          parameters: nearParameters,
          responses: {
            '200': jsonContent('Commune', 'La commune dont le centre est le plus proche'),
            '400': jsonContent('Erreur', 'lat ou lon absent, répété ou hors des bornes'),
            '404': jsonContent('Erreur', 'Position à plus de 10 km de toute commune de la région : hors des Pays de la Loire'),
            ...errorResponses,
          },
        },
      },
      '/api/metiers': {
        get: {
          operationId: 'chercherMetiers',
          summary: 'Autocomplétion des métiers (ROME)',
          description:
            'Sur les libellés et les appellations des métiers, accents facultatifs, début de mot. Classement : libellé exact, ' +
            'début du libellé, début d’une appellation, puis mots trouvés à l’intérieur ; 10 métiers au plus, chacun une fois.',
          parameters: autocomplete,
          responses: {
            '200': jsonContent('Metiers', 'Métiers trouvés, les meilleurs d’abord'),
            '400': jsonContent('Erreur', 'q absent, trop court ou trop long'),
            ...errorResponses,
          },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'documentOpenApi',
          summary: 'Ce document',
          responses: { '200': { description: 'Document OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      schemas: {
        ReponseRecherche: jsonSchema(FormationsResponse, 'output'),
        Formation: jsonSchema(FormationDetail, 'output'),
        Communes: jsonSchema(CommunesResponse, 'output'),
        Commune: jsonSchema(CommuneItem, 'output'),
        Metiers: jsonSchema(MetiersResponse, 'output'),
        Erreur: jsonSchema(ErrorBody, 'output'),
      },
    },
  };
}
