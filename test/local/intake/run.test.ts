import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDbOneTimeCodeStore } from '../../../lambdas/shared/intake/dynamodb-one-time-code-store';
import { localIdentityKey, signIdentityToken } from '../../../local/intake/identity-token-issuer';
import { contactsJournalPath, vocMessagesPath } from '../../../local/intake/local-contact-channel';
import { IntakeInputError, requestLocalCode, runLocalChat, runLocalEmail } from '../../../local/intake/run';
import { loadLocalConfig } from '../../../local/runtime/config';
import { aCustomer } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';

const FIXTURES = path.resolve(__dirname, '../../fixtures/email');
// Monday 2026-04-06 10:00 in Tokyo (business hours) and 22:00 (closed).
const OPEN = () => new Date('2026-04-06T01:00:00Z');
const CLOSED = () => new Date('2026-04-06T13:00:00Z');

describe('local intake (dynalite + flow interpreter)', () => {
  const db = useLocalDynamoDb();
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-intake-'));
  });
  const config = loadLocalConfig();

  it('chat: a verified gold customer (--verified: identity token) is greeted by name and queued in Priority', async () => {
    await db.store().putCustomer(aCustomer());
    const out = await runLocalChat(
      { store: db.store(), home, config, now: OPEN },
      { name: '山田 太郎', phone: '03-1234-5678', message: '配送について', verified: true },
    );
    expect(out).toMatchObject({
      customerId: 'C-1001',
      newCustomer: false,
      identity: 'verified',
      outcome: { type: 'queued', queue: 'Priority' },
    });
    expect(out.messages[0]).toBe('山田 太郎 様、いつもご利用いただきありがとうございます。カスタマーサポートです。');
    expect(fs.readFileSync(contactsJournalPath(home), 'utf8')).toContain(out.contactId);
  });

  it("chat: a stranger typing a gold customer's email sees nothing of that customer (no name, no id, no Priority)", async () => {
    await db.store().putCustomer(aCustomer());
    const out = await runLocalChat(
      { store: db.store(), home, config, now: OPEN },
      { name: 'Mallory', email: 'taro.yamada@example.jp', message: '住所を教えて' },
    );
    expect(out).toMatchObject({
      customerId: null,
      newCustomer: false,
      identity: 'claimed',
      outcome: { type: 'queued', queue: 'General' },
    });
    expect(out.messages.join('\n')).not.toMatch(/山田|太郎|C-1001/);
    expect((await db.store().listInteractions({ customerId: 'C-1001' })).items).toEqual([]);
    expect((await db.store().listInteractions({ email: 'taro.yamada@example.jp' })).items).toEqual([
      expect.objectContaining({ sourceId: out.contactId, identity: 'claimed' }),
    ]);
  });

  it('chat: --identity-token from the site is checked with the local key; a forged one names the flag', async () => {
    await db.store().putCustomer(aCustomer());
    const ctx = { store: db.store(), home, config, now: OPEN };
    const token = await signIdentityToken(
      localIdentityKey(home),
      { subject: 'u1', email: 'taro.yamada@example.jp' },
      {
        now: OPEN(),
      },
    );
    await expect(runLocalChat(ctx, { name: '山田 太郎', identityToken: token })).resolves.toMatchObject({
      customerId: 'C-1001',
      identity: 'verified',
    });
    const forged = await signIdentityToken(
      'x'.repeat(43),
      { subject: 'u1', email: 'taro.yamada@example.jp' },
      {
        now: OPEN(),
      },
    );
    await expect(runLocalChat(ctx, { name: 'A', identityToken: forged })).rejects.toThrow(
      new IntakeInputError('--identity-token', 'is not accepted: signature does not verify'),
    );
  });

  it('chat: --request-code writes a code to the outbox; --code with it verifies the address', async () => {
    await db.store().putCustomer(aCustomer());
    const oneTimeCodes = new DynamoDbOneTimeCodeStore(db.documentClient(), db.tableName());
    const ctx = { store: db.store(), home, config, now: OPEN, oneTimeCodes };
    const sent = await requestLocalCode(ctx, { email: 'TARO.YAMADA@example.jp' });
    expect(sent.codeSentTo).toBe('taro.yamada@example.jp');
    const mail = JSON.parse(fs.readFileSync(sent.outbox, 'utf8').trim()) as { to: string; subject: string };
    expect(mail.to).toBe('taro.yamada@example.jp');
    const code = /確認コード: (\d{6})/.exec(mail.subject)![1]!;
    await expect(
      runLocalChat(ctx, { name: '山田 太郎', email: 'taro.yamada@example.jp', oneTimeCode: '000000' }),
    ).rejects.toThrow(new IntakeInputError('--code', 'is wrong, expired or used up: request a new code'));
    const out = await runLocalChat(ctx, { name: '山田 太郎', email: 'taro.yamada@example.jp', oneTimeCode: code });
    expect(out).toMatchObject({ customerId: 'C-1001', identity: 'verified', outcome: { queue: 'Priority' } });
  });

  it('chat: a new English visitor after hours gets the closed message, never a dead end', async () => {
    const out = await runLocalChat(
      { store: db.store(), home, config, now: CLOSED },
      { name: 'John', email: 'john@example.org', locale: 'en-US' },
    );
    expect(out.newCustomer).toBe(true);
    expect(out.messages).toEqual([
      'Thank you for contacting customer support.',
      expect.stringContaining('We are closed now'),
    ]);
    expect(out.outcome.type).toBe('disconnected');
  });

  it('chat: bad options name the flag', async () => {
    await expect(runLocalChat({ store: db.store(), home, config }, { name: 'A' })).rejects.toThrow(
      new IntakeInputError('--email', '--email or --phone is required'),
    );
    await expect(runLocalChat({ store: db.store(), home, config }, { name: 'A', email: 'bad' })).rejects.toThrow(
      '--email: expected an email address such as taro@example.jp',
    );
    await expect(
      runLocalChat({ store: db.store(), home, config }, { name: 'A', email: 'a@example.jp', locale: 'fr-FR' }),
    ).rejects.toThrow('--locale: expected one of ja-JP, en-US');
  });

  it('email: a file processed twice is one interaction, one task, one VOC line', async () => {
    const ctx = { store: db.store(), home, config, now: OPEN };
    const first = await runLocalEmail(ctx, path.join(FIXTURES, 'shift-jis.eml'));
    const again = await runLocalEmail(ctx, path.join(FIXTURES, 'shift-jis.eml'));
    expect(first).toMatchObject({
      messageId: 'SJIS-0407-0915@example.co.jp',
      newCustomer: true,
      duplicate: false,
      subject: '請求書の再発行について',
    });
    expect(again).toMatchObject({ duplicate: true, customerId: first.customerId });
    const tasks = fs.readFileSync(contactsJournalPath(home), 'utf8').trim().split('\n');
    expect(tasks).toHaveLength(1);
    expect(fs.readFileSync(vocMessagesPath(home), 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await db.store().listInteractions({ customerId: first.customerId! })).items).toHaveLength(1);
  });

  it('chat: the same --idempotency-key replays the chat (same contact, flow not run again, nothing recorded)', async () => {
    await db.store().putCustomer(aCustomer());
    const options = { name: '山田 太郎', phone: '03-1234-5678', idempotencyKey: 'cli-retry-1' };
    const first = await runLocalChat({ store: db.store(), home, config, now: OPEN }, options);
    const again = await runLocalChat({ store: db.store(), home, config, now: OPEN }, options);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(fs.readFileSync(contactsJournalPath(home), 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await db.store().listInteractions({ phone: '+81312345678' })).items).toHaveLength(1);
    await expect(
      runLocalChat({ store: db.store(), home, config }, { ...options, idempotencyKey: 'no spaces' }),
    ).rejects.toThrow(/^--idempotency-key: expected 1–64 characters/);
  });

  it.each([
    ['spam.eml', 'spam'],
    ['virus.eml', 'virus'],
  ])('email: %s is skipped with customerId null and the reason', async (file, reason) => {
    const out = await runLocalEmail({ store: db.store(), home, config, now: OPEN }, path.join(FIXTURES, file));
    expect(out).toMatchObject({ customerId: null, newCustomer: false, duplicate: false, skipped: reason });
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['messageId', 'customerId', 'newCustomer', 'duplicate', 'subject', 'text', 'attachments']),
    );
    expect(fs.existsSync(contactsJournalPath(home))).toBe(false);
  });

  it('email: a forged From (SES: dmarc=fail) is kept unverified, acknowledges nobody and leaves the customer alone', async () => {
    await db.store().putCustomer(aCustomer());
    const before = await db.store().getCustomer('C-1001');
    const out = await runLocalEmail(
      { store: db.store(), home, config, now: OPEN },
      path.join(FIXTURES, 'forged-from.eml'),
    );
    expect(out).toMatchObject({ status: 'processed', customerId: null, identity: 'claimed', acknowledged: false });
    expect(await db.store().getCustomer('C-1001')).toEqual(before);
    expect(fs.existsSync(path.join(home, 'intake', 'outbox.jsonl'))).toBe(false);
  });

  it('email: a processed message says skipped: null', async () => {
    const out = await runLocalEmail(
      { store: db.store(), home, config, now: OPEN },
      path.join(FIXTURES, 'shift-jis.eml'),
    );
    expect(out.skipped).toBeNull();
    expect(out.customerId).toEqual(expect.any(String));
  });

  it('email: unreadable and empty files name --file', async () => {
    const empty = path.join(home, 'empty.eml');
    fs.writeFileSync(empty, '');
    await expect(runLocalEmail({ store: db.store(), home, config }, path.join(home, 'missing.eml'))).rejects.toThrow(
      /^--file: cannot read .*missing\.eml \(ENOENT\)$/,
    );
    await expect(runLocalEmail({ store: db.store(), home, config }, empty)).rejects.toThrow(/--file: .*is empty/);
  });
});
