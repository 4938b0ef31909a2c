import { Language, LocalizedFieldError, fieldErrors } from '@app/core';

/** Turns unique and foreign-key violations into field errors, so a clash reads like any other validation problem. */
export function translateDbError(error: unknown, fields: { unique?: string; foreignKey?: string }, language: Language): unknown {
  const driver = (error as { driverError?: { code?: string; constraint?: string; detail?: string } })?.driverError ?? (error as { code?: string });
  const code = (driver as { code?: string })?.code;
  const errors: LocalizedFieldError[] = [];
  if (code === '23505' && fields.unique) errors.push({ field: fields.unique, code: 'already_exists', message: { de: 'Existiert bereits', en: 'Already exists' } });
  if (code === '23503' && fields.foreignKey) {
    // Under row-level security PostgreSQL leaves the key out of the detail; the constraint name (<table>_tenant_id_<column>_fkey) still says which column.
    const constraint = (driver as { constraint?: string })?.constraint ?? '';
    const column = /_tenant_id_([a-z_]+?)_fkey$/.exec(constraint)?.[1];
    const field = column && /^[a-z_]+$/.test(column) ? column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : fields.foreignKey;
    errors.push({ field, code: 'unknown_reference', message: { de: 'Unbekannter oder noch verwendeter Verweis', en: 'Unknown or still referenced' } });
  }
  return errors.length ? fieldErrors(errors, language) : error;
}
