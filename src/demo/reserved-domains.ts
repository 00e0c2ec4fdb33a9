/**
 * Noms de domaine réservés aux exemples (RFC 2606 et RFC 6761) : les seuls autorisés dans les
 * adresses e-mail et les sites des données de démonstration et de test. Un vrai domaine
 * (comme exemple.fr, qui existe) pourrait recevoir nos e-mails ou être visité.
 */

/** Domaines de second niveau réservés, avec leurs sous-domaines (RFC 2606, § 3). */
export const RESERVED_EXAMPLE_DOMAINS = ['example.org', 'example.com', 'example.net'] as const;
/** Domaines de premier niveau réservés (RFC 2606, § 2). */
export const RESERVED_TLDS = ['test', 'example', 'invalid', 'localhost'] as const;

/** Vrai si `host` (« lp-estuaire.example.org », « e2e.test ») est sous un nom réservé aux exemples. */
export function isReservedExampleHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h === '') return false;
  const labels = h.split('.');
  if ((RESERVED_TLDS as readonly string[]).includes(labels.at(-1) ?? '')) return true;
  return RESERVED_EXAMPLE_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/** Le domaine d'une adresse e-mail (après le dernier « @ »). */
export function emailHost(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** Vrai si l'adresse e-mail est sous un nom réservé aux exemples. */
export function isReservedExampleEmail(email: string): boolean {
  return email.includes('@') && isReservedExampleHost(emailHost(email));
}

/** Vrai si l'adresse web est sous un nom réservé aux exemples. */
export function isReservedExampleUrl(url: string): boolean {
  try {
    return isReservedExampleHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

export interface HostFinding {
  kind: 'email' | 'url';
  value: string;
  host: string;
}

const SEPARATORS = /[\s"'<>()[\]{},;`]+/;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Les déclarations d'espace de noms XML sont des identifiants, pas des sites (ex. http://lheo.gouv.fr/2.3). */
const XML_NAMESPACE = /\sxmlns(?::[\w-]+)?="[^"]*"/g;

function trimTrailingPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && '.:!?'.includes(word.charAt(end - 1))) end--;
  return word.slice(0, end);
}

/**
 * Les adresses e-mail et web d'un texte (JSON, XML, CSV…) dont le domaine N'EST PAS réservé aux
 * exemples. Découpage en mots sur les séparateurs (temps linéaire, pas d'expression à retours arrière).
 */
export function unreservedHosts(text: string): HostFinding[] {
  const findings: HostFinding[] = [];
  for (const raw of text.replace(XML_NAMESPACE, ' ').split(SEPARATORS)) {
    const token = trimTrailingPunctuation(raw);
    if (URL_START.test(token)) {
      let host: string;
      try {
        host = new URL(token.replace(/&amp;/g, '&')).hostname;
      } catch {
        continue;
      }
      if (host !== '' && !isReservedExampleHost(host)) findings.push({ kind: 'url', value: token, host });
    } else if (token.includes('@')) {
      const host = emailHost(token);
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(host) && !isReservedExampleHost(host)) findings.push({ kind: 'email', value: token, host });
    }
  }
  return findings;
}
