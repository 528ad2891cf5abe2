import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceKey } from '../../../../lambdas/shared/customer-data/table-schema';
import { processEmail } from '../../../../lambdas/shared/intake/email-intake';
import { VocMessageSchema } from '../../../../lambdas/shared/voc/message';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { RecordingAcknowledgements, RecordingChannel, RecordingVocSink } from './fakes';

describe('email with a Message-ID too long for a key (local engine)', () => {
  const db = useLocalDynamoDb();

  it('is recorded, sent to VOC under its digest, and a redelivery is a duplicate', async () => {
    // Prepare: 700 characters, within the 998 of a header line, past 512 (VOC source ids, verbatim keys).
    const messageId = `${'x'.repeat(680)}@mail.example.jp`;
    const raw = Buffer.from(
      fs
        .readFileSync(path.resolve(__dirname, '../../../fixtures/email/iso-2022-jp.eml'), 'latin1')
        .replace(/^Message-ID: .*$/im, `Message-ID: <${messageId}>`),
      'latin1',
    );
    const store = db.store();
    const voc = new RecordingVocSink();
    const deps = {
      store,
      channel: new RecordingChannel(),
      voc,
      acknowledgements: new RecordingAcknowledgements(),
      now: () => new Date('2026-04-06T01:00:00.000Z'),
    };
    const source = { location: 's3://raw-mail/inbound/long', fallbackId: 'ses-long' };

    // Act
    const first = await processEmail(deps, raw, source);
    const again = await processEmail(deps, raw, source);

    // Assess
    expect(first).toMatchObject({ messageId, status: 'processed' });
    expect(again).toMatchObject({ messageId, status: 'duplicate' });
    expect(voc.messages.map((m) => m.sourceId)).toEqual([sourceKey(messageId)]);
    // The SQS sink validates every message: a source id over 512 characters would never leave.
    for (const message of voc.messages) expect(() => VocMessageSchema.parse(message)).not.toThrow();
    expect(sourceKey(messageId)).toMatch(/^sha256:[0-9a-f]{64}$/);
    // What the VOC analyzer does with the message's source id: patch the interaction's sentiment.
    expect(await store.updateInteraction(voc.messages[0]!.sourceId, { sentiment: 'NEUTRAL' })).toMatchObject({
      sourceId: messageId,
      sentiment: 'NEUTRAL',
    });
  });
});
