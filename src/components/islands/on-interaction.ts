/**
 * Directive `client:interaction` : l'île n'est chargée et hydratée qu'à la première interaction
 * de la personne avec elle (survol à la souris, toucher, focus au clavier, touche). Avant, la page
 * rendue par le serveur marche seule (formulaires GET, liens) : rien n'est perdu, seulement
 * enrichi plus tard. Le JavaScript initial de la page est ainsi celui d'Astro (quelques lignes
 * en ligne), pas celui de l'île.
 *
 * Pendant le chargement, la personne peut déjà avoir tapé ou coché : l'île relit alors le
 * formulaire à son montage (SearchApp, Autocomplete), car l'hydratation de Preact garde les
 * valeurs du DOM.
 */
import type { ClientDirective } from 'astro';

/** Les événements qui annoncent une interaction prochaine (avant le clic, avant la frappe). */
export const INTERACTION_EVENTS = ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown'] as const;

const onInteraction: ClientDirective = (load, _options, el) => {
  // JavaScript tourne : les commandes qui en dépendent (classe needs-js, global.css) s'affichent.
  el.setAttribute('data-interactive', '');
  let started = false;
  /** Bouton sans action propre (type=button) cliqué pendant le chargement : rejoué une fois l'île prête. */
  let clicked: HTMLButtonElement | null = null;
  const remember = (event: Event) => {
    const target = event.target instanceof Element ? event.target.closest('button[type="button"]') : null;
    if (target instanceof HTMLButtonElement) clicked = target;
  };
  const start = () => {
    if (started) return;
    started = true;
    for (const type of INTERACTION_EVENTS) el.removeEventListener(type, start, true);
    el.addEventListener('click', remember, true);
    void load()
      .then((hydrate) => hydrate())
      .then(() => {
        el.removeEventListener('click', remember, true);
        const button = clicked;
        clicked = null;
        if (button?.isConnected) button.click();
      })
      // Le code de l'île n'a pas pu venir (réseau coupé) : la page reste celle du serveur, qui marche seule.
      .catch(() => el.removeEventListener('click', remember, true));
  };
  for (const type of INTERACTION_EVENTS) el.addEventListener(type, start, { capture: true, passive: true });
  // Le focus était déjà dans l'île (retour arrière, autofocus) : pas d'événement à attendre.
  if (el.contains(document.activeElement)) start();
};

export default onInteraction;
