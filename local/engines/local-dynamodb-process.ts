import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  assertDataDirFree,
  ensureCustomerTable,
  LOCAL_CUSTOMER_TABLE,
  type LocalDynamoDb,
  LocalDynamoDbError,
} from './local-dynamodb';

/**
 * dynalite on a data directory in a child process of its own. A bulk writer (the customer import) and
 * the engine then run on two cores instead of sharing one event loop: the engine does more work per
 * item (validation, a read of the table description and of the old item, the write) than the
 * importer does to send it. Same engine and data as {@link startLocalDynamoDb}.
 */

// Plain JavaScript run with `node -e`: it needs no TypeScript loader, so it starts the same from tsx,
// jest or a bundled CLI.
const CHILD = `
const dynalite = require(process.env.DYNALITE_MODULE);
const server = dynalite({ path: process.env.DYNALITE_PATH, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (err) => { process.send({ error: String(err && err.message) }); process.exit(1); });
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => { server.close(() => process.exit(0)); server.closeAllConnections(); });
`;

export async function startLocalDynamoDbProcess(options: {
  dataDir: string;
  tableName?: string;
}): Promise<LocalDynamoDb> {
  const tableName = options.tableName ?? LOCAL_CUSTOMER_TABLE;
  mkdirSync(options.dataDir, { recursive: true });
  await assertDataDirFree(options.dataDir);
  const child = spawn(process.execPath, ['-e', CHILD], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, DYNALITE_MODULE: require.resolve('dynalite'), DYNALITE_PATH: options.dataDir },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number; error?: string }) =>
      m.port ? resolve(m.port) : reject(new LocalDynamoDbError(`local DynamoDB did not start: ${m.error}`)),
    );
    child.once('exit', (code) =>
      reject(new LocalDynamoDbError(`local DynamoDB exited before it listened (code ${code})`)),
    );
    child.once('error', (err) => reject(new LocalDynamoDbError(`local DynamoDB could not start: ${err.message}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.connected) child.disconnect();
    await exited;
  };
  try {
    await ensureCustomerTable(endpoint, tableName);
  } catch (err) {
    await stop(child, close);
    throw new LocalDynamoDbError(
      `Could not prepare the local DynamoDB at ${options.dataDir}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return { endpoint, port, tableName, engine: 'dynalite', close: () => stop(child, close) };
}

async function stop(child: ChildProcess, close: () => Promise<void>): Promise<void> {
  const timer = setTimeout(() => child.kill(), 10_000);
  try {
    await close();
  } finally {
    clearTimeout(timer);
  }
}
