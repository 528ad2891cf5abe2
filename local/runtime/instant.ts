/**
 * Reads `--at` style times. An ISO 8601 time with `Z` or an offset is that instant; a time without one
 * ("2026-04-06T20:00") is a wall-clock time in `timeZone` (the contact center's), so operators write
 * local business times directly.
 */
export function parseInstant(value: string, timeZone: string): Date | undefined {
  const text = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text,
  );
  if (!m) return undefined;
  if (m[8] !== undefined) {
    if (m[4] === undefined) return undefined; // an offset needs a time of day
    if (parseInstant(text.slice(0, m.index + m[0].length - m[8].length), 'UTC') === undefined) return undefined;
    const d = new Date(text.replace(' ', 'T'));
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  // A date alone is midnight in the zone.
  const [y, mo, d, h, mi, s, ms] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0', m[7] ?? '0'].map(
    Number,
  ) as [number, number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(wall).getUTCDate() !== d) return undefined; // 2026-02-30 does not exist
  // Two passes settle the offset across daylight-saving changes.
  let utc = wall - offsetMs(new Date(wall), timeZone);
  utc = wall - offsetMs(new Date(utc), timeZone);
  const out = new Date(utc);
  return Number.isNaN(out.getTime()) ? undefined : out;
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (Asia/Tokyo: +9 h). */
export function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** `2026-04-06 20:00`: the instant's day and minute in the zone, as people read them. */
export function formatLocalMinute(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** `2026-04-06 20:00 (Asia/Tokyo, Mon)` — how transcripts show the instant of a call. */
export function formatInstant(at: Date, timeZone: string): string {
  const f = formatLocalMinute(at, timeZone);
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(at);
  return `${f} (${timeZone}, ${day})`;
}
