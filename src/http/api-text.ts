/**
 * Les textes LHEO dans l'API publique (issue 15, §8) : l'API est appelable de tout site (CORS *),
 * elle ne sert donc jamais le HTML brut des organismes (scripts, `onerror`, `javascript:`…).
 *
 *   - texte brut (`intitule`, `objectif`, `contenu`, `resultats_attendus`, `prerequis`, noms) :
 *     balises retirées et entités décodées quand le texte contient du HTML (src/search/documents.ts
 *     htmlToText) ; un texte sans balise est rendu tel quel (ses retours à la ligne restent) ;
 *   - HTML nettoyé (`objectif_html`, `contenu_html`, `resultats_attendus_html`) : le MÊME
 *     nettoyage que les pages du site (src/formations/rich-text.ts safeLheoHtml).
 * Bundlé par Astro (imports sans extension) : pas chargé par scripts/serve.mjs.
 */
import { htmlToText } from '../search/documents';
import { hasTag, safeLheoHtml } from '../formations/rich-text';

/** Un texte LHEO en texte brut (null reste null). */
export function apiPlainText(text: string): string;
export function apiPlainText(text: string | null): string | null;
export function apiPlainText(text: string | null): string | null {
  if (text === null) return null;
  if (!hasTag(text)) return text.trim();
  // Une ligne par paragraphe, élément de liste ou saut de ligne du HTML nettoyé.
  return safeLheoHtml(text)
    .split(BLOCK_END)
    .map((part) => htmlToText(part))
    .filter((line) => line !== '')
    .join('\n');
}

/** Fin d'un paragraphe, d'un élément de liste ou saut de ligne (HTML déjà nettoyé). */
const BLOCK_END = /<\/(?:p|li)>|<br\s*\/?>/i;

/** Un texte LHEO en HTML sûr, null si vide. */
export function apiSafeHtml(text: string | null): string | null {
  const html = safeLheoHtml(text);
  return html === '' ? null : html;
}
