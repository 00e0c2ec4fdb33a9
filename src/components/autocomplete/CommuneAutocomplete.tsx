/**
 * Champ « commune » à suggestions (nom avec ou sans accents, ou code postal, via
 * `GET /api/communes?q=`). Le code INSEE choisi part dans le champ caché `codeName`.
 * Île Preact : `<CommuneAutocomplete client:idle id="ou" name="ou" label="Où ?" codeName="commune" />`.
 * Sans JavaScript : un simple champ texte (le serveur retrouve la commune : `resolvePlace`).
 */
import { communeValue, type CommuneSuggestion } from './combobox';
import { Autocomplete, type AutocompleteBaseProps } from './Autocomplete';

export type CommuneAutocompleteProps = AutocompleteBaseProps<CommuneSuggestion>;

export default function CommuneAutocomplete(props: CommuneAutocompleteProps) {
  return (
    <Autocomplete<CommuneSuggestion>
      {...props}
      endpoint="/api/communes"
      codeOf={(c) => c.code_insee}
      valueOf={communeValue}
      renderOption={(c) => (
        <>
          <span class="ac__main">{c.nom}</span> <span class="ac__detail">{c.code_postal}</span>
        </>
      )}
    />
  );
}
