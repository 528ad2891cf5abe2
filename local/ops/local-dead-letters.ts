import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendJsonLine, readJsonLines } from '../json-lines';
import {
  DeadLetterQueueError,
  type DeadLetterQueueStatus,
  type DeadLetterQueues,
  type RedriveResult,
} from './dead-letters';

/**
 * The local runtime's dead letters: when a local handler gives up on a record (the VOC analyzer
 * after its retries, as the Lambda's record would end in the SQS dead-letter queue), the record is
 * appended to `<home>/dead-letters/<queue>.jsonl` with the reason. `redrive` hands the records back to
 * the handler that failed them; those that fail again stay in the journal.
 */

export interface DeadLetter {
  /** Id of the failed record (VOC: the message's sourceId). */
  id: string;
  failedAt: string;
  reason: string;
  /** The record as the handler received it. */
  body: unknown;
}

/** Re-runs dead letters through their handler; returns the reason per id for those that failed again. */
export type LocalRedriveHandler = (letters: readonly DeadLetter[]) => Promise<Map<string, string>>;

export function deadLettersDir(home: string): string {
  return join(home, 'dead-letters');
}

export function deadLetterJournalPath(home: string, queue: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(queue)) throw new DeadLetterQueueError(`"${queue}": not a dead-letter queue name`);
  return join(deadLettersDir(home), `${queue}.jsonl`);
}

/** Appends one failed record to a local dead-letter journal. */
export function appendDeadLetter(home: string, queue: string, letter: Omit<DeadLetter, 'failedAt'>, now = new Date()) {
  appendJsonLine(deadLetterJournalPath(home, queue), { ...letter, failedAt: now.toISOString() });
}

export class LocalDeadLetterQueues implements DeadLetterQueues {
  constructor(
    private readonly home: string,
    /** Handlers by queue name: the queues that can be redriven (a journal without one is listed, not redriven). */
    private readonly handlers: Readonly<Record<string, LocalRedriveHandler>>,
  ) {}

  async list(): Promise<DeadLetterQueueStatus[]> {
    const dir = deadLettersDir(this.home);
    const journals = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [];
    const names = new Set([...Object.keys(this.handlers), ...journals.map((f) => f.slice(0, -'.jsonl'.length))]);
    return [...names].sort().map((name) => {
      const location = deadLetterJournalPath(this.home, name);
      return {
        name,
        messages: readJsonLines<DeadLetter>(location).length,
        inFlight: 0,
        redrivable: name in this.handlers,
        location,
      };
    });
  }

  async redrive(name: string): Promise<RedriveResult> {
    const handler = this.handlers[name];
    if (!handler) {
      throw new DeadLetterQueueError(
        `"${name}": no such local dead-letter queue that can be redriven (known: ${Object.keys(this.handlers).join(', ')})`,
      );
    }
    const path = deadLetterJournalPath(this.home, name);
    const letters = readJsonLines<DeadLetter>(path);
    const failedAgain = letters.length > 0 ? await handler(letters) : new Map<string, string>();
    const remaining = letters
      .filter((l) => failedAgain.has(l.id))
      .map((l) => ({ ...l, reason: failedAgain.get(l.id) ?? l.reason, failedAt: new Date().toISOString() }));
    // Letters a handler appended while this one ran (the journal is append-only) are kept.
    remaining.push(...readJsonLines<DeadLetter>(path).slice(letters.length));
    // Replace the journal in one step: a crash leaves the old journal (redrive again), never half of it.
    mkdirSync(deadLettersDir(this.home), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, remaining.map((l) => `${JSON.stringify(l)}\n`).join(''));
    renameSync(tmp, path);
    return {
      name,
      before: letters.length,
      after: remaining.length,
      moved: letters.length - remaining.length,
      status: 'COMPLETED',
      failures: [...new Set(remaining.map((l) => l.reason))],
    };
  }
}
