import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoDbCustomerStore } from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { requireEnv } from '../shared/env';
import { PiiRedactor } from '../shared/pii/redactor';
import { readDigestKey, VOC_DIGEST_KEY_SECRET_ENV } from '../shared/pii/secrets-manager-digest-key';
import { type AnalyzerDeps, type AnalyzerInput, VocAnalyzer } from '../shared/voc/analyzer';
import { ComprehendTextAnalytics } from '../shared/voc/comprehend-text-analytics';
import { DynamoDbVocLedger } from '../shared/voc/dynamodb-voc-ledger';
import { FirehoseVocLake } from '../shared/voc/firehose-voc-lake';
import { S3ObjectReader } from '../shared/voc/s3-object-reader';
import { CustomerStoreSentimentRecorder } from '../shared/voc/sentiment-recorder';
import { SnsAlerts } from '../shared/voc/sns-alerts';
import { messagesFromBody, type ObjectReader } from '../shared/voc/sources';

/**
 * voc-analyzer: SQS batches (up to 25 records) of VOC messages or S3 notifications of transcripts.
 * The whole batch is analyzed together (Comprehend batch APIs), then Powertools' BatchProcessor
 * reports the records that failed as `batchItemFailures` so only they are redelivered.
 *
 * Environment: CUSTOMER_TABLE_NAME, VOC_DELIVERY_STREAM_NAME, VOC_ALERT_TOPIC_ARN,
 * VOC_DIGEST_KEY_SECRET_ARN (all required).
 *
 * Cold start builds what every invocation of the container shares, once: the redactor (kuromoji
 * reads its IPADIC dictionary from `kuromoji-dict/` next to the bundle) and the digest key (one
 * GetSecretValue), in parallel.
 */

export const VOC_DELIVERY_STREAM_ENV = 'VOC_DELIVERY_STREAM_NAME';
/** The center's time zone (IANA name): the lake's `dt` partition is each message's day there. */
export const CENTER_TIME_ZONE_ENV = 'CENTER_TIME_ZONE';
export const VOC_ALERT_TOPIC_ENV = 'VOC_ALERT_TOPIC_ARN';

export const logger = new Logger({ serviceName: 'voc-analyzer' });

export class VocRecordFailedError extends Error {
  constructor(
    readonly messageId: string,
    reason: string,
  ) {
    super(`SQS message ${messageId} failed: ${reason}`);
    this.name = 'VocRecordFailedError';
  }
}

export interface HandlerDeps extends AnalyzerDeps {
  reader?: ObjectReader;
}

/** Builds the handler around injected ports (tests, the local runtime). */
export function createHandler(deps: HandlerDeps) {
  const analyzer = new VocAnalyzer({
    ...deps,
    log: deps.log ?? ((level, message, extra) => logger[level](message, extra)),
  });
  const processor = new BatchProcessor(EventType.SQS);

  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const inputs: AnalyzerInput[] = await Promise.all(
      event.Records.map(async (record) => {
        try {
          return { recordId: record.messageId, messages: await messagesFromBody(record.body, deps.reader) };
        } catch (err) {
          logger.warn('unusable VOC record', { messageId: record.messageId, error: (err as Error).message });
          return { recordId: record.messageId, error: (err as Error).message };
        }
      }),
    );
    const { outcomes, counts } = await analyzer.analyze(inputs);
    logger.info('VOC batch analyzed', { ...counts, records: event.Records.length });
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const outcome = outcomes.get(record.messageId);
        if (outcome?.status !== 'ok')
          throw new VocRecordFailedError(record.messageId, outcome?.reason ?? 'not analyzed');
      },
      processor,
      { context, throwOnFullBatchFailure: false },
    );
  };
  return middy(handler).use(injectLambdaContext(logger));
}

async function createDefaultHandler() {
  const tableName = requireEnv(CUSTOMER_TABLE_ENV);
  const streamName = requireEnv(VOC_DELIVERY_STREAM_ENV);
  const topicArn = requireEnv(VOC_ALERT_TOPIC_ENV);
  const timeZone = requireEnv(CENTER_TIME_ZONE_ENV);
  const secretArn = requireEnv(VOC_DIGEST_KEY_SECRET_ENV);
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  // maxAttempts 1: the adapter owns retries (backoff with full jitter, bounded).
  const analytics = new ComprehendTextAnalytics(new ComprehendClient({ maxAttempts: 1 }));
  const [redactor, digest] = await Promise.all([
    PiiRedactor.create({ english: analytics }),
    readDigestKey(new SecretsManagerClient({}), secretArn),
  ]);
  return createHandler({
    analytics,
    redactor,
    digest,
    lake: new FirehoseVocLake(new FirehoseClient({}), streamName),
    ledger: new DynamoDbVocLedger(doc, tableName),
    sentiment: new CustomerStoreSentimentRecorder(new DynamoDbCustomerStore(tableName, doc)),
    alerts: new SnsAlerts(new SNSClient({}), topicArn),
    reader: new S3ObjectReader(new S3Client({})),
    options: { timeZone },
  });
}

/**
 * Lambda entry point: built on the first invocation (so importing this module in tests needs no
 * environment) and kept for the container's life; a failed build (the secret unreadable) is retried
 * by the next invocation.
 */
let defaultHandler: Promise<ReturnType<typeof createHandler>> | undefined;
export const handler = async (event: SQSEvent, context: Context) => {
  defaultHandler ??= createDefaultHandler().catch((err: unknown) => {
    defaultHandler = undefined;
    throw err;
  });
  return (await defaultHandler)(event, context);
};
