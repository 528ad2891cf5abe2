import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectPiiEntitiesCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { KeyedDigest, lakeSourceId } from '../../../lambdas/shared/pii/keyed-digest';
import { PiiRedactor } from '../../../lambdas/shared/pii/redactor';
import { ComprehendTextAnalytics } from '../../../lambdas/shared/voc/comprehend-text-analytics';
import { FirehoseVocLake } from '../../../lambdas/shared/voc/firehose-voc-lake';
import { InMemoryVocLedger } from '../../../lambdas/shared/voc/in-memory-voc-ledger';
import { CustomerStoreSentimentRecorder } from '../../../lambdas/shared/voc/sentiment-recorder';
import { SnsAlerts } from '../../../lambdas/shared/voc/sns-alerts';
import type { VocLakeRecord } from '../../../lambdas/shared/voc/voc-lake';
import { createHandler } from '../../../lambdas/voc-analyzer/handler';
import { aLambdaContext } from '../../support/connect-events';
import { sqsEvent, sqsRecord, vocMessage } from './events';

const comprehend = mockClient(ComprehendClient);
const firehose = mockClient(FirehoseClient);
const sns = mockClient(SNSClient);

const context = aLambdaContext('voc-analyzer');
const noSleep = { sleep: async () => undefined, random: () => 0.5 };

/** Comprehend answers every document; `negative` decides which texts are negative. */
function answerEverything(negative: (text: string) => boolean = (t) => t.includes('困')) {
  comprehend.on(BatchDetectSentimentCommand).callsFake((input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((t, Index) =>
      negative(t)
        ? {
            Index,
            Sentiment: 'NEGATIVE',
            SentimentScore: { Positive: 0.02, Negative: 0.9, Neutral: 0.07, Mixed: 0.01 },
          }
        : {
            Index,
            Sentiment: 'POSITIVE',
            SentimentScore: { Positive: 0.8, Negative: 0.05, Neutral: 0.1, Mixed: 0.05 },
          },
    ),
    ErrorList: [],
  }));
  comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((_t, Index) => ({ Index, KeyPhrases: [{ Text: '配送', Score: 0.99 }] })),
    ErrorList: [],
  }));
  comprehend.on(BatchDetectDominantLanguageCommand).callsFake((input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((t, Index) => ({
      Index,
      Languages: [{ LanguageCode: /[ぁ-ん]/.test(t) ? 'ja' : 'en', Score: 0.99 }],
    })),
    ErrorList: [],
  }));
  comprehend.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
}

function lakeRecords(): VocLakeRecord[] {
  return firehose
    .commandCalls(PutRecordBatchCommand)
    .flatMap((c) =>
      (c.args[0].input.Records ?? []).map((r) => JSON.parse(Buffer.from(r.Data as Uint8Array).toString())),
    );
}

const digest = new KeyedDigest('test-digest-key-of-at-least-32-bytes');
let japanese: PiiRedactor;
beforeAll(async () => {
  japanese = await PiiRedactor.create({ english: null });
});

function build(
  overrides: { ledger?: InMemoryVocLedger; store?: { updateInteraction: jest.Mock }; timeZone?: string } = {},
) {
  const ledger = overrides.ledger ?? new InMemoryVocLedger();
  const store = overrides.store ?? { updateInteraction: jest.fn(async () => undefined) };
  const analytics = new ComprehendTextAnalytics(new ComprehendClient({}), noSleep);
  const handler = createHandler({
    analytics,
    // The same tokenizer, with Comprehend (mocked) as the English layer.
    redactor: japanese.withEnglish(analytics),
    digest,
    lake: new FirehoseVocLake(new FirehoseClient({}), 'voc-stream', noSleep),
    ledger,
    sentiment: new CustomerStoreSentimentRecorder(store),
    alerts: new SnsAlerts(new SNSClient({}), 'arn:aws:sns:ap-northeast-1:123456789012:voc-alerts'),
    log: () => undefined,
    ...(overrides.timeZone ? { options: { timeZone: overrides.timeZone } } : {}),
  });
  return { handler, ledger, store };
}

beforeEach(() => {
  comprehend.reset();
  firehose.reset();
  sns.reset();
  firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 0, RequestResponses: [] });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('voc-analyzer batching', () => {
  it.each([1, 25, 26, 60])('sends %i Japanese documents in ceil(n/25) requests per API', async (n) => {
    // Prepare
    answerEverything();
    const { handler } = build();
    const event = sqsEvent(Array.from({ length: n }, () => vocMessage()));
    // Act
    const result = await handler(event, context);
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, Math.ceil(n / 25));
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectKeyPhrasesCommand, Math.ceil(n / 25));
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectDominantLanguageCommand, 0);
    expect(comprehend).toHaveReceivedCommandTimes(DetectPiiEntitiesCommand, 0);
    expect(comprehend).toHaveReceivedCommandWith(BatchDetectSentimentCommand, { LanguageCode: 'ja' });
    for (const call of comprehend.commandCalls(BatchDetectSentimentCommand)) {
      expect(call.args[0].input.TextList?.length).toBeLessThanOrEqual(25);
    }
    expect(lakeRecords()).toHaveLength(n);
  });

  it('detects the language only of messages without one, in batches of 25, and groups by language', async () => {
    answerEverything();
    const { handler } = build();
    const unknownJa = Array.from({ length: 20 }, () => vocMessage({ language: undefined }));
    const unknownEn = Array.from({ length: 10 }, () =>
      vocMessage({ language: undefined, text: 'The delivery was late and nobody answered.' }),
    );
    const known = Array.from({ length: 5 }, () => vocMessage());
    const result = await handler(sqsEvent([...unknownJa, ...unknownEn, ...known]), context);
    expect(result.batchItemFailures).toEqual([]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectDominantLanguageCommand, 2);
    const detected = comprehend
      .commandCalls(BatchDetectDominantLanguageCommand)
      .map((c) => c.args[0].input.TextList?.length);
    expect(detected).toEqual([25, 5]);
    // 25 Japanese documents → 1 request; 10 English → 1 request.
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 2);
    expect(comprehend).toHaveReceivedCommandWith(BatchDetectSentimentCommand, { LanguageCode: 'en' });
    // English PII detection: one single-document request per English message.
    expect(comprehend).toHaveReceivedCommandTimes(DetectPiiEntitiesCommand, 10);
    const records = lakeRecords();
    expect(records.filter((r) => r.language === 'en')).toHaveLength(10);
    expect(records.filter((r) => r.language === 'ja')).toHaveLength(25);
  });
});

describe('voc-analyzer lake partitions', () => {
  it("partitions each message by its day in the center's time zone, not the UTC day", async () => {
    // Prepare: 00:30 and 23:30 in Tokyo on 2026-11-30 are two different UTC days.
    answerEverything();
    const early = vocMessage({ at: '2026-11-29T15:30:00Z' });
    const late = vocMessage({ at: '2026-11-30T14:30:00Z' });
    // Act
    await build().handler(sqsEvent([early, late]), context);
    await build({ timeZone: 'UTC' }).handler(sqsEvent([vocMessage({ at: '2026-11-29T15:30:00Z' })]), context);
    // Assess
    const records = lakeRecords();
    expect(records.map((r) => [r.at, r.dt])).toEqual([
      ['2026-11-29T15:30:00.000Z', '2026-11-30'],
      ['2026-11-30T14:30:00.000Z', '2026-11-30'],
      ['2026-11-29T15:30:00.000Z', '2026-11-29'],
    ]);
  });
});

describe('voc-analyzer failures', () => {
  it('fails only the message whose document is in the ErrorList', async () => {
    answerEverything();
    comprehend.on(BatchDetectSentimentCommand).callsFake((input: { TextList: string[] }) => ({
      ResultList: input.TextList.flatMap((_t, Index) =>
        Index === 1
          ? []
          : [{ Index, Sentiment: 'NEUTRAL', SentimentScore: { Positive: 0.1, Negative: 0.1, Neutral: 0.8, Mixed: 0 } }],
      ),
      ErrorList: [{ Index: 1, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'Internal server error' }],
    }));
    const { handler, ledger } = build();
    const event = sqsEvent([vocMessage(), vocMessage(), vocMessage()]);
    const result = await handler(event, context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]?.messageId }]);
    expect(lakeRecords()).toHaveLength(2);
    // The failed message's claim was released: a redelivery is analyzed, not counted as duplicate.
    const failedSource = JSON.parse(event.Records[1]?.body ?? '{}').sourceId;
    expect(ledger.completed.has(failedSource)).toBe(false);
    expect(await ledger.claim(failedSource, new Date())).toBe('claimed');
  });

  it('retries a throttled batch with backoff, then succeeds', async () => {
    answerEverything();
    comprehend
      .on(BatchDetectSentimentCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))
      .callsFake((input: { TextList: string[] }) => ({
        ResultList: input.TextList.map((_t, Index) => ({
          Index,
          Sentiment: 'POSITIVE',
          SentimentScore: { Positive: 0.9, Negative: 0, Neutral: 0.1, Mixed: 0 },
        })),
        ErrorList: [],
      }));
    const { handler } = build();
    const result = await handler(sqsEvent([vocMessage(), vocMessage()]), context);
    expect(result.batchItemFailures).toEqual([]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 2);
    expect(lakeRecords().map((r) => r.sentiment)).toEqual(['POSITIVE', 'POSITIVE']);
  });

  it('gives up after bounded retries and fails the batch records', async () => {
    answerEverything();
    comprehend
      .on(BatchDetectSentimentCommand)
      .rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    const { handler } = build();
    const event = sqsEvent([vocMessage(), vocMessage()]);
    const result = await handler(event, context);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 5);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(event.Records.map((r) => r.messageId));
    expect(firehose).toHaveReceivedCommandTimes(PutRecordBatchCommand, 0);
  });

  it('fails a record whose body is not a VOC message and names the field', async () => {
    answerEverything();
    const { handler } = build();
    const bad = sqsRecord({ sourceId: 'x', channel: 'FAX', at: '2025-04-01T00:00:00Z', text: 'hi' });
    const good = sqsRecord(vocMessage());
    const result = await handler({ Records: [bad, good] }, context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    expect(lakeRecords()).toHaveLength(1);
  });

  it('fails only the messages Firehose rejected', async () => {
    answerEverything();
    const rejected = vocMessage();
    firehose.on(PutRecordBatchCommand).callsFake((input: { Records: { Data: Uint8Array }[] }) => {
      const responses = input.Records.map((r) =>
        JSON.parse(Buffer.from(r.Data).toString()).source_id === lakeSourceId(digest, rejected.sourceId)
          ? { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'busy' }
          : { RecordId: 'ok' },
      );
      return { FailedPutCount: responses.filter((r) => 'ErrorCode' in r).length, RequestResponses: responses };
    });
    const { handler } = build();
    const event = sqsEvent([vocMessage(), rejected]);
    const result = await handler(event, context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]?.messageId }]);
    expect(firehose).toHaveReceivedCommandTimes(PutRecordBatchCommand, 3);
  });
});

describe('voc-analyzer idempotency', () => {
  it('counts a redelivered message once', async () => {
    answerEverything();
    const { handler } = build();
    const message = vocMessage({ sourceId: 'email-<abc@example.com>' });
    await handler(sqsEvent([message]), context);
    const second = await handler(sqsEvent([message, message]), context);
    expect(second.batchItemFailures).toEqual([]);
    expect(lakeRecords().filter((r) => r.source_id === lakeSourceId(digest, message.sourceId))).toHaveLength(1);
    // The Message-ID (with its address) never reaches the lake: a keyed digest stands for it.
    expect(JSON.stringify(lakeRecords())).not.toContain('example.com');
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 1);
  });

  it('counts the same source id twice in one batch once', async () => {
    answerEverything();
    const { handler } = build();
    const message = vocMessage();
    const result = await handler(sqsEvent([message, message]), context);
    expect(result.batchItemFailures).toEqual([]);
    expect(lakeRecords()).toHaveLength(1);
  });
});

describe('voc-analyzer text limits', () => {
  it('cuts > 5 KB Japanese text on character boundaries and chunks it', async () => {
    answerEverything();
    const { handler } = build();
    // 3 bytes per kanji/kana, 4 bytes per emoji: about 10 KB.
    const sentence = '商品の配送について問い合わせましたが返事がありません😞。';
    const text = sentence.repeat(120);
    expect(Buffer.byteLength(text)).toBeGreaterThan(10_000);
    const result = await handler(sqsEvent([vocMessage({ text })]), context);
    expect(result.batchItemFailures).toEqual([]);
    const sentimentDocs = comprehend.commandCalls(BatchDetectSentimentCommand)[0]?.args[0].input.TextList ?? [];
    const phraseDocs = comprehend.commandCalls(BatchDetectKeyPhrasesCommand)[0]?.args[0].input.TextList ?? [];
    expect(sentimentDocs.length).toBe(4);
    for (const d of sentimentDocs) expect(Array.from(d).length).toBeLessThanOrEqual(500);
    expect(phraseDocs.length).toBe(2);
    for (const d of [...sentimentDocs, ...phraseDocs]) {
      expect(Buffer.byteLength(d)).toBeLessThan(5000);
      expect(d).not.toContain('\uFFFD');
      expect(Buffer.from(d).toString()).toBe(d);
    }
    expect(text.startsWith(phraseDocs.join(''))).toBe(true);
    const [record] = lakeRecords();
    expect(Buffer.byteLength(record?.text_redacted ?? '')).toBeLessThan(5000);
    expect(Buffer.byteLength(record?.text_redacted ?? '')).toBeGreaterThan(4990);
    expect(text.startsWith(record?.text_redacted ?? 'x')).toBe(true);
  });
});

describe('voc-analyzer PII', () => {
  it('redacts patterns before Comprehend and entities found by DetectPiiEntities in English text', async () => {
    answerEverything();
    const text = 'Hi, this is John Smith. Call me at +1 206-555-0100 or mail john@example.com.';
    comprehend.on(DetectPiiEntitiesCommand).callsFake((input: { Text: string }) => {
      const begin = input.Text.indexOf('John Smith');
      return { Entities: [{ Type: 'NAME', BeginOffset: begin, EndOffset: begin + 'John Smith'.length, Score: 0.99 }] };
    });
    const { handler } = build();
    await handler(sqsEvent([vocMessage({ language: 'en-US', text })]), context);
    expect(comprehend).toHaveReceivedCommandTimes(DetectPiiEntitiesCommand, 1);
    expect(comprehend).toHaveReceivedCommandWith(DetectPiiEntitiesCommand, {
      LanguageCode: 'en',
      Text: 'Hi, this is John Smith. Call me at [PHONE] or mail [EMAIL].',
    });
    const sent = comprehend.commandCalls(BatchDetectSentimentCommand)[0]?.args[0].input.TextList?.[0];
    expect(sent).toBe('Hi, this is [NAME]. Call me at [PHONE] or mail [EMAIL].');
    expect(lakeRecords()[0]?.text_redacted).toBe('Hi, this is [NAME]. Call me at [PHONE] or mail [EMAIL].');
  });

  it('uses character offsets for entities after astral characters', async () => {
    answerEverything();
    const text = '😀😀 Jane Doe says thanks';
    comprehend.on(DetectPiiEntitiesCommand).resolves({
      // Comprehend counts characters: 😀😀 + space = 3, so "Jane Doe" is [3, 11).
      Entities: [{ Type: 'NAME', BeginOffset: 3, EndOffset: 11, Score: 0.98 }],
    });
    const { handler } = build();
    await handler(sqsEvent([vocMessage({ language: 'en', text })]), context);
    expect(lakeRecords()[0]?.text_redacted).toBe('😀😀 [NAME] says thanks');
  });
});

describe('voc-analyzer side effects', () => {
  it('records the sentiment on the interaction and alerts on an unhappy gold customer only', async () => {
    answerEverything();
    const store = { updateInteraction: jest.fn(async () => ({ sourceId: 'x' })) };
    const { handler } = build({ store });
    const gold = vocMessage({ customerId: 'C-0001', tier: 'gold', text: '対応に本当に困っています。' });
    const standard = vocMessage({ customerId: 'C-0002', tier: 'standard', text: '返事がなくて困っています。' });
    const happyPlatinum = vocMessage({ customerId: 'C-0003', tier: 'platinum', text: 'ありがとうございました。' });
    await handler(sqsEvent([gold, standard, happyPlatinum]), context);
    expect(store.updateInteraction).toHaveBeenCalledWith(gold.sourceId, { sentiment: 'NEGATIVE' });
    expect(store.updateInteraction).toHaveBeenCalledWith(happyPlatinum.sourceId, { sentiment: 'POSITIVE' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const published = JSON.parse(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}');
    expect(published).toMatchObject({
      customerId: 'C-0001',
      tier: 'gold',
      sourceId: lakeSourceId(digest, gold.sourceId),
      scoreNegative: 0.9,
    });
  });
});
