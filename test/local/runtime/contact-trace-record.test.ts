import { ContactTraceRecordSchema, toInteraction } from '../../../lambdas/shared/intake/contact-records';
import type { TraceEvent } from '../../../local/interpreter/types';
import { loadLocalConfig } from '../../../local/runtime/config';
import {
  LOCAL_AGENT_USERNAME,
  recordSimulatedCall,
  type SimulatedCall,
  voiceContactTraceRecord,
} from '../../../local/runtime/contact-trace-record';
import { buildLocalContactCenter } from '../../../local/runtime/environment';
import { aCustomer } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';

/** The CTR Connect would emit for a simulated call, and its way through the ctr-processor's code. */

const cc = buildLocalContactCenter(loadLocalConfig(), { region: 'ap-northeast-1' });
const AT = new Date('2026-04-06T01:00:00Z'); // Monday 10:00 in Tokyo
const END = new Date('2026-04-06T01:03:20Z');

const known: TraceEvent[] = [
  { type: 'attributes', actionId: 'lookup', changed: { customerId: 'C-1001', tier: 'gold' } },
  { type: 'attributes', actionId: 'lang', changed: { language: 'ja-JP' } },
  { type: 'queue', actionId: 'queue-priority', event: 'target', queue: 'Priority' },
];

function aCall(overrides: Partial<SimulatedCall> = {}): SimulatedCall {
  return {
    contactId: 'c-1',
    from: '03-1234-5678',
    initiatedAt: AT,
    disconnectedAt: END,
    events: known,
    outcome: { type: 'queued', queue: 'Priority', reason: 'answered by an available agent' },
    ...overrides,
  };
}

describe('voiceContactTraceRecord', () => {
  test('a call answered by an agent: queue with ARN, the local agent, customer hang-up, E.164 caller', () => {
    const events: TraceEvent[] = [
      ...known,
      { type: 'queue', actionId: 'transfer', event: 'answered', queue: 'Priority' },
    ];
    const ctr = voiceContactTraceRecord(cc, aCall({ events, attributes: { customerId: 'C-1001', tier: 'gold' } }));

    expect(ContactTraceRecordSchema.parse(ctr)).toEqual(ctr);
    expect(ctr).toMatchObject({
      ContactId: 'c-1',
      Channel: 'VOICE',
      InitiationMethod: 'INBOUND',
      InitiationTimestamp: '2026-04-06T01:00:00.000Z',
      DisconnectTimestamp: '2026-04-06T01:03:20.000Z',
      DisconnectReason: 'CUSTOMER_DISCONNECT',
      CustomerEndpoint: { Address: '+81312345678', Type: 'TELEPHONE_NUMBER' },
      Queue: { Name: 'Priority', ARN: 'arn:aws:connect:ap-northeast-1:000000000000:instance/local/queue/Priority' },
      Agent: { Username: LOCAL_AGENT_USERNAME },
      Attributes: { customerId: 'C-1001', tier: 'gold' },
    });
    expect(toInteraction(ctr)).toMatchObject({
      channel: 'VOICE',
      direction: 'INBOUND',
      status: 'completed',
      queue: 'Priority',
      agent: 'local-agent',
      details: { durationSeconds: '200', disconnectReason: 'CUSTOMER_DISCONNECT' },
    });
  });

  test('queued with no agent available: in the queue, no agent (the caller abandons)', () => {
    const events: TraceEvent[] = [
      ...known,
      { type: 'queue', actionId: 'transfer', event: 'waiting', queue: 'Priority' },
    ];
    const ctr = voiceContactTraceRecord(
      cc,
      aCall({ events, outcome: { type: 'queued', queue: 'Priority', reason: 'waiting in queue, no agent available' } }),
    );

    expect(ctr.Agent).toBeNull();
    expect(ctr.Queue?.Name).toBe('Priority');
    expect(ctr.DisconnectReason).toBe('CUSTOMER_DISCONNECT');
    expect(toInteraction(ctr).status).toBe('abandoned');
  });

  test('the flow says goodbye, books a callback or fails: the flow disconnects, no queue, attributes from the trace', () => {
    for (const outcome of [
      { type: 'disconnected' as const, reason: 'disconnected by Inbound voice/disconnect' },
      { type: 'callback' as const, queue: 'General', reason: 'disconnected by Inbound voice/disconnect' },
      { type: 'error' as const, reason: 'ivr-lookup failed' },
    ]) {
      const ctr = voiceContactTraceRecord(cc, aCall({ outcome }));
      expect(ctr).toMatchObject({ DisconnectReason: 'CONTACT_FLOW_DISCONNECT', Queue: null, Agent: null });
      expect(ctr.Attributes).toEqual({ customerId: 'C-1001', tier: 'gold', language: 'ja-JP' });
      expect(toInteraction(ctr).status).toBe('self_service');
    }
  });

  test('the caller hangs up: in the IVR, or while waiting in a queue', () => {
    const inIvr = voiceContactTraceRecord(cc, aCall({ outcome: undefined }));
    expect(inIvr).toMatchObject({ DisconnectReason: 'CUSTOMER_DISCONNECT', Queue: null, Agent: null });

    const waiting = voiceContactTraceRecord(
      cc,
      aCall({
        outcome: undefined,
        events: [...known, { type: 'queue', actionId: 'transfer', event: 'waiting', queue: 'General' }],
      }),
    );
    expect(waiting.Queue?.Name).toBe('General');
    expect(toInteraction(waiting).status).toBe('abandoned');
  });

  test('a withheld or missing caller id is "anonymous"; the end is never before the start', () => {
    for (const from of [null, 'anonymous', '非通知', '']) {
      const ctr = voiceContactTraceRecord(cc, aCall({ from, disconnectedAt: new Date(AT.getTime() - 5000) }));
      expect(ctr.CustomerEndpoint).toEqual({ Address: 'anonymous', Type: 'TELEPHONE_NUMBER' });
      expect(ctr.DisconnectTimestamp).toBe(ctr.InitiationTimestamp);
    }
  });
});

describe('recordSimulatedCall (the ctr-processor code on dynalite)', () => {
  const db = useLocalDynamoDb();

  test('a known caller lands in the customer history once, whatever the number of deliveries', async () => {
    await db.store().putCustomer(aCustomer());
    const first = await recordSimulatedCall({ store: db.store(), contactCenter: cc }, aCall({ outcome: undefined }));
    const again = await recordSimulatedCall({ store: db.store(), contactCenter: cc }, aCall());

    expect(first.outcome).toEqual({ result: 'recorded', contactId: 'c-1', owner: { customerId: 'C-1001' } });
    expect(again.outcome.result).toBe('updated');
    const history = await db.store().listInteractions({ customerId: 'C-1001' });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ channel: 'VOICE', sourceId: 'c-1', at: AT.toISOString() });
  });

  test('an unidentified anonymous caller is kept under "anonymous"', async () => {
    const out = await recordSimulatedCall(
      { store: db.store(), contactCenter: cc },
      aCall({ contactId: 'c-anon', from: null, events: [], attributes: {} }),
    );
    expect(out.outcome).toMatchObject({ result: 'recorded', owner: { phone: 'anonymous' } });
  });
});
