import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import multer, { MulterError } from 'multer';
import { Observable } from 'rxjs';
import { RequestLanguage, fieldErrors } from '@app/core';
import { MAX_PHOTOS_PER_REPORT, MAX_PHOTO_BYTES } from '@app/photos';

const MESSAGES: Record<string, { de: string; en: string; code: string }> = {
  LIMIT_FILE_SIZE: { code: 'photo_too_large', de: 'Ein Foto ist größer als 10 MB', en: 'A photo is larger than 10 MB' },
  LIMIT_FILE_COUNT: { code: 'too_many_photos', de: `Höchstens ${MAX_PHOTOS_PER_REPORT} Fotos`, en: `At most ${MAX_PHOTOS_PER_REPORT} photos` },
  LIMIT_UNEXPECTED_FILE: { code: 'unexpected_file', de: 'Unerwartetes Dateifeld', en: 'Unexpected file field' },
  LIMIT_FIELD_VALUE: { code: 'field_too_long', de: 'Ein Feld ist zu lang', en: 'A field is too long' },
  LIMIT_FIELD_COUNT: { code: 'too_many_fields', de: 'Zu viele Felder', en: 'Too many fields' },
  LIMIT_PART_COUNT: { code: 'too_many_parts', de: 'Zu viele Teile', en: 'Too many parts' },
  LIMIT_FIELD_KEY: { code: 'field_name_too_long', de: 'Feldname zu lang', en: 'Field name too long' },
};

/**
 * multipart/form-data with photos held in memory (at most 5 × 10 MB), so a
 * refused report never leaves a file behind. Multer's errors become field
 * errors like every other validation problem.
 */
export function photoUploadInterceptor(fields: string[] = ['photos'], maxFiles = MAX_PHOTOS_PER_REPORT) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_PHOTO_BYTES, files: maxFiles, fields: 100, fieldSize: 64 * 1024, parts: maxFiles + 100, headerPairs: 200 },
  }).fields(fields.map((name) => ({ name, maxCount: maxFiles })));

  @Injectable()
  class PhotoUploadInterceptor implements NestInterceptor {
    constructor(readonly language: RequestLanguage) {}

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      const request = http.getRequest();
      if (request.is('multipart/form-data')) {
        await new Promise<void>((resolve, reject) =>
          upload(request, http.getResponse(), (error: unknown) => {
            if (!error) return resolve();
            const known = error instanceof MulterError ? MESSAGES[error.code] : undefined;
            reject(
              fieldErrors(
                [{ field: error instanceof MulterError && error.field && error.code !== 'LIMIT_FILE_COUNT' ? error.field : 'photos', code: known?.code ?? 'malformed_multipart', message: known ?? { de: 'Fehlerhafte Formulardaten', en: 'Malformed form data' } }],
                this.language.current,
              ),
            );
          }),
        );
      }
      return next.handle();
    }
  }
  return PhotoUploadInterceptor;
}

/** All uploaded files of the request, in field order. */
export function uploadedFiles(request: { files?: Record<string, Array<{ buffer: Buffer; size: number }>> }, fields: string[] = ['photos']): Array<{ buffer: Buffer; size: number }> {
  return fields.flatMap((field) => request.files?.[field] ?? []).map((file) => ({ buffer: file.buffer, size: file.size }));
}
