/**
 * Le traitement de chaque formulaire public, indépendant d'Astro : piège à robots, limites de
 * débit, validation zod, résolution des communes et métiers tapés, puis le cas d'usage.
 * Rend soit un succès, soit un statut 4xx, les erreurs par champ et la saisie à réafficher.
 */
import { randomUUID } from 'node:crypto';
import {
  ContactRequestInput,
  DeclineInput,
  Email,
  MAX_PRO_METIERS,
  ProRegistrationInput,
  ProSettingsInput,
  ReportInput,
  type ContactRequest,
} from '../domain/contact';
import type { MetierIndex } from '../http/metiers';
import type { Metier } from '../domain/metier';
import type { GeoReferentiel } from '../geo/referentiel';
import type { ContactContext } from './context';
import { fieldErrors, formList, formText, isBot, readForm, type FieldErrors } from './forms';
import { registerPro, sendManageLink, updateSettings } from './pros';
import type { Pro } from '../domain/contact';
import type { RelayRejection } from '../domain/contact-rules';
import type { RateLimits, LimitedForm } from './rate-limit';
import { declineRequest, reportProblem, submitRequest, type ReportSubject, type RespondResult } from './requests';
import { resolveCommune, resolveMetier } from './resolve';

export interface HandlerDeps {
  ctx: ContactContext;
  geo: Pick<GeoReferentiel, 'communeByInsee' | 'searchCommunes'>;
  metiers: MetierIndex;
  getMetier(code: string): Metier | undefined;
  limits: RateLimits;
}

export type FormOutcome<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 409 | 429; errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> };

function failure(status: 400 | 409 | 429, errors: FieldErrors, values: Record<string, string>, lists: Record<string, string[]> = {}): FormOutcome<never> {
  return { ok: false, status, errors, values, lists };
}

/**
 * Lit le formulaire envoyé (POST) et le confie à `handle` ; un formulaire illisible (type de
 * contenu inattendu, corps coupé) donne une erreur 400 avec un message.
 */
export async function submitForm<T>(request: Request, handle: (data: FormData) => FormOutcome<T> | Promise<FormOutcome<T>>): Promise<FormOutcome<T>> {
  const data = await readForm(request);
  return data ? handle(data) : failure(400, { _: 'Formulaire illisible. Rechargez la page et recommencez.' }, {});
}

async function limited(deps: HandlerDeps, form: LimitedForm, ip: string, email: string | undefined, values: Record<string, string>, lists: Record<string, string[]> = {}) {
  const check = await deps.limits.hit(form, ip, email ? email.trim().toLowerCase().slice(0, 254) : null);
  return check.ok ? null : failure(429, { _: check.message }, values, lists);
}

/** Une nouvelle clé d'idempotence pour un formulaire de demande affiché. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

export const REGISTRATION_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'metier1', 'metier2', 'metier3', 'commune', 'employer', 'modes', 'monthlyCap', 'presentation', 'consent'] as const;

export async function handleRegistration(deps: HandlerDeps, data: FormData, ip: string): Promise<FormOutcome> {
  const values = formText(data);
  const lists = { modes: formList(data, 'modes') };
  if (isBot(data)) return { ok: true, value: undefined };
  const tooMany = await limited(deps, 'register', ip, values.email, values, lists);
  if (tooMany) return tooMany;

  const errors: FieldErrors = {};
  const metierCodes: string[] = [];
  for (let i = 1; i <= MAX_PRO_METIERS; i++) {
    const raw = values[`metier${i}`]?.trim() ?? '';
    if (raw === '') continue;
    const metier = resolveMetier(deps.metiers, deps.getMetier, raw);
    if (metier.ok) {
      if (!metierCodes.includes(metier.value.code)) metierCodes.push(metier.value.code);
    } else errors[`metier${i}`] = metier.message;
  }
  if (metierCodes.length === 0 && !errors.metier1) errors.metier1 = 'Indiquez au moins un métier.';
  const commune = resolveCommune(deps.geo, values.commune ?? '');
  if (!commune.ok) errors.commune = commune.message;

  const parsed = ProRegistrationInput.safeParse({
    ...values,
    modes: lists.modes,
    metierCodes,
    communeCode: commune.ok ? commune.value.inseeCode : '00000',
  });
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error), errors);
  if (!parsed.success || Object.keys(errors).length > 0) {
    delete errors.metierCodes;
    delete errors.communeCode;
    return failure(400, errors, values, lists);
  }
  registerPro(deps.ctx, parsed.data);
  return { ok: true, value: undefined };
}

/** Pourquoi une demande ne peut pas partir chez ce pro (à l'envoi, ou à la confirmation). */
export const RELAY_REFUSALS: Record<RelayRejection, string> = {
  'cap-reached': 'Ce professionnel a reçu toutes les demandes qu’il peut prendre ce mois-ci. Choisissez un autre professionnel.',
  'daily-cap': 'Ce professionnel a reçu beaucoup de demandes aujourd’hui. Réessayez demain, ou choisissez un autre professionnel.',
  unavailable: 'Ce professionnel ne reçoit plus de demandes pour le moment. Choisissez un autre professionnel.',
};

export const REQUEST_FIELDS = ['firstName', 'email', 'phone', 'situation', 'ageBracket', 'guardianEmail', 'mode', 'message', 'consent'] as const;

export async function handleRequest(deps: HandlerDeps, proId: string, data: FormData, ip: string): Promise<FormOutcome<ContactRequest | null>> {
  const values = formText(data);
  if (isBot(data)) return { ok: true, value: null };
  const key = (values.cle ?? '').trim();
  if (!/^[\w-]{8,64}$/.test(key)) return failure(400, { _: 'Le formulaire a expiré. Rechargez la page puis renvoyez votre demande.' }, values);
  const tooMany = await limited(deps, 'request', ip, values.email, values);
  if (tooMany) return tooMany;
  // L'adresse du parent ou conseiller·e reçoit aussi un e-mail : même limite que celle de la personne.
  const guardianTooMany = values.guardianEmail?.trim() ? await limited(deps, 'guardian', ip, values.guardianEmail, values) : null;
  if (guardianTooMany) return guardianTooMany;
  const parsed = ContactRequestInput.safeParse(values);
  if (!parsed.success) return failure(400, fieldErrors(parsed.error), values);
  const result = submitRequest(deps.ctx, proId, values.metier ?? null, parsed.data, key);
  if (result.ok) return { ok: true, value: result.request };
  if (result.error === 'mode') return failure(400, { mode: result.message }, values);
  return failure(409, { _: RELAY_REFUSALS[result.error] }, values);
}

export async function handleManageLinkRequest(deps: HandlerDeps, data: FormData, ip: string): Promise<FormOutcome> {
  const values = formText(data);
  if (isBot(data)) return { ok: true, value: undefined };
  const tooMany = await limited(deps, 'manage-link', ip, values.email, values);
  if (tooMany) return tooMany;
  const email = Email.safeParse(values.email ?? '');
  if (!email.success) return failure(400, { email: email.error.issues[0]?.message ?? 'Adresse e-mail invalide.' }, values);
  sendManageLink(deps.ctx, email.data);
  return { ok: true, value: undefined };
}

export async function handleDecline(deps: HandlerDeps, token: string, data: FormData, ip: string): Promise<FormOutcome<RespondResult>> {
  const values = formText(data);
  const tooMany = await limited(deps, 'respond', ip, undefined, values);
  if (tooMany) return tooMany;
  const parsed = DeclineInput.safeParse(values);
  if (!parsed.success) return failure(400, fieldErrors(parsed.error), values);
  return { ok: true, value: declineRequest(deps.ctx, token, parsed.data) };
}

export async function handleReport(deps: HandlerDeps, subject: ReportSubject, data: FormData, ip: string): Promise<FormOutcome> {
  const values = formText(data);
  if (isBot(data)) return { ok: true, value: undefined };
  const tooMany = await limited(deps, 'report', ip, undefined, values);
  if (tooMany) return tooMany;
  const parsed = ReportInput.safeParse(values);
  if (!parsed.success) return failure(400, fieldErrors(parsed.error), values);
  reportProblem(deps.ctx, subject, parsed.data);
  return { ok: true, value: undefined };
}

export function handleSettings(deps: HandlerDeps, pro: Pro, data: FormData): FormOutcome<Pro> {
  const values = formText(data);
  const lists = { modes: formList(data, 'modes') };
  const parsed = ProSettingsInput.safeParse({ ...values, modes: lists.modes });
  if (!parsed.success) return failure(400, fieldErrors(parsed.error), values, lists);
  return { ok: true, value: updateSettings(deps.ctx, pro, parsed.data) };
}
