import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerStore } from '../../lambdas/shared/customer-data/customer-store';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../lambdas/shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../../lambdas/shared/customer-data/table-schema';
import {
  dynamoDbAnswers,
  externalDynamoDbEndpoint,
  LOCAL_CREDENTIALS,
  LOCAL_CUSTOMER_TABLE,
  LOCAL_REGION,
  startLocalDynamoDb,
} from '../engines/local-dynamodb';
import { startLocalDynamoDbProcess } from '../engines/local-dynamodb-process';

/**
 * The local contact center's state and how CLI commands reach it.
 *
 * - `<home>` is `.contact-center/` at the repository root, or `CONTACT_CENTER_HOME`.
 * - `<home>/dynamodb/` holds dynalite's LevelDB files. LevelDB allows one opener, so a running
 *   `npm start` publishes its dynalite endpoint in `<home>/server.json` ({@link writeServerInfo}) and
 *   CLI commands use that endpoint; without a running server they open the data directory themselves.
 */

export function contactCenterHome(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CONTACT_CENTER_HOME?.trim();
  return override ? resolve(override) : resolve(__dirname, '..', '..', '.contact-center');
}

export function localDataDir(home: string = contactCenterHome()): string {
  return join(home, 'dynamodb');
}

/** What a running local contact center (`npm start`) publishes for other processes. */
export interface ServerInfo {
  pid: number;
  /** dynalite endpoint, e.g. http://127.0.0.1:45123 */
  dynamodbEndpoint: string;
  tableName: string;
  /** Local HTTP console, e.g. http://localhost:3000 */
  consoleUrl?: string;
  startedAt: string;
}

export function serverInfoPath(home: string = contactCenterHome()): string {
  return join(home, 'server.json');
}

/** Writes `<home>/server.json` atomically (call once the engine is listening); returns its path. */
export function writeServerInfo(info: ServerInfo, home: string = contactCenterHome()): string {
  mkdirSync(home, { recursive: true });
  const path = serverInfoPath(home);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(tmp, path);
  return path;
}

/** Removes `<home>/server.json` if it is the one this process (or `pid`) wrote. */
export function removeServerInfo(home: string = contactCenterHome(), pid: number = process.pid): void {
  const info = readServerInfoFile(home);
  if (info && info.pid === pid) rmSync(serverInfoPath(home), { force: true });
}

function readServerInfoFile(home: string): ServerInfo | undefined {
  try {
    const raw = JSON.parse(readFileSync(serverInfoPath(home), 'utf8')) as Partial<ServerInfo>;
    if (typeof raw.pid === 'number' && typeof raw.dynamodbEndpoint === 'string' && typeof raw.tableName === 'string') {
      return raw as ServerInfo;
    }
  } catch {
    // missing or unreadable: no server
  }
  return undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running local contact center, if `<home>/server.json` names a live process. Stale files are ignored. */
export function readServerInfo(home: string = contactCenterHome()): ServerInfo | undefined {
  const info = readServerInfoFile(home);
  return info && processAlive(info.pid) ? info : undefined;
}

/**
 * Points AWS SDK clients created from now on at the local engine (endpoint, region, dummy
 * credentials, table name). Returns a function restoring the previous values.
 */
export function useLocalAwsEnvironment(endpoint: string, tableName: string = LOCAL_CUSTOMER_TABLE): () => void {
  const values: Record<string, string> = {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    [CUSTOMER_TABLE_ENV]: tableName,
  };
  const cleared = ['AWS_SESSION_TOKEN', 'AWS_PROFILE'];
  const previous = new Map<string, string | undefined>();
  for (const name of [...Object.keys(values), ...cleared]) previous.set(name, process.env[name]);
  for (const [name, value] of Object.entries(values)) process.env[name] = value;
  for (const name of cleared) delete process.env[name];
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

export interface LocalStoreContext {
  store: CustomerStore;
  documentClient: DynamoDBDocumentClient;
  endpoint: string;
  tableName: string;
  /** 'server' when a running `npm start` served the request, 'embedded' when this process opened the data. */
  mode: 'server' | 'embedded';
}

/**
 * Runs `fn` against the local customer store: the running local contact center's engine when there is
 * one, else an engine opened on the data directory for the duration of `fn`. While `fn` runs the
 * process environment points AWS SDK clients at that engine.
 */
export async function withLocalStore<T>(
  fn: (ctx: LocalStoreContext) => Promise<T>,
  options: {
    home?: string;
    /** Open the data directory in a child process (bulk writers: the engine gets a core of its own). */
    engineProcess?: 'this' | 'child';
  } = {},
): Promise<T> {
  const home = options.home ?? contactCenterHome();
  const server = readServerInfo(home);
  let endpoint: string;
  let tableName: string;
  let mode: LocalStoreContext['mode'];
  let close: () => Promise<void> = async () => undefined;
  if (server && (await dynamoDbAnswers(server.dynamodbEndpoint))) {
    ({ dynamodbEndpoint: endpoint, tableName } = server);
    mode = 'server';
  } else {
    const engine =
      // An external engine (the switch) already runs elsewhere: only the embedded one can move to a child.
      options.engineProcess === 'child' && !externalDynamoDbEndpoint()
        ? await startLocalDynamoDbProcess({ dataDir: localDataDir(home) })
        : await startLocalDynamoDb({ dataDir: localDataDir(home) });
    ({ endpoint, tableName, close } = engine);
    mode = 'embedded';
  }
  const restore = useLocalAwsEnvironment(endpoint, tableName);
  const documentClient = createStoreDocumentClient({
    clientConfig: { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
  });
  try {
    const store = createDynamoDbCustomerStore({ tableName, client: documentClient });
    return await fn({ store, documentClient, endpoint, tableName, mode });
  } finally {
    documentClient.destroy();
    restore();
    await close();
  }
}
