import type { PiiEntitySpan } from './pii';
import type { PiiEntityDetector } from './text-analytics';

/**
 * OFFLINE APPROXIMATION — THIS IS NOT AMAZON COMPREHEND DetectPiiEntities.
 *
 * Finds a few kinds of English PII entities by pattern so that `voc ingest` and the local console do
 * not keep in the lake what only Comprehend would have caught. It implements the same
 * {@link PiiEntityDetector} port as {@link ComprehendTextAnalytics} (answers `NAME` / `ADDRESS`
 * spans with code-point offsets, like Comprehend), but it has no model: it finds only
 *
 * - self-introduced names: "I am / I'm / my name is / this is / it's <Capitalized Capitalized…>"
 *   ("my name is" also takes a single capitalized word);
 * - names after a title: "Mr. / Ms. / Mrs. / Miss / Mx. / Dr. <Capitalized…>" (the title is kept);
 * - a name on the line after a sign-off ("Regards,\nJane Doe");
 * - street addresses: "<number> <Capitalized…> Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|
 *   Drive|Dr|Way|Court|Ct|Place|Pl", with an optional unit ("Apt 4B"), city, state and ZIP code
 *   ("123 Main Street, Springfield, IL 62704").
 *
 * Names written any other way (lower case, in the middle of a sentence, Japanese names), bank
 * accounts, dates of birth, etc. are NOT detected. Pattern redaction (emails, phones, cards, postal
 * codes, My Numbers) runs before this, as on AWS.
 */
export class PatternPiiApproximation implements PiiEntityDetector {
  readonly engine = 'pattern-pii-approximation';

  supportsPii(language: string): boolean {
    return language === 'en';
  }

  async detectPiiEntities(_language: string, text: string): Promise<PiiEntitySpan[]> {
    return findPiiEntitiesByPattern(text);
  }
}

/** A capitalized word: "John", "O'Neil", "Smith-Jones", "McDonald". */
const CAP = "(?:Ma?c[A-Z][a-z]+|[A-Z]['’][A-Z][a-z]+|[A-Z][a-z]+)(?:-[A-Z][a-z]+)*";
/** Words that follow "I am"/"this is" capitalized without being names. */
const NOT_NAMES = new Set([
  'I',
  'The',
  'A',
  'An',
  'Not',
  'So',
  'Very',
  'Really',
  'Still',
  'Just',
  'Also',
  'Calling',
  'Writing',
  'Sorry',
  'Happy',
  'Unhappy',
  'Angry',
  'Disappointed',
  'Frustrated',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
]);

const STREET_SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|' +
  'street|avenue|road|boulevard|lane|drive)';

const PATTERNS: { type: string; re: RegExp; group: number; check?: (name: string) => boolean }[] = [
  {
    // "123 Main Street", "4500 North Lake Shore Dr., Apt 4B, Chicago, IL 60611", "9 Elm St"
    type: 'ADDRESS',
    re: new RegExp(
      `\\b\\d{1,6}[A-Za-z]?\\s+(?:${CAP}\\.?\\s+){1,4}${STREET_SUFFIX}\\b\\.?` +
        // unit
        '(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|Room|Fl|Floor)\\.?\\s*#?[A-Za-z0-9-]+|,?\\s*#\\s?[A-Za-z0-9-]+)?' +
        // city, optional state and ZIP
        `(?:,\\s*${CAP}(?:\\s+${CAP}){0,2}(?:,?\\s+[A-Z]{2}(?:\\s+\\d{5}(?:-\\d{4})?)?)?)?`,
      'gd',
    ),
    group: 0,
  },
  {
    // "I am John Smith", "I'm Jane Doe", "this is Mary Ann Lee"
    type: 'NAME',
    re: new RegExp(`\\b(?:[Ii] am|[Ii]['’]m|[Tt]his is|[Ii]t['’]s)\\s+(${CAP}(?:\\s+${CAP}){1,2})\\b`, 'gd'),
    group: 1,
    check: (name) => !NOT_NAMES.has(name.split(/\s+/)[0] ?? ''),
  },
  {
    // "my name is John", "My name is John Smith", "name: Jane Doe"
    type: 'NAME',
    re: new RegExp(`\\b(?:[Mm]y name is|[Nn]ame\\s*:)\\s*(${CAP}(?:\\s+${CAP}){0,2})\\b`, 'gd'),
    group: 1,
    check: (name) => !NOT_NAMES.has(name.split(/\s+/)[0] ?? ''),
  },
  {
    // "Mr. Tanaka", "Ms Jane Doe", "Dr. Who"
    type: 'NAME',
    re: new RegExp(`\\b(?:Mr|Ms|Mrs|Miss|Mx|Dr)\\.?\\s+(${CAP}(?:\\s+${CAP})?)\\b`, 'gd'),
    group: 1,
  },
  {
    // "Regards,\nJane Doe" / "Thanks,\n  John"
    type: 'NAME',
    re: new RegExp(
      `\\b(?:Regards|Best regards|Kind regards|Best|Thanks|Thank you|Sincerely|Cheers),?[ \\t]*\\r?\\n[ \\t]*(${CAP}(?:[ \\t]+${CAP}){0,2})[ \\t]*(?=\\r?\\n|$)`,
      'gd',
    ),
    group: 1,
  },
];

/**
 * The PII entities {@link PatternPiiApproximation} finds, sorted by begin, overlaps merged.
 * Offsets are in code points (as Comprehend's), ready for {@link redactEntities}.
 */
export function findPiiEntitiesByPattern(text: string): PiiEntitySpan[] {
  const spans: { type: string; begin: number; end: number }[] = [];
  for (const { type, re, group, check } of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const value = m[group];
      const at = m.indices?.[group];
      if (value === undefined || at === undefined || (check && !check(value))) continue;
      spans.push({ type, begin: at[0], end: at[1] });
    }
  }
  spans.sort((a, b) => a.begin - b.begin || b.end - a.end);
  const merged: typeof spans = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.begin < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  // UTF-16 offsets → code-point offsets.
  const toCodePoints = (i: number) => Array.from(text.slice(0, i)).length;
  return merged.map((s) => ({ type: s.type, begin: toCodePoints(s.begin), end: toCodePoints(s.end), score: 0.5 }));
}
