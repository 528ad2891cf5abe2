import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectContactChannel } from '../../../lambdas/shared/intake/connect-contact-channel';
import { secretsManagerIdentityVerifier } from '../../../lambdas/shared/intake/secrets-manager-identity-key';
import { aLambdaContext } from '../../support/connect-events';
import { aCustomer } from '../../support/customers';
import { anIdentityToken, TEST_IDENTITY_KEY } from '../../support/identity-tokens';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { anHttpEvent } from '../shared/intake/events';

const connect = mockClient(ConnectClient);
const secrets = mockClient(SecretsManagerClient);
const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:identity-token-key';
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
      identityTokens: secretsManagerIdentityVerifier(new SecretsManagerClient({}), SECRET_ARN, {
        defaultCountry: 'JP',
      }),
    });

  beforeEach(() => {
    connect.reset();
    secrets.reset();
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: TEST_IDENTITY_KEY });
    connect.on(StartChatContactCommand).resolves({
      ContactId: 'contact-123',
      ParticipantId: 'participant-1',
      ParticipantToken: 'secret-token',
    });
  });

  it('starts a chat for a verified customer (identity token, key from Secrets Manager) and answers what amazon-connect-chatjs needs', async () => {
    // Prepare
    await db.store().putCustomer(aCustomer());
    const identityToken = await anIdentityToken({ email: undefined, phone: '03-1234-5678' });
    // Act
    const res = await build()(
      anHttpEvent({
        routeKey: 'POST /chat',
        body: { displayName: '山田 太郎', phone: '03-1234-5678', message: 'こんにちは', identityToken },
      }),
      aLambdaContext('chat-intake'),
    );
    // Assess
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body as string)).toEqual({
      contactId: 'contact-123',
      participantId: 'participant-1',
      participantToken: 'secret-token',
      duplicate: false,
      // No Idempotency-Key: a retry would start a second chat.
      retrySafe: false,
    });
    expect(connect).toHaveReceivedCommandWith(StartChatContactCommand, {
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-chat',
      ParticipantDetails: { DisplayName: '山田 太郎' },
      InitialMessage: { ContentType: 'text/plain', Content: 'こんにちは' },
      Attributes: expect.objectContaining({ customerId: 'C-1001', tier: 'gold', priority: 'true', language: 'ja-JP' }),
    });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
    const history = await db.store().listInteractions({ customerId: 'C-1001' });
    expect(history.items.map((i) => [i.channel, i.sourceId, i.identity])).toEqual([
      ['CHAT', 'contact-123', 'verified'],
    ]);
    // The participant token is a credential: never stored.
    expect(JSON.stringify(history)).not.toContain('secret-token');
  });

  it("a stranger typing a known customer's email gets the same answer as anybody, and nothing of the customer", async () => {
    await db.store().putCustomer(aCustomer());
    const res = await build()(
      anHttpEvent({ routeKey: 'POST /chat', body: { displayName: 'Mallory', email: 'taro.yamada@example.jp' } }),
      aLambdaContext('chat-intake'),
    );
    expect(res.statusCode).toBe(201);
    expect(Object.keys(JSON.parse(res.body as string)).sort()).toEqual(
      ['contactId', 'duplicate', 'participantId', 'participantToken', 'retrySafe'].sort(),
    );
    const sent = connect.commandCalls(StartChatContactCommand)[0]!.args[0].input.Attributes;
    expect(sent).toMatchObject({
      customerId: '',
      tier: '',
      knownCustomer: 'false',
      priority: 'false',
      identity: 'claimed',
    });
    expect(JSON.stringify(sent)).not.toMatch(/山田|C-1001|gold|INQ-1001/);
    // No key needed to take a claim.
    expect(secrets).not.toHaveReceivedCommand(GetSecretValueCommand);
    expect((await db.store().listInteractions({ customerId: 'C-1001' })).items).toEqual([]);
  });

  it('answers 400 naming identityToken for a token signed with another key, without calling Connect', async () => {
    const forged = await anIdentityToken({}, { key: 'someone-elses-key-someone-elses-key!!' });
    const res = await build()(
      anHttpEvent({ routeKey: 'POST /chat', body: { displayName: 'A', identityToken: forged } }),
      aLambdaContext('chat-intake'),
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string).issues).toEqual([
      { field: 'identityToken', reason: 'is not accepted: signature does not verify' },
    ]);
    expect(connect).not.toHaveReceivedCommand(StartChatContactCommand);
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

  describe('Idempotency-Key', () => {
    const BODY = { displayName: '山田 太郎', phone: '03-1234-5678', message: 'こんにちは' };
    const post = (headers: Record<string, string>, body: unknown = BODY) =>
      build()(anHttpEvent({ routeKey: 'POST /chat', body, headers }), aLambdaContext('chat-intake'));

    it('a retried request (same key) is one chat: same ClientToken, one interaction, 201 then 200', async () => {
      await db.store().putCustomer(aCustomer());
      // Connect answers a repeated ClientToken with the same contact (the mock answers one contact).
      const first = await post({ 'Idempotency-Key': 'b6f1c7e2-8d4a-4f3e-9a51-2c7d0e6b1a90' });
      const again = await post({ 'idempotency-key': 'b6f1c7e2-8d4a-4f3e-9a51-2c7d0e6b1a90' });
      expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
      expect(JSON.parse(again.body as string)).toEqual({
        contactId: 'contact-123',
        participantId: 'participant-1',
        participantToken: 'secret-token',
        duplicate: true,
        retrySafe: true,
      });
      expect(again.headers).toMatchObject({ 'idempotency-key': 'b6f1c7e2-8d4a-4f3e-9a51-2c7d0e6b1a90' });
      const tokens = connect.commandCalls(StartChatContactCommand).map((c) => c.args[0].input.ClientToken);
      expect(tokens).toHaveLength(2);
      expect(tokens[0]).toMatch(/^chat-[0-9a-f]{64}$/);
      expect(tokens[1]).toBe(tokens[0]);
      // A claim on C-1001's number: kept under the number, once.
      const history = await db.store().listInteractions({ phone: '+81312345678' });
      expect(history.items.map((i) => i.sourceId)).toEqual(['contact-123']);
    });

    it('the same key with a different body answers 422 naming the key, and starts no second chat', async () => {
      const first = await post({ 'Idempotency-Key': 'key-422' });
      const other = await post({ 'Idempotency-Key': 'key-422' }, { ...BODY, message: '別の質問' });
      expect([first.statusCode, other.statusCode]).toEqual([201, 422]);
      expect(JSON.parse(other.body as string)).toEqual({
        error: 'IdempotencyKeyReused',
        message: 'Idempotency-Key "key-422" was already used for a different request; send a new key for a new request',
        issues: [{ field: 'Idempotency-Key', reason: 'already used for a different request body' }],
      });
      expect(connect).toHaveReceivedCommandTimes(StartChatContactCommand, 1);
    });

    it('the key may come as clientToken in the body (browsers limited by CORS): same ClientToken', async () => {
      await post({ 'Idempotency-Key': 'key-1' });
      await post({}, { ...BODY, clientToken: 'key-1' });
      const tokens = connect.commandCalls(StartChatContactCommand).map((c) => c.args[0].input.ClientToken);
      expect(tokens[1]).toBe(tokens[0]);
    });

    it('without a key every request gets its own ClientToken', async () => {
      await post({});
      await post({});
      const tokens = connect.commandCalls(StartChatContactCommand).map((c) => c.args[0].input.ClientToken);
      expect(tokens[0]).not.toBe(tokens[1]);
    });

    it.each([
      ['empty', { 'Idempotency-Key': '' }, BODY, 'Idempotency-Key', /1–64 characters/],
      ['too long', { 'Idempotency-Key': 'k'.repeat(65) }, BODY, 'Idempotency-Key', /1–64 characters/],
      ['bad characters', { 'IDEMPOTENCY-KEY': 'a b/c' }, BODY, 'Idempotency-Key', /1–64 characters/],
      ['bad body token', {}, { ...BODY, clientToken: 'x'.repeat(65) }, 'clientToken', /1–64 characters/],
      [
        'header and body disagree',
        { 'Idempotency-Key': 'a' },
        { ...BODY, clientToken: 'b' },
        'Idempotency-Key',
        /differs from clientToken/,
      ],
    ])('answers 400 for a key that is %s, without calling Connect', async (_name, headers, body, field, reason) => {
      const res = await post(headers, body);
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body as string).issues).toEqual([{ field, reason: expect.stringMatching(reason) }]);
      expect(connect).not.toHaveReceivedCommand(StartChatContactCommand);
    });
  });

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
