import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { type VocMessage, VocMessageSchema } from './message';
import { type VocSink, VocSinkError } from './voc-sink';

/** SQS allows at most 10 entries per SendMessageBatch. */
export const SQS_BATCH_SIZE = 10;

/**
 * {@link VocSink} on an SQS queue: validates each message, sends SendMessageBatch requests of
 * 10 entries, and retries entries SQS reports as failed with `SenderFault: false` once.
 */
export class SqsVocSink implements VocSink {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: readonly VocMessage[]): Promise<void> {
    const failed: string[] = [];
    for (let i = 0; i < messages.length; i += SQS_BATCH_SIZE) {
      const slice = messages.slice(i, i + SQS_BATCH_SIZE).map((m) => VocMessageSchema.parse(m));
      let entries: SendMessageBatchRequestEntry[] = slice.map((m, j) => ({
        Id: String(j),
        MessageBody: JSON.stringify(m),
      }));
      for (let attempt = 0; attempt < 2 && entries.length > 0; attempt++) {
        const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const retryable = new Set((out.Failed ?? []).filter((f) => !f.SenderFault).map((f) => f.Id));
        for (const f of out.Failed ?? []) {
          if (f.SenderFault || attempt === 1) failed.push(slice[Number(f.Id)]?.sourceId ?? `entry ${f.Id}`);
        }
        entries = entries.filter((e) => retryable.has(e.Id));
      }
    }
    if (failed.length > 0) {
      throw new VocSinkError(`SQS did not accept ${failed.length} VOC message(s): ${failed.join(', ')}`, failed);
    }
  }
}
