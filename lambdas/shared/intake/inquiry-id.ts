import { randomInt } from 'node:crypto';

/** Crockford base32 without I, L, O, U: safe to read out on the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `INQ-YYYYMMDD-XXXXXX` (date in UTC, 6 random characters: 10^9 per day). */
export function newInquiryId(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `INQ-${day}-${suffix}`;
}

export const INQUIRY_ID_PATTERN = /^INQ-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;
