import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { CustomerStoreInputError } from '../../../lambdas/shared/customer-data/customer-store';
import { createDynamoDbCustomerStore } from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import { keys, sourceKey } from '../../../lambdas/shared/customer-data/table-schema';
import { aCustomer, anInteraction } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';

describe('DynamoDbCustomerStore on the local engine (dynalite, or DynamoDB Local in test:dynamodb-local)', () => {
  const db = useLocalDynamoDb();

  it('finds a customer by phone and email (case-insensitive) and tells unique from shared numbers', async () => {
    // Prepare
    const store = db.store();
    await store.putCustomer(aCustomer());
    await store.putCustomer(
      aCustomer({ customerId: 'C-2001', name: '佐藤 花子', phones: ['+819011112222'], email: 'hanako@example.jp' }),
    );
    await store.putCustomer(
      aCustomer({ customerId: 'C-2002', name: '佐藤 一郎', phones: ['+819011112222'], email: undefined }),
    );

    // Act + Assess
    expect(await store.findByPhone('+81312345678')).toEqual([{ customerId: 'C-1001' }]);
    expect(await store.findByEmail('Taro.Yamada@EXAMPLE.jp')).toEqual([{ customerId: 'C-1001' }]);
    const household = await store.findByPhone('+819011112222', { limit: 2 });
    expect(household.map((m) => m.customerId).sort()).toEqual(['C-2001', 'C-2002']);
    expect(await store.findByPhone('+81399999999')).toEqual([]);
  });

  it('returns the profile and the newest interaction in one query, ignoring older history', async () => {
    // Prepare
    const store = db.store();
    await store.putCustomer(aCustomer());
    for (const n of [5, 1, 30, 12]) await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(n));

    // Act
    const { customer, latestInteraction } = await store.getCustomerWithLatestInteraction('C-1001');

    // Assess
    expect(customer).toMatchObject({ customerId: 'C-1001', name: '山田 太郎', tier: 'gold', language: 'ja-JP' });
    expect(latestInteraction).toMatchObject({ sourceId: 'contact-000030', customerId: 'C-1001', channel: 'VOICE' });
    expect(await store.getCustomerWithLatestInteraction('C-404')).toEqual({});
  });

  it('upserts a customer idempotently and removes contact points no longer listed', async () => {
    // Prepare
    const store = db.store();
    const first = await store.putCustomer(aCustomer({ phones: ['+81312345678', '+819012345678'] }));

    // Act
    const again = await store.putCustomer(aCustomer({ phones: ['+81312345678', '+819012345678'] }));
    const moved = await store.putCustomer(aCustomer({ phones: ['+819012345678'], email: 'new@example.jp' }));

    // Assess
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.customer.updatedAt).toBe(first.customer.updatedAt);
    expect(moved.customer.createdAt).toBe(first.customer.createdAt);
    expect(await store.findByPhone('+81312345678')).toEqual([]);
    expect(await store.findByPhone('+819012345678')).toEqual([{ customerId: 'C-1001' }]);
    expect(await store.findByEmail('taro.yamada@example.jp')).toEqual([]);
    expect(await store.findByEmail('new@example.jp')).toEqual([{ customerId: 'C-1001' }]);
    expect(await store.getCustomer('C-1001')).toMatchObject({ phones: ['+819012345678'], email: 'new@example.jp' });
  });

  it('records an interaction once per source id, for customers and for unmatched contact points', async () => {
    // Prepare
    const store = db.store();
    await store.putCustomer(aCustomer());
    const email = anInteraction(1, { channel: 'EMAIL', sourceId: '<abc@mail.example.jp>' });

    // Act
    const first = await store.recordInteraction({ customerId: 'C-1001' }, email);
    const second = await store.recordInteraction({ customerId: 'C-1001' }, { ...email, at: anInteraction(2).at });
    const unmatched = await store.recordInteraction({ phone: '+81355556666' }, anInteraction(3));

    // Assess
    expect(first).toEqual({ duplicate: false });
    expect(second).toEqual({ duplicate: true });
    expect(unmatched).toEqual({ duplicate: false });
    expect((await store.listInteractions({ customerId: 'C-1001' })).items).toHaveLength(1);
    expect((await store.listInteractions({ phone: '+81355556666' })).items).toEqual([
      expect.objectContaining({ sourceId: 'contact-000003' }),
    ]);
    // An unmatched interaction in a phone partition is not a contact point.
    expect(await store.findByPhone('+81355556666')).toEqual([]);
  });

  it('completes an interaction whose source marker was written by a delivery that died', async () => {
    // Prepare: only the marker exists, as if the process crashed between the two writes.
    const store = db.store();
    const interaction = anInteraction(7);
    const targetSk = keys.interactionSk(interaction.at, interaction.sourceId);
    await db.documentClient().send(
      new PutCommand({
        TableName: db.tableName(),
        Item: { ...keys.source(interaction.sourceId), targetPk: keys.customerPartition('C-1001'), targetSk },
      }),
    );

    // Act
    const result = await store.recordInteraction({ customerId: 'C-1001' }, interaction);

    // Assess
    expect(result).toEqual({ duplicate: false });
    expect(await store.findInteractionBySource(interaction.sourceId)).toMatchObject({ subject: '通話 7' });
  });

  it('keys a source id too long for a sort key by its digest and keeps the original', async () => {
    // Prepare: a Message-ID of 1,500 bytes (past the 1,024-byte sort-key limit) and one of 3,000 bytes
    // (past the 2,048-byte partition-key limit of the marker), multibyte included.
    const store = db.store();
    await store.putCustomer(aCustomer());
    const long = `<${'長'.repeat(400)}${'x'.repeat(300)}@mail.example.jp>`;
    const longer = `<${'y'.repeat(3000)}@mail.example.jp>`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(1024);

    // Act
    const first = await store.recordInteraction(
      { customerId: 'C-1001' },
      anInteraction(1, { channel: 'EMAIL', sourceId: long }),
    );
    const again = await store.recordInteraction(
      { customerId: 'C-1001' },
      anInteraction(2, { channel: 'EMAIL', sourceId: long }),
    );
    const unmatched = await store.recordInteraction(
      { email: 'stranger@example.jp' },
      anInteraction(3, { channel: 'EMAIL', sourceId: longer }),
    );
    const updated = await store.updateInteraction(long, { status: 'resolved' });
    await store.putCustomer(aCustomer({ customerId: 'C-2001', phones: [], email: 'stranger@example.jp' }));

    // Assess
    expect([first, again, unmatched]).toEqual([{ duplicate: false }, { duplicate: true }, { duplicate: false }]);
    expect(updated).toMatchObject({ sourceId: long, status: 'resolved' });
    expect((await store.listInteractions({ customerId: 'C-1001' })).items.map((i) => i.sourceId)).toEqual([long]);
    // The unmatched contact moved into the new owner's history, its marker repointed.
    expect(await store.findInteractionBySource(longer)).toMatchObject({ sourceId: longer, customerId: 'C-2001' });
    const marker = await db
      .documentClient()
      .send(new GetCommand({ TableName: db.tableName(), Key: keys.source(long) }));
    expect(marker.Item).toMatchObject({ sourceId: long });
    expect(keys.source(long).pk).toMatch(/^SOURCE#sha256:[0-9a-f]{64}$/);
    // A short id that merely starts like a digest is digested too; a digest key is its own key.
    expect(keys.source('sha256:abc').pk).toMatch(/^SOURCE#sha256:[0-9a-f]{64}$/);
    expect(keys.source(sourceKey(long))).toEqual(keys.source(long));
    expect(keys.source('<abc@mail.example.jp>').pk).toBe('SOURCE#<abc@mail.example.jp>');
  });

  it('binds an idempotency key to its first request until it expires, also when two bodies race for it', async () => {
    const store = db.store();
    const now = new Date('2026-04-01T00:00:00Z');
    const day = 24 * 60 * 60 * 1000;
    const remember = (digest: string, at: Date) =>
      store.rememberIdempotencyKey('chat', 'key-1', digest, { now: at, retainMs: day });

    const raced = await Promise.all(['a', 'b', 'c', 'd'].map((digest) => remember(digest, now)));
    const winner = ['a', 'b', 'c', 'd'][raced.indexOf('first')]!;

    expect(raced.filter((r) => r === 'first')).toHaveLength(1);
    expect(raced.filter((r) => r === 'different')).toHaveLength(3);
    expect(await remember(winner, new Date(now.getTime() + day - 1000))).toBe('same');
    expect(await remember('e', new Date(now.getTime() + day - 1000))).toBe('different');
    expect(await remember('e', new Date(now.getTime() + day + 2000))).toBe('first');
    expect(await store.rememberIdempotencyKey('inquiry', 'key-1', 'z', { now, retainMs: day })).toBe('first');
  });

  it('finds and updates an interaction by source id through the marker', async () => {
    // Prepare
    const store = db.store();
    await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(1));

    // Act
    const updated = await store.updateInteraction('contact-000001', { sentiment: 'NEGATIVE' });
    const missing = await store.updateInteraction('nope', { sentiment: 'POSITIVE' });

    // Assess
    expect(updated).toMatchObject({ sourceId: 'contact-000001', sentiment: 'NEGATIVE', subject: '通話 1' });
    expect(missing).toBeUndefined();
    expect(await store.findInteractionBySource('contact-000001')).toMatchObject({ sentiment: 'NEGATIVE' });
    const marker = await db
      .documentClient()
      .send(new GetCommand({ TableName: db.tableName(), Key: keys.source('contact-000001') }));
    expect(marker.Item).toMatchObject({ targetPk: 'CUSTOMER#C-1001' });
  });

  it('pages interactions newest first with an opaque cursor', async () => {
    // Prepare
    const store = db.store();
    for (let n = 1; n <= 5; n++) await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(n));

    // Act
    const page1 = await store.listInteractions({ customerId: 'C-1001' }, { limit: 2 });
    const page2 = await store.listInteractions({ customerId: 'C-1001' }, { limit: 2, cursor: page1.cursor });
    const page3 = await store.listInteractions({ customerId: 'C-1001' }, { limit: 2, cursor: page2.cursor });

    // Assess
    const ids = [...page1.items, ...page2.items, ...page3.items].map((i) => i.sourceId);
    expect(ids).toEqual(['contact-000005', 'contact-000004', 'contact-000003', 'contact-000002', 'contact-000001']);
    expect(page1.cursor).toEqual(expect.any(String));
    await expect(store.listInteractions({ customerId: 'C-2' }, { cursor: page1.cursor })).rejects.toThrow(
      CustomerStoreInputError,
    );
    await expect(store.listInteractions({ customerId: 'C-1001' }, { cursor: 'garbage' })).rejects.toThrow(
      CustomerStoreInputError,
    );
  });

  it('lists customers with a substring query on name, phone (national or E.164) and email, and pages', async () => {
    // Prepare
    const store = db.store();
    await store.putCustomer(aCustomer());
    await store.putCustomer(
      aCustomer({ customerId: 'C-2', name: 'John Smith', phones: ['+819087654321'], email: 'john@example.com' }),
    );
    await store.putCustomer(aCustomer({ customerId: 'C-3', name: '山田 花子', phones: [], email: undefined }));
    await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(1));

    // Act + Assess: a page is in customer id order, whatever order the engine scans in.
    expect((await store.listCustomers()).items.map((c) => c.customerId)).toEqual(['C-1001', 'C-2', 'C-3']);
    expect((await store.listCustomers({ query: '山田' })).items.map((c) => c.customerId)).toEqual(['C-1001', 'C-3']);
    expect((await store.listCustomers({ query: '090-8765' })).items.map((c) => c.customerId)).toEqual(['C-2']);
    expect((await store.listCustomers({ query: 'JOHN@' })).items.map((c) => c.customerId)).toEqual(['C-2']);
    const first = await store.listCustomers({ limit: 2 });
    const rest = await store.listCustomers({ limit: 2, cursor: first.cursor });
    expect(first.items).toHaveLength(2);
    expect(rest.items).toHaveLength(1);
    expect(rest.cursor).toBeUndefined();
    expect(new Set([...first.items, ...rest.items].map((c) => c.customerId)).size).toBe(3);
  });

  it('rejects an interaction time that is not ISO-8601', async () => {
    const store = db.store();
    await expect(
      store.recordInteraction({ customerId: 'C-1001' }, anInteraction(1, { at: 'yesterday' })),
    ).rejects.toThrow(/at: expected an ISO-8601 time/);
  });

  it('attaches contacts kept under a number or address once a customer owns it alone', async () => {
    // Prepare: two calls and an email before anyone owned the number or the address
    const store = db.store();
    await store.recordInteraction({ phone: '+81355550000' }, anInteraction(1));
    await store.recordInteraction({ phone: '+81355550000' }, anInteraction(2));
    await store.recordInteraction({ email: 'new@example.jp' }, anInteraction(3, { channel: 'EMAIL' }));

    // Act
    await store.putCustomer(
      aCustomer({ customerId: 'C-3001', name: '新規 顧客', phones: ['+81355550000'], email: 'new@example.jp' }),
    );

    // Assess: in the customer's history, gone from the contact points, still found and updated by source id
    const history = await store.listInteractions({ customerId: 'C-3001' });
    expect(history.items.map((i) => i.sourceId)).toEqual(['contact-000003', 'contact-000002', 'contact-000001']);
    expect(history.items.every((i) => i.customerId === 'C-3001')).toBe(true);
    expect((await store.listInteractions({ phone: '+81355550000' })).items).toEqual([]);
    expect((await store.listInteractions({ email: 'new@example.jp' })).items).toEqual([]);
    await store.updateInteraction('contact-000001', { sentiment: 'NEGATIVE' });
    expect(await store.findInteractionBySource('contact-000001')).toMatchObject({
      customerId: 'C-3001',
      sentiment: 'NEGATIVE',
    });
    expect(await store.recordInteraction({ phone: '+81355550000' }, anInteraction(1))).toEqual({ duplicate: true });
    expect(await store.attachUnmatchedInteractions('C-3001', { phone: '+81355550000' })).toBe(0);
  });

  it('leaves contacts of a shared number where they are', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer({ customerId: 'C-4001', phones: ['+81366660000'], email: undefined }));
    await store.recordInteraction({ phone: '+81366660000' }, anInteraction(7));
    await store.putCustomer(aCustomer({ customerId: 'C-4002', phones: ['+81366660000'], email: undefined }));

    expect(await store.attachUnmatchedInteractions('C-4001', { phone: '+81366660000' })).toBe(0);
    expect((await store.listInteractions({ phone: '+81366660000' })).items.map((i) => i.sourceId)).toEqual([
      'contact-000007',
    ]);
    expect((await store.listInteractions({ customerId: 'C-4002' })).items).toEqual([]);
  });
});

describe('DynamoDbCustomerStore on DynamoDB as AWS answers (document client mocked)', () => {
  // A mock of one client instance: mocking the class would also replace the engine suite's real client.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const doc = mockClient(client);
  afterEach(() => doc.reset());
  afterAll(() => doc.restore());

  it('reads the marker that a failed conditional write returns, which the document client leaves marshalled', async () => {
    // Prepare: DynamoDB honours ReturnValuesOnConditionCheckFailure (dynalite does not); the exception's
    // Item arrives as AttributeValues (aws-sdk-js-v3#6723).
    const interaction = anInteraction(1);
    const target = {
      pk: keys.customerPartition('C-1001'),
      sk: keys.interactionSk(interaction.at, interaction.sourceId),
    };
    doc.on(PutCommand).rejectsOnce(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: { pk: { S: 'SOURCE#contact-000001' }, targetPk: { S: target.pk }, targetSk: { S: target.sk } },
      }),
    );
    doc.on(GetCommand).resolves({ Item: { pk: target.pk } });
    const store = createDynamoDbCustomerStore({ tableName: 'customers', client });

    // Act
    const result = await store.recordInteraction({ customerId: 'C-1001' }, interaction);

    // Assess: one GetItem on the plain key, no second read of the marker.
    expect(result).toEqual({ duplicate: true });
    expect(doc).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(doc).toHaveReceivedCommandWith(GetCommand, { Key: target });
  });
});
