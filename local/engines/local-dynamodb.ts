import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createCustomerTableInput } from '../../lambdas/shared/customer-data/table-schema';

/** Name of the customer table in the local engine. */
export const LOCAL_CUSTOMER_TABLE = 'contact-center-customers';
/**
 * Region and credentials every local client presents. dynalite checks neither, but AWS's DynamoDB Local
 * keeps one database per access key id and region: one fixed pair everywhere means one database.
 */
export const LOCAL_REGION = 'ap-northeast-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * The engine switch: when set (e.g. `http://127.0.0.1:8000`, AWS's DynamoDB Local), the local runtime,
 * `npm start`, the CLI and the test suites use the DynamoDB API at that endpoint instead of starting the
 * embedded dynalite. Unset (the default), dynalite runs in-process.
 */
export const DYNAMODB_ENDPOINT_ENV = 'CONTACT_CENTER_DYNAMODB_ENDPOINT';

/** The external endpoint named by {@link DYNAMODB_ENDPOINT_ENV}, or undefined for the embedded engine. */
export function externalDynamoDbEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env[DYNAMODB_ENDPOINT_ENV]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    throw new LocalDynamoDbError(`${DYNAMODB_ENDPOINT_ENV}: "${raw}" is not a URL such as http://127.0.0.1:8000`, {
      cause: err,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LocalDynamoDbError(`${DYNAMODB_ENDPOINT_ENV}: "${raw}" must be an http:// or https:// URL`);
  }
  return raw.replace(/\/+$/, '');
}

export interface LocalDynamoDbOptions {
  /**
   * Where the data lives across restarts: dynalite's LevelDB directory (one process may open it). On an
   * external engine the directory names the table instead ({@link externalTableName}). Omit for a
   * throw-away store (tests): in memory, or a table of its own dropped on close.
   */
  dataDir?: string;
  /** TCP port on 127.0.0.1 for dynalite; 0 (default) picks a free one. */
  port?: number;
  /** @default LOCAL_CUSTOMER_TABLE (embedded); see {@link externalTableName} (external) */
  tableName?: string;
}

export interface LocalDynamoDb {
  /** http://127.0.0.1:<port> — give it to clients through AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  port: number;
  tableName: string;
  /** 'dynalite' when this process runs the engine, 'external' when {@link DYNAMODB_ENDPOINT_ENV} names one. */
  engine: 'dynalite' | 'external';
  close(): Promise<void>;
}

export class LocalDynamoDbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalDynamoDbError';
  }
}

/** Whether a DynamoDB endpoint answers (ListTables within a second): a running engine, not just an open port. */
export async function dynamoDbAnswers(endpoint: string): Promise<boolean> {
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** A plain client for the local engine (explicit endpoint, region and dummy credentials). */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/**
 * The local customer store's engine, as the switch says: the external endpoint named by
 * {@link DYNAMODB_ENDPOINT_ENV} when it is set, else dynalite in this process
 * ({@link startEmbeddedDynamoDb}). Either way the customer table exists and is ACTIVE on return.
 */
export function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const external = externalDynamoDbEndpoint();
  return external ? useExternalDynamoDb(external, options) : startEmbeddedDynamoDb(options);
}

/**
 * The table a store uses on an external engine, shared by many checkouts, homes and test processes:
 * a data directory always maps to the same table (`contact-center-customers-<digest of its path>`), so
 * `npm start` and CLI commands on one home meet and two homes never do; a throw-away store gets a
 * random table of its own.
 */
export function externalTableName(options: Pick<LocalDynamoDbOptions, 'dataDir' | 'tableName'>): string {
  if (options.tableName) return options.tableName;
  const suffix = options.dataDir
    ? createHash('sha256').update(resolve(options.dataDir)).digest('hex').slice(0, 12)
    : `tmp-${randomBytes(6).toString('hex')}`;
  return `${LOCAL_CUSTOMER_TABLE}-${suffix}`;
}

/** Uses an engine someone else runs: creates the table when missing; close drops a throw-away table only. */
async function useExternalDynamoDb(endpoint: string, options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  const tableName = externalTableName(options);
  try {
    await ensureCustomerTable(endpoint, tableName);
  } catch (err) {
    throw new LocalDynamoDbError(
      `Could not prepare table ${tableName} on the DynamoDB at ${endpoint} (${DYNAMODB_ENDPOINT_ENV}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  const port = Number(new URL(endpoint).port) || (endpoint.startsWith('https:') ? 443 : 80);
  const close = async () => {
    if (options.dataDir) return;
    const client = localDynamoDbClient(endpoint);
    try {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    } finally {
      client.destroy();
    }
  };
  return { endpoint, port, tableName, engine: 'external', close };
}

/**
 * Starts dynalite (the DynamoDB API on LevelDB) in this process and creates the customer table from
 * table-schema.ts when it is missing.
 */
export async function startEmbeddedDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
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
  return { endpoint, port, tableName, engine: 'dynalite', close };
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
