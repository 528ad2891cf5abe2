/**
 * `$.` references in parameter values: dynamic text ("こんにちは $.External.displayName 様") and single
 * references ("$.Attributes.tier").
 *
 * Tokenization (lib/flows/references.ts, shared with the linter; docs/flows.md): a reference is
 * `$.` followed by segments separated by `.`; a plain segment is ASCII letters, digits, `_` and `-`;
 * a bracket segment `['any text']` (or `["…"]`, with or without a leading `.`) holds any other name.
 * The first character that cannot continue a segment ends the reference, so punctuation, spaces and
 * Japanese text right after a path are kept as text, and a trailing `.` is text too.
 */

// One tokenizer for the linter and the interpreter, so a flow means the same to both.
import { asSingleReference, findReferences } from '../../lib/flows/references';

export { findReferences };

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
  return typeof value === 'string' && asSingleReference(value) !== undefined;
}
