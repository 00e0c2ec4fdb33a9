/**
 * Champ « métier » à suggestions (libellés ROME et appellations, via `GET /api/metiers?q=`).
 * Île Preact : `<MetierAutocomplete client:idle id="quoi" name="q" label="Quoi ?" codeName="metier" />`.
 * Sans JavaScript : un simple champ texte. Voir `Autocomplete.tsx`.
 */
import { metierOptionText, metierValue, metierValueWithCode, type MetierSuggestion } from './combobox';
import { Autocomplete, type AutocompleteBaseProps } from './Autocomplete';

export type MetierAutocompleteProps = AutocompleteBaseProps<MetierSuggestion> & {
  /** Le choix remplit « Libellé (code) » : pour les formulaires qui n'envoient que le texte. */
  valueWithCode?: boolean;
};

export default function MetierAutocomplete({ valueWithCode = false, ...props }: MetierAutocompleteProps) {
  return (
    <Autocomplete<MetierSuggestion>
      {...props}
      endpoint="/api/metiers"
      codeOf={(m) => m.code}
      valueOf={valueWithCode ? metierValueWithCode : metierValue}
      renderOption={(m) => {
        const { main, detail } = metierOptionText(m);
        return (
          <>
            <span class="ac__main">{main}</span>
            {detail && <span class="ac__detail">{detail}</span>}
          </>
        );
      }}
    />
  );
}
