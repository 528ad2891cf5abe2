/**
 * Reads what the agent typed into the one search box, as the API will (`GET /search?q=`): a phone number
 * in any format (full-width digits, hyphens of every kind, +81, brackets), an email address, or a name in
 * kanji, kana or Latin letters. The app uses it to say how the query is read and to send a tidy `q`.
 */
export type SearchKind = 'phone' | 'email' | 'name';

export type SearchQuery = { kind: 'empty' } | { kind: SearchKind; q: string; script?: NameScript };

export type NameScript = 'kana' | 'kanji' | 'latin' | 'mixed';

// Dashes people type in phone numbers: ASCII, hyphen, non-breaking hyphen, figure, en and em dashes,
// horizontal bar, minus sign, full-width hyphen-minus, half- and full-width katakana prolonged marks (an IME in Japanese mode types ー).
const DASHES = /[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFF0D\uFF70\u30FC]/g;
const PHONE_NOISE = /[\s().\u3000]/g;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KANA = /^[\u3041-\u3096\u30A1-\u30FA\u30FC\u30FB\s・ー]+$/u;
const LATIN = /^[A-Za-z\s.'-]+$/;
const HAN = /\p{Script=Han}/u;

export function classifySearch(raw: string): SearchQuery {
  // NFKC turns full-width digits, letters and @ into ASCII and half-width kana into full-width kana.
  const text = raw.normalize('NFKC').trim();
  if (text === '') return { kind: 'empty' };
  const phone = text.replace(DASHES, '').replace(PHONE_NOISE, '');
  if (/^\+?\d{6,15}$/.test(phone)) return { kind: 'phone', q: phone };
  if (EMAIL.test(text)) return { kind: 'email', q: text.toLowerCase() };
  const name = text.replace(/\s+/g, ' ');
  return { kind: 'name', q: name, script: nameScript(name) };
}

function nameScript(name: string): NameScript {
  if (KANA.test(name)) return 'kana';
  if (LATIN.test(name)) return 'latin';
  if (HAN.test(name)) return 'kanji';
  return 'mixed';
}
