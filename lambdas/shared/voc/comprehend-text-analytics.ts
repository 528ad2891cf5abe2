import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  type BatchItemError,
  type ComprehendClient,
  DetectPiiEntitiesCommand,
  type LanguageCode,
} from '@aws-sdk/client-comprehend';
import type { PiiEntitySpan } from './pii';
import { type BackoffOptions, withBackoff } from './retry';
import {
  billedUnits,
  type DocResult,
  type KeyPhrase,
  SENTIMENTS,
  type Sentiment,
  type SentimentResult,
  type TextAnalytics,
} from './text-analytics';

/** Comprehend batch APIs take at most 25 documents per request. */
export const COMPREHEND_BATCH_SIZE = 25;

const PII_LANGUAGES = new Set(['en', 'es']);

/** Requests, documents and billed units per API, for logs and the bench. */
export interface ComprehendUsage {
  requests: Record<string, number>;
  documents: Record<string, number>;
  billedUnits: Record<string, number>;
}

/**
 * {@link TextAnalytics} on Amazon Comprehend: batch APIs in requests of 25 documents, throttling
 * and 5xx errors retried with exponential backoff and full jitter (bounded), per-document
 * `ErrorList` entries returned as failed {@link DocResult}s. Create the client with
 * `maxAttempts: 1` so this adapter alone owns retries.
 */
export class ComprehendTextAnalytics implements TextAnalytics {
  readonly engine = 'comprehend';
  readonly usage: ComprehendUsage = { requests: {}, documents: {}, billedUnits: {} };

  constructor(
    private readonly client: ComprehendClient,
    private readonly backoff: BackoffOptions = {},
  ) {}

  async detectDominantLanguage(texts: readonly string[]): Promise<DocResult<string>[]> {
    return this.batched('BatchDetectDominantLanguage', texts, async (TextList) => {
      const out = await this.client.send(new BatchDetectDominantLanguageCommand({ TextList }));
      return {
        results: (out.ResultList ?? []).map((r) => {
          const best = [...(r.Languages ?? [])].sort((a, b) => (b.Score ?? 0) - (a.Score ?? 0))[0];
          return { index: r.Index, value: best?.LanguageCode };
        }),
        errors: out.ErrorList,
      };
    });
  }

  async detectSentiment(language: string, texts: readonly string[]): Promise<DocResult<SentimentResult>[]> {
    return this.batched('BatchDetectSentiment', texts, async (TextList) => {
      const out = await this.client.send(
        new BatchDetectSentimentCommand({ TextList, LanguageCode: language as LanguageCode }),
      );
      return {
        results: (out.ResultList ?? []).map((r) => ({
          index: r.Index,
          value:
            r.Sentiment && (SENTIMENTS as readonly string[]).includes(r.Sentiment)
              ? {
                  sentiment: r.Sentiment as Sentiment,
                  scores: {
                    positive: r.SentimentScore?.Positive ?? 0,
                    negative: r.SentimentScore?.Negative ?? 0,
                    neutral: r.SentimentScore?.Neutral ?? 0,
                    mixed: r.SentimentScore?.Mixed ?? 0,
                  },
                }
              : undefined,
        })),
        errors: out.ErrorList,
      };
    });
  }

  async detectKeyPhrases(language: string, texts: readonly string[]): Promise<DocResult<KeyPhrase[]>[]> {
    return this.batched('BatchDetectKeyPhrases', texts, async (TextList) => {
      const out = await this.client.send(
        new BatchDetectKeyPhrasesCommand({ TextList, LanguageCode: language as LanguageCode }),
      );
      return {
        results: (out.ResultList ?? []).map((r) => ({
          index: r.Index,
          value: (r.KeyPhrases ?? []).flatMap((k) => (k.Text ? [{ text: k.Text, score: k.Score ?? 0 }] : [])),
        })),
        errors: out.ErrorList,
      };
    });
  }

  supportsPii(language: string): boolean {
    return PII_LANGUAGES.has(language);
  }

  async detectPiiEntities(language: string, text: string): Promise<PiiEntitySpan[]> {
    this.count('DetectPiiEntities', [text]);
    const out = await withBackoff(
      () => this.client.send(new DetectPiiEntitiesCommand({ Text: text, LanguageCode: language as LanguageCode })),
      this.backoff,
    );
    return (out.Entities ?? []).flatMap((e) =>
      e.Type !== undefined && e.BeginOffset !== undefined && e.EndOffset !== undefined
        ? [{ type: e.Type, begin: e.BeginOffset, end: e.EndOffset, score: e.Score }]
        : [],
    );
  }

  private count(api: string, texts: readonly string[]) {
    this.usage.requests[api] = (this.usage.requests[api] ?? 0) + 1;
    this.usage.documents[api] = (this.usage.documents[api] ?? 0) + texts.length;
    this.usage.billedUnits[api] = (this.usage.billedUnits[api] ?? 0) + texts.reduce((s, t) => s + billedUnits(t), 0);
  }

  private async batched<T>(
    api: string,
    texts: readonly string[],
    call: (
      batch: string[],
    ) => Promise<{ results: { index?: number; value?: T }[]; errors?: BatchItemError[] | undefined }>,
  ): Promise<DocResult<T>[]> {
    const all: DocResult<T>[] = [];
    for (let start = 0; start < texts.length; start += COMPREHEND_BATCH_SIZE) {
      const batch = texts.slice(start, start + COMPREHEND_BATCH_SIZE);
      this.count(api, batch);
      const { results, errors } = await withBackoff(() => call(batch), this.backoff);
      const slot: (DocResult<T> | undefined)[] = new Array(batch.length).fill(undefined);
      for (const r of results) {
        if (r.index !== undefined && r.value !== undefined) slot[r.index] = { ok: true, value: r.value };
      }
      for (const e of errors ?? []) {
        if (e.Index !== undefined) slot[e.Index] = { ok: false, error: `${e.ErrorCode}: ${e.ErrorMessage}` };
      }
      all.push(...slot.map((s) => s ?? { ok: false as const, error: `${api} returned no result for the document` }));
    }
    return all;
  }
}
