import { aLambdaContext } from '../../support/connect-events';
import { aCustomer } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { aContactTraceRecord, aKinesisEvent } from '../shared/intake/events';

let createHandler: typeof import('../../../lambdas/ctr-processor/handler').createHandler;
beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.CUSTOMER_TABLE_NAME = 'unused';
  ({ createHandler } = require('../../../lambdas/ctr-processor/handler'));
});

describe('ctr-processor handler (store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const build = () => createHandler({ store: db.store(), defaultCountry: 'JP' });

  it('records voice and chat contacts in the caller history; tasks are left to their intake', async () => {
    // Prepare
    const store = db.store();
    await store.putCustomer(aCustomer());
    const event = aKinesisEvent([
      aContactTraceRecord(),
      aContactTraceRecord({
        ContactId: 'chat-0001',
        Channel: 'CHAT',
        InitiationMethod: 'API',
        CustomerEndpoint: null,
        Attributes: { customerId: 'C-1001' },
        InitiationTimestamp: '2026-04-06T02:00:00Z',
        DisconnectTimestamp: '2026-04-06T02:10:00Z',
      }),
      aContactTraceRecord({ ContactId: 'task-0001', Channel: 'TASK' }),
    ]);
    // Act
    const res = await build()(event, aLambdaContext('ctr-processor'));
    // Assess
    expect(res).toEqual({ batchItemFailures: [] });
    const history = await store.listInteractions({ customerId: 'C-1001' });
    expect(history.items).toEqual([
      expect.objectContaining({ channel: 'CHAT', sourceId: 'chat-0001', direction: 'INBOUND', status: 'completed' }),
      {
        customerId: 'C-1001',
        channel: 'VOICE',
        direction: 'INBOUND',
        at: '2026-04-06T01:00:00.000Z',
        sourceId: 'voice-0001',
        status: 'completed',
        queue: 'Priority',
        agent: 'agent.sato',
        summary: '電話 Call · 対応済み answered · queue Priority · agent agent.sato · 330 s',
        details: {
          contactId: 'voice-0001',
          initiatedAt: '2026-04-06T01:00:00.000Z',
          initiationMethod: 'INBOUND',
          disconnectedAt: '2026-04-06T01:05:30.000Z',
          durationSeconds: '330',
          disconnectReason: 'CUSTOMER_DISCONNECT',
        },
      },
    ]);
    expect(await store.findInteractionBySource('task-0001')).toBeUndefined();
  });

  it('is idempotent by contact id and completes the chat recorded by chat intake', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer());
    await store.recordInteraction(
      { customerId: 'C-1001' },
      {
        channel: 'CHAT',
        direction: 'INBOUND',
        at: '2026-04-06T02:00:00.000Z',
        sourceId: 'chat-7',
        status: 'started',
        subject: '配送',
        details: { locale: 'ja-JP' },
      },
    );
    const chat = aContactTraceRecord({
      ContactId: 'chat-7',
      Channel: 'CHAT',
      CustomerEndpoint: null,
      Attributes: { customerId: 'C-1001' },
    });
    await build()(aKinesisEvent([chat, chat]), aLambdaContext('ctr-processor'));
    await build()(aKinesisEvent([chat]), aLambdaContext('ctr-processor'));
    const history = await store.listInteractions({ customerId: 'C-1001' });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      sourceId: 'chat-7',
      subject: '配送',
      status: 'completed',
      queue: 'Priority',
      agent: 'agent.sato',
      details: expect.objectContaining({ locale: 'ja-JP', disconnectReason: 'CUSTOMER_DISCONNECT' }),
    });
  });

  it('keeps contacts of unknown, shared and withheld numbers under the number, never guessing a customer', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer({ customerId: 'H-1', phones: ['+81355556666'], email: undefined }));
    await store.putCustomer(aCustomer({ customerId: 'H-2', phones: ['+81355556666'], email: undefined }));
    const event = aKinesisEvent([
      aContactTraceRecord({
        ContactId: 'c-unknown',
        CustomerEndpoint: { Address: '09011112222', Type: 'TELEPHONE_NUMBER' },
        Agent: null,
      }),
      aContactTraceRecord({
        ContactId: 'c-shared',
        CustomerEndpoint: { Address: '+81355556666', Type: 'TELEPHONE_NUMBER' },
      }),
      aContactTraceRecord({
        ContactId: 'c-anon',
        CustomerEndpoint: { Address: 'anonymous', Type: 'TELEPHONE_NUMBER' },
      }),
    ]);
    await build()(event, aLambdaContext('ctr-processor'));
    expect((await store.listInteractions({ phone: '+819011112222' })).items).toEqual([
      expect.objectContaining({ sourceId: 'c-unknown', status: 'abandoned', queue: 'Priority' }),
    ]);
    expect((await store.listInteractions({ phone: '+81355556666' })).items.map((i) => i.sourceId)).toEqual([
      'c-shared',
    ]);
    expect((await store.listInteractions({ customerId: 'H-1' })).items).toEqual([]);
    expect((await store.listInteractions({ phone: 'anonymous' })).items.map((i) => i.sourceId)).toEqual(['c-anon']);
  });

  it("keeps the caller's IVR journey (ivrMenu, ivrStatusHeard, callbackRequested) in the entry, and no other attribute", async () => {
    const store = db.store();
    await store.putCustomer(aCustomer());
    const journey = {
      customerId: 'C-1001',
      tier: 'gold',
      displayName: '山田 太郎',
      ivrMenu: 'english>status>agent',
      ivrStatusHeard: 'in_progress',
      callbackRequested: 'true',
    };
    const event = aKinesisEvent([
      aContactTraceRecord({ ContactId: 'voice-ivr', Attributes: journey }),
      // Set by the flow but empty: nothing to show.
      aContactTraceRecord({ ContactId: 'voice-empty', Attributes: { customerId: 'C-1001', ivrMenu: ' ' } }),
    ]);
    await build()(event, aLambdaContext('ctr-processor'));
    const entry = await store.findInteractionBySource('voice-ivr');
    expect(entry?.details).toEqual({
      contactId: 'voice-ivr',
      initiatedAt: '2026-04-06T01:00:00.000Z',
      initiationMethod: 'INBOUND',
      disconnectedAt: '2026-04-06T01:05:30.000Z',
      durationSeconds: '330',
      disconnectReason: 'CUSTOMER_DISCONNECT',
      ivrMenu: 'english>status>agent',
      ivrStatusHeard: 'in_progress',
      callbackRequested: 'true',
    });
    expect(entry?.summary).toBe(
      '電話 Call · 対応済み answered · IVR english>status>agent · 折り返し希望 callback requested · queue Priority · agent agent.sato · 330 s',
    );
    const empty = await store.findInteractionBySource('voice-empty');
    expect(Object.keys(empty?.details ?? {})).not.toContain('ivrMenu');
    expect(empty?.summary).toBe('電話 Call · 対応済み answered · queue Priority · agent agent.sato · 330 s');
  });

  it('adds the IVR journey of an updated CTR to the entry already recorded, and caps a looping menu path', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer());
    const first = aContactTraceRecord({ ContactId: 'voice-upd', Attributes: { customerId: 'C-1001' } });
    await build()(aKinesisEvent([first]), aLambdaContext('ctr-processor'));
    const looping = Array.from({ length: 40 }, () => 'status').join('>');
    const updated = { ...first, Attributes: { customerId: 'C-1001', ivrMenu: looping, ivrStatusHeard: 'received' } };
    await build()(aKinesisEvent([updated]), aLambdaContext('ctr-processor'));
    const history = await store.listInteractions({ customerId: 'C-1001' });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]?.details).toMatchObject({
      contactId: 'voice-upd',
      ivrMenu: looping.slice(0, 200),
      ivrStatusHeard: 'received',
    });
    expect(looping.length).toBeGreaterThan(200);
  });

  it('reports only the malformed record as a batch item failure', async () => {
    const event = aKinesisEvent([aContactTraceRecord({ ContactId: 'ok-1' }), 'not json', { Channel: 'VOICE' }]);
    const res = await build()(event, aLambdaContext('ctr-processor'));
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      event.Records[1]!.kinesis.sequenceNumber,
      event.Records[2]!.kinesis.sequenceNumber,
    ]);
    expect(await db.store().findInteractionBySource('ok-1')).toBeDefined();
  });
});
