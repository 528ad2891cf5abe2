import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import {
  DYNAMODB_ENDPOINT_ENV,
  externalDynamoDbEndpoint,
  LOCAL_CREDENTIALS,
  LOCAL_CUSTOMER_TABLE,
  LOCAL_REGION,
  LocalDynamoDbError,
  localDynamoDbClient,
  startEmbeddedDynamoDb,
  startLocalDynamoDb,
} from '../../../local/engines/local-dynamodb';
import { aCustomer } from '../../support/customers';

function storeAt(endpoint: string, tableName: string = LOCAL_CUSTOMER_TABLE) {
  const client = createStoreDocumentClient({
    clientConfig: { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
  });
  return { client, store: createDynamoDbCustomerStore({ tableName, client }) };
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
      const out = await client.send(new DescribeTableCommand({ TableName: engine.tableName }));
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
    const first = await startEmbeddedDynamoDb({ dataDir });
    const a = storeAt(first.endpoint);
    await a.store.putCustomer(aCustomer());
    a.client.destroy();
    await first.close();

    // Act
    const second = await startEmbeddedDynamoDb({ dataDir });
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
    const first = await startEmbeddedDynamoDb({ dataDir });
    try {
      await expect(startEmbeddedDynamoDb({ dataDir })).rejects.toThrow(LocalDynamoDbError);
      await expect(startEmbeddedDynamoDb({ dataDir })).rejects.toThrow(/in use by another process/);
    } finally {
      await first.close();
    }
  });
});

describe(`the engine switch (${DYNAMODB_ENDPOINT_ENV})`, () => {
  const saved = process.env[DYNAMODB_ENDPOINT_ENV];
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cc-dynamodb-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    if (saved === undefined) delete process.env[DYNAMODB_ENDPOINT_ENV];
    else process.env[DYNAMODB_ENDPOINT_ENV] = saved;
  });

  it('uses the engine at that endpoint: one table per data directory, a throw-away table dropped on close', async () => {
    // Prepare: an engine someone else runs (dynalite here; DynamoDB Local in CI).
    const external = await startEmbeddedDynamoDb();
    process.env[DYNAMODB_ENDPOINT_ENV] = `${external.endpoint}/`;
    const admin = localDynamoDbClient(external.endpoint);
    try {
      // Act
      const first = await startLocalDynamoDb({ dataDir });
      const a = storeAt(first.endpoint, first.tableName);
      await a.store.putCustomer(aCustomer());
      a.client.destroy();
      await first.close();
      const second = await startLocalDynamoDb({ dataDir });
      const other = await startLocalDynamoDb({ dataDir: join(dataDir, 'other') });
      const throwAway = await startLocalDynamoDb();
      const tablesWhileOpen = (await admin.send(new ListTablesCommand({}))).TableNames;
      await throwAway.close();
      const tablesAfter = (await admin.send(new ListTablesCommand({}))).TableNames;

      // Assess
      expect(first).toMatchObject({ engine: 'external', endpoint: external.endpoint, port: external.port });
      expect(second.tableName).toBe(first.tableName);
      expect(second.tableName).toMatch(/^contact-center-customers-[0-9a-f]{12}$/);
      expect(other.tableName).not.toBe(first.tableName);
      const b = storeAt(second.endpoint, second.tableName);
      expect(await b.store.findByPhone('+81312345678')).toEqual([{ customerId: 'C-1001' }]);
      b.client.destroy();
      expect(tablesWhileOpen).toContain(throwAway.tableName);
      expect(tablesAfter).not.toContain(throwAway.tableName);
      expect(tablesAfter).toContain(first.tableName);
    } finally {
      admin.destroy();
      await external.close();
    }
  });

  it('runs the embedded dynalite when unset, and refuses a value that is not an http(s) URL, naming the variable', () => {
    expect(externalDynamoDbEndpoint({})).toBeUndefined();
    expect(externalDynamoDbEndpoint({ [DYNAMODB_ENDPOINT_ENV]: ' ' })).toBeUndefined();
    expect(() => externalDynamoDbEndpoint({ [DYNAMODB_ENDPOINT_ENV]: 'localhost:8000' })).toThrow(
      /CONTACT_CENTER_DYNAMODB_ENDPOINT: "localhost:8000" must be an http/,
    );
    expect(() => externalDynamoDbEndpoint({ [DYNAMODB_ENDPOINT_ENV]: 'not a url' })).toThrow(
      /CONTACT_CENTER_DYNAMODB_ENDPOINT: "not a url" is not a URL/,
    );
  });
});
