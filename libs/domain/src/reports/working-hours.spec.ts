import { addWorkingHours, isWorkingDay } from './working-hours';

describe('working hours for service-level targets', () => {
  const tz = 'Europe/Berlin';
  it.each([
    ['a weekday plus 24 h', '2026-11-23T09:00:00Z', 24, '2026-11-24T09:00:00.000Z'],
    ['Friday morning plus 48 h skips the weekend', '2026-11-27T09:00:00Z', 48, '2026-12-01T09:00:00.000Z'],
    ['Saturday plus 1 h starts on Monday', '2026-11-28T12:00:00Z', 1, '2026-11-30T00:00:00.000Z'],
  ])('%s', (_name, start, hours, due) => {
    expect(addWorkingHours(new Date(start), hours, tz).toISOString()).toBe(due);
  });
  it('knows weekends in the tenant time zone', () => {
    expect(isWorkingDay(new Date('2026-11-28T10:00:00Z'), tz)).toBe(false);
    expect(isWorkingDay(new Date('2026-11-29T23:30:00Z'), tz)).toBe(true); // Monday 00:30 in Berlin
  });
});
