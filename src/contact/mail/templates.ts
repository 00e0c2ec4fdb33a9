/**
 * Les e-mails de « Rencontrer un pro » : fonctions pures qui rendent sujet, texte et HTML.
 * Chaque e-mail finit par un lien « Signaler un problème ». Phrases courtes, en français.
 */
import {
  AGE_BRACKET_LABELS,
  DECLINE_REASON_LABELS,
  EXCHANGE_MODE_LABELS,
  REJECTION_REASON_LABELS,
  SITUATION_LABELS,
  isMinor,
  publicName,
  type ContactRequest,
  type DeclineReason,
  type Pro,
  type RejectionReason,
} from '../../domain/contact';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

type Block = string | { link: string; url: string } | { list: string[] };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Assemble un e-mail : blocs (paragraphes, liens, listes), puis la signature et le lien de signalement. */
export function compose(subject: string, blocks: Block[], reportUrl: string | null): MailContent {
  const all: Block[] = [...blocks, 'L’équipe versmonmétier (Région Pays de la Loire)', ...(reportUrl ? [{ link: 'Signaler un problème', url: reportUrl }] : [])];
  const text = all
    .map((b) => (typeof b === 'string' ? b : 'link' in b ? `${b.link} : ${b.url}` : b.list.map((i) => `- ${i}`).join('\n')))
    .join('\n\n');
  const html = `<!doctype html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5;color:#1e1e1e">${all
    .map((b) =>
      typeof b === 'string'
        ? `<p>${escapeHtml(b).replace(/\n/g, '<br>')}</p>`
        : 'link' in b
          ? `<p><a href="${escapeHtml(b.url)}" style="color:#1b3a6b">${escapeHtml(b.link)}</a></p>`
          : `<ul>${b.list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
    )
    .join('')}</body></html>`;
  return { subject, text, html };
}

export function verifyEmail(pro: Pro, verifyUrl: string, reportUrl: string): MailContent {
  return compose(
    'Confirmez votre adresse e-mail',
    [
      `Bonjour ${pro.firstName},`,
      'Merci de proposer votre aide sur versmonmétier. Pour confirmer votre adresse e-mail, ouvrez ce lien (il marche 7 jours) :',
      { link: 'Confirmer mon adresse e-mail', url: verifyUrl },
      'Ensuite, un·e modérateur·rice relit votre profil avant de le publier.',
      'Vous n’êtes pas à l’origine de cette inscription ? Ne faites rien : elle sera effacée dans 7 jours.',
    ],
    reportUrl,
  );
}

export function alreadyRegistered(pro: Pro, manageUrl: string, reportUrl: string): MailContent {
  return compose(
    'Vous avez déjà un profil',
    [
      `Bonjour ${pro.firstName},`,
      'Quelqu’un (vous, sans doute) a voulu créer un profil avec cette adresse, mais vous en avez déjà un.',
      'Pour le voir, le modifier, le mettre en pause ou le supprimer, ouvrez ce lien (il marche 24 heures) :',
      { link: 'Gérer mon profil', url: manageUrl },
    ],
    reportUrl,
  );
}

export function manageLink(pro: Pro, manageUrl: string, reportUrl: string): MailContent {
  return compose(
    'Votre lien pour gérer votre profil',
    [`Bonjour ${pro.firstName},`, 'Voici votre lien pour gérer votre profil. Il marche 24 heures.', { link: 'Gérer mon profil', url: manageUrl }],
    reportUrl,
  );
}

export function proApproved(pro: Pro, manageUrl: string, reportUrl: string): MailContent {
  return compose(
    'Votre profil est publié',
    [
      `Bonjour ${pro.firstName},`,
      `Votre profil est en ligne. Il montre « ${publicName(pro)} », vos métiers et votre commune, jamais vos coordonnées.`,
      `Vous recevrez un e-mail pour chaque demande, avec un lien pour accepter ou refuser. Au plus ${pro.monthlyCap} demande(s) par mois.`,
      'Pour modifier votre profil, le mettre en pause ou le supprimer :',
      { link: 'Gérer mon profil', url: manageUrl },
    ],
    reportUrl,
  );
}

export function proRejected(pro: Pro, reason: RejectionReason, comment: string | null, reportUrl: string): MailContent {
  return compose(
    'Votre profil n’a pas été publié',
    [
      `Bonjour ${pro.firstName},`,
      `Après relecture, votre profil n’a pas été publié. Raison : ${REJECTION_REASON_LABELS[reason]}.`,
      ...(comment ? [`Message de la modération : ${comment}`] : []),
      'Vous pouvez vous inscrire à nouveau en tenant compte de cette remarque.',
    ],
    reportUrl,
  );
}

function requestSummary(request: ContactRequest, metierLabel: string): string[] {
  return [
    `Métier : ${metierLabel}`,
    `Situation : ${SITUATION_LABELS[request.situation]}`,
    `Âge : ${AGE_BRACKET_LABELS[request.ageBracket]}`,
    `Échange souhaité : ${EXCHANGE_MODE_LABELS[request.mode]}`,
  ];
}

const MINOR_RULE =
  'Cette personne a moins de 18 ans : son parent ou son/sa conseiller·e reçoit une copie de chaque message, et une rencontre en personne se fait uniquement sur votre lieu de travail, pendant vos heures de travail.';

export function newRequest(
  pro: Pro,
  request: ContactRequest,
  metierLabel: string,
  links: { accept: string; decline: string; report: string },
  reminder: boolean,
): MailContent {
  return compose(
    reminder ? `Rappel : ${request.firstName} attend votre réponse` : `Nouvelle demande d’échange de ${request.firstName}`,
    [
      `Bonjour ${pro.firstName},`,
      reminder
        ? `${request.firstName} vous a écrit il y a 3 jours et attend votre réponse. Sans réponse, la demande expirera 10 jours après son envoi.`
        : `${request.firstName} aimerait échanger avec vous sur votre métier.`,
      { list: requestSummary(request, metierLabel) },
      `Son message :\n${request.message}`,
      ...(isMinor(request.ageBracket) ? [MINOR_RULE] : []),
      'Vos coordonnées ne sont transmises que si vous acceptez. Ce lien marche une seule fois, pendant 10 jours :',
      { link: 'Accepter la demande', url: links.accept },
      { link: 'Refuser la demande', url: links.decline },
    ],
    links.report,
  );
}

export function requestReceived(request: ContactRequest, pro: Pro, reportUrl: string): MailContent {
  return compose(
    `Votre demande à ${publicName(pro)} est envoyée`,
    [
      `Bonjour ${request.firstName},`,
      `Votre demande d’échange (${EXCHANGE_MODE_LABELS[request.mode].toLowerCase()}) est transmise à ${publicName(pro)}.`,
      'Si la demande est acceptée, vous recevrez ses coordonnées par e-mail. Sans réponse sous 10 jours, nous vous le dirons et vous proposerons d’autres professionnels.',
      `Votre message :\n${request.message}`,
    ],
    reportUrl,
  );
}

export function acceptedToRequester(request: ContactRequest, pro: Pro, reportUrl: string): MailContent {
  return compose(
    `${publicName(pro)} accepte d’échanger avec vous`,
    [
      `Bonjour ${request.firstName},`,
      `Bonne nouvelle : ${pro.firstName} ${pro.lastName} accepte votre demande (${EXCHANGE_MODE_LABELS[request.mode].toLowerCase()}). Voici ses coordonnées :`,
      { list: [`E-mail : ${pro.email ?? ''}`, ...(pro.phone ? [`Téléphone : ${pro.phone}`] : [])] },
      'Contactez-le ou contactez-la pour fixer un moment. Préparez vos questions à l’avance.',
      ...(isMinor(request.ageBracket) ? ['Une rencontre en personne se fait uniquement sur le lieu de travail du professionnel.'] : []),
    ],
    reportUrl,
  );
}

export function acceptedToPro(request: ContactRequest, pro: Pro, reportUrl: string): MailContent {
  return compose(
    `Coordonnées de ${request.firstName}`,
    [
      `Bonjour ${pro.firstName},`,
      `Merci d’avoir accepté la demande de ${request.firstName}. Vos coordonnées lui sont envoyées. Voici les siennes :`,
      {
        list: [
          `E-mail : ${request.email}`,
          ...(request.phone ? [`Téléphone : ${request.phone}`] : []),
          ...(request.guardianEmail ? [`E-mail du parent ou du/de la conseiller·e : ${request.guardianEmail}`] : []),
        ],
      },
      `Échange souhaité : ${EXCHANGE_MODE_LABELS[request.mode]}.`,
      ...(isMinor(request.ageBracket) ? [MINOR_RULE] : []),
    ],
    reportUrl,
  );
}

export function declinedToRequester(request: ContactRequest, pro: Pro, reason: DeclineReason, otherProsUrl: string, reportUrl: string): MailContent {
  return compose(
    `${publicName(pro)} ne peut pas donner suite`,
    [
      `Bonjour ${request.firstName},`,
      `${publicName(pro)} ne peut pas répondre à votre demande. Raison indiquée : ${DECLINE_REASON_LABELS[reason].toLowerCase()}.`,
      'D’autres professionnels peuvent vous répondre :',
      { link: 'Voir d’autres professionnels', url: otherProsUrl },
    ],
    reportUrl,
  );
}

export function expiredToRequester(request: ContactRequest, pro: Pro, otherProsUrl: string, reportUrl: string): MailContent {
  return compose(
    'Votre demande n’a pas eu de réponse',
    [
      `Bonjour ${request.firstName},`,
      `${publicName(pro)} n’a pas pu répondre à votre demande dans les 10 jours. Elle est close, et vos coordonnées n’ont pas été transmises.`,
      'D’autres professionnels peuvent vous répondre :',
      { link: 'Voir d’autres professionnels', url: otherProsUrl },
    ],
    reportUrl,
  );
}

export function autoPaused(pro: Pro, manageUrl: string, reportUrl: string): MailContent {
  return compose(
    'Votre profil est en pause',
    [
      `Bonjour ${pro.firstName},`,
      'Trois demandes de suite sont restées sans réponse pendant 10 jours. Pour ne pas faire attendre d’autres personnes, votre profil est mis en pause : il n’est plus visible.',
      'Quand vous serez de nouveau disponible, relancez-le ici :',
      { link: 'Gérer mon profil', url: manageUrl },
    ],
    reportUrl,
  );
}

/** Copie d'un message destiné à un·e mineur·e, pour son parent ou son/sa conseiller·e. */
export function guardianCopy(request: ContactRequest, original: MailContent): MailContent {
  const intro = `Vous recevez cette copie car ${request.firstName}, qui a moins de 18 ans, vous a indiqué comme parent ou conseiller·e sur versmonmétier.`;
  return {
    subject: `Copie : ${original.subject}`,
    text: `${intro}\n\n---\n\n${original.text}`,
    html: original.html.replace('<body style="font-family:sans-serif;line-height:1.5;color:#1e1e1e">', (m) => `${m}<p><em>${escapeHtml(intro)}</em></p><hr>`),
  };
}

/** À un·e modérateur·rice dont le compte vient d'être verrouillé par de nombreux essais. */
export function moderatorUnlock(unlockUrl: string): MailContent {
  return compose(
    'Votre compte de modération est verrouillé',
    [
      'Bonjour,',
      'Quelqu’un a essayé de nombreuses fois de se connecter à votre compte de modération avec un mauvais mot de passe. Pour vous protéger, le compte est verrouillé pendant 24 heures.',
      'C’était vous, ou vous voulez vous reconnecter maintenant ? Ouvrez ce lien (il marche une fois, pendant 24 heures) :',
      { link: 'Déverrouiller mon compte', url: unlockUrl },
      'Ce n’était pas vous ? Votre mot de passe n’a pas été trouvé. Prévenez l’équipe technique, et changez votre mot de passe si vous le pensez connu.',
    ],
    null,
  );
}

/**
 * L'e-mail de confirmation de chaque adresse d'une demande : son type (boîte d'envoi) et le
 * libellé de son lien. Lu par les cas d'usage, la démo et les tests (qui suivent le lien comme une personne).
 */
export const CONFIRMATION_MAILS = {
  requester: { kind: 'request-confirm', link: 'Confirmer ma demande' },
  guardian: { kind: 'request-confirm-guardian', link: 'Je suis d’accord' },
} as const satisfies Record<'requester' | 'guardian', { kind: string; link: string }>;

/** À la personne qui demande : confirmer son adresse, sans quoi rien ne part chez le pro. */
export function confirmRequest(request: ContactRequest, pro: Pro, confirmUrl: string, hours: number, reportUrl: string): MailContent {
  return compose(
    `Confirmez votre demande à ${publicName(pro)}`,
    [
      `Bonjour ${request.firstName},`,
      `Vous avez écrit à ${publicName(pro)} sur versmonmétier. Pour que votre demande lui soit envoyée, ouvrez ce lien dans les ${hours} heures :`,
      { link: CONFIRMATION_MAILS.requester.link, url: confirmUrl },
      ...(request.guardianEmail ? ['Votre parent ou votre conseiller·e reçoit aussi un e-mail : la demande part quand vous avez confirmé tous les deux.'] : []),
      `Sans confirmation, la demande est effacée et rien n’est envoyé.`,
      'Vous n’avez rien demandé ? Ne faites rien.',
    ],
    reportUrl,
  );
}

/** Au parent ou conseiller·e d'un·e mineur·e : donner son accord, sans quoi rien ne part. */
export function confirmGuardian(request: ContactRequest, pro: Pro, metierLabel: string, confirmUrl: string, hours: number, reportUrl: string): MailContent {
  return compose(
    `${request.firstName} veut échanger avec un professionnel : votre accord`,
    [
      'Bonjour,',
      `${request.firstName}, qui a moins de 18 ans, veut échanger avec ${publicName(pro)} (${metierLabel}), un professionnel bénévole de versmonmétier. ${request.firstName} vous indique comme parent ou conseiller·e.`,
      'Si vous êtes d’accord, vous recevrez une copie de chaque message. Une rencontre en personne se fait uniquement sur le lieu de travail du professionnel, pendant ses heures de travail.',
      `Pour donner votre accord, ouvrez ce lien dans les ${hours} heures :`,
      { link: CONFIRMATION_MAILS.guardian.link, url: confirmUrl },
      'Vous n’êtes pas d’accord, ou vous ne connaissez pas cette personne ? Ne faites rien : la demande sera effacée et rien ne sera envoyé.',
    ],
    reportUrl,
  );
}
