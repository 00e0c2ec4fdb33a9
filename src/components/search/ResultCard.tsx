/** Une formation dans un lieu, dans la liste des résultats (rendue par le serveur, puis par l'île de recherche). */
import type { FormationResult } from '../../http/schemas';
import { detailPath } from '../../lib/links';
import { dateWords, lowerFirst, distanceWords, durationWords, enrolmentSentence, insertionCredit, percent, ratingWords, sessionWords } from '../../lib/french';
import type { FacetLabels } from './labels';
import './search.css';
import { KeepButton } from '../selection/KeepButton';

interface Props {
  result: FormationResult;
  labels: FacetLabels;
  /** « Ma situation » à garder sur la fiche (« ?inscrit_ft=oui… », '' sans réponse). */
  query?: string;
  active?: boolean;
  onActivate?: (id: string | null) => void;
  /** « Garder dans ma sélection » sans JavaScript : la liste de l'adresse, et la page où revenir. */
  carry?: readonly (readonly [string, string])[];
  back?: string;
  /** Le <KeepForm> de la page, quand la carte est dans un autre formulaire (la recherche). */
  keepForm?: string;
}

const SHOWN_SESSIONS = 2;

/** « Cholet — 1 rue Marengo — 3 km » ; « À distance ». */
export function placeWords(r: Pick<FormationResult, 'a_distance' | 'lieu' | 'distance_km'>): string {
  return [r.a_distance ? null : r.lieu.commune, r.a_distance ? null : r.lieu.site, distanceWords(r.distance_km, r.a_distance)].filter(Boolean).join(' — ');
}

export function ResultCard({ result: r, labels, query = '', active = false, onActivate, carry = [], back = '', keepForm }: Props) {
  const href = `${detailPath(r.id, r.intitule)}${query}`;
  const where = placeWords(r);
  const more = r.sessions.length - SHOWN_SESSIONS;
  const several = r.variantes.length > 1;
  return (
    <article
      class={`result-card${active ? ' is-active' : ''}`}
      data-id={r.id}
      onMouseEnter={() => onActivate?.(r.id)}
      onMouseLeave={() => onActivate?.(null)}
      onFocusIn={() => onActivate?.(r.id)}
      onFocusOut={() => onActivate?.(null)}
    >
      <h3 class="result-card__title">
        <a href={href}>{r.intitule}</a>
      </h3>
      <p class="result-card__org">{r.organisme}</p>
      {r.correspondance === 'metier' && r.metier_compris && (
        <p class="result-card__via-metier" data-correspondance="metier">
          Mène au métier {r.metier_compris.libelle}, compris d’après vos mots. Les mots cherchés ne sont pas dans l’intitulé de la formation.
        </p>
      )}
      {r.correspondance === 'partielle' && (
        <p class="result-card__partial" data-correspondance="partielle">
          Correspond en partie à votre recherche : {r.mots_absents.map((w) => `« ${w} »`).join(', ')} {r.mots_absents.length > 1 ? 'ne sont' : 'n’est'} ni dans l’intitulé ni dans le métier visé.
        </p>
      )}
      <dl class="result-card__facts">
        <div>
          <dt>Lieu</dt>
          <dd>{where || 'Non précisé'}</dd>
        </div>
        <div>
          <dt>Ce que ça vous coûte</dt>
          <dd class={`result-card__cost result-card__cost--${r.cout.type}`} data-cout={r.cout.type}>
            {r.cout.phrase}
          </dd>
        </div>
        {several && (
          <div>
            <dt>{r.variantes.length} façons de la suivre ici</dt>
            <dd>
              <ul class="result-card__variants">
                {r.variantes.map((v, i) => (
                  <li key={i} data-cout={v.cout.type}>
                    {v.libelle}. <span class="result-card__variant-cost">{v.cout.phrase}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>Inscriptions</dt>
          <dd class={`result-card__enrolment result-card__enrolment--${r.inscriptions}`} data-inscriptions={r.inscriptions}>
            {enrolmentSentence(r.inscriptions, r.inscriptions_ouvrent_le)}
            {r.reunion_information && <span class="result-card__session">Réunion d’information le {dateWords(r.reunion_information)}.</span>}
          </dd>
        </div>
        {r.sessions.length > 0 && (
          <div>
            <dt>{r.inscriptions === 'ouvertes' ? 'Prochaines sessions' : 'Sessions'}</dt>
            <dd>
              {r.sessions.slice(0, SHOWN_SESSIONS).map((s, i) => (
                <span class="result-card__session" key={i}>
                  {sessionWords(s)}
                  {several && <> ({lowerFirst(r.variantes[s.variante]?.libelle ?? "")})</>}
                </span>
              ))}
              {more > 0 && <span class="result-card__session">et {more === 1 ? 'une autre session' : `${more} autres sessions`}</span>}
            </dd>
          </div>
        )}
        <div>
          <dt>Niveau à la sortie</dt>
          <dd>{r.niveau_sortie === null ? 'Non précisé' : (labels.niveau[String(r.niveau_sortie)] ?? `Niveau ${r.niveau_sortie}`)}</dd>
        </div>
        <div>
          <dt>Durée</dt>
          <dd>{durationWords(r.duree_heures) ?? 'Non précisée'}</dd>
        </div>
        <div>
          <dt>Modalité</dt>
          <dd>{labels.modalite[r.modalite] ?? r.modalite}</dd>
        </div>
      </dl>
      <p class="result-card__badges">
        {r.insertion ? (
          <span class="result-badge result-badge--insertion">
            {percent(r.insertion.taux_emploi)} : {r.insertion.libelle.charAt(0).toLowerCase()}{r.insertion.libelle.slice(1)}
            <span class="result-badge__source">
              {' '}
              ({insertionCredit(r.insertion.source, r.insertion.demonstration)})
            </span>
          </span>
        ) : (
          <span class="result-badge result-badge--none">Pas de taux d’insertion publié</span>
        )}
        {r.avis ? (
          <span class="result-badge result-badge--avis">
            <span aria-hidden="true">★ </span>Avis des stagiaires : {ratingWords(r.avis.note_globale, r.avis.nombre)}
          </span>
        ) : (
          <span class="result-badge result-badge--none">Pas encore d’avis</span>
        )}
      </p>
      <KeepButton token={`f:${r.id}`} title={`${r.intitule} — ${r.organisme}${where ? `, ${where}` : ''}`} carry={carry} back={back} form={keepForm} />
    </article>
  );
}
