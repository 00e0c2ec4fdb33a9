/**
 * Les filtres (facettes) avec leurs nombres : des cases à cocher et des boutons radio d'un
 * formulaire GET ordinaire (sans JavaScript : bouton « Appliquer les filtres ») ; avec
 * JavaScript, chaque changement relance la recherche aussitôt.
 */
import type { FormationsResponse } from '../../http/schemas';
import { ownValue } from '../../lib/lookup';
import { DURATION_CHOICES, monthWords } from '../../lib/french';
import type { FacetLabels } from './labels';
import type { ListFilter, SearchState, YesFilter } from './url-state';

interface Props {
  state: SearchState;
  facettes: FormationsResponse['facettes'];
  labels: FacetLabels;
  onChange?: (next: SearchState) => void;
  enhanced: boolean;
}

export const LIST_TITLES: Record<ListFilter, string> = {
  niveau: 'Niveau à la sortie',
  modalite: 'Modalité',
  financement: 'Financement et dispositif',
  public: 'Public',
  departement: 'Département',
  territoire: 'Territoire emploi-formation',
};

export const YES_TITLES: Record<YesFilter, string> = {
  entree_permanente: 'Entrées permanentes (on peut commencer à tout moment)',
  handicap: 'Accessible aux personnes en situation de handicap',
  certifiante: 'Certifiante (mène à un diplôme ou un titre reconnu)',
};

const FACET_HINTS: Partial<Record<ListFilter, string>> = {
  financement:
    'PRÉPA : des formations de la Région pour construire son projet ou remettre à niveau ses savoirs. VISA : des formations de la Région qui mènent à un diplôme, payées par la Région. CPF : le compte personnel de formation.',
  territoire: 'Les territoires emploi-formation-orientation de la Région (découpage provisoire).',
};

function Count({ n }: { n: number }) {
  return (
    <span class="facet__count">
      {' '}
      ({n.toLocaleString('fr-FR')}
      <span class="visually-hidden"> formation{n > 1 ? 's' : ''}</span>)
    </span>
  );
}

export function Facets({ state, facettes, labels, onChange, enhanced }: Props) {
  const toggle = (f: ListFilter, value: string, on: boolean) => {
    const values = on ? [...state.filters[f], value] : state.filters[f].filter((v) => v !== value);
    onChange?.({ ...state, filters: { ...state.filters, [f]: values }, page: 1 });
  };

  const listFacet = (f: ListFilter) => {
    // Valeurs du flux et de l'adresse : lues en propriétés propres (« constructor » est une valeur comme une autre).
    const counts = facettes[f];
    const count = (v: string) => ownValue(counts, v) ?? 0;
    const label = (v: string) => ownValue(labels[f], v) ?? v;
    const values = [...new Set([...Object.keys(counts ?? {}), ...state.filters[f]])];
    if (f === 'niveau') values.sort((a, b) => Number(a) - Number(b));
    else values.sort((a, b) => count(b) - count(a) || label(a).localeCompare(label(b), 'fr'));
    if (values.length === 0) return null;
    const hint = FACET_HINTS[f];
    return (
      <fieldset class="facet" key={f}>
        <legend>{LIST_TITLES[f]}</legend>
        {hint && <p class="facet__hint">{hint}</p>}
        <ul>
          {values.map((v) => (
            <li key={v}>
              <label>
                <input type="checkbox" name={f} value={v} checked={state.filters[f].includes(v)} onChange={(e) => toggle(f, v, (e.currentTarget as HTMLInputElement).checked)} />
                {label(v)}
                <Count n={count(v)} />
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    );
  };

  const months = Object.keys(facettes.debut ?? {}).sort();
  const durationCounts = facettes.duree ?? {};
  let cumulated = 0;
  const durations = DURATION_CHOICES.map((c) => {
    cumulated += durationCounts[c.bucket] ?? 0;
    return { ...c, count: cumulated };
  });

  return (
    <div class="facets">
      <fieldset class="facet">
        <legend>Autres critères</legend>
        <ul>
          {(Object.keys(YES_TITLES) as YesFilter[]).map((f) => (
            <li key={f}>
              <label>
                <input
                  type="checkbox"
                  name={f}
                  value="oui"
                  checked={state.yes[f]}
                  onChange={(e) => onChange?.({ ...state, yes: { ...state.yes, [f]: (e.currentTarget as HTMLInputElement).checked }, page: 1 })}
                />
                {YES_TITLES[f]}
                <Count n={facettes[f]?.true ?? 0} />
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {listFacet('niveau')}
      {listFacet('modalite')}
      {listFacet('financement')}
      {listFacet('public')}
      <fieldset class="facet">
        <legend>Date de début</legend>
        <ul>
          <li>
            <label>
              <input type="radio" name="mois" value="" checked={state.mois === null} onChange={() => onChange?.({ ...state, mois: null, page: 1 })} />
              Toutes les dates
            </label>
          </li>
          {[...new Set([...months, ...(state.mois ? [state.mois] : [])])].map((m) => (
            <li key={m}>
              <label>
                <input type="radio" name="mois" value={m} checked={state.mois === m} onChange={() => onChange?.({ ...state, mois: m, page: 1 })} />
                {monthWords(m)}
                <Count n={ownValue(facettes.debut, m) ?? 0} />
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset class="facet">
        <legend>Durée</legend>
        <ul>
          <li>
            <label>
              <input type="radio" name="duree_max" value="" checked={state.dureeMax === null} onChange={() => onChange?.({ ...state, dureeMax: null, page: 1 })} />
              Toutes les durées
            </label>
          </li>
          {durations.map((d) => (
            <li key={d.bucket}>
              <label>
                <input type="radio" name="duree_max" value={String(d.maxHours)} checked={state.dureeMax === d.maxHours} onChange={() => onChange?.({ ...state, dureeMax: d.maxHours, page: 1 })} />
                {d.label}
                <Count n={d.count} />
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {listFacet('departement')}
      {listFacet('territoire')}
      {!enhanced && (
        <button type="submit" class="button">
          Appliquer les filtres
        </button>
      )}
    </div>
  );
}
