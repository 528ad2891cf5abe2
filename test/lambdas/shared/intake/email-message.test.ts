import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseEmail,
  rejectionByVerdict,
  truncateChars,
  UnusableEmailError,
} from '../../../../lambdas/shared/intake/email-message';
import { MIME_LIMITS } from '../../../../lambdas/shared/intake/mime-limits';
import {
  parseAuthenticationResults,
  sesAuthentication,
  stripComments,
} from '../../../../lambdas/shared/intake/ses-authentication';
import { buildCorpus, sesHeaders } from '../../../fixtures/email/generate';
import {
  bigAttachment,
  deeplyNested,
  hugeHeaderField,
  manyHeaderFields,
  manyParts,
  nestedMessages,
} from '../../../fixtures/email/hostile';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/email');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

describe('email corpus', () => {
  it('is exactly what the generator writes (fixtures are reproducible)', () => {
    const corpus = buildCorpus();
    for (const [name, bytes] of Object.entries(corpus)) {
      expect({ name, same: fixture(name).equals(bytes) }).toEqual({ name, same: true });
    }
    const committed = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.eml'));
    expect(committed.sort()).toEqual(Object.keys(corpus).sort());
  });

  it('really is in the legacy charsets (no UTF-8 smuggled in)', () => {
    // ISO-2022-JP is 7-bit with ESC $ B shifts; Shift_JIS has 8-bit lead bytes that are invalid UTF-8.
    const iso = fixture('iso-2022-jp.eml');
    expect(iso.every((b) => b < 0x80)).toBe(true);
    expect(iso.includes(Buffer.from([0x1b, 0x24, 0x42]))).toBe(true);
    const sjis = fixture('shift-jis.eml');
    expect(sjis.some((b) => b >= 0x80)).toBe(true);
    expect(sjis.toString('utf8')).toContain('\ufffd');
  });
});

describe('parseEmail', () => {
  it('decodes ISO-2022-JP headers and body', async () => {
    const email = await parseEmail(fixture('iso-2022-jp.eml'));
    expect(email).toMatchObject({
      messageId: '20260406100200.iso2022@mail.example.jp',
      from: { address: 'taro.yamada@example.jp', name: '山田 太郎' },
      subject: '商品が届きません',
      threadReferences: [],
      attachments: [],
      spamVerdict: 'PASS',
      virusVerdict: 'PASS',
      automated: false,
      date: '2026-04-06T01:02:00.000Z',
    });
    expect(email.text).toContain('先日注文した商品（注文番号 A-10234）がまだ届いておりません。');
    expect(email.text).not.toContain('\r');
  });

  it('decodes Shift_JIS including NEC special characters and IBM extensions (① 髙)', async () => {
    const email = await parseEmail(fixture('shift-jis.eml'));
    expect(email.subject).toBe('請求書の再発行について');
    expect(email.from).toEqual({ address: 'hanako.sato@example.co.jp', name: '佐藤 花子' });
    expect(email.text).toContain('①②③ 髙橋様にもご確認ください。');
  });

  it('decodes UTF-8 quoted-printable bodies and Q-encoded subjects', async () => {
    const email = await parseEmail(fixture('utf8-quoted-printable.eml'));
    expect(email.subject).toBe('ログインできません');
    expect(email.text).toContain('パスワードの再設定メールが届きません。');
    expect(email.text).not.toMatch(/=E3|=\n/);
  });

  it('decodes UTF-8 base64 bodies', async () => {
    const email = await parseEmail(fixture('utf8-base64.eml'));
    expect(email.subject).toBe('Change of address / 住所変更');
    expect(email.text).toBe(
      'Hello,\n\nI would like to change the delivery address of order B-778.\nThank you,\nJohn Smith',
    );
  });

  it('lists attachments (with RFC 2231 Japanese file names) without inlining them', async () => {
    const email = await parseEmail(fixture('multipart-attachments.eml'));
    expect(email.text).toBe('届いた商品が破損していました。写真と納品書を添付します。');
    expect(email.attachments).toEqual([
      { filename: 'invoice.pdf', contentType: 'application/pdf', size: 77 },
      { filename: '破損写真.png', contentType: 'image/png', size: 70 },
    ]);
    expect(JSON.stringify(email)).not.toContain('iVBORw0');
  });

  it('turns HTML-only mail into text (no tags, no style)', async () => {
    const email = await parseEmail(fixture('html-only.eml'));
    expect(email.text).toContain('解約の手続きを教えてください。');
    expect(email.text).toContain('契約番号: C-5521');
    expect(email.text).not.toMatch(/<|color:red/);
  });

  it('accepts mail without a Subject', async () => {
    const email = await parseEmail(fixture('no-subject.eml'));
    expect(email.subject).toBeUndefined();
    expect(email.text).toBe('件名を入れ忘れました。営業時間を教えてください。');
  });

  it('reads the thread from In-Reply-To and References', async () => {
    const email = await parseEmail(fixture('reply-iso-2022-jp.eml'));
    expect(email.subject).toBe('Re: 商品が届きません');
    expect(email.threadReferences).toEqual(['20260406100200.iso2022@mail.example.jp']);
  });

  it('reads SES verdicts', async () => {
    expect(rejectionByVerdict(await parseEmail(fixture('spam.eml')))).toBe('spam');
    expect(rejectionByVerdict(await parseEmail(fixture('virus.eml')))).toBe('virus');
    expect(rejectionByVerdict(await parseEmail(fixture('iso-2022-jp.eml')))).toBeUndefined();
    const gray = sesHeaders('example.jp', { spam: 'GRAY', virus: 'PROCESSING_FAILED' }).map(
      ([k, v]) => [k.toLowerCase(), v] as const,
    );
    expect(sesAuthentication(gray, ['a@example.jp']).rejectedAs).toBeUndefined();
  });

  it("a sender's X-SES-Virus-Verdict: PASS below SES's FAIL does not get the mail processed", async () => {
    const email = await parseEmail(fixture('forged-verdict.eml'));
    expect(email.virusVerdict).toBe('FAIL');
    expect(rejectionByVerdict(email)).toBe('virus');
    // Two verdict headers are a fail even when both say PASS: one of them is not SES's.
    const twice = [...sesHeaders('example.jp'), ['X-SES-Spam-Verdict', 'PASS'], ['From', 'a@example.jp']].map(
      ([k, v]) => [k!.toLowerCase(), v!] as const,
    );
    expect(sesAuthentication(twice, ['a@example.jp']).rejectedAs).toBe('spam');
  });
});

describe('SES authentication of the From address', () => {
  it('is verified when SES says dmarc=pass for the From domain', async () => {
    const email = await parseEmail(fixture('iso-2022-jp.eml'));
    expect(email.authentication).toMatchObject({ fromVerified: true, spamVerdict: 'PASS', virusVerdict: 'PASS' });
  });

  it("is not verified when SES says dmarc=fail, whatever the sender adds below SES's headers", async () => {
    expect((await parseEmail(fixture('forged-from.eml'))).authentication).toMatchObject({
      fromVerified: false,
      unverifiedBecause: expect.stringContaining('dmarc=fail'),
    });
    expect((await parseEmail(fixture('forged-authentication.eml'))).authentication.fromVerified).toBe(false);
  });

  it("is not verified without SES's block (a message that did not come through SES receiving)", async () => {
    const raw = Buffer.from(
      'Authentication-Results: amazonses.com; dmarc=pass header.from=example.jp;\r\nFrom: a@example.jp\r\nSubject: x\r\n\r\nhi\r\n',
    );
    expect((await parseEmail(raw)).authentication).toMatchObject({ fromVerified: false });
  });

  it('compares the domain SES checked with the one From address', () => {
    const fields = (domain: string, from: string[]) =>
      [...sesHeaders(domain), ...from.map((f) => ['From', f] as [string, string])].map(
        ([k, v]) => [k.toLowerCase(), v] as const,
      );
    expect(sesAuthentication(fields('example.jp', ['a@example.jp']), ['a@example.jp']).fromVerified).toBe(true);
    expect(sesAuthentication(fields('attacker.example', ['a@example.jp']), ['a@example.jp']).fromVerified).toBe(false);
    expect(
      sesAuthentication(fields('example.jp', ['a@example.jp', 'b@example.jp']), ['a@example.jp', 'b@example.jp'])
        .fromVerified,
    ).toBe(false);
    expect(
      sesAuthentication(fields('example.jp', ['a@example.jp']), ['a@example.jp', 'b@other.example']).fromVerified,
    ).toBe(false);
  });

  it('reads Authentication-Results without letting comments, quotes or repeats decide', () => {
    expect(stripComments('spf=pass (a (nested) comment) x=1')).toBe('spf=pass  x=1');
    // A quoted local part holding ")" must not end a comment early (and is no result of its own).
    const quoted = parseAuthenticationResults(
      'amazonses.com; spf=fail (domain of "a) dmarc=pass (b"@evil.example) smtp.mailfrom="a) dmarc=pass (b"@evil.example; dmarc=fail header.from=example.jp',
    );
    expect(quoted.methods.get('dmarc')?.result).toBe('fail');
    // A method given twice is ambiguous: neither counts.
    expect(
      parseAuthenticationResults('amazonses.com; dmarc=fail; dmarc=pass header.from=example.jp').methods.has('dmarc'),
    ).toBe(false);
    // Properties belong to their own segment.
    const split = parseAuthenticationResults('amazonses.com; dkim=fail header.i=@victim.example; dkim=pass');
    expect(split.methods.has('dkim')).toBe(false);
  });
});

describe('MIME limits: a hostile or broken message is unusable, with the reason', () => {
  it.each([
    ['nesting', () => deeplyNested(MIME_LIMITS.maxDepth + 1), /nested more than 16 levels/],
    ['nested forwards', () => nestedMessages(MIME_LIMITS.maxDepth + 1), /nested more than 16 levels/],
    ['part count', () => manyParts(MIME_LIMITS.maxParts + 1), /more than 500 MIME parts/],
    ['header count', () => manyHeaderFields(MIME_LIMITS.maxHeaderFields + 1), /more than 1000 fields/],
    ['header size', () => hugeHeaderField(MIME_LIMITS.maxHeaderBytes + 1), /larger than 262144 bytes/],
  ])('%s over the limit', async (_name, build, reason) => {
    const error = await parseEmail(build()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableEmailError);
    expect((error as UnusableEmailError).reason).toMatch(reason);
  });

  it.each([
    ['nesting', () => deeplyNested(MIME_LIMITS.maxDepth - 1)],
    ['nested forwards', () => nestedMessages(5)],
    ['part count', () => manyParts(100)],
    ['header count', () => manyHeaderFields(200)],
  ])('%s within the limit is parsed', async (_name, build) => {
    await expect(parseEmail(build())).resolves.toMatchObject({ subject: 'hostile' });
  });

  it('a message the parser itself refuses is unusable, not an exception', async () => {
    // With our part limit lifted, mailparser's own limit on child nodes refuses it.
    const refused = await parseEmail(manyParts(5000), { limits: { ...MIME_LIMITS, maxParts: 100_000 } }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(UnusableEmailError);
    expect((refused as UnusableEmailError).reason).toMatch(/^not a readable MIME message/);
  });

  it('an attachment over the limit after decoding is unusable (limit lowered to keep the test small)', async () => {
    const limits = { ...MIME_LIMITS, maxAttachmentBytes: 64 * 1024 };
    await expect(parseEmail(bigAttachment(64 * 1024), { limits })).resolves.toMatchObject({
      attachments: [{ filename: 'big.bin', size: 64 * 1024 }],
    });
    const decoded = await parseEmail(bigAttachment(64 * 1024 + 1), { limits }).catch((e: unknown) => e);
    expect((decoded as UnusableEmailError).reason).toBe('attachment big.bin is larger than 65536 bytes');
    // Far over: refused by the scan before the parser decodes anything.
    const scanned = await parseEmail(bigAttachment(256 * 1024), { limits }).catch((e: unknown) => e);
    expect((scanned as UnusableEmailError).reason).toBe('a part is larger than 65536 bytes');
  });
});

describe('parseEmail of ordinary mail', () => {
  it('recognizes automated mail (no auto-reply loops)', async () => {
    const raw = Buffer.from(
      'From: mailer-daemon@example.jp\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\nMessage-ID: <ooo@example.jp>\r\n\r\nI am away.\r\n',
    );
    expect((await parseEmail(raw)).automated).toBe(true);
  });

  it('parses a 10 MB message (generated here, not committed) and shortens its text', async () => {
    // Prepare: 10 MB of base64 attachment + a long Japanese body, as a multipart message.
    const attachment = Buffer.alloc(7.5 * 1024 * 1024, 0xab);
    const body = 'あ'.repeat(50_000);
    const raw = Buffer.from(
      [
        'From: big@example.jp',
        `Subject: =?UTF-8?B?${Buffer.from('大きな添付', 'utf8').toString('base64')}?=`,
        'Message-ID: <big@example.jp>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(body, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--b',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename="dump.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        attachment.toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--b--',
        '',
      ].join('\r\n'),
    );
    expect(raw.length).toBeGreaterThan(10 * 1024 * 1024);
    // Act
    const email = await parseEmail(raw, { maxTextChars: 2000 });
    // Assess
    expect(email.subject).toBe('大きな添付');
    expect(Array.from(email.text)).toHaveLength(2000);
    expect(email.textTruncated).toBe(true);
    expect(email.attachments).toEqual([
      { filename: 'dump.bin', contentType: 'application/octet-stream', size: attachment.length },
    ]);
  });
});

describe('truncateChars', () => {
  it('never splits a surrogate pair', () => {
    expect(truncateChars('😀😀😀', 2)).toEqual({ text: '😀😀', truncated: true });
    expect(truncateChars('短い', 10)).toEqual({ text: '短い', truncated: false });
  });
});
