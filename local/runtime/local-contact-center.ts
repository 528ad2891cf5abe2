import { createAgentApi } from '../../lambdas/agent-api/router';
import { createDynamoDbAccessTrail } from '../../lambdas/shared/agent/dynamodb-access-trail';
import type { CustomerStore } from '../../lambdas/shared/customer-data/customer-store';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../lambdas/shared/customer-data/dynamodb-customer-store';
import { DynamoDbOneTimeCodeStore } from '../../lambdas/shared/intake/dynamodb-one-time-code-store';
import type { ContactCenterConfig } from '../../lib/config';
import type { LocalContactFeed } from '../agent/contact-feed';
import {
  contactCenterHome,
  localDataDir,
  readServerInfo,
  removeServerInfo,
  useLocalAwsEnvironment,
  writeServerInfo,
} from '../cli/local-runtime';
import { createConsoleServer, listen } from '../console/server';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../engines/local-dynamodb';
import { seedIfEmpty } from '../seed/demo-data';
import { localVocDashboard, vocPageOptionsFromQuery } from '../voc/dashboard';
import { generateDemoVocHistory } from '../voc/demo-history';
import { ingestVocMessages } from '../voc/ingest';
import { lakeHasFiles, vocLakeDir } from '../voc/local-lake';
import { loadLocalConfig } from './config';
import { loadIvrLookupHandler } from './lambda-env';
import { createLocalRuntime, type LocalRuntime } from './simulate-call';

/**
 * The whole local contact center in one process (what `npm start` runs): dynalite on
 * `<home>/dynamodb`, demo customers seeded into an empty store, the real ivr-lookup handler, the
 * shipped flows, and the HTTP console (calls, chat and email intake, all recorded in the customer
 * history), with the agent app at `/agent` on the agent API's own router over the same table (its access
 * trail included). `<home>/server.json` tells CLI commands where the engine is.
 */

export interface StartOptions {
  /** @default CONTACT_CENTER_HOME or .contact-center/ */
  home?: string;
  /** @default 3000; 0 picks a free port */
  port?: number;
  config?: ContactCenterConfig;
  /** Seed demo customers into an empty store and demo VOC history into an empty lake. @default true */
  seed?: boolean;
}

export interface RunningContactCenter {
  url: string;
  port: number;
  home: string;
  dynamodbEndpoint: string;
  tableName: string;
  seeded: { seeded: boolean; customers: number; interactions: number };
  /** Demo VOC messages analyzed into the local lake on this start (0 when it had data). */
  vocSeeded: number;
  runtime: LocalRuntime;
  store: CustomerStore;
  /** The contacts the console hands to the agent app at `/agent` (calls answered, chats queued). */
  agentContacts: LocalContactFeed;
  close(): Promise<void>;
}

export class AlreadyRunningError extends Error {
  constructor(
    readonly home: string,
    readonly pid: number,
    readonly url: string | undefined,
  ) {
    super(
      `The local contact center is already running for ${home} (pid ${pid}${url ? `, ${url}` : ''}): ` +
        'use it, stop it, or set CONTACT_CENTER_HOME to another directory',
    );
    this.name = 'AlreadyRunningError';
  }
}

export async function startLocalContactCenter(options: StartOptions = {}): Promise<RunningContactCenter> {
  const home = options.home ?? contactCenterHome();
  const config = options.config ?? loadLocalConfig();
  const running = readServerInfo(home);
  if (running && running.pid !== process.pid) throw new AlreadyRunningError(home, running.pid, running.consoleUrl);

  const engine = await startLocalDynamoDb({ dataDir: localDataDir(home) });
  const cleanups: (() => Promise<void> | void)[] = [() => engine.close()];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn();
  };
  try {
    // The Lambda handler reads its table and endpoint from the environment, as in AWS.
    const restoreEnv = useLocalAwsEnvironment(engine.endpoint, engine.tableName);
    cleanups.push(restoreEnv);
    process.env.DEFAULT_COUNTRY = config.defaultCountry;
    const doc = createStoreDocumentClient({
      clientConfig: { endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
    });
    cleanups.push(() => doc.destroy());
    const store = createDynamoDbCustomerStore({ tableName: engine.tableName, client: doc });
    const seeded = options.seed === false ? { seeded: false, customers: 0, interactions: 0 } : await seedIfEmpty(store);
    let vocSeeded = 0;
    if (options.seed !== false && !lakeHasFiles(vocLakeDir(home))) {
      const timeZone = config.timeZone;
      vocSeeded = (await ingestVocMessages(generateDemoVocHistory({ timeZone }), { home, timeZone })).analyzed;
    }
    const runtime = createLocalRuntime(config, loadIvrLookupHandler());
    const { server, agentContacts } = createConsoleServer({
      runtime,
      store,
      home,
      vocReport: async (query) =>
        (await localVocDashboard({ home, timeZone: config.timeZone, page: vocPageOptionsFromQuery(query) })).html,
      oneTimeCodes: new DynamoDbOneTimeCodeStore(doc, engine.tableName),
      agentApp: {
        // The Lambda's router with the same adapters it has on AWS: reads are logged in the table's access trail.
        api: createAgentApi({
          store,
          accessTrail: createDynamoDbAccessTrail({ tableName: engine.tableName, client: doc }),
          dispositions: config.agentApp.dispositions,
          timeZone: config.timeZone,
          defaultCountry: config.defaultCountry,
          onError: (err) => console.error('console: agent API:', err),
        }),
      },
    });
    const port = await listen(server, options.port ?? 3000);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const url = `http://localhost:${port}`;
    writeServerInfo(
      {
        pid: process.pid,
        dynamodbEndpoint: engine.endpoint,
        tableName: engine.tableName,
        consoleUrl: url,
        startedAt: new Date().toISOString(),
      },
      home,
    );
    cleanups.push(() => removeServerInfo(home));
    let closed: Promise<void> | undefined;
    return {
      url,
      port,
      home,
      dynamodbEndpoint: engine.endpoint,
      tableName: engine.tableName,
      seeded,
      vocSeeded,
      runtime,
      store,
      agentContacts,
      close: () => {
        closed ??= cleanup();
        return closed;
      },
    };
  } catch (err) {
    await cleanup().catch(() => undefined);
    throw err;
  }
}
