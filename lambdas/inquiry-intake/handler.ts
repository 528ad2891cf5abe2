import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import { createDynamoDbCustomerStore } from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { requireEnv } from '../shared/env';
import { ConnectContactChannel } from '../shared/intake/connect-contact-channel';
import { type HttpEvent, type HttpResult, json, respond } from '../shared/intake/http';
import { inquiryRequestSchema, parseJsonBody } from '../shared/intake/requests';
import { submitInquiry, type WebIntakeDeps } from '../shared/intake/web-intake';
import { SqsVocSink } from '../shared/voc/sqs-voc-sink';

/**
 * `POST /inquiries` (public web form, throttled): resolves or creates the customer, records the
 * inquiry in the history, makes it the customer's latest inquiry, starts a Connect task referencing it
 * and sends the text to the VOC queue. Answers `{ inquiryId }` (201).
 *
 * Environment: CUSTOMER_TABLE_NAME, CONNECT_INSTANCE_ID, TASK_FLOW_ID, VOC_QUEUE_URL (required),
 * DEFAULT_COUNTRY (JP), HISTORY_API_URL (optional: tasks link to the customer's timeline).
 */

export const logger = new Logger({ serviceName: 'inquiry-intake' });

export function createHandler(deps: WebIntakeDeps & { defaultCountry: string }) {
  const schema = inquiryRequestSchema(deps.defaultCountry);
  const inquiryHandler = async (event: HttpEvent): Promise<HttpResult> =>
    respond(logger, async () => {
      const request = parseJsonBody(event, schema);
      const inquiry = await submitInquiry(deps, request);
      logger.info('inquiry received', { ...inquiry });
      return json(201, { inquiryId: inquiry.inquiryId });
    });
  return middy(inquiryHandler).use(injectLambdaContext(logger, { resetKeys: true }));
}

export const handler = createHandler({
  store: createDynamoDbCustomerStore({ tableName: requireEnv(CUSTOMER_TABLE_ENV) }),
  channel: new ConnectContactChannel(new ConnectClient({}), {
    instanceId: requireEnv('CONNECT_INSTANCE_ID'),
    taskFlowId: requireEnv('TASK_FLOW_ID'),
  }),
  voc: new SqsVocSink(new SQSClient({}), requireEnv('VOC_QUEUE_URL')),
  defaultCountry: process.env.DEFAULT_COUNTRY?.trim() || 'JP',
  ...(process.env.HISTORY_API_URL ? { historyApiUrl: process.env.HISTORY_API_URL } : {}),
});
