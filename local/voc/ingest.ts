import { readFileSync } from 'node:fs';
import type { KeyedDigest } from '../../lambdas/shared/pii/keyed-digest';
import { PiiRedactor } from '../../lambdas/shared/pii/redactor';
import type { Alerts } from '../../lambdas/shared/voc/alerts';
import { type AnalysisCounts, type AnalyzerInput, VocAnalyzer } from '../../lambdas/shared/voc/analyzer';
import { LexiconSentimentApproximation } from '../../lambdas/shared/voc/lexicon-sentiment-approximation';
import { describeZodError, type VocMessage, VocMessageSchema } from '../../lambdas/shared/voc/message';
import type { SentimentRecorder } from '../../lambdas/shared/voc/sentiment-recorder';
import type { TextAnalytics } from '../../lambdas/shared/voc/text-analytics';
import type { VocLake } from '../../lambdas/shared/voc/voc-lake';
import type { VocLedger } from '../../lambdas/shared/voc/voc-ledger';
import { contactCenterHome } from '../cli/local-runtime';
import { loadLocalConfig } from '../runtime/config';
import { FileVocLedger, vocLedgerPath } from './file-voc-ledger';
import { localDigestKey } from './local-digest-key';
import { LocalVocLake, vocLakeDir } from './local-lake';

export interface LocalIngestOptions {
  /** @default CONTACT_CENTER_HOME or .contact-center/ */
  home?: string;
  /**
   * @default the offline {@link LexiconSentimentApproximation} with its English PII detector
   * `PatternPiiApproximation` (both NOT Comprehend)
   */
  analytics?: TextAnalytics;
  lake?: VocLake;
  ledger?: VocLedger;
  /** @default the shared redactor with `analytics` as its English PII detector */
  redactor?: PiiRedactor;
  /** @default the key generated into `<home>/voc/digest-key` on first use */
  digest?: KeyedDigest;
  /** Optional: update interactions' sentiment (`voc ingest` passes the local DynamoDB customer store). */
  sentiment?: SentimentRecorder;
  /** Optional: where alerts go (`voc ingest` passes `FileVocAlerts` on `<home>/voc/alerts.jsonl`). */
  alerts?: Alerts;
  /** Messages analyzed per analyzer call (one Parquet file per call and day). @default 500 */
  batchSize?: number;
  /** The center's time zone: lake partitions are its days. @default the configured one (cdk.json) */
  timeZone?: string;
  /**
   * Where a message the analyzer failed goes (as it would end in the SQS dead-letter queue on AWS):
   * `voc ingest` appends it to the local `voc` dead-letter journal. @default - only reported
   */
  onDeadLetter?: (message: VocMessage, reason: string) => void;
}

export interface InvalidLine {
  line: number;
  reason: string;
}

export interface IngestSummary {
  lines: number;
  valid: number;
  invalid: InvalidLine[];
  analyzed: number;
  duplicates: number;
  failed: { sourceId: string; reason: string }[];
  alerts: number;
  sentimentsRecorded: number;
  redactions: AnalysisCounts['redactions'];
  engine: string;
  /** Engine of the English PII entities (`pattern-pii-approximation` offline, `comprehend` on AWS, `none`). */
  piiEngine: string;
  lakeDir: string;
}

/** Parses JSON lines; blank lines are skipped, invalid ones reported by 1-based line number. */
export function parseVocJsonLines(text: string): {
  messages: { line: number; message: VocMessage }[];
  invalid: InvalidLine[];
  lines: number;
} {
  const messages: { line: number; message: VocMessage }[] = [];
  const invalid: InvalidLine[] = [];
  const lines = text.split(/\r?\n/);
  let count = 0;
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    count++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      invalid.push({ line: i + 1, reason: `not JSON (${(err as Error).message})` });
      return;
    }
    const parsed = VocMessageSchema.safeParse(json);
    if (parsed.success) messages.push({ line: i + 1, message: parsed.data });
    else invalid.push({ line: i + 1, reason: describeZodError(parsed.error) });
  });
  return { messages, invalid, lines: count };
}

/** Runs messages through the same analyzer as the Lambda, with local adapters. */
export async function ingestVocMessages(
  messages: readonly VocMessage[],
  options: LocalIngestOptions = {},
): Promise<IngestSummary> {
  const home = options.home ?? contactCenterHome();
  const analytics = options.analytics ?? new LexiconSentimentApproximation();
  const lakeDir = vocLakeDir(home);
  const redactor =
    options.redactor ?? (await PiiRedactor.create({ english: analytics.supportsPii('en') ? analytics : null }));
  const analyzer = new VocAnalyzer({
    analytics,
    redactor,
    digest: options.digest ?? localDigestKey(home),
    lake: options.lake ?? new LocalVocLake(lakeDir),
    ledger: options.ledger ?? new FileVocLedger(vocLedgerPath(home)),
    sentiment: options.sentiment,
    alerts: options.alerts,
    options: { timeZone: options.timeZone ?? loadLocalConfig().timeZone },
  });
  const summary: IngestSummary = {
    lines: messages.length,
    valid: messages.length,
    invalid: [],
    analyzed: 0,
    duplicates: 0,
    failed: [],
    alerts: 0,
    sentimentsRecorded: 0,
    redactions: {},
    engine: analytics.engine,
    piiEngine: (analytics as { piiEngine?: string }).piiEngine ?? analytics.engine,
    lakeDir,
  };
  const size = options.batchSize ?? 500;
  for (let start = 0; start < messages.length; start += size) {
    const inputs: AnalyzerInput[] = messages
      .slice(start, start + size)
      .map((m, k) => ({ recordId: `${start + k}`, messages: [m] }));
    const { outcomes, counts } = await analyzer.analyze(inputs);
    summary.analyzed += counts.analyzed;
    summary.duplicates += counts.duplicates;
    summary.alerts += counts.alerts;
    summary.sentimentsRecorded += counts.sentimentsRecorded;
    for (const [k, n] of Object.entries(counts.redactions)) summary.redactions[k] = (summary.redactions[k] ?? 0) + n;
    for (const input of inputs) {
      const o = outcomes.get(input.recordId);
      if (o?.status === 'failed' && 'messages' in input) {
        const reason = o.reason ?? 'failed';
        summary.failed.push({ sourceId: input.messages[0]?.sourceId ?? input.recordId, reason });
        for (const message of input.messages) options.onDeadLetter?.(message, reason);
      }
    }
  }
  return summary;
}

/** `voc ingest FILE.jsonl`: invalid lines are reported and skipped, the rest analyzed. */
export async function ingestVocFile(file: string, options: LocalIngestOptions = {}): Promise<IngestSummary> {
  const text = readFileSync(file, 'utf8');
  const { messages, invalid, lines } = parseVocJsonLines(text);
  const summary = await ingestVocMessages(
    messages.map((m) => m.message),
    options,
  );
  return { ...summary, lines, valid: messages.length, invalid };
}
