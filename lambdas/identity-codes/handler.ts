import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import { createStoreDocumentClient } from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { requireEnv } from '../shared/env';
import { allowedOriginsFromEnv, corsResponseHeaders } from '../shared/intake/cors';
import { DynamoDbOneTimeCodeStore } from '../shared/intake/dynamodb-one-time-code-store';
import { type HttpEvent, type HttpResult, json, respond } from '../shared/intake/http';
import { type OneTimeCodeDeps, requestOneTimeCode } from '../shared/intake/one-time-code';
import { codeRequestSchema, parseJsonBody } from '../shared/intake/requests';
import { SesAcknowledgementSender } from '../shared/intake/ses-acknowledgement-sender';

/**
 * `POST /identity/codes` `{ email, locale? }` (public, throttled): sends a one-time code to the address
 * (shared/intake/one-time-code.ts); the chat or form then sends `{ email, oneTimeCode }` to be verified.
 * Always answers 202 `{ accepted: true }` for a valid address — whether it belongs to a customer, or a
 * code went to it less than a minute ago, is never told.
 *
 * Environment: CUSTOMER_TABLE_NAME, CODE_FROM_ADDRESS (required).
 */

export const logger = new Logger({ serviceName: 'identity-codes' });

export function createHandler(deps: OneTimeCodeDeps) {
  const schema = codeRequestSchema();
  const codesHandler = async (event: HttpEvent): Promise<HttpResult> =>
    respond(logger, async () => {
      const body = parseJsonBody(event, schema);
      const sent = await requestOneTimeCode(deps, body.email, body.locale);
      // The address is personal data: the log says only whether a code went out.
      logger.info('one-time code requested', { sent });
      return json(202, { accepted: true });
    });
  return (
    middy(codesHandler)
      .use(injectLambdaContext(logger, { resetKeys: true }))
      // Behind the REST API's proxy integration the function names the allowed origin itself (cors.ts).
      .use(corsResponseHeaders(allowedOriginsFromEnv()))
  );
}

export const handler = createHandler({
  codes: new DynamoDbOneTimeCodeStore(createStoreDocumentClient(), requireEnv(CUSTOMER_TABLE_ENV)),
  sender: new SesAcknowledgementSender(new SESv2Client({}), { fromAddress: requireEnv('CODE_FROM_ADDRESS') }),
});
