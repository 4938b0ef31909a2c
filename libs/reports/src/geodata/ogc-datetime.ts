/**
 * The OGC API – Features `datetime` parameter: an RFC 3339 instant, or an
 * interval `start/end` where either end may be open (`..` or empty). A date
 * without time stands for the whole day (UTC).
 */
export interface DateTimeRange {
  from?: Date;
  to?: Date;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function parseMoment(text: string, end: boolean): Date | null {
  if (DATE_TIME.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (DATE.test(text)) {
    const date = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return null;
    return end ? new Date(date.getTime() + DAY_MS - 1) : date;
  }
  return null;
}

/** Null when the text is not a valid instant or interval (or the interval runs backwards). */
export function parseOgcDateTime(text: string): DateTimeRange | null {
  const parts = text.split('/');
  if (parts.length === 1) {
    if (DATE.test(text)) {
      const from = parseMoment(text, false);
      const to = parseMoment(text, true);
      return from && to ? { from, to } : null;
    }
    const instant = parseMoment(text, false);
    return instant ? { from: instant, to: instant } : null;
  }
  if (parts.length !== 2) return null;
  const [start, end] = parts.map((part) => part.trim());
  const open = (part: string) => part === '' || part === '..';
  if (open(start) && open(end)) return null;
  const from = open(start) ? undefined : parseMoment(start, false);
  const to = open(end) ? undefined : parseMoment(end, true);
  if (from === null || to === null) return null;
  if (from && to && from.getTime() > to.getTime()) return null;
  return { from, to };
}
