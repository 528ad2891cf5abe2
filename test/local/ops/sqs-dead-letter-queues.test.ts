import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { runDlqList, runDlqRedrive } from '../../../local/cli/commands/ops';
import { DeadLetterQueueError } from '../../../local/ops/dead-letters';
import { SqsDeadLetterQueues } from '../../../local/ops/sqs-dead-letter-queues';
import { captureIo } from '../../support/capture-io';

const URL = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012';
const VOC_DLQ = `${URL}/ContactCenter-VocDeadLetterQueue-abc`;
const CTR_DLQ = `${URL}/ContactCenter-IntakeCtrDlq-def`;
const VOC_ARN = 'arn:aws:sqs:ap-northeast-1:123456789012:ContactCenter-VocDeadLetterQueue-abc';

const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'ap-northeast-1' });

beforeEach(() => {
  sqs.reset();
  sqs.on(ListQueuesCommand).resolves({ QueueUrls: [VOC_DLQ, CTR_DLQ, `${URL}/ContactCenter-VocQueue-xyz`] });
  sqs.on(ListQueueTagsCommand, { QueueUrl: VOC_DLQ }).resolves({
    Tags: { 'contact-center:dead-letter-queue': 'voc', 'contact-center:redrive': 'source' },
  });
  sqs.on(ListQueueTagsCommand, { QueueUrl: CTR_DLQ }).resolves({
    Tags: { 'contact-center:dead-letter-queue': 'contact-records', 'contact-center:redrive': 'none' },
  });
  sqs.on(ListQueueTagsCommand, { QueueUrl: `${URL}/ContactCenter-VocQueue-xyz` }).resolves({ Tags: {} });
  sqs
    .on(GetQueueAttributesCommand, { QueueUrl: CTR_DLQ })
    .resolves({ Attributes: { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '0' } });
});

describe('SqsDeadLetterQueues (aws-sdk-client-mock)', () => {
  it('lists the tagged dead-letter queues with their counts, and only those', async () => {
    // Prepare
    sqs.on(GetQueueAttributesCommand, { QueueUrl: VOC_DLQ }).resolves({
      Attributes: { ApproximateNumberOfMessages: '7', ApproximateNumberOfMessagesNotVisible: '1', QueueArn: VOC_ARN },
    });
    const { out, io } = captureIo();

    // Act
    const code = await runDlqList(
      { stage: 'aws', json: true, queues: new SqsDeadLetterQueues(client, { queueNamePrefix: 'ContactCenter' }) },
      io,
    );

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      stage: 'aws',
      queues: [
        { name: 'contact-records', messages: 2, inFlight: 0, redrivable: false, location: CTR_DLQ },
        { name: 'voc', messages: 7, inFlight: 1, redrivable: true, location: VOC_DLQ },
      ],
    });
    expect(sqs).toHaveReceivedCommandWith(ListQueuesCommand, { QueueNamePrefix: 'ContactCenter' });
  });

  it('redrives with a message move task back to the source queue and reports counts before and after', async () => {
    // Prepare
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: VOC_DLQ })
      .resolvesOnce({ Attributes: { ApproximateNumberOfMessages: '7', QueueArn: VOC_ARN } })
      .resolves({ Attributes: { ApproximateNumberOfMessages: '0', QueueArn: VOC_ARN } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ TaskHandle: 'task-1', Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 3 }] })
      .resolves({ Results: [{ TaskHandle: 'task-1', Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 7 }] });
    const { out, io } = captureIo();

    // Act
    const code = await runDlqRedrive(
      'voc',
      { stage: 'aws', json: true, queues: new SqsDeadLetterQueues(client, { pollMs: 0 }) },
      io,
    );

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      stage: 'aws',
      name: 'voc',
      before: 7,
      after: 0,
      moved: 7,
      status: 'COMPLETED',
      taskHandle: 'task-1',
      failures: [],
    });
    // No destination: SQS moves each message back to the queue it came from.
    expect(sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, { SourceArn: VOC_ARN });
    expect(sqs).not.toHaveReceivedCommandWith(StartMessageMoveTaskCommand, {
      DestinationArn: expect.anything() as unknown as string,
    });
    expect(sqs).toHaveReceivedCommandTimes(ListMessageMoveTasksCommand, 2);
  });

  it('reports a failed move task with its reason and exits 1', async () => {
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: VOC_DLQ })
      .resolves({ Attributes: { ApproximateNumberOfMessages: '7', QueueArn: VOC_ARN } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-2' });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [{ TaskHandle: 'task-2', Status: 'FAILED', FailureReason: 'AccessDenied: kms:Decrypt' }],
    });
    const { out, io } = captureIo();

    const code = await runDlqRedrive(
      'voc',
      { stage: 'aws', queues: new SqsDeadLetterQueues(client, { pollMs: 0 }) },
      io,
    );

    expect(code).toBe(1);
    expect(out.stderr).toContain('AccessDenied: kms:Decrypt');
    expect(out.stdout).toContain('voc: 7 before, 0 moved back, 7 after (FAILED, task task-2)');
  });

  it.each([
    ['contact-records', /failure records that point at stream records/],
    ['nope', /"nope": no dead-letter queue of that name \(found: contact-records, voc/],
  ])('refuses to redrive %s, saying why, without starting a task', async (name, message) => {
    const queues = new SqsDeadLetterQueues(client);
    await expect(queues.redrive(name)).rejects.toBeInstanceOf(DeadLetterQueueError);
    const { out, io } = captureIo();

    expect(await runDlqRedrive(name, { stage: 'aws', queues }, io)).toBe(2);

    expect(out.stderr).toMatch(message);
    expect(sqs).not.toHaveReceivedCommand(StartMessageMoveTaskCommand);
  });
});
