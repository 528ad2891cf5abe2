import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clientTokenFor,
  type EmailIntakeDeps,
  processEmail,
  UNKNOWN_SENDER,
} from '../../../../lambdas/shared/intake/email-intake';
import { MIME_LIMITS } from '../../../../lambdas/shared/intake/mime-limits';
import { sesHeaders } from '../../../fixtures/email/generate';
import { deeplyNested, manyParts, noSender } from '../../../fixtures/email/hostile';
import { aCustomer } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { RecordingAcknowledgements, RecordingChannel, RecordingVocSink } from './fakes';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/email');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const source = (name: string) => ({ location: `s3://raw-mail/inbound/${name}`, fallbackId: `ses-${name}` });
/** `message` as SES stores it after its checks passed for `domain` (SES's block prepended). */
const fromSes = (domain: string, message: string) =>
  Buffer.from(
    `${sesHeaders(domain)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\n${message}`,
  );

describe('processEmail (dynalite)', () => {
  const db = useLocalDynamoDb();
  let channel: RecordingChannel;
  let voc: RecordingVocSink;
  let acks: RecordingAcknowledgements;
  let deps: EmailIntakeDeps;

  beforeEach(() => {
    channel = new RecordingChannel();
    voc = new RecordingVocSink();
    acks = new RecordingAcknowledgements();
    let inquiries = 0;
    let customers = 0;
    deps = {
      store: db.store(),
      channel,
      voc,
      acknowledgements: acks,
      ownDomains: ['example.com'],
      now: () => new Date('2026-04-06T01:03:00.000Z'),
      newInquiryId: () => `INQ-20260406-00000${++inquiries}`,
      resolve: { newCustomerId: () => `C-NEW-${++customers}` },
    };
  });

  it('records a known customer email, creates the task, sends VOC and an acknowledgement', async () => {
    await deps.store.putCustomer(aCustomer());
    const out = await processEmail(deps, fixture('iso-2022-jp.eml'), source('iso-2022-jp.eml'));
    expect(out).toMatchObject({
      messageId: '20260406100200.iso2022@mail.example.jp',
      status: 'processed',
      duplicate: false,
      customerId: 'C-1001',
      newCustomer: false,
      subject: '商品が届きません',
      inquiryId: 'INQ-20260406-000001',
      taskContactId: 'task-1',
      acknowledged: true,
    });
    expect(channel.tasks[0]).toMatchObject({
      name: '[INQ-20260406-000001] 商品が届きません',
      clientToken: clientTokenFor('20260406100200.iso2022@mail.example.jp'),
      references: {
        rawMessage: { type: 'STRING', value: 's3://raw-mail/inbound/iso-2022-jp.eml' },
        sender: { type: 'EMAIL', value: 'taro.yamada@example.jp' },
      },
      attributes: { customerId: 'C-1001', tier: 'gold', inquiryChannel: 'EMAIL' },
    });
    expect(channel.tasks[0]?.description).toContain('注文番号 A-10234');
    expect(voc.messages).toEqual([
      expect.objectContaining({
        sourceId: '20260406100200.iso2022@mail.example.jp',
        channel: 'EMAIL',
        customerId: 'C-1001',
        language: 'ja',
        tier: 'gold',
      }),
    ]);
    expect(acks.sent).toEqual([
      expect.objectContaining({
        to: 'taro.yamada@example.jp',
        subject: '【受付番号 INQ-20260406-000001】お問い合わせを受け付けました（商品が届きません）',
        inReplyTo: '20260406100200.iso2022@mail.example.jp',
      }),
    ]);
    const history = await deps.store.listInteractions({ customerId: 'C-1001' });
    expect(history.items).toEqual([
      expect.objectContaining({
        channel: 'EMAIL',
        subject: '商品が届きません',
        details: expect.objectContaining({
          inquiryId: 'INQ-20260406-000001',
          taskContactId: 'task-1',
          acknowledged: 'true',
        }),
      }),
    ]);
    expect((await deps.store.getCustomer('C-1001'))?.latestInquiry?.id).toBe('INQ-20260406-000001');
  });

  it('treats the duplicate delivery as one interaction: no second task, VOC message or acknowledgement', async () => {
    await processEmail(deps, fixture('iso-2022-jp.eml'), source('a'));
    const again = await processEmail(deps, fixture('duplicate-iso-2022-jp.eml'), source('b'));
    expect(again).toMatchObject({ status: 'duplicate', duplicate: true, customerId: 'C-NEW-1', newCustomer: false });
    expect(channel.tasks).toHaveLength(1);
    expect(voc.messages).toHaveLength(1);
    expect(acks.sent).toHaveLength(1);
    expect((await deps.store.listInteractions({ customerId: 'C-NEW-1' })).items).toHaveLength(1);
  });

  it('resumes a delivery that failed after recording (task throttled) without repeating what was done', async () => {
    channel.failTasks = 1;
    await expect(processEmail(deps, fixture('utf8-base64.eml'), source('x'))).rejects.toThrow('ThrottlingException');
    const retry = await processEmail(deps, fixture('utf8-base64.eml'), source('x'));
    expect(retry).toMatchObject({ status: 'processed', duplicate: false, taskContactId: 'task-1', acknowledged: true });
    expect(acks.sent).toHaveLength(1);
    expect(acks.sent[0]?.subject).toBe(
      '[INQ-20260406-000001] We have received your message: Change of address / 住所変更',
    );
    expect((await deps.store.listInteractions({ customerId: 'C-NEW-1' })).items).toHaveLength(1);
  });

  it('threads a reply under the first message and keeps its inquiry id', async () => {
    await processEmail(deps, fixture('iso-2022-jp.eml'), source('first'));
    const reply = await processEmail(deps, fixture('reply-iso-2022-jp.eml'), source('reply'));
    expect(reply).toMatchObject({
      inquiryId: 'INQ-20260406-000001',
      threadId: '20260406100200.iso2022@mail.example.jp',
      customerId: 'C-NEW-1',
    });
    expect(channel.tasks.map((t) => t.name)).toEqual([
      '[INQ-20260406-000001] 商品が届きません',
      '[INQ-20260406-000001] Re: 商品が届きません',
    ]);
  });

  it.each(['spam.eml', 'virus.eml'])('skips %s as SES marked it, recording nothing', async (name) => {
    const out = await processEmail(deps, fixture(name), source(name));
    expect(out).toMatchObject({ status: 'skipped', skippedBecause: name.replace('.eml', '') });
    expect(channel.tasks).toEqual([]);
    expect(voc.messages).toEqual([]);
    expect(await deps.store.findByEmail('promo@spam.example')).toEqual([]);
  });

  it('handles mail without Subject, HTML-only mail and attachments', async () => {
    const noSubject = await processEmail(deps, fixture('no-subject.eml'), source('n'));
    expect(channel.tasks[0]?.name).toBe('[INQ-20260406-000001] (件名なし)');
    expect(noSubject.subject).toBeUndefined();
    await processEmail(deps, fixture('html-only.eml'), source('h'));
    expect(channel.tasks[1]?.description).toContain('解約の手続きを教えてください。');
    const withFiles = await processEmail(deps, fixture('multipart-attachments.eml'), source('m'));
    expect(channel.tasks[2]?.description).toContain(
      'invoice.pdf (application/pdf, 77 B); 破損写真.png (image/png, 70 B)',
    );
    expect(withFiles.attachments).toHaveLength(2);
  });

  it('never acknowledges automated mail or mail from our own domain', async () => {
    const ooo = fromSes(
      'example.jp',
      'From: someone@example.jp\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\nMessage-ID: <ooo@example.jp>\r\n\r\nAway.\r\n',
    );
    const own = fromSes(
      'example.com',
      'From: agent@example.com\r\nSubject: test\r\nMessage-ID: <own@example.com>\r\n\r\nHi.\r\n',
    );
    await processEmail(deps, ooo, source('ooo'));
    await processEmail(deps, own, source('own'));
    expect(acks.sent).toEqual([]);
    expect(channel.tasks).toHaveLength(2);
  });

  it('uses the SES message id when the message has no Message-ID', async () => {
    const noId = Buffer.from('From: a@example.jp\r\nSubject: x\r\n\r\nbody\r\n');
    expect((await processEmail(deps, noId, source('no-id'))).messageId).toBe('ses-no-id');
  });

  describe("identity: only SES's verdicts verify a sender", () => {
    it('a forged From leaves the profile and latest inquiry untouched and sends no acknowledgement', async () => {
      await deps.store.putCustomer(aCustomer());
      const before = await deps.store.getCustomer('C-1001');
      const outs = [];
      for (const name of ['forged-from.eml', 'forged-authentication.eml']) {
        const out = await processEmail(deps, fixture(name), source(name));
        outs.push(out);
        expect(out).toMatchObject({ status: 'processed', identity: 'claimed', acknowledged: false });
        expect(out.customerId).toBeUndefined();
      }
      const out0 = outs[0]!;
      expect(await deps.store.getCustomer('C-1001')).toEqual(before);
      expect(acks.sent).toEqual([]);
      expect((await deps.store.listInteractions({ customerId: 'C-1001' })).items).toEqual([]);
      // Kept under the address it claims, marked unverified with SES's reason, for an agent to confirm.
      const claimed = (await deps.store.listInteractions({ email: 'taro.yamada@example.jp' })).items;
      expect(claimed).toHaveLength(2);
      expect(claimed[0]).toMatchObject({
        identity: 'claimed',
        details: expect.objectContaining({ acknowledged: 'skipped-unverified', unverifiedBecause: expect.any(String) }),
      });
      // The agent's task shows nothing of C-1001 and says the sender is not verified; it names the
      // history entry the agent app links once the agent has verified the sender.
      expect(channel.tasks[0]!.attributes).toMatchObject({
        customerId: '',
        tier: '',
        identity: 'claimed',
        sourceId: out0.messageId,
      });
      expect(claimed.map((i) => i.sourceId)).toContain(out0.messageId);
      expect(channel.tasks[0]!.description).toContain('本人確認なし');
      expect(voc.messages.every((m) => m.customerId === undefined)).toBe(true);
    });

    it("an SES-authenticated mail reaches the customer's history as verified", async () => {
      await deps.store.putCustomer(aCustomer());
      const out = await processEmail(deps, fixture('iso-2022-jp.eml'), source('ok'));
      expect(out).toMatchObject({ customerId: 'C-1001', identity: 'verified', acknowledged: true });
      expect((await deps.store.listInteractions({ customerId: 'C-1001' })).items[0]).toMatchObject({
        identity: 'verified',
        verifiedBy: 'ses-authentication',
      });
    });

    it("a sender's X-SES-Virus-Verdict: PASS below SES's FAIL is skipped as a virus", async () => {
      const out = await processEmail(deps, fixture('forged-verdict.eml'), source('v'));
      expect(out).toMatchObject({ status: 'skipped', skippedBecause: 'virus' });
      expect(channel.tasks).toEqual([]);
    });
  });

  describe('unusable email: recorded with the reason, never thrown (no redelivery loop into the DLQ)', () => {
    it.each([
      ['too deep', () => deeplyNested(MIME_LIMITS.maxDepth + 1), 'deep@example.jp', /nested more than 16/],
      ['too many parts', () => manyParts(MIME_LIMITS.maxParts + 1), 'parts@example.jp', /more than 500 MIME parts/],
      ['no sender', () => noSender(), 'no-sender@example.jp', /no sender address/],
    ])('%s', async (_name, build, messageId, reason) => {
      const first = await processEmail(deps, build(), source('hostile'));
      const again = await processEmail(deps, build(), source('hostile'));
      expect(first).toMatchObject({ status: 'unusable', messageId, unusableBecause: expect.stringMatching(reason) });
      expect(again).toMatchObject({ status: 'unusable', duplicate: true });
      expect(await deps.store.findInteractionBySource(messageId)).toMatchObject({
        channel: 'EMAIL',
        status: 'unusable',
        details: expect.objectContaining({ unusableBecause: expect.stringMatching(reason) }),
      });
      expect(channel.tasks).toEqual([]);
      expect(voc.messages).toEqual([]);
      expect(acks.sent).toEqual([]);
    });

    it('a message without any readable header is kept under the unknown sender', async () => {
      const out = await processEmail(deps, Buffer.from('garbage without headers'), source('garbage'));
      expect(out).toMatchObject({ status: 'unusable', messageId: 'ses-garbage' });
      expect((await deps.store.listInteractions({ email: UNKNOWN_SENDER })).items).toHaveLength(1);
    });
  });

  it('cuts the history summary on a character boundary, never inside an emoji', async () => {
    // 999 kana, then an emoji (two UTF-16 units) across the 1,000-character summary limit.
    const body = `${'あ'.repeat(999)}😀${'い'.repeat(10)}`;
    const raw = fromSes(
      'example.jp',
      `From: long@example.jp\r\nSubject: long\r\nMessage-ID: <long@example.jp>\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`,
    );
    const out = await processEmail(deps, raw, source('long'));
    const [interaction] = (await deps.store.listInteractions({ customerId: out.customerId! })).items;
    expect(interaction?.summary).toBe(`${'あ'.repeat(999)}😀`);
  });
});
