/** W3C/ISO 8601 date-times as Open311 wants them: always with Z or ±HH:MM. */

const WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses a date-time that names its time zone; null when it does not or is not a real instant. */
export function parseZonedDateTime(value: string): Date | null {
  const match = WITH_ZONE.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const normalizedZone = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second.padStart(2, '0')}.${fraction.slice(0, 3).padEnd(3, '0')}${normalizedZone}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Reject 31 February and friends: the round trip must keep the calendar day.
  const probe = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (probe.getUTCDate() !== Number(day)) return null;
  return date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, cached);
  }
  return cached;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The UTC offset of `timeZone` at `epochMs`, in minutes (Intl: slow, a few µs per call). */
function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60000);
}

const OFFSET_BUCKET_MS = 6 * 3600_000;
const MAX_CACHED_BUCKETS = 20_000;
const offsets = new Map<string, number | null>();

/**
 * The offset for an instant, memoised per time zone and 6-hour bucket
 * (Open311 lists format 2,000 dates per answer; Intl per date was most of the
 * answer's CPU time). A bucket is cached only when the offset at its start
 * and at its end agree: transitions are months apart, so then none lies in
 * between. A bucket holding a transition (null) is computed per instant.
 */
function offsetMinutes(epochMs: number, timeZone: string): number {
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  const key = `${timeZone}|${bucket}`;
  let cached = offsets.get(key);
  if (cached === undefined) {
    const start = offsetMinutesAt(bucket * OFFSET_BUCKET_MS, timeZone);
    const end = offsetMinutesAt((bucket + 1) * OFFSET_BUCKET_MS - 1000, timeZone);
    cached = start === end ? start : null;
    if (offsets.size >= MAX_CACHED_BUCKETS) offsets.clear();
    offsets.set(key, cached);
  }
  return cached ?? offsetMinutesAt(epochMs, timeZone);
}

/** The instant as local time of `timeZone` with its offset, e.g. 2026-11-20T14:03:05+01:00. */
export function w3cDateTime(date: Date, timeZone: string): string {
  const epochMs = date.getTime();
  const offset = offsetMinutes(epochMs, timeZone);
  // Whole seconds, as before: the wall clock is the instant plus the offset, read in UTC.
  const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
