/**
 * Le module « Rencontrer un pro » d'un processus serveur : la base ouverte (migrations), la clé
 * des liens, le transport des e-mails (SMTP, ou dossier .eml en développement), le travailleur
 * de la boîte d'envoi et les tâches planifiées (toutes les 15 minutes), les limites de débit, et
 * (serveur, hors production, données de démonstration) les pros de démonstration (src/demo/contact-seed.ts).
 * Créé au premier appel ; les pages l'obtiennent par `contactService()`.
 */
import { randomBytes } from 'node:crypto';
import { getApiServices } from '../api/services';
import { loadCatalog } from '../catalog/catalog';
import { appClock } from '../clock';
import type { Metier } from '../domain/metier';
import type { MetierIndex } from '../api/metiers';
import type { GeoReferentiel } from '../geo/referentiel';
import { readContactConfig, type ContactConfig } from './config';
import type { ContactContext } from './context';
import { runScheduledJobs } from './jobs';
import { mailFolderTransport } from './mail/mail-folder';
import { startOutboxWorker, type MailTransport } from './mail/outbox';
import { smtpTransport } from './mail/smtp';
import type { ContactStore } from './ports/store';
import { createRateLimits, type RateLimits } from './rate-limit';
import { openSqliteContactStore } from './sqlite/store';
import { startDemoContact } from '../demo/contact-seed';

export interface ContactService {
  config: ContactConfig;
  ctx: ContactContext;
  store: ContactStore;
  geo: GeoReferentiel;
  metiers: MetierIndex;
  getMetier(code: string): Metier | undefined;
  limits: RateLimits;
  /** Attend que la boîte d'envoi soit vide (pour les commandes). */
  flushMail(): Promise<void>;
}

const JOBS_INTERVAL_MS = 15 * 60_000;

/** La clé des liens : CONTACT_SECRET, sinon (hors production) une clé aléatoire gardée dans la base. */
export function resolveSecret(config: ContactConfig, store: Pick<ContactStore, 'setSettingIfAbsent'>): string {
  if (config.secret) return config.secret;
  console.warn('[contact] CONTACT_SECRET absent : clé de développement gardée dans la base (interdit en production).');
  return store.setSettingIfAbsent('dev_secret', randomBytes(32).toString('base64url'));
}

export function createTransport(config: ContactConfig): MailTransport {
  return config.smtp ? smtpTransport(config.smtp, config.mailFrom) : mailFolderTransport(config.mailDir, config.mailFrom);
}

/**
 * Assemble le module. `background` : démarrer le travailleur d'envoi et les tâches planifiées
 * dans ce processus (le serveur) ; les commandes, elles, font un passage et s'arrêtent.
 */
export function createContactService(config: ContactConfig = readContactConfig(), background = true): ContactService {
  const store = openSqliteContactStore(config.dbPath);
  const secret = resolveSecret(config, store);
  const api = getApiServices();
  const catalog = loadCatalog();
  const transport = createTransport(config);
  const clock = appClock();
  const worker = startOutboxWorker(store, transport, background ? 5_000 : null, () => clock.now());
  const ctx: ContactContext = {
    store,
    secret,
    publicUrl: config.publicUrl,
    now: () => clock.now(),
    communeByInsee: (code) => api.geo.communeByInsee(code),
    metierLabel: (code) => catalog.getMetier(code)?.label ?? code,
    mailQueued: () => worker.wake(),
  };
  if (background) {
    // Démonstration (pros et compte de modération) : semée sur les données de démo, refusée en production.
    startDemoContact(ctx, { production: config.production, demoData: catalog.isDemo() });
    const jobs = () => {
      try {
        runScheduledJobs(ctx);
      } catch (error) {
        console.error('[contact] tâches planifiées interrompues', error);
      }
    };
    setTimeout(jobs, 1_000).unref();
    setInterval(jobs, JOBS_INTERVAL_MS).unref();
  }
  return {
    config,
    ctx,
    store,
    geo: api.geo,
    metiers: api.metiers,
    getMetier: (code) => catalog.getMetier(code),
    limits: createRateLimits(config.rateLimitScale),
    flushMail: async () => {
      worker.wake();
      await worker.idle();
    },
  };
}

let service: ContactService | null = null;

/** Le module du serveur, ou null s'il ne peut pas démarrer (erreur journalisée ; la page dit « indisponible »). */
export function contactService(): ContactService | null {
  if (service) return service;
  try {
    service = createContactService();
    return service;
  } catch (error) {
    console.error('[contact] module « Rencontrer un pro » indisponible', error);
    return null;
  }
}
