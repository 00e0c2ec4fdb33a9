/**
 * « Garder dans ma sélection » : un bouton bascule (`aria-pressed`) sur chaque carte et chaque fiche.
 * Avec JavaScript, selection-client.ts le bascule sans recharger et annonce le changement ; sans
 * JavaScript, c'est un formulaire GET vers /selection/ qui porte la liste de l'adresse (`e`) et la
 * page d'où l'on vient (`retour`). Le nom du bouton dit ce qu'il garde : jamais deux boutons pareils.
 */
import { SELECTION_HREF } from '../../lib/links';
import './selection.css';

interface Props {
  /** Le jeton de l'élément (`f:ID`, `m:CODE`, `p:ID`, src/domain/selection.ts). */
  token: string;
  /** Ce que l'élément est, en clair (annoncé et dit dans le nom du bouton). */
  title: string;
  /** La liste portée par l'adresse (sans JavaScript) : paires `e` / `n` à renvoyer telles quelles. */
  carry?: readonly (readonly [string, string])[];
  /** La page où revenir (chemin et paramètres). */
  back?: string;
  /** Texte visible, si « Garder dans ma sélection » ne convient pas. */
  label?: string;
  /**
   * L'identifiant d'un <KeepForm> de la page : le bouton est alors rendu seul et envoie ce formulaire
   * (les cartes de la recherche sont dans le formulaire de recherche, et un formulaire ne s'imbrique pas).
   */
  form?: string;
}

/** Le formulaire partagé par des boutons `form={id}` : la liste de l'adresse et la page où revenir. */
export function KeepForm({ id, carry = [], back = '' }: { id: string; carry?: Props['carry']; back?: string }) {
  return (
    <form id={id} method="get" action={SELECTION_HREF} class="keep" data-selection-form="">
      {carry.map(([name, value], i) => (
        <input type="hidden" name={name} value={value} key={i} />
      ))}
      {back && <input type="hidden" name="retour" value={back} />}
    </form>
  );
}

export function KeepButton({ token, title, carry = [], back = '', label = 'Garder dans ma sélection', form }: Props) {
  const on = carry.some(([name, value]) => name === 'e' && value === token);
  const button = (
    <button type="submit" form={form} class="keep__button" name={on ? 'retirer' : 'ajouter'} value={token} data-selection-item={token} data-selection-title={title} aria-pressed={on ? 'true' : 'false'}>
      <span class="keep__box" aria-hidden="true" />
      {label}
      <span class="visually-hidden"> : {title}</span>
    </button>
  );
  if (form) return button;
  return (
    <form method="get" action={SELECTION_HREF} class="keep" data-selection-form="">
      {carry.map(([name, value], i) => (
        <input type="hidden" name={name} value={value} key={i} />
      ))}
      {back && <input type="hidden" name="retour" value={back} />}
      {button}
    </form>
  );
}
