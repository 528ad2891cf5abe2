/**
 * `$.` references in parameter values.
 *
 * - dynamic text: free text with embedded references ("$.External.greetingName 様、…");
 * - single reference: the whole value is one reference ("$.Attributes.tier");
 * - static: no reference at all.
 *
 * Tokenization (documented in docs/flows.md; the administrator guide only shows a reference ended by
 * a comma or a space): a reference is `$.` followed by segments separated by `.`; a plain segment is
 * ASCII letters, digits, `_` and `-`; a bracket segment `['any name']` holds any other name. The first
 * character that cannot continue a segment ends the reference, so a trailing `.`, punctuation and
 * Japanese text right after a path are text. The shipped flows put a space after every reference so
 * that they read the same under any stricter tokenization.
 */

/** First segments a reference may start with (Connect's contact data and namespaces). */
export const REFERENCE_ROOTS = [
  'CustomerEndpoint',
  'SystemEndpoint',
  'ContactId',
  'InitialContactId',
  'PreviousContactId',
  'RelatedContactId',
  'Channel',
  'InitiationMethod',
  'InstanceARN',
  'AwsRegion',
  'LanguageCode',
  'TextToSpeechVoiceId',
  'Queue',
  'References',
  'StoredCustomerInput',
  'Attributes',
  'External',
  'FlowAttributes',
  'Lex',
  'Metrics',
  'Agent',
  'Customer',
  'CustomerId',
  'Media',
  'Name',
  'Description',
  'Tags',
  'SegmentAttributes',
  'Wisdom',
  'Case',
  'Campaign',
  /** Show view results: `$.Views.Action`, `$.Views.ViewResultData.*` (11 real exports, docs/flows.md). */
  'Views',
  /** Kinesis Video Streams media streaming (admin guide, "Contact attributes for live media streaming"). */
  'MediaStreams',
  /** The number Amazon Connect calls back (admin guide, contact attribute list: customer callback number). */
  'CustomerCallBackPhoneNumber',
] as const;

const ROOTS: ReadonlySet<string> = new Set(REFERENCE_ROOTS);

const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+/;

export interface Reference {
  /** The reference as written, e.g. `$.Attributes.tier`. */
  text: string;
  start: number;
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

/** Reads the reference starting at `start` (which must hold `$.`). */
export function readReference(text: string, start: number): Reference | undefined {
  if (!text.startsWith('$.', start)) return undefined;
  const segments: string[] = [];
  let at = start + 2;
  for (;;) {
    if (segments.length > 0 && text[at] !== '.' && text[at] !== '[') break;
    const from = segments.length > 0 && text[at] === '.' ? at + 1 : at;
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
  return segments.length > 0 ? { text: text.slice(start, at), start, end: at, segments } : undefined;
}

/** Every reference in a text, left to right. */
export function findReferences(text: string): Reference[] {
  const found: Reference[] = [];
  let at = text.indexOf('$.');
  while (at >= 0) {
    const ref = readReference(text, at);
    if (ref) found.push(ref);
    at = text.indexOf('$.', ref ? ref.end : at + 2);
  }
  return found;
}

export function isKnownRoot(ref: Reference): boolean {
  return ROOTS.has(ref.segments[0] ?? '');
}

/** Whether a text contains any `$.` (a static field must not). */
export function hasReference(text: string): boolean {
  return text.includes('$.');
}

/** The single reference a value consists of, or undefined when the value is anything else. */
export function asSingleReference(value: string): Reference | undefined {
  const ref = readReference(value, 0);
  return ref && ref.end === value.length ? ref : undefined;
}
