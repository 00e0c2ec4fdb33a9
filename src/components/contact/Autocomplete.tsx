/**
 * Autocomplétion accessible (motif « combobox » de l'ARIA APG) branchée sur l'API publique :
 * `/api/metiers?q=` ou `/api/communes?q=`. Rendu côté serveur comme un simple champ texte : sans
 * JavaScript, le texte tapé est envoyé et le serveur le reconnaît. Avec JavaScript, le choix
 * remplit « Libellé (code) ».
 */
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  id: string;
  name: string;
  value: string;
  endpoint: 'metiers' | 'communes';
  describedBy?: string | undefined;
  invalid?: boolean;
  required?: boolean;
}

interface Suggestion {
  key: string;
  label: string;
  value: string;
}

type MetierItem = { code: string; libelle: string; appellation: string | null };
type CommuneItem = { code_insee: string; nom: string; code_postal: string };

function toSuggestions(endpoint: Props['endpoint'], data: unknown): Suggestion[] {
  if (!Array.isArray(data)) return [];
  if (endpoint === 'metiers') {
    return (data as MetierItem[]).map((m) => ({
      key: m.code,
      label: m.appellation ? `${m.appellation} — ${m.libelle}` : m.libelle,
      value: `${m.libelle} (${m.code})`,
    }));
  }
  return (data as CommuneItem[]).map((c) => ({ key: c.code_insee, label: `${c.nom} (${c.code_postal})`, value: `${c.nom} (${c.code_postal})` }));
}

export default function Autocomplete({ id, name, value, endpoint, describedBy, invalid = false, required = false }: Props) {
  const [text, setText] = useState(value);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);
  const listId = `${id}-suggestions`;

  useEffect(() => {
    if (!typed.current) return;
    const q = text.trim();
    if (q.length < 2) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/${endpoint}?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : []))
        .then((data: unknown) => {
          setItems(toSuggestions(endpoint, data));
          setActive(-1);
        })
        .catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, endpoint]);

  const choose = (s: Suggestion) => {
    typed.current = false;
    setText(s.value);
    setItems([]);
    setOpen(false);
    setActive(-1);
  };

  const expanded = open && items.length > 0;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault();
      const s = items[active];
      if (s) choose(s);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div class="combobox">
      <input
        id={id}
        name={name}
        type="text"
        value={text}
        required={required}
        autocomplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid ? 'true' : undefined}
        onInput={(e) => {
          typed.current = true;
          setText((e.currentTarget as HTMLInputElement).value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" aria-label="Suggestions" hidden={!expanded}>
        {items.map((s, i) => (
          <li
            id={`${listId}-${i}`}
            key={s.key}
            role="option"
            aria-selected={i === active ? 'true' : 'false'}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(s);
            }}
          >
            {s.label}
          </li>
        ))}
      </ul>
      <p class="visually-hidden" aria-live="polite">
        {open && text.trim().length >= 2 ? (items.length === 0 ? 'Aucune suggestion.' : `${items.length} suggestion${items.length > 1 ? 's' : ''} : flèches haut et bas pour choisir.`) : ''}
      </p>
    </div>
  );
}
