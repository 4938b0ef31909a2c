import { createHash } from 'node:crypto';
import sharp from 'sharp';

export interface ProcessedPhoto {
  large: Buffer;
  thumb: Buffer;
  /** sha256 of the processed large image: content-addressed names. */
  hash: string;
  width: number;
  height: number;
}

/** Guards against decompression bombs: 50 megapixels is more than any phone makes. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Auto-rotates by EXIF orientation, then re-encodes to WebP without any
 * metadata: EXIF, GPS, XMP and ICC comments are gone from what we store.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  const base = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  const large = await base.clone().resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
  const thumb = await base.clone().resize({ width: 320, height: 320, fit: 'cover' }).webp({ quality: 75 }).toBuffer();
  return {
    large: large.data,
    thumb,
    hash: createHash('sha256').update(large.data).digest('hex'),
    width: large.info.width,
    height: large.info.height,
  };
}

/** Blurs a rectangle (fractions of width/height) for moderation: faces, number plates. */
export async function blurRegion(input: Buffer, region: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  const image = sharp(input);
  const { width = 0, height = 0 } = await image.metadata();
  const left = Math.max(0, Math.floor(region.x * width));
  const top = Math.max(0, Math.floor(region.y * height));
  const w = Math.max(1, Math.min(width - left, Math.ceil(region.width * width)));
  const h = Math.max(1, Math.min(height - top, Math.ceil(region.height * height)));
  const patch = await sharp(input).extract({ left, top, width: w, height: h }).blur(Math.max(8, Math.round(Math.min(w, h) / 6))).toBuffer();
  return sharp(input).composite([{ input: patch, left, top }]).webp({ quality: 82 }).toBuffer();
}
