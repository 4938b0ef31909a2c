// Checks a photo before upload with the same limits as the API: JPEG, PNG or WebP by their
// magic bytes (the file name and the browser's MIME type are not trusted), at most 10 MB each.

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp';

export type PhotoKind = 'jpeg' | 'png' | 'webp';
export type PhotoProblem = 'heic' | 'type' | 'size' | 'empty' | 'unreadable';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

export function sniff(bytes: Uint8Array): PhotoKind | 'heic' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  // ISO base media file: size(4) 'ftyp' brand(4). HEIC/HEIF gets its own message (same brands as the API).
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12).toLowerCase())) return 'heic';
  return null;
}

export async function checkPhoto(file: File): Promise<{ ok: true; kind: PhotoKind } | { ok: false; problem: PhotoProblem }> {
  if (file.size === 0) return { ok: false, problem: 'empty' };
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const kind = sniff(head);
  if (kind === 'heic') return { ok: false, problem: 'heic' };
  if (!kind) return { ok: false, problem: /\.(heic|heif)$/i.test(file.name) ? 'heic' : 'type' };
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, problem: 'size' };
  return { ok: true, kind };
}
