import type { LocalizedFieldError } from '@app/core';
import { MAX_PHOTOS_PER_REPORT, MAX_PHOTO_BYTES, detectImageType } from './image-type';

/**
 * The checks every photo upload gets before anything is stored (reports,
 * proposals, implementation updates): count, size, type by magic bytes.
 */
export function checkPhotoUploads(photos: ReadonlyArray<{ buffer: Buffer; size: number }>): LocalizedFieldError[] {
  const errors: LocalizedFieldError[] = [];
  if (photos.length > MAX_PHOTOS_PER_REPORT) {
    errors.push({ field: 'photos', code: 'too_many_photos', message: { de: `Höchstens ${MAX_PHOTOS_PER_REPORT} Fotos`, en: `At most ${MAX_PHOTOS_PER_REPORT} photos` } });
  }
  photos.forEach((photo, index) => {
    if (photo.size > MAX_PHOTO_BYTES) {
      errors.push({ field: `photos[${index}]`, code: 'photo_too_large', message: { de: 'Das Foto ist größer als 10 MB', en: 'The photo is larger than 10 MB' } });
      return;
    }
    const type = detectImageType(photo.buffer);
    if (!type.ok) errors.push({ field: `photos[${index}]`, code: type.code, message: type.message });
  });
  return errors;
}
