import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createCustomerTableInput } from '../../lambdas/shared/customer-data/table-schema';

/** Name of the customer table in the local engine. */
export const LOCAL_CUSTOMER_TABLE = 'contact-center-customers';
/** Region and credentials local clients present to dynalite (it checks neither). */
export const LOCAL_REGION = 'ap-northeast-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface LocalDynamoDbOptions {
  /** LevelDB directory; omit for an in-memory engine (tests). Only one process may open a directory. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** @default LOCAL_CUSTOMER_TABLE */
  tableName?: string;
}

export interface LocalDynamoDb {
  /** http://127.0.0.1:<port> — give it to clients through AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  port: number;
  tableName: string;
  close(): Promise<void>;
}

export class LocalDynamoDbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalDynamoDbError';
  }
}

/** A plain client for the local engine (explicit endpoint, region and dummy credentials). */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/**
 * Starts dynalite (the DynamoDB API on LevelDB) in this process and creates the customer table from
 * table-schema.ts when it is missing.
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const tableName = options.tableName ?? LOCAL_CUSTOMER_TABLE;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    await assertDataDirFree(options.dataDir);
  }
  const server = dynalite({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // SDK clients keep connections alive; do not wait for them to idle out.
      server.closeAllConnections();
    });
  try {
    await ensureCustomerTable(endpoint, tableName);
  } catch (err) {
    await close().catch(() => undefined);
    throw new LocalDynamoDbError(
      `Could not prepare the local DynamoDB${options.dataDir ? ` at ${options.dataDir}` : ''}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return { endpoint, port, tableName, close };
}

interface LevelLike {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * LevelDB allows one opener per directory, and dynalite opens lazily and crashes the process on the
 * first request when the directory is locked: try the lock first and fail with a clear message.
 */
export async function assertDataDirFree(dataDir: string): Promise<void> {
  // classic-level is dynalite's own LevelDB binding: resolve it from dynalite so versions match.
  const modulePath = require.resolve('classic-level', { paths: [require.resolve('dynalite')] });
  const { ClassicLevel } = require(modulePath) as { ClassicLevel: new (location: string) => LevelLike };
  const db = new ClassicLevel(dataDir);
  try {
    await db.open();
  } catch (err) {
    throw new LocalDynamoDbError(
      `The local DynamoDB data at ${dataDir} is in use by another process (LevelDB allows one opener): ` +
        'use that process (npm start writes its endpoint to server.json) or stop it',
      { cause: err },
    );
  }
  await db.close();
}

/** Creates the customer table if missing and waits until it is ACTIVE. */
export async function ensureCustomerTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    try {
      await client.send(new CreateTableCommand(createCustomerTableInput(tableName)));
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
    }
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
        if (out.Table?.TableStatus === 'ACTIVE') return;
      } catch (err) {
        if (!(err instanceof ResourceNotFoundException)) throw err;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new LocalDynamoDbError(`table ${tableName} did not become ACTIVE`);
  } finally {
    client.destroy();
  }
}
