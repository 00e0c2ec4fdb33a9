/**
 * Organismes de formation de la démonstration : ceux de data/demo/organismes.json, avec
 * leurs sites (1 à 5, communes tirées selon la population). Pour les gros volumes
 * (--sessions au-delà de l'offre par défaut), on ajoute des établissements secondaires
 * (même SIREN, autre NIC, autre commune) pour que l'offre reste répartie.
 */
import type { Commune, CommunePicker } from './places';
import { randomCoordinates, randomStreet } from './places';
import type { Rng } from './random';
import { KINDS_WITH_UAI, type OrganismeSource } from './sources';
import { activityNumberFor, siretFor, uaiFor } from './identifiers';

export interface DemoSite {
  label: string | null;
  street: string;
  postcode: string;
  commune: Commune;
  coords: { lat: number; lon: number } | null;
}

export interface DemoOrganisme extends Omit<OrganismeSource, 'hq' | 'street' | 'sites'> {
  /** Adresse du siège (premier site). */
  hq: DemoSite;
  sites: DemoSite[];
}

/** Types d'organismes implantés dans un seul département (leurs sites y restent). */
const LOCAL_KINDS = new Set(['lycee', 'cfa', 'greta', 'agricole', 'insertion']);
/** Part des sites de grandes villes qui reçoivent des coordonnées GPS. */
const GEOLOCATED_SHARE = 0.2;

function makeSite(rng: Rng, commune: Commune, street: string, label: string | null): DemoSite {
  const coords = rng.chance(GEOLOCATED_SHARE) ? randomCoordinates(rng, commune.code) : null;
  return { label, street, postcode: rng.pick(commune.postcodes), commune, coords };
}

function siteLabel(name: string, commune: Commune): string {
  return `${name} – site de ${commune.name}`.slice(0, 255);
}

function buildSites(rng: Rng, picker: CommunePicker, name: string, kind: string, hq: DemoSite, count: number): DemoSite[] {
  const sites = [hq];
  const used = new Set([hq.commune.code]);
  const departement = LOCAL_KINDS.has(kind) ? hq.commune.departement : undefined;
  for (let attempt = 0; sites.length < count && attempt < count * 10; attempt++) {
    const commune = picker.draw(rng, departement);
    if (used.has(commune.code)) continue;
    used.add(commune.code);
    sites.push(makeSite(rng, commune, randomStreet(rng), siteLabel(name, commune)));
  }
  return sites;
}

function fromSource(rng: Rng, picker: CommunePicker, source: OrganismeSource): DemoOrganisme {
  const commune = picker.get(source.hq);
  if (!commune) throw new Error(`organisme ${source.id} : la commune ${source.hq} n'est pas une commune actuelle des Pays de la Loire`);
  const { hq: _hq, street, sites: count, ...rest } = source;
  const hq = makeSite(rng, commune, street, null);
  return { ...rest, hq, sites: buildSites(rng, picker, source.name, source.kind, hq, count) };
}

/** Un établissement secondaire de `parent` (n ≥ 2), implanté dans une autre commune. */
function branchOf(rng: Rng, picker: CommunePicker, parent: OrganismeSource, n: number, usedUai: Set<string>): DemoOrganisme {
  const parentDep = picker.get(parent.hq)?.departement;
  const commune = picker.draw(rng, LOCAL_KINDS.has(parent.kind) ? parentDep : undefined);
  const name = `${parent.name} – ${commune.name}`.slice(0, 250);
  let uai: string | null = null;
  if (KINDS_WITH_UAI.has(parent.kind)) {
    let serial = rng.int(0, 9999);
    do uai = uaiFor(commune.departement, serial++);
    while (usedUai.has(uai));
    usedUai.add(uai);
  }
  const nic = Number(parent.siret.slice(9, 13)) + n;
  const hq = makeSite(rng, commune, randomStreet(rng), null);
  const { hq: _hq, street: _street, sites: count, ...rest } = parent;
  return {
    ...rest,
    id: `${parent.id}-${n}`,
    name,
    siret: siretFor(parent.siret.slice(0, 9), nic),
    uai,
    activityNumber: activityNumberFor(commune.departement, Number(parent.activityNumber.slice(4)) + n),
    hq,
    sites: buildSites(rng, picker, name, parent.kind, hq, Math.min(count, 3)),
  };
}

/**
 * Le vivier d'organismes : les organismes sources, plus (copies − 1) établissements
 * secondaires de chacun quand `copies` > 1.
 */
export function buildOrganismePool(rng: Rng, picker: CommunePicker, sources: readonly OrganismeSource[], copies = 1): DemoOrganisme[] {
  const pool = sources.map((s) => fromSource(rng, picker, s));
  const usedUai = new Set(sources.flatMap((s) => (s.uai ? [s.uai] : [])));
  for (let n = 2; n <= copies; n++) {
    for (const s of sources) pool.push(branchOf(rng, picker, s, n, usedUai));
  }
  return pool;
}
