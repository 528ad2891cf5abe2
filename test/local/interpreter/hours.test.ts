import type { HoursOfOperation } from '../../../local/interpreter';
import { isOpen } from '../../../local/interpreter';

const weekdays: HoursOfOperation = {
  name: 'Weekdays',
  timeZone: 'Asia/Tokyo',
  schedule: {
    MONDAY: { start: '09:00', end: '18:00' },
    TUESDAY: { start: '09:00', end: '18:00' },
    WEDNESDAY: { start: '09:00', end: '18:00' },
    THURSDAY: { start: '09:00', end: '18:00' },
    FRIDAY: { start: '09:00', end: '18:00' },
  },
};

describe('hours of operation', () => {
  it('evaluates Monday in Tokyo time while UTC is still on Sunday or at Monday 00:30', () => {
    // Prepare: Sunday 23:30 UTC is Monday 08:30 JST; Monday 00:30 UTC is Monday 09:30 JST.
    const sundayUtc = new Date('2025-06-08T23:30:00Z');
    const mondayUtc = new Date('2025-06-09T00:30:00Z');

    // Act / Assess
    expect(isOpen(weekdays, sundayUtc, 'UTC')).toBe(false);
    expect(isOpen(weekdays, mondayUtc, 'UTC')).toBe(true);
    // Sunday 15:00 UTC is Monday 00:00 JST: Monday already, but before opening.
    expect(isOpen(weekdays, new Date('2025-06-08T15:00:00Z'), 'UTC')).toBe(false);
  });

  it('is closed at Saturday 00:30 in Tokyo although it is Friday 15:30, within hours, in UTC', () => {
    const fridayUtc = new Date('2025-06-13T15:30:00Z');
    expect(isOpen(weekdays, fridayUtc, 'UTC')).toBe(false);
    expect(isOpen({ ...weekdays, timeZone: 'UTC' }, fridayUtc, 'UTC')).toBe(true);
  });

  it('treats the end as exclusive', () => {
    expect(isOpen(weekdays, new Date('2025-06-10T08:59:00Z'), 'UTC')).toBe(true);
    expect(isOpen(weekdays, new Date('2025-06-10T09:00:00Z'), 'UTC')).toBe(false);
  });

  it('uses the default time zone when the hours have none', () => {
    const { timeZone: _, ...noZone } = weekdays;
    expect(isOpen(noZone, new Date('2025-06-10T01:00:00Z'), 'Asia/Tokyo')).toBe(true);
    expect(isOpen(noZone, new Date('2025-06-10T01:00:00Z'), 'America/New_York')).toBe(false);
  });

  it('runs an interval whose end is before its start past midnight into the next day', () => {
    const night: HoursOfOperation = {
      name: 'Night',
      timeZone: 'Asia/Tokyo',
      schedule: { FRIDAY: { start: '22:00', end: '06:00' } },
    };
    expect(isOpen(night, new Date('2025-06-13T13:30:00Z'), 'UTC')).toBe(true); // Fri 22:30 JST
    expect(isOpen(night, new Date('2025-06-13T20:00:00Z'), 'UTC')).toBe(true); // Sat 05:00 JST
    expect(isOpen(night, new Date('2025-06-13T21:30:00Z'), 'UTC')).toBe(false); // Sat 06:30 JST
    expect(isOpen(night, new Date('2025-06-12T20:00:00Z'), 'UTC')).toBe(false); // Fri 05:00 JST
  });
});

describe('hours of operation overrides', () => {
  const withHoliday: HoursOfOperation = {
    ...weekdays,
    overrides: [{ name: '春分の日 振替休日 2027-03-22', from: '2027-03-22', till: '2027-03-22' }],
  };

  it('is closed all day on an override date, by the date in the hours’ time zone', () => {
    // Monday 2027-03-22 10:00 JST is 01:00 UTC the same day; Tuesday 00:30 JST is still Monday in UTC.
    expect(isOpen(withHoliday, new Date('2027-03-22T01:00:00Z'), 'UTC')).toBe(false);
    expect(isOpen(weekdays, new Date('2027-03-22T01:00:00Z'), 'UTC')).toBe(true);
    expect(isOpen(withHoliday, new Date('2027-03-23T01:00:00Z'), 'UTC')).toBe(true);
  });

  it('closes every date of a multi-day override, both ends included', () => {
    const yearEnd: HoursOfOperation = {
      ...weekdays,
      overrides: [{ name: '年末年始休業 2026-12-29', from: '2026-12-29', till: '2027-01-03' }],
    };
    expect(isOpen(yearEnd, new Date('2026-12-28T01:00:00Z'), 'UTC')).toBe(true);
    expect(isOpen(yearEnd, new Date('2026-12-29T01:00:00Z'), 'UTC')).toBe(false);
    expect(isOpen(yearEnd, new Date('2026-12-31T01:00:00Z'), 'UTC')).toBe(false);
    expect(isOpen(yearEnd, new Date('2027-01-04T01:00:00Z'), 'UTC')).toBe(true);
  });
});
