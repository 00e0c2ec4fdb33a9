/**
 * « Ma situation » : quatre questions oui / non et l'âge, toutes facultatives, dans un formulaire
 * GET (sans JavaScript) ; avec JavaScript, chaque réponse relance la recherche. Les réponses ne
 * vont que dans l'adresse de la page. Rendu aussi, sans île, sur la fiche d'une formation.
 */
import { AGE_BANDS, AGE_BAND_LABELS, YES_NO_QUESTIONS } from '../../lib/situation';
import type { SituationField } from './url-state';

interface Props {
  id: string;
  values: Record<SituationField, string>;
  onChange?: (name: SituationField, value: string) => void;
}

export function SituationFields({ id, values, onChange }: Props) {
  const set = (name: SituationField) => (e: Event) => onChange?.(name, (e.currentTarget as HTMLInputElement | HTMLSelectElement).value);
  return (
    <div class="situation__grid">
      {YES_NO_QUESTIONS.map((q) => (
        <fieldset class="situation__question" key={q.name}>
          <legend>{q.label}</legend>
          {(['oui', 'non', ''] as const).map((v) => (
            <label key={v}>
              <input type="radio" name={q.name} value={v} checked={(values[q.name] ?? '') === v} onChange={set(q.name)} /> {v === 'oui' ? 'Oui' : v === 'non' ? 'Non' : 'Je ne réponds pas'}
            </label>
          ))}
        </fieldset>
      ))}
      <div class="situation__question">
        <label for={`${id}-age`}>Votre âge</label>
        <select id={`${id}-age`} name="age" value={values.age ?? ''} onChange={set('age')}>
          <option value="">Je ne réponds pas</option>
          {AGE_BANDS.map((band) => (
            <option key={band} value={band}>
              {AGE_BAND_LABELS[band]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
