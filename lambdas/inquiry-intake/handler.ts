import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import { requireEnv } from '../shared/env';
import { ConnectContactChannel } from '../shared/intake/connect-contact-channel';
import { allowedOriginsFromEnv, corsResponseHeaders } from '../shared/intake/cors';
import { created, type HttpEvent, type HttpResult, respond } from '../shared/intake/http';
import { idempotencyKeyOf } from '../shared/intake/idempotency';
import { inquiryRequestSchema, parseJsonBody } from '../shared/intake/requests';
import { submitInquiry, type WebIntakeDeps } from '../shared/intake/web-intake';
import { webIntakeDepsFromEnv } from '../shared/intake/web-intake-env';
import { SqsVocSink } from '../shared/voc/sqs-voc-sink';

/**
 * `POST /inquiries` (public web form, throttled): resolves or creates the customer, records the
 * inquiry in the history, makes it the customer's latest inquiry, starts a Connect task referencing it
 * and sends the text to the VOC queue. Answers `{ inquiryId, duplicate, retrySafe }` (201). With an
 * `Idempotency-Key` header (or `clientToken` field) a retry of the same request answers the same inquiry
 * (200, `duplicate: true`): one interaction, one task, one VOC message (shared/intake/idempotency.ts).
 *
 * Identity: a form without an `identityToken` is a claim: recorded under the contact point it names when
 * a customer owns it, never that customer's latest inquiry (shared/intake/identity.ts).
 *
 * Environment: CUSTOMER_TABLE_NAME, CONNECT_INSTANCE_ID, TASK_FLOW_ID, VOC_QUEUE_URL (required),
 * DEFAULT_COUNTRY (JP), HISTORY_API_URL (optional: tasks link to the customer's timeline),
 * IDENTITY_TOKEN_SECRET_ARN (identity tokens accepted when set). One-time codes (`oneTimeCode` with
 * `email`, requested at `POST /identity/codes`) are checked in the customer table.
 */

export const logger = new Logger({ serviceName: 'inquiry-intake' });

export function createHandler(deps: WebIntakeDeps & { defaultCountry: string }) {
  const schema = inquiryRequestSchema(deps.defaultCountry);
  const inquiryHandler = async (event: HttpEvent): Promise<HttpResult> =>
    respond(logger, async () => {
      const body = parseJsonBody(event, schema);
      const clientToken = idempotencyKeyOf(event.headers, body.clientToken);
      const inquiry = await submitInquiry(deps, { ...body, clientToken });
      logger.info(inquiry.duplicate ? 'inquiry request replayed' : 'inquiry received', {
        ...inquiry,
        idempotent: clientToken !== undefined,
      });
      return created({ inquiryId: inquiry.inquiryId }, { key: clientToken, duplicate: inquiry.duplicate });
    });
  return (
    middy(inquiryHandler)
      .use(injectLambdaContext(logger, { resetKeys: true }))
      // Behind the REST API's proxy integration the function names the allowed origin itself (cors.ts).
      .use(corsResponseHeaders(allowedOriginsFromEnv()))
  );
}

export const handler = createHandler({
  ...webIntakeDepsFromEnv(),
  channel: new ConnectContactChannel(new ConnectClient({}), {
    instanceId: requireEnv('CONNECT_INSTANCE_ID'),
    taskFlowId: requireEnv('TASK_FLOW_ID'),
  }),
  voc: new SqsVocSink(new SQSClient({}), requireEnv('VOC_QUEUE_URL')),
  ...(process.env.HISTORY_API_URL ? { historyApiUrl: process.env.HISTORY_API_URL } : {}),
});
