import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digitView } from '../../lambdas/shared/pii/patterns';

/** test/fixtures/pii/corpus.json: messages, the PII that must not survive, the words that must. */
export interface PiiCorpusCase {
  id: string;
  language: 'ja' | 'en';
  text: string;
  pii: string[];
  keep: string[];
}

export function loadPiiCorpus(): PiiCorpusCase[] {
  const file = join(__dirname, '../fixtures/pii/corpus.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: PiiCorpusCase[] }).cases;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();
const digitsOf = (s: string) => digitView(s.normalize('NFKC')).replace(/\D/g, '');

/**
 * The PII strings of `pii` found in `output`: as written, after NFKC and case folding, and, for
 * numbers of 7+ digits, by their digits whatever the separators (so `090-1234-5678` leaking as
 * `09012345678` or `〇九〇…` is caught too).
 */
export function leaks(output: string, pii: readonly string[]): string[] {
  const text = fold(output);
  const digits = digitsOf(output);
  return pii.filter((p) => {
    if (text.includes(fold(p))) return true;
    const d = digitsOf(p);
    return d.length >= 7 && digits.includes(d);
  });
}

/** The words of `keep` missing from `output` (after NFKC; case-insensitive). */
export function lost(output: string, keep: readonly string[]): string[] {
  const text = fold(output);
  return keep.filter((k) => !text.includes(fold(k)));
}
