/**
 * Carte des formations (île Preact). MapLibre n'est chargé qu'à la demande : quand la carte
 * devient visible (`load="visible"`) ou quand l'usager clique « Afficher la carte »
 * (`load="click"`). Avant, et si WebGL manque, la place est tenue par un texte.
 *
 * La carte n'est jamais le seul accès à l'information : une liste des lieux (liens) est toujours
 * rendue par le serveur sous la carte (ou, avec `alternative`, une phrase qui renvoie à la liste
 * de la page). Voir `maplibre-map.ts` pour la carte elle-même.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LatLon, MapPoint } from './map';
import type { MapController } from './maplibre-map';
import './map.css';

export interface MapViewProps {
  /** Nom accessible de la carte (ex. « Carte des formations trouvées »). */
  title: string;
  points: MapPoint[];
  /** Point de départ de la recherche (marqué, centre du cercle). */
  center?: LatLon | null;
  /** Rayon de recherche, dessiné en cercle autour de `center`. */
  radiusKm?: number | null;
  /** Style vectoriel en ligne (variable MAP_STYLE_URL) ; sans lui, le fond livré avec le site. */
  styleUrl?: string | null;
  basemapUrl?: string;
  /** Quand charger MapLibre : dès que la carte est visible, ou au clic sur « Afficher la carte ». */
  load?: 'visible' | 'click';
  /** Hauteur de la carte : une des hauteurs de map.css (pas d'attribut style, refusé par la CSP). */
  height?: '22rem' | '16rem';
  /** Remplace la liste des lieux par cette phrase (quand la page liste déjà les mêmes lieux). */
  alternative?: string;
  /** Point surligné (synchronisation avec une liste ; seulement depuis un composant Preact). */
  activeId?: string | null;
  onActivate?: (id: string | null) => void;
  /** Affiche « Rechercher dans cette zone » après un déplacement de la carte. */
  onSearchArea?: (area: LatLon & { radiusKm: number }) => void;
}

export const BASEMAP_URL = '/formations/fond-de-carte.geojson';

type State = 'idle' | 'loading' | 'ready' | 'failed';

export default function MapView(props: MapViewProps) {
  const { title, points, center = null, radiusKm = null, styleUrl = null, load = 'visible', height = '22rem', alternative, activeId = null } = props;
  const box = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  const [state, setState] = useState<State>('idle');
  const [requested, setRequested] = useState(false);
  const [movedArea, setMovedArea] = useState<(LatLon & { radiusKm: number }) | null>(null);

  // Chargement quand la carte devient visible.
  useEffect(() => {
    if (load !== 'visible' || requested || !box.current) return;
    if (!('IntersectionObserver' in window)) return setRequested(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setRequested(true), { rootMargin: '200px' });
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [load, requested]);

  useEffect(() => {
    if (!requested || !box.current || controller.current) return;
    let cancelled = false;
    setState('loading');
    import('./maplibre-map')
      .then(({ createMap }) => {
        if (cancelled || !box.current) return;
        controller.current = createMap(
          box.current,
          { points, center, radiusKm },
          {
            styleUrl,
            basemapUrl: props.basemapUrl ?? BASEMAP_URL,
            onActivate: (id) => callbacks.current.onActivate?.(id),
            onMoved: (area) => callbacks.current.onSearchArea && setMovedArea(area),
          },
        );
        setState('ready');
      })
      .catch((error: unknown) => {
        console.error('[carte] impossible d’afficher la carte', error);
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
    };
  }, [requested]);

  useEffect(() => () => controller.current?.destroy(), []);

  // Nouvelles données : la carte suit (et le bouton « Rechercher dans cette zone » disparaît).
  useEffect(() => {
    controller.current?.update({ points, center, radiusKm });
    setMovedArea(null);
  }, [points, center?.lat, center?.lon, radiusKm, state === 'ready']);

  useEffect(() => controller.current?.setActive(activeId), [activeId, state]);

  return (
    <div class="map" role="group" aria-label={title}>
      <div class={`map__frame${load === 'click' && !requested ? ' map__frame--idle' : ''}`} data-height={load === 'click' && !requested ? undefined : height}>
        <div ref={box} class="map__canvas" data-state={state} />
        {state !== 'ready' && (
          <div class="map__placeholder">
            {state === 'failed' ? (
              <p>La carte ne peut pas s’afficher sur cet appareil. Toutes les informations sont dans la liste.</p>
            ) : load === 'click' && !requested ? (
              <button type="button" class="button" onClick={() => setRequested(true)}>
                Afficher la carte
              </button>
            ) : (
              <p>Chargement de la carte…</p>
            )}
          </div>
        )}
        {movedArea && (
          <button
            type="button"
            class="button map__search-area"
            onClick={() => {
              callbacks.current.onSearchArea?.(movedArea);
              setMovedArea(null);
            }}
          >
            Rechercher dans cette zone
          </button>
        )}
      </div>
      {alternative ? (
        <p class="map__alternative">{alternative}</p>
      ) : (
        <details class="map__alternative">
          <summary>Liste des lieux de la carte ({points.length})</summary>
          <ul>
            {points.map((p) => (
              <li key={p.id}>
                <a href={p.href}>{p.label}</a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
