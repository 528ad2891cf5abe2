import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import middy from '@middy/core';
import { requireEnv } from '../shared/env';
import { ConnectContactChannel } from '../shared/intake/connect-contact-channel';
import { allowedOriginsFromEnv, corsResponseHeaders } from '../shared/intake/cors';
import { created, type HttpEvent, type HttpResult, respond } from '../shared/intake/http';
import { idempotencyKeyOf } from '../shared/intake/idempotency';
import { chatRequestSchema, parseJsonBody } from '../shared/intake/requests';
import { startChat, type WebIntakeDeps } from '../shared/intake/web-intake';
import { webIntakeDepsFromEnv } from '../shared/intake/web-intake-env';

/**
 * `POST /chat` (public, throttled, CORS from config): validates the visitor, resolves or creates the
 * customer, starts a Connect chat on the inbound chat flow with the screen-pop attributes and answers
 * what amazon-connect-chatjs needs: `{ contactId, participantId, participantToken }` (201), plus `duplicate`
 * and `retrySafe`. With an `Idempotency-Key` header (or `clientToken` field) a retry of the same request
 * answers the same chat (200, `duplicate: true`) and records nothing twice (shared/intake/idempotency.ts).
 *
 * Identity: what the visitor types is a claim and reveals nothing of a customer; an `identityToken` from
 * the embedding website (checked against the key in Secrets Manager) makes the contact verified
 * (shared/intake/identity.ts). The answer never names a customer either way.
 *
 * Environment: CUSTOMER_TABLE_NAME, CONNECT_INSTANCE_ID, CHAT_FLOW_ID (required), DEFAULT_COUNTRY (JP),
 * IDENTITY_TOKEN_SECRET_ARN (identity tokens accepted when set). One-time codes (`oneTimeCode` with
 * `email`, requested at `POST /identity/codes`) are checked in the customer table.
 */

export const logger = new Logger({ serviceName: 'chat-intake' });

export function createHandler(deps: WebIntakeDeps & { defaultCountry: string }) {
  const schema = chatRequestSchema(deps.defaultCountry);
  const chatHandler = async (event: HttpEvent): Promise<HttpResult> =>
    respond(logger, async () => {
      const body = parseJsonBody(event, schema);
      const clientToken = idempotencyKeyOf(event.headers, body.clientToken);
      const chat = await startChat(deps, { ...body, clientToken });
      logger.info(chat.duplicate ? 'chat request replayed' : 'chat started', {
        contactId: chat.contactId,
        customerId: chat.customerId,
        newCustomer: chat.newCustomer,
        identity: chat.identity,
        idempotent: clientToken !== undefined,
      });
      return created(
        { contactId: chat.contactId, participantId: chat.participantId, participantToken: chat.participantToken },
        { key: clientToken, duplicate: chat.duplicate },
      );
    });
  return (
    middy(chatHandler)
      .use(injectLambdaContext(logger, { resetKeys: true }))
      // Behind the REST API's proxy integration the function names the allowed origin itself (cors.ts).
      .use(corsResponseHeaders(allowedOriginsFromEnv()))
  );
}

export const handler = createHandler({
  ...webIntakeDepsFromEnv(),
  channel: new ConnectContactChannel(new ConnectClient({}), {
    instanceId: requireEnv('CONNECT_INSTANCE_ID'),
    chatFlowId: requireEnv('CHAT_FLOW_ID'),
  }),
});
