import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { ConnectClient } from '@aws-sdk/client-connect';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { decodeS3Key } from '../shared/aws/s3-event-key';
import { createDynamoDbCustomerStore } from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { requireEnv } from '../shared/env';
import { ConnectContactChannel } from '../shared/intake/connect-contact-channel';
import { type EmailIntakeDeps, processEmail } from '../shared/intake/email-intake';
import { SesAcknowledgementSender } from '../shared/intake/ses-acknowledgement-sender';
import { SqsVocSink } from '../shared/voc/sqs-voc-sink';

/**
 * SQS (S3 "object created" notifications of the raw-mail bucket SES writes to) → email intake.
 * Every S3 object is one received message; a message that fails is reported alone in
 * `batchItemFailures` (Powertools BatchProcessor), retried by SQS and, after maxReceiveCount, kept in
 * the DLQ. S3's `s3:TestEvent` is acknowledged and ignored. A message intake cannot use (over a MIME
 * limit, unreadable, no sender) is recorded as unusable and NOT failed: retrying the same bytes would
 * only fail again until the DLQ.
 *
 * Environment: CUSTOMER_TABLE_NAME, CONNECT_INSTANCE_ID, TASK_FLOW_ID, VOC_QUEUE_URL (required); ACK_FROM_ADDRESS (acknowledgements on when set), SES_CONFIGURATION_SET, OWN_DOMAINS
 * (comma-separated; never acknowledged).
 */

export const logger = new Logger({ serviceName: 'email-intake' });

const S3NotificationSchema = z.union([
  z.looseObject({ Event: z.literal('s3:TestEvent') }),
  z.looseObject({
    Records: z.array(
      z.looseObject({
        s3: z.looseObject({
          bucket: z.looseObject({ name: z.string() }),
          object: z.looseObject({ key: z.string(), size: z.number().optional() }),
        }),
      }),
    ),
  }),
]);

export { decodeS3Key };

export interface EmailHandlerDeps extends EmailIntakeDeps {
  s3: S3Client;
}

export function createHandler(deps: EmailHandlerDeps) {
  const processor = new BatchProcessor(EventType.SQS);

  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const notification = S3NotificationSchema.parse(JSON.parse(record.body));
    if ('Event' in notification) {
      logger.info('ignoring S3 test event', { messageId: record.messageId });
      return;
    }
    for (const entry of notification.Records) {
      const bucket = entry.s3.bucket.name;
      const key = decodeS3Key(entry.s3.object.key);
      const object = await deps.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      const raw = Buffer.from(await object.Body.transformToByteArray());
      const result = await processEmail(deps, raw, {
        location: `s3://${bucket}/${key}`,
        fallbackId: key.split('/').pop() ?? key,
      });
      logger.info('email processed', {
        messageId: result.messageId,
        status: result.status,
        skippedBecause: result.skippedBecause,
        unusableBecause: result.unusableBecause,
        identity: result.identity,
        customerId: result.customerId,
        inquiryId: result.inquiryId,
        taskContactId: result.taskContactId,
        bytes: raw.length,
      });
    }
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    return processPartialResponse(event, recordHandler, processor, { context });
  };
}

function environmentDeps(): EmailHandlerDeps {
  const ackFrom = process.env.ACK_FROM_ADDRESS?.trim();
  return {
    s3: new S3Client({}),
    store: createDynamoDbCustomerStore({ tableName: requireEnv(CUSTOMER_TABLE_ENV) }),
    channel: new ConnectContactChannel(new ConnectClient({}), {
      instanceId: requireEnv('CONNECT_INSTANCE_ID'),
      taskFlowId: requireEnv('TASK_FLOW_ID'),
    }),
    voc: new SqsVocSink(new SQSClient({}), requireEnv('VOC_QUEUE_URL')),
    ...(ackFrom
      ? {
          acknowledgements: new SesAcknowledgementSender(new SESv2Client({}), {
            fromAddress: ackFrom,
            ...(process.env.SES_CONFIGURATION_SET ? { configurationSetName: process.env.SES_CONFIGURATION_SET } : {}),
          }),
        }
      : {}),
    ownDomains: (process.env.OWN_DOMAINS ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean),
  };
}

export const handler = createHandler(environmentDeps());
