import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VocMessage } from '../../../lambdas/shared/voc/message';
import { runDlqList, runDlqRedrive } from '../../../local/cli/commands/ops';
import { appendDeadLetter, deadLetterJournalPath } from '../../../local/ops/local-dead-letters';
import { ingestVocMessages } from '../../../local/voc/ingest';
import { captureIo } from '../../support/capture-io';

/** `ops dlq` against the local journals, with dead letters made by the local VOC analyzer itself. */

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-dlq-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const messages: VocMessage[] = [
  {
    sourceId: 'chat-001',
    channel: 'CHAT',
    at: '2026-11-01T01:00:00Z',
    text: '迅速で丁寧な対応をありがとうございました。',
  },
  {
    sourceId: 'mail-002',
    channel: 'EMAIL',
    at: '2026-11-01T02:00:00Z',
    text: '荷物が届かないので本当に困っています。',
  },
] as VocMessage[];

describe('ops dlq (local journals)', () => {
  it('a message the local analyzer gives up on is journaled; list counts it; redrive processes it and empties the journal', async () => {
    // Prepare: the lake refuses every record, as a failing Firehose would on AWS.
    const failing = await ingestVocMessages(messages, {
      home,
      lake: { put: async (records) => ({ failedSourceIds: records.map((r) => r.source_id) }) },
      onDeadLetter: (message, reason) => appendDeadLetter(home, 'voc', { id: message.sourceId, reason, body: message }),
    });
    expect(failing.failed).toHaveLength(2);
    const list = captureIo();

    // Act
    const listCode = await runDlqList({ home, json: true }, list.io);
    const redrive = captureIo();
    const redriveCode = await runDlqRedrive('voc', { home, json: true }, redrive.io);
    const after = captureIo();
    await runDlqList({ home, json: true }, after.io);

    // Assess
    expect(listCode).toBe(0);
    expect(JSON.parse(list.out.stdout).queues).toEqual([
      { name: 'voc', messages: 2, inFlight: 0, redrivable: true, location: deadLetterJournalPath(home, 'voc') },
    ]);
    expect(redriveCode).toBe(0);
    expect(JSON.parse(redrive.out.stdout)).toMatchObject({
      stage: 'local',
      name: 'voc',
      before: 2,
      moved: 2,
      after: 0,
      status: 'COMPLETED',
    });
    expect(JSON.parse(after.out.stdout).queues[0].messages).toBe(0);
    expect(readFileSync(deadLetterJournalPath(home, 'voc'), 'utf8')).toBe('');
  });

  it('keeps what fails again, with the new reason, and exits 1', async () => {
    appendDeadLetter(home, 'voc', { id: 'broken-1', reason: 'lake write failed', body: { text: 'no sourceId' } });
    appendDeadLetter(home, 'voc', { id: 'chat-001', reason: 'lake write failed', body: messages[0] });
    const { out, io } = captureIo();

    const code = await runDlqRedrive('voc', { home }, io);

    expect(code).toBe(1);
    expect(out.stdout).toContain('voc: 2 before, 1 processed, 1 after (COMPLETED)');
    expect(out.stderr).toMatch(/not a VOC message/);
    const left = readFileSync(deadLetterJournalPath(home, 'voc'), 'utf8').trim().split('\n');
    expect(left.map((l) => JSON.parse(l).id)).toEqual(['broken-1']);
  });

  it('exits 2 for an unknown queue or stage, naming the input', async () => {
    const unknown = captureIo();
    expect(await runDlqRedrive('mail', { home }, unknown.io)).toBe(2);
    expect(unknown.out.stderr).toMatch(/"mail": no such local dead-letter queue .*known: voc/);

    const stage = captureIo();
    expect(await runDlqList({ home, stage: 'prod' }, stage.io)).toBe(2);
    expect(stage.out.stderr).toMatch(/--stage: expected "local" or "aws", got "prod"/);
  });
});
