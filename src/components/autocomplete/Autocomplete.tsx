/**
 * Champ texte à suggestions (motif « combobox » ARIA 1.2 avec liste) : la base commune de
 * `MetierAutocomplete` et `CommuneAutocomplete`.
 *
 * Sans JavaScript, c'est un simple champ texte (rendu par le serveur) : le formulaire envoie le
 * texte tapé. Avec JavaScript : suggestions demandées à `endpoint?q=` (après une courte pause de
 * frappe), flèches haut/bas, Début/Fin, Entrée pour choisir, Échap pour fermer ; l'option active
 * est annoncée par `aria-activedescendant`, le nombre de suggestions par une zone `role=status`.
 * Le code choisi (ROME, INSEE…) part dans un champ caché `codeName` ; retaper le texte l'efface.
 * Un message d'erreur (`error`) est affiché sous l'aide, relié au champ, qui passe en
 * `aria-invalid`. La liste est nommée par l'étiquette du champ (`aria-labelledby`).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { nextActiveIndex, suggestionsStatus, type ComboboxKey } from './combobox';
import './autocomplete.css';

export interface AutocompleteValue<T> {
  text: string;
  /** Code de l'option choisie ; null dès que le texte est retapé. */
  code: string | null;
  item: T | null;
}

/**
 * L'étiquette : rendue par le composant (`label`), ou déjà rendue par l'appelant
 * (`<label id={labelId} for={id}>`) : le composant n'en rend alors pas une seconde.
 */
type LabelProps = { label: string; labelId?: undefined } | { labelId: string; label?: undefined };

export type AutocompleteBaseProps<T> = LabelProps & {
  /** `id` du champ texte (unique dans la page). */
  id: string;
  /** Nom du champ texte dans le formulaire. */
  name: string;
  /** Aide affichée sous l'étiquette (reliée par aria-describedby). */
  hint?: string | undefined;
  /** Message d'erreur (en français) affiché sous l'aide et relié au champ. */
  error?: string | null | undefined;
  required?: boolean;
  maxLength?: number;
  /** Nom du champ caché qui reçoit le code choisi ; sans lui, seul le texte est envoyé. */
  codeName?: string;
  defaultValue?: string;
  defaultCode?: string | null;
  placeholder?: string;
  /** Appelé à chaque frappe et à chaque choix (seulement depuis un autre composant Preact). */
  onValueChange?: (value: AutocompleteValue<T>) => void;
  /** Reçoit les touches non gérées par la liste (ex. Entrée sans option active). */
  inputRef?: { current: HTMLInputElement | null };
};

type Props<T> = AutocompleteBaseProps<T> & {
  endpoint: string;
  codeOf: (item: T) => string;
  valueOf: (item: T) => string;
  renderOption: (item: T) => ComponentChildren;
  minChars?: number;
  debounceMs?: number;
};

const KEYS: readonly string[] = ['ArrowDown', 'ArrowUp', 'Home', 'End'] satisfies ComboboxKey[];

export function Autocomplete<T>(props: Props<T>) {
  const { id, name, label, hint, error, codeName, placeholder, endpoint, codeOf, valueOf, renderOption, onValueChange } = props;
  const minChars = props.minChars ?? 2;
  const debounceMs = props.debounceMs ?? 150;
  const listId = `${id}-suggestions`;
  const labelId = props.labelId ?? `${id}-etiquette`;
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = error ? `${id}-erreur` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const statusId = useId();

  const [text, setText] = useState(props.defaultValue ?? '');
  const [code, setCode] = useState<string | null>(props.defaultCode ?? null);
  const [items, setItems] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const cache = useRef(new Map<string, T[]>());
  const ownRef = useRef<HTMLInputElement | null>(null);

  // Île hydratée à la première interaction : un texte tapé pendant le chargement est dans le champ
  // (Preact garde la valeur du DOM) ; il devient l'état, et ses suggestions sont demandées.
  useEffect(() => {
    const typed = ownRef.current?.value;
    if (typed === undefined || typed === text) return;
    setText(typed);
    setCode(null);
    setQuery(typed);
  }, []);

  // Suggestions : demandées après une pause de frappe ; une réponse périmée est abandonnée.
  useEffect(() => {
    if (query === null) return;
    const q = query.trim();
    if (q.length < minChars) {
      setItems([]);
      setOpen(false);
      setStatus('');
      return;
    }
    const show = (found: T[]) => {
      setItems(found);
      setActive(-1);
      setOpen(found.length > 0);
      setStatus(suggestionsStatus(found.length, minChars, q));
    };
    const cached = cache.current.get(q);
    if (cached) {
      show(cached);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`${endpoint}?q=${encodeURIComponent(q)}`, { signal: controller.signal, headers: { accept: 'application/json' } })
        .then((res) => (res.ok ? (res.json() as Promise<T[]>) : []))
        .then((found) => {
          cache.current.set(q, found);
          show(found);
        })
        .catch(() => {
          /* requête abandonnée ou réseau coupé : le champ reste un champ texte */
        });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, endpoint, minChars, debounceMs]);

  const choose = (index: number) => {
    const item = items[index];
    if (item === undefined) return;
    const value = valueOf(item);
    const chosen = codeOf(item);
    setText(value);
    setCode(chosen);
    setOpen(false);
    setActive(-1);
    setStatus(`${value} choisi.`);
    onValueChange?.({ text: value, code: chosen, item });
  };

  const onInput = (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setText(value);
    setCode(null);
    setQuery(value);
    onValueChange?.({ text: value, code: null, item: null });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (KEYS.includes(event.key) && (open || event.key === 'ArrowDown')) {
      if (!open && items.length === 0) return;
      event.preventDefault();
      setOpen(true);
      setActive((current) => nextActiveIndex(current, items.length, event.key as ComboboxKey));
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const setRef = (el: HTMLInputElement | null) => {
    ownRef.current = el;
    if (props.inputRef) props.inputRef.current = el;
  };

  const expanded = open && items.length > 0;
  return (
    <div class="ac">
      {label !== undefined && (
        <label class="ac__label" id={labelId} for={id}>
          {label}
        </label>
      )}
      {hint && (
        <p class="ac__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="ac__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <div class="ac__field">
        <input
          ref={setRef}
          id={id}
          class="ac__input"
          type="text"
          name={name}
          value={text}
          placeholder={placeholder}
          required={props.required}
          maxLength={props.maxLength}
          autocomplete="off"
          spellcheck={false}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => items.length > 0 && text.trim().length >= minChars && code === null && setOpen(true)}
        />
        {codeName && code && <input type="hidden" name={codeName} value={code} />}
        <ul class="ac__list" id={listId} role="listbox" aria-labelledby={labelId} hidden={!expanded}>
          {items.map((item, index) => (
            <li
              key={codeOf(item)}
              id={`${listId}-${index}`}
              class="ac__option"
              role="option"
              aria-selected={index === active ? 'true' : 'false'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(index)}
            >
              {renderOption(item)}
            </li>
          ))}
        </ul>
      </div>
      <div class="visually-hidden" id={statusId} role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
