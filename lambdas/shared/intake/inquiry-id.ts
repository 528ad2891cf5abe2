import { createHash, randomInt } from 'node:crypto';

/** Crockford base32 without I, L, O, U: safe to read out on the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function day(now: Date): string {
  return now.toISOString().slice(0, 10).replaceAll('-', '');
}

/** `INQ-YYYYMMDD-XXXXXX` (date in UTC, 6 random characters: 10^9 per day). */
export function newInquiryId(now: Date = new Date()): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `INQ-${day(now)}-${suffix}`;
}

/**
 * The inquiry id of an idempotent request (see idempotency.ts): the date of `on` (UTC) and 6 characters
 * derived from the request digest. `attempt` > 0 gives the alternatives used when another request already
 * holds the id of attempt 0 (30 bits per day: rare, but never merged silently).
 */
export function derivedInquiryId(on: Date, digest: string, attempt = 0): string {
  const bytes = createHash('sha256').update(`inquiry-id\n${digest}\n${attempt}`).digest();
  let suffix = '';
  // 256 is a multiple of 32: the low 5 bits of a byte are uniform.
  for (let i = 0; i < 6; i++) suffix += ALPHABET[bytes[i]! & 31];
  return `INQ-${day(on)}-${suffix}`;
}

export const INQUIRY_ID_PATTERN = /^INQ-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;
