/**
 * Sources écrites à la main du générateur de démonstration (data/demo/*.json) :
 * catalogue métiers → formations types, organismes inventés, commentaires d'avis.
 * Chaque fichier est validé par zod au chargement (messages en français).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from '../domain/zod';
import { Level } from '../domain/levels';
import { RegionProgramme } from '../domain/financing';
import { RomeCode } from '../domain/metier';
import { TeachingMode } from '../domain/offer';
import { siretValid, uaiValid } from './identifiers';
import { isReservedExampleEmail, isReservedExampleUrl } from './reserved-domains';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_DEMO_DATA_DIR = path.join(repoRoot, 'data', 'demo');

/** Types d'organismes : ils décident des formations proposées, du public et du financement. */
export const PROVIDER_KINDS = ['lycee', 'cfa', 'greta', 'centre', 'prive', 'sanitaire-social', 'agricole', 'insertion', 'universite'] as const;
export const ProviderKind = z.enum(PROVIDER_KINDS);
export type ProviderKind = z.infer<typeof ProviderKind>;
/** Les établissements qui ont un code UAI (lien avec InserJeunes). */
export const KINDS_WITH_UAI: ReadonlySet<ProviderKind> = new Set(['lycee', 'cfa', 'greta', 'sanitaire-social', 'agricole', 'universite']);

export const SECTORS = [
  'sante',
  'social',
  'industrie',
  'btp',
  'logistique',
  'transport',
  'alimentation',
  'hotellerie-restauration',
  'commerce',
  'coiffure',
  'tertiaire',
  'numerique',
  'proprete-securite',
  'formation',
  'agriculture',
  'automobile',
  'transverse',
] as const;
export const Sector = z.enum(SECTORS);
export type Sector = z.infer<typeof Sector>;

const Text = z.string().trim().min(1).max(3000);

export const TrainingTemplate = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'identifiant en minuscules et tirets attendu'),
    title: z.string().trim().min(1).max(255),
    certifying: z.boolean(),
    rncp: z.string().regex(/^RNCP\d{4,5}$/, 'code RNCP attendu (RNCP suivi de chiffres)').nullable().default(null),
    rs: z.string().regex(/^RS\d{3,5}$/, 'code RS attendu (RS suivi de chiffres)').nullable().default(null),
    certifinfo: z.string().regex(/^\d{5,6}$/).nullable().default(null),
    cfd: z.string().regex(/^\d{8}$/, 'code CFD à 8 chiffres attendu').nullable().default(null).describe('Code formation diplôme de l’Éducation nationale'),
    formacodes: z.array(z.string().regex(/^\d{5}$/)).min(1).max(5),
    nsf: z.array(z.string().regex(/^\d{3}$/)).max(3).default([]),
    extraRomes: z.array(RomeCode).max(4).default([]).describe('Codes ROME en plus de celui du métier'),
    entryLevel: Level.nullable(),
    exitLevel: Level.nullable(),
    hours: z.number().int().positive().describe('Heures en centre (voie continue)'),
    internshipHours: z.number().int().nonnegative().default(0).describe('Heures de stage en entreprise'),
    years: z.number().int().min(1).max(3).nullable().default(null).describe('Durée en années en voie scolaire ou par apprentissage'),
    startMonths: z.array(z.number().int().min(1).max(12)).default([]).describe('Mois de rentrée imposés (sinon toute l’année)'),
    price: z.number().nonnegative().describe('Prix indicatif en euros (voie continue)'),
    cpf: z.boolean().default(false),
    programmes: z.array(RegionProgramme).default([]),
    providers: z.array(ProviderKind).min(1),
    modes: z.array(TeachingMode).min(1).default(['presentiel']),
    weight: z.number().positive().default(1).describe('Fréquence relative dans l’offre'),
    objective: Text,
    content: z.array(z.string().trim().min(1)).min(1),
    results: Text.nullable().default(null),
    prerequisites: Text.nullable().default(null),
  })
  .refine((t) => !t.certifying || t.rncp || t.rs, { message: 'une formation certifiante doit avoir un code RNCP ou RS', path: ['rncp'] })
  .refine((t) => !t.providers.includes('lycee') || (t.cfd && t.years), { message: 'une formation en lycée doit avoir un CFD et une durée en années', path: ['cfd'] });
export type TrainingTemplate = z.infer<typeof TrainingTemplate>;

export const CatalogueMetier = z.object({
  rome: RomeCode,
  label: z.string().min(1).describe('Libellé ROME 4.0 officiel'),
  sector: Sector,
  trainings: z.array(TrainingTemplate).min(1).max(4),
});
export type CatalogueMetier = z.infer<typeof CatalogueMetier>;

export const Catalogue = z.object({
  metiers: z.array(CatalogueMetier).min(1),
  transverse: z.array(TrainingTemplate).default([]).describe('Formations sans métier précis (PRÉPA, savoirs de base)'),
});
export type Catalogue = z.infer<typeof Catalogue>;

const Phone = z.string().regex(/^0\d( \d\d){4}$/, 'téléphone au format 0X XX XX XX XX attendu');

export const OrganismeSource = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().trim().min(1).max(250),
    kind: ProviderKind,
    siret: z.string().refine(siretValid, { message: 'SIRET invalide (14 chiffres, clé de Luhn)' }),
    uai: z.string().refine(uaiValid, { message: 'UAI invalide (7 chiffres et une lettre-clé)' }).nullable().default(null),
    activityNumber: z.string().regex(/^\d{11}$/, 'numéro de déclaration d’activité à 11 chiffres attendu'),
    hq: z.string().regex(/^\d{5}$/).describe('Code INSEE de la commune du siège'),
    street: z.string().trim().min(1).max(50),
    sites: z.number().int().min(1).max(5).describe('Nombre de sites de formation'),
    sectors: z.array(z.union([Sector, z.literal('*')])).min(1),
    size: z.number().int().min(1).max(5).describe('Poids de l’organisme dans l’offre'),
    phone: Phone,
    email: z.email().refine(isReservedExampleEmail, { message: 'adresse sous un nom réservé aux exemples attendue (example.org, .test…) : jamais un vrai domaine' }),
    web: z.url().refine(isReservedExampleUrl, { message: 'site sous un nom réservé aux exemples attendu (example.org, .test…) : jamais un vrai domaine' }),
    html: z.boolean().default(false).describe('Textes publiés en HTML simple'),
  })
  .refine((o) => (o.uai !== null) === KINDS_WITH_UAI.has(o.kind), { message: 'UAI attendu pour les lycées, CFA, GRETA, instituts, et seulement pour eux', path: ['uai'] });
export type OrganismeSource = z.infer<typeof OrganismeSource>;

export const OrganismesFile = z.object({ organismes: z.array(OrganismeSource).min(1) });

export const TONES = ['positif', 'mitige', 'negatif'] as const;
export const Tone = z.enum(TONES);
export type Tone = z.infer<typeof Tone>;

/**
 * Conditions d'un commentaire d'avis (ou d'une réponse) sur l'action : il ne lui est attribué que
 * si toutes valent (évaluées par `reviewContext`, src/demo/avis.ts).
 */
export const REVIEW_CONDITIONS = [
  'stage',
  'distance',
  'presentiel',
  'temps-partiel',
  'certifiante',
  'metier',
  'prepa',
  'savoirs-de-base',
  'machines',
  'equipements',
  'payee-par-la-personne',
  'financee',
  'remuneration',
  'courte',
  'plusieurs-semaines',
  'plusieurs-mois',
  'handicap',
] as const;
export const ReviewCondition = z.enum(REVIEW_CONDITIONS);
export type ReviewCondition = z.infer<typeof ReviewCondition>;

const Conditions = z.array(ReviewCondition).default([]);

export const CommentsFile = z
  .object({
    commentaires: z.array(z.object({ ton: Tone, titre: z.string().min(1).nullable(), texte: z.string().min(1), si: Conditions })).min(10),
    reponses: z.array(z.object({ ton: Tone, texte: z.string().min(1), si: Conditions })).default([]),
  })
  .refine((f) => TONES.every((tone) => f.commentaires.some((c) => c.ton === tone && c.si.length === 0)), {
    message: 'chaque ton a au moins un commentaire sans condition (il vaut pour toute action)',
    path: ['commentaires'],
  });
export type CommentsFile = z.infer<typeof CommentsFile>;

export interface DemoSources {
  catalogue: Catalogue;
  organismes: OrganismeSource[];
  comments: CommentsFile;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`lecture impossible de ${file} : ${(error as Error).message}`);
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const details = result.error.issues
      .slice(0, 10)
      .map((i) => `  - ${i.path.join('.')} : ${i.message}`)
      .join('\n');
    throw new Error(`${file} invalide :\n${details}`);
  }
  return result.data;
}

/** Lit un fichier JSON et le valide par `schema` ; erreur en français qui nomme le fichier et les champs. */
export function loadJsonFile<T>(schema: z.ZodType<T>, file: string): T {
  return parseOrThrow(schema, readJson(file), file);
}

/** Charge et valide les trois fichiers sources, et vérifie leur cohérence mutuelle. */
export function loadDemoSources(dataDir = DEFAULT_DEMO_DATA_DIR): DemoSources {
  const file = (name: string) => path.join(dataDir, name);
  const catalogue = parseOrThrow(Catalogue, readJson(file('catalogue.json')), file('catalogue.json'));
  const { organismes } = parseOrThrow(OrganismesFile, readJson(file('organismes.json')), file('organismes.json'));
  const comments = parseOrThrow(CommentsFile, readJson(file('avis-commentaires.json')), file('avis-commentaires.json'));
  const problems = checkCoherence(catalogue, organismes);
  if (problems.length > 0) throw new Error(`sources de démonstration incohérentes :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { catalogue, organismes, comments };
}

/** Un modèle de formation avec son métier (null pour les formations transverses). */
export interface PlacedTemplate {
  template: TrainingTemplate;
  sector: Sector;
  romes: string[];
}

export function allTemplates(catalogue: Catalogue): PlacedTemplate[] {
  const list: PlacedTemplate[] = [];
  for (const m of catalogue.metiers) {
    for (const t of m.trainings) list.push({ template: t, sector: m.sector, romes: [m.rome, ...t.extraRomes.filter((r) => r !== m.rome)] });
  }
  for (const t of catalogue.transverse) list.push({ template: t, sector: 'transverse', romes: [...t.extraRomes] });
  return list;
}

/** Un organisme peut-il proposer ce modèle ? (type d'organisme et secteur) */
export function canProvide(org: Pick<OrganismeSource, 'kind' | 'sectors'>, placed: PlacedTemplate): boolean {
  if (!placed.template.providers.includes(org.kind)) return false;
  return org.sectors.includes('*') || org.sectors.includes(placed.sector);
}

export function checkCoherence(catalogue: Catalogue, organismes: readonly OrganismeSource[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const p of allTemplates(catalogue)) {
    if (ids.has(p.template.id)) problems.push(`modèle de formation en double : ${p.template.id}`);
    ids.add(p.template.id);
    if (!organismes.some((o) => canProvide(o, p))) problems.push(`aucun organisme ne peut proposer « ${p.template.title} » (${p.template.id})`);
  }
  const romes = new Set<string>();
  for (const m of catalogue.metiers) {
    if (romes.has(m.rome)) problems.push(`métier en double : ${m.rome}`);
    romes.add(m.rome);
  }
  const orgIds = new Set<string>();
  const sirets = new Set<string>();
  for (const o of organismes) {
    if (orgIds.has(o.id)) problems.push(`organisme en double : ${o.id}`);
    if (sirets.has(o.siret)) problems.push(`SIRET en double : ${o.siret}`);
    orgIds.add(o.id);
    sirets.add(o.siret);
  }
  return problems;
}
