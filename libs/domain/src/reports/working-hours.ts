/**
 * Service-level targets count working time: the hours of Monday to Friday in
 * the tenant's time zone. Public holidays are not known (they differ per
 * Land) and count as working days; see docs/roles.md.
 */
export function isWorkingDay(at: Date, timeZone: string): boolean {
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone }).format(at);
  return weekday !== 'Sat' && weekday !== 'Sun';
}

const HOUR = 3600_000;

/** The moment `hours` working hours after `start` (whole hours, stepping through weekends). */
export function addWorkingHours(start: Date, hours: number, timeZone: string): Date {
  let at = start.getTime();
  let left = hours;
  // A guard against endless loops on a broken time zone: at most a year of steps.
  for (let steps = 0; left > 0 && steps < 24 * 366; steps += 1) {
    at += HOUR;
    if (isWorkingDay(new Date(at - 1), timeZone)) left -= 1;
  }
  return new Date(at);
}
