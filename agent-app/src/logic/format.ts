import type { Locale } from '../i18n';

/**
 * Times are shown in the contact center's time zone (not the agent's machine's): a Tokyo desk reads
 * 2026/11/30 20:05 whatever the browser's clock says. Japanese as `yyyy/MM/dd HH:mm`, English as
 * `MM/dd/yyyy, HH:mm` (24-hour, as contact centers log).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

/** `iso` (UTC) as local date and time in `timeZone`; an unreadable value is shown as given. */
export function formatDateTime(iso: string, timeZone: string, locale: Locale): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = formatter(locale, timeZone).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date =
    locale === 'ja-JP'
      ? `${part('year')}/${part('month')}/${part('day')}`
      : `${part('month')}/${part('day')}/${part('year')},`;
  return `${date} ${part('hour')}:${part('minute')}`;
}

/**
 * Characters as a person counts them (code points: 𠮷 is one), for the note counter. The API limits
 * UTF-16 code units, which equals this for all but characters outside the BMP; {@link noteFits} checks both.
 */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function noteFits(text: string, max: number): boolean {
  return text.length <= max && countCharacters(text) <= max;
}

/** The limit the API applies to wrap-up notes (contract.ts MAX_NOTE_CHARS; a test keeps them equal). */
export const MAX_NOTE_CHARS = 2000;
/** The API's cap on search results (contract.ts MAX_SEARCH_RESULTS). */
export const MAX_SEARCH_RESULTS = 20;
