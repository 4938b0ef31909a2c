export type AcceptedImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export type ImageTypeResult =
  | { ok: true; type: AcceptedImageType }
  | { ok: false; code: 'heic_not_supported' | 'unsupported_type' | 'empty'; message: { de: string; en: string } };

const startsWith = (buffer: Buffer, bytes: number[], offset = 0) => bytes.every((byte, index) => buffer[offset + index] === byte);

/**
 * Decides by magic bytes, never by file name or the client's content type:
 * a renamed HEIC or an HTML file with .jpg must not get through.
 */
export function detectImageType(buffer: Buffer): ImageTypeResult {
  if (buffer.length === 0) return { ok: false, code: 'empty', message: { de: 'Die Datei ist leer.', en: 'The file is empty.' } };
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return { ok: true, type: 'image/jpeg' };
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: 'image/png' };
  if (buffer.toString('ascii', 0, 4) === 'RIFF' && buffer.toString('ascii', 8, 12) === 'WEBP') return { ok: true, type: 'image/webp' };
  if (buffer.toString('ascii', 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|mif1|msf1|heim|heis)$/.test(buffer.toString('ascii', 8, 12))) {
    return {
      ok: false,
      code: 'heic_not_supported',
      message: {
        de: 'HEIC-Fotos (iPhone) werden nicht unterstützt. Bitte als JPEG speichern (Einstellungen › Kamera › Formate › „Maximale Kompatibilität“) oder einen Screenshot hochladen.',
        en: 'HEIC photos (iPhone) are not supported. Please save as JPEG (Settings › Camera › Formats › "Most Compatible") or upload a screenshot.',
      },
    };
  }
  return { ok: false, code: 'unsupported_type', message: { de: 'Nur JPEG-, PNG- und WebP-Fotos sind erlaubt.', en: 'Only JPEG, PNG and WebP photos are allowed.' } };
}

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS_PER_REPORT = 5;
