/**
 * « Ma sélection » assemblée à partir des services du processus (la racine de composition, src/app,
 * l'appelle) : la lecture des éléments (offre, métiers, pros) et, quand « Rencontrer un pro » est
 * prêt, les liens courts (même base SQLite, sa propre connexion) et l'envoi par sa boîte d'envoi.
 */
import type { Clock } from '../clock';
import type { Metier } from '../domain/metier';
import type { FormationDetails } from '../http/formation-detail';
import { openContactDb } from '../contact/sqlite/database';
import { openProProfile } from '../contact/directory';
import { queue } from '../contact/context';
import type { ContactService } from '../contact/service';
import type { RateLimits } from '../contact/rate-limit';
import type { SelectionDeps } from './items';
import type { ShareDeps } from './short-links';
import { sqliteShortLinks } from './sqlite';
import { seedDemoSelection } from '../demo/selection-seed';
import type { SelectionItem } from '../domain/selection';

export interface SelectionService {
  items: SelectionDeps;
  /** null : la base de « Rencontrer un pro » est indisponible (les liens courts et l'e-mail aussi). */
  share: ShareDeps | null;
  limits: RateLimits | null;
  /** Le code de la sélection de démonstration (données de démonstration, hors production), ou null. */
  demoCode: string | null;
}

export function createSelectionService(deps: {
  clock: Clock;
  details: FormationDetails;
  getMetier(code: string): Metier | undefined;
  contact: ContactService | null;
  /** Les éléments de la sélection de démonstration à créer au démarrage (src/demo/selection-seed.ts), ou null. */
  demo?: SelectionItem[] | null;
}): SelectionService {
  const { contact } = deps;
  const items: SelectionDeps = {
    details: deps.details,
    getMetier: deps.getMetier,
    getPro(id) {
      const card = contact ? openProProfile(contact.ctx, id).card : null;
      return card ? { id: card.id, name: card.name, metiers: card.metiers.map((m) => m.label), commune: card.commune, demo: card.demo } : null;
    },
  };
  if (!contact) return { items, share: null, limits: null, demoCode: null };
  const share: ShareDeps = {
    store: sqliteShortLinks(openContactDb(contact.config.dbPath)),
    now: () => deps.clock.now(),
    publicUrl: contact.config.publicUrl,
    sendMail(mail) {
      queue(contact.ctx, mail);
      contact.ctx.mailQueued();
    },
  };
  const demoCode = deps.demo && !contact.config.production ? seedDemoSelection(share, deps.demo) : null;
  return { items, limits: contact.limits, share, demoCode };
}
