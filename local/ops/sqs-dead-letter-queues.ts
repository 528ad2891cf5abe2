import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  ListQueuesCommand,
  ListQueueTagsCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { DEAD_LETTER_QUEUE_TAG, DEAD_LETTER_REDRIVE_TAG } from '../../lib/constructs/dead-letter-queue-tags';
import {
  DeadLetterQueueError,
  type DeadLetterQueueStatus,
  type DeadLetterQueues,
  type RedriveResult,
} from './dead-letters';

/**
 * The deployed stack's dead-letter queues, found by the tags the operations dashboard puts on them
 * (lib/constructs/operations-dashboard.ts), redriven with an SQS message move task: without a
 * destination SQS moves each message back to the queue it came from (StartMessageMoveTask).
 */

export interface SqsDeadLetterQueuesOptions {
  /** Only queues whose name starts with this (the stack name): fewer ListQueueTags calls. */
  queueNamePrefix?: string;
  /** How long `redrive` follows the move task before reporting it as still RUNNING. @default 120 s */
  waitMs?: number;
  /** Between ListMessageMoveTasks polls. @default 2 s */
  pollMs?: number;
}

interface TaggedQueue {
  name: string;
  url: string;
  redrivable: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SqsDeadLetterQueues implements DeadLetterQueues {
  constructor(
    private readonly sqs: SQSClient,
    private readonly options: SqsDeadLetterQueuesOptions = {},
  ) {}

  private async discover(): Promise<TaggedQueue[]> {
    const urls: string[] = [];
    let next: string | undefined;
    do {
      const page = await this.sqs.send(
        new ListQueuesCommand({ QueueNamePrefix: this.options.queueNamePrefix, MaxResults: 1000, NextToken: next }),
      );
      urls.push(...(page.QueueUrls ?? []));
      next = page.NextToken;
    } while (next);
    const found: TaggedQueue[] = [];
    for (const url of urls) {
      const { Tags } = await this.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }));
      const name = Tags?.[DEAD_LETTER_QUEUE_TAG];
      if (name) found.push({ name, url, redrivable: Tags?.[DEAD_LETTER_REDRIVE_TAG] === 'source' });
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async counts(url: string): Promise<{ messages: number; inFlight: number; arn: string }> {
    const { Attributes = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'QueueArn'],
      }),
    );
    return {
      messages: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      arn: Attributes.QueueArn ?? '',
    };
  }

  async list(): Promise<DeadLetterQueueStatus[]> {
    const out: DeadLetterQueueStatus[] = [];
    for (const q of await this.discover()) {
      const { messages, inFlight } = await this.counts(q.url);
      out.push({ name: q.name, messages, inFlight, redrivable: q.redrivable, location: q.url });
    }
    return out;
  }

  async redrive(name: string): Promise<RedriveResult> {
    const queues = await this.discover();
    const queue = queues.find((q) => q.name === name);
    if (!queue) {
      throw new DeadLetterQueueError(
        `"${name}": no dead-letter queue of that name (found: ${queues.map((q) => q.name).join(', ') || 'none'}; ` +
          `queues carry the tag ${DEAD_LETTER_QUEUE_TAG})`,
      );
    }
    if (!queue.redrivable) {
      throw new DeadLetterQueueError(
        `"${name}": its messages are failure records that point at stream records, not the records: ` +
          'there is nothing to move back (docs/operations.md#dead-letters says how to replay them)',
      );
    }
    const before = await this.counts(queue.url);
    const { TaskHandle } = await this.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: before.arn }));
    const deadline = Date.now() + (this.options.waitMs ?? 120_000);
    let task: ListMessageMoveTasksResultEntry | undefined;
    for (;;) {
      const { Results = [] } = await this.sqs.send(
        new ListMessageMoveTasksCommand({ SourceArn: before.arn, MaxResults: 10 }),
      );
      task = Results.find((t) => t.TaskHandle === TaskHandle) ?? Results[0];
      if (task?.Status !== 'RUNNING' || Date.now() >= deadline) break;
      await sleep(this.options.pollMs ?? 2000);
    }
    const after = await this.counts(queue.url);
    return {
      name,
      before: before.messages,
      after: after.messages,
      moved: task?.ApproximateNumberOfMessagesMoved ?? 0,
      status: task?.Status ?? 'UNKNOWN',
      taskHandle: TaskHandle,
      failures: task?.FailureReason ? [task.FailureReason] : [],
    };
  }
}
