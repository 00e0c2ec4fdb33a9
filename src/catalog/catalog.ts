/**
 * Le catalogue : accès en lecture seule aux données construites (`data/build/` ou `DATA_DIR`).
 * Chaque fichier est lu et validé avec les schémas du domaine à la première demande, puis gardé en mémoire.
 * Aucun code de framework ici : les pages Astro l'appellent au moment de la construction du site.
 */
import { cardKeyOf, titleKey } from '../domain/grouping';
import { z } from '../domain/zod';
import { Metier, ROME_DOMAINS, romeDomain } from '../domain/metier';
import { Interest } from '../domain/interest';
import { interestSlug } from '../lib/links';
import { existsSync } from 'node:fs';
import { Offer } from '../domain/offer';
import type { Level } from '../domain/levels';
import { InsertionStat } from '../domain/insertion';
import { Review } from '../domain/review';
import { openSessions } from '../domain/sessions';
import { Commune, TerritoireEfop } from '../domain/geo';
import { duplicateError } from './errors';
import { DATA_FILES, assertDataDir, forgetDataGenerations, readDataFile, resolveDataDir } from './files';
import { Manifest } from './manifest';
import path from 'node:path';

/** Un grand domaine du ROME (lettre A à N) et ses métiers, triés par libellé. */
export interface DomainGroup {
  letter: string;
  label: string;
  metiers: readonly Metier[];
}

/** Un grand domaine et son nombre de métiers. */
/** Une formation qui prépare à un métier, avec son offre dans la région. */
export interface MetierTraining {
  formationId: string;
  title: string;
  exitLevel: Level | null;
  /** Nombre de lieux où elle est proposée (les cartes de la recherche : organisme, lieu, modalité). */
  actions: number;
  /** Sessions ouvertes aux inscriptions à la date donnée (règle du domaine, celle de la recherche). */
  upcomingSessions: number;
  /** Communes des lieux, sans doublon, par ordre alphabétique. */
  cities: string[];
}

export interface DomainCount {
  letter: string;
  label: string;
  count: number;
}

/** Tri alphabétique français : accents et casse ignorés, nombres dans l'ordre naturel. */
export const frenchCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function compareFrench(a: string, b: string): number {
  return frenchCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** `geo/territoires.json` : les territoires EFOP et l'avertissement sur leur composition provisoire. */
export const TerritoiresFile = z.object({
  provisional: z.boolean(),
  notice: z.string(),
  territoires: z.array(TerritoireEfop),
});
export type TerritoiresFile = z.infer<typeof TerritoiresFile>;

const DOMAIN_LETTERS = Object.keys(ROME_DOMAINS).sort();

/** `offre.json` : l'offre et l'identifiant de la construction qui l'a écrite (absent : version précédente). */
const OfferFile = Offer.extend({ buildId: z.string().min(1).optional() });

export class Catalog {
  private cache = new Map<string, unknown>();

  constructor(
    /** Dossier de données absolu. */
    readonly dataDir: string,
  ) {}

  private memo<T>(key: string, load: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = load();
    this.cache.set(key, value);
    return value;
  }

  private file(name: keyof typeof DATA_FILES): string {
    return path.join(this.dataDir, DATA_FILES[name]);
  }

  /** Le manifeste de la construction : date, compteurs, sources, mode démonstration. */
  manifest(): Manifest {
    return this.memo('manifest', () => readDataFile(this.dataDir, DATA_FILES.manifest, Manifest));
  }

  /** Vrai si les données contiennent une offre de démonstration (bandeau sur chaque page). */
  isDemo(): boolean {
    return this.manifest().demo;
  }

  /** Tous les métiers, triés par libellé (ordre alphabétique français). */
  listMetiers(): readonly Metier[] {
    return this.memo('metiers', () => {
      const metiers = readDataFile(this.dataDir, DATA_FILES.metiers, z.array(Metier));
      const seen = new Set<string>();
      for (const m of metiers) {
        if (seen.has(m.code)) throw duplicateError(this.file('metiers'), 'code ROME', m.code);
        seen.add(m.code);
      }
      return metiers.sort((a, b) => compareFrench(a.label, b.label) || a.code.localeCompare(b.code));
    });
  }

  /** Les centres d'intérêt (« J'ai envie de … »), par code ; aucun pour des données d'avant l'issue 17. */
  listInterests(): readonly Interest[] {
    return this.memo('interests', () => (existsSync(this.file('interets')) ? readDataFile(this.dataDir, DATA_FILES.interets, z.array(Interest)) : []));
  }

  /** Un centre d'intérêt par son adresse (`interestSlug`), ou `undefined`. */
  getInterest(slug: string): Interest | undefined {
    return this.listInterests().find((i) => interestSlug(i) === slug);
  }

  private metierIndex(): ReadonlyMap<string, Metier> {
    return this.memo('metierIndex', () => new Map(this.listMetiers().map((m) => [m.code, m])));
  }

  /** Le métier d'un code ROME (insensible à la casse), ou `undefined`. */
  getMetier(code: string): Metier | undefined {
    return this.metierIndex().get(code.trim().toUpperCase());
  }

  /**
   * Les métiers groupés par grand domaine du ROME (lettre du code), de A à N,
   * triés par libellé dans chaque groupe. Les domaines sans métier sont omis.
   */
  metiersByDomain(): readonly DomainGroup[] {
    return this.memo('metiersByDomain', () => {
      const byLetter = new Map<string, Metier[]>();
      for (const m of this.listMetiers()) {
        const letter = m.code.charAt(0);
        const list = byLetter.get(letter) ?? [];
        list.push(m);
        byLetter.set(letter, list);
      }
      return DOMAIN_LETTERS.filter((letter) => byLetter.has(letter)).map((letter) => ({
        letter,
        label: romeDomain(letter)?.label ?? letter,
        metiers: byLetter.get(letter) ?? [],
      }));
    });
  }

  /** Nombre de métiers par grand domaine, de A à N (domaines vides omis). */
  domainCounts(): readonly DomainCount[] {
    return this.metiersByDomain().map(({ letter, label, metiers }) => ({ letter, label, count: metiers.length }));
  }

  private offerFile(): { offer: Offer; buildId: string | null } {
    return this.memo('offre', () => {
      const { buildId, ...offer } = readDataFile(this.dataDir, DATA_FILES.offre, OfferFile);
      return { offer, buildId: buildId ?? null };
    });
  }

  /** L'offre de formation : organismes, formations, actions (avec leurs sessions). */
  offer(): Offer {
    return this.offerFile().offer;
  }

  /** L'identifiant de la construction qui a écrit `offre.json` (null : version précédente ou jeu de test). */
  offerBuildId(): string | null {
    return this.offerFile().buildId;
  }

  /**
   * Les formations de l'offre importée qui visent ce code ROME, des plus proposées aux moins
   * proposées, puis par intitulé. `today` (AAAA-MM-JJ, aujourd'hui à Paris) sert à compter les sessions ouvertes.
   */
  trainingsForMetier(code: string, today: string): MetierTraining[] {
    const { formations, actions } = this.offer();
    const actionsByFormation = Map.groupBy(actions, (a) => a.formationId);
    // Une ligne par formation telle que la personne la lit (même intitulé, même niveau), même si
    // plusieurs organismes la publient sous des identifiants différents ; un lieu = une carte de la recherche.
    const lines = new Map<string, { formation: (typeof formations)[number]; own: (typeof actions)[number][] }>();
    for (const f of formations) {
      if (!f.romeCodes.includes(code)) continue;
      const key = `${titleKey(f.title)}\u0000${f.exitLevel ?? '-'}`;
      const line = lines.get(key) ?? { formation: f, own: [] };
      line.own.push(...(actionsByFormation.get(f.id) ?? []));
      lines.set(key, line);
    }
    return [...lines.values()]
      .map(({ formation: f, own }) => ({
        formationId: f.id,
        title: f.title,
        exitLevel: f.exitLevel,
        actions: new Set(own.map((a) => cardKeyOf(a, f))).size,
        upcomingSessions: own.reduce((n, a) => n + openSessions(a, today).length, 0),
        cities: [...new Set(own.map((a) => a.place.city))].sort(compareFrench),
      }))
      .sort((a, b) => b.actions - a.actions || compareFrench(a.title, b.title));
  }

  /** Les taux d'insertion (InserJeunes, InserSup, France Travail). */
  insertionStats(): readonly InsertionStat[] {
    return this.memo('insertion', () => readDataFile(this.dataDir, DATA_FILES.insertion, z.array(InsertionStat)));
  }

  /** Les avis des stagiaires (tous statuts : filtrer sur `validated` avant d'afficher). */
  reviews(): readonly Review[] {
    return this.memo('avis', () => readDataFile(this.dataDir, DATA_FILES.avis, z.array(Review)));
  }

  /** Les communes des Pays de la Loire, géocodées (`geo/communes.json`). */
  communes(): readonly Commune[] {
    return this.memo('communes', () => readDataFile(this.dataDir, DATA_FILES.communes, z.array(Commune)));
  }

  /** Les 18 territoires EFOP, leur avertissement « composition provisoire » (`geo/territoires.json`). */
  territoires(): TerritoiresFile {
    return this.memo('territoires', () => readDataFile(this.dataDir, DATA_FILES.territoires, TerritoiresFile));
  }
}

/**
 * Le catalogue du dossier de données (argument, sinon `DATA_DIR`, sinon `data/build` ; sa génération
 * en service, fixée pour le processus : voir `resolveDataDir`). Un nouveau catalogue à chaque appel :
 * le serveur en garde un seul, dans sa racine de composition (src/app/).
 * Lève une `CatalogError` en français si le dossier n'existe pas ; les fichiers sont lus à la demande.
 */
export function loadCatalog(dataDir?: string): Catalog {
  const dir = resolveDataDir(dataDir);
  assertDataDir(dir);
  return new Catalog(dir);
}

/** Oublie la génération lue (tests, ou données reconstruites pendant `astro dev`). */
export function clearCatalogCache(): void {
  forgetDataGenerations();
}
