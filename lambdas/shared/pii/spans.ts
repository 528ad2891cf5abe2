/**
 * The kinds of personal data the redactor replaces, each with its own placeholder (`[PHONE]`,
 * `[NAME]`…): the analysts see what was there, never the value. English entities from Comprehend
 * DetectPiiEntities map onto the same kinds (see `COMPREHEND_KINDS` in redactor.ts).
 */
export const PII_KINDS = [
  'NAME',
  'ADDRESS',
  'POSTAL_CODE',
  'PHONE',
  'EMAIL',
  'CARD',
  'CARD_EXPIRY',
  'CARD_CVV',
  'MY_NUMBER',
  'IBAN',
  'BANK_ACCOUNT',
  'SSN',
  'PASSPORT',
  'DRIVER_LICENSE',
  'IP_ADDRESS',
  'URL_SECRET',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * How many of each kind were replaced; only kinds found are present. English entities of a type
 * outside {@link PII_KINDS} (Comprehend's USERNAME, PASSWORD, PIN…) are counted under that type.
 */
export type PiiCounts = Record<string, number>;

/** A half-open range [start, end) of UTF-16 offsets in the normalized text. */
export interface PiiSpan {
  start: number;
  end: number;
  kind: string;
}

export function placeholder(kind: string): string {
  return `[${kind}]`;
}

/** A placeholder anywhere in a text (what the redactor writes). */
export const PLACEHOLDER = /\[[A-Z][A-Z_]*\]/g;

/**
 * Accepts spans in priority order: a span overlapping one already accepted is dropped, so the
 * detector that runs first (the more specific one) wins.
 */
export class SpanSet {
  private readonly spans: PiiSpan[] = [];

  add(span: PiiSpan): boolean {
    if (span.end <= span.start) return false;
    if (this.spans.some((s) => span.start < s.end && s.start < span.end)) return false;
    this.spans.push(span);
    return true;
  }

  overlaps(start: number, end: number): boolean {
    return this.spans.some((s) => start < s.end && s.start < end);
  }

  sorted(): PiiSpan[] {
    return [...this.spans].sort((a, b) => a.start - b.start);
  }

  /** Where the spans are, for detectors that run after: each covered character replaced by `fill`. */
  mask(text: string, fill: string): string {
    let out = text;
    for (const s of this.spans) out = out.slice(0, s.start) + fill.repeat(s.end - s.start) + out.slice(s.end);
    return out;
  }
}

/** Replaces the spans with their placeholders and counts them per kind. */
export function applySpans(text: string, spans: readonly PiiSpan[], counts: PiiCounts): string {
  const parts: string[] = [];
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < pos) continue;
    parts.push(text.slice(pos, s.start), placeholder(s.kind));
    counts[s.kind] = (counts[s.kind] ?? 0) + 1;
    pos = s.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
