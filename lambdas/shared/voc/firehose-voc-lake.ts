import { type FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { type BackoffOptions, withBackoff } from './retry';
import type { VocLake, VocLakeRecord } from './voc-lake';

/** Firehose accepts at most 500 records (and 4 MiB) per PutRecordBatch. */
export const FIREHOSE_BATCH_SIZE = 500;
const MAX_BATCH_BYTES = 4 * 1024 * 1024 - 64 * 1024;

/**
 * {@link VocLake} on a Firehose delivery stream that converts JSON to Parquet with the Glue table
 * schema and partitions by the record's `dt` (dynamic partitioning). Records the stream reports in
 * `FailedPutCount` are retried with backoff; those still failing are returned.
 */
export class FirehoseVocLake implements VocLake {
  constructor(
    private readonly firehose: FirehoseClient,
    private readonly deliveryStreamName: string,
    private readonly backoff: BackoffOptions = {},
    private readonly maxRounds = 3,
  ) {}

  async put(records: readonly VocLakeRecord[]): Promise<{ failedSourceIds: string[] }> {
    const failed: string[] = [];
    for (const batch of splitBatches(records)) {
      let pending = batch;
      for (let round = 1; pending.length > 0; round++) {
        const out = await withBackoff(
          () =>
            this.firehose.send(
              new PutRecordBatchCommand({
                DeliveryStreamName: this.deliveryStreamName,
                Records: pending.map((r) => ({ Data: Buffer.from(`${JSON.stringify(r)}\n`) })),
              }),
            ),
          this.backoff,
        );
        if (!out.FailedPutCount) break;
        const retry = pending.filter((_, i) => out.RequestResponses?.[i]?.ErrorCode);
        if (round >= this.maxRounds) {
          failed.push(...retry.map((r) => r.source_id));
          break;
        }
        pending = retry;
      }
    }
    return { failedSourceIds: failed };
  }
}

function splitBatches(records: readonly VocLakeRecord[]): VocLakeRecord[][] {
  const batches: VocLakeRecord[][] = [];
  let current: VocLakeRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = Buffer.byteLength(JSON.stringify(r)) + 1;
    if (current.length === FIREHOSE_BATCH_SIZE || (current.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
