/**
 * Textes LHEO fournis par les organismes (objectifs, contenu, résultats attendus) : souvent du
 * texte brut, parfois du HTML simple. Affichés après nettoyage par sanitize-html (bibliothèque
 * maintenue) : seules quelques balises de mise en forme restent ; aucun script, aucun attribut
 * d'événement, aucun style, aucun lien autre que http(s) ou mailto.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Un lien externe ne transmet rien à la page ouverte.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};

/** Un début de balise (« <p », « </b ») ; le texte en contient une s'il y a un « > » après le premier. */
const TAG_START = /<\/?[a-z]/i;

/** Le texte contient une balise HTML (sinon c'est du texte brut). */
export function hasTag(text: string): boolean {
  const start = TAG_START.exec(text);
  return start !== null && text.includes('>', start.index);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Texte brut → paragraphes (lignes vides) et listes (lignes « - », « • », « * »). */
function plainToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const lines = block.split(/\n/).map((l) => l.trim()).filter(Boolean);
      if (lines.length > 1 && lines.every((l) => /^[-•*]\s+/.test(l))) return `<ul>${lines.map((l) => `<li>${escapeText(l.replace(/^[-•*]\s+/, ''))}</li>`).join('')}</ul>`;
      return lines.length ? `<p>${lines.map(escapeText).join('<br>')}</p>` : '';
    })
    .join('');
}

/** Un fragment HTML sûr à insérer dans la page ; chaîne vide si le texte est vide. */
export function safeLheoHtml(text: string | null | undefined): string {
  if (!text || text.trim() === '') return '';
  const html = hasTag(text) ? text : plainToHtml(text);
  return sanitizeHtml(html, OPTIONS).trim();
}
