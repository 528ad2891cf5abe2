import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contactCenterHome,
  readServerInfo,
  removeServerInfo,
  serverInfoPath,
  withLocalStore,
  writeServerInfo,
} from '../../../local/cli/local-runtime';
import {
  externalDynamoDbEndpoint,
  LOCAL_CUSTOMER_TABLE,
  startLocalDynamoDb,
} from '../../../local/engines/local-dynamodb';
import { aCustomer } from '../../support/customers';

describe('local runtime', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cc-runtime-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('resolves the home from CONTACT_CENTER_HOME, else .contact-center at the repository root', () => {
    expect(contactCenterHome({ CONTACT_CENTER_HOME: home })).toBe(home);
    expect(contactCenterHome({})).toBe(join(__dirname, '..', '..', '..', '.contact-center'));
  });

  it('reads back server info of a live process, ignores a dead one, and removes only its own', () => {
    const info = {
      pid: process.pid,
      dynamodbEndpoint: 'http://127.0.0.1:1',
      tableName: LOCAL_CUSTOMER_TABLE,
      startedAt: '2026-04-01T00:00:00.000Z',
    };
    writeServerInfo(info, home);
    expect(readServerInfo(home)).toEqual(info);

    removeServerInfo(home, process.pid + 1);
    expect(existsSync(serverInfoPath(home))).toBe(true);
    removeServerInfo(home);
    expect(existsSync(serverInfoPath(home))).toBe(false);

    writeServerInfo({ ...info, pid: 2 ** 22 + 12345 }, home); // above Linux pid_max: never alive
    expect(readServerInfo(home)).toBeUndefined();
  });

  it('uses the running engine named in server.json, pointing the SDK environment at it only during fn', async () => {
    // Prepare: an engine "owned by npm start" with a customer in it.
    const engine = await startLocalDynamoDb();
    writeServerInfo(
      { pid: process.pid, dynamodbEndpoint: engine.endpoint, tableName: engine.tableName, startedAt: '' },
      home,
    );
    const before = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    try {
      // Act
      const seen = await withLocalStore(
        async ({ store, mode, endpoint }) => {
          await store.putCustomer(aCustomer());
          return { mode, endpoint, env: process.env.AWS_ENDPOINT_URL_DYNAMODB, table: process.env.CUSTOMER_TABLE_NAME };
        },
        { home },
      );

      // Assess
      expect(seen).toEqual({
        mode: 'server',
        endpoint: engine.endpoint,
        env: engine.endpoint,
        table: engine.tableName,
      });
      expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(before);
      expect(existsSync(join(home, 'dynamodb'))).toBe(false); // the data directory was never opened
    } finally {
      await engine.close();
    }
  });

  it('opens the data directory itself when no server runs, and the data persists', async () => {
    await withLocalStore(
      async ({ store, mode }) => {
        expect(mode).toBe('embedded');
        await store.putCustomer(aCustomer());
      },
      { home },
    );

    const found = await withLocalStore(({ store }) => store.findByPhone('+81312345678'), { home });

    expect(found).toEqual([{ customerId: 'C-1001' }]);
    // dynalite keeps the data there; an external engine (CONTACT_CENTER_DYNAMODB_ENDPOINT) keeps it itself.
    expect(existsSync(join(home, 'dynamodb'))).toBe(externalDynamoDbEndpoint() === undefined);
  });
});
