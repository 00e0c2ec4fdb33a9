/**
 * Le script de « Ma sélection » et du mode « écran partagé », chargé par toutes les pages (petit,
 * sans bibliothèque). Sans lui, tout marche par l'adresse (formulaires GET vers /selection/).
 *
 * - La sélection est gardée sur l'appareil seulement (localStorage `vmm-selection`, forme de
 *   `selectionToJson`) : les boutons « Garder dans ma sélection » (formulaires `data-selection-form`)
 *   basculent sans recharger, leur état (`aria-pressed`) et le compteur de l'en-tête suivent, et une
 *   zone `aria-live` de l’en-tête annonce le changement.
 * - La page /selection/ est rendue par le serveur d'après l'adresse : ce script y remet la liste de
 *   l'appareil (location.replace, sans ajouter d'entrée à l'historique) et garde les notes tapées.
 * - Mode écran partagé (`vmm-ecran-partage`) : texte et cibles plus grands, `autocomplete="off"`,
 *   pas de « Me localiser », bouton « Nouvelle personne » qui efface tout, et effacement automatique
 *   après 20 minutes sans geste, annoncé une minute avant (src/domain/selection.ts).
 */
import {
  IDLE_CLEAR_MS,
  idleStep,
  itemToken,
  MAX_SELECTION_ITEMS,
  parseItemToken,
  selectionFromJson,
  selectionToJson,
  toggleItem,
  type SelectionItem,
} from '../../domain/selection';
import { COUNSELLOR_HREF, SELECTION_HREF, selectionHref } from '../../lib/links';

const KEY = 'vmm-selection';
const MODE_KEY = 'vmm-ecran-partage';
const CLEARED_FLAG = 'vmm-efface';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function load(): SelectionItem[] {
  return selectionFromJson(storage()?.getItem(KEY) ?? null);
}

function save(items: readonly SelectionItem[]): void {
  try {
    if (items.length === 0) storage()?.removeItem(KEY);
    else storage()?.setItem(KEY, selectionToJson(items));
  } catch {
    announce('Votre navigateur ne permet pas de garder la sélection sur cet appareil.');
  }
}

function tokens(items: readonly SelectionItem[]): string[] {
  return items.map(itemToken);
}

function announce(text: string): void {
  const status = document.getElementById('selection-status');
  if (!status) return;
  // Vider puis remplir : une même phrase redite est annoncée de nouveau.
  status.textContent = '';
  window.setTimeout(() => (status.textContent = text), 50);
}

/** Ne touche au texte que s'il change (sinon l'observateur des cartes se réveillerait sans fin). */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function countWords(n: number): string {
  return n === 0 ? 'vide' : n === 1 ? '1 élément' : `${n} éléments`;
}

/** Boutons, compteur et listes cachées des formulaires : tout suit la sélection de l'appareil. */
function sync(items: readonly SelectionItem[] = load()): void {
  const kept = new Set(tokens(items));
  for (const count of document.querySelectorAll<HTMLElement>('[data-selection-count]')) setText(count, `(${items.length})`);
  for (const link of document.querySelectorAll<HTMLElement>('[data-selection-phone]')) if (link.hidden !== (items.length === 0)) link.hidden = items.length === 0;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-selection-item]')) {
    const token = button.dataset.selectionItem ?? '';
    const on = kept.has(token);
    if (button.getAttribute('aria-pressed') !== String(on)) button.setAttribute('aria-pressed', String(on));
    button.name = on ? 'retirer' : 'ajouter';
  }
}

function toggle(token: string, title: string, onlyRemove = false): void {
  const parsed = parseItemToken(token);
  if (!parsed) return;
  const current = load();
  // « Retirer » sur la page de la sélection ne doit jamais ajouter ce que l'appareil n'a pas.
  if (onlyRemove && !current.some((i) => itemToken(i) === token)) return;
  const outcome = toggleItem(current, parsed);
  if (outcome.change === 'full') {
    announce(`Votre sélection est pleine (${MAX_SELECTION_ITEMS} éléments) : retirez-en un avant d’en ajouter.`);
    return;
  }
  save(outcome.items);
  sync(outcome.items);
  const what = title ? `« ${title} »` : 'Cet élément';
  announce(`${what} ${outcome.change === 'added' ? 'est dans' : 'n’est plus dans'} votre sélection : ${countWords(outcome.items.length)}.`);
}

function saveNotes(): void {
  const items = load();
  const notes = new Map<string, string>();
  for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-note-for]')) notes.set(area.dataset.noteFor ?? '', area.value);
  save(selectionFromJson(selectionToJson(items.map((i) => ({ ...i, note: notes.get(itemToken(i)) ?? i.note })))));
}

/** Sur /selection/ : l'adresse montre la liste de l'appareil (ou l'appareil adopte celle de l'adresse s'il n'en a pas). */
function syncSelectionPage(page: HTMLElement): boolean {
  const shown = (page.dataset.tokens ?? '').split(' ').filter(Boolean);
  let items = load();
  // Écran partagé : jamais reprendre une liste de l'adresse (l'historique garde celles des personnes d'avant).
  if (items.length === 0 && shown.length > 0 && page.dataset.adoptable === 'true' && !sharedScreen()) {
    items = selectionFromJson(page.dataset.items ?? '[]');
    save(items);
  }
  const wanted = tokens(items);
  if (wanted.join(' ') !== shown.join(' ')) {
    location.replace(selectionHref(wanted));
    return true;
  }
  const notes = new Map(items.map((i) => [itemToken(i), i.note]));
  for (const area of page.querySelectorAll<HTMLTextAreaElement>('textarea[data-note-for]')) {
    const note = notes.get(area.dataset.noteFor ?? '');
    if (note !== undefined && area.value === '') area.value = note;
  }
  return false;
}

function onSubmit(event: SubmitEvent): void {
  const form = event.target instanceof HTMLFormElement ? event.target : null;
  if (!form) return;
  const submitter = event.submitter instanceof HTMLButtonElement ? event.submitter : null;
  if (form.hasAttribute('data-selection-form') && submitter?.dataset.selectionItem) {
    event.preventDefault();
    toggle(submitter.dataset.selectionItem, submitter.dataset.selectionTitle ?? '');
    if (form.closest('[data-selection-page]')) location.replace(selectionHref(tokens(load())));
    return;
  }
  if (form.hasAttribute('data-selection-notes')) {
    saveNotes();
    const removed = submitter?.dataset.selectionRemove;
    if (removed) {
      event.preventDefault();
      toggle(removed, submitter?.dataset.selectionTitle ?? '', true);
      location.replace(selectionHref(tokens(load())));
      return;
    }
    if (submitter?.hasAttribute('data-save-notes')) {
      event.preventDefault();
      announce('Vos notes sont gardées sur cet appareil.');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Écran partagé

function sharedScreen(): boolean {
  return storage()?.getItem(MODE_KEY) === '1';
}

function applyMode(on: boolean): void {
  document.documentElement.classList.toggle('ecran-partage', on);
  for (const el of document.querySelectorAll<HTMLElement>('[data-shared-only]')) el.hidden = !on;
  // Ce que le mode cache (« Me localiser »), il le remontre seulement s'il l'a caché lui-même.
  for (const el of document.querySelectorAll<HTMLElement>('[data-shared-hidden]')) {
    if (on && !el.hidden) {
      el.hidden = true;
      el.dataset.sharedHid = '1';
    } else if (!on && el.dataset.sharedHid) {
      el.hidden = false;
      delete el.dataset.sharedHid;
    }
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-shared-state]')) setText(el, on ? 'activé' : 'désactivé');
  for (const el of document.querySelectorAll<HTMLButtonElement>('[data-shared-toggle]')) el.setAttribute('aria-pressed', String(on));
  if (on) for (const field of document.querySelectorAll('input:not([autocomplete="off"]), textarea:not([autocomplete="off"]), form:not([autocomplete="off"])')) field.setAttribute('autocomplete', 'off');
}

/** « Nouvelle personne » : sélection, notes, situation, champs, stockage de l'appareil — tout part, sauf le mode lui-même. */
function clearEverything(reason: 'button' | 'idle'): void {
  const store = storage();
  if (store) {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key !== null && key !== MODE_KEY) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  }
  try {
    sessionStorage.clear();
    sessionStorage.setItem(CLEARED_FLAG, reason);
  } catch {
    /* rien à effacer */
  }
  for (const form of document.querySelectorAll('form')) form.reset();
  location.replace(COUNSELLOR_HREF);
}

function startIdleWatch(): void {
  let last = Date.now();
  const warning = document.querySelector<HTMLElement>('[data-idle-warning]');
  const activity = () => {
    last = Date.now();
    if (warning && !warning.hidden) warning.hidden = true;
  };
  for (const type of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart']) document.addEventListener(type, activity, { passive: true, capture: true });
  window.setInterval(() => {
    if (!sharedScreen()) return;
    const step = idleStep(Date.now() - last);
    if (step === 'clear') clearEverything('idle');
    else if (step === 'warning' && warning?.hidden) {
      warning.hidden = false;
      warning.querySelector<HTMLButtonElement>('button')?.focus();
    }
  }, Math.min(5_000, IDLE_CLEAR_MS));
}

function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (target.closest('[data-selection-clear]')) {
    event.preventDefault();
    save([]);
    location.replace(SELECTION_HREF);
  } else if (target.closest('[data-new-person]')) {
    event.preventDefault();
    clearEverything('button');
  } else if (target.closest('[data-shared-toggle]')) {
    event.preventDefault();
    const on = !sharedScreen();
    if (on) storage()?.setItem(MODE_KEY, '1');
    else storage()?.removeItem(MODE_KEY);
    applyMode(on);
    announce(on ? 'Mode écran partagé activé : pensez à « Nouvelle personne » entre deux rendez-vous.' : 'Mode écran partagé désactivé.');
  } else if (target.closest('[data-idle-stay]')) {
    const warning = document.querySelector<HTMLElement>('[data-idle-warning]');
    if (warning) warning.hidden = true;
  } else {
    const adopt = target.closest<HTMLElement>('[data-selection-adopt]');
    if (adopt) {
      event.preventDefault();
      const items = selectionFromJson(adopt.dataset.selectionAdopt ?? '[]');
      save(items);
      sync(items);
      location.assign(SELECTION_HREF);
    }
    const print = target.closest('[data-print]');
    if (print) {
      event.preventDefault();
      window.print();
    }
  }
}

function showClearedNotice(): void {
  const notice = document.querySelector<HTMLElement>('[data-cleared-notice]');
  let reason: string | null = null;
  try {
    reason = sessionStorage.getItem(CLEARED_FLAG);
    sessionStorage.removeItem(CLEARED_FLAG);
  } catch {
    reason = null;
  }
  if (!notice || !reason) return;
  notice.hidden = false;
  notice.textContent =
    reason === 'idle'
      ? 'Personne n’a utilisé l’écran depuis 20 minutes : tout a été effacé. L’écran est prêt pour la personne suivante.'
      : 'Tout est effacé : sélection, notes, situation et champs. L’écran est prêt pour la personne suivante.';
  notice.focus();
}

function start(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-needs-js]')) el.hidden = false;
  const page = document.querySelector<HTMLElement>('[data-selection-page]');
  if (page && syncSelectionPage(page)) return;
  sync();
  const on = sharedScreen();
  applyMode(on);
  showClearedNotice();
  document.addEventListener('submit', onSubmit);
  document.addEventListener('click', onClick);
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) sync();
  });
  // Les cartes rendues par l'île de recherche arrivent après : elles suivent aussi.
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      sync();
      if (sharedScreen()) applyMode(true);
    });
  }).observe(document.body, { childList: true, subtree: true });
  startIdleWatch();
}

start();
