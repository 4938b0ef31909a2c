import { z } from 'zod';
import { BBox, StatusFilter } from './report-read.types';

/**
 * Query-string schemas of the public read API. Query values arrive as
 * strings; an empty value counts as absent. Refinement messages carry both
 * UI languages in the API's `{ code, de, en }` form, so the validation pipe
 * answers with field-level errors.
 */

export function fieldMessage(code: string, de: string, en: string): string {
  return JSON.stringify({ code, de, en });
}

type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, input: unknown, code: string, de: string, en: string): never {
  ctx.addIssue({ code: 'custom', input, message: fieldMessage(code, de, en) });
  return z.NEVER as never;
}

const blankToUndefined = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** An optional integer within bounds, from a query string. */
export function intParam(min: number, max: number, description: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = blankToUndefined(raw);
      if (value === undefined) return undefined;
      if (!/^[+-]?\d+$/.test(value)) return fail(ctx, raw, 'not_integer', 'Ganze Zahl erwartet', 'Expected a whole number');
      const number = Number(value);
      if (number < min || number > max) return fail(ctx, raw, 'out_of_range', `Erlaubt sind ${min} bis ${max}`, `Must be between ${min} and ${max}`);
      return number;
    })
    .describe(`${description} (${min}–${max})`);
}

/** A required decimal within bounds, from a query string. */
export function coordinateParam(min: number, max: number, description: string) {
  return z
    .string({ error: fieldMessage('required', 'Pflichtfeld', 'This field is required') })
    .transform((raw, ctx) => {
      const value = raw.trim();
      if (!NUMBER.test(value)) return fail(ctx, raw, 'not_number', 'Zahl erwartet', 'Expected a number');
      const number = Number(value);
      if (number < min || number > max) return fail(ctx, raw, 'out_of_range', `Erlaubt sind ${min} bis ${max}`, `Must be between ${min} and ${max}`);
      return number;
    })
    .describe(description);
}

export function parseBBox(raw: string, ctx: Ctx): BBox {
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length !== 4 || !parts.every((part) => NUMBER.test(part))) {
    return fail(ctx, raw, 'invalid_bbox', 'Vier Zahlen erwartet: minLon,minLat,maxLon,maxLat', 'Expected four numbers: minLon,minLat,maxLon,maxLat');
  }
  const [minLon, minLat, maxLon, maxLat] = parts.map(Number);
  if ([minLon, maxLon].some((lon) => lon < -180 || lon > 180) || [minLat, maxLat].some((lat) => lat < -90 || lat > 90)) {
    return fail(ctx, raw, 'bbox_out_of_range', 'Längen −180 bis 180, Breiten −90 bis 90', 'Longitudes must be within −180…180 and latitudes within −90…90');
  }
  if (!(minLon < maxLon && minLat < maxLat)) {
    return fail(ctx, raw, 'bbox_empty', 'Minimum muss kleiner als Maximum sein', 'Each minimum must be less than its maximum');
  }
  return [minLon, minLat, maxLon, maxLat];
}

const BBOX_DESCRIPTION = 'minLon,minLat,maxLon,maxLat in WGS84 degrees (EPSG:4326)';

export const optionalBBox = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const value = blankToUndefined(raw);
    return value === undefined ? undefined : parseBBox(value, ctx);
  })
  .describe(BBOX_DESCRIPTION);

export const requiredBBox = z
  .string({ error: fieldMessage('required', 'Pflichtfeld', 'This field is required') })
  .transform((raw, ctx) => parseBBox(raw.trim(), ctx))
  .describe(BBOX_DESCRIPTION);

export const statusFilter = z
  .string()
  .optional()
  .transform((raw, ctx): StatusFilter => {
    const value = blankToUndefined(raw) ?? 'all';
    if (value === 'open' || value === 'closed' || value === 'all') return value;
    return fail(ctx, raw, 'invalid_status', 'Erlaubt: open, closed, all', 'Allowed: open, closed, all');
  })
  .describe('open, closed or all (default). Closed reports appear only within the tenant’s closedVisibleDays after closing.');

const CATEGORY_CODE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const categoryFilter = z
  .string()
  .optional()
  .transform((raw, ctx): string[] => {
    const value = blankToUndefined(raw);
    if (value === undefined) return [];
    const codes = [...new Set(value.split(',').map((code) => code.trim()).filter(Boolean))];
    if (codes.length > 50 || !codes.every((code) => CATEGORY_CODE.test(code))) {
      return fail(ctx, raw, 'invalid_category', 'Kategorie-Codes durch Kommas getrennt', 'Comma-separated category codes');
    }
    return codes.sort();
  })
  .describe('Comma-separated category codes');

const reportFilterShape = {
  status: statusFilter,
  category: categoryFilter,
  maxAgeDays: intParam(1, 36500, 'Only reports created within this many days'),
};

export const clustersQuerySchema = z.object({
  bbox: requiredBBox,
  zoom: z
    .string({ error: fieldMessage('required', 'Pflichtfeld', 'This field is required') })
    .transform((raw, ctx) => {
      const value = raw.trim();
      if (!/^\d+$/.test(value)) return fail(ctx, raw, 'not_integer', 'Ganze Zahl erwartet', 'Expected a whole number');
      const zoom = Number(value);
      if (zoom > 22) return fail(ctx, raw, 'out_of_range', 'Erlaubt sind 0 bis 22', 'Must be between 0 and 22');
      return zoom;
    })
    .describe('Map zoom level (0–22)'),
  ...reportFilterShape,
});
export type ClustersQuery = z.output<typeof clustersQuerySchema>;

export const MAX_PAGE_SIZE = 100;

export const reportListQuerySchema = z.object({
  bbox: optionalBBox,
  ...reportFilterShape,
  page: intParam(1, 10000, 'Page number, from 1'),
  pageSize: intParam(1, MAX_PAGE_SIZE, 'Reports per page (default 20)'),
});
export type ReportListQuery = z.output<typeof reportListQuerySchema>;

export const duplicatesQuerySchema = z.object({
  lat: coordinateParam(-90, 90, 'Latitude of the new report'),
  lon: coordinateParam(-180, 180, 'Longitude of the new report'),
  category: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = blankToUndefined(raw);
      if (value === undefined) return undefined;
      return CATEGORY_CODE.test(value) ? value : fail(ctx, raw, 'invalid_category', 'Ungültiger Kategorie-Code', 'Invalid category code');
    })
    .describe('Category code of the new report'),
  description: z
    .string()
    .max(4000)
    .optional()
    .transform((raw) => raw?.trim() ?? '')
    .describe('Text of the new report (for text similarity)'),
});
export type DuplicatesQuery = z.output<typeof duplicatesQuerySchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ReportRef = { id: string } | { number: number };

/**
 * A report's uuid or its public number, as the path parameter `name`. A path
 * parameter's schema sees a bare string, so the issue names the field itself.
 */
export function reportRefParam(name: string) {
  return z
    .string()
    .transform((raw, ctx): ReportRef => {
      if (UUID.test(raw)) return { id: raw.toLowerCase() };
      if (/^[1-9]\d{0,14}$/.test(raw)) return { number: Number(raw) };
      ctx.addIssue({
        code: 'custom',
        input: raw,
        path: [name],
        message: fieldMessage('invalid_report_id', 'Meldungs-ID (UUID) oder Meldungsnummer erwartet', 'Expected a report id (UUID) or report number'),
      });
      return z.NEVER;
    })
    .describe('Report id (UUID) or public report number');
}
