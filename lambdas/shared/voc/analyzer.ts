import { DEFAULT_CENTER_TIME_ZONE, localDay } from '../local-day';
import { type KeyedDigest, lakeCustomerId, lakeSourceId } from '../pii/keyed-digest';
import type { PiiRedactor } from '../pii/redactor';
import { type PiiCounts, PLACEHOLDER } from '../pii/spans';
import { truncateChars } from '../truncate-chars';
import type { Alerts } from './alerts';
import { shortLanguage, type VocMessage } from './message';
import type { SentimentRecorder } from './sentiment-recorder';
import { chunkText, cutToBytes, MAX_DOCUMENT_BYTES, SENTIMENT_CHUNK_CHARS } from './text';
import {
  ANALYZABLE_LANGUAGES,
  type DocResult,
  type KeyPhrase,
  type SentimentResult,
  type TextAnalytics,
} from './text-analytics';
import type { VocLake, VocLakeRecord } from './voc-lake';
import type { VocLedger } from './voc-ledger';

/**
 * The VOC analysis domain, shared by the Lambda (SQS batches) and `voc ingest` (local files).
 *
 * For a batch of messages: claim each source id in the ledger (duplicates stop here) → redact PII
 * with the shared {@link PiiRedactor} (patterns, Japanese names and addresses, English entities on
 * every Latin-script stretch: one request per message that has one) → detect the language of those
 * without one (batch) → sentiment over ≤ 500-character chunks and key phrases over
 * ≤ 4,999-byte chunks, in batches of 25 per language → record the interaction's sentiment → alert on
 * strongly negative gold/platinum messages → write lake records → complete the claims.
 * Nothing personal leaves: key phrases and alert excerpts are redacted again after extraction, the
 * source id becomes a keyed digest, a customer id that is not opaque too, and the queue is redacted.
 * Any failure of one message (a per-document ErrorList entry, a lake write) fails only the
 * record(s) that carried it; their claims are released so the redelivery is analyzed again.
 */

export interface AnalyzerOptions {
  /** Sentiment chunks per message (each ≤ 500 characters). @default 4 (the first 2,000 characters) */
  maxSentimentChunks: number;
  /** Key-phrase chunks per message (each ≤ 4,999 bytes). @default 2 */
  maxKeyPhraseChunks: number;
  /** Key phrases kept per message. @default 10 */
  maxKeyPhrases: number;
  /** Alert when a gold/platinum message is NEGATIVE with at least this negative score. @default 0.75 */
  alertNegativeScore: number;
  /** Tiers that trigger alerts. @default ['gold', 'platinum'] */
  alertTiers: readonly string[];
  /** Parallel single-document PII requests. @default 4 */
  piiConcurrency: number;
  /** The center's time zone: the lake's `dt` partition is the message's day there. @default 'Asia/Tokyo' */
  timeZone: string;
}

/** The part of a message that is redacted and kept: the lake's 4,999 bytes and two key-phrase chunks. */
const REDACTED_TEXT_BYTES = 2 * MAX_DOCUMENT_BYTES;
/** Redacted beyond the cut, so that a phone or card number straddling it is recognized whole. */
const REDACTION_MARGIN_BYTES = 400;

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = {
  maxSentimentChunks: 4,
  maxKeyPhraseChunks: 2,
  maxKeyPhrases: 10,
  alertNegativeScore: 0.75,
  alertTiers: ['gold', 'platinum'],
  piiConcurrency: 4,
  timeZone: DEFAULT_CENTER_TIME_ZONE,
};

export interface AnalyzerDeps {
  analytics: TextAnalytics;
  /** The one redaction module (lambdas/shared/pii), built once per container / process. */
  redactor: PiiRedactor;
  /** Keyed digests of source ids (and of customer ids that are not opaque) for the lake and alerts. */
  digest: KeyedDigest;
  lake: VocLake;
  ledger: VocLedger;
  sentiment?: SentimentRecorder;
  alerts?: Alerts;
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;
  options?: Partial<AnalyzerOptions>;
}

/** One delivery unit (an SQS record, a line of a file): zero or more messages, or a parse error. */
export type AnalyzerInput = { recordId: string; messages: readonly VocMessage[] } | { recordId: string; error: string };

export interface RecordOutcome {
  status: 'ok' | 'failed';
  /** Why the record failed (first reason). */
  reason?: string;
}

export interface AnalysisCounts {
  /** Messages seen (after parsing). */
  received: number;
  /** Messages written to the lake by this call. */
  analyzed: number;
  /** Messages skipped because their source id was already analyzed (or repeated in this batch). */
  duplicates: number;
  /** Messages (or unparseable records) that failed and will be retried / reported. */
  failed: number;
  /** Alerts published. */
  alerts: number;
  /** Interactions whose sentiment was updated. */
  sentimentsRecorded: number;
  /** Redacted PII by kind (`PHONE`, `NAME`…), whichever layer found it. */
  redactions: PiiCounts;
  /** Single-document DetectPiiEntities requests made (English stretches). */
  piiRequests: number;
}

export interface AnalysisResult {
  outcomes: Map<string, RecordOutcome>;
  counts: AnalysisCounts;
  /** Lake records written by this call. */
  records: VocLakeRecord[];
}

interface Item {
  recordId: string;
  message: VocMessage;
  failed?: string;
  text?: string;
  /** What the redactor removed from this message, per kind (the lake's `pii_counts`). */
  piiCounts?: PiiCounts;
  language?: string;
  sentiment?: SentimentResult;
  keyPhrases?: string[];
  record?: VocLakeRecord;
}

export class VocAnalyzer {
  private readonly options: AnalyzerOptions;
  private readonly now: () => Date;

  constructor(private readonly deps: AnalyzerDeps) {
    this.options = { ...DEFAULT_ANALYZER_OPTIONS, ...deps.options };
    this.now = deps.now ?? (() => new Date());
  }

  async analyze(inputs: readonly AnalyzerInput[]): Promise<AnalysisResult> {
    const counts: AnalysisCounts = {
      received: 0,
      analyzed: 0,
      duplicates: 0,
      failed: 0,
      alerts: 0,
      sentimentsRecorded: 0,
      redactions: {},
      piiRequests: 0,
    };
    const outcomes = new Map<string, RecordOutcome>();
    const fail = (recordId: string, reason: string) => {
      if (outcomes.get(recordId)?.status !== 'failed') outcomes.set(recordId, { status: 'failed', reason });
    };

    // 1. Flatten, drop in-batch repeats, claim.
    const seen = new Set<string>();
    const candidates: Item[] = [];
    for (const input of inputs) {
      outcomes.set(input.recordId, { status: 'ok' });
      if ('error' in input) {
        counts.failed++;
        fail(input.recordId, input.error);
        continue;
      }
      for (const message of input.messages) {
        counts.received++;
        if (seen.has(message.sourceId)) {
          counts.duplicates++;
          continue;
        }
        seen.add(message.sourceId);
        candidates.push({ recordId: input.recordId, message });
      }
    }
    const now = this.now();
    const items: Item[] = [];
    await Promise.all(
      candidates.map(async (item) => {
        let claim: Awaited<ReturnType<VocLedger['claim']>>;
        try {
          claim = await this.deps.ledger.claim(item.message.sourceId, now);
        } catch (err) {
          claim = 'in_progress';
          this.log('error', 'ledger claim failed', {
            sourceDigest: this.sourceDigest(item.message),
            error: String(err),
          });
        }
        if (claim === 'duplicate') counts.duplicates++;
        else if (claim === 'in_progress') {
          counts.failed++;
          fail(item.recordId, `source ${this.sourceDigest(item.message)} is being analyzed by another attempt`);
        } else items.push(item);
      }),
    );
    // Keep input order (Promise.all above completes in any order).
    const order = new Map(candidates.map((c, i) => [c, i]));
    items.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

    try {
      await this.analyzeClaimed(items, counts);
    } catch (err) {
      // An unexpected error (not a per-document one): fail everything still pending.
      for (const item of items) item.failed ??= `analysis failed: ${String(err)}`;
    }

    // 2. Lake write, then complete or release the claims.
    const ready = items.filter((i) => !i.failed && i.record);
    if (ready.length > 0) {
      try {
        const { failedSourceIds } = await this.deps.lake.put(ready.map((i) => i.record as VocLakeRecord));
        const lakeFailed = new Set(failedSourceIds);
        for (const item of ready) {
          if (lakeFailed.has((item.record as VocLakeRecord).source_id))
            item.failed = 'the lake did not accept the record';
        }
      } catch (err) {
        for (const item of ready) item.failed = `lake write failed: ${String(err)}`;
      }
    }
    const records: VocLakeRecord[] = [];
    const done = this.now();
    await Promise.all(
      items.map(async (item) => {
        if (item.failed) {
          counts.failed++;
          fail(item.recordId, item.failed);
          await this.deps.ledger.release(item.message.sourceId).catch((err) => {
            this.log('warn', 'ledger release failed (the claim expires on its own)', {
              sourceDigest: this.sourceDigest(item.message),
              error: String(err),
            });
          });
          return;
        }
        counts.analyzed++;
        records.push(item.record as VocLakeRecord);
        try {
          await this.deps.ledger.complete(item.message.sourceId, done);
        } catch (err) {
          // The record is in the lake; a redelivery after the lease expires could write it again.
          this.log('error', 'ledger complete failed after the lake write', {
            sourceDigest: this.sourceDigest(item.message),
            error: String(err),
          });
        }
      }),
    );
    return { outcomes, counts, records };
  }

  private async analyzeClaimed(items: Item[], counts: AnalysisCounts): Promise<void> {
    const o = this.options;
    // Redaction first: nothing below (Comprehend sentiment, logs, lake, alerts) sees the raw text.
    // Only the first REDACTED_TEXT_BYTES are ever used (lake text, key-phrase chunks), so only they are
    // redacted; the cut is made after redaction so that no number is cut in half and leaks its part.
    for (let start = 0; start < items.length; start += o.piiConcurrency) {
      await Promise.all(
        items.slice(start, start + o.piiConcurrency).map(async (item) => {
          try {
            const prefix = cutToBytes(item.message.text, REDACTED_TEXT_BYTES + REDACTION_MARGIN_BYTES);
            const r = await this.deps.redactor.redact(prefix);
            counts.piiRequests += r.englishRequests;
            for (const [k, n] of Object.entries(r.counts)) counts.redactions[k] = (counts.redactions[k] ?? 0) + n;
            item.piiCounts = r.counts;
            item.text = cutToBytes(r.text, REDACTED_TEXT_BYTES);
            item.language = shortLanguage(item.message.language);
          } catch (err) {
            item.failed = `PII detection failed: ${String((err as Error).name ?? err)}`;
          }
        }),
      );
    }

    // Dominant language, only for messages without one.
    const unknown = items.filter((i) => !i.failed && i.language === undefined);
    if (unknown.length > 0) {
      const detected = await this.deps.analytics.detectDominantLanguage(
        unknown.map((i) => cutToBytes(i.text ?? '', MAX_DOCUMENT_BYTES)),
      );
      unknown.forEach((item, k) => {
        const r = detected[k];
        if (r?.ok) item.language = r.value;
        else item.failed = `language detection failed: ${r?.error ?? 'no result'}`;
      });
    }

    // Sentiment and key phrases, grouped by language, in batches of 25 documents.
    const byLanguage = new Map<string, Item[]>();
    for (const item of items) {
      if (item.failed) continue;
      const lang = item.language ?? '';
      if (!ANALYZABLE_LANGUAGES.has(lang)) {
        item.keyPhrases = [];
        continue;
      }
      byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), item]);
    }
    for (const [language, group] of byLanguage) {
      const sentimentDocs = group.map((item) =>
        chunkText(item.text ?? '', { maxChars: SENTIMENT_CHUNK_CHARS, maxChunks: o.maxSentimentChunks }),
      );
      const phraseDocs = group.map((item) =>
        chunkText(item.text ?? '', { maxBytes: MAX_DOCUMENT_BYTES, maxChunks: o.maxKeyPhraseChunks }),
      );
      const sentiments = await this.perItem(group, sentimentDocs, (docs) =>
        this.deps.analytics.detectSentiment(language, docs),
      );
      const phrases = await this.perItem(group, phraseDocs, (docs) =>
        this.deps.analytics.detectKeyPhrases(language, docs),
      );
      group.forEach((item, k) => {
        const s = sentiments[k] ?? [];
        const p = phrases[k] ?? [];
        const error = [...s, ...p].find((r) => !r.ok);
        if (error && !error.ok) {
          item.failed = `Comprehend rejected the document: ${error.error}`;
          return;
        }
        const chunks = sentimentDocs[k] ?? [];
        item.sentiment = aggregateSentiment(
          s.map((r, j) => ({
            result: (r as { value: SentimentResult }).value,
            weight: Array.from(chunks[j] ?? '').length,
          })),
        );
        // Redacted again after extraction: a phrase must not carry what the text-level pass missed.
        item.keyPhrases = mergeKeyPhrases(
          p.map((r) => {
            const phrases = (r as { value: KeyPhrase[] }).value;
            const redacted = this.deps.redactor.redactManyLocally(phrases.map((k) => k.text));
            return phrases.map((k, j) => ({ ...k, text: redacted[j] ?? '' }));
          }),
          language,
          o.maxKeyPhrases,
        );
      });
    }

    // Lake records, sentiment on the interaction, alerts.
    for (const item of items) {
      if (item.failed) continue;
      item.record = toLakeRecord(item, this.lakeIds(item.message), this.options.timeZone);
    }
    await Promise.all(
      items
        .filter((i) => !i.failed && i.sentiment)
        .map(async (item) => {
          const m = item.message;
          const s = item.sentiment as SentimentResult;
          try {
            if (this.deps.sentiment && (await this.deps.sentiment.record(m.sourceId, s.sentiment))) {
              counts.sentimentsRecorded++;
            }
            if (
              this.deps.alerts &&
              m.customerId &&
              m.tier &&
              o.alertTiers.includes(m.tier) &&
              s.sentiment === 'NEGATIVE' &&
              s.scores.negative >= o.alertNegativeScore
            ) {
              await this.deps.alerts.publish({
                sourceId: (item.record as VocLakeRecord).source_id,
                // The lake's opaque id: an email given as a customer id does not travel in an alert either.
                customerId: (item.record as VocLakeRecord).customer_id as string,
                tier: m.tier,
                channel: m.channel,
                at: item.record?.at ?? m.at,
                scoreNegative: s.scores.negative,
                excerpt: this.deps.redactor.redactLocally(truncateChars(item.text ?? '', 200).text).text,
              });
              counts.alerts++;
            }
          } catch (err) {
            item.failed = `recording sentiment or alerting failed: ${String(err)}`;
          }
        }),
    );
  }

  /** Flattens each item's chunks into one document list, calls `detect`, and regroups per item. */
  private async perItem<T>(
    group: Item[],
    docsPerItem: string[][],
    detect: (docs: string[]) => Promise<DocResult<T>[]>,
  ): Promise<DocResult<T>[][]> {
    const flat = docsPerItem.flat();
    const results = flat.length > 0 ? await detect(flat) : [];
    const out: DocResult<T>[][] = [];
    let offset = 0;
    for (let k = 0; k < group.length; k++) {
      const n = docsPerItem[k]?.length ?? 0;
      out.push(results.slice(offset, offset + n));
      offset += n;
    }
    return out;
  }

  /** The lake's (and the logs') name for a message: never the producer's id, which may hold an address. */
  private sourceDigest(m: VocMessage): string {
    return lakeSourceId(this.deps.digest, m.sourceId);
  }

  /** The lake's names for the message's identifiers and free text: digests, opaque ids, redacted text. */
  private lakeIds(m: VocMessage): LakeIds {
    const redactor = this.deps.redactor;
    return {
      sourceId: this.sourceDigest(m),
      customerId: m.customerId ? lakeCustomerId(this.deps.digest, redactor, m.customerId) : null,
      queue: m.queue ? redactor.redactLocally(m.queue).text : null,
    };
  }

  private log(level: 'info' | 'warn' | 'error', message: string, extra: Record<string, unknown>) {
    this.deps.log?.(level, message, extra);
  }
}

/** Chunk scores averaged with weights = chunk length; the label is the highest averaged score. */
export function aggregateSentiment(parts: { result: SentimentResult; weight: number }[]): SentimentResult | undefined {
  const total = parts.reduce((s, p) => s + p.weight, 0);
  if (parts.length === 0 || total === 0) return parts[0]?.result;
  if (parts.length === 1) return parts[0]?.result;
  const avg = (k: keyof SentimentResult['scores']) =>
    parts.reduce((s, p) => s + p.result.scores[k] * p.weight, 0) / total;
  const scores = { positive: avg('positive'), negative: avg('negative'), neutral: avg('neutral'), mixed: avg('mixed') };
  const labels = [
    ['POSITIVE', scores.positive],
    ['NEGATIVE', scores.negative],
    ['NEUTRAL', scores.neutral],
    ['MIXED', scores.mixed],
  ] as const;
  const best = labels.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { sentiment: best[0], scores };
}

/** Deduplicated (case-insensitively for Latin text), best score first, at most `max`. */
export function mergeKeyPhrases(lists: KeyPhrase[][], language: string, max: number): string[] {
  const best = new Map<string, KeyPhrase>();
  for (const list of lists) {
    for (const p of list) {
      // Drop redaction placeholders ([PHONE], [NAME]…) the engine may have picked up.
      const text = p.text.replace(PLACEHOLDER, ' ').trim().replace(/\s+/g, ' ');
      if (!text) continue;
      const key = language === 'ja' ? text : text.toLowerCase();
      const prev = best.get(key);
      if (!prev || p.score > prev.score) best.set(key, { text: key, score: p.score });
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .map((p) => p.text);
}

interface LakeIds {
  sourceId: string;
  customerId: string | null;
  queue: string | null;
}

function toLakeRecord(item: Item, ids: LakeIds, timeZone: string): VocLakeRecord {
  const m = item.message;
  const at = new Date(m.at).toISOString();
  const s = item.sentiment;
  return {
    source_id: ids.sourceId,
    channel: m.channel,
    customer_id: ids.customerId,
    tier: m.tier ?? null,
    queue: ids.queue,
    language: item.language ?? 'und',
    at,
    dt: localDay(at, timeZone),
    sentiment: s?.sentiment ?? null,
    score_positive: s?.scores.positive ?? null,
    score_negative: s?.scores.negative ?? null,
    score_neutral: s?.scores.neutral ?? null,
    score_mixed: s?.scores.mixed ?? null,
    key_phrases: item.keyPhrases ?? [],
    text_redacted: cutToBytes(item.text ?? '', MAX_DOCUMENT_BYTES),
    pii_counts: item.piiCounts ?? {},
  };
}
