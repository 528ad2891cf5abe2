import * as fs from 'node:fs';
import * as path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../../lambdas/shared/customer-data/table-schema';
import { EmailInProgressError, processEmail } from '../../../../lambdas/shared/intake/email-intake';
import { resolveCustomer } from '../../../../lambdas/shared/intake/resolve-customer';
import { startChat } from '../../../../lambdas/shared/intake/web-intake';
import { aCustomer } from '../../../support/customers';
import { anIdentityToken, testIdentityVerifier } from '../../../support/identity-tokens';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { RecordingAcknowledgements, RecordingChannel, RecordingVocSink } from './fakes';

/**
 * Concurrency is input too: simultaneous first contacts make one customer, and simultaneous deliveries of
 * one email do its work once. These run on dynalite and, in `npm run test:dynamodb-local`, on DynamoDB Local.
 */

const NOW = new Date('2026-04-06T01:00:00.000Z');
const NEW_EMAIL = 'hanako.suzuki@example.jp';
const CUSTOMER_ID = /^C-\d+$/;

describe('simultaneous first contacts (local engine)', () => {
  const db = useLocalDynamoDb();

  it('makes one customer of 20 simultaneous first chats from one new email, with all 20 chats in its history', async () => {
    // Prepare: the embedding site verified the visitor (an identity token for the address)
    const store = db.store();
    const channel = new RecordingChannel();
    let token = 0;
    const deps = {
      store,
      channel,
      now: () => NOW,
      newClientToken: () => `token-${++token}`,
      identityTokens: testIdentityVerifier(() => NOW),
    };
    const identityToken = await anIdentityToken({ subject: 'site-user-2001', email: NEW_EMAIL }, { now: NOW });

    // Act
    const chats = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        startChat(deps, { displayName: '鈴木 花子', identityToken, message: `質問 ${i + 1}`, locale: 'ja-JP' }),
      ),
    );
    const later = await startChat(deps, { displayName: '鈴木 花子', identityToken, locale: 'ja-JP' });

    // Assess
    const ids = new Set(chats.map((c) => c.customerId));
    expect(ids.size).toBe(1);
    const [customerId] = [...ids] as [string];
    expect(customerId).toMatch(CUSTOMER_ID);
    expect(chats.filter((c) => c.newCustomer)).toHaveLength(1);
    expect(later).toMatchObject({ customerId, newCustomer: false });
    expect(await store.findByEmail(NEW_EMAIL, { limit: 10 })).toEqual([{ customerId }]);
    const history = await store.listInteractions({ customerId }, { limit: 50 });
    expect(history.items.map((i) => i.sourceId).sort()).toEqual(
      Array.from({ length: 21 }, (_, i) => `chat-${i + 1}`).sort(),
    );
  });

  it('makes one customer of 20 simultaneous claimed first chats too, and records all 20 (claims under the address)', async () => {
    // Prepare: nobody verified the visitors; each only types the address
    const store = db.store();
    const channel = new RecordingChannel();
    let token = 0;
    const deps = { store, channel, now: () => NOW, newClientToken: () => `token-${++token}` };

    // Act
    const chats = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        startChat(deps, { displayName: '鈴木 花子', email: NEW_EMAIL, message: `質問 ${i + 1}`, locale: 'ja-JP' }),
      ),
    );

    // Assess: one owner of the address; a claim's answer names no customer
    const owners = await store.findByEmail(NEW_EMAIL, { limit: 10 });
    expect(owners).toHaveLength(1);
    expect(owners[0]!.customerId).toMatch(CUSTOMER_ID);
    expect(chats.every((c) => c.customerId === null || c.customerId === undefined)).toBe(true);
    const inHistory = await store.listInteractions({ customerId: owners[0]!.customerId }, { limit: 50 });
    const underAddress = await store.listInteractions({ email: NEW_EMAIL }, { limit: 50 });
    expect([...inHistory.items, ...underAddress.items].map((i) => i.sourceId).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `chat-${i + 1}`).sort(),
    );
  });

  it('makes one customer of simultaneous first contacts on several channels from one address or one number', async () => {
    // Prepare
    const store = db.store();
    const byEmail = { name: '鈴木 花子', email: NEW_EMAIL, language: 'ja-JP' as const };
    const byPhone = { name: '田中 一郎', phone: '+819055556666', language: 'ja-JP' as const };

    // Act: web form with a phone too, chat, email — all first contacts at once.
    const resolved = await Promise.all([
      ...Array.from({ length: 5 }, () => resolveCustomer(store, { ...byEmail, phone: '+819011112222' })),
      ...Array.from({ length: 5 }, () => resolveCustomer(store, byEmail)),
      ...Array.from({ length: 5 }, () => resolveCustomer(store, byPhone)),
    ]);

    // Assess
    const emailOwners = new Set(resolved.slice(0, 10).map((r) => r.customer.customerId));
    const phoneOwners = new Set(resolved.slice(10).map((r) => r.customer.customerId));
    expect(emailOwners.size).toBe(1);
    expect(phoneOwners.size).toBe(1);
    expect(resolved.filter((r) => r.newCustomer)).toHaveLength(2);
    expect((await store.listCustomers()).items).toHaveLength(2);
  });

  it('gives created customers C-<n> ids from one counter, skipping an id an import already uses', async () => {
    // Prepare: an imported customer sits on the first id the counter would hand out.
    const store = db.store();
    await store.putCustomer(
      aCustomer({ customerId: 'C-100001', phones: ['+81300000001'], email: 'imported@example.jp' }),
    );

    // Act
    const first = await resolveCustomer(store, { name: 'A', email: 'a@example.jp', language: 'ja-JP' });
    const second = await resolveCustomer(store, { name: 'B', phone: '+819000000002', language: 'ja-JP' });

    // Assess
    expect(first.customer.customerId).toBe('C-100002');
    expect(second.customer.customerId).toBe('C-100003');
    expect(await store.getCustomer('C-100001')).toMatchObject({ email: 'imported@example.jp' });
  });

  it('completes a customer whose first contact died after claiming the address, and replaces a stale claim', async () => {
    // Prepare: a claim without its profile (the process died), and a claim whose customer gave its address up.
    const store = db.store();
    const profile = { name: '鈴木 花子', phones: [], email: NEW_EMAIL, tier: 'standard', language: 'ja-JP' };
    await db.documentClient().send(
      new PutCommand({
        TableName: db.tableName(),
        Item: {
          ...keys.contactPointClaim({ email: NEW_EMAIL }),
          customerId: 'C-100050',
          claimedAt: NOW.toISOString(),
          profile,
        },
      }),
    );
    const moved = 'moved@example.jp';
    const earlier = await resolveCustomer(store, { name: '佐藤 次郎', email: moved, language: 'ja-JP' });
    const { createdAt: _c, updatedAt: _u, ...withoutAddress } = earlier.customer;
    await store.putCustomer({ ...withoutAddress, email: 'new-address@example.jp' });

    // Act
    const completed = await resolveCustomer(store, { name: '別人', email: NEW_EMAIL, language: 'en-US' });
    const replaced = await resolveCustomer(store, { name: '新しい人', email: moved, language: 'ja-JP' });

    // Assess
    expect(completed).toMatchObject({
      newCustomer: false,
      customer: { customerId: 'C-100050', name: '鈴木 花子', createdAt: NOW.toISOString() },
    });
    expect(replaced.newCustomer).toBe(true);
    expect(replaced.customer.customerId).not.toBe(earlier.customer.customerId);
    expect(await store.findByEmail(moved)).toEqual([{ customerId: replaced.customer.customerId }]);
  });

  it('does the work of 4 simultaneous deliveries of one Message-ID once: one customer, task, VOC message, acknowledgement', async () => {
    // Prepare
    const store = db.store();
    const channel = new RecordingChannel();
    const voc = new RecordingVocSink();
    const acks = new RecordingAcknowledgements();
    let inquiries = 0;
    const deps = {
      store,
      channel,
      voc,
      acknowledgements: acks,
      ownDomains: ['example.com'],
      now: () => NOW,
      newInquiryId: () => `INQ-20260406-${String(++inquiries).padStart(6, '0')}`,
    };
    const raw = fs.readFileSync(path.resolve(__dirname, '../../../fixtures/email/iso-2022-jp.eml'));
    const source = { location: 's3://raw-mail/inbound/1', fallbackId: 'ses-1' };

    // Act: four at once, then SQS redelivers the ones that were turned away.
    const attempts = await Promise.allSettled(Array.from({ length: 4 }, () => processEmail(deps, raw, source)));
    const turnedAway = attempts.filter((a) => a.status === 'rejected');
    const redelivered = await Promise.all(turnedAway.map(() => processEmail(deps, raw, source)));

    // Assess
    const processed = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    // One did the work; the others were turned away while it ran, or came after it and found it done.
    expect(processed.filter((p) => p.status === 'processed')).toHaveLength(1);
    expect(processed.filter((p) => p.status !== 'processed').every((p) => p.status === 'duplicate')).toBe(true);
    for (const failure of turnedAway)
      expect((failure as PromiseRejectedResult).reason).toBeInstanceOf(EmailInProgressError);
    expect(redelivered.every((r) => r.status === 'duplicate')).toBe(true);
    const customerId = processed.find((p) => p.status === 'processed')?.customerId;
    expect(customerId).toMatch(CUSTOMER_ID);
    expect((await store.listCustomers()).items.map((c) => c.customerId)).toEqual([customerId]);
    expect(acks.sent.length).toBeLessThanOrEqual(1);
    expect(new Set(channel.tasks.map((t) => t.clientToken)).size).toBe(1);
    expect(channel.tasks).toHaveLength(1);
    expect(voc.messages).toHaveLength(1);
    expect((await store.listInteractions({ customerId: customerId! })).items).toHaveLength(1);
  });
});
