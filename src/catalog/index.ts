/**
 * Accès en lecture seule aux données construites. Les pages font :
 *   const catalog = loadCatalog();
 *   catalog.metiersByDomain(); catalog.getMetier('J1501'); catalog.manifest();
 */
export { Catalog, TerritoiresFile, loadCatalog, clearCatalogCache, compareFrench, frenchCollator } from './catalog';
export type { DomainGroup, DomainCount, MetierTraining } from './catalog';
export { CatalogError } from './errors';
export { Manifest, ManifestCounts, ManifestFile, ManifestSource } from './manifest';
export { CURRENT_LINK, DATA_FILES, DEFAULT_DATA_DIR, currentGeneration, dataGeneration, projectRoot, resolveDataDir, resolveDataRoot } from './files';
