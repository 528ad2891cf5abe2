import { detectJapaneseNamesAndPlaces, type JapaneseTokenizer, loadKuromojiTokenizer } from './japanese-names-places';
import {
  detectCardCompanions,
  detectEmails,
  detectIbans,
  detectIpAddresses,
  detectLabelled,
  detectNumbers,
  detectPassportNumbers,
  detectUrlSecrets,
  digitView,
} from './patterns';
import { applySpans, type PiiCounts, type PiiSpan, PLACEHOLDER, SpanSet } from './spans';

/**
 * THE redaction module: the one code path every VOC text, key phrase, excerpt and metadata field
 * goes through before it leaves the operational store, in the voc-analyzer Lambda and in local
 * `voc ingest` alike. Layers, in order (an earlier match wins where two overlap):
 *
 * 1. normalization: NFKC (full-width digits and letters, ＠, ideographic space), then a digit view in
 *    which kanji numerals are digits and separators inside numbers join the groups (patterns.ts);
 * 2. patterns, with checksums where one exists: URL secrets, emails (Japanese local parts, IDN,
 *    spelled out), IBAN (mod 97), IP addresses, labelled passport / licence / bank account / SSN /
 *    CVV / expiry, then numbers: cards (Luhn), My Number (check digit), phones, SSNs, postal codes,
 *    and the expiry and CVV written next to a card;
 * 3. Japanese names and addresses from the morphological analyzer (japanese-names-places.ts);
 * 4. English PII entities on every Latin-script stretch of the text, whatever the message's
 *    language, through the {@link EnglishPiiDetector} port: Comprehend DetectPiiEntities on AWS, the
 *    offline `PatternPiiApproximation` locally.
 *
 * Placeholders keep the kind (`[PHONE]`, `[NAME]`…) and the counts per kind are returned, so the lake
 * can record what was removed without holding it.
 */

/** English PII entities (offsets in code points, as Comprehend gives them). */
export interface EnglishPiiDetector {
  detectPiiEntities(language: 'en', text: string): Promise<{ type: string; begin: number; end: number }[]>;
}

export interface RedactionResult {
  text: string;
  counts: PiiCounts;
}

/** Comprehend entity types → the redactor's kinds (the same placeholder whichever layer found it). */
export const COMPREHEND_KINDS: Record<string, string> = {
  CREDIT_DEBIT_NUMBER: 'CARD',
  CREDIT_DEBIT_CVV: 'CARD_CVV',
  CREDIT_DEBIT_EXPIRY: 'CARD_EXPIRY',
  INTERNATIONAL_BANK_ACCOUNT_NUMBER: 'IBAN',
  BANK_ACCOUNT_NUMBER: 'BANK_ACCOUNT',
  BANK_ROUTING: 'BANK_ACCOUNT',
  PASSPORT_NUMBER: 'PASSPORT',
  DRIVER_ID: 'DRIVER_LICENSE',
  US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER: 'SSN',
};
/**
 * Comprehend types kept in the text: a date or an age alone identifies nobody, and "charged twice
 * on May 3" must keep its date to stay a complaint about a charge.
 */
export const KEPT_COMPREHEND_TYPES: ReadonlySet<string> = new Set(['DATE_TIME', 'AGE']);

/** Largest document handed to the English detector (Comprehend's limit is 5,000 UTF-8 bytes). */
const MAX_ENGLISH_DOCUMENT_BYTES = 4_999;
/** A stretch of text without Japanese script that holds at least two Latin letters. */
const LATIN_STRETCH = /[^\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}。、「」『』！？（）・〜ー]+/gu;

export class PiiRedactor {
  constructor(
    private readonly japanese: JapaneseTokenizer,
    private readonly english: EnglishPiiDetector | null,
  ) {}

  /** Builds the tokenizer (once per process) and returns a redactor; `english: null` = no layer 4. */
  static async create(options: { english: EnglishPiiDetector | null; dictionaryDir?: string }): Promise<PiiRedactor> {
    return new PiiRedactor(await loadKuromojiTokenizer(options.dictionaryDir), options.english);
  }

  /** The same tokenizer with another English layer (tests, the bench, the local console). */
  withEnglish(english: EnglishPiiDetector | null): PiiRedactor {
    return new PiiRedactor(this.japanese, english);
  }

  /** Layers 1–3 (no request to any service): for short fields and for key phrases. */
  redactLocally(input: string): RedactionResult {
    const text = input.normalize('NFKC');
    const spans = new SpanSet();
    detectUrlSecrets(text, spans);
    detectEmails(text, spans);
    detectIbans(text, spans);
    detectIpAddresses(text, spans);
    detectLabelled(text, spans);
    detectNumbers(text, spans.mask(digitView(text), '\u0000'), spans);
    detectCardCompanions(
      text,
      spans,
      spans.sorted().filter((s) => s.kind === 'CARD'),
    );
    detectPassportNumbers(text, spans);
    // Masked with a symbol kuromoji reads as 記号, so an address or a name never runs into a match.
    detectJapaneseNamesAndPlaces(spans.mask(text, '※'), this.japanese, spans);
    const counts: PiiCounts = {};
    return { text: applySpans(text, spans.sorted(), counts), counts };
  }

  /**
   * Layers 1–3 over many short texts (the key phrases of a message) in one pass of the analyzer: the
   * texts are joined by a sentence end that no name or address runs across, and split back. Should a
   * finding ever span the joint, each text is redacted on its own instead.
   */
  redactManyLocally(texts: readonly string[]): string[] {
    if (texts.length <= 1) return texts.map((t) => this.redactLocally(t).text);
    const joint = '\n。\n';
    const parts = this.redactLocally(
      texts.map((t) => t.normalize('NFKC').replaceAll(joint, ' ')).join(joint),
    ).text.split(joint);
    return parts.length === texts.length ? parts : texts.map((t) => this.redactLocally(t).text);
  }

  /** All four layers. `englishRequests` = documents sent to the English detector. */
  async redact(input: string): Promise<RedactionResult & { englishRequests: number }> {
    const local = this.redactLocally(input);
    if (!this.english) return { ...local, englishRequests: 0 };
    const stretches = latinStretches(local.text);
    if (stretches.length === 0) return { ...local, englishRequests: 0 };
    const spans: PiiSpan[] = [];
    const documents = packDocuments(stretches);
    for (const doc of documents) {
      const entities = await this.english.detectPiiEntities('en', doc.text);
      const units = codePointToUnit(doc.text);
      for (const e of entities) {
        if (KEPT_COMPREHEND_TYPES.has(e.type)) continue;
        const from = units[e.begin];
        const to = units[Math.min(e.end, units.length - 1)];
        if (from === undefined || to === undefined || to <= from) continue;
        // Map the document range back onto the stretches it covers.
        for (const piece of doc.pieces) {
          const a = Math.max(from, piece.docStart);
          const b = Math.min(to, piece.docStart + piece.length);
          if (b > a)
            spans.push(
              trimToText(
                local.text,
                piece.textStart + a - piece.docStart,
                piece.textStart + b - piece.docStart,
                COMPREHEND_KINDS[e.type] ?? e.type,
              ),
            );
        }
      }
    }
    const counts = { ...local.counts };
    const set = new SpanSet();
    for (const s of spans) if (s.end > s.start && !insidePlaceholder(local.text, s)) set.add(s);
    return { text: applySpans(local.text, set.sorted(), counts), counts, englishRequests: documents.length };
  }
}

/** Drops surrounding spaces and punctuation from an entity span (placeholders stay whole). */
function trimToText(text: string, start: number, end: number, kind: string): PiiSpan {
  let a = start;
  let b = end;
  while (a < b && /[\s,.;:]/.test(text[a] ?? '')) a++;
  while (b > a && /[\s,.;:]/.test(text[b - 1] ?? '')) b--;
  return { start: a, end: b, kind };
}

/** An entity that only covers (part of) a placeholder the earlier layers wrote is not a new finding. */
function insidePlaceholder(text: string, span: PiiSpan): boolean {
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (span.start >= m.index && span.end <= m.index + m[0].length) return true;
  }
  return false;
}

interface Stretch {
  start: number;
  text: string;
}

function latinStretches(text: string): Stretch[] {
  const out: Stretch[] = [];
  for (const m of text.matchAll(LATIN_STRETCH)) {
    const withoutPlaceholders = m[0].replace(PLACEHOLDER, ' ');
    if ((withoutPlaceholders.match(/[A-Za-z\u00C0-\u024F]/g) ?? []).length >= 2)
      out.push({ start: m.index, text: m[0] });
  }
  return out;
}

interface Document {
  text: string;
  pieces: { textStart: number; docStart: number; length: number }[];
}

/** Packs stretches (joined by newlines) into documents under the byte limit; a longer stretch is cut. */
function packDocuments(stretches: Stretch[]): Document[] {
  const docs: Document[] = [];
  let current: Document = { text: '', pieces: [] };
  const flush = () => {
    if (current.pieces.length > 0) docs.push(current);
    current = { text: '', pieces: [] };
  };
  for (const s of stretches) {
    let offset = 0;
    while (offset < s.text.length) {
      const room = MAX_ENGLISH_DOCUMENT_BYTES - Buffer.byteLength(current.text) - 1;
      let piece = s.text.slice(offset);
      if (Buffer.byteLength(piece) > room) {
        if (current.pieces.length > 0) {
          flush();
          continue;
        }
        piece = cutAtWord(piece, MAX_ENGLISH_DOCUMENT_BYTES);
      }
      if (current.text) current.text += '\n';
      current.pieces.push({ textStart: s.start + offset, docStart: current.text.length, length: piece.length });
      current.text += piece;
      offset += piece.length;
    }
  }
  flush();
  return docs;
}

/** The longest prefix under `maxBytes`, cut after whitespace when there is some in its last fifth. */
function cutAtWord(text: string, maxBytes: number): string {
  let end = 0;
  let bytes = 0;
  for (const ch of text) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > maxBytes) break;
    bytes += b;
    end += ch.length;
  }
  const space = text.lastIndexOf(' ', end);
  return space > end * 0.8 ? text.slice(0, space + 1) : text.slice(0, end);
}

/** unit[i] = UTF-16 offset of code point i (plus one entry for the end). */
function codePointToUnit(text: string): number[] {
  const units: number[] = [];
  let u = 0;
  for (const ch of text) {
    units.push(u);
    u += ch.length;
  }
  units.push(u);
  return units;
}
