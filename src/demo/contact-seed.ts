/**
 * Les pros de démonstration de « Rencontrer un pro » (data/demo/pros.json), inscrits au démarrage
 * d'un serveur sur les données de démonstration, hors production, PAR LE VRAI PARCOURS : les
 * mêmes cas d'usage que les formulaires et /admin —
 *   inscription (`registerPro`) → lien de confirmation lu dans l'e-mail envoyé (`verifyPro`) →
 *   publication par le compte de modération de démonstration (`approvePro`) → pause
 *   (`setPaused`) ; pour les pros « au plafond », de vraies demandes (`submitRequest`), confirmées
 *   par le lien de l'e-mail reçu par la personne (et par son parent si elle est mineure,
 *   `confirmRequestAddress`), puis acceptées ou refusées par le lien de l'e-mail reçu par le pro
 *   (`acceptRequest`, `declineRequest`).
 * Rien n'est écrit dans la base en contournant ces cas d'usage, sauf la marque « démonstration »
 * du profil et du compte de modération.
 *
 * Idempotent : l'empreinte du fichier est gardée dans les réglages de la base (`demo_seed`) ;
 * même empreinte → rien à faire ; sinon seuls les pros dont l'adresse est inconnue sont inscrits.
 * Tout ou rien : une seule transaction. Les dates viennent de l'horloge du module (`ctx.now`).
 *
 * Le compte de modération de démonstration (adresse fixe sous example.org) a un mot de passe
 * dérivé de la clé des liens signés de la base : propre à chaque base, stable d'un démarrage à
 * l'autre, affiché au démarrage. En production, il est refusé : jamais créé, et supprimé s'il existe.
 */
import { createHash, createHmac } from 'node:crypto';
import path from 'node:path';
import { projectRoot } from '../catalog/files';
import { checkCredentials, upsertModerator } from '../contact/admin-auth';
import type { ContactContext } from '../contact/context';
import { approvePro, registerPro, setPaused, verifyPro } from '../contact/pros';
import { acceptRequest, confirmRequestAddress, declineRequest, submitRequest } from '../contact/requests';
import { CONFIRMATION_MAILS } from '../contact/mail/templates';
import { addressesToConfirm } from '../domain/contact-rules';
import type { ContactStore } from '../contact/ports/store';
import {
  AgeBracket,
  ContactRequestInput,
  ExchangeMode,
  ProRegistrationInput,
  Situation,
  publicName,
  type Pro,
} from '../domain/contact';
import { z } from '../domain/zod';
import { isReservedExampleEmail } from './reserved-domains';
import { loadJsonFile } from './sources';

export const DEMO_PROS_FILE = path.join('data', 'demo', 'pros.json');
/** Clé des réglages de la base : empreinte du fichier de pros déjà appliqué. */
export const SEED_SETTING = 'demo_seed';

export const DEMO_PRO_STATES = ['publie', 'en-pause', 'plafond-atteint', 'en-attente'] as const;
export type DemoProState = (typeof DEMO_PRO_STATES)[number];

const ExampleEmail = z.string().refine(isReservedExampleEmail, { message: 'adresse sous un nom réservé aux exemples attendue (example.org, .test…)' });

const DemoRequest = z.object({
  firstName: z.string(),
  email: ExampleEmail,
  phone: z.string().optional(),
  situation: Situation,
  ageBracket: AgeBracket,
  guardianEmail: ExampleEmail.optional(),
  mode: ExchangeMode,
  message: z.string(),
  /** Ce que fait le pro depuis le lien de l'e-mail reçu. */
  response: z.enum(['accepter', 'refuser']),
});
export type DemoRequest = z.infer<typeof DemoRequest>;

const DemoPro = z
  .object({
    firstName: z.string(),
    lastName: z.string(),
    email: ExampleEmail,
    phone: z.string().optional(),
    metierCodes: z.array(z.string()),
    communeCode: z.string(),
    employer: z.string().optional(),
    modes: z.array(z.string()),
    monthlyCap: z.number().int(),
    presentation: z.string(),
    state: z.enum(DEMO_PRO_STATES),
    requests: z.array(DemoRequest).default([]),
  })
  .refine((p) => (p.state === 'plafond-atteint' ? p.requests.length === p.monthlyCap : p.requests.length === 0), {
    message: 'un pro « plafond-atteint » a autant de demandes que son plafond mensuel ; les autres n’en ont pas',
    path: ['requests'],
  });
export type DemoPro = z.infer<typeof DemoPro>;

export const DemoProsFile = z.object({
  moderator: ExampleEmail,
  pros: z.array(DemoPro).min(1),
});
export type DemoProsFile = z.infer<typeof DemoProsFile>;

export interface DemoPros {
  file: string;
  /** Empreinte du contenu : la marque gardée dans la base. */
  seedId: string;
  data: DemoProsFile;
}

export class DemoSeedError extends Error {}

/** Lit et valide data/demo/pros.json (message en français qui nomme le fichier). */
export function loadDemoPros(file = path.join(projectRoot(), DEMO_PROS_FILE)): DemoPros {
  let data: DemoProsFile;
  try {
    data = loadJsonFile(DemoProsFile, file);
  } catch (error) {
    throw new DemoSeedError((error as Error).message);
  }
  const seedId = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
  return { file, seedId, data };
}

/** Le mot de passe du compte de modération de démonstration, dérivé de la clé de la base. */
export function demoModeratorPassword(secret: string): string {
  return `demo-${createHmac('sha256', secret).update('versmonmetier/demo-moderator').digest('hex').slice(0, 16)}`;
}

export interface DemoModerator {
  id: number;
  email: string;
  password: string;
}

function refuseInProduction(production: boolean): void {
  if (production) throw new DemoSeedError('La démonstration de « Rencontrer un pro » (pros et compte de modération de démonstration) est interdite en production.');
}

/** Crée (ou remet au bon mot de passe) le compte de modération de démonstration. Refusé en production. */
export function ensureDemoModerator(ctx: ContactContext, email: string, production: boolean): DemoModerator {
  refuseInProduction(production);
  const password = demoModeratorPassword(ctx.secret);
  let id = checkCredentials(ctx.store, email, password);
  if (id === null) {
    upsertModerator(ctx.store, email, password, ctx.now());
    id = checkCredentials(ctx.store, email, password);
  }
  if (id === null) throw new DemoSeedError(`compte de modération de démonstration ${email} : création impossible`);
  ctx.store.markModeratorDemo(id);
  return { id, email: email.trim().toLowerCase(), password };
}

/** En production : supprime les comptes de modération de démonstration (et leurs sessions). Rend leur nombre. */
export function removeDemoModerators(store: ContactStore): number {
  return store.deleteDemoModerators();
}

/** Le lien « libellé : URL » du dernier e-mail de sorte `kind` envoyé au sujet de `refId` (comme le lit la personne). */
export function linkInLastMail(store: ContactStore, kind: string, refId: string, label: string): string {
  const text = store.lastMailText(kind, refId);
  const row = text === undefined ? undefined : { text };
  const marker = `${label} : `;
  const start = row ? row.text.indexOf(marker) : -1;
  if (!row || start < 0) throw new DemoSeedError(`e-mail « ${kind} » sans lien « ${label} » pour ${refId}`);
  const from = start + marker.length;
  let end = from;
  while (end < row.text.length && !/\s/.test(row.text.charAt(end))) end++;
  return row.text.slice(from, end);
}

const tokenOf = (url: string): string => new URL(url).searchParams.get('t') ?? '';

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '_'} : ${i.message}`).join(' ; ');
}

/** Inscrit un pro de démonstration par le vrai parcours ; rend le profil final. */
function seedOnePro(ctx: ContactContext, moderator: DemoModerator, demo: DemoPro): Pro {
  const { state, requests, ...fields } = demo;
  const input = ProRegistrationInput.safeParse({ ...fields, consent: 'oui' });
  if (!input.success) throw new DemoSeedError(`pro de démonstration ${demo.email} refusé par le formulaire : ${describeIssues(input.error)}`);
  for (const code of input.data.metierCodes) {
    if (ctx.metierLabel(code) === code) throw new DemoSeedError(`pro de démonstration ${demo.email} : métier ${code} absent des données`);
  }
  if (!ctx.communeByInsee(input.data.communeCode)) throw new DemoSeedError(`pro de démonstration ${demo.email} : commune ${input.data.communeCode} inconnue`);

  registerPro(ctx, input.data);
  const registered = ctx.store.getProByEmail(input.data.email);
  if (!registered) throw new DemoSeedError(`pro de démonstration ${demo.email} : inscription introuvable`);
  ctx.store.markProDemo(registered.id);
  const verified = verifyPro(ctx, tokenOf(linkInLastMail(ctx.store, 'pro-verify', registered.id, 'Confirmer mon adresse e-mail')));
  if (!verified.ok) throw new DemoSeedError(`pro de démonstration ${demo.email} : confirmation refusée (${verified.error})`);
  if (state === 'en-attente') return ctx.store.getPro(registered.id) as Pro;

  if (!approvePro(ctx, registered.id, moderator.id)) throw new DemoSeedError(`pro de démonstration ${demo.email} : publication refusée`);
  let pro = ctx.store.getPro(registered.id) as Pro;
  if (state === 'en-pause') pro = setPaused(ctx, pro, true);
  requests.forEach((r, i) => {
    const { response, ...requestFields } = r;
    const request = ContactRequestInput.safeParse({ ...requestFields, consent: 'oui' });
    if (!request.success) throw new DemoSeedError(`demande de démonstration ${r.email} refusée par le formulaire : ${describeIssues(request.error)}`);
    const submitted = submitRequest(ctx, pro.id, pro.metierCodes[0] ?? null, request.data, `demo-${pro.id}-${i}`);
    if (!submitted.ok) throw new DemoSeedError(`demande de démonstration ${r.email} à ${publicName(pro)} refusée (${submitted.error})`);
    const id = submitted.request.id;
    for (const role of addressesToConfirm(submitted.request)) {
      const { kind, link } = CONFIRMATION_MAILS[role];
      const confirmed = confirmRequestAddress(ctx, tokenOf(linkInLastMail(ctx.store, kind, id, link)), true);
      if (!confirmed.ok || confirmed.outcome === 'form') throw new DemoSeedError(`demande de démonstration ${r.email} : confirmation refusée (${confirmed.ok ? confirmed.outcome : confirmed.error})`);
    }
    const done =
      response === 'accepter'
        ? acceptRequest(ctx, tokenOf(linkInLastMail(ctx.store, 'request-new', id, 'Accepter la demande')))
        : declineRequest(ctx, tokenOf(linkInLastMail(ctx.store, 'request-new', id, 'Refuser la demande')), { reason: 'pas-disponible' });
    if (!done.ok) throw new DemoSeedError(`demande de démonstration ${r.email} : réponse refusée (${done.error})`);
  });
  return ctx.store.getPro(pro.id) as Pro;
}

export interface DemoSeedReport {
  seedId: string;
  /** Vrai si la base avait déjà cette graine (rien n'a été inscrit). */
  alreadyApplied: boolean;
  /** Pros inscrits par cet appel. */
  created: number;
  /** Pros de démonstration dans la base (hors supprimés). */
  demoPros: number;
  moderator: DemoModerator;
}

/**
 * Applique la graine de démonstration à la base de `ctx` (idempotent, tout ou rien).
 * Refusé en production. Les e-mails sont mis en file ; `ctx.mailQueued()` est appelé une fois, à la fin.
 */
export function seedDemoContact(ctx: ContactContext, source: DemoPros, options: { production: boolean }): DemoSeedReport {
  refuseInProduction(options.production);
  // Les cas d'usage réveillent le travailleur d'envoi après chaque écriture : pas au milieu de la transaction.
  const quiet: ContactContext = { ...ctx, mailQueued: () => {} };
  const report = ctx.store.transaction((): DemoSeedReport => {
    const moderator = ensureDemoModerator(quiet, source.data.moderator, options.production);
    const alreadyApplied = ctx.store.getSetting(SEED_SETTING) === source.seedId;
    let created = 0;
    if (!alreadyApplied) {
      for (const demo of source.data.pros) {
        if (ctx.store.getProByEmail(demo.email.trim().toLowerCase())) continue;
        seedOnePro(quiet, moderator, demo);
        created++;
      }
      ctx.store.setSetting(SEED_SETTING, source.seedId);
    }
    return { seedId: source.seedId, alreadyApplied, created, demoPros: ctx.store.countDemoPros(), moderator };
  });
  if (report.created > 0) ctx.mailQueued();
  return report;
}

/**
 * Au démarrage du serveur. En production : supprime tout compte de modération de démonstration,
 * et ne sème rien. Hors production, sur les données de démonstration : applique la graine et
 * affiche le compte de modération de démonstration. Une erreur est affichée, jamais levée
 * (« Rencontrer un pro » reste servi).
 */
export function startDemoContact(ctx: ContactContext, options: { production: boolean; demoData: boolean; file?: string; log?: (line: string) => void }): DemoSeedReport | null {
  const log = options.log ?? ((line: string) => console.info(line));
  if (options.production) {
    const removed = removeDemoModerators(ctx.store);
    if (removed > 0) log(`[démo] ${removed} compte(s) de modération de démonstration supprimé(s) : interdits en production.`);
    return null;
  }
  if (!options.demoData) return null;
  try {
    const report = seedDemoContact(ctx, loadDemoPros(options.file), { production: false });
    log(
      `[démo] Rencontrer un pro : ${report.demoPros} pros de démonstration${report.created > 0 ? ` (${report.created} inscrits à l’instant par le parcours réel)` : ''}. ` +
        `Modération de démonstration (hors production seulement) sur /admin/ : e-mail ${report.moderator.email}, mot de passe ${report.moderator.password}`,
    );
    return report;
  } catch (error) {
    console.error('[démo] pros de démonstration non inscrits :', error instanceof Error ? error.message : error);
    return null;
  }
}
