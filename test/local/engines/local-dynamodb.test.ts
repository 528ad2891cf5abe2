import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import {
  LOCAL_CREDENTIALS,
  LOCAL_CUSTOMER_TABLE,
  LOCAL_REGION,
  LocalDynamoDbError,
  localDynamoDbClient,
  startLocalDynamoDb,
} from '../../../local/engines/local-dynamodb';
import { aCustomer } from '../../support/customers';

function storeAt(endpoint: string) {
  const client = createStoreDocumentClient({
    clientConfig: { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
  });
  return { client, store: createDynamoDbCustomerStore({ tableName: LOCAL_CUSTOMER_TABLE, client }) };
}

describe('startLocalDynamoDb', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cc-dynamodb-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the customer table ACTIVE with the keys of table-schema.ts', async () => {
    const engine = await startLocalDynamoDb();
    const client = localDynamoDbClient(engine.endpoint);
    try {
      const out = await client.send(new DescribeTableCommand({ TableName: LOCAL_CUSTOMER_TABLE }));
      expect(out.Table?.TableStatus).toBe('ACTIVE');
      expect(out.Table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
    } finally {
      client.destroy();
      await engine.close();
    }
  });

  it('keeps data in the data directory across restarts', async () => {
    // Prepare
    const first = await startLocalDynamoDb({ dataDir });
    const a = storeAt(first.endpoint);
    await a.store.putCustomer(aCustomer());
    a.client.destroy();
    await first.close();

    // Act
    const second = await startLocalDynamoDb({ dataDir });
    const b = storeAt(second.endpoint);
    try {
      // Assess
      expect(await b.store.findByPhone('+81312345678')).toEqual([{ customerId: 'C-1001' }]);
    } finally {
      b.client.destroy();
      await second.close();
    }
  });

  it('refuses a data directory another engine holds, with a clear error', async () => {
    const first = await startLocalDynamoDb({ dataDir });
    try {
      await expect(startLocalDynamoDb({ dataDir })).rejects.toThrow(LocalDynamoDbError);
      await expect(startLocalDynamoDb({ dataDir })).rejects.toThrow(/in use by another process/);
    } finally {
      await first.close();
    }
  });
});
