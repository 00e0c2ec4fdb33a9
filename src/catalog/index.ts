/**
 * Accès en lecture seule aux données construites. Les pages font :
 *   const catalog = loadCatalog();
 *   catalog.metiersByDomain(); catalog.getMetier('J1501'); catalog.manifest();
 */
export { Catalog, TerritoiresFile, loadCatalog, clearCatalogCache, compareFrench, frenchCollator } from './catalog';
export type { DomainGroup, DomainCount, MetierTraining } from './catalog';
export { CatalogError } from './errors';
export { Manifest, ManifestCounts, ManifestSource } from './manifest';
export { DATA_FILES, DEFAULT_DATA_DIR, projectRoot, resolveDataDir } from './files';
