import { Open311Error } from '../format/open311-error';
import { parseZonedDateTime } from '../format/open311-datetime';
import { RawParams, commaList, positiveInt, scalar } from '../http/open311-params';

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_ITEMS = 1000;
export const MAX_ID_LIST = 10_000;
const DAY_MS = 24 * 3600_000;

export interface RequestsQuery {
  /** A service_request_id list overrides every other filter (R2). */
  ids?: string[];
  serviceCodes: string[];
  status?: 'open' | 'closed';
  requestedFrom?: Date;
  requestedTo?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
  bbox?: [number, number, number, number];
  limit: number;
  offset: number;
  extensions: boolean;
}

function dateParam(params: RawParams, name: string): Date | undefined {
  const value = scalar(params, name);
  if (value === undefined) return undefined;
  const date = parseZonedDateTime(value);
  if (!date) throw Open311Error.badRequest(name, 'must be a W3C/ISO 8601 date-time with a time zone (Z or ±HH:MM), e.g. 2026-11-20T00:00:00Z');
  return date;
}

/** `extensions=true` (also 1/yes) switches on extended_attributes and notes. */
export function extensionsFlag(params: RawParams): boolean {
  const value = scalar(params, 'extensions')?.toLowerCase();
  return value === 'true' || value === '1' || value === 'yes';
}

/**
 * GET requests: start/end (requested_datetime) span at most 90 days, else 400
 * (silently clamping would hide reports). One bound alone gets the other 90
 * days away. Without dates the last 90 days count — unless updated_after /
 * updated_before ask for an incremental sync, which looks at all ages.
 */
export function parseRequestsQuery(params: RawParams, now = new Date()): RequestsQuery {
  const extensions = extensionsFlag(params);
  const idValues = commaList(params, 'service_request_id');
  if (idValues.length > 0) {
    if (idValues.length > MAX_ID_LIST) throw Open311Error.badRequest('service_request_id', `at most ${MAX_ID_LIST} ids per request`);
    // Ids are numbers; anything else cannot exist and is simply not found.
    return { ids: idValues.filter((id) => /^\d{1,18}$/.test(id)), serviceCodes: [], limit: MAX_ID_LIST, offset: 0, extensions };
  }

  const statuses = new Set(commaList(params, 'status').map((value) => value.toLowerCase()));
  for (const status of statuses) if (status !== 'open' && status !== 'closed') throw Open311Error.badRequest('status', `unknown status ${status.slice(0, 50)}; allowed: open, closed`);
  const status = statuses.size === 1 ? ([...statuses][0] as 'open' | 'closed') : undefined;

  let requestedFrom = dateParam(params, 'start_date');
  let requestedTo = dateParam(params, 'end_date');
  const updatedAfter = dateParam(params, 'updated_after');
  const updatedBefore = dateParam(params, 'updated_before');
  if (requestedFrom && requestedTo) {
    if (requestedTo < requestedFrom) throw Open311Error.badRequest('end_date', 'must not be before start_date');
    if (requestedTo.getTime() - requestedFrom.getTime() > DEFAULT_WINDOW_DAYS * DAY_MS) throw Open311Error.badRequest('end_date', `start_date and end_date may be at most ${DEFAULT_WINDOW_DAYS} days apart`);
  } else if (requestedFrom) {
    requestedTo = new Date(requestedFrom.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS);
  } else if (requestedTo) {
    requestedFrom = new Date(requestedTo.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  } else if (!updatedAfter && !updatedBefore) {
    requestedFrom = new Date(now.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  }
  if (updatedAfter && updatedBefore && updatedBefore < updatedAfter) throw Open311Error.badRequest('updated_before', 'must not be before updated_after');

  let bbox: RequestsQuery['bbox'];
  const bboxValue = scalar(params, 'bbox');
  if (bboxValue !== undefined) {
    const parts = bboxValue.split(',').map((part) => Number(part.trim()));
    const [minLon, minLat, maxLon, maxLat] = parts;
    const valid = parts.length === 4 && parts.every(Number.isFinite) && minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90 && minLon <= maxLon && minLat <= maxLat;
    if (!valid) throw Open311Error.badRequest('bbox', 'must be minLong,minLat,maxLong,maxLat in WGS84 degrees');
    bbox = [minLon, minLat, maxLon, maxLat];
  }

  const pageSize = positiveInt(params, 'page_size', { min: 1, max: MAX_ITEMS }) ?? MAX_ITEMS;
  const page = positiveInt(params, 'page', { min: 1, max: 1_000_000 }) ?? 1;
  return {
    serviceCodes: commaList(params, 'service_code'),
    status,
    requestedFrom,
    requestedTo,
    updatedAfter,
    updatedBefore,
    bbox,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    extensions,
  };
}
