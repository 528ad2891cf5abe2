/**
 * VOC analyzer bench: Comprehend requests and billed units per 1,000 documents, counted through a
 * mocked Comprehend client (aws-sdk-client-mock; no network), next to one request per document;
 * and local `voc ingest` throughput (offline lexicon approximation + DuckDB Parquet lake).
 *
 *   npx tsx bench/voc-analyzer.ts        → prints figures, writes bench/results/voc-analyzer.json
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectPiiEntitiesCommand,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { KeyedDigest } from '../lambdas/shared/pii/keyed-digest';
import { PiiRedactor } from '../lambdas/shared/pii/redactor';
import { VocAnalyzer } from '../lambdas/shared/voc/analyzer';
import { ComprehendTextAnalytics } from '../lambdas/shared/voc/comprehend-text-analytics';
import { InMemoryVocLedger } from '../lambdas/shared/voc/in-memory-voc-ledger';
import type { VocMessage } from '../lambdas/shared/voc/message';
import { billedUnits } from '../lambdas/shared/voc/text-analytics';
import { generateDemoVocHistory } from '../local/voc/demo-history';
import { ingestVocMessages } from '../local/voc/ingest';

const DOCS = 1000;

function corpus(n: number): VocMessage[] {
  // Demo history (ja/en, 85 % with a stated language) plus every 10th text made long (≈1,200 chars).
  return generateDemoVocHistory({
    days: Math.ceil(n / 50),
    perDay: 50,
    seed: 42,
    until: new Date('2025-06-30T00:00:00Z'),
  })
    .slice(0, n)
    .map((m, i) => (i % 10 === 0 ? { ...m, text: m.text.repeat(Math.ceil(1200 / m.text.length)) } : m));
}

async function comprehendFigures(messages: VocMessage[], perCall: number) {
  const mock = mockClient(ComprehendClient);
  mock.on(BatchDetectSentimentCommand).callsFake((input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((_t, Index) => ({
      Index,
      Sentiment: 'NEUTRAL',
      SentimentScore: { Positive: 0.1, Negative: 0.1, Neutral: 0.8, Mixed: 0 },
    })),
    ErrorList: [],
  }));
  mock.on(BatchDetectKeyPhrasesCommand).callsFake((input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((_t, Index) => ({ Index, KeyPhrases: [{ Text: '配送', Score: 0.9 }] })),
    ErrorList: [],
  }));
  mock.on(BatchDetectDominantLanguageCommand).callsFake((input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((t, Index) => ({
      Index,
      Languages: [{ LanguageCode: /[ぁ-んァ-ン一-龯]/.test(t) ? 'ja' : 'en', Score: 0.99 }],
    })),
    ErrorList: [],
  }));
  mock.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
  const analytics = new ComprehendTextAnalytics(new ComprehendClient({}));
  const analyzer = new VocAnalyzer({
    analytics,
    redactor: await PiiRedactor.create({ english: analytics }),
    digest: new KeyedDigest('bench-digest-key-of-at-least-32-bytes'),
    lake: { put: async () => ({ failedSourceIds: [] }) },
    ledger: new InMemoryVocLedger(),
  });
  for (let i = 0; i < messages.length; i += perCall) {
    await analyzer.analyze(messages.slice(i, i + perCall).map((m, k) => ({ recordId: String(i + k), messages: [m] })));
  }
  const calls = (c: unknown) => mock.commandCalls(c as typeof BatchDetectSentimentCommand).length;
  const batchRequests =
    calls(BatchDetectSentimentCommand) +
    calls(BatchDetectKeyPhrasesCommand) +
    calls(BatchDetectDominantLanguageCommand);
  const u = analytics.usage;
  const batchUnits =
    (u.billedUnits.BatchDetectSentiment ?? 0) +
    (u.billedUnits.BatchDetectKeyPhrases ?? 0) +
    (u.billedUnits.BatchDetectDominantLanguage ?? 0);
  mock.restore();
  return {
    messagesPerAnalyzerCall: perCall,
    batchRequests,
    byApi: {
      BatchDetectDominantLanguage: calls(BatchDetectDominantLanguageCommand),
      BatchDetectSentiment: calls(BatchDetectSentimentCommand),
      BatchDetectKeyPhrases: calls(BatchDetectKeyPhrasesCommand),
    },
    documentsSent: u.documents,
    batchBilledUnits: batchUnits,
    piiSingleRequests: calls(DetectPiiEntitiesCommand),
    piiBilledUnits: u.billedUnits.DetectPiiEntities ?? 0,
  };
}

async function main() {
  const messages = corpus(DOCS);
  const unknown = messages.filter((m) => !m.language).length;
  // One request per document and API: sentiment + key phrases for all, language detection for unknowns,
  // each document cut to its first 500 characters for sentiment (what a single DetectSentiment reads).
  const singleRequests = DOCS * 2 + unknown;
  const singleUnits = messages.reduce(
    (s, m) =>
      s +
      billedUnits(Array.from(m.text).slice(0, 500).join('')) +
      billedUnits(m.text) +
      (m.language ? 0 : billedUnits(m.text)),
    0,
  );
  const lambdaPath25 = await comprehendFigures(messages, 25);
  const lambdaPath = await comprehendFigures(messages, 100);
  const ingestPath = await comprehendFigures(messages, 500);

  const home = mkdtempSync(join(tmpdir(), 'voc-bench-'));
  const ingestDocs = corpus(5000).map((m, i) => ({ ...m, sourceId: `bench-${i}` }));
  const t0 = performance.now();
  const summary = await ingestVocMessages(ingestDocs, { home });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(home, { recursive: true, force: true });

  const result = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    documents: DOCS,
    languageUnknown: unknown,
    englishDocuments: messages.filter((m) => /[a-z]{3}/i.test(m.text) && !/[ぁ-ん]/.test(m.text)).length,
    oneRequestPerDocument: { requests: singleRequests, billedUnits: singleUnits },
    lambdaSqsBatchOf25: lambdaPath25,
    lambdaSqsBatchOf100: lambdaPath,
    localIngest500PerCall: ingestPath,
    targetBatchRequestsPer1000: 120,
    localIngest: {
      documents: ingestDocs.length,
      analyzed: summary.analyzed,
      seconds: Number(seconds.toFixed(2)),
      documentsPerSecond: Math.round(summary.analyzed / seconds),
      engine: summary.engine,
    },
  };
  console.log(`VOC analyzer bench — ${DOCS} documents (${unknown} without a language, 10 % long texts)`);
  console.log(`  one request per document : ${singleRequests} requests, ${singleUnits} billed units`);
  for (const [name, r] of [
    ['Lambda (SQS batches of 25)', lambdaPath25],
    ['Lambda (SQS batches of 100, as deployed)', lambdaPath],
    ['ingest (500 per call)    ', ingestPath],
  ] as const) {
    console.log(
      `  ${name}: ${r.batchRequests} batch requests (${JSON.stringify(r.byApi)}), ${r.batchBilledUnits} billed units; ` +
        `DetectPiiEntities (English, single): ${r.piiSingleRequests} requests, ${r.piiBilledUnits} units`,
    );
  }
  console.log(
    `  local ingest: ${result.localIngest.analyzed} documents in ${result.localIngest.seconds} s = ${result.localIngest.documentsPerSecond} documents/s (${summary.engine})`,
  );
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'voc-analyzer.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
