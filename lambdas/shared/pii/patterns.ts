import { ibanValid, luhnValid, myNumberValid } from './checksums';
import type { PiiSpan, SpanSet } from './spans';

/**
 * Pattern detectors over the NFKC-normalized text, for every language. Each adds its spans to a
 * {@link SpanSet} in priority order (see {@link detectPatterns}); numbers are read through a digit
 * view in which kanji numerals count as digits and the separators people put inside numbers
 * (spaces, dashes, ・, 〜, ー, dots, parentheses, の) join digit groups.
 */

/** 〇一二三四五六七八九 (and 零) read digit by digit, as people write phone numbers in kanji. */
const KANJI_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/**
 * The text with kanji numerals replaced by ASCII digits, offset for offset (each is one UTF-16 unit),
 * so a span found here is a span of the text.
 */
export function digitView(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    out += KANJI_DIGITS[ch] ?? ch;
  }
  return out;
}

/** Characters allowed between the digit groups of one number (after NFKC: full-width forms are ASCII). */
const NUMBER_SEPARATORS = new Set([
  ' ',
  '\t',
  '\u00a0',
  '-',
  '‐',
  '‑',
  '‒',
  '–',
  '—',
  '―',
  '−',
  'ー',
  '〜',
  '~',
  '・',
  '.',
  '(',
  ')',
  'の',
  '_',
]);
/** At most this many separator characters between two groups (`090 - 1234`). */
const MAX_SEPARATOR_RUN = 3;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAsciiLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** Words that may stand right before a number (`TEL0312345678`, `No.4111…`) without making it an identifier. */
const NUMBER_LABELS = new Set(['tel', 'fax', 'phone', 'mobile', 'cell', 'ph', 'no', 'num', 'card', 't', 'm', 'f']);

/** Labels in the 20 characters before a number that settle what it is, whatever its checksum. */
const CARD_CUE = /(?:カード|card|クレジット|credit|デビット|debit)/i;
const MY_NUMBER_CUE = /(?:マイナンバー|個人番号|my\s*number)/i;
const SSN_CUE = /(?:ssn|social\s*security)/i;
const POSTAL_CUE = /(?:〒|郵便番号|zip|postal)/i;

interface Group {
  start: number;
  end: number;
  digits: string;
  /** The separator characters between this group and the next ('' for the last). */
  gap: string;
}

/** Digit groups of one number-like run (groups joined by ≤ 3 separator characters). */
function numberRuns(view: string): Group[][] {
  const runs: Group[][] = [];
  let i = 0;
  while (i < view.length) {
    if (!isDigit(view[i])) {
      i++;
      continue;
    }
    const run: Group[] = [];
    let j = i;
    for (;;) {
      const start = j;
      while (isDigit(view[j])) j++;
      const group: Group = { start, end: j, digits: view.slice(start, j), gap: '' };
      run.push(group);
      let k = j;
      while (k < view.length && k - j < MAX_SEPARATOR_RUN && NUMBER_SEPARATORS.has(view[k] as string)) k++;
      if (k > j && isDigit(view[k])) {
        group.gap = view.slice(j, k);
        j = k;
      } else break;
    }
    runs.push(run);
    i = j;
  }
  return runs;
}

/** Whether the run is glued to a word (`ORD-0312345678`, `A1234567890123`): then it is an identifier, not PII. */
function gluedToWord(view: string, start: number): boolean {
  let k = start - 1;
  if (view[k] === '-' || view[k] === '_' || view[k] === '.') k--;
  if (!isAsciiLetter(view[k])) return false;
  let w = k;
  while (isAsciiLetter(view[w - 1])) w--;
  return !NUMBER_LABELS.has(view.slice(w, k + 1).toLowerCase());
}

/**
 * `whole`: the groups are the whole run. `standsAlone`: a part of a run set off by whitespace on both
 * sides with none inside (`〒100-0001 4111…`); any other part of a run is only taken as a phone number.
 */
function classify(
  groups: Group[],
  before: string,
  plus: boolean,
  cues: boolean,
  whole: boolean,
  standsAlone: boolean,
): string | undefined {
  const digits = groups.map((g) => g.digits).join('');
  const lengths = groups.map((g) => g.digits.length);
  const n = digits.length;
  const shape = lengths.join('-');
  if (plus) return n >= 8 && n <= 15 && groups.length <= 6 ? 'PHONE' : undefined;
  if (n >= 13 && n <= 19) {
    const cardShape =
      groups.length === 1 ||
      shape === '4-6-5' ||
      shape === '4-6-4' ||
      (lengths.slice(0, -1).every((l) => l === 4) && (lengths.at(-1) ?? 0) >= 1 && (lengths.at(-1) ?? 0) <= 7);
    if (cardShape && (luhnValid(digits) || (cues && CARD_CUE.test(before)))) return 'CARD';
  }
  if (n >= 13 || (!whole && !standsAlone)) {
    // A part of a longer run is only taken as a phone number (two numbers written one after the other).
    return digits.startsWith('0') && (n === 10 || n === 11) && groups.length <= 4 && (lengths[0] ?? 0) <= 5
      ? 'PHONE'
      : undefined;
  }
  if (n === 12 && (myNumberValid(digits) || (cues && MY_NUMBER_CUE.test(before)))) return 'MY_NUMBER';
  if (
    digits.startsWith('0') &&
    (n === 10 || n === 11) &&
    (groups.length === 1 || (groups.length <= 4 && (lengths[0] ?? 0) <= 5))
  ) {
    return 'PHONE';
  }
  // North American numbers: (206) 555-0100, 1-800-555-0100.
  if (n === 10 && shape === '3-3-4' && /^[2-9]\d\d[2-9]/.test(digits)) return 'PHONE';
  if (n === 11 && shape === '1-3-3-4' && /^1[2-9]\d\d[2-9]/.test(digits)) return 'PHONE';
  if (n === 9 && (shape === '3-2-4' || SSN_CUE.test(before))) {
    if (!/^(000|666|9)/.test(digits) && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000') return 'SSN';
  }
  if (n === 7 && (shape === '3-4' || (groups.length === 1 && POSTAL_CUE.test(before.slice(-6))))) return 'POSTAL_CODE';
  return undefined;
}

/**
 * Cards (Luhn), My Numbers (check digit), phones (Japanese domestic, `+CC`, North American), SSNs
 * and postal codes, in any spelling the digit view joins. A run holding several numbers
 * (`03-1234-5678 090-1111-2222`) is cut into the longest classifiable stretches, left to right.
 */
export function detectNumbers(text: string, view: string, spans: SpanSet): void {
  for (const run of numberRuns(view)) {
    const first = run[0];
    if (!first || gluedToWord(view, first.start)) continue;
    let i = 0;
    while (i < run.length) {
      let found: { j: number; kind: string } | undefined;
      // Checksums first; a label before the number (カード, マイナンバー) only when no checksum fits.
      for (const cues of [false, true]) {
        for (let j = Math.min(run.length - 1, i + 6); j >= i && !found; j--) {
          const start = (run[i] as Group).start;
          const plus = text[start - 1] === '+' || (text[start - 1] === ' ' && text[start - 2] === '+');
          const whole = i === 0 && j === run.length - 1;
          const spaced = (gap: string | undefined) => gap === undefined || /\s/.test(gap);
          const standsAlone =
            spaced(run[i - 1]?.gap) &&
            spaced(j + 1 < run.length ? run[j]?.gap : undefined) &&
            run.slice(i, j).every((g) => !/\s/.test(g.gap));
          const kind = classify(
            run.slice(i, j + 1),
            text.slice(Math.max(0, start - 20), start),
            plus,
            cues,
            whole,
            standsAlone,
          );
          if (kind) found = { j, kind };
        }
      }
      if (!found) {
        i++;
        continue;
      }
      let start = (run[i] as Group).start;
      const end = (run[found.j] as Group).end;
      if (text[start - 1] === '+') start--;
      else if (text[start - 1] === ' ' && text[start - 2] === '+') start -= 2;
      else if (text[start - 1] === '(' && text.slice(start, end).includes(')')) start--;
      // 〒 goes with its postal code.
      if (found.kind === 'POSTAL_CODE') {
        if (text[start - 1] === '〒') start--;
        else if (text[start - 1] === ' ' && text[start - 2] === '〒') start -= 2;
      }
      spans.add({ start, end, kind: found.kind });
      i = found.j + 1;
    }
  }
}

// ── Emails ───────────────────────────────────────────────────────────────────────────────────────

/** Japanese local parts (山田太郎@…, やまだ@…) and IDN domains (例え.jp, bücher.de, xn--…). */
const EMAIL = new RegExp(
  // Local parts are at most 64 characters (RFC 5321): bounded, so a long run of letters costs linear time.
  '(?:[\\p{sc=Han}\\p{sc=Katakana}ー々A-Za-z0-9._%+\\-]{1,64}|[\\p{sc=Hiragana}ー]{1,64})' +
    '@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?\\.)+' +
    '(?:xn--[A-Za-z0-9\\-]{2,59}|[A-Za-z]{2,24}|[\\p{sc=Han}\\p{sc=Katakana}]{2,6})',
  'gu',
);
const AT =
  '(?:\\s*(?:\\[\\s*at\\s*\\]|\\(\\s*at\\s*\\)|\\{\\s*at\\s*\\}|<\\s*at\\s*>)\\s*|\\s+at\\s+|\\s*(?:アットマーク|アット|あっとまーく|あっと)\\s*)';
const DOT =
  '(?:\\s*(?:\\[\\s*dot\\s*\\]|\\(\\s*dot\\s*\\)|\\{\\s*dot\\s*\\}|<\\s*dot\\s*>)\\s*|\\s+dot\\s+|\\s*(?:ドット|どっと)\\s*|\\.)';
const TLDS = '(?:com|net|org|edu|gov|info|biz|io|me|jp|uk|us|de|fr|ca|au|cn|kr|tw|ne|or|ac|co|mobi|app|dev)';
/** Spelled out: `john.smith at gmail dot com`, `taro [at] example [dot] co [dot] jp`, `hanako アット example ドット jp`. */
const SPELLED_EMAIL = new RegExp(
  `[A-Za-z0-9][A-Za-z0-9._%+\\-]{0,63}${AT}[A-Za-z0-9\\-]+(?:${DOT}[A-Za-z0-9\\-]+)*${DOT}${TLDS}(?![A-Za-z0-9])`,
  'gi',
);

export function detectEmails(text: string, spans: SpanSet): void {
  for (const re of [EMAIL, SPELLED_EMAIL]) {
    for (const m of text.matchAll(re)) {
      // A spelled-out address needs a spelled-out or real "at" AND a dot: `look at this` is not one.
      spans.add({ start: m.index, end: m.index + m[0].length, kind: 'EMAIL' });
    }
  }
}

// ── URLs: the secrets inside them ────────────────────────────────────────────────────────────────

const URL = /\b(?:https?|ftp):\/\/[^\s<>"'「」『』（）、。，]+|\bwww\.[^\s<>"'「」『』（）、。，]+/gi;
/** A path segment or bare fragment that looks like a token rather than a word. */
const TOKEN_LIKE = /^(?=[A-Za-z0-9_\-~.%]*\d)(?=[A-Za-z0-9_\-~.%]*[A-Za-z])[A-Za-z0-9_\-~.%]{16,}$/;

/**
 * In URLs: the user-info (`user:pass@`), every query and fragment parameter value, and path
 * segments that look like tokens (16+ characters mixing letters and digits). Host and path words stay.
 */
export function detectUrlSecrets(text: string, spans: SpanSet): void {
  for (const m of text.matchAll(URL)) {
    const url = m[0].replace(/[.,!?)\]]+$/, '');
    const base = m.index;
    const add = (from: number, to: number) => {
      if (to > from) spans.add({ start: base + from, end: base + to, kind: 'URL_SECRET' });
    };
    const scheme = url.indexOf('//');
    const hostStart = scheme >= 0 ? scheme + 2 : 0;
    const pathStart = url.slice(hostStart).search(/[/?#]/);
    const authorityEnd = pathStart < 0 ? url.length : hostStart + pathStart;
    const at = url.lastIndexOf('@', authorityEnd);
    if (at >= hostStart) add(hostStart, at);
    const queryAt = url.indexOf('?', authorityEnd);
    const hashAt = url.indexOf('#', authorityEnd);
    const pathEnd = [queryAt, hashAt].filter((x) => x >= 0).reduce((a, b) => Math.min(a, b), url.length);
    let segStart = authorityEnd;
    for (const seg of url.slice(authorityEnd, pathEnd).split('/')) {
      if (TOKEN_LIKE.test(seg) || /^[0-9a-f]{24,}$/i.test(seg)) add(segStart, segStart + seg.length);
      segStart += seg.length + 1;
    }
    const params = (from: number, to: number) => {
      let p = from;
      for (const pair of url.slice(from, to).split(/[&;]/)) {
        const eq = pair.indexOf('=');
        if (eq >= 0) add(p + eq + 1, p + pair.length);
        else if (TOKEN_LIKE.test(pair)) add(p, p + pair.length);
        p += pair.length + 1;
      }
    };
    if (queryAt >= 0) params(queryAt + 1, hashAt > queryAt ? hashAt : url.length);
    if (hashAt >= 0) params(hashAt + 1, url.length);
  }
}

// ── IP addresses, IBAN ──────────────────────────────────────────────────────────────────────────

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?!\\d|\\.\\d)`, 'g');
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;

export function detectIpAddresses(text: string, spans: SpanSet): void {
  for (const m of text.matchAll(IPV4)) spans.add({ start: m.index, end: m.index + m[0].length, kind: 'IP_ADDRESS' });
  for (const m of text.matchAll(IPV6)) {
    const colons = m[0].split(':').length - 1;
    // A full address has 7 colons; a shortened one has `::`. Times (10:30:00) have neither.
    if ((colons === 7 || (m[0].includes('::') && colons >= 2)) && /[0-9A-Fa-f]/.test(m[0])) {
      spans.add({ start: m.index, end: m.index + m[0].length, kind: 'IP_ADDRESS' });
    }
  }
}

/** IBAN lengths of frequent countries (ISO 13616 registry); others only need a plausible account part. */
const IBAN_LENGTHS: Record<string, number> = {
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  AE: 23,
  SA: 24,
  TR: 26,
  BR: 29,
};

const IBAN_START = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ -]?[A-Za-z0-9])/g;

/** IBANs, grouped or not, kept only when the mod-97 check holds (the longest valid prefix of the run). */
export function detectIbans(text: string, spans: SpanSet): void {
  for (const m of text.matchAll(IBAN_START)) {
    const rest = /^(?:[ -]?[A-Za-z0-9]){11,30}/.exec(text.slice(m.index + 4));
    if (!rest) continue;
    const candidate = text.slice(m.index, m.index + 4 + rest[0].length);
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    for (let end = candidate.length; end >= 15; end--) {
      // Only whole groups: cut where a separator follows (or at the end of the run).
      if (end < candidate.length && !/[ -]/.test(candidate[end] ?? '')) continue;
      const piece = candidate.slice(0, end);
      const compact = piece.replace(/[ -]/g, '');
      // The country's IBAN length when known, else at least 8 digits in the account part.
      const plausible = length ? compact.length === length : (compact.slice(4).match(/\d/g) ?? []).length >= 8;
      if (plausible && ibanValid(piece)) {
        spans.add({ start: m.index, end: m.index + end, kind: 'IBAN' });
        break;
      }
    }
  }
}

// ── Labelled identifiers ────────────────────────────────────────────────────────────────────────

const SAYS = '\\s*(?:は|:|：|is|#|=)?\\s*';
const LABELLED: { kind: string; re: RegExp }[] = [
  {
    kind: 'PASSPORT',
    re: new RegExp(
      `(?:passport|パスポート|旅券)(?:\\s*(?:number|no\\.?|#|番号))?${SAYS}([A-Za-z]{0,2}\\d{6,9})(?![A-Za-z0-9])`,
      'gi',
    ),
  },
  {
    kind: 'DRIVER_LICENSE',
    re: new RegExp(
      `(?:driver['’]?s?\\s+licen[cs]e|licen[cs]e|運転免許証?|免許証)(?:\\s*(?:number|no\\.?|#|番号|の番号))?${SAYS}第?([A-Za-z]{0,3}\\d[\\d\\- ]{3,18}\\d)(?![A-Za-z0-9])`,
      'gi',
    ),
  },
  {
    kind: 'BANK_ACCOUNT',
    re: new RegExp(
      `(?:口座番号|口座|bank\\s+account(?:\\s*(?:number|no\\.?|#))?|account\\s*(?:number|no\\.?|#)|acct\\.?(?:\\s*(?:no\\.?|#))?)${SAYS}(?:普通|当座|savings|checking)?\\s*(\\d[\\d\\- ]{4,16}\\d)(?!\\d)`,
      'gi',
    ),
  },
  {
    kind: 'SSN',
    re: new RegExp(
      `(?:ssn|social\\s+security(?:\\s+(?:number|no\\.?))?)${SAYS}(\\d{3}[\\s\\-]?\\d{2}[\\s\\-]?\\d{4})(?!\\d)`,
      'gi',
    ),
  },
  {
    kind: 'CARD_CVV',
    re: new RegExp(
      `(?:cvv2?|cvc2?|cid|security\\s+code|セキュリティー?コード|セキュリティ番号|裏面?の3桁(?:の番号)?)${SAYS}(\\d{3,4})(?!\\d)`,
      'gi',
    ),
  },
  {
    kind: 'CARD_EXPIRY',
    re: new RegExp(
      `(?:有効期限|期限|exp(?:iry|iration)?(?:\\s+date)?|expires?|valid\\s+thru|good\\s+thru)${SAYS}` +
        '((?:1[0-2]|0?[1-9])\\s*[/／\\-]\\s*(?:20)?\\d{2}(?!\\d)|(?:20)?\\d{2}\\s*[/／年]\\s*(?:1[0-2]|0?[1-9])月?|(?:1[0-2]|0?[1-9])月\\s*(?:20)?\\d{2}年?)',
      'gi',
    ),
  },
];

/** Values after a label (passport, licence, bank account, SSN, CVV, expiry) whatever their shape. */
export function detectLabelled(text: string, spans: SpanSet): void {
  for (const { kind, re } of LABELLED) {
    for (const m of text.matchAll(new RegExp(re.source, 'dgi'))) {
      const at = m.indices?.[1];
      if (!at) continue;
      const value = text.slice(at[0], at[1]).replace(/[\s-]+$/, '');
      spans.add({ start: at[0], end: at[0] + value.length, kind });
    }
  }
}

/** `TK1234567`: a Japanese passport number (two letters, seven digits) without a label. */
const PASSPORT_JP = /(?<![A-Za-z0-9])[A-Z]{2}\d{7}(?![A-Za-z0-9])/g;

export function detectPassportNumbers(text: string, spans: SpanSet): void {
  for (const m of text.matchAll(PASSPORT_JP))
    spans.add({ start: m.index, end: m.index + m[0].length, kind: 'PASSPORT' });
}

/**
 * The expiry (`12/27`, `12/2027`) and the security code (3–4 digits) that follow a card number
 * within a few characters, unlabelled: `4111 1111 1111 1111 12/27 123`.
 */
export function detectCardCompanions(text: string, spans: SpanSet, cards: readonly PiiSpan[]): void {
  for (const card of cards) {
    let pos = card.end;
    const gap = /^[\s,、，/:：]*(?:(?:有効期限|期限|exp\.?|expires?)\s*[:：]?\s*)?/i;
    const tail = text.slice(pos, pos + 60);
    const g1 = gap.exec(tail)?.[0].length ?? 0;
    const expiry = /^(?:0?[1-9]|1[0-2])\s*[/／]\s*(?:20)?\d{2}(?!\d)/.exec(tail.slice(g1));
    if (expiry) {
      spans.add({ start: pos + g1, end: pos + g1 + expiry[0].length, kind: 'CARD_EXPIRY' });
      pos += g1 + expiry[0].length;
    }
    const after = text.slice(pos, pos + 30);
    const g2 = /^[\s,、，/:：]*(?:(?:cvv2?|cvc2?|code|コード)\s*[:：]?\s*)?/i.exec(after)?.[0].length ?? 0;
    const cvv = /^\d{3,4}(?!\d)/.exec(after.slice(g2));
    if (cvv && (expiry || g2 > 0)) spans.add({ start: pos + g2, end: pos + g2 + cvv[0].length, kind: 'CARD_CVV' });
  }
}
