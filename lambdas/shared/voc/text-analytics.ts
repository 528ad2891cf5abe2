import type { PiiEntitySpan } from './pii';

/**
 * Port to a text-analytics engine. Implemented by {@link ComprehendTextAnalytics} (AWS) and by
 * {@link LexiconSentimentApproximation} (offline; NOT Comprehend, see its docs), whose English PII
 * entities come from {@link PatternPiiApproximation} (offline; NOT Comprehend either).
 *
 * Every document handed to an adapter is already under 5,000 UTF-8 bytes. Batch methods take any
 * number of documents (the adapter splits them into requests of at most 25) and return one
 * {@link DocResult} per document, in order: a document can fail while the others succeed.
 */
export interface TextAnalytics extends PiiEntityDetector {
  /** Shown in logs and reports (`comprehend`, `lexicon-approximation`). */
  readonly engine: string;
  detectDominantLanguage(texts: readonly string[]): Promise<DocResult<string>[]>;
  detectSentiment(language: string, texts: readonly string[]): Promise<DocResult<SentimentResult>[]>;
  detectKeyPhrases(language: string, texts: readonly string[]): Promise<DocResult<KeyPhrase[]>[]>;
}

/**
 * The PII-entity part of the port (Comprehend DetectPiiEntities; offline:
 * {@link PatternPiiApproximation}, NOT Comprehend). It is the English layer of the shared redactor
 * (lambdas/shared/pii/redactor.ts), called with `en` on the Latin-script stretches of every message.
 */
export interface PiiEntityDetector {
  /** Whether {@link detectPiiEntities} can be called for this language. */
  supportsPii(language: string): boolean;
  /** One document per request (there is no batch PII API). Offsets are code points. */
  detectPiiEntities(language: string, text: string): Promise<PiiEntitySpan[]>;
}

export const SENTIMENTS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export interface SentimentScores {
  positive: number;
  negative: number;
  neutral: number;
  mixed: number;
}

export interface SentimentResult {
  sentiment: Sentiment;
  scores: SentimentScores;
}

export interface KeyPhrase {
  text: string;
  score: number;
}

export type DocResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Languages Comprehend supports for sentiment and key phrases. */
export const ANALYZABLE_LANGUAGES: ReadonlySet<string> = new Set([
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'ar',
  'hi',
  'ja',
  'ko',
  'zh',
  'zh-TW',
]);

/** Comprehend bills units of 100 characters, at least 3 units per document. */
export function billedUnits(text: string): number {
  return Math.max(3, Math.ceil(Array.from(text).length / 100));
}
