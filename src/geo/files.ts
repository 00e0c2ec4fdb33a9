/** Emplacement et noms des fichiers du référentiel géographique construit. */
export const DEFAULT_GEO_BUILD_DIR = 'data/build/geo';

export const GEO_BUILD_FILES = {
  communes: 'communes.json',
  epcis: 'epci.json',
  territoires: 'territoires.json',
  aliases: 'aliases.json',
  meta: 'meta.json',
} as const;
