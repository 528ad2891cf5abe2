import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Caller numbers as Amazon Connect and operators write them → E.164.
 *
 * The `min` metadata of libphonenumber-js is enough for Japan: it validates fixed lines (03-1234-5678),
 * mobiles (090-…), toll-free (0120-…), navi dial (0570-…) and IP phones (050-…) correctly
 * (checked against `max`; see test/lambdas/shared/phone.test.ts).
 */
export type PhoneNormalization =
  | { ok: true; e164: string }
  | { ok: false; reason: 'anonymous'; raw: string | null | undefined }
  | { ok: false; reason: 'invalid'; raw: string };

/** What carriers and Connect send when the caller id is withheld (compared case-insensitively). */
const WITHHELD = new Set([
  '',
  '+0',
  '0',
  'anonymous',
  'restricted',
  'unavailable',
  'unknown',
  'private',
  'withheld',
  'blocked',
  'non-notified',
  '非通知',
  '通知不可能',
  '公衆電話',
]);

/** Normalizes a phone number written in any common format to E.164, reading national numbers in `defaultCountry`. */
export function normalizePhone(raw: string | null | undefined, defaultCountry: string): PhoneNormalization {
  if (raw === null || raw === undefined) return { ok: false, reason: 'anonymous', raw };
  const trimmed = raw.normalize('NFKC').trim();
  if (WITHHELD.has(trimmed.toLowerCase())) return { ok: false, reason: 'anonymous', raw };
  // Only digits, separators and a leading + (or the international 00/010 prefixes) are phone numbers.
  if (!/^\+?[\d\s\-().]+$/.test(trimmed)) return { ok: false, reason: 'invalid', raw };
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (parsed === undefined || !parsed.isValid()) return { ok: false, reason: 'invalid', raw };
  return { ok: true, e164: parsed.number };
}
