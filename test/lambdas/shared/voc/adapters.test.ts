import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbVocLedger } from '../../../../lambdas/shared/voc/dynamodb-voc-ledger';
import type { VocMessage } from '../../../../lambdas/shared/voc/message';
import { messagesFromBody, VocSourceError } from '../../../../lambdas/shared/voc/sources';
import { SqsVocSink } from '../../../../lambdas/shared/voc/sqs-voc-sink';
import { VocSinkError } from '../../../../lambdas/shared/voc/voc-sink';
import { reportSql } from '../../../../lib/voc/reports';
import { AthenaVocReportEngine } from '../../../../local/voc/reports';

const sqs = mockClient(SQSClient);
const ddb = mockClient(DynamoDBDocumentClient);
const athena = mockClient(AthenaClient);
beforeEach(() => {
  sqs.reset();
  ddb.reset();
  athena.reset();
});

const msg = (i: number): VocMessage => ({
  sourceId: `s-${i}`,
  channel: 'EMAIL',
  at: '2025-04-01T00:00:00Z',
  text: `t${i}`,
});

describe('SqsVocSink', () => {
  it('sends SendMessageBatch requests of 10 and reports sender faults by source id', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
      Successful: input.Entries.filter((e) => e.Id !== '3').map((e) => ({
        Id: e.Id,
        MessageId: 'm',
        MD5OfMessageBody: 'x',
      })),
      Failed: input.Entries.some((e) => e.Id === '3')
        ? [{ Id: '3', SenderFault: true, Code: 'InvalidParameterValue' }]
        : [],
    }));
    const sink = new SqsVocSink(new SQSClient({}), 'https://sqs.example/voc');
    const error = await sink.send(Array.from({ length: 23 }, (_, i) => msg(i))).catch((e) => e);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 3);
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
    expect(error).toBeInstanceOf(VocSinkError);
    expect((error as VocSinkError).failedSourceIds).toEqual(['s-3', 's-13']);
  });
});

describe('DynamoDbVocLedger', () => {
  const ledger = new DynamoDbVocLedger(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'customers');

  it('claims with a conditional put on VOC#<sourceId>', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await ledger.claim('abc', new Date(1000))).toBe('claimed');
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: { pk: 'VOC#abc', sk: 'VOC', status: 'IN_PROGRESS', leaseUntil: 301000 },
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :inProgress AND leaseUntil < :now)',
    });
  });

  it('answers duplicate for a completed source and in_progress for a live claim', async () => {
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: { status: 'DONE' } })
      .resolvesOnce({ Item: { status: 'IN_PROGRESS' } });
    expect(await ledger.claim('abc', new Date())).toBe('duplicate');
    expect(await ledger.claim('abc', new Date())).toBe('in_progress');
  });
});

describe('messagesFromBody', () => {
  const transcript = {
    Version: '2019-08-26',
    ContactId: 'contact-1',
    Transcript: [
      {
        ParticipantRole: 'AGENT',
        Content: 'お問い合わせありがとうございます。',
        AbsoluteTime: '2025-04-01T00:00:00.000Z',
      },
      { ParticipantRole: 'CUSTOMER', Content: '荷物が届きません。', AbsoluteTime: '2025-04-01T00:00:05.000Z' },
      { ParticipantRole: 'CUSTOMER', Content: '確認してください。', AbsoluteTime: '2025-04-01T00:00:09.000Z' },
    ],
  };
  const notification = (key: string) =>
    JSON.stringify({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: '2025-04-01T00:01:00.000Z',
          s3: { bucket: { name: 'rec' }, object: { key } },
        },
      ],
    });

  it('turns a chat transcript notification into the customer turns, keyed by contact id', async () => {
    const reader = { getText: jest.fn(async () => JSON.stringify(transcript)) };
    const [m] = await messagesFromBody(notification('connect/chat-transcripts/2025/04/01/contact-1.json'), reader);
    expect(reader.getText).toHaveBeenCalledWith('rec', 'connect/chat-transcripts/2025/04/01/contact-1.json');
    expect(m).toEqual({
      sourceId: 'contact-1',
      channel: 'CHAT',
      at: '2025-04-01T00:00:05.000Z',
      text: '荷物が届きません。\n確認してください。',
    });
  });

  it('reads Contact Lens output as a VOICE message with its language', async () => {
    const lens = {
      Channel: 'VOICE',
      LanguageCode: 'ja-JP',
      CustomerMetadata: { ContactId: 'contact-2' },
      Transcript: [
        { ParticipantId: 'AGENT', Content: 'はい' },
        { ParticipantId: 'CUSTOMER', Content: '請求書を再発行してください。' },
      ],
    };
    const [m] = await messagesFromBody(notification('Analysis/Voice/x.json'), {
      getText: async () => JSON.stringify(lens),
    });
    expect(m).toMatchObject({
      sourceId: 'contact-2',
      channel: 'VOICE',
      language: 'ja-JP',
      at: '2025-04-01T00:01:00.000Z',
    });
  });

  it('ignores the S3 test event and rejects garbage with a reason', async () => {
    expect(await messagesFromBody(JSON.stringify({ Event: 's3:TestEvent' }))).toEqual([]);
    await expect(messagesFromBody('{')).rejects.toThrow(VocSourceError);
    await expect(messagesFromBody(JSON.stringify({ sourceId: 'x' }))).rejects.toThrow(/invalid VOC message: channel/);
  });
});

describe('AthenaVocReportEngine', () => {
  it('starts the deployed named query with quoted date parameters in the workgroup, waits and types the rows', async () => {
    const deployedSql = reportSql('negative-key-phrases');
    athena
      .on(ListNamedQueriesCommand)
      .resolvesOnce({ NamedQueryIds: ['n-1'], NextToken: 'more' })
      .resolves({ NamedQueryIds: ['n-2'] });
    athena.on(BatchGetNamedQueryCommand).resolves({
      NamedQueries: [
        { Name: 'voc-volume-by-channel-day', QueryString: 'SELECT 1', Database: 'db' },
        { Name: 'voc-negative-key-phrases', QueryString: deployedSql, Database: 'db' },
      ],
    });
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 2_000_000 } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: {
          ColumnInfo: [
            { Name: 'phrase', Type: 'varchar' },
            { Name: 'messages', Type: 'bigint' },
          ],
        },
        Rows: [
          { Data: [{ VarCharValue: 'phrase' }, { VarCharValue: 'messages' }] },
          { Data: [{ VarCharValue: '遅延' }, { VarCharValue: '4' }] },
        ],
      },
    });
    const progress: string[] = [];
    const engine = new AthenaVocReportEngine(new AthenaClient({}), {
      workgroup: 'wg',
      database: 'db',
      onProgress: (l) => progress.push(l),
      sleep: async () => undefined,
    });
    const rows = await engine.run('negative-key-phrases', 'local file text, not run', '2025-04-01', '2025-04-30');
    expect(athena).toHaveReceivedCommandWith(ListNamedQueriesCommand, { WorkGroup: 'wg', NextToken: 'more' });
    expect(athena).toHaveReceivedCommandWith(BatchGetNamedQueryCommand, { NamedQueryIds: ['n-1', 'n-2'] });
    expect(athena).toHaveReceivedCommandWith(StartQueryExecutionCommand, {
      QueryString: deployedSql,
      ExecutionParameters: ["'2025-04-01'", "'2025-04-30'"],
      WorkGroup: 'wg',
      QueryExecutionContext: { Database: 'db' },
    });
    expect(rows).toEqual([{ phrase: '遅延', messages: 4 }]);
    expect(progress).toHaveLength(2);
    expect(progress[1]).toMatch(/SUCCEEDED .*2\.0 MB scanned/);
  });

  it('names the missing named query instead of running anything when the stack is not deployed', async () => {
    athena.on(ListNamedQueriesCommand).resolves({ NamedQueryIds: [] });
    const engine = new AthenaVocReportEngine(new AthenaClient({}), { workgroup: 'wg', database: 'db' });

    await expect(engine.run('sentiment-by-tier', 'x', '2025-04-01', '2025-04-30')).rejects.toThrow(
      /workgroup wg has no named query "voc-sentiment-by-tier"/,
    );
    expect(athena).not.toHaveReceivedCommand(StartQueryExecutionCommand);
  });
});
