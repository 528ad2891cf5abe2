import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import { CALLER_SCENARIOS, scenarioDigits } from '../../../lib/flows/caller-scenarios';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/engines/local-dynamodb';
import type { ContactResult, LambdaHandler } from '../../../local/interpreter/types';
import { simulateCall, toCallJson } from '../../../local/runtime/simulate-call';
import { JAPANESE, tokyo, useScenarioHarness } from './harness';

/**
 * Every point of the caller experience (architecture.md, "Who uses it": caller), walked through the
 * shipped flows by the interpreter with the real ivr-lookup handler on dynalite and the demo data.
 */

const h = useScenarioHarness();
/** Monday, inside the default business hours (09:00–18:00 Asia/Tokyo). */
const open = () => tokyo('2026-04-06T10:00', h.config());
/** Monday evening, after hours. */
const evening = () => tokyo('2026-04-06T20:00', h.config());
/** Saturday morning: closed all day. */
const saturday = () => tokyo('2026-04-04T10:00', h.config());

const GENERIC_JA = 'お電話ありがとうございます。カスタマーサポートセンターです。';
const MENU_JA = '最新のお問い合わせの状況をお聞きになる場合は1を';
const INVALID_JA = '入力を確認できませんでした。';

function lookupResultOf(result: ContactResult): unknown {
  return result.lambdaCalls.find((c) => c.parameters.action === 'lookup')?.result?.lookupResult;
}
const count = (prompts: string[], fragment: string) => prompts.filter((p) => p.includes(fragment)).length;

describe('known callers', () => {
  test('a known ja-JP customer is greeted by name and the agent gets the customer attributes', async () => {
    const result = await h.call({ from: '03-1234-5678', digits: '2', at: open() });

    expect(result.prompts[0]).toBe('山田様、お電話ありがとうございます。いつもご利用いただきありがとうございます。');
    expect(result.languageCode).toBe('ja-JP');
    expect(result.voice).toBe('Kazuha');
    expect(result.lambdaCalls[0]).toMatchObject({
      function: 'ivr-lookup',
      parameters: { action: 'lookup' },
      result: { lookupResult: 'known', customerId: 'C-1001', greetingName: '山田' },
    });
    expect(result.attributes).toMatchObject({
      customerId: 'C-1001',
      displayName: '山田 太郎',
      tier: 'gold',
      language: 'ja-JP',
      latestInquiryId: 'INQ-2001',
      latestInquiryStatus: 'in_progress',
    });
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'Priority' });
  });

  test('an en-US customer is served in English from the greeting on', async () => {
    const result = await h.call({ from: '080-2345-6789', digits: '2', at: open() });

    expect(lookupResultOf(result)).toBe('known');
    expect(result.languageCode).toBe('en-US');
    expect(result.voice).toBe('Joanna');
    expect(result.prompts[0]).toContain('Emily Johnson');
    expect(result.prompts.filter((p) => JAPANESE.test(p))).toEqual([]);
    expect(result.attributes).toMatchObject({ customerId: 'C-1004', language: 'en-US' });
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test('a Japanese caller can switch to English with 9 in the menu', async () => {
    const result = await h.call({ from: '06-6123-4567', digits: '92', at: open() });

    expect(result.prompts[0]).toContain('鈴木様');
    const afterSwitch = result.prompts.slice(2);
    expect(afterSwitch[0]).toBe('For the status of your latest inquiry, press 1. To speak with an agent, press 2.');
    expect(afterSwitch.filter((p) => JAPANESE.test(p))).toEqual([]);
    expect(result.languageCode).toBe('en-US');
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });
});

describe('callers who must not be named', () => {
  test('a shared household number gets the generic greeting and no customer data', async () => {
    // 田中 美咲 (gold) shares this number with 田中 健 (standard): nobody is named or prioritized.
    const result = await h.call({ from: '045-234-5678', digits: '2', at: open() });

    expect(lookupResultOf(result)).toBe('shared');
    expect(result.lambdaCalls[0]?.result).toEqual({ lookupResult: 'shared', announcement: 'none' });
    expect(result.prompts[0]).toBe(GENERIC_JA);
    expect(result.prompts.join('\n')).not.toContain('田中');
    expect(result.attributes.customerId).toBeUndefined();
    expect(result.attributes.displayName).toBeUndefined();
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test.each([
    ['no caller id at all', null],
    ['a withheld caller id ("anonymous")', 'anonymous'],
    ['a withheld caller id ("非通知")', '非通知'],
  ])('%s is treated as anonymous: generic greeting, General queue', async (_label, from) => {
    const result = await h.call({ from, digits: '2', at: open() });

    expect(lookupResultOf(result)).toBe('anonymous');
    expect(result.prompts[0]).toBe(GENERIC_JA);
    expect(result.attributes.customerId).toBeUndefined();
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test('an unknown number gets the generic greeting and the General queue', async () => {
    const result = await h.call({ from: '+81 3 9999 0000', digits: '2', at: open() });

    expect(result.lambdaCalls[0]?.result).toEqual({ lookupResult: 'unknown', announcement: 'none' });
    expect(result.prompts[0]).toBe(GENERIC_JA);
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });
});

describe('routing by tier', () => {
  test.each([
    ['gold', '03-1234-5678', 'Priority'],
    ['platinum', '090-1234-5678', 'Priority'],
    ['platinum, English', '011-234-5678', 'Priority'],
    ['standard', '06-6123-4567', 'General'],
    ['standard (own mobile of a household member)', '070-3456-7890', 'General'],
  ])('%s customer (%s) → %s', async (tier, from, queue) => {
    const result = await h.call({ from, digits: '2', at: open() });

    expect(result.attributes.tier).toBe(tier.split(/[ ,]/)[0]);
    expect(result.outcome).toEqual({ type: 'queued', queue, reason: 'answered by an available agent' });
    expect(result.path.slice(-2)).toEqual(['set-queue-flow', 'transfer']);
  });

  test('a priority caller waiting for an agent hears the queue position and can ask for a callback', async () => {
    const result = await h.call({ from: '090-1234-5678', digits: '21', at: open(), agentsAvailable: 0 });

    expect(result.prompts).toContain(
      'ただいま、お待ちのお客様は 1 名です。順番におつなぎしますので、このままお待ちください。',
    );
    expect(result.outcome).toMatchObject({ type: 'callback', queue: 'Priority' });
    expect(result.callback).toEqual({ queue: 'Priority', number: '+819012345678' });
    expect(result.prompts.at(-1)).toContain('折り返しのお電話を承りました');
  });
});

describe('after hours', () => {
  test('a known caller hears the status of the latest inquiry and can book a callback with 1', async () => {
    const result = await h.call({ from: '03-1234-5678', digits: '1', at: evening() });

    expect(result.prompts).toEqual([
      '山田様、お電話ありがとうございます。いつもご利用いただきありがとうございます。',
      '誠に申し訳ございません。ただいま営業時間外のため、オペレーターにおつなぎできません。',
      'お問い合わせ（番号 INQ-2001）は現在対応中です。',
      '折り返しのお電話をご希望の場合は、1を押してください。',
      '折り返しのお電話を承りました。担当者より、おかけいただいた番号へお電話いたします。',
      'お電話ありがとうございました。失礼いたします。',
    ]);
    expect(result.outcome).toMatchObject({ type: 'callback', queue: 'General' });
    expect(result.callback).toEqual({ queue: 'General', number: '+81312345678' });
  });

  test('a known caller who presses nothing hears goodbye and is disconnected', async () => {
    const result = await h.call({ from: '03-1234-5678', at: saturday() });

    expect(result.prompts).toContain('お問い合わせ（番号 INQ-2001）は現在対応中です。');
    expect(result.prompts.at(-1)).toBe('お電話ありがとうございました。失礼いたします。');
    expect(result.outcome.type).toBe('disconnected');
  });

  test('an English caller after hours is told in English', async () => {
    const result = await h.call({ from: '080-2345-6789', digits: '1', at: evening() });

    expect(result.prompts).toContain('Your inquiry, number INQ-2004, is currently being handled.');
    expect(result.prompts.filter((p) => JAPANESE.test(p))).toEqual([]);
    expect(result.outcome).toMatchObject({ type: 'callback', queue: 'General' });
  });

  test('an unknown caller gets no inquiry status but may still book a callback', async () => {
    const result = await h.call({ from: '03-9999-0000', digits: '1', at: evening() });

    expect(result.prompts.join('\n')).not.toContain('お問い合わせ（番号');
    expect(result.outcome).toMatchObject({ type: 'callback', queue: 'General' });
    expect(result.callback?.number).toBe('+81399990000');
  });

  test('a caller without a number cannot get a callback and is told so (never silence)', async () => {
    const result = await h.call({ from: null, digits: '1', at: evening() });

    expect(result.prompts).toContain(
      '申し訳ございません。折り返しのお電話を承ることができませんでした。恐れ入りますが、改めておかけ直しください。',
    );
    expect(result.prompts.at(-1)).toBe('お電話ありがとうございました。失礼いたします。');
    expect(result.outcome.type).toBe('disconnected');
  });
});

describe('self-service while open', () => {
  test('menu 1 reads the status of the latest inquiry, then the caller reaches an agent with 2', async () => {
    const result = await h.call({ from: '06-6123-4567', digits: '12', at: open() });

    expect(result.lambdaCalls.map((c) => c.parameters)).toEqual([
      { action: 'lookup' },
      { action: 'inquiryStatus', customerId: 'C-1003', language: 'ja-JP' },
    ]);
    expect(result.prompts).toContain(
      'お問い合わせ（番号 INQ-2003）は受け付け済みです。担当者より順次ご連絡いたします。',
    );
    expect(count(result.prompts, MENU_JA)).toBe(2);
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test('a customer with no inquiry on record is told so', async () => {
    const result = await h.call({ from: '092-123-4567', digits: '12', at: open() });

    expect(result.lambdaCalls[1]?.result).toMatchObject({ statusResult: 'none' });
    expect(result.prompts).toContain('現在、お問い合わせの記録はございません。');
  });

  test('an unidentified caller asking for the status hears why there is none and goes back to the menu', async () => {
    const result = await h.call({ from: '045-234-5678', digits: '12', at: open() });

    expect(result.lambdaCalls[1]?.result).toMatchObject({ statusResult: 'none' });
    expect(result.prompts).toContain(
      'お客様を確認できなかったため、お問い合わせの状況をご案内できません。ご登録のお電話番号からおかけいただくか、オペレーターにおたずねください。',
    );
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });
});

describe('invalid input', () => {
  test('after invalid keys and the re-prompts are used up, the caller reaches an agent', async () => {
    // Two wrong keys (7, 8) are each answered by the invalid-input message and a re-prompt; the
    // third wrong entry (#) ends the menu: the caller is routed, not disconnected.
    const result = await h.call({ from: '03-1234-5678', digits: '78#', at: open() });

    expect(count(result.prompts, INVALID_JA)).toBe(2);
    expect(count(result.prompts, MENU_JA)).toBe(3);
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'Priority' });
  });

  test('a silent caller is routed to an agent too', async () => {
    const result = await h.call({ from: '06-6123-4567', at: open() });

    expect(result.events.filter((e) => e.type === 'input' && e.value === undefined)).toHaveLength(3);
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });
});

describe('failures never leave the caller at a dead end', () => {
  test('the customer store is down: the real handler answers "error" and the caller is served generically', async () => {
    // The real handler on a store whose endpoint refuses connections. (The handler module reads its
    // table from the environment at load, which the harness has set by now.)
    const { createHandler } = await import('../../../lambdas/ivr-lookup/handler');
    const doc = createStoreDocumentClient({
      connectionTimeoutMs: 200,
      requestTimeoutMs: 200,
      maxAttempts: 1,
      clientConfig: { endpoint: 'http://127.0.0.1:9', region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
    });
    const handler = createHandler({
      store: createDynamoDbCustomerStore({ tableName: 'missing', client: doc }),
      defaultCountry: 'JP',
      onError: () => undefined,
    }) as unknown as LambdaHandler;
    try {
      const result = await simulateCall(h.runtimeWith(handler), { from: '03-1234-5678', digits: '2', at: open() });

      expect(result.lambdaCalls[0]?.result).toMatchObject({ lookupResult: 'error' });
      expect(result.prompts[0]).toBe(GENERIC_JA);
      // A gold customer who could not be identified is served in General.
      expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
    } finally {
      doc.destroy();
    }
  });

  test('the Lambda invocation itself fails: the error branch gives the generic greeting and General', async () => {
    const failing: LambdaHandler = async () => {
      throw new Error('Rate exceeded');
    };
    const result = await simulateCall(h.runtimeWith(failing), { from: '090-1234-5678', digits: '2', at: open() });

    expect(result.lambdaCalls[0]).toMatchObject({ function: 'ivr-lookup', error: 'Rate exceeded' });
    expect(result.prompts[0]).toBe(GENERIC_JA);
    expect(result.attributes.customerId).toBeUndefined();
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test('the Priority queue at capacity sends a gold customer to General', async () => {
    const result = await h.call({ from: '03-1234-5678', digits: '2', at: open(), queuesAtCapacity: ['Priority'] });

    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'queue', event: 'capacity', queue: 'Priority' }),
    );
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test('every queue at capacity: the caller is told and offered a callback', async () => {
    const result = await h.call({
      from: '03-1234-5678',
      digits: '21',
      at: open(),
      queuesAtCapacity: ['Priority', 'General'],
    });

    expect(result.prompts).toContain('ただいま電話が大変混み合っており、オペレーターにおつなぎできません。');
    expect(result.outcome).toMatchObject({ type: 'callback', queue: 'General' });
  });

  test('every queue at capacity and no callback wanted: goodbye, not silence', async () => {
    const result = await h.call({ from: '06-6123-4567', digits: '2', at: open(), queuesAtCapacity: ['General'] });

    expect(result.prompts.at(-1)).toBe('お電話ありがとうございました。失礼いたします。');
    expect(result.outcome.type).toBe('disconnected');
  });
});

describe('the call --json contract', () => {
  test('has the documented top-level keys, and lambda calls name function, parameters, result', async () => {
    const json = toCallJson(await h.call({ from: '03-1234-5678', digits: '2', at: open() }));

    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['outcome', 'prompts', 'attributes', 'lambdaCalls', 'path']),
    );
    expect(json.outcome).toEqual({ type: 'queued', queue: 'Priority', reason: 'answered by an available agent' });
    expect(json.lambdaCalls[0]).toEqual({
      function: 'ivr-lookup',
      parameters: { action: 'lookup' },
      result: expect.objectContaining({ lookupResult: 'known' }),
    });
    expect(json.path[0]).toBe('start-logging');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('the shared caller scenarios (also deployed as Amazon Connect test cases)', () => {
  test.each(CALLER_SCENARIOS.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const result = await h.call({
      from: scenario.from,
      digits: scenarioDigits(scenario),
      at: scenario.hours === 'open' ? open() : evening(),
    });

    let from = 0;
    for (const step of scenario.steps) {
      const heard = result.prompts.findIndex((p, i) => i >= from && p.includes(step.hear));
      expect([step.hear, heard >= 0]).toEqual([step.hear, true]);
      from = heard + 1;
    }
    expect(result.outcome.type).toBe(scenario.outcome);
    if (scenario.queue !== undefined) expect(result.outcome.queue).toBe(scenario.queue);
    expect(result.attributes).toMatchObject(scenario.attributes ?? {});
  });
});
