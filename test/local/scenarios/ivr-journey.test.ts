import { simulateRecordedCall } from '../../../local/runtime/contact-trace-record';
import { toCallJson } from '../../../local/runtime/simulate-call';
import { tokyo, useScenarioHarness } from './harness';

/**
 * What the agent sees of the caller's IVR journey (docs/flows.md, "IVR journey attributes"): the shipped
 * voice flows, run by the interpreter with the real ivr-lookup Lambda on the demo data, leave
 * `ivrMenu`, `ivrStatusHeard` and `callbackRequested` on the contact, and the call's contact record
 * carries them into the customer's history.
 */

const h = useScenarioHarness();
/** Monday, inside the default business hours (09:00–18:00 Asia/Tokyo). */
const open = () => tokyo('2026-04-06T10:00', h.config());
/** Monday evening, after hours. */
const evening = () => tokyo('2026-04-06T20:00', h.config());

type Journey = { ivrMenu?: string; ivrStatusHeard?: string; callbackRequested?: string };
const journeyOf = (attributes: Record<string, string>): Journey => {
  const { ivrMenu, ivrStatusHeard, callbackRequested } = attributes;
  return JSON.parse(JSON.stringify({ ivrMenu, ivrStatusHeard, callbackRequested }));
};

describe('the IVR journey as contact attributes (call --json "attributes")', () => {
  test.each<[string, { from: string; digits: string; evening?: boolean; agentsAvailable?: number }, Journey]>([
    // Agent request: the first choice alone; nothing heard, no callback.
    ['agent request', { from: '03-1234-5678', digits: '2' }, { ivrMenu: 'agent' }],
    // Status self-service: the status code read out (INQ-2003 is received), then the agent.
    [
      'status self-service, then an agent',
      { from: '06-6123-4567', digits: '12' },
      { ivrMenu: 'status>agent', ivrStatusHeard: 'received' },
    ],
    // English path: 9 is a choice like any other; the status heard is the code, not the English words.
    [
      'English, then status, then an agent',
      { from: '06-6123-4567', digits: '912' },
      { ivrMenu: 'english>status>agent', ivrStatusHeard: 'received' },
    ],
    ['English, then an agent', { from: '06-6123-4567', digits: '92' }, { ivrMenu: 'english>agent' }],
    // Asking twice records both choices: the agent sees the caller went back to the status.
    [
      'status twice, then an agent',
      { from: '03-1234-5678', digits: '112' },
      { ivrMenu: 'status>status>agent', ivrStatusHeard: 'in_progress' },
    ],
    // No inquiry on record: the caller heard "no inquiry", not a status.
    ['status with no inquiry on record', { from: '092-123-4567', digits: '12' }, { ivrMenu: 'status>agent' }],
    // An unidentified caller is told why there is no status: nothing heard either.
    ['status asked by an unidentified caller', { from: '045-234-5678', digits: '12' }, { ivrMenu: 'status>agent' }],
    // Silence or invalid keys until the re-prompts run out: routed to an agent without a choice.
    ['no choice (silence)', { from: '06-6123-4567', digits: '' }, { ivrMenu: 'no_choice' }],
    ['no choice (wrong keys)', { from: '03-1234-5678', digits: '78#' }, { ivrMenu: 'no_choice' }],
    // An en-US customer is served in English from the greeting: not a choice the caller made.
    ['an en-US customer asking for an agent', { from: '080-2345-6789', digits: '2' }, { ivrMenu: 'agent' }],
    // Callback request after hours: the status read out automatically is recorded too.
    [
      'callback after hours',
      { from: '03-1234-5678', digits: '1', evening: true },
      { ivrMenu: 'callback', ivrStatusHeard: 'in_progress', callbackRequested: 'true' },
    ],
    [
      'after hours, nothing pressed',
      { from: '03-1234-5678', digits: '', evening: true },
      { ivrStatusHeard: 'in_progress' },
    ],
    // Callback request while waiting in queue (customer queue flow): appended to the menu choice.
    [
      'callback while waiting in queue',
      { from: '090-1234-5678', digits: '21', agentsAvailable: 0 },
      { ivrMenu: 'agent>callback', callbackRequested: 'true' },
    ],
  ])('%s', async (_label, call, journey) => {
    const result = await h.call({
      from: call.from,
      digits: call.digits,
      at: call.evening ? evening() : open(),
      ...(call.agentsAvailable !== undefined ? { agentsAvailable: call.agentsAvailable } : {}),
    });

    expect(journeyOf(toCallJson(result).attributes)).toEqual(journey);
  });

  test('a caller without a number still asked for the callback, though it could not be booked', async () => {
    const result = await h.call({ from: null, digits: '1', at: evening() });

    expect(result.outcome.type).toBe('disconnected');
    expect(result.callback).toBeUndefined();
    expect(journeyOf(result.attributes)).toEqual({ ivrMenu: 'callback', callbackRequested: 'true' });
  });

  test('every queue at capacity: the busy callback offer appends to the menu choice', async () => {
    const result = await h.call({
      from: '03-1234-5678',
      digits: '21',
      at: open(),
      queuesAtCapacity: ['Priority', 'General'],
    });

    expect(result.outcome).toMatchObject({ type: 'callback', queue: 'General' });
    expect(journeyOf(result.attributes)).toEqual({ ivrMenu: 'agent>callback', callbackRequested: 'true' });
  });
});

describe("the IVR journey in the customer's history", () => {
  test("the call's contact record (as ctr-processor records it) keeps the journey in the entry's details", async () => {
    const call = await simulateRecordedCall(h.runtime(), h.store(), {
      from: '06-6123-4567',
      digits: '912',
      at: tokyo('2026-04-06T11:00', h.config()),
    });

    expect(call.ctr.Attributes).toMatchObject({ ivrMenu: 'english>status>agent', ivrStatusHeard: 'received' });
    const entry = await h.store().findInteractionBySource(call.contactId);
    expect(entry?.customerId).toBe('C-1003');
    expect(entry?.details).toMatchObject({ ivrMenu: 'english>status>agent', ivrStatusHeard: 'received' });
    expect(entry?.details?.callbackRequested).toBeUndefined();
    expect(entry?.summary).toContain('IVR english>status>agent');
  });

  test('a callback request after hours is shown in the entry and its summary', async () => {
    const call = await simulateRecordedCall(h.runtime(), h.store(), {
      from: '03-1234-5678',
      digits: '1',
      at: tokyo('2026-04-06T21:00', h.config()),
    });

    const entry = await h.store().findInteractionBySource(call.contactId);
    expect(entry?.customerId).toBe('C-1001');
    expect(entry?.details).toMatchObject({
      ivrMenu: 'callback',
      ivrStatusHeard: 'in_progress',
      callbackRequested: 'true',
    });
    expect(entry?.summary).toContain('折り返し希望 callback requested');
  });
});
