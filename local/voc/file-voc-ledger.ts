import { join } from 'node:path';
import { InMemoryVocLedger } from '../../lambdas/shared/voc/in-memory-voc-ledger';
import { appendJsonLine, readJsonLines } from '../json-lines';

export function vocLedgerPath(home: string): string {
  return join(home, 'voc', 'analyzed-source-ids.jsonl');
}

/**
 * The local idempotency ledger of `voc ingest`: analyzed source ids, one JSON string per line,
 * appended when the lake accepted the record. Same claim/complete/release protocol as the DynamoDB
 * ledger; claims live in memory (one ingesting process at a time).
 */
export class FileVocLedger extends InMemoryVocLedger {
  constructor(readonly file: string) {
    super(readJsonLines<string>(file));
  }

  override async complete(sourceId: string): Promise<void> {
    appendJsonLine(this.file, sourceId);
    await super.complete(sourceId);
  }
}
