/**
 * Les types de contenu que le serveur compresse (brotli, gzip) : texte, HTML, JSON, GeoJSON, CSV,
 * JavaScript, CSS, SVG. Les images, polices et archives sont déjà compressées.
 * Sans dépendance : lu à la construction (src/http/precompress-integration.ts) et par le serveur.
 */

/** Réponses produites à la demande : en dessous, compresser ne fait rien gagner (en-têtes compris). */
export const MIN_COMPRESS_BYTES = 1024;
/** Fichiers construits : compressés une fois pour toutes, dès quelques centaines d'octets. */
export const MIN_PRECOMPRESS_BYTES = 256;

const EXTENSIONS = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.geojson', 'application/geo+json; charset=utf-8'],
  ['.csv', 'text/csv; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.xml', 'application/xml; charset=utf-8'],
  ['.webmanifest', 'application/manifest+json'],
  ['.map', 'application/json; charset=utf-8'],
]);

export function isCompressibleExtension(extension: string): boolean {
  return EXTENSIONS.has(extension.toLowerCase());
}

/** Le type de contenu d'un fichier statique compressible, d'après son extension. */
export function contentTypeOfExtension(extension: string): string | undefined {
  return EXTENSIONS.get(extension.toLowerCase());
}

/** Une réponse dynamique de ce type mérite d'être compressée. */
export function isCompressibleType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/geo+json' ||
    type === 'application/javascript' ||
    type === 'application/manifest+json' ||
    type === 'application/xml' ||
    type === 'image/svg+xml' ||
    type.endsWith('+json')
  );
}
