/**
 * La page de recherche de formations, en un composant Preact : rendu d'abord par le serveur
 * (formulaire GET ordinaire et liste de résultats : tout marche sans JavaScript), puis hydraté
 * à la première interaction (`client:interaction`) pour les résultats en direct :
 *  - taper dans « Quoi ? » relance la recherche après une courte pause, sans perdre le focus ;
 *  - chaque filtre, tri, page, rayon relance la recherche aussitôt ;
 *  - l'adresse contient tout l'état (history.pushState ; retour arrière et avant rejouent) ;
 *  - le nombre de résultats est annoncé dans une zone `role=status` ;
 *  - la carte (MapLibre) n'est chargée qu'au clic sur « Afficher la carte », puis suit la liste.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FormationsResponse } from '../../http/schemas';
import { lastPage as lastPageOf } from '../../search/pagination';
import { communeValue, type CommuneSuggestion } from '../autocomplete/combobox';
import { detailPath, formationsSearchHref } from '../../lib/links';
import { plural } from '../../lib/french';
import type { FacetLabels } from './labels';
import { RADIUS_CHOICES, type LatLon, type MapPoint } from '../map/map';
import { apiParams, hasPlace, pageNumbers, PER_PAGE, SORT_VALUES, stateFromParams, stateToParams, type SearchState } from './url-state';
import { emptyResultsHelp, resultsHeading, widenedNotice } from './results-text';
import CommuneAutocomplete from '../autocomplete/CommuneAutocomplete';
import MetierAutocomplete from '../autocomplete/MetierAutocomplete';
import MapView from '../map/MapView';
import { Facets } from './Facets';
import { ResultCard } from './ResultCard';
import { KeepForm } from '../selection/KeepButton';
import { SituationFields } from './SituationFields';
import { Understood } from './Understood';
import { activeChips, clearedFilters, situationSearchOf } from './chips';

export type Origin = (LatLon & { label: string }) | null;

export interface SearchAppProps {
  initialState: SearchState;
  initialResponse: FormationsResponse;
  initialOrigin: Origin;
  messages: string[];
  labels: FacetLabels;
  styleUrl: string | null;
  /** La sélection portée par l'adresse, sans JavaScript (paires `e` / `n`, src/http/selection-params.ts). */
  carry?: [string, string][];
}

const TYPING_PAUSE_MS = 100;
/** Le formulaire « Garder dans ma sélection » des cartes (hors du formulaire de recherche). */
const KEEP_FORM_ID = 'garder-formations';
/** En dessous, les filtres ouverts sont une boîte de dialogue plein écran (la colonne de filtres n'a pas la place). */
const NARROW = '(max-width: 59.99rem)';

const SORT_LABELS: Record<(typeof SORT_VALUES)[number], string> = {
  pertinence: 'Pertinence',
  distance: 'Distance (la plus proche d’abord)',
  date: 'Date de début (la plus proche d’abord)',
  insertion: 'Taux d’insertion (le plus élevé d’abord)',
  note: 'Note des stagiaires (la meilleure d’abord)',
};

const GEO_ERRORS: Record<number, string> = {
  1: 'Vous avez refusé la localisation. Tapez plutôt votre commune ou votre code postal dans « Où ? ».',
  2: 'Votre position est introuvable pour le moment. Tapez plutôt votre commune ou votre code postal.',
  3: 'La localisation prend trop de temps. Réessayez, ou tapez votre commune ou votre code postal.',
};

interface HistoryEntry {
  origin: Origin;
}

/** Les champs du formulaire comme une adresse les enverrait (fichiers exclus : il n'y en a pas). */
function formEntries(form: HTMLFormElement): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') entries.push([name, value]);
  return entries;
}

export default function SearchApp(props: SearchAppProps) {
  const [state, setState] = useState(props.initialState);
  const [response, setResponse] = useState(props.initialResponse);
  const [origin, setOrigin] = useState<Origin>(props.initialOrigin);
  const [messages, setMessages] = useState(props.messages);
  const [enhanced, setEnhanced] = useState(false);
  /** Sur un petit écran, avec JavaScript, les filtres ouverts sont une boîte de dialogue qui garde le focus. */
  const [filtersModal, setFiltersModal] = useState(false);
  const filtersRef = useRef<HTMLDetailsElement>(null);
  const [loading, setLoading] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [geoMessage, setGeoMessage] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  /** Change pour recréer les champs à suggestions avec un nouveau texte (lieu, retour arrière). */
  const [fieldsKey, setFieldsKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const pending = useRef<AbortController | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stateRef = useRef(state);
  stateRef.current = state;
  const originRef = useRef(origin);
  originRef.current = origin;

  useEffect(() => {
    setEnhanced(true);
    const narrow = matchMedia(NARROW);
    // Ouverte avant le chargement (le geste qui a chargé l'île) : elle devient la boîte de dialogue.
    if (narrow.matches && filtersRef.current?.open) {
      setFiltersModal(true);
      requestAnimationFrame(() => filtersRef.current?.querySelector<HTMLElement>('.search__dialog-head button')?.focus());
    }
    const onNarrow = () => {
      if (!narrow.matches) setFiltersModal(false);
    };
    narrow.addEventListener('change', onNarrow);
    history.replaceState({ origin } satisfies HistoryEntry, '');
    // Hydratée à la première interaction : ce qui a été coché, choisi ou tapé pendant le chargement
    // est dans le formulaire (Preact garde les valeurs du DOM) ; l'état le reprend et la liste suit.
    const typed = formRef.current ? stateFromParams(new URLSearchParams(formEntries(formRef.current))) : null;
    if (typed && stateToParams({ ...typed, page: state.page }).toString() !== stateToParams(state).toString()) {
      void run({ ...typed, page: 1 }, { history: 'replace' });
    }
    const onPop = (event: PopStateEvent) => {
      const next = stateFromParams(new URLSearchParams(location.search));
      const entry = event.state as HistoryEntry | null;
      setOrigin(entry?.origin ?? null);
      setFieldsKey((k) => k + 1);
      void run(next, { history: 'none', origin: entry?.origin ?? null });
    };
    addEventListener('popstate', onPop);
    return () => {
      removeEventListener('popstate', onPop);
      narrow.removeEventListener('change', onNarrow);
    };
  }, []);

  /** Relance la recherche pour `next` : adresse, requête à l'API, annonce du résultat. */
  async function run(next: SearchState, opts: { history: 'push' | 'replace' | 'none'; focus?: boolean; origin?: Origin }) {
    const nextOrigin = opts.origin === undefined ? originRef.current : opts.origin;
    // Tout de suite, sans attendre le rendu : une frappe en attente partira de cet état.
    stateRef.current = next;
    setState(next);
    setOrigin(nextOrigin);
    const query = stateToParams(next).toString();
    const url = `${location.pathname}${query ? `?${query}` : ''}`;
    if (opts.history === 'push') history.pushState({ origin: nextOrigin } satisfies HistoryEntry, '', url);
    else if (opts.history === 'replace') history.replaceState({ origin: nextOrigin } satisfies HistoryEntry, '', url);
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setLoading(true);
    try {
      const res = await fetch(`/api/formations?${apiParams(next).toString()}`, { signal: controller.signal, headers: { accept: 'application/json' } });
      const body = (await res.json()) as FormationsResponse | { erreur: string; champs?: Record<string, string> };
      if ('resultats' in body) {
        setResponse(body);
        setMessages([]);
        setAnnounce(resultsHeading(body.total));
      } else {
        setMessages(Object.values(body.champs ?? { erreur: body.erreur }));
        setAnnounce('La recherche n’a pas pu être faite : voir les messages.');
      }
      if (opts.focus) heading.current?.focus();
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      setMessages(['La recherche ne répond pas. Vérifiez votre connexion, puis réessayez.']);
    } finally {
      if (pending.current === controller) setLoading(false);
    }
  }

  const change = (next: SearchState) => void run(next, { history: 'push' });

  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea, [tabindex]:not([tabindex="-1"])';
  const focusDialog = () => requestAnimationFrame(() => filtersRef.current?.querySelector<HTMLElement>('.search__dialog-head button')?.focus());
  const onFiltersToggle = () => {
    // La largeur est relue ici : l'événement peut arriver juste après le chargement de l'île.
    const modal = filtersRef.current?.open === true && matchMedia(NARROW).matches;
    setFiltersModal(modal);
    if (modal) focusDialog();
  };
  const closeFilters = () => {
    const details = filtersRef.current;
    if (!details) return;
    details.open = false;
    setFiltersModal(false);
    details.querySelector('summary')?.focus();
  };
  /** Dans la boîte de dialogue : Tab tourne dans la boîte, Échap la ferme. */
  const onFiltersKey = (event: KeyboardEvent) => {
    if (!filtersModal) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      closeFilters();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  /** « Quoi ? » : la recherche suit la frappe ; un métier choisi dans la liste est cherché par son nom. */
  const onQuoi = ({ text, code }: { text: string; code: string | null }) => {
    clearTimeout(typingTimer.current);
    // L'état est lu quand la pause se termine, pas à la frappe : un rayon ou un filtre changé
    // pendant la pause n'est pas écrasé par l'état d'avant.
    typingTimer.current = setTimeout(() => void run({ ...stateRef.current, q: text, sansMetier: [], motsSeuls: false, page: 1 }, { history: 'replace' }), code ? 0 : TYPING_PAUSE_MS);
  };

  const onOu = ({ text, code, item }: { text: string; code: string | null; item: CommuneSuggestion | null }) => {
    if (code && item) {
      void run({ ...stateRef.current, ou: text, commune: code, lat: null, lon: null, page: 1 }, { history: 'push', origin: { lat: item.lat, lon: item.lon, label: item.nom } });
    } else {
      // Texte retapé : le lieu choisi ne vaut plus ; la recherche attend un choix ou « Rechercher ».
      setState((s) => ({ ...s, ou: text, commune: null, lat: null, lon: null }));
    }
  };

  /**
   * « Rechercher ». Un texte de « Où ? » non choisi dans la liste part au serveur comme sans
   * JavaScript : une seule règle le résout (src/territories/place.ts : hors région, fautes de frappe
   * proposées et jamais choisies à la place de la personne).
   */
  const onSubmit = (event: Event) => {
    clearTimeout(typingTimer.current);
    const current = stateRef.current;
    if (current.ou.trim() !== '' && !hasPlace(current)) return;
    event.preventDefault();
    const next = current.ou.trim() === '' ? { ...current, page: 1, commune: null, lat: null, lon: null } : { ...current, page: 1 };
    void run(next, { history: 'push', focus: true, origin: current.ou.trim() === '' ? null : originRef.current });
  };

  const locate = () => {
    setGeoMessage('');
    if (!('geolocation' in navigator)) {
      setGeoMessage('Votre navigateur ne sait pas donner votre position. Tapez plutôt votre commune ou votre code postal.');
      return;
    }
    setGeoMessage('Recherche de votre position…');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // Vie privée : la position, arrondie à environ 1 km, ne sert qu'à trouver la commune la plus
        // proche ; l'adresse de la page (qu'on partage) porte la commune, jamais la position.
        const coarse = (x: number) => String(Math.round(x * 100) / 100);
        void fetch(`/api/communes/proche?lat=${coarse(pos.coords.latitude)}&lon=${coarse(pos.coords.longitude)}`, { headers: { accept: 'application/json' } })
          .then(async (res) => {
            const body = (await res.json()) as CommuneSuggestion | { erreur: string };
            if (!('code_insee' in body)) return setGeoMessage(body.erreur);
            const label = communeValue(body);
            setGeoMessage(`Position trouvée : recherche autour de ${body.nom}. Votre position exacte n’est pas gardée.`);
            setFieldsKey((k) => k + 1);
            void run(
              { ...stateRef.current, ou: label, commune: body.code_insee, lat: null, lon: null, page: 1 },
              { history: 'push', origin: { lat: body.lat, lon: body.lon, label: body.nom } },
            );
          })
          .catch(() => setGeoMessage('La recherche de votre commune ne répond pas. Tapez plutôt votre commune ou votre code postal.'));
      },
      (error) => setGeoMessage(GEO_ERRORS[error.code] ?? GEO_ERRORS[2] ?? ''),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const backHref = formationsSearchHref(stateToParams(state));
  const pageHref = (page: number) => {
    return formationsSearchHref(stateToParams({ ...state, page }));
  };
  const goToPage = (event: MouseEvent, page: number) => {
    if (!enhanced || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void run({ ...state, page }, { history: 'push', focus: true });
  };

  const lastPage = lastPageOf(response.total, PER_PAGE);
  const place = hasPlace(state);
  const radii = [...new Set([...RADIUS_CHOICES, state.rayon])].sort((a, b) => a - b);
  // Mêmes résultats → même tableau : la carte n'est redessinée que si la liste change.
  const points: MapPoint[] = useMemo(
    () =>
      response.resultats
        .filter((r) => !r.a_distance)
        .map((r) => ({ id: r.id, lat: r.lieu.lat, lon: r.lieu.lon, label: `${r.intitule} — ${r.organisme}, ${r.lieu.commune}`, href: detailPath(r.id, r.intitule) })),
    [response],
  );
  const mapCenter = useMemo(() => (origin ? { lat: origin.lat, lon: origin.lon } : null), [origin?.lat, origin?.lon]);
  const widened = widenedNotice(response, state.rayon, origin?.label ?? null);
  const chips = activeChips(state, props.labels);
  const situationOpen = response.situation.remarques.length > 0;
  const cleared = clearedFilters(state);
  const filtersLabel = chips.length > 0 ? `Filtres (${chips.length})` : 'Filtres';
  const answered = Object.values(state.situation).filter((v) => v !== '').length;
  const situationLabel = `Ma situation et mon coût${answered > 0 ? ` (${plural(answered, 'réponse', 'réponses', ' ')})` : ''}`;
  const situationQuery = situationSearchOf(state);
  const follow = (e: MouseEvent, next: SearchState) => {
    if (!enhanced || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    if (next.q !== state.q) setFieldsKey((k) => k + 1);
    void run(next, { history: 'push', focus: true });
  };
  // Peu de résultats : la correction du texte tapé et des métiers proches, sous la liste (le premier résultat reste en haut).
  const corrected = response.vouliez_vous_dire === null ? null : { ...state, q: response.vouliez_vous_dire, metier: [], page: 1 };
  const related = (
    <>
      {corrected && (
        <p class="search__correction" data-testid="vouliez-vous-dire">
          Vouliez-vous dire{' '}
          <a href={formationsSearchHref(stateToParams(corrected))} onClick={(e) => follow(e, corrected)}>
            « {response.vouliez_vous_dire} »
          </a>{' '}
          ?
        </p>
      )}
      {response.metiers_proches.length > 0 && (
        <div class="search__related" data-testid="metiers-proches">
          <p>{response.total === 0 ? 'Essayez un métier proche :' : 'Peu de formations : essayez aussi un métier proche.'}</p>
          <ul>
            {response.metiers_proches.map((m) => {
              const next = { ...state, q: '', metier: [m.code], page: 1 };
              return (
                <li key={m.code}>
                  <a href={formationsSearchHref(stateToParams(next))} onClick={(e) => follow(e, next)}>
                    {m.libelle}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </>
  );
  const filterFields = (
    <>
      <div class="search__radius">
        <label for="rayon">Distance maximale</label>
        <select id="rayon" name="rayon" value={String(state.rayon)} onChange={(e) => change({ ...state, rayon: Number((e.currentTarget as HTMLSelectElement).value), page: 1 })}>
          {radii.map((r) => (
            <option key={r} value={String(r)}>
              {r} km{r === 30 ? ' (environ 30 minutes)' : ''}
            </option>
          ))}
        </select>
        <label class="search__remote">
          <input type="checkbox" name="a_distance" value="oui" checked={state.aDistance} onChange={(e) => change({ ...state, aDistance: (e.currentTarget as HTMLInputElement).checked, page: 1 })} />
          Inclure les formations à distance
        </label>
      </div>
      <Facets state={state} facettes={response.facettes} labels={props.labels} onChange={change} enhanced={enhanced} />
    </>
  );
  const empty = emptyResultsHelp(state, response, origin?.label ?? null, props.labels);
  const understoodAfter = response.resultats.length > 0 && response.resultats[0]?.correspondance !== 'metier';

  return (
    <>
    <form ref={formRef} class="search" method="get" action="/formations" role="search" aria-label="Rechercher une formation" onSubmit={onSubmit} data-enhanced={enhanced ? 'true' : 'false'} data-has-query={stateToParams(state).toString() === '' ? 'false' : 'true'}>
      <div class="search__main">
        <div class="search__what">
          <MetierAutocomplete
            key={`quoi-${fieldsKey}`}
            id="quoi"
            name="q"
            label="Quoi ?"
            hint="Un métier, une formation ou un diplôme (ex. aide-soignant, CAP cuisine)."
            defaultValue={state.q}
            onValueChange={onQuoi}
          />
          <a class="skip-to-results" href="#resultats-liste">
            Aller aux résultats ({plural(response.total, 'formation', 'formations', ' ')})
          </a>
          {state.metier.map((code) => (
            <input type="hidden" name="metier" value={code} key={code} />
          ))}
          {state.metier.length > 0 && (
            <p class="search__metier">
              Formations qui mènent au métier {state.metier.join(', ')}.{' '}
              <a
                href={formationsSearchHref(stateToParams({ ...state, metier: [], page: 1 }))}
                onClick={(e) => {
                  if (!enhanced) return;
                  e.preventDefault();
                  change({ ...state, metier: [], page: 1 });
                }}
              >
                Voir toutes les formations
              </a>
            </p>
          )}
        </div>
        <div class="search__where">
          <CommuneAutocomplete
            key={`ou-${fieldsKey}`}
            id="ou"
            name="ou"
            label="Où ?"
            hint="Votre commune ou votre code postal."
            codeName="commune"
            defaultValue={state.ou}
            defaultCode={state.commune}
            onValueChange={onOu}
          />
          {state.lat !== null && state.lon !== null && state.commune === null && (
            <>
              <input type="hidden" name="lat" value={String(state.lat)} />
              <input type="hidden" name="lon" value={String(state.lon)} />
            </>
          )}
          {/* Visible dès que JavaScript tourne (classe needs-js, global.css), même avant l'hydratation : le clic est rejoué après. */}
          <button type="button" class="button button--secondary search__locate needs-js" onClick={locate} data-shared-hidden="">
            Me localiser
          </button>
          <p class="search__geo-message" role="status">
            {geoMessage}
          </p>
        </div>
        <div class="search__submit">
          <button type="submit" class="button">
            Rechercher
          </button>
        </div>
      </div>

      {messages.length > 0 && (
        <div class="notice notice--warning" role="alert">
          <p>Certains choix n’ont pas pu être pris en compte :</p>
          <ul>
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}

      <details class="search__panel search__situation" open={situationOpen}>
        <summary>
          <span class="search__panel-title">{situationLabel}</span>
        </summary>
        <p class="situation__help">Répondez si vous voulez : chaque formation dit alors ce qu’elle vous coûterait. Vos réponses restent dans l’adresse de la page, sur votre appareil.</p>
        <SituationFields id="situation" values={state.situation} onChange={(name, value) => change({ ...state, situation: { ...state.situation, [name]: value }, page: 1 })} />
        <p class="situation__free">
          <label>
            <input type="checkbox" name="gratuit" value="oui" checked={state.gratuit} onChange={(e) => change({ ...state, gratuit: (e.currentTarget as HTMLInputElement).checked, page: 1 })} />
            Gratuit pour moi : seulement les formations gratuites pour ma situation
          </label>
        </p>
        {response.situation.remarques.map((m) => (
          <p class="notice" key={m}>
            {m}
          </p>
        ))}
        {!enhanced && (
          <button type="submit" class="button">
            Voir ce que ça me coûte
          </button>
        )}
      </details>

      {chips.length > 0 && (
        <div class="search__chips">
          <p class="visually-hidden" id="filtres-actifs">
            Filtres choisis
          </p>
          <ul aria-labelledby="filtres-actifs">
            {chips.map((c) => (
              <li key={c.key}>
                <a class="chip" href={formationsSearchHref(stateToParams(c.without))} onClick={(e) => follow(e, c.without)}>
                  {c.label}
                  <span class="visually-hidden"> : retirer ce filtre</span>
                  <span aria-hidden="true"> ×</span>
                </a>
              </li>
            ))}
            <li>
              <a class="chip chip--clear" href={formationsSearchHref(stateToParams(cleared))} onClick={(e) => follow(e, cleared)}>
                Tout effacer
              </a>
            </li>
          </ul>
        </div>
      )}

      <div class="search__layout">
        <section class="search__filters" aria-labelledby="filtres-titre">
          <details ref={filtersRef} class={`search__panel search__filters-panel${filtersModal ? ' is-modal' : ''}`} onToggle={onFiltersToggle}>
            <summary>
              <h2 id="filtres-titre" class="search__panel-title">{filtersLabel}</h2>
            </summary>
            {/* Petit écran avec JavaScript : la zone ouverte devient une boîte de dialogue plein écran qui garde le focus. */}
            <div
              class="search__filters-body"
              role={filtersModal ? 'dialog' : undefined}
              aria-modal={filtersModal ? 'true' : undefined}
              aria-labelledby={filtersModal ? 'filtres-dialogue-titre' : undefined}
              onKeyDown={onFiltersKey}
            >
              {filtersModal && (
                <div class="search__dialog-head">
                  <p id="filtres-dialogue-titre" class="search__dialog-title">
                    {filtersLabel}
                  </p>
                  <button type="button" class="button" onClick={closeFilters}>
                    Voir {plural(response.total, 'formation', 'formations', ' ')}
                  </button>
                </div>
              )}
              {filterFields}
            </div>
          </details>
        </section>

        <section class="search__results" aria-labelledby="resultats-titre" aria-busy={loading ? 'true' : 'false'}>
          <h2 id="resultats-titre" ref={heading} tabindex={-1}>
            {resultsHeading(response.total)}
          </h2>
          <p class="visually-hidden" role="status" aria-live="polite">
            {announce}
          </p>
          {widened && (
            <p class="notice" data-testid="elargi">
              {widened}
            </p>
          )}
          {/* Le premier résultat contient les mots : ce qui a été compris se dit après la liste (le premier résultat reste en haut). */}
          {response.compris && !understoodAfter && <Understood state={state} compris={response.compris} follow={follow} />}
          <div class="search__tools">
            <label for="tri">Trier par</label>
            <select id="tri" name="tri" value={state.tri} onChange={(e) => change({ ...state, tri: (e.currentTarget as HTMLSelectElement).value, page: 1 })}>
              {SORT_VALUES.filter((s) => s !== 'distance' || place).map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
            {!enhanced && (
              <button type="submit" class="button button--secondary">
                Trier
              </button>
            )}
          </div>

          {response.total === 0 ? (
            <div class="search__empty">
              <p>{empty.searched}</p>
              {related}
              {empty.suggestions.length > 0 && (
                <>
                  <p>Vous pouvez :</p>
                  <ul>
                    {empty.suggestions.map((s) => (
                      <li key={s.label}>
                        <a
                          href={formationsSearchHref(stateToParams(s.state))}
                          onClick={(e) => {
                            if (!enhanced) return;
                            e.preventDefault();
                            setFieldsKey((k) => k + 1);
                            void run(s.state, { history: 'push', focus: true });
                          }}
                        >
                          {s.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : (
            <>
              {points.length > 0 && (
                <div class="needs-js search__map">
                  <MapView
                    title="Carte des formations de cette page"
                    points={points}
                    center={mapCenter}
                    radiusKm={origin ? response.rayon_km : null}
                    styleUrl={props.styleUrl}
                    load="click"
                    alternative="La carte montre les formations de la liste ci-dessous : la liste contient toutes les informations."
                    activeId={activeId}
                    onActivate={setActiveId}
                    onSearchArea={(area) => {
                      setFieldsKey((k) => k + 1);
                      void run(
                        { ...state, ou: 'Zone de la carte', commune: null, lat: area.lat, lon: area.lon, rayon: area.radiusKm, page: 1 },
                        { history: 'push', origin: { lat: area.lat, lon: area.lon, label: 'la zone de la carte' } },
                      );
                    }}
                  />
                </div>
              )}
              <ol class="results" id="resultats-liste" tabindex={-1} aria-labelledby="resultats-titre" start={(response.page - 1) * PER_PAGE + 1}>
                {response.resultats.map((r) => (
                  <li key={r.id}>
                    <ResultCard result={r} labels={props.labels} query={situationQuery} active={activeId === r.id} onActivate={setActiveId} carry={props.carry} keepForm={KEEP_FORM_ID} />
                  </li>
                ))}
              </ol>
              {response.compris && understoodAfter && <Understood state={state} compris={response.compris} follow={follow} />}
              {related}
              {lastPage > 1 && (
                <nav class="pagination" aria-label="Pages de résultats">
                  <p class="pagination__where">
                    Page {response.page} sur {lastPage} ({plural(response.total, 'formation', 'formations', ' ')})
                  </p>
                  <ul>
                    {response.page > 1 && (
                      <li>
                        <a href={pageHref(response.page - 1)} rel="prev" onClick={(e) => goToPage(e, response.page - 1)}>
                          <span aria-hidden="true">← </span>Page précédente
                        </a>
                      </li>
                    )}
                    {pageNumbers(response.page, lastPage).map((n, i) =>
                      n === null ? (
                        <li key={`gap-${i}`} aria-hidden="true">
                          …
                        </li>
                      ) : (
                        <li key={n}>
                          <a href={pageHref(n)} aria-current={n === response.page ? 'page' : undefined} onClick={(e) => goToPage(e, n)}>
                            <span class="visually-hidden">Page </span>
                            {n}
                          </a>
                        </li>
                      ),
                    )}
                    {response.page < lastPage && (
                      <li>
                        <a href={pageHref(response.page + 1)} rel="next" onClick={(e) => goToPage(e, response.page + 1)}>
                          Page suivante<span aria-hidden="true"> →</span>
                        </a>
                      </li>
                    )}
                  </ul>
                </nav>
              )}
            </>
          )}
        </section>
      </div>
    </form>
    <KeepForm id={KEEP_FORM_ID} carry={props.carry} back={backHref} />
    </>
  );
}
