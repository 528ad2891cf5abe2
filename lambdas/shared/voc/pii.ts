/**
 * PII redaction applied to every VOC text BEFORE it leaves the operational store (analytics lake,
 * alerts, logs). Two layers:
 *
 * 1. Patterns, for every language (see {@link redactPiiPatterns}): emails, card numbers (Luhn-valid),
 *    phone numbers (Japanese domestic and international), Japanese postal codes and My Number-like
 *    12-digit numbers. Text is NFKC-normalized first, so full-width digits and `＠` are caught too.
 * 2. Entities found by Comprehend DetectPiiEntities (English and Spanish only) replaced by their type
 *    (see {@link redactEntities}).
 */

export const PII_KINDS = ['EMAIL', 'CARD_NUMBER', 'PHONE', 'POSTAL_CODE', 'MY_NUMBER'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export type PiiCounts = Record<PiiKind, number>;

export interface RedactionResult {
  text: string;
  counts: PiiCounts;
}

/** Separators people put inside numbers: spaces, ASCII and Japanese dashes. */
const SEP = '[ \\t\\-‐−–—－ー]';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * 13–19 digits, unseparated or grouped with one consistent separator (4-4-4-4…, Amex 4-6-5);
 * kept only if the Luhn check passes.
 */
const CARD = new RegExp(
  `(?<!\\d)(?:\\d{4}(${SEP})\\d{4}\\1\\d{4}\\1\\d{1,7}|\\d{4}(${SEP})\\d{6}\\2\\d{4,5}|\\d{13,19})(?!\\d)`,
  'g',
);
/** Separators inside phone numbers: {@link SEP} plus dots (`206.555.0100`). */
const PHONE_SEP = '[ \\t.\\-‐−–—－ー]';
/**
 * Whole phone numbers, tried before postal codes and My Numbers so that neither rule can take a
 * part of one (`(206) 555-0100` must not become `(206) [POSTAL_CODE]`). Digit counts are checked
 * after the match (see {@link redactPiiPatterns}).
 */
const PHONE = new RegExp(
  [
    // international: +81 3 1234 5678, +81-3-1234-5678, +81 (0)3-1234-5678, +1 (206) 555-0100, +1.206.555.0100
    `\\+\\d{1,3}(?:${PHONE_SEP}?\\(?\\d{1,4}\\)?){1,4}${PHONE_SEP}?\\d{3,4}`,
    // North American (NANP): (206) 555-0100, 206-555-0100, 206.555.0100, 206 555 0100, 1-800-555-0100
    `(?:1${PHONE_SEP})?(?:\\([2-9]\\d{2}\\)${PHONE_SEP}?|[2-9]\\d{2}${PHONE_SEP})[2-9]\\d{2}${PHONE_SEP}\\d{4}`,
    // Japanese domestic with separators: 03-1234-5678, 090 1234 5678, 0120-123-456, 03(1234)5678, 03.1234.5678
    `\\(?0\\d{1,4}\\)?(?:${PHONE_SEP}|\\(|\\)${PHONE_SEP}?)\\d{1,4}(?:${PHONE_SEP}|\\))\\d{3,4}`,
    // Japanese domestic without separators: 0312345678, 09012345678
    '0\\d{9,10}',
  ]
    .map((p) => `(?<![\\d+])${p}(?!\\d)`)
    .join('|'),
  'g',
);
/** `〒150-0002`, `〒1500002` (7 digits only after 〒), bare `150-0002` (separator required). */
const POSTAL = new RegExp(`〒\\s?\\d{3}${SEP}?\\d{4}(?!\\d)|(?<!\\d${SEP}?)\\d{3}${SEP}\\d{4}(?!${SEP}?\\d)`, 'g');
const MY_NUMBER = new RegExp(`(?<!\\d${SEP}?)\\d{4}${SEP}?\\d{4}${SEP}?\\d{4}(?!${SEP}?\\d)`, 'g');

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Luhn checksum (ISO/IEC 7812) used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Redacts PII patterns; returns the redacted text and how many of each kind were replaced. */
export function redactPiiPatterns(input: string): RedactionResult {
  const counts: PiiCounts = { EMAIL: 0, CARD_NUMBER: 0, PHONE: 0, POSTAL_CODE: 0, MY_NUMBER: 0 };
  let text = input.normalize('NFKC');
  const replace = (re: RegExp, kind: PiiKind, accept: (m: string) => boolean = () => true) => {
    text = text.replace(re, (m) => {
      if (!accept(m)) return m;
      counts[kind]++;
      return `[${kind}]`;
    });
  };
  replace(EMAIL, 'EMAIL');
  replace(CARD, 'CARD_NUMBER', (m) => {
    const d = digitsOf(m);
    return d.length >= 13 && d.length <= 19 && luhnValid(d);
  });
  replace(PHONE, 'PHONE', (m) => {
    const n = digitsOf(m).length;
    return m.startsWith('+') ? n >= 8 && n <= 15 : n >= 10 && n <= 11;
  });
  replace(POSTAL, 'POSTAL_CODE');
  replace(MY_NUMBER, 'MY_NUMBER');
  return { text, counts };
}

/** A PII entity as reported by DetectPiiEntities: offsets count Unicode characters (code points). */
export interface PiiEntitySpan {
  type: string;
  begin: number;
  end: number;
  score?: number;
}

/**
 * Replaces entity spans with `[TYPE]`. Offsets are code-point offsets (Comprehend counts characters,
 * not UTF-16 units), so text with emoji or rare kanji is cut at the right place. Overlapping spans
 * are merged into the first.
 */
export function redactEntities(text: string, entities: readonly PiiEntitySpan[]): string {
  const chars = Array.from(text);
  const sorted = [...entities]
    .filter((e) => e.begin >= 0 && e.end > e.begin && e.begin < chars.length)
    .sort((a, b) => a.begin - b.begin);
  const out: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    if (e.begin < pos) continue;
    out.push(chars.slice(pos, e.begin).join(''), `[${e.type}]`);
    pos = Math.min(e.end, chars.length);
  }
  out.push(chars.slice(pos).join(''));
  return out.join('');
}
