import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectContactChannel } from '../../../lambdas/shared/intake/connect-contact-channel';
import { INQUIRY_ID_PATTERN } from '../../../lambdas/shared/intake/inquiry-id';
import { SqsVocSink } from '../../../lambdas/shared/voc/sqs-voc-sink';
import { aLambdaContext } from '../../support/connect-events';
import { aCustomer } from '../../support/customers';
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
    });

  beforeEach(() => {
    connect.reset();
    sqs.reset();
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-9' });
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: '' }] });
  });

  it('records the inquiry, starts a task referencing it, queues it for VOC and returns the inquiry id', async () => {
    await db.store().putCustomer(aCustomer());
    const res = await build()(
      anHttpEvent({
        routeKey: 'POST /inquiries',
        body: {
          name: '山田 太郎',
          email: 'TARO.YAMADA@example.jp',
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
