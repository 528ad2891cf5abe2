import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectContactChannel } from '../../../lambdas/shared/intake/connect-contact-channel';
import { MIME_LIMITS } from '../../../lambdas/shared/intake/mime-limits';
import { SesAcknowledgementSender } from '../../../lambdas/shared/intake/ses-acknowledgement-sender';
import { SqsVocSink } from '../../../lambdas/shared/voc/sqs-voc-sink';
import { deeplyNested, noSender } from '../../fixtures/email/hostile';
import { aLambdaContext } from '../../support/connect-events';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { anSqsEventOfS3Objects } from '../shared/intake/events';

const FIXTURES = path.resolve(__dirname, '../../fixtures/email');
const s3 = mockClient(S3Client);
const connect = mockClient(ConnectClient);
const sqs = mockClient(SQSClient);
const ses = mockClient(SESv2Client);
let mod: typeof import('../../../lambdas/email-intake/handler');

beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  Object.assign(process.env, {
    CUSTOMER_TABLE_NAME: 'unused',
    CONNECT_INSTANCE_ID: 'instance-1',
    TASK_FLOW_ID: 'flow-task',
    VOC_QUEUE_URL: 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/voc',
  });
  mod = require('../../../lambdas/email-intake/handler');
});

function serveObjects(objects: Record<string, Buffer>) {
  s3.on(GetObjectCommand).callsFake(({ Key }: { Key: string }) => {
    const bytes = objects[Key];
    if (!bytes) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: { transformToByteArray: async () => new Uint8Array(bytes) } };
  });
}

describe('email-intake handler (S3, Connect, SQS, SESv2 mocked; store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const build = () =>
    mod.createHandler({
      s3: new S3Client({}),
      store: db.store(),
      channel: new ConnectContactChannel(new ConnectClient({}), { instanceId: 'instance-1', taskFlowId: 'flow-task' }),
      voc: new SqsVocSink(new SQSClient({}), 'https://sqs/voc'),
      acknowledgements: new SesAcknowledgementSender(new SESv2Client({}), { fromAddress: 'support@example.com' }),
      ownDomains: ['example.com'],
    });

  beforeEach(() => {
    for (const m of [s3, connect, sqs, ses]) m.reset();
    let tasks = 0;
    connect.on(StartTaskContactCommand).callsFake(() => ({ ContactId: `task-${++tasks}` }));
    sqs.on(SendMessageBatchCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-out-1' });
  });

  it('processes each message alone: good ones pass, a missing object is the only batch item failure', async () => {
    serveObjects({
      'inbound/iso 2022.eml': fs.readFileSync(path.join(FIXTURES, 'iso-2022-jp.eml')),
      'inbound/spam': fs.readFileSync(path.join(FIXTURES, 'spam.eml')),
      'inbound/multipart': fs.readFileSync(path.join(FIXTURES, 'multipart-attachments.eml')),
    });
    const event = anSqsEventOfS3Objects([
      { bucket: 'raw-mail', key: 'inbound/iso+2022.eml' },
      { bucket: 'raw-mail', key: 'inbound/gone' },
      { bucket: 'raw-mail', key: 'inbound/spam' },
      'test-event',
      { bucket: 'raw-mail', key: 'inbound/multipart' },
    ]);
    const res = await build()(event, aLambdaContext('email-intake'));
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: 'raw-mail', Key: 'inbound/iso 2022.eml' });
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 2);
    expect(connect).toHaveReceivedCommandWith(StartTaskContactCommand, {
      References: expect.objectContaining({
        rawMessage: { Type: 'STRING', Value: 's3://raw-mail/inbound/iso 2022.eml' },
      }),
    });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 2);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'support@example.com',
      Destination: { ToAddresses: ['taro.yamada@example.jp'] },
      Content: {
        Simple: expect.objectContaining({
          Headers: expect.arrayContaining([{ Name: 'In-Reply-To', Value: '<20260406100200.iso2022@mail.example.jp>' }]),
        }),
      },
    });
  });

  it('a redelivered message (same Message-ID) makes no second task, VOC message or acknowledgement', async () => {
    serveObjects({
      a: fs.readFileSync(path.join(FIXTURES, 'iso-2022-jp.eml')),
      b: fs.readFileSync(path.join(FIXTURES, 'duplicate-iso-2022-jp.eml')),
    });
    const handler = build();
    await handler(anSqsEventOfS3Objects([{ bucket: 'raw-mail', key: 'a' }]), aLambdaContext('email-intake'));
    const res = await handler(
      anSqsEventOfS3Objects([{ bucket: 'raw-mail', key: 'b' }]),
      aLambdaContext('email-intake'),
    );
    expect(res).toEqual({ batchItemFailures: [] });
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 1);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('a hostile or forged message is handled, not retried: unusable and unverified mail pass the batch, no acknowledgement', async () => {
    serveObjects({
      deep: deeplyNested(MIME_LIMITS.maxDepth + 1),
      nofrom: noSender(),
      forged: fs.readFileSync(path.join(FIXTURES, 'forged-from.eml')),
      'forged-verdict': fs.readFileSync(path.join(FIXTURES, 'forged-verdict.eml')),
    });
    const res = await build()(
      anSqsEventOfS3Objects(['deep', 'nofrom', 'forged', 'forged-verdict'].map((key) => ({ bucket: 'raw-mail', key }))),
      aLambdaContext('email-intake'),
    );
    expect(res).toEqual({ batchItemFailures: [] });
    expect(await db.store().findInteractionBySource('deep@example.jp')).toMatchObject({ status: 'unusable' });
    expect(await db.store().findInteractionBySource('no-sender@example.jp')).toMatchObject({ status: 'unusable' });
    // Only the forged From became a task (unverified); the forged verdict was skipped as a virus.
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 1);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('a message that is not an S3 notification fails alone; a batch where all fail is retried whole', async () => {
    const event = anSqsEventOfS3Objects(['test-event', 'test-event']);
    event.Records[1]!.body = '{"unexpected":true}';
    expect(await build()(event, aLambdaContext('email-intake'))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'msg-2' }],
    });
    await expect(build()({ Records: [event.Records[1]!] }, aLambdaContext('email-intake'))).rejects.toThrow(
      'All records failed processing',
    );
  });

  it('decodes S3 event keys', () => {
    expect(mod.decodeS3Key('inbound/%E5%95%8F%E3%81%84+1.eml')).toBe('inbound/問い 1.eml');
  });
});
