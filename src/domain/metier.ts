/**
 * Métier : une fiche du ROME 4.0 (France Travail).
 */
import { z } from './zod';

export const RomeCode = z.string().regex(/^[A-N]\d{4}$/, 'code ROME attendu (lettre A à N puis 4 chiffres)');
export type RomeCode = z.infer<typeof RomeCode>;

/** Les 14 grands domaines du ROME (première lettre du code). */
export const ROME_DOMAINS: Readonly<Record<string, string>> = {
  A: 'Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux',
  B: 'Arts et façonnage d’ouvrages d’art',
  C: 'Banque, assurance, immobilier',
  D: 'Commerce, vente et grande distribution',
  E: 'Communication, média et multimédia',
  F: 'Construction, bâtiment et travaux publics',
  G: 'Hôtellerie-restauration, tourisme, loisirs et animation',
  H: 'Industrie',
  I: 'Installation et maintenance',
  J: 'Santé',
  K: 'Services à la personne et à la collectivité',
  L: 'Spectacle',
  M: 'Support à l’entreprise',
  N: 'Transport et logistique',
};

export function romeDomain(code: string): { letter: string; label: string } | null {
  const letter = code.charAt(0).toUpperCase();
  const label = ROME_DOMAINS[letter];
  return label ? { letter, label } : null;
}

export const Appellation = z.object({
  code: z.string().min(1).describe('Code OGR de l’appellation'),
  label: z.string().min(1),
  shortLabel: z.string().nullable().default(null),
  main: z.boolean().default(false).describe('Appellation principale (sinon synonyme)'),
  rare: z.boolean().default(false).describe('Appellation peu usitée'),
});
export type Appellation = z.infer<typeof Appellation>;

export const Skill = z.object({
  code: z.string().nullable().default(null),
  label: z.string().min(1),
  category: z.string().nullable().default(null),
});

export const Metier = z.object({
  code: RomeCode,
  label: z.string().min(1).describe('Libellé du métier'),
  appellations: z.array(Appellation).default([]),
  definition: z.string().nullable().default(null),
  access: z.string().nullable().default(null).describe('Accès au métier'),
  skills: z
    .object({
      savoirFaire: z.array(Skill).default([]),
      savoirEtre: z.array(Skill).default([]),
      savoirs: z.array(Skill).default([]),
    })
    .default({ savoirFaire: [], savoirEtre: [], savoirs: [] }),
  workContexts: z.array(z.object({ label: z.string(), type: z.string().nullable().default(null) })).default([]),
  domain: z.object({ letter: z.string().length(1), code: z.string().length(3), label: z.string() }).describe('Grand domaine et domaine professionnel'),
  ecologicalTransition: z.enum(['vert', 'verdissant', 'strategique', 'brun', 'aucun']).default('aucun'),
  digitalTransition: z.boolean().default(false),
  relatedCodes: z.array(RomeCode).default([]).describe('Métiers proches (mobilité)'),
  source: z.enum(['rome', 'demo']).describe('ROME officiel importé, ou fiche de démonstration écrite par versmonmétier'),
});
export type Metier = z.infer<typeof Metier>;
