import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import middy from '@middy/core';
import { createDynamoDbCustomerStore } from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { requireEnv } from '../shared/env';
import { ConnectContactChannel } from '../shared/intake/connect-contact-channel';
import { type HttpEvent, type HttpResult, json, respond } from '../shared/intake/http';
import { chatRequestSchema, parseJsonBody } from '../shared/intake/requests';
import { startChat, type WebIntakeDeps } from '../shared/intake/web-intake';

/**
 * `POST /chat` (public, throttled, CORS from config): validates the visitor, resolves or creates the
 * customer, starts a Connect chat on the inbound chat flow with the screen-pop attributes and answers
 * what amazon-connect-chatjs needs: `{ contactId, participantId, participantToken }` (201).
 *
 * Environment: CUSTOMER_TABLE_NAME, CONNECT_INSTANCE_ID, CHAT_FLOW_ID (required), DEFAULT_COUNTRY (JP).
 */

export const logger = new Logger({ serviceName: 'chat-intake' });

export function createHandler(deps: WebIntakeDeps & { defaultCountry: string }) {
  const schema = chatRequestSchema(deps.defaultCountry);
  const chatHandler = async (event: HttpEvent): Promise<HttpResult> =>
    respond(logger, async () => {
      const request = parseJsonBody(event, schema);
      const chat = await startChat(deps, request);
      logger.info('chat started', {
        contactId: chat.contactId,
        customerId: chat.customerId,
        newCustomer: chat.newCustomer,
      });
      return json(201, {
        contactId: chat.contactId,
        participantId: chat.participantId,
        participantToken: chat.participantToken,
      });
    });
  return middy(chatHandler).use(injectLambdaContext(logger, { resetKeys: true }));
}

export const handler = createHandler({
  store: createDynamoDbCustomerStore({ tableName: requireEnv(CUSTOMER_TABLE_ENV) }),
  channel: new ConnectContactChannel(new ConnectClient({}), {
    instanceId: requireEnv('CONNECT_INSTANCE_ID'),
    chatFlowId: requireEnv('CHAT_FLOW_ID'),
  }),
  defaultCountry: process.env.DEFAULT_COUNTRY?.trim() || 'JP',
});
