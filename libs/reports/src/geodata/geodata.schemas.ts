import { z } from 'zod';
import { BBox } from '../public-read/report-read.types';
import { categoryFilter, fieldMessage, intParam, optionalBBox, parseBBox, statusFilter } from '../public-read/report-query.schemas';
import { parseOgcDateTime } from './ogc-datetime';

export const GEOJSON_DEFAULT_LIMIT = 1000;
export const GEOJSON_MAX_LIMIT = 5000;
export const OGC_DEFAULT_LIMIT = 100;
export const OGC_MAX_LIMIT = 1000;
const MAX_OFFSET = 10_000_000;

/** GET reports.geojson: the map filters plus paging. */
export const geoJsonQuerySchema = z.object({
  bbox: optionalBBox,
  status: statusFilter,
  category: categoryFilter,
  maxAgeDays: intParam(1, 36500, 'Only reports created within this many days'),
  limit: intParam(1, GEOJSON_MAX_LIMIT, `Features per page (default ${GEOJSON_DEFAULT_LIMIT})`),
  offset: intParam(0, MAX_OFFSET, 'Features to skip (default 0)'),
});
export type GeoJsonQuery = z.output<typeof geoJsonQuerySchema>;

const format = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === '' || raw === 'json' || raw === 'geojson') return 'json' as const;
    ctx.addIssue({ code: 'custom', input: raw, message: fieldMessage('unsupported_format', 'Nur JSON (f=json) wird angeboten', 'Only JSON is offered (f=json)') });
    return z.NEVER;
  })
  .describe('Output format: json (the only one offered)');

/** OGC /req/core/query-param-unknown: an unknown parameter is a 400, named as its own field. */
const unknownParameter = z.unknown().refine(() => false, { message: fieldMessage('unknown_parameter', 'Unbekannter Parameter', 'Unknown parameter') });

/** Landing page, conformance and collections: only `f`. */
export const ogcQuerySchema = z.object({ f: format }).catchall(unknownParameter);

/** OGC bbox: four numbers, or six with heights (which are ignored). */
const ogcBBox = z
  .string()
  .optional()
  .transform((raw, ctx): BBox | undefined => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const parts = raw.split(',');
    const flat = parts.length === 6 ? [parts[0], parts[1], parts[3], parts[4]].join(',') : raw;
    return parseBBox(flat, ctx);
  })
  .describe('minLon,minLat,maxLon,maxLat (CRS84); six numbers with heights are accepted, heights ignored');

const datetime = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const range = parseOgcDateTime(raw.trim());
    if (range) return range;
    ctx.addIssue({
      code: 'custom',
      input: raw,
      message: fieldMessage('invalid_datetime', 'RFC-3339-Zeitpunkt oder Intervall start/ende (offen mit ..)', 'An RFC 3339 instant or an interval start/end (open end: ..)'),
    });
    return z.NEVER;
  })
  .describe('Creation time: an RFC 3339 instant or interval, e.g. 2024-01-01T00:00:00Z/.. ');

export const ogcItemsQuerySchema = z
  .object({
    f: format,
    bbox: ogcBBox,
    datetime,
    limit: intParam(1, OGC_MAX_LIMIT, `Features per page (default ${OGC_DEFAULT_LIMIT})`),
    offset: intParam(0, MAX_OFFSET, 'Features to skip (default 0)'),
  })
  .catchall(unknownParameter);
export type OgcItemsQuery = z.output<typeof ogcItemsQuerySchema>;
