/**
 * Règles pures des champs à suggestions (motif « combobox » ARIA 1.2 avec liste) : déplacement
 * de l'option active au clavier, textes des options et de l'annonce du nombre de suggestions.
 */

/** Touches gérées par la liste de suggestions. */
export type ComboboxKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

/**
 * L'option active après une touche : -1 = aucune (le focus reste dans le champ, sans option
 * choisie). Les flèches bouclent : après la dernière, on revient à la première.
 */
export function nextActiveIndex(current: number, count: number, key: ComboboxKey): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

/** Annonce lue par les lecteurs d'écran quand la liste change. */
export function suggestionsStatus(count: number, minChars: number, typed: string): string {
  if (typed.trim().length < minChars) return '';
  if (count === 0) return 'Aucune suggestion.';
  const n = count === 1 ? '1 suggestion' : `${count} suggestions`;
  return `${n}. Flèches haut et bas pour choisir, Entrée pour valider.`;
}

/** Un métier suggéré par `GET /api/metiers?q=`. */
export interface MetierSuggestion {
  code: string;
  libelle: string;
  appellation: string | null;
}

/** Une commune suggérée par `GET /api/communes?q=`. */
export interface CommuneSuggestion {
  code_insee: string;
  nom: string;
  code_postal: string;
  lat: number;
  lon: number;
  departement: string;
}

/** Texte mis dans le champ quand on choisit ce métier : l'appellation trouvée, sinon le libellé. */
export function metierValue(m: MetierSuggestion): string {
  return m.appellation ?? m.libelle;
}

/**
 * Texte mis dans le champ quand le formulaire n'envoie que ce texte (sans champ caché) :
 * « Pâtissier / Pâtissière (D1104) », que le serveur relit sans ambiguïté grâce au code.
 */
export function metierValueWithCode(m: MetierSuggestion): string {
  return `${m.libelle} (${m.code})`;
}

/** Texte d'une option : « Aide-soignante (métier : Soins d'hygiène…) » quand c'est une appellation. */
export function metierOptionText(m: MetierSuggestion): { main: string; detail: string | null } {
  return m.appellation && m.appellation !== m.libelle ? { main: m.appellation, detail: `métier : ${m.libelle}` } : { main: m.libelle, detail: null };
}

/** Texte mis dans le champ pour cette commune : « Cholet (49300) ». */
export function communeValue(c: Pick<CommuneSuggestion, 'nom' | 'code_postal'>): string {
  return `${c.nom} (${c.code_postal})`;
}
