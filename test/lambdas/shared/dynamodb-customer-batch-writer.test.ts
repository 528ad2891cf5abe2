import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CustomerBatchWriter } from '../../../lambdas/shared/customer-data/customer-batch-writer';
import {
  csvImportRecords,
  ImportInterruptedError,
  importCustomers,
} from '../../../lambdas/shared/customer-data/customer-import';
import {
  BatchWriteExhaustedError,
  createDynamoDbCustomerBatchWriter,
  DynamoDbCustomerBatchWriter,
} from '../../../lambdas/shared/customer-data/dynamodb-customer-batch-writer';
import { aCustomer } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';

describe('DynamoDbCustomerBatchWriter against dynalite', () => {
  const db = useLocalDynamoDb();
  const writer = () => createDynamoDbCustomerBatchWriter({ tableName: db.tableName(), client: db.documentClient() });

  it('writes what putCustomer writes: profile, contact points, households', async () => {
    // Prepare
    const w = await writer();

    // Act
    const outcomes = await w.writeCustomers([
      aCustomer(),
      aCustomer({ customerId: 'C-2001', name: '佐藤 花子', phones: ['+819011112222'], email: 'hanako@example.jp' }),
      aCustomer({ customerId: 'C-2002', name: '佐藤 一郎', phones: ['+819011112222'], email: undefined }),
    ]);

    // Assess
    expect(outcomes).toEqual(['created', 'created', 'created']);
    const store = db.store();
    expect(await store.getCustomer('C-1001')).toMatchObject({ name: '山田 太郎', tier: 'gold' });
    expect(await store.findByEmail('HANAKO@example.jp')).toEqual([{ customerId: 'C-2001' }]);
    const household = await store.findByPhone('+819011112222', { limit: 2 });
    expect(household.map((m) => m.customerId).sort()).toEqual(['C-2001', 'C-2002']);
  });

  it('updates contact points (the old number stops finding the customer) and reports unchanged rows', async () => {
    // Prepare
    const w = await writer();
    await w.writeCustomers([aCustomer({ phones: ['+81312345678', '+819000000001'] })]);

    // Act
    const changed = await w.writeCustomers([aCustomer({ phones: ['+819000000001', '+819000000002'] })]);
    const again = await w.writeCustomers([aCustomer({ phones: ['+819000000001', '+819000000002'] })]);

    // Assess
    expect(changed).toEqual(['updated']);
    expect(again).toEqual(['unchanged']);
    const store = db.store();
    expect(await store.findByPhone('+81312345678')).toEqual([]);
    expect(await store.findByPhone('+819000000002')).toEqual([{ customerId: 'C-1001' }]);
    expect((await store.getCustomer('C-1001'))?.phones).toEqual(['+819000000001', '+819000000002']);
  });

  it('moves contacts that came from a number before it was imported into the new customer history', async () => {
    // Prepare
    const store = db.store();
    await store.recordInteraction(
      { phone: '+819055556666' },
      { channel: 'VOICE', direction: 'INBOUND', at: '2026-11-01T01:00:00Z', sourceId: 'contact-early' },
    );
    const w = await writer();

    // Act
    await w.writeCustomers([aCustomer({ customerId: 'C-3001', phones: ['+819055556666'], email: undefined })]);

    // Assess
    const history = await store.listInteractions({ customerId: 'C-3001' });
    expect(history.items.map((i) => i.sourceId)).toEqual(['contact-early']);
    expect((await store.listInteractions({ phone: '+819055556666' })).items).toEqual([]);
  });

  it('an import stopped part-way by a store failure says what it wrote; the same import again finishes it without duplicates', async () => {
    // Prepare
    const rows = Array.from({ length: 35 }, (_, i) => `CRM-${i},顧客 ${i},090-1234-${String(i).padStart(4, '0')}`);
    const csv = ['customerId,name,phones', ...rows].join('\n');
    const real = await writer();
    let calls = 0;
    const failing: CustomerBatchWriter = {
      writeCustomers: (customers) => {
        calls++;
        if (calls > 1) return Promise.reject(new Error('ProvisionedThroughputExceededException'));
        return real.writeCustomers(customers);
      },
    };

    // Act
    const first = await importCustomers({
      records: csvImportRecords([csv]),
      writer: failing,
      defaultCountry: 'JP',
      batchSize: 10,
      concurrency: 1,
    }).catch((err: unknown) => err);
    const second = await importCustomers({
      records: csvImportRecords([csv]),
      writer: await writer(),
      defaultCountry: 'JP',
      batchSize: 10,
    });

    // Assess
    expect(first).toBeInstanceOf(ImportInterruptedError);
    expect((first as ImportInterruptedError).summary).toMatchObject({ imported: 10, created: 10 });
    expect(second).toMatchObject({ total: 35, imported: 35, created: 25, updated: 10, unchanged: 10 });
    expect(second.customers.map((c) => c.customerId)).toEqual(rows.map((_, i) => `CRM-${i}`));
    const all = await db.store().listCustomers({ limit: 1000 });
    expect(all.items).toHaveLength(35);
  });
});

describe('DynamoDbCustomerBatchWriter retries (aws-sdk-client-mock)', () => {
  // Only this client is mocked: the dynalite tests above use real ones.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-northeast-1' }));
  const ddb = mockClient(client);
  beforeEach(() => {
    ddb.reset();
    ddb.on(BatchGetCommand).resolves({ Responses: { customers: [] } });
    ddb.on(ScanCommand).resolves({ Items: [] });
  });

  it('writes items DynamoDB left unprocessed (throttling) again until all are written', async () => {
    // Prepare
    const profile = { PutRequest: { Item: { pk: 'CUSTOMER#C-1001', sk: 'PROFILE' } } };
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: {} }) // contact points
      .resolvesOnce({ UnprocessedItems: { customers: [profile] } })
      .resolves({ UnprocessedItems: {} });
    const writer = new DynamoDbCustomerBatchWriter({ tableName: 'customers', client, backoffMs: () => 0 });

    // Act
    const outcomes = await writer.writeCustomers([aCustomer({ email: undefined })]);

    // Assess
    expect(outcomes).toEqual(['created']);
    expect(ddb).toHaveReceivedCommandTimes(BatchWriteCommand, 3);
    expect(ddb).toHaveReceivedNthCommandWith(3, BatchWriteCommand, {
      RequestItems: { customers: [expect.objectContaining({ PutRequest: expect.anything() })] },
    });
  });

  it('gives up with a named error when items stay unprocessed', async () => {
    ddb.on(BatchWriteCommand).resolves({
      UnprocessedItems: { customers: [{ PutRequest: { Item: { pk: 'x', sk: 'y' } } }] },
    });
    const writer = new DynamoDbCustomerBatchWriter({ tableName: 'customers', client, backoffMs: () => 0 });

    await expect(writer.writeCustomers([aCustomer({ email: undefined })])).rejects.toBeInstanceOf(
      BatchWriteExhaustedError,
    );
  });
});
