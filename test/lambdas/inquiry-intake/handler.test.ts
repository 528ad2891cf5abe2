import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectContactChannel } from '../../../lambdas/shared/intake/connect-contact-channel';
import { INQUIRY_ID_PATTERN } from '../../../lambdas/shared/intake/inquiry-id';
import { SqsVocSink } from '../../../lambdas/shared/voc/sqs-voc-sink';
import { aLambdaContext } from '../../support/connect-events';
import { aCustomer } from '../../support/customers';
import { anIdentityToken, testIdentityVerifier } from '../../support/identity-tokens';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { anHttpEvent } from '../shared/intake/events';

const connect = mockClient(ConnectClient);
const sqs = mockClient(SQSClient);
let createHandler: typeof import('../../../lambdas/inquiry-intake/handler').createHandler;

beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  Object.assign(process.env, {
    CUSTOMER_TABLE_NAME: 'unused',
    CONNECT_INSTANCE_ID: 'instance-1',
    TASK_FLOW_ID: 'flow-task',
    VOC_QUEUE_URL: 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/voc',
  });
  ({ createHandler } = require('../../../lambdas/inquiry-intake/handler'));
});

describe('inquiry-intake handler (Connect and SQS mocked, store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const build = () =>
    createHandler({
      store: db.store(),
      channel: new ConnectContactChannel(new ConnectClient({}), { instanceId: 'instance-1', taskFlowId: 'flow-task' }),
      voc: new SqsVocSink(new SQSClient({}), 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/voc'),
      defaultCountry: 'JP',
      identityTokens: testIdentityVerifier(),
    });

  beforeEach(() => {
    connect.reset();
    sqs.reset();
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-9' });
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: '' }] });
  });

  it('records a verified inquiry, starts a task referencing it, queues it for VOC and returns the inquiry id', async () => {
    await db.store().putCustomer(aCustomer());
    const res = await build()(
      anHttpEvent({
        routeKey: 'POST /inquiries',
        body: {
          name: '山田 太郎',
          email: 'TARO.YAMADA@example.jp',
          identityToken: await anIdentityToken(),
          subject: '解約したい',
          message: '手続きを教えてください',
        },
      }),
      aLambdaContext('inquiry-intake'),
    );
    expect(res.statusCode).toBe(201);
    const { inquiryId } = JSON.parse(res.body as string) as { inquiryId: string };
    expect(inquiryId).toMatch(INQUIRY_ID_PATTERN);
    expect(connect).toHaveReceivedCommandWith(StartTaskContactCommand, {
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-task',
      Name: `[${inquiryId}] 解約したい`,
      ClientToken: inquiryId,
      References: expect.objectContaining({ inquiryId: { Type: 'STRING', Value: inquiryId } }),
      Attributes: expect.objectContaining({ customerId: 'C-1001', latestInquiryId: inquiryId }),
    });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    const body = JSON.parse(sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input.Entries![0]!.MessageBody!);
    expect(body).toMatchObject({ sourceId: inquiryId, channel: 'WEB_FORM', customerId: 'C-1001', tier: 'gold' });
    expect((await db.store().getCustomer('C-1001'))?.latestInquiry).toEqual({
      id: inquiryId,
      subject: '解約したい',
      status: 'received',
    });
  });

  it("a claimed form on a known customer's email answers as usual but leaves the profile and latest inquiry untouched", async () => {
    await db.store().putCustomer(aCustomer());
    const before = await db.store().getCustomer('C-1001');
    const res = await build()(
      anHttpEvent({
        routeKey: 'POST /inquiries',
        body: { name: 'Mallory', email: 'taro.yamada@example.jp', subject: '住所変更', message: '新住所は…' },
      }),
      aLambdaContext('inquiry-intake'),
    );
    expect(res.statusCode).toBe(201);
    expect(Object.keys(JSON.parse(res.body as string)).sort()).toEqual(['duplicate', 'inquiryId', 'retrySafe']);
    expect(await db.store().getCustomer('C-1001')).toEqual(before);
    const task = connect.commandCalls(StartTaskContactCommand)[0]!.args[0].input;
    expect(task.Attributes).toMatchObject({ customerId: '', tier: '', identity: 'claimed' });
    expect(task.References).not.toHaveProperty('customerId');
    const voc = JSON.parse(sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input.Entries![0]!.MessageBody!);
    expect(voc).not.toHaveProperty('customerId');
  });

  describe('Idempotency-Key', () => {
    const BODY = {
      name: '山田 太郎',
      email: 'taro.yamada@example.jp',
      subject: '解約したい',
      message: '手続きを教えて',
    };
    const post = (headers: Record<string, string>) =>
      build()(anHttpEvent({ routeKey: 'POST /inquiries', body: BODY, headers }), aLambdaContext('inquiry-intake'));

    it('a retried request (same key) is one inquiry: one interaction, one task, one VOC message', async () => {
      await db.store().putCustomer(aCustomer());
      const first = await post({ 'Idempotency-Key': 'form-0406-a1' });
      const again = await post({ 'Idempotency-Key': 'form-0406-a1' });
      expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
      const { inquiryId } = JSON.parse(first.body as string) as { inquiryId: string };
      expect(inquiryId).toMatch(INQUIRY_ID_PATTERN);
      expect(JSON.parse(again.body as string)).toEqual({ inquiryId, duplicate: true, retrySafe: true });
      expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 1);
      expect(connect).toHaveReceivedCommandWith(StartTaskContactCommand, { ClientToken: inquiryId });
      expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
      // A claim on C-1001's address: kept under the address, once.
      const history = await db.store().listInteractions({ email: 'taro.yamada@example.jp' });
      expect(history.items.map((i) => [i.channel, i.sourceId])).toEqual([['WEB_FORM', inquiryId]]);
    });

    it('a retry after Connect failed starts the task with the same ClientToken and queues VOC once', async () => {
      await db.store().putCustomer(aCustomer());
      connect
        .on(StartTaskContactCommand)
        .rejectsOnce(new Error('ThrottlingException'))
        .resolves({ ContactId: 'task-9' });
      const failed = await post({ 'Idempotency-Key': 'form-0406-a2' });
      const retried = await post({ 'Idempotency-Key': 'form-0406-a2' });
      expect([failed.statusCode, retried.statusCode]).toEqual([500, 200]);
      const { inquiryId } = JSON.parse(retried.body as string) as { inquiryId: string };
      const tokens = connect.commandCalls(StartTaskContactCommand).map((c) => c.args[0].input.ClientToken);
      expect(tokens).toEqual([inquiryId, inquiryId]);
      expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
      expect((await db.store().listInteractions({ email: 'taro.yamada@example.jp' })).items).toHaveLength(1);
      expect(await db.store().findInteractionBySource(inquiryId)).toMatchObject({
        details: { taskContactId: 'task-9', vocSent: 'true' },
      });
    });

    it('without a key two requests are two inquiries, and the answer says retrying is not safe', async () => {
      const first = await post({});
      const second = await post({});
      expect(JSON.parse(first.body as string)).toMatchObject({ duplicate: false, retrySafe: false });
      expect(JSON.parse(second.body as string).inquiryId).not.toBe(JSON.parse(first.body as string).inquiryId);
      expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 2);
    });

    it('answers 400 naming Idempotency-Key for a malformed key', async () => {
      const res = await post({ 'Idempotency-Key': 'not valid!' });
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body as string).issues).toEqual([
        { field: 'Idempotency-Key', reason: expect.stringContaining('1–64 characters') },
      ]);
      expect(connect).not.toHaveReceivedCommand(StartTaskContactCommand);
    });
  });

  it.each([
    [{ name: 'A', email: 'a@example.jp', message: 'm' }, 'subject', 'is required'],
    [
      { name: 'A', phone: 'abc', subject: 's', message: 'm' },
      'phone',
      'expected a phone number such as 03-1234-5678 or +81 3 1234 5678',
    ],
    [
      { name: 'A', email: 'a@example.jp', subject: 's', message: 'm'.repeat(4001) },
      'message',
      'at most 4000 characters',
    ],
  ])('answers 400 for %j', async (body, field, reason) => {
    const res = await build()(anHttpEvent({ routeKey: 'POST /inquiries', body }), aLambdaContext('inquiry-intake'));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string).issues).toEqual([{ field, reason }]);
    expect(connect).not.toHaveReceivedCommand(StartTaskContactCommand);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });
});
