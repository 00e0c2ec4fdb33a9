/**
 * Le module « Rencontrer un pro » d'un processus serveur. `createContactService(deps)` l'assemble à
 * partir de ce qu'on lui donne — horloge, communes, métiers, stockage (port `ContactStore`), envoi des
 * e-mails et réglages — sans rien aller chercher lui-même : la racine de composition (src/app) l'appelle
 * une fois. Il démarre, si demandé, le travailleur de la boîte d'envoi, les tâches planifiées (toutes
 * les 15 minutes) et (serveur, hors production, données de démonstration) les pros de démonstration
 * (src/demo/contact-seed.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Metier } from '../domain/metier';
import type { MetierIndex } from '../http/metiers';
import type { GeoReferentiel } from '../geo/referentiel';
import type { ContactConfig } from './config';
import type { ContactContext } from './context';
import { runScheduledJobs } from './jobs';
import { mailFolderTransport } from './mail/mail-folder';
import { startOutboxWorker, type MailTransport } from './mail/outbox';
import { smtpTransport } from './mail/smtp';
import type { ContactStore } from './ports/store';
import { createRateLimits, limiterFactory, type RateLimits } from './rate-limit';
import { createLoginGuard, type LoginGuard } from './login-guard';
import { startDemoContact } from '../demo/contact-seed';

/** Les communes dont le module a besoin (résolution des champs, distances, statistiques par territoire). */
export type ContactGeo = Pick<GeoReferentiel, 'communeByInsee' | 'searchCommunes' | 'territoireOf'>;

/** Les métiers : la recherche (champs « métier » des formulaires) et la fiche d'un code ROME. */
export interface ContactMetiers {
  index: MetierIndex;
  getMetier(code: string): Metier | undefined;
}

export interface ContactServiceDeps {
  clock: Clock;
  geo: ContactGeo;
  metiers: ContactMetiers;
  store: ContactStore;
  /** Réglages (clé des liens, adresse publique, SMTP ou dossier des e-mails, limites de débit, production). */
  config: ContactConfig;
  /** Ce qui envoie les e-mails ; par défaut SMTP si configuré, sinon le dossier `.eml` (`createTransport`). */
  mailer?: MailTransport;
  /** Les données servies sont celles de démonstration (les pros de démonstration sont alors semés). */
  demoData: boolean;
  /** Démarrer le travailleur d'envoi et les tâches planifiées dans ce processus (le serveur) ; faux pour les commandes. */
  background?: boolean;
}

export interface ContactService {
  config: ContactConfig;
  ctx: ContactContext;
  store: ContactStore;
  geo: ContactGeo;
  metiers: MetierIndex;
  getMetier(code: string): Metier | undefined;
  limits: RateLimits;
  /** Connexion des modérateurs : attente par adresse, verrou par compte avec lien de déverrouillage. */
  loginGuard: LoginGuard;
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

/** Assemble le module à partir de ses dépendances (aucune n'est cherchée ici). */
export function createContactService(deps: ContactServiceDeps): ContactService {
  const { config, store, clock, geo, metiers } = deps;
  const background = deps.background ?? true;
  const secret = resolveSecret(config, store);
  const transport = deps.mailer ?? createTransport(config);
  const limiters = limiterFactory(config.rateLimitStore);
  const worker = startOutboxWorker(store, transport, background ? 5_000 : null, () => clock.now());
  const ctx: ContactContext = {
    store,
    secret,
    publicUrl: config.publicUrl,
    now: () => clock.now(),
    communeByInsee: (code) => geo.communeByInsee(code),
    metierLabel: (code) => metiers.getMetier(code)?.label ?? code,
    mailQueued: () => worker.wake(),
  };
  if (background) {
    // Démonstration (pros et compte de modération) : semée sur les données de démo, refusée en production.
    startDemoContact(ctx, { production: config.production, demoData: deps.demoData });
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
    geo,
    metiers: metiers.index,
    getMetier: (code) => metiers.getMetier(code),
    limits: createRateLimits(config.rateLimitScale, limiters),
    loginGuard: createLoginGuard(limiters, config.rateLimitScale),
    flushMail: async () => {
      worker.wake();
      await worker.idle();
    },
  };
}
