/**
 * The calendar day of an instant in the contact center's time zone, as `YYYY-MM-DD`: a business day in
 * Tokyo runs from 00:00 to 24:00 JST, not from 09:00 to 09:00 as the UTC day would cut it. The VOC lake's
 * `dt` partition is this day, so Athena and DuckDB group by it with the same SQL.
 */
export function localDay(at: Date | string, timeZone: string): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`localDay: "${String(at)}" is not an instant`);
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** The time zone of a center that configures none (lib/config.ts's default). */
export const DEFAULT_CENTER_TIME_ZONE = 'Asia/Tokyo';
