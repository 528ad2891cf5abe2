import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { createDynamoDbCustomerStore } from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { readDefaultCountry, requireEnv } from '../shared/env';
import { type ContactRecordDeps, recordContact } from '../shared/intake/contact-records';

/**
 * Kinesis (Connect contact trace records) → customer history. Each record is one CTR (JSON, base64 in
 * the event); VOICE and CHAT contacts are recorded idempotently by ContactId. A record that fails is
 * reported alone (Powertools BatchProcessor → `batchItemFailures` by sequence number) so Lambda
 * retries from it; after the event source's retry limit it goes to the on-failure destination (DLQ).
 *
 * Environment: CUSTOMER_TABLE_NAME (required), DEFAULT_COUNTRY (JP).
 */

export const logger = new Logger({ serviceName: 'ctr-processor' });

export function createHandler(deps: ContactRecordDeps) {
  const processor = new BatchProcessor(EventType.KinesisDataStreams);
  const recordHandler = async (record: KinesisStreamRecord): Promise<void> => {
    const ctr: unknown = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
    const outcome = await recordContact(deps, ctr);
    logger.info('contact record', { ...outcome, sequenceNumber: record.kinesis.sequenceNumber });
  };
  return async (event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> => {
    logger.addContext(context);
    return processPartialResponse(event, recordHandler, processor, { context });
  };
}

export const handler = createHandler({
  store: createDynamoDbCustomerStore({ tableName: requireEnv(CUSTOMER_TABLE_ENV) }),
  defaultCountry: readDefaultCountry(),
});
