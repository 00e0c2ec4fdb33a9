/**
 * La carte MapLibre elle-même. Ce module (et MapLibre, ~250 Ko compressés) n'est chargé qu'à la
 * demande, par `import()` depuis `MapView.tsx` : il n'est jamais dans le JavaScript initial.
 *
 * Points : source GeoJSON regroupée (clusters) ; chaque point et chaque groupe est un marqueur
 * HTML (lien ou bouton) : atteignable au clavier, avec un nom accessible, et surlignable depuis
 * la liste. Fond de carte : celui du produit (hors ligne), ou le style vectoriel `styleUrl`.
 */
import maplibregl, { type GeoJSONSource, type LngLatBoundsLike, type StyleSpecification } from 'maplibre-gl';
import maplibreCssUrl from 'maplibre-gl/dist/maplibre-gl.css?url';
import circle from '@turf/circle';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { boundsOf, PDL_BOUNDS, radiusForView, type LatLon, type MapPoint } from './map';

export interface MapData {
  points: readonly MapPoint[];
  center: LatLon | null;
  radiusKm: number | null;
}

export interface MapOptions {
  styleUrl: string | null;
  basemapUrl: string;
  onActivate?: (id: string | null) => void;
  /** La vue a été déplacée par l'usager : la zone visible (centre et rayon proposé). */
  onMoved?: (area: LatLon & { radiusKm: number }) => void;
}

export interface MapController {
  update(data: MapData): void;
  setActive(id: string | null): void;
  destroy(): void;
}

const LOCALE = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
  'AttributionControl.MapFeedback': 'Signaler une erreur de carte',
  'FullscreenControl.Enter': 'Plein écran',
  'FullscreenControl.Exit': 'Quitter le plein écran',
  'GeolocateControl.FindMyLocation': 'Me localiser',
  'GeolocateControl.LocationNotAvailable': 'Position indisponible',
  'LogoControl.Title': 'Logo MapLibre',
  'Map.Title': 'Carte',
  'Marker.Title': 'Marqueur',
  'NavigationControl.ResetBearing': 'Remettre le nord en haut',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'Popup.Close': 'Fermer',
  'ScaleControl.Feet': 'pieds',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
  'ScaleControl.Miles': 'miles',
  'ScaleControl.NauticalMiles': 'milles marins',
  'CooperativeGesturesHandler.WindowsHelpText': 'Utilisez Ctrl + molette pour zoomer',
  'CooperativeGesturesHandler.MacHelpText': 'Utilisez ⌘ + molette pour zoomer',
  'CooperativeGesturesHandler.MobileHelpText': 'Utilisez deux doigts pour déplacer la carte',
};

const PREFECTURES = [
  { name: 'Nantes', lat: 47.2184, lon: -1.5536 },
  { name: 'Angers', lat: 47.4784, lon: -0.5632 },
  { name: 'Laval', lat: 48.0707, lon: -0.7734 },
  { name: 'Le Mans', lat: 48.0061, lon: 0.1996 },
  { name: 'La Roche-sur-Yon', lat: 46.6705, lon: -1.426 },
];

/** Le fond de carte livré avec le site (contours des intercommunalités, communes en points). */
function offlineStyle(basemapUrl: string): StyleSpecification {
  const kind = (k: string) => ['==', ['get', 'kind'], k] as ['==', ['get', string], string];
  return {
    version: 8,
    sources: { fond: { type: 'geojson', data: basemapUrl, attribution: 'Fond : versmonmétier, d’après INSEE et IGN (découpage administratif)' } },
    layers: [
      { id: 'mer-et-hors-region', type: 'background', paint: { 'background-color': '#dfe7f0' } },
      { id: 'intercommunalites', type: 'fill', source: 'fond', filter: kind('epci'), paint: { 'fill-color': '#ffffff' } },
      { id: 'intercommunalites-contour', type: 'line', source: 'fond', filter: kind('epci'), paint: { 'line-color': '#aab2bf', 'line-width': 1 } },
      {
        id: 'communes',
        type: 'circle',
        source: 'fond',
        filter: kind('commune'),
        paint: {
          'circle-color': '#8a93a0',
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, ['case', ['>', ['get', 'population'], 20000], 2.5, 0.8], 11, 3],
        },
      },
    ],
  };
}

function toFeatures(points: readonly MapPoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map(
      (p): Feature<Point> => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id } }),
    ),
  };
}

function radiusFeature(center: LatLon | null, radiusKm: number | null): FeatureCollection {
  if (!center || !radiusKm) return { type: 'FeatureCollection', features: [] };
  return { type: 'FeatureCollection', features: [circle([center.lon, center.lat], radiusKm, { units: 'kilometers', steps: 96 })] };
}

function fitTarget(data: MapData): LngLatBoundsLike {
  const places: LatLon[] = [...data.points];
  if (data.center) places.push(data.center);
  if (data.center && data.radiusKm) {
    const ring = radiusFeature(data.center, data.radiusKm).features[0];
    if (ring?.geometry.type === 'Polygon') for (const [lon, lat] of ring.geometry.coordinates[0] ?? []) places.push({ lat: lat as number, lon: lon as number });
  }
  const b = boundsOf(places) ?? PDL_BOUNDS;
  // Un seul point : une petite emprise autour de lui.
  const pad = b[0] === b[2] && b[1] === b[3] ? 0.05 : 0;
  return [
    [b[0] - pad, b[1] - pad],
    [b[2] + pad, b[3] + pad],
  ];
}

/** La feuille de style de MapLibre, ajoutée seulement quand la carte est chargée. */
function loadMaplibreCss(): void {
  if (document.querySelector('link[data-maplibre-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = maplibreCssUrl;
  link.dataset.maplibreCss = '';
  document.head.append(link);
}

export function createMap(container: HTMLElement, initial: MapData, options: MapOptions): MapController {
  loadMaplibreCss();
  const map = new maplibregl.Map({
    container,
    style: options.styleUrl ?? offlineStyle(options.basemapUrl),
    bounds: fitTarget(initial),
    fitBoundsOptions: { padding: 40, maxZoom: 13 },
    locale: LOCALE,
    attributionControl: { compact: false },
    cooperativeGestures: false,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.touchZoomRotate.disableRotation();

  let data = initial;
  let activeId: string | null = null;
  const pointsById = new Map(data.points.map((p) => [p.id, p]));
  const markers = new Map<string, { marker: maplibregl.Marker; members: Set<string> }>();
  const staticMarkers: maplibregl.Marker[] = [];

  for (const p of PREFECTURES) {
    const el = document.createElement('span');
    el.className = 'map-place-label';
    el.textContent = p.name;
    el.setAttribute('aria-hidden', 'true');
    staticMarkers.push(new maplibregl.Marker({ element: el, anchor: 'left', offset: [4, 0] }).setLngLat([p.lon, p.lat]).addTo(map));
  }
  const originEl = document.createElement('span');
  originEl.className = 'map-origin';
  originEl.title = 'Point de départ de la recherche';
  originEl.setAttribute('aria-hidden', 'true');
  const origin = new maplibregl.Marker({ element: originEl });

  const paintActive = () => {
    for (const [key, { marker, members }] of markers) {
      const on = activeId !== null && (key === `p:${activeId}` || members.has(activeId));
      marker.getElement().classList.toggle('is-active', on);
    }
  };

  const pointMarker = (p: MapPoint): maplibregl.Marker => {
    const el = document.createElement('a');
    el.className = 'map-marker';
    el.href = p.href;
    el.dataset.id = p.id;
    el.setAttribute('aria-label', p.label);
    el.title = p.label;
    const enter = () => options.onActivate?.(p.id);
    const leave = () => options.onActivate?.(null);
    el.addEventListener('mouseenter', enter);
    el.addEventListener('focus', enter);
    el.addEventListener('mouseleave', leave);
    el.addEventListener('blur', leave);
    return new maplibregl.Marker({ element: el }).setLngLat([p.lon, p.lat]);
  };

  const clusterMarker = (clusterId: number, count: number, at: [number, number], members: Set<string>): maplibregl.Marker => {
    const el = document.createElement('button');
    el.type = 'button';
    el.className = 'map-cluster';
    el.textContent = String(count);
    el.setAttribute('aria-label', `${count} formations à cet endroit : zoomer pour les voir`);
    el.addEventListener('click', async (event) => {
      event.stopPropagation();
      const zoom = await (map.getSource('resultats') as GeoJSONSource).getClusterExpansionZoom(clusterId);
      map.easeTo({ center: at, zoom: Math.min(zoom, 16) });
    });
    const ids = [...members];
    el.addEventListener('mouseenter', () => options.onActivate?.(ids[0] ?? null));
    el.addEventListener('mouseleave', () => options.onActivate?.(null));
    return new maplibregl.Marker({ element: el }).setLngLat(at);
  };

  let syncing = false;
  /** Recalcule les marqueurs visibles (points seuls et groupes) à partir de la source regroupée. */
  const syncMarkers = async () => {
    if (syncing || !map.getSource('resultats') || !map.isSourceLoaded('resultats')) return;
    syncing = true;
    try {
      const source = map.getSource('resultats') as GeoJSONSource;
      const seen = new Set<string>();
      for (const f of map.querySourceFeatures('resultats')) {
        const props = f.properties ?? {};
        const coords = (f.geometry as Point).coordinates as [number, number];
        if (props.cluster) {
          const key = `c:${props.cluster_id as number}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (!markers.has(key)) {
            const leaves = await source.getClusterLeaves(props.cluster_id as number, Infinity, 0);
            const members = new Set(leaves.map((l) => String(l.properties?.id)));
            markers.set(key, { marker: clusterMarker(props.cluster_id as number, props.point_count as number, coords, members).addTo(map), members });
          }
        } else {
          const point = pointsById.get(String(props.id));
          const key = `p:${String(props.id)}`;
          if (!point || seen.has(key)) continue;
          seen.add(key);
          if (!markers.has(key)) markers.set(key, { marker: pointMarker(point).addTo(map), members: new Set() });
        }
      }
      for (const [key, { marker }] of markers) {
        if (seen.has(key)) continue;
        marker.remove();
        markers.delete(key);
      }
      paintActive();
    } finally {
      syncing = false;
    }
  };

  const setData = (next: MapData) => {
    data = next;
    pointsById.clear();
    for (const p of data.points) pointsById.set(p.id, p);
    for (const { marker } of markers.values()) marker.remove();
    markers.clear();
    (map.getSource('resultats') as GeoJSONSource | undefined)?.setData(toFeatures(data.points));
    (map.getSource('rayon') as GeoJSONSource | undefined)?.setData(radiusFeature(data.center, data.radiusKm));
    if (data.center) origin.setLngLat([data.center.lon, data.center.lat]).addTo(map);
    else origin.remove();
  };

  map.on('load', () => {
    map.addSource('rayon', { type: 'geojson', data: radiusFeature(data.center, data.radiusKm) });
    map.addLayer({ id: 'rayon-surface', type: 'fill', source: 'rayon', paint: { 'fill-color': '#1b3a6b', 'fill-opacity': 0.06 } });
    map.addLayer({ id: 'rayon-contour', type: 'line', source: 'rayon', paint: { 'line-color': '#1b3a6b', 'line-width': 2, 'line-dasharray': [2, 2] } });
    map.addSource('resultats', { type: 'geojson', data: toFeatures(data.points), cluster: true, clusterRadius: 36, clusterMaxZoom: 14 });
    // Couche invisible : elle fait calculer la source ; les marqueurs visibles sont en HTML.
    map.addLayer({ id: 'resultats', type: 'circle', source: 'resultats', paint: { 'circle-radius': 1, 'circle-opacity': 0 } });
    setData(data);
  });
  map.on('render', () => void syncMarkers());
  map.on('moveend', (event) => {
    if (!('originalEvent' in event) || !event.originalEvent || !options.onMoved) return;
    const center = map.getCenter();
    const bounds = map.getBounds();
    const edge = Math.min(
      center.distanceTo(new maplibregl.LngLat(center.lng, bounds.getNorth())),
      center.distanceTo(new maplibregl.LngLat(bounds.getEast(), center.lat)),
    );
    options.onMoved({ lat: center.lat, lon: center.lng, radiusKm: radiusForView(edge / 1000) });
  });

  return {
    update(next) {
      setData(next);
      map.fitBounds(fitTarget(next), { padding: 40, maxZoom: 13, duration: 0 });
    },
    setActive(id) {
      activeId = id;
      paintActive();
    },
    destroy() {
      for (const m of staticMarkers) m.remove();
      map.remove();
    },
  };
}
