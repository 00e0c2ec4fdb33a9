/**
 * Codes QR (bibliothèque `qrcode`) : un SVG par adresse, rendu par le serveur, sans script.
 * L'image est décorative pour un lecteur d'écran : la page écrit l'adresse à côté, en clair.
 */
import QRCode from 'qrcode';

/** Une adresse du site en SVG (correction d'erreur « M », marge de 2 modules), bornée à 500 caractères. */
export async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url.slice(0, 500), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
}
