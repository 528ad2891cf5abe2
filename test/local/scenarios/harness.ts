import type { CustomerStore } from '../../../lambdas/shared/customer-data/customer-store';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import type { ContactCenterConfig } from '../../../lib/config';
import { useLocalAwsEnvironment } from '../../../local/cli/local-runtime';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../../../local/engines/local-dynamodb';
import type { ContactResult, LambdaHandler } from '../../../local/interpreter/types';
import { loadLocalConfig } from '../../../local/runtime/config';
import { parseInstant } from '../../../local/runtime/instant';
import { loadIvrLookupHandler } from '../../../local/runtime/lambda-env';
import {
  createLocalRuntime,
  type LocalRuntime,
  type SimulateCallOptions,
  simulateCall,
} from '../../../local/runtime/simulate-call';
import { seedDemoData } from '../../../local/seed/demo-data';

/**
 * Caller scenarios run the shipped flows (contact-flows/) through the interpreter with the REAL
 * ivr-lookup handler, reading the demo customers from dynalite. One engine per test file.
 */
export interface ScenarioHarness {
  config(): ContactCenterConfig;
  store(): CustomerStore;
  runtime(): LocalRuntime;
  /** A runtime whose ivr-lookup is `handler` (failure scenarios). */
  runtimeWith(handler: LambdaHandler): LocalRuntime;
  call(options: SimulateCallOptions): Promise<ContactResult>;
  /** The engine the flows' Lambda reads (for commands run as against a running `npm start`). */
  engine(): { endpoint: string; tableName: string };
}

/** Monday 2026-04-06 in the contact center's time zone (Asia/Tokyo by default). */
export function tokyo(wallClock: string, config: ContactCenterConfig): Date {
  const d = parseInstant(wallClock, config.timeZone);
  if (!d) throw new Error(`bad time ${wallClock}`);
  return d;
}

export function useScenarioHarness(): ScenarioHarness {
  let config: ContactCenterConfig | undefined;
  let store: CustomerStore | undefined;
  let runtime: LocalRuntime | undefined;
  let close: (() => Promise<void>) | undefined;
  let restoreEnv: (() => void) | undefined;
  let destroyClient: (() => void) | undefined;
  let engineInfo: { endpoint: string; tableName: string } | undefined;

  beforeAll(async () => {
    config = loadLocalConfig();
    const engine = await startLocalDynamoDb();
    close = engine.close;
    engineInfo = { endpoint: engine.endpoint, tableName: engine.tableName };
    restoreEnv = useLocalAwsEnvironment(engine.endpoint, engine.tableName);
    const doc = createStoreDocumentClient({
      clientConfig: { endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
    });
    destroyClient = () => doc.destroy();
    store = createDynamoDbCustomerStore({ tableName: engine.tableName, client: doc });
    await seedDemoData(store, { now: new Date('2026-04-01T00:00:00Z') });
    runtime = createLocalRuntime(config, loadIvrLookupHandler('SILENT'));
  });
  afterAll(async () => {
    destroyClient?.();
    restoreEnv?.();
    await close?.();
  });

  return {
    config: () => config!,
    store: () => store!,
    runtime: () => runtime!,
    runtimeWith: (handler) => ({ ...runtime!, ivrLookup: handler }),
    call: (options) => simulateCall(runtime!, options),
    engine: () => engineInfo!,
  };
}

/** Japanese characters (kana or kanji). */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
