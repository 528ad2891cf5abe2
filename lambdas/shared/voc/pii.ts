/**
 * Comprehend-style PII entity spans (code-point offsets) and their replacement. The redaction itself
 * (patterns, Japanese names and addresses, English entities) is the shared module
 * `lambdas/shared/pii/redactor.ts`.
 */

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
