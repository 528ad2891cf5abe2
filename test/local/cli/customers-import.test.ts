import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { deterministicCustomerId } from '../../../lambdas/shared/customer-data/customer-import';
import { runCustomersImport, runCustomersList } from '../../../local/cli/commands/customers';
import { runHistory } from '../../../local/cli/commands/history';
import { withLocalStore } from '../../../local/cli/local-runtime';
import { captureIo } from '../../support/capture-io';
import { useLocalDynamoDb } from '../../support/local-dynamodb';

/** `customers import` against the local store (embedded dynalite on a temporary CONTACT_CENTER_HOME). */

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(home, name);
  writeFileSync(path, content);
  return path;
}

const goodRecords = [
  {
    customerId: 'C-1001',
    name: '山田 太郎',
    phones: ['03-1234-5678', '+81 90 1234 5678'],
    email: 'taro.yamada@example.jp',
    tier: 'gold',
    language: 'ja-JP',
    latestInquiry: { id: 'INQ-1001', subject: '請求書の再発行', status: 'in_progress' },
  },
  { name: 'John Smith', phones: ['+1 212-555-0100'], email: 'john@example.com', language: 'en-US' },
];

describe('customers import (local store)', () => {
  it('imports a JSON array, normalizing phones to E.164 and defaulting tier and language', async () => {
    // Prepare
    const path = file('customers.json', JSON.stringify(goodRecords));
    const { out, io } = captureIo();

    // Act
    const code = await runCustomersImport(path, { json: true, home, country: 'JP' }, io);

    // Assess
    expect(code).toBe(0);
    expect(out.stderr).toBe('');
    const summary = JSON.parse(out.stdout);
    expect(summary).toMatchObject({ stage: 'local', total: 2, imported: 2, created: 2, updated: 0, rejected: [] });
    const smithId = deterministicCustomerId({ name: 'John Smith', phones: [], email: 'john@example.com' });
    expect(summary.customers).toEqual([
      { customerId: 'C-1001', created: true },
      { customerId: smithId, created: true },
    ]);
    await withLocalStore(
      async ({ store }) => {
        expect(await store.getCustomer('C-1001')).toMatchObject({
          name: '山田 太郎',
          phones: ['+81312345678', '+819012345678'],
          tier: 'gold',
          latestInquiry: { id: 'INQ-1001', status: 'in_progress' },
        });
        expect(await store.findByPhone('+819012345678')).toEqual([{ customerId: 'C-1001' }]);
        expect(await store.getCustomer(smithId)).toMatchObject({ tier: 'standard', language: 'en-US' });
      },
      { home },
    );
  });

  it('is idempotent: re-importing the same file creates nothing new', async () => {
    const path = file('customers.json', JSON.stringify(goodRecords));
    await runCustomersImport(path, { home, country: 'JP' }, captureIo().io);
    const { out, io } = captureIo();

    const code = await runCustomersImport(path, { json: true, home, country: 'JP' }, io);

    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ imported: 2, created: 0, updated: 2 });
    const list = captureIo();
    await runCustomersList({ json: true, home }, list.io);
    expect(JSON.parse(list.out.stdout).customers).toHaveLength(2);
  });

  it('reports bad records by index with field and reason, imports the rest, and exits non-zero', async () => {
    // Prepare
    const records = [
      goodRecords[0],
      { name: '', phones: ['03-1234-5678'] },
      { name: '鈴木 一郎', phones: ['12'], tier: 'diamond' },
      { name: '高橋 美咲', email: 'not-an-email' },
      { name: '伊藤 健', phone: '03-9999-0000' },
      { name: '渡辺 直子' },
    ];
    const path = file('customers.json', JSON.stringify(records));
    const { out, io } = captureIo();

    // Act
    const code = await runCustomersImport(path, { json: true, home, country: 'JP' }, io);

    // Assess
    expect(code).toBe(1);
    const summary = JSON.parse(out.stdout);
    expect(summary).toMatchObject({ total: 6, imported: 1, rejectedRecords: 5 });
    const lines = out.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/customers\.json: record 1: name: expected a non-empty name/),
        expect.stringMatching(/record 2: tier: .*"standard"/),
        expect.stringMatching(/record 3: email: expected an email address/),
        expect.stringMatching(/record 4: \(record\): .*phone/),
        expect.stringMatching(/record 5: customerId: required when the record has neither phones nor email/),
      ]),
    );
    await withLocalStore(async ({ store }) => expect(await store.getCustomer('C-1001')).toBeDefined(), { home });
  });

  it('rejects an unreadable phone number naming its position', async () => {
    const path = file('customers.json', JSON.stringify([{ name: '鈴木 一郎', phones: ['03-1234-5678', '12'] }]));
    const { out, io } = captureIo();

    const code = await runCustomersImport(path, { home, country: 'JP' }, io);

    expect(code).toBe(1);
    expect(out.stderr).toContain('record 0: phones[1]: expected a phone number such as 03-1234-5678');
  });

  it('imports CSV with quoted fields, ";"-separated phones and inquiry columns, reporting bad lines', async () => {
    // Prepare
    const csv = [
      'customerId,name,phones,email,tier,language,latestInquiry.id,latestInquiry.subject,latestInquiry.status',
      'C-3001,佐藤 花子,090-1111-2222;03-5555-6666,hanako@example.jp,platinum,ja-JP,INQ-3001,"配送について, 至急",received',
      'C-3002,"田中 ""タナカ"" 次郎",0120-123-456,,standard,ja-JP,,,',
      'C-3003,中村 誠,090-0000,,gold,ja-JP,,,',
      'C-3004,小林 優子,,,standard,fr-FR,,,',
    ].join('\r\n');
    const path = file('customers.csv', csv);
    const { out, io } = captureIo();

    // Act
    const code = await runCustomersImport(path, { json: true, home, country: 'JP' }, io);

    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ total: 4, imported: 2 });
    expect(out.stderr).toContain('customers.csv: line 4: phones[0]: expected a phone number');
    expect(out.stderr).toMatch(/customers\.csv: line 5: language: .*"ja-JP"/);
    await withLocalStore(
      async ({ store }) => {
        expect(await store.getCustomer('C-3001')).toMatchObject({
          phones: ['+819011112222', '+81355556666'],
          tier: 'platinum',
          latestInquiry: { id: 'INQ-3001', subject: '配送について, 至急', status: 'received' },
        });
        expect(await store.getCustomer('C-3002')).toMatchObject({ name: '田中 "タナカ" 次郎' });
      },
      { home },
    );
  });

  it('imports a household: two customers sharing one number are both owners of it', async () => {
    const path = file(
      'household.json',
      JSON.stringify([
        { name: '山本 一郎', phones: ['03-3333-4444'] },
        { name: '山本 花子', phones: ['03-3333-4444'] },
      ]),
    );
    const { out, io } = captureIo();

    const code = await runCustomersImport(path, { json: true, home, country: 'JP' }, io);

    expect(code).toBe(0);
    const ids = JSON.parse(out.stdout).customers.map((c: { customerId: string }) => c.customerId);
    expect(new Set(ids).size).toBe(2);
    await withLocalStore(
      async ({ store }) => expect((await store.findByPhone('+81333334444', { limit: 2 })).length).toBe(2),
      { home },
    );
  });

  it.each([
    ['not JSON', 'broken.json', '[{"name": ', /broken\.json: not valid JSON/],
    ['not an array', 'object.json', '{"name":"x"}', /expected a JSON array/],
    ['an unknown CSV column', 'bad.csv', 'name,phone\n山田,03-1234-5678\n', /line 1: unknown column\(s\) "phone"/],
  ])('exits 2 for a file that is %s', async (_label, name, content, message) => {
    const { out, io } = captureIo();

    const code = await runCustomersImport(file(name, content), { home, country: 'JP' }, io);

    expect(code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });

  it('exits 2 naming the file when it cannot be read, and naming --table for --stage aws without it', async () => {
    const missing = captureIo();
    expect(await runCustomersImport(join(home, 'nope.json'), { home, country: 'JP' }, missing.io)).toBe(2);
    expect(missing.out.stderr).toMatch(/nope\.json: cannot read the file \(ENOENT\)/);

    const noTable = captureIo();
    const path = file('customers.json', JSON.stringify(goodRecords));
    expect(await runCustomersImport(path, { stage: 'aws', country: 'JP' }, noTable.io)).toBe(2);
    expect(noTable.out.stderr).toMatch(/--table: required with --stage aws/);
  });
});

describe('customers import: encodings and spreadsheet cells', () => {
  const csv = [
    'customerId,name,phones,email,latestInquiry.id,latestInquiry.subject,latestInquiry.status',
    'C-5001,髙橋 﨑子,090-1111-2222,,INQ-5001,①配送の遅れ～至急,received',
    'C-5002,"=HYPERLINK(""http://evil.example"",""詳細"")",03-5555-6666,,,,',
    'C-5003,@SUM(A1),+81 3 1234 0000,,,,',
  ].join('\r\n');

  async function stored(id: string) {
    return withLocalStore(async ({ store }) => store.getCustomer(id), { home });
  }

  it.each([
    ['detected', undefined],
    ['given', 'cp932'],
  ])('imports a CP932 (Shift_JIS) CSV, encoding %s, without mojibake', async (_label, encoding) => {
    // Prepare: NEC and IBM extension characters (①, 髙, 﨑) exist only in CP932, not in plain Shift_JIS.
    const path = file('crm-export.csv', iconv.encode(csv, 'cp932'));
    const { out, io } = captureIo();

    // Act
    const code = await runCustomersImport(path, { json: true, home, country: 'JP', encoding }, io);

    // Assess
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ encoding: 'cp932', imported: 3 });
    expect(await stored('C-5001')).toMatchObject({
      name: '髙橋 﨑子',
      latestInquiry: { subject: '①配送の遅れ～至急' },
    });
  });

  it('imports UTF-8 with a BOM (the BOM is not part of the first column name)', async () => {
    const path = file('bom.csv', `\uFEFF${csv}`);
    const { out, io } = captureIo();

    const code = await runCustomersImport(path, { json: true, home, country: 'JP' }, io);

    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ encoding: 'utf-8', imported: 3 });
    expect(await stored('C-5001')).toMatchObject({ name: '髙橋 﨑子' });
  });

  it('stores cells starting with = + - @ as the text they are', async () => {
    const { io } = captureIo();

    expect(await runCustomersImport(file('cells.csv', csv), { home, country: 'JP' }, io)).toBe(0);

    expect(await stored('C-5002')).toMatchObject({ name: '=HYPERLINK("http://evil.example","詳細")' });
    expect(await stored('C-5003')).toMatchObject({ name: '@SUM(A1)', phones: ['+81312340000'] });
  });

  it.each([
    [
      'a CP932 file read as UTF-8',
      iconv.encode(csv, 'cp932'),
      'utf-8',
      /not valid UTF-8 at line 2; the file reads as CP932 \(Shift_JIS\): give --encoding cp932/,
    ],
    ['a UTF-8 file read as CP932', Buffer.from(csv, 'utf8'), 'cp932', /not valid CP932 .*give --encoding utf-8/],
    // These UTF-8 bytes happen to be valid CP932 too (as 鬘ｧ螳｢ 譚ｱ莠ｬ): mojibake unless refused.
    [
      'UTF-8 that would read as CP932 mojibake',
      Buffer.from('customerId,name\nC-1,顧客 東京\n', 'utf8'),
      'cp932',
      /the file is UTF-8, not CP932/,
    ],
    [
      'a file in neither encoding',
      Buffer.concat([Buffer.from('customerId,name\nC-1,'), Buffer.from([0x82, 0xff, 0xfe])]),
      undefined,
      /neither UTF-8 \(invalid at line 2\) nor CP932\/Shift_JIS \(invalid at line 2\)/,
    ],
    ['an unknown --encoding', Buffer.from(csv), 'latin1', /--encoding: expected utf-8 or cp932/],
  ])('rejects %s with a clear message and imports nothing', async (_label, content, encoding, message) => {
    const { out, io } = captureIo();

    const code = await runCustomersImport(file('in.csv', content), { home, country: 'JP', encoding }, io);

    expect(code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
    const list = captureIo();
    await runCustomersList({ json: true, home }, list.io);
    expect(JSON.parse(list.out.stdout).customers).toEqual([]);
  });
});

describe('customers import --stage aws (real SDK client, endpoint from AWS_ENDPOINT_URL_DYNAMODB)', () => {
  const db = useLocalDynamoDb();
  const saved = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  beforeEach(() => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = db.engine().endpoint;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    else process.env.AWS_ENDPOINT_URL_DYNAMODB = saved;
  });

  it('writes to the named table', async () => {
    const path = file('customers.json', JSON.stringify(goodRecords));
    const { out, io } = captureIo();

    const code = await runCustomersImport(path, { stage: 'aws', table: db.tableName(), json: true, country: 'JP' }, io);

    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ stage: 'aws', table: db.tableName(), imported: 2 });
    expect(await db.store().findByPhone('+81312345678')).toEqual([{ customerId: 'C-1001' }]);
  });
});

describe('history', () => {
  it('prints the customer and interactions newest first as JSON, and fails for an unknown id', async () => {
    // Prepare
    const path = file('customers.json', JSON.stringify(goodRecords));
    await runCustomersImport(path, { home, country: 'JP' }, captureIo().io);
    await withLocalStore(
      async ({ store }) => {
        await store.recordInteraction(
          { customerId: 'C-1001' },
          {
            channel: 'VOICE',
            direction: 'INBOUND',
            at: '2026-04-01T01:00:00Z',
            sourceId: 'contact-1',
            status: 'completed',
          },
        );
        await store.recordInteraction(
          { customerId: 'C-1001' },
          {
            channel: 'EMAIL',
            direction: 'INBOUND',
            at: '2026-04-02T01:00:00Z',
            sourceId: '<m1@example.jp>',
            subject: '請求書について',
            sentiment: 'NEGATIVE',
          },
        );
      },
      { home },
    );
    const { out, io } = captureIo();

    // Act
    const code = await runHistory('C-1001', { json: true, home }, io);
    const missing = captureIo();
    const missingCode = await runHistory('C-404', { json: true, home }, missing.io);

    // Assess
    expect(code).toBe(0);
    const history = JSON.parse(out.stdout);
    expect(history.customer).toMatchObject({
      customerId: 'C-1001',
      name: '山田 太郎',
      tier: 'gold',
      language: 'ja-JP',
    });
    expect(history.interactions).toEqual([
      expect.objectContaining({
        channel: 'EMAIL',
        at: '2026-04-02T01:00:00.000Z',
        direction: 'INBOUND',
        subject: '請求書について',
        sentiment: 'NEGATIVE',
        sourceId: '<m1@example.jp>',
      }),
      expect.objectContaining({ channel: 'VOICE', status: 'completed', sourceId: 'contact-1' }),
    ]);
    expect(missingCode).toBe(1);
    expect(missing.out.stderr).toMatch(/no customer "C-404"/);
    expect(missing.out.stdout).toBe('');
  });
});
