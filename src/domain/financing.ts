/**
 * Financeurs (LHEO `dict-financeurs`) et dispositifs de la Région Pays de la Loire.
 */
import { lookupTable } from '../lib/lookup';
import { z } from './zod';

/** LHEO 2.3 `dict-financeurs` : code → libellé (table sans prototype : le code vient du flux). */
export const LHEO_FUNDERS = lookupTable({
  '0': 'Autre',
  '1': 'Code(s) obsolète(s)',
  '2': 'Conseil régional',
  '3': 'Fonds européens — FSE',
  '4': 'France Travail (ex-Pôle emploi)',
  '5': 'Entreprise',
  '6': 'ACSÉ (anciennement FASILD)',
  '7': 'Agefiph',
  '8': 'Conseil départemental',
  '9': 'Commune',
  '10': 'La personne elle-même',
  '11': 'État — ministère chargé de l’emploi',
  '12': 'État — ministère de l’Éducation nationale',
  '13': 'État — autre',
  '14': 'Fonds européens — autre',
  '15': 'Collectivité territoriale — autre',
  '16': 'OPCO',
  '17': 'Transition Pro',
  '18': 'LADOM',
  '19': 'État — ministère de l’Intérieur',
  '20': 'OFII',
});

export const FunderCode = z
  .string()
  .refine((c) => Object.hasOwn(LHEO_FUNDERS, c), { message: 'code financeur LHEO inconnu' })
  .describe('Code financeur LHEO (dict-financeurs)');

export function funderLabel(code: string): string {
  return LHEO_FUNDERS[code] ?? `Financeur ${code}`;
}

/**
 * Programmes de formation de la Région (« dispositifs »), expliqués en mots simples.
 * Les familles PRÉPA, VISA et ACCÈS ont des variantes.
 */
export const REGION_PROGRAMMES = {
  'prepa-avenir': { family: 'PRÉPA', label: 'PRÉPA Avenir', explanation: 'Construire son projet professionnel et découvrir des métiers.' },
  'prepa-rebond': { family: 'PRÉPA', label: 'PRÉPA Rebond', explanation: 'Reprendre confiance et remettre à niveau ses savoirs de base avant une formation.' },
  'prepa-cles': { family: 'PRÉPA', label: 'PRÉPA Clés', explanation: 'Apprendre ou réapprendre à lire, écrire, compter et utiliser le numérique.' },
  'visa-metiers': { family: 'VISA', label: 'VISA Métiers', explanation: 'Obtenir un diplôme ou un titre professionnel, formation payée par la Région.' },
  'visa-sanitaire-social': { family: 'VISA', label: 'VISA Sanitaire et social', explanation: 'Se former aux métiers du soin et de l’accompagnement, formation payée par la Région.' },
  'visa-metiers-plus': { family: 'VISA', label: 'VISA Métiers+', explanation: 'Un diplôme avec un accompagnement renforcé pendant la formation.' },
  'acces-emploi': { family: 'ACCÈS', label: 'ACCÈS Emploi', explanation: 'Une formation courte pour un emploi qui recrute près de chez vous.' },
  'acces-qualification': { family: 'ACCÈS', label: 'ACCÈS Qualification', explanation: 'Acquérir une première qualification reconnue par les employeurs.' },
} as const;

export type RegionProgrammeCode = keyof typeof REGION_PROGRAMMES;
export const REGION_PROGRAMME_CODES = Object.keys(REGION_PROGRAMMES) as RegionProgrammeCode[];
export const RegionProgramme = z.enum(REGION_PROGRAMME_CODES as [RegionProgrammeCode, ...RegionProgrammeCode[]]).describe('Dispositif de formation de la Région');

/** Résumé du financement d'une action : financeurs LHEO, dispositif régional éventuel, éligibilité CPF. */
export const Financing = z.object({
  funders: z.array(FunderCode).default([]),
  programme: RegionProgramme.nullable().default(null),
  cpfEligible: z.boolean().default(false),
});
export type Financing = z.infer<typeof Financing>;

/** Valeurs de la facette « financement / dispositif » (une action peut en avoir plusieurs). */
export function financingFacetValues(f: Financing): string[] {
  const values = new Set<string>();
  if (f.programme) values.add(f.programme);
  if (f.cpfEligible) values.add('cpf');
  for (const code of f.funders) {
    if (code === '2') values.add('region');
    else if (code === '4') values.add('france-travail');
    else if (code === '10') values.add('personnel');
    else if (code === '5' || code === '16') values.add('entreprise');
  }
  return [...values].sort();
}
