import { DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ANNOUNCEMENT_KEY } from '../../../lambdas/shared/operations/announcement-store';
import { aContactFlowEvent, aLambdaContext } from '../../support/connect-events';

/**
 * The deployed handler (module-level store on CUSTOMER_TABLE_NAME) with DynamoDB mocked by
 * aws-sdk-client-mock. Items are shaped as the DynamoDB adapter writes them (table-schema.ts).
 */

const TABLE = 'customers-test';
const ddb = mockClient(DynamoDBDocumentClient);
let handler: typeof import('../../../lambdas/ivr-lookup/handler').handler;
let logger: typeof import('../../../lambdas/ivr-lookup/handler').logger;

const yamada = {
  pk: 'CUSTOMER#C-1001',
  sk: 'PROFILE',
  customerId: 'C-1001',
  name: '山田 太郎',
  phones: ['+81312345678'],
  tier: 'gold',
  language: 'ja-JP',
  latestInquiry: { id: 'INQ-1001', subject: '請求書の再発行', status: 'in_progress' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const smith = {
  pk: 'CUSTOMER#C-2001',
  sk: 'PROFILE',
  customerId: 'C-2001',
  name: 'John Smith',
  phones: ['+819087654321'],
  tier: 'standard',
  language: 'en-US',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const latestCall = {
  pk: 'CUSTOMER#C-1001',
  sk: 'INTERACTION#2026-03-31T09:15:00.000Z#contact-9',
  customerId: 'C-1001',
  channel: 'CHAT',
  direction: 'INBOUND',
  at: '2026-03-31T09:15:00.000Z',
  sourceId: 'contact-9',
};

/** Contact points and customer partitions, answered like DynamoDB would for the adapter's queries. */
function serveTable(contactPoints: Record<string, string[]>, partitions: Record<string, Record<string, unknown>[]>) {
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const pk = input.ExpressionAttributeValues?.[':pk'] as string;
    if (pk.startsWith('PHONE#')) {
      const owners = contactPoints[pk] ?? [];
      return { Items: owners.slice(0, input.Limit).map((customerId) => ({ customerId })) };
    }
    const items = partitions[pk] ?? [];
    const limit = input.Limit ?? items.length;
    return {
      Items: items.slice(0, limit),
      LastEvaluatedKey: items.length > limit ? { pk, sk: items[limit - 1]!.sk } : undefined,
    };
  });
}

beforeAll(() => {
  process.env.CUSTOMER_TABLE_NAME = TABLE;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  // Read the announcement on every contact, so each test sees its own mock (no 15 s cache).
  process.env.ANNOUNCEMENT_CACHE_MS = '0';
  ({ handler, logger } = require('../../../lambdas/ivr-lookup/handler'));
});
beforeEach(() => ddb.reset());

/** The customer store's calls, without the announcement read that accompanies every lookup. */
const storeCalls = () =>
  ddb.calls().filter((c) => (c.args[0].input as { Key?: { pk?: string } }).Key?.pk !== ANNOUNCEMENT_KEY.pk);

describe('ivr-lookup handler: action lookup', () => {
  it('greets a known Japanese caller by family name with tier, priority and inquiry status', async () => {
    // Prepare
    serveTable({ 'PHONE#+81312345678': ['C-1001'] }, { 'CUSTOMER#C-1001': [yamada, latestCall] });

    // Act
    const result = await handler(aContactFlowEvent({ address: '+81312345678' }), aLambdaContext());

    // Assess
    expect(result).toEqual({
      lookupResult: 'known',
      announcement: 'none',
      customerId: 'C-1001',
      displayName: '山田 太郎',
      greetingName: '山田',
      greeting: '山田様、お電話ありがとうございます。いつもご利用いただきありがとうございます。',
      tier: 'gold',
      language: 'ja-JP',
      priority: 'true',
      hasInquiry: 'true',
      latestInquiryId: 'INQ-1001',
      latestInquiryStatus: 'in_progress',
      inquiryStatusMessage: 'お問い合わせ（番号 INQ-1001）は現在対応中です。',
      lastContactChannel: 'CHAT',
      lastContactAt: '2026-03-31T09:15:00.000Z',
    });
    for (const value of Object.values(result as Record<string, unknown>)) expect(typeof value).toBe('string');
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: TABLE,
      ExpressionAttributeValues: expect.objectContaining({ ':pk': 'PHONE#+81312345678' }),
      Limit: 2,
    });
  });

  it('greets a known English caller by full name, standard tier without priority, no inquiry', async () => {
    serveTable({ 'PHONE#+819087654321': ['C-2001'] }, { 'CUSTOMER#C-2001': [smith] });

    const result = await handler(aContactFlowEvent({ address: '+819087654321' }), aLambdaContext());

    expect(result).toMatchObject({
      lookupResult: 'known',
      displayName: 'John Smith',
      greetingName: 'John Smith',
      greeting: 'Hello John Smith, thank you for calling.',
      language: 'en-US',
      priority: 'false',
      hasInquiry: 'false',
      latestInquiryId: '',
      latestInquiryStatus: '',
      inquiryStatusMessage: 'We have no open inquiry on record for you.',
      lastContactChannel: '',
      lastContactAt: '',
    });
  });

  it('reads a national-format caller number with the default country', async () => {
    serveTable({ 'PHONE#+81312345678': ['C-1001'] }, { 'CUSTOMER#C-1001': [yamada] });

    const result = await handler(aContactFlowEvent({ address: '03-1234-5678' }), aLambdaContext());

    expect(result).toMatchObject({ lookupResult: 'known', customerId: 'C-1001' });
  });

  it('answers unknown for a number nobody owns, with no customer fields', async () => {
    serveTable({}, {});

    const result = await handler(aContactFlowEvent({ address: '+81399998888' }), aLambdaContext());

    expect(result).toEqual({ lookupResult: 'unknown', announcement: 'none' });
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
  });

  it('never reveals a name for a number shared by a household', async () => {
    serveTable(
      { 'PHONE#+81312345678': ['C-1001', 'C-1002'] },
      { 'CUSTOMER#C-1001': [yamada], 'CUSTOMER#C-1002': [yamada] },
    );

    const result = await handler(aContactFlowEvent({ address: '+81312345678' }), aLambdaContext());

    expect(result).toEqual({ lookupResult: 'shared', announcement: 'none' });
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(storeCalls().filter((c) => c.args[0] instanceof GetCommand)).toHaveLength(0);
  });

  it.each([
    ['a null endpoint', null],
    ['"anonymous"', 'anonymous'],
    ['"Anonymous"', 'Anonymous'],
    ['"+0"', '+0'],
    ['an empty address', ''],
  ])('answers anonymous for %s without touching DynamoDB', async (_label, address) => {
    const result = await handler(aContactFlowEvent({ address }), aLambdaContext());

    expect(result).toEqual({ lookupResult: 'anonymous', announcement: 'none' });
    expect(storeCalls()).toHaveLength(0);
  });

  it('answers invalid for a malformed caller number', async () => {
    const result = await handler(aContactFlowEvent({ address: '12' }), aLambdaContext());

    expect(result).toEqual({ lookupResult: 'invalid', announcement: 'none' });
    expect(storeCalls()).toHaveLength(0);
  });

  it('makes at most two requests whatever the size of the history', async () => {
    // Prepare: 10,000 interactions behind the profile.
    const history = Array.from({ length: 10_000 }, (_, n) => ({
      ...latestCall,
      sk: `INTERACTION#${new Date(Date.UTC(2026, 0, 1) + (10_000 - n) * 60_000).toISOString()}#c-${n}`,
      sourceId: `c-${n}`,
    }));
    serveTable({ 'PHONE#+81312345678': ['C-1001'] }, { 'CUSTOMER#C-1001': [yamada, ...history] });

    // Act
    const result = await handler(aContactFlowEvent(), aLambdaContext());

    // Assess
    expect(result).toMatchObject({ lookupResult: 'known', lastContactAt: latestCall.at });
    expect(storeCalls()).toHaveLength(2);
    expect(storeCalls()[1]?.args[0].input).toMatchObject({
      ExpressionAttributeValues: expect.objectContaining({ ':pk': 'CUSTOMER#C-1001' }),
      ScanIndexForward: false,
      Limit: 2,
    });
  });

  it('answers error (never throws) when DynamoDB fails', async () => {
    ddb.on(QueryCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));

    const result = await handler(aContactFlowEvent(), aLambdaContext());

    expect(result).toEqual({ lookupResult: 'error', errorReason: 'store-unavailable', announcement: 'none' });
  });

  it.each([
    ['no Details', { Name: 'ContactFlowEvent' }],
    ['no ContactId', { Details: { ContactData: { CustomerEndpoint: null }, Parameters: {} } }],
    ['null', null],
    ['a string', 'hello'],
  ])('answers error for a malformed event (%s) instead of throwing', async (_label, event) => {
    const result = await handler(event as never, aLambdaContext());

    expect(result).toEqual({ lookupResult: 'error', errorReason: 'invalid-event' });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers a clear fallback for an unknown action', async () => {
    const result = await handler(aContactFlowEvent({ parameters: { action: 'transferMoney' } }), aLambdaContext());

    expect(result).toEqual({ lookupResult: 'error', errorReason: 'unknown-action:transferMoney' });
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('ivr-lookup handler: logging', () => {
  it('logs with the ContactId as correlation id', async () => {
    // Prepare: record each info entry with the correlation id in force when it was written.
    serveTable({}, {});
    const entries: { message: unknown; correlationId: unknown }[] = [];
    const info = jest.spyOn(logger, 'info').mockImplementation((...args) => {
      entries.push({ message: args[0], correlationId: logger.getCorrelationId() });
    });

    // Act
    try {
      await handler(aContactFlowEvent({ contactId: 'contact-abc', address: '+81399998888' }), aLambdaContext());
    } finally {
      info.mockRestore();
    }

    // Assess
    expect(entries).toEqual([{ message: 'caller lookup', correlationId: 'contact-abc' }]);
  });
});

describe('ivr-lookup handler: action inquiryStatus', () => {
  it('words the latest inquiry status in the requested language', async () => {
    ddb.on(GetCommand, { Key: { pk: 'CUSTOMER#C-1001', sk: 'PROFILE' } }).resolves({ Item: yamada });

    const ja = await handler(
      aContactFlowEvent({ parameters: { action: 'inquiryStatus', customerId: 'C-1001', language: 'ja-JP' } }),
      aLambdaContext(),
    );
    const en = await handler(
      aContactFlowEvent({ parameters: { action: 'inquiryStatus', customerId: 'C-1001', language: 'en-US' } }),
      aLambdaContext(),
    );

    expect(ja).toEqual({
      statusResult: 'found',
      inquiryStatusMessage: 'お問い合わせ（番号 INQ-1001）は現在対応中です。',
      latestInquiryId: 'INQ-1001',
      latestInquiryStatus: 'in_progress',
    });
    expect(en).toMatchObject({
      statusResult: 'found',
      inquiryStatusMessage: 'Your inquiry, number INQ-1001, is currently being handled.',
    });
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 2);
  });

  it('answers none for a customer without an inquiry', async () => {
    ddb.on(GetCommand).resolves({ Item: smith });

    const result = await handler(
      aContactFlowEvent({ parameters: { action: 'inquiryStatus', customerId: 'C-2001', language: 'ja-JP' } }),
      aLambdaContext(),
    );

    expect(result).toEqual({
      statusResult: 'none',
      inquiryStatusMessage: '現在、お問い合わせの記録はございません。',
      latestInquiryId: '',
      latestInquiryStatus: '',
    });
  });

  it('tells an unidentified caller (no customerId) why there is no status, in the contact language', async () => {
    const ja = await handler(aContactFlowEvent({ parameters: { action: 'inquiryStatus' } }), aLambdaContext());
    const en = await handler(
      aContactFlowEvent({ parameters: { action: 'inquiryStatus', customerId: '', language: 'en-US' } }),
      aLambdaContext(),
    );

    expect(ja).toEqual({
      statusResult: 'none',
      inquiryStatusMessage: expect.stringContaining('お客様を確認できなかったため'),
      latestInquiryId: '',
      latestInquiryStatus: '',
    });
    expect(en).toMatchObject({
      statusResult: 'none',
      inquiryStatusMessage: expect.stringContaining('could not identify'),
    });
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });

  it('answers error when DynamoDB fails', async () => {
    ddb.on(GetCommand).rejects(new Error('boom'));

    const failing = await handler(
      aContactFlowEvent({ parameters: { action: 'inquiryStatus', customerId: 'C-1001' } }),
      aLambdaContext(),
    );

    expect(failing).toEqual({ statusResult: 'error', errorReason: 'store-unavailable' });
  });
});

describe('ivr-lookup handler: the emergency announcement', () => {
  const typhoon = {
    ...ANNOUNCEMENT_KEY,
    ja: '台風のため休業します。',
    en: 'Closed for the typhoon.',
    closeQueues: true,
  };

  it('answers it beside the caller lookup, and alone for action=announcement (the chat flow)', async () => {
    serveTable({}, {});
    ddb.on(GetCommand, { Key: ANNOUNCEMENT_KEY }).resolves({ Item: typhoon });
    const expected = {
      announcement: 'active',
      announcementJa: '台風のため休業します。',
      announcementEn: 'Closed for the typhoon.',
      announcementClosesQueues: 'true',
    };

    const lookup = await handler(aContactFlowEvent({ address: '+81399998888' }), aLambdaContext());
    const alone = await handler(aContactFlowEvent({ parameters: { action: 'announcement' } }), aLambdaContext());

    expect(lookup).toEqual({ lookupResult: 'unknown', ...expected });
    expect(alone).toEqual(expected);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE, Key: ANNOUNCEMENT_KEY });
  });

  it('answers none, and still identifies the caller, when the announcement read fails', async () => {
    serveTable({ 'PHONE#+81312345678': ['C-1001'] }, { 'CUSTOMER#C-1001': [yamada, latestCall] });
    ddb.on(GetCommand, { Key: ANNOUNCEMENT_KEY }).rejects(new Error('ECONNREFUSED'));

    const result = await handler(aContactFlowEvent({ address: '+81312345678' }), aLambdaContext());

    expect(result).toMatchObject({ lookupResult: 'known', customerId: 'C-1001', announcement: 'none' });
  });

  it('treats a malformed announcement item as none', async () => {
    serveTable({}, {});
    ddb.on(GetCommand, { Key: ANNOUNCEMENT_KEY }).resolves({ Item: { ...ANNOUNCEMENT_KEY, ja: '', en: 42 } });

    const result = await handler(aContactFlowEvent({ parameters: { action: 'announcement' } }), aLambdaContext());

    expect(result).toEqual({ announcement: 'none' });
  });
});
