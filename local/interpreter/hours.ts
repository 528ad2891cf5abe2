import type { Day, HoursOfOperation, HoursOverride } from './types';

const DAYS: readonly Day[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const SHORT_DAYS: Record<string, Day> = {
  Sun: 'SUNDAY',
  Mon: 'MONDAY',
  Tue: 'TUESDAY',
  Wed: 'WEDNESDAY',
  Thu: 'THURSDAY',
  Fri: 'FRIDAY',
  Sat: 'SATURDAY',
};

/** Formatters by time zone: creating one is far dearer than using it (CheckHoursOfOperation runs per contact). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Day of week, calendar date (`YYYY-MM-DD`) and minutes since local midnight of an instant in an IANA time zone. */
export function localTime(at: Date, timeZone: string): { day: Day; date: string; minutes: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = SHORT_DAYS[part('weekday')];
  if (!day) throw new Error(`cannot read the weekday of ${at.toISOString()} in ${timeZone}`);
  return {
    day,
    date: `${part('year')}-${part('month')}-${part('day')}`,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** The override closing the hours on the local date of `at`, if any. */
export function activeOverride(hours: HoursOfOperation, at: Date, defaultTimeZone: string): HoursOverride | undefined {
  if (!hours.overrides?.length) return undefined;
  const { date } = localTime(at, hours.timeZone ?? defaultTimeZone);
  return hours.overrides.find((o) => date >= o.from && date <= o.till);
}

function toMinutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`expected "HH:MM", got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Whether the hours are open at an instant, evaluated in the hours' own time zone. An interval is
 * [start, end); one whose end is not after its start runs past midnight into the next day (so
 * MONDAY 22:00–06:00 is open Monday 22:00 to Tuesday 06:00, and 09:00–00:00 is open until midnight);
 * start equal to end is open the whole day. A CLOSED override covering the local date closes the whole
 * day, overnight spill from the day before included.
 */
export function isOpen(hours: HoursOfOperation, at: Date, defaultTimeZone: string): boolean {
  if (activeOverride(hours, at, defaultTimeZone)) return false;
  const { day, minutes } = localTime(at, hours.timeZone ?? defaultTimeZone);
  const today = hours.schedule[day];
  if (today) {
    const start = toMinutes(today.start);
    const end = toMinutes(today.end);
    if (start === end) return true;
    if (start < end ? minutes >= start && minutes < end : minutes >= start) return true;
  }
  const previousDay = DAYS[(DAYS.indexOf(day) + 6) % 7] as Day;
  const yesterday = hours.schedule[previousDay];
  if (yesterday) {
    const start = toMinutes(yesterday.start);
    const end = toMinutes(yesterday.end);
    if (end < start && minutes < end) return true;
  }
  return false;
}
