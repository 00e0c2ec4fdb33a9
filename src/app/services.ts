/**
 * La racine de composition : les services du site construits UNE fois par processus, à partir de
 * l'environnement (dossier de données, moteur de recherche, horloge), puis passés aux pages par le
 * middleware (`Astro.locals.app`, src/middleware.ts). C'est le seul endroit qui garde des services
 * en mémoire : catalogue, référentiel géographique, données de l'API, moteur de recherche,
 * parcours « près de chez vous » et « recruter », contexte des fiches métiers, « Rencontrer un pro ».
 *
 * Chaque service est construit à la première demande puis gardé ; un échec (données absentes,
 * Meilisearch injoignable) n'est pas gardé : la demande suivante réessaie. Les tests construisent
 * leurs propres services (`createAppServices({ dataDir, clock: fixedClock(…) })`).
 */
import path from 'node:path';
import { loadCatalog, type Catalog } from '../catalog/catalog';
import { resolveDataDir } from '../catalog/files';
import { appClock, clockFromEnv, type Clock } from '../clock';
import { readContactConfig, resolvePublicUrl } from '../contact/config';
import { createContactService, type ContactService } from '../contact/service';
import { openSqliteContactStore } from '../contact/sqlite/store';
import { loadGeoReferentiel, type GeoReferentiel } from '../geo/referentiel';
import { createApiServices, type ApiServices } from '../http/services';
import { createEngine, engineConfigFromEnv, type EngineConfig } from '../http/engine';
import { createLocalSearchServices, type LocalSearchServices } from '../formations/services';
import { createFicheContext, type FicheContext } from '../metiers/fiche-context';
import type { SearchEngine } from '../search/port';
import { createSelectionService, type SelectionService } from '../selection/service';
import { demoSelectionItems } from '../demo/selection-seed';

export interface AppServices {
  /** L'horloge du processus (décalée sur REFERENCE_DATE s'il est défini). */
  readonly clock: Clock;
  /** Le dossier de la génération de données lue par ce processus. */
  readonly dataDir: string;
  readonly catalog: Catalog;
  readonly geo: GeoReferentiel;
  /** Ce dont l'API publique a besoin (schéma des paramètres, métiers, fiches détaillées, insertion). */
  readonly api: ApiServices;
  /** Le moteur de recherche (embarqué ou Meilisearch), chargé une fois. */
  engine(): Promise<SearchEngine>;
  /** Les parcours « formations près de chez vous » (fiche métier) et « recruter ». */
  formations(): Promise<LocalSearchServices>;
  /** Ce que toutes les fiches métiers partagent. */
  fiche(): Promise<FicheContext>;
  /** « Rencontrer un pro », ou null s'il ne peut pas démarrer (erreur journalisée). */
  contact(): ContactService | null;
  /** « Ma sélection » : ses éléments, ses liens courts et leur envoi (src/selection/). */
  selection(): SelectionService;
  /** L'adresse publique du site (CONTACT_PUBLIC_URL, sinon SITE_URL, sinon celle où le serveur écoute), sans « / » final : pour les liens qu'on emporte (e-mails, CSV). */
  readonly publicUrl: string;
}

export interface AppOptions {
  /** Dossier de données (sinon `DATA_DIR`, sinon `data/build`) ; sa génération en service est lue. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Sinon `clockFromEnv(env)` (l'horloge du processus, `appClock()`, sans `env`). */
  clock?: Clock;
  /** Sinon lue dans `env` (SEARCH_ENGINE…) ; l'index embarqué est celui de `dataDir`. */
  engine?: EngineConfig;
}

/** Une valeur construite à la première demande ; une construction en échec est refaite à la demande suivante. */
function once<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => {
    if (built) return built.value;
    const value = build();
    built = { value };
    if (value instanceof Promise) value.catch(() => (built = null));
    return value;
  };
}

export function createAppServices(options: AppOptions = {}): AppServices {
  const env = options.env ?? process.env;
  const dataDir = resolveDataDir(options.dataDir ?? env.DATA_DIR);
  // Sans environnement donné : l'horloge du processus (la même que celle de « Rencontrer un pro »).
  const clock = options.clock ?? (options.env ? clockFromEnv(options.env) : appClock());
  const catalog = once(() => loadCatalog(dataDir));
  const geo = once(() => loadGeoReferentiel(path.join(dataDir, 'geo')));
  const api = once(() => createApiServices(catalog(), geo()));
  const engine = once(async () => {
    const config = options.engine ?? engineConfigFromEnv({ ...env, DATA_DIR: dataDir });
    const loaded = await createEngine(config);
    console.info(`[api] moteur de recherche « ${loaded.name} » prêt`);
    return loaded;
  });
  let contact: ContactService | null = null;
  let selection: SelectionService | null = null;
  const contactService = () => {
    if (contact) return contact;
    try {
      contact = buildContactService({ clock, catalog: catalog(), api: api(), env });
      return contact;
    } catch (error) {
      console.error('[contact] module « Rencontrer un pro » indisponible', error);
      return null;
    }
  };
  return {
    clock,
    dataDir,
    get catalog() {
      return catalog();
    },
    get geo() {
      return geo();
    },
    get api() {
      return api();
    },
    get publicUrl() {
      return resolvePublicUrl(env);
    },
    engine,
    formations: once(async () => {
      const c = catalog();
      return createLocalSearchServices(api(), await engine(), (code) => c.getMetier(code));
    }),
    fiche: once(async () => createFicheContext(catalog(), api().insertion, await engine())),
    // Le module « Rencontrer un pro » : sa seule construction. Gardé une fois prêt ; un échec
    // (ex. CONTACT_SECRET absent en production) est journalisé, la page dit « indisponible »,
    // et la demande suivante réessaie.
    contact: contactService,
    // Gardée une fois « Rencontrer un pro » prêt (sa base sert aux liens courts) ; sinon refaite à la demande suivante.
    selection: () => {
      if (selection) return selection;
      const c = catalog();
      const details = api().details;
      const demo = c.isDemo() ? demoSelectionItems(c.offer(), (id) => details.card(id)?.id) : null;
      const built = createSelectionService({ clock, details, getMetier: (code) => c.getMetier(code), contact: contactService(), demo });
      if (built.share) selection = built;
      return built;
    },
  };
}

/**
 * « Rencontrer un pro » assemblé à partir des services du processus : réglages lus dans `env`,
 * base SQLite de CONTACT_DB_PATH (port ContactStore), communes et métiers de l'API, horloge.
 * `background` : le serveur démarre l'envoi des e-mails et les tâches ; une commande fait un passage.
 */
export function buildContactService(
  deps: { clock: Clock; catalog: Catalog; api: ApiServices; env: NodeJS.ProcessEnv },
  background = true,
): ContactService {
  const config = readContactConfig(deps.env);
  const store = openSqliteContactStore(config.dbPath);
  try {
    return createContactService({
      clock: deps.clock,
      geo: deps.api.geo,
      metiers: { index: deps.api.metiers, getMetier: (code) => deps.catalog.getMetier(code) },
      store,
      config,
      demoData: deps.catalog.isDemo(),
      background,
    });
  } catch (error) {
    store.close();
    throw error;
  }
}

let app: AppServices | null = null;

/**
 * Les services de CE processus (serveur, ou génération du site) : construits une fois, à partir de
 * l'environnement. Les pages les reçoivent par `Astro.locals.app` ; seuls le middleware et
 * `getStaticPaths` (qui n'a pas `Astro.locals`) appellent cette fonction.
 */
export function appServices(): AppServices {
  app ??= createAppServices();
  return app;
}
