import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAnnounce } from '../../../local/cli/commands/ops-announce';
import type { CommandIo } from '../../../local/cli/io';
import { writeServerInfo } from '../../../local/cli/local-runtime';
import { runLocalChat } from '../../../local/intake/run';
import type { LambdaHandler } from '../../../local/interpreter/types';
import { simulateCall } from '../../../local/runtime/simulate-call';
import { tokyo, useScenarioHarness } from './harness';

/**
 * The emergency announcement end to end: `ops announce` (against the running local contact center's
 * store, as an operator would beside `npm start`), then simulated calls through the shipped flows.
 */

const h = useScenarioHarness();
const JA = '台風の接近に伴い、本日の電話受付を一時停止しております。';
const EN = 'Because of the approaching typhoon, our phone lines are suspended today.';
const GENERIC_JA = 'お電話ありがとうございます。カスタマーサポートセンターです。';

let home: string;
const out: string[] = [];
const io: CommandIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t) };
const open = () => tokyo('2026-04-06T10:00', h.config());

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-announce-'));
  const { endpoint, tableName } = h.engine();
  writeServerInfo(
    { pid: process.pid, dynamodbEndpoint: endpoint, tableName, startedAt: new Date().toISOString() },
    home,
  );
});
afterEach(async () => {
  await runAnnounce('clear', { home }, io);
});
afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

test('ops announce: the next call hears it first, in Japanese then English, then is routed as usual', async () => {
  expect(await runAnnounce(undefined, { ja: JA, en: EN, home }, io)).toBe(0);

  const result = await h.call({ from: '03-9999-0000', digits: '2', at: open() });

  expect(result.prompts.slice(0, 3)).toEqual([JA, EN, GENERIC_JA]);
  expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
});

test('ops announce --close-queues: the caller hears it and goodbye, and reaches no queue', async () => {
  expect(await runAnnounce(undefined, { ja: JA, en: EN, closeQueues: true, home }, io)).toBe(0);

  const result = await h.call({ from: '03-1234-5678', digits: '2', at: open() });

  expect(result.prompts).toEqual([JA, EN, 'お電話ありがとうございました。失礼いたします。']);
  expect(result.outcome.type).toBe('disconnected');
});

test('ops announce clear: the flow is back to normal', async () => {
  await runAnnounce(undefined, { ja: JA, en: EN, closeQueues: true, home }, io);
  expect(await runAnnounce('clear', { home }, io)).toBe(0);

  const result = await h.call({ from: '03-9999-0000', digits: '2', at: open() });

  expect(result.prompts[0]).toBe(GENERIC_JA);
  expect(result.prompts).not.toContain(JA);
  expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
});

test('an unreachable announcement store leaves calls unaffected', async () => {
  await runAnnounce(undefined, { ja: JA, en: EN, closeQueues: true, home }, io);
  // The real handler and adapters; only the announcement's DynamoDB endpoint refuses connections.
  const { createHandler } = await import('../../../lambdas/ivr-lookup/handler');
  const { createDynamoDbCustomerStore, createStoreDocumentClient } = await import(
    '../../../lambdas/shared/customer-data/dynamodb-customer-store'
  );
  const { createAnnouncementReader } = await import('../../../lambdas/ivr-lookup/announcement');
  const { createDynamoDbAnnouncementStore } = await import('../../../lambdas/shared/operations/announcement-store');
  const { tableName } = h.engine();
  const unreachable = createStoreDocumentClient({ clientConfig: { endpoint: 'http://127.0.0.1:1' } });
  const handler = createHandler({
    store: createDynamoDbCustomerStore({ tableName, client: createStoreDocumentClient() }),
    defaultCountry: 'JP',
    announcements: createAnnouncementReader(createDynamoDbAnnouncementStore({ tableName, client: unreachable }), {
      ttlMs: 0,
    }),
    onError: () => undefined,
  }) as unknown as LambdaHandler;

  const result = await simulateCall(h.runtimeWith(handler), { from: '03-9999-0000', digits: '2', at: open() });
  unreachable.destroy();

  expect(result.lambdaCalls[0]?.result).toMatchObject({ lookupResult: 'unknown', announcement: 'none' });
  expect(result.prompts[0]).toBe(GENERIC_JA);
  expect(result.prompts).not.toContain(JA);
  expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
});

describe('chat', () => {
  const chat = () =>
    runLocalChat(
      { store: h.store(), home, config: h.config(), now: open, ivrLookup: h.runtime().ivrLookup },
      { name: '佐藤 花子', phone: '03-5555-0101', message: '配送状況を知りたい' },
    );

  test('a chat visitor reads the announcement first, then is connected as usual', async () => {
    await runAnnounce(undefined, { ja: JA, en: EN, home }, io);

    const result = await chat();

    expect(result.messages.slice(0, 2)).toEqual([JA, EN]);
    expect(result.outcome).toMatchObject({ type: 'queued' });
  });

  test('with --close-queues the chat ends after the announcement; after clear it is back to normal', async () => {
    await runAnnounce(undefined, { ja: JA, en: EN, closeQueues: true, home }, io);
    const closed = await chat();
    await runAnnounce('clear', { home }, io);
    const normal = await chat();

    expect(closed.messages).toEqual([JA, EN]);
    expect(closed.outcome.type).toBe('disconnected');
    expect(normal.messages).not.toContain(JA);
    expect(normal.outcome).toMatchObject({ type: 'queued' });
  });
});

test('ops announce refuses a missing or hostile text, naming the flag', async () => {
  out.length = 0;
  expect(await runAnnounce(undefined, { ja: JA, home }, io)).toBe(2);
  expect(out.join('')).toContain('--en: required');
  out.length = 0;
  expect(await runAnnounce(undefined, { ja: `${JA}\u0007`, en: EN, home }, io)).toBe(2);
  expect(out.join('')).toContain('--ja: control characters');
  out.length = 0;
  expect(await runAnnounce(undefined, { ja: 'あ'.repeat(501), en: EN, home }, io)).toBe(2);
  expect(out.join('')).toContain('--ja: at most 500 characters');
  expect(await runAnnounce('remove', { home }, io)).toBe(2);
});
