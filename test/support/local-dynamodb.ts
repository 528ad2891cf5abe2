import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerStore } from '../../lambdas/shared/customer-data/customer-store';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../lambdas/shared/customer-data/dynamodb-customer-store';
import {
  ensureCustomerTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalDynamoDb,
  localDynamoDbClient,
  startLocalDynamoDb,
} from '../../local/engines/local-dynamodb';

/**
 * The local engine for integration tests — an in-memory dynalite on a free port, or the external engine
 * named by CONTACT_CENTER_DYNAMODB_ENDPOINT (`npm run test:dynamodb-local` runs AWS's DynamoDB Local):
 *
 *   const db = useLocalDynamoDb();           // at describe level: starts in beforeAll, closes in afterAll
 *   const store = db.store();                 // a CustomerStore on a fresh table per test (beforeEach)
 *   const seed = db.seedStore();              // the same table, for loading many items before the act
 *
 * An external engine is shared by every test process at once: table names carry a random prefix.
 */
export interface TestDynamoDb {
  engine(): LocalDynamoDb;
  /** Table name of the current test (fresh for every test). */
  tableName(): string;
  documentClient(): DynamoDBDocumentClient;
  /** A CustomerStore on the same table through the IVR path's client (the store's default bounds). */
  store(): CustomerStore;
  /**
   * The same table through a client with a bulk import's bounds (as `customers import` uses). Loading
   * thousands of items into the single-threaded in-process engine queues each request behind the
   * others, so on a busy machine one write can wait longer than the IVR's 1 s request timeout: that
   * is the cost of the test's own preparation, not a bound under test.
   */
  seedStore(): CustomerStore;
}

const SEED_CLIENT_BOUNDS = { maxAttempts: 5, requestTimeoutMs: 10_000, connectionTimeoutMs: 3000 };

let tableCounter = 0;
const tablePrefix = `customers-test-${randomBytes(4).toString('hex')}`;

export function useLocalDynamoDb(): TestDynamoDb {
  let engine: LocalDynamoDb | undefined;
  let doc: DynamoDBDocumentClient | undefined;
  let seedDoc: DynamoDBDocumentClient | undefined;
  let tableName = '';
  let store: CustomerStore | undefined;
  let seedStore: CustomerStore | undefined;

  beforeAll(async () => {
    engine = await startLocalDynamoDb();
    doc = createStoreDocumentClient({
      clientConfig: { endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
    });
    seedDoc = createStoreDocumentClient({
      ...SEED_CLIENT_BOUNDS,
      clientConfig: { endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
    });
  });
  beforeEach(async () => {
    tableName = `${tablePrefix}-${++tableCounter}`;
    await ensureCustomerTable(engine!.endpoint, tableName);
    store = createDynamoDbCustomerStore({ tableName, client: doc! });
    seedStore = createDynamoDbCustomerStore({ tableName, client: seedDoc! });
  });
  afterEach(async () => {
    const client = localDynamoDbClient(engine!.endpoint);
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    client.destroy();
  });
  afterAll(async () => {
    doc?.destroy();
    seedDoc?.destroy();
    await engine?.close();
  });

  return {
    engine: () => engine!,
    tableName: () => tableName,
    documentClient: () => doc!,
    store: () => store!,
    seedStore: () => seedStore!,
  };
}
