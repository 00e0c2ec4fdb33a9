/**
 * « Nous avons compris : métier Coiffeur / Coiffeuse » : comment la recherche a lu le texte (métiers
 * compris d'après les fiches métiers, mots de la demande non cherchés), avec de quoi le changer :
 * retirer un métier, chercher seulement les mots, ou revenir aux métiers compris. Des liens
 * ordinaires (l'adresse porte `sans_metier` et `mots_seuls`) : tout marche sans JavaScript.
 */
import type { FormationsResponse } from '../../http/schemas';
import { formationsSearchHref } from '../../lib/links';
import { ignoredWordsSentence, understoodOrder, understoodSentence } from './results-text';
import { stateToParams, type SearchState } from './url-state';

interface Props {
  state: SearchState;
  compris: NonNullable<FormationsResponse['compris']>;
  /** Suit un lien sans recharger la page (île hydratée) ; sinon, le lien ordinaire. */
  follow: (event: MouseEvent, next: SearchState) => void;
}

export function Understood({ state, compris, follow }: Props) {
  const link = (next: SearchState, text: string, extra?: string) => (
    <a href={formationsSearchHref(stateToParams(next))} onClick={(e) => follow(e, next)}>
      {text}
      {extra && <span class="visually-hidden">{extra}</span>}
    </a>
  );
  const ignored = ignoredWordsSentence(compris.mots_ignores);
  // Les mots tels que la personne les a tapés (sans les blancs en trop).
  const words = state.q.trim();
  const base = { ...state, page: 1 };
  if (compris.message) {
    return (
      <div class="search__understood search__understood--none" data-testid="compris">
        <p>{compris.message}</p>
        {ignored && <p>{ignored}</p>}
      </div>
    );
  }
  if (compris.mots_seuls) {
    return (
      <div class="search__understood" data-testid="compris">
        <p>Vous cherchez seulement les mots « {words} ».</p>
        <p>{link({ ...base, motsSeuls: false, sansMetier: [] }, 'Ajouter les formations des métiers que vos mots décrivent')}</p>
      </div>
    );
  }
  if (compris.metiers.length === 0 || compris.formations_ajoutees === 0) {
    if (compris.metiers_retires.length === 0 && !ignored) return null;
    return (
      <div class="search__understood" data-testid="compris">
        {ignored && <p>{ignored}</p>}
        {compris.metiers_retires.length > 0 && <p>{link({ ...base, sansMetier: [] }, 'Remettre les métiers retirés')}</p>}
      </div>
    );
  }
  return (
    <div class="search__understood" data-testid="compris">
      <p class="search__understood-what">
        <strong>{understoodSentence(compris.metiers.map((m) => m.libelle))}</strong> {understoodOrder(compris.metiers.length)}
      </p>
      {ignored && <p>{ignored}</p>}
      <ul class="search__understood-actions">
        {compris.metiers.map((m) => (
          <li key={m.code}>{link({ ...base, sansMetier: [...state.sansMetier, m.code] }, `Retirer « ${m.libelle} »`, ' des métiers compris')}</li>
        ))}
        <li>{link({ ...base, motsSeuls: true, sansMetier: [] }, `Chercher seulement les mots « ${words} »`)}</li>
      </ul>
    </div>
  );
}
