import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectContactChannel } from '../../../lambdas/shared/intake/connect-contact-channel';
import { aLambdaContext } from '../../support/connect-events';
import { aCustomer } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { anHttpEvent } from '../shared/intake/events';

const connect = mockClient(ConnectClient);
let createHandler: typeof import('../../../lambdas/chat-intake/handler').createHandler;

beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  Object.assign(process.env, {
    CUSTOMER_TABLE_NAME: 'unused',
    CONNECT_INSTANCE_ID: 'instance-1',
    CHAT_FLOW_ID: 'flow-chat',
  });
  ({ createHandler } = require('../../../lambdas/chat-intake/handler'));
});

describe('chat-intake handler (Connect mocked, store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const build = () =>
    createHandler({
      store: db.store(),
      channel: new ConnectContactChannel(new ConnectClient({}), { instanceId: 'instance-1', chatFlowId: 'flow-chat' }),
      defaultCountry: 'JP',
    });

  beforeEach(() => {
    connect.reset();
    connect.on(StartChatContactCommand).resolves({
      ContactId: 'contact-123',
      ParticipantId: 'participant-1',
      ParticipantToken: 'secret-token',
    });
  });

  it('starts a chat for a known customer and answers what amazon-connect-chatjs needs', async () => {
    // Prepare
    await db.store().putCustomer(aCustomer());
    // Act
    const res = await build()(
      anHttpEvent({
        routeKey: 'POST /chat',
        body: { displayName: '山田 太郎', phone: '03-1234-5678', message: 'こんにちは' },
      }),
      aLambdaContext('chat-intake'),
    );
    // Assess
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body as string)).toEqual({
      contactId: 'contact-123',
      participantId: 'participant-1',
      participantToken: 'secret-token',
    });
    expect(connect).toHaveReceivedCommandWith(StartChatContactCommand, {
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-chat',
      ParticipantDetails: { DisplayName: '山田 太郎' },
      InitialMessage: { ContentType: 'text/plain', Content: 'こんにちは' },
      Attributes: expect.objectContaining({ customerId: 'C-1001', tier: 'gold', priority: 'true', language: 'ja-JP' }),
    });
    const history = await db.store().listInteractions({ customerId: 'C-1001' });
    expect(history.items.map((i) => [i.channel, i.sourceId])).toEqual([['CHAT', 'contact-123']]);
    // The participant token is a credential: never stored.
    expect(JSON.stringify(history)).not.toContain('secret-token');
  });

  it.each([
    ['missing displayName', { email: 'a@example.jp' }, 'application/json', 'displayName', 'is required'],
    ['no email or phone', { displayName: 'A' }, 'application/json', 'email', 'email or phone is required'],
    [
      'invalid email',
      { displayName: 'A', email: 'a@' },
      'application/json',
      'email',
      'expected an email address such as taro@example.jp',
    ],
    [
      'oversized message',
      { displayName: 'A', email: 'a@example.jp', message: 'x'.repeat(2000) },
      'application/json',
      'message',
      'at most 1024 characters',
    ],
    [
      'wrong content type',
      'displayName=A',
      'text/plain',
      'content-type',
      'expected application/json, got "text/plain"',
    ],
    ['malformed JSON', '{', 'application/json', 'body', 'is not valid JSON'],
  ])(
    'answers 400 naming the field for %s, without calling Connect',
    async (_name, body, contentType, field, reason) => {
      const res = await build()(
        anHttpEvent({ routeKey: 'POST /chat', body, contentType }),
        aLambdaContext('chat-intake'),
      );
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body as string)).toEqual({
        error: 'BadRequest',
        message: 'The request is invalid.',
        issues: [{ field, reason }],
      });
      expect(connect).not.toHaveReceivedCommand(StartChatContactCommand);
    },
  );

  it('answers 500 without internals when Connect fails', async () => {
    connect.on(StartChatContactCommand).rejects(new Error('ServiceQuotaExceededException: arn:aws:connect:secret'));
    const res = await build()(
      anHttpEvent({ routeKey: 'POST /chat', body: { displayName: 'A', email: 'a@example.jp' } }),
      aLambdaContext('chat-intake'),
    );
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('arn:aws');
  });

  it('the deployed module fails at cold start naming a missing variable', () => {
    jest.isolateModules(() => {
      const saved = process.env.CHAT_FLOW_ID;
      delete process.env.CHAT_FLOW_ID;
      try {
        expect(() => require('../../../lambdas/chat-intake/handler')).toThrow('CHAT_FLOW_ID');
      } finally {
        process.env.CHAT_FLOW_ID = saved;
      }
    });
  });
});
