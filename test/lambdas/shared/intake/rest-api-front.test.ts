import { ConnectClient, StartChatContactCommand, StartTaskContactCommand } from '@aws-sdk/client-connect';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectContactChannel } from '../../../../lambdas/shared/intake/connect-contact-channel';
import { allowedOriginsFromEnv, corsHeadersFor } from '../../../../lambdas/shared/intake/cors';
import { aLambdaContext } from '../../../support/connect-events';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';

/**
 * The public intake handlers behind the REST API of lib/intake/public-intake-api.ts: API Gateway's
 * payload format 1.0 (proxy integration) in, their own CORS headers out.
 */

const connect = mockClient(ConnectClient);
const SITE = 'https://www.example.co.jp';

/** A REST API (payload format 1.0) proxy event, with header names as the browser cased them. */
function aRestApiEvent(path: string, body: unknown, headers: Record<string, string>): APIGatewayProxyEvent {
  return {
    resource: path,
    path,
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      httpMethod: 'POST',
      path: `/v1${path}`,
      protocol: 'HTTP/1.1',
      requestId: 'req-1',
      requestTimeEpoch: 1775437200000,
      resourceId: 'res',
      resourcePath: path,
      stage: 'v1',
      authorizer: null,
      identity: { sourceIp: '192.0.2.1', userAgent: 'jest' },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

let chat: typeof import('../../../../lambdas/chat-intake/handler');
let inquiry: typeof import('../../../../lambdas/inquiry-intake/handler');

beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  Object.assign(process.env, {
    CUSTOMER_TABLE_NAME: 'unused',
    CONNECT_INSTANCE_ID: 'instance-1',
    CHAT_FLOW_ID: 'flow-chat',
    TASK_FLOW_ID: 'flow-task',
    VOC_QUEUE_URL: 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/voc',
    // What the stack sets from intake.approvedOrigins.
    ALLOWED_ORIGINS: `${SITE},https://support.example.co.jp`,
  });
  chat = require('../../../../lambdas/chat-intake/handler');
  inquiry = require('../../../../lambdas/inquiry-intake/handler');
});
afterAll(() => {
  delete process.env.ALLOWED_ORIGINS;
});

describe('cors.ts', () => {
  test('only a configured origin is echoed, with Vary and the idempotency header exposed', () => {
    expect(allowedOriginsFromEnv({ ALLOWED_ORIGINS: ' https://a.example , https://b.example,' })).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(allowedOriginsFromEnv({})).toEqual([]);
    expect(corsHeadersFor('https://a.example', ['https://a.example'])).toEqual({
      'access-control-allow-origin': 'https://a.example',
      'access-control-expose-headers': 'idempotency-key',
      vary: 'Origin',
    });
    expect(corsHeadersFor('https://a.example.attacker.example', ['https://a.example'])).toEqual({});
    expect(corsHeadersFor(undefined, ['https://a.example'])).toEqual({});
  });
});

describe('chat-intake and inquiry-intake behind the REST API (payload format 1.0)', () => {
  const db = useLocalDynamoDb();
  const channel = () =>
    new ConnectContactChannel(new ConnectClient({}), {
      instanceId: 'instance-1',
      chatFlowId: 'flow-chat',
      taskFlowId: 'flow-task',
    });

  beforeEach(() => {
    connect.reset();
    connect.on(StartChatContactCommand).resolves({
      ContactId: 'contact-123',
      ParticipantId: 'participant-1',
      ParticipantToken: 'token',
    });
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-1' });
  });

  test('a chat from an approved site starts, and the answer carries the site’s CORS headers', async () => {
    // Prepare
    const handler = chat.createHandler({ store: db.store(), channel: channel(), defaultCountry: 'JP' });
    const event = aRestApiEvent(
      '/chat',
      { displayName: '佐藤 花子', email: 'hanako@example.jp', message: '配送について' },
      { 'Content-Type': 'application/json', Origin: SITE, 'Idempotency-Key': 'k-1' },
    );
    // Act
    const res = await handler(event as never, aLambdaContext('chat-intake'));
    // Assess
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body as string)).toMatchObject({ contactId: 'contact-123', retrySafe: true });
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': SITE,
      'access-control-expose-headers': 'idempotency-key',
      vary: 'Origin',
      'idempotency-key': 'k-1',
    });
  });

  test('a request from another site is answered without CORS headers (the browser withholds it)', async () => {
    const handler = chat.createHandler({ store: db.store(), channel: channel(), defaultCountry: 'JP' });
    const event = aRestApiEvent(
      '/chat',
      { displayName: '佐藤 花子', email: 'hanako@example.jp' },
      { 'content-type': 'application/json', origin: 'https://attacker.example' },
    );

    const res = await handler(event as never, aLambdaContext('chat-intake'));

    expect(res.headers?.['access-control-allow-origin']).toBeUndefined();
  });

  test('a 400 for a bad body also carries the CORS headers, so the site can show the error', async () => {
    const handler = inquiry.createHandler({ store: db.store(), channel: channel(), defaultCountry: 'JP' });
    const event = aRestApiEvent('/inquiries', { name: '' }, { 'content-type': 'application/json', origin: SITE });

    const res = await handler(event as never, aLambdaContext('inquiry-intake'));

    expect(res.statusCode).toBe(400);
    expect(res.headers?.['access-control-allow-origin']).toBe(SITE);
  });
});
