/**
 * Territoires EFOP de la Région : lecture du fichier source `data/territoires-efop.json`
 * (composition provisoire par EPCI), résolution en communes et contrôles de cohérence.
 * Fonctions pures.
 */
import { z } from '../domain/zod';
import { DepartementPdl, GeoInseeCode, Siren, type Commune, type Epci, type TerritoireEfop } from '../domain/geo';

/** Les 18 territoires EFOP, noms exacts. */
export const TERRITOIRE_EFOP_NAMES = [
  'Loire-Atlantique Centre',
  'Loire-Atlantique Nord',
  'Loire-Atlantique Ouest',
  'Loire-Atlantique Sud',
  'Maine-et-Loire Centre',
  'Maine-et-Loire Est',
  'Maine-et-Loire Ouest',
  'Maine-et-Loire Sud',
  'Mayenne Centre',
  'Mayenne Nord',
  'Mayenne Sud',
  'Sarthe Centre',
  'Sarthe Nord',
  'Sarthe Sud',
  'Vendée Centre',
  'Vendée Nord',
  'Vendée Ouest',
  'Vendée Sud',
] as const;

/** Format du fichier source `data/territoires-efop.json`. */
export const TerritoiresEfopFile = z.object({
  provisional: z.literal(true),
  notice: z.string().min(1),
  source: z.string().optional(),
  notes: z.array(z.string()),
  territoires: z.array(
    z.object({
      slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
      name: z.string().min(1),
      departement: DepartementPdl,
      epcis: z.array(z.object({ code: Siren, name: z.string() })),
      /** Communes rattachées directement (commune sans EPCI, comme L'Île-d'Yeu). */
      communes: z.array(z.object({ code: GeoInseeCode, name: z.string(), reason: z.string().optional() })).default([]),
    }),
  ),
});
export type TerritoiresEfopFile = z.infer<typeof TerritoiresEfopFile>;

/**
 * Résout la composition par EPCI en listes de communes : communes des Pays de la Loire
 * membres des EPCI du territoire, plus les communes rattachées directement.
 * Les EPCI inconnus sont conservés dans `epciCodes` (validateTerritoires les signale).
 */
export function resolveTerritoires(file: TerritoiresEfopFile, epcis: readonly Epci[]): TerritoireEfop[] {
  const epciByCode = new Map(epcis.map((e) => [e.code, e]));
  return file.territoires.map((t) => {
    const communeCodes = new Set<string>();
    for (const ref of t.epcis) for (const code of epciByCode.get(ref.code)?.memberCodes ?? []) communeCodes.add(code);
    for (const c of t.communes) communeCodes.add(c.code);
    return {
      slug: t.slug,
      name: t.name,
      departement: t.departement,
      epciCodes: t.epcis.map((e) => e.code),
      communeCodes: [...communeCodes].sort(),
      provisional: true as const,
    };
  });
}

/**
 * Contrôle la composition des territoires. Renvoie la liste des erreurs, en français
 * (vide si tout est cohérent) : exactement les 18 noms attendus, slugs uniques, aucun EPCI
 * inconnu, chaque EPCI des Pays de la Loire dans exactement un territoire, chaque commune
 * actuelle dans exactement un territoire.
 */
export function validateTerritoires(
  territoires: readonly TerritoireEfop[],
  epcis: readonly Epci[],
  communes: readonly Pick<Commune, 'inseeCode' | 'name'>[],
): string[] {
  const errors: string[] = [];
  const expected = new Set<string>(TERRITOIRE_EFOP_NAMES);

  if (territoires.length !== TERRITOIRE_EFOP_NAMES.length) {
    errors.push(`${territoires.length} territoires trouvés, ${TERRITOIRE_EFOP_NAMES.length} attendus.`);
  }
  const seenNames = new Set<string>();
  const seenSlugs = new Set<string>();
  for (const t of territoires) {
    if (!expected.has(t.name)) errors.push(`Nom de territoire inattendu : « ${t.name} ».`);
    if (seenNames.has(t.name)) errors.push(`Territoire « ${t.name} » présent plusieurs fois.`);
    if (seenSlugs.has(t.slug)) errors.push(`Slug « ${t.slug} » utilisé par plusieurs territoires.`);
    seenNames.add(t.name);
    seenSlugs.add(t.slug);
  }
  for (const name of TERRITOIRE_EFOP_NAMES) {
    if (!seenNames.has(name)) errors.push(`Territoire manquant : « ${name} ».`);
  }

  const epciByCode = new Map(epcis.map((e) => [e.code, e]));
  const epciTerritoires = new Map<string, string[]>();
  for (const t of territoires) {
    for (const code of t.epciCodes) {
      if (!epciByCode.has(code)) errors.push(`EPCI inconnu ${code} dans le territoire « ${t.name} ».`);
      epciTerritoires.set(code, [...(epciTerritoires.get(code) ?? []), t.name]);
    }
  }
  for (const e of epcis) {
    const where = epciTerritoires.get(e.code) ?? [];
    if (where.length === 0) errors.push(`EPCI ${e.code} (${e.name}) rattaché à aucun territoire.`);
    else if (where.length > 1) {
      errors.push(`EPCI ${e.code} (${e.name}) rattaché à plusieurs territoires : ${where.map((n) => `« ${n} »`).join(', ')}.`);
    }
  }

  const communeByCode = new Map(communes.map((c) => [c.inseeCode, c]));
  const communeTerritoires = new Map<string, string[]>();
  for (const t of territoires) {
    for (const code of t.communeCodes) {
      if (!communeByCode.has(code)) errors.push(`Commune inconnue ${code} dans le territoire « ${t.name} ».`);
      communeTerritoires.set(code, [...(communeTerritoires.get(code) ?? []), t.name]);
    }
  }
  for (const c of communes) {
    const where = communeTerritoires.get(c.inseeCode) ?? [];
    if (where.length === 0) errors.push(`Commune ${c.inseeCode} (${c.name}) rattachée à aucun territoire.`);
    else if (where.length > 1) {
      errors.push(
        `Commune ${c.inseeCode} (${c.name}) rattachée à plusieurs territoires : ${where.map((n) => `« ${n} »`).join(', ')}.`,
      );
    }
  }
  return errors;
}
