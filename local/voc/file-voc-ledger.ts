import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InMemoryVocLedger } from '../../lambdas/shared/voc/in-memory-voc-ledger';

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
    super(readIds(file));
  }

  override async complete(sourceId: string): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(sourceId)}\n`);
    await super.complete(sourceId);
  }
}

function readIds(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as string);
}
