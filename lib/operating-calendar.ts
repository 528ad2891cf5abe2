import holidayJp from '@holiday-jp/holiday_jp';

/**
 * The operating calendar: the days the whole center is closed (Japanese national holidays, 年末年始,
 * company closures), as periods of consecutive closed days. The stack turns them into Connect
 * hours-of-operation overrides; the local contact center gives the interpreter the very same periods.
 *
 * Dates are calendar dates (`YYYY-MM-DD`) in the center's time zone, as Connect reads an override's
 * EffectiveFrom/EffectiveTill in the time zone of its hours.
 */

export type ClosureKind = 'holiday' | 'year-end' | 'company';

export interface CompanyClosure {
  /** First closed day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last closed day (inclusive), `YYYY-MM-DD`; @default from */
  readonly to?: string;
  /** Shown as the override's name in the Connect console (e.g. 「創立記念日」). */
  readonly name: string;
}

export interface OperatingCalendarSettings {
  /** Close on Japanese national holidays, substitute holidays (振替休日) and citizens' holidays included. */
  readonly nationalHolidays: boolean;
  /** Yearly closure `MM-DD` to `MM-DD` (inclusive, may wrap over the new year), or false for none. */
  readonly yearEndClosure: { readonly from: string; readonly to: string } | false;
  /** One-off closures. */
  readonly closures: readonly CompanyClosure[];
  /** Months of closures deployed from the horizon start (Connect keeps at most 50 overrides per hours). */
  readonly horizonMonths: number;
  /** Pins the horizon start (`YYYY-MM-DD`); by default the first day of the current month. */
  readonly startDate?: string;
}

export interface ClosureDay {
  readonly date: string;
  readonly kind: ClosureKind;
  /** Japanese name: 「元日」, 「春分の日 振替休日」, 「年末年始休業」, or the company closure's name. */
  readonly name: string;
}

export interface ClosurePeriod {
  readonly kind: ClosureKind;
  readonly name: string;
  /** First closed day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last closed day (inclusive), `YYYY-MM-DD`. */
  readonly till: string;
}

/** Connect's quota of overrides per hours of operation (not adjustable). */
export const MAX_OVERRIDES_PER_HOURS = 50;

export const YEAR_END_NAME = '年末年始休業';

export class OperatingCalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatingCalendarError';
  }
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a UTC-midnight date. */
function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function parseDay(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || isoDay(d) !== date) {
    throw new OperatingCalendarError(`expected a date "YYYY-MM-DD", got "${date}"`);
  }
  return d;
}

/** Whether `mmdd` lies in the yearly range `from`–`to` (inclusive), which may wrap over the new year. */
function inYearlyRange(mmdd: string, from: string, to: string): boolean {
  return from <= to ? mmdd >= from && mmdd <= to : mmdd >= from || mmdd <= to;
}

/** Why the center is closed on `date` (`YYYY-MM-DD`), or undefined on an ordinary day. */
export function closureOn(settings: OperatingCalendarSettings, date: string): ClosureDay | undefined {
  parseDay(date);
  // An explicit company closure names the day best; then the yearly closure; then the national holiday.
  const company = settings.closures.find((c) => date >= c.from && date <= (c.to ?? c.from));
  if (company) return { date, kind: 'company', name: company.name };
  if (
    settings.yearEndClosure &&
    inYearlyRange(date.slice(5), settings.yearEndClosure.from, settings.yearEndClosure.to)
  ) {
    return { date, kind: 'year-end', name: YEAR_END_NAME };
  }
  if (settings.nationalHolidays) {
    const holiday = (holidayJp.holidays as Record<string, { name: string } | undefined>)[date];
    if (holiday) return { date, kind: 'holiday', name: holiday.name };
  }
  return undefined;
}

/** Closed days from `from` to `till` (inclusive), merged into periods of consecutive days with one name. */
export function closurePeriods(settings: OperatingCalendarSettings, from: string, till: string): ClosurePeriod[] {
  const end = parseDay(till).getTime();
  const periods: ClosurePeriod[] = [];
  let open: { kind: ClosureKind; name: string; from: string; till: string } | undefined;
  for (let t = parseDay(from).getTime(); t <= end; t += DAY_MS) {
    const date = isoDay(new Date(t));
    const day = closureOn(settings, date);
    if (open && day && day.kind === open.kind && day.name === open.name) {
      open.till = date;
      continue;
    }
    if (open) periods.push(open);
    open = day && { kind: day.kind, name: day.name, from: date, till: date };
  }
  if (open) periods.push(open);
  return periods;
}

/** The calendar date of `at` in `timeZone`, `YYYY-MM-DD`. */
export function dateIn(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The deployed horizon: from `startDate` (or the first day of the month of `now` in `timeZone`) for
 * `horizonMonths` months, as closure periods. Anchoring on the month keeps synth output stable for a
 * month instead of changing every day.
 * @throws OperatingCalendarError when the horizon needs more overrides than Connect allows.
 */
export function calendarHorizon(
  settings: OperatingCalendarSettings,
  now: Date,
  timeZone: string,
): { from: string; till: string; periods: ClosurePeriod[] } {
  const from = settings.startDate ?? `${dateIn(now, timeZone).slice(0, 7)}-01`;
  const start = parseDay(from);
  const next = new Date(
    Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + settings.horizonMonths, start.getUTCDate()),
  );
  const till = isoDay(new Date(next.getTime() - DAY_MS));
  const periods = closurePeriods(settings, from, till);
  if (periods.length > MAX_OVERRIDES_PER_HOURS) {
    throw new OperatingCalendarError(
      `${periods.length} closure periods from ${from} to ${till}, but Connect allows ${MAX_OVERRIDES_PER_HOURS} overrides per hours of operation: lower calendar.horizonMonths`,
    );
  }
  return { from, till, periods };
}

/** The override's name: unique per hours, readable in the Connect console (「元日 2027-01-01」). */
export function overrideName(period: ClosurePeriod): string {
  return `${period.name} ${period.from}`;
}
