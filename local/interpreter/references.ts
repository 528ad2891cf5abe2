/**
 * `$.` references in parameter values: dynamic text ("こんにちは $.External.displayName 様") and single
 * references ("$.Attributes.tier").
 *
 * Tokenization (the reference leaves it unverified, so this is the interpreter's rule): a reference is
 * `$.` followed by segments separated by `.`; a plain segment is ASCII letters, digits, `_` and `-`;
 * a bracket segment `['any text']` (or `["…"]`, with or without a leading `.`) holds any other name.
 * The first character that cannot continue a segment ends the reference, so punctuation, spaces and
 * Japanese text right after a path are kept as text, and a trailing `.` is text too.
 */

const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+/;

export interface ReferenceToken {
  /** Index of `$` in the text. */
  start: number;
  /** Index just after the reference. */
  end: number;
  segments: string[];
}

function readBracket(text: string, at: number): { name: string; end: number } | undefined {
  if (text[at] !== '[') return undefined;
  const quote = text[at + 1];
  if (quote !== "'" && quote !== '"') return undefined;
  const close = text.indexOf(`${quote}]`, at + 2);
  if (close < 0) return undefined;
  return { name: text.slice(at + 2, close), end: close + 2 };
}

/** Reads one reference starting at `start` (which must hold `$.`), or undefined when none is there. */
export function readReference(text: string, start: number): ReferenceToken | undefined {
  if (!text.startsWith('$.', start)) return undefined;
  const segments: string[] = [];
  let at = start + 2;
  for (;;) {
    const expectSegment = segments.length === 0 || text[at] === '.' || text[at] === '[';
    if (!expectSegment) break;
    const from = segments.length === 0 ? at : text[at] === '.' ? at + 1 : at;
    const bracket = readBracket(text, from);
    if (bracket) {
      segments.push(bracket.name);
      at = bracket.end;
      continue;
    }
    const plain = PLAIN_SEGMENT.exec(text.slice(from));
    if (!plain) break;
    segments.push(plain[0]);
    at = from + plain[0].length;
  }
  return segments.length > 0 ? { start, end: at, segments } : undefined;
}

/** All references in a text, left to right. */
export function findReferences(text: string): ReferenceToken[] {
  const found: ReferenceToken[] = [];
  let at = text.indexOf('$.');
  while (at >= 0) {
    const token = readReference(text, at);
    if (token) {
      found.push(token);
      at = text.indexOf('$.', token.end);
    } else {
      at = text.indexOf('$.', at + 2);
    }
  }
  return found;
}

function own(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Value at a path in the reference root; undefined when any segment is missing. */
export function lookup(root: Record<string, unknown>, segments: readonly string[]): unknown {
  let value: unknown = root;
  for (const segment of segments) {
    value = own(value, segment);
    if (value === undefined) return undefined;
  }
  return value;
}

/** How a looked-up value reads in text: missing → '', objects (JSON Lambda results) → JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Replaces every reference in a dynamic-text value; unknown paths become ''. Non-strings are read as text. */
export function evaluateText(value: unknown, root: Record<string, unknown>): string {
  const text = asText(value);
  let out = '';
  let last = 0;
  for (const token of findReferences(text)) {
    out += text.slice(last, token.start) + asText(lookup(root, token.segments));
    last = token.end;
  }
  return out + text.slice(last);
}

/** True when the whole value is exactly one reference. */
export function isSingleReference(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const token = readReference(value, 0);
  return token !== undefined && token.end === value.length;
}
