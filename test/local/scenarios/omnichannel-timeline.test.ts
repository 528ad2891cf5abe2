import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLocalChat, runLocalEmail } from '../../../local/intake/run';
import { simulateRecordedCall } from '../../../local/runtime/contact-trace-record';
import { tokyo, useScenarioHarness } from './harness';

/**
 * "One customer who phones, chats and emails has all three in one timeline, locally": a seeded
 * customer calls (the flows, then the call's CTR through the ctr-processor's code), chats (the chat
 * flow through web intake) and emails (a message as SES would deliver it); the history shows the
 * three, newest first.
 */

const h = useScenarioHarness();
const FIXTURES = path.resolve(__dirname, '../../fixtures/email');

let home: string;
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-timeline-'));
});
afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

test('山田 太郎 phones, chats and emails: VOICE, CHAT and EMAIL in one timeline, newest first', async () => {
  const config = h.config();
  const store = h.store();
  const callAt = tokyo('2026-04-06T10:00', config);
  const chatAt = tokyo('2026-04-06T10:05', config);
  const emailAt = tokyo('2026-04-06T10:10', config);

  const call = await simulateRecordedCall(h.runtime(), store, { from: '03-1234-5678', digits: '2', at: callAt });
  expect(call.result.outcome).toMatchObject({ type: 'queued', queue: 'Priority' });
  expect(call.recorded).toEqual({ result: 'recorded', contactId: call.contactId, owner: { customerId: 'C-1001' } });

  const chat = await runLocalChat(
    { store, home, config, now: () => chatAt },
    { name: '山田 太郎', phone: '03-1234-5678', message: '配送について', verified: true },
  );
  expect(chat).toMatchObject({ customerId: 'C-1001', newCustomer: false, identity: 'verified' });

  // From: 山田 太郎 <taro.yamada@example.jp>, the seeded customer's address.
  const email = await runLocalEmail(
    { store, home, config, now: () => emailAt },
    path.join(FIXTURES, 'iso-2022-jp.eml'),
  );
  expect(email).toMatchObject({ customerId: 'C-1001', newCustomer: false, duplicate: false });

  const history = await store.listInteractions({ customerId: 'C-1001' });
  const recent = history.items.filter((i) => i.at >= callAt.toISOString());
  expect(recent.map((i) => [i.channel, i.sourceId, i.at])).toEqual([
    ['EMAIL', email.messageId, emailAt.toISOString()],
    ['CHAT', chat.contactId, chatAt.toISOString()],
    ['VOICE', call.contactId, callAt.toISOString()],
  ]);
  expect(recent[2]).toMatchObject({
    direction: 'INBOUND',
    status: 'completed',
    queue: 'Priority',
    agent: 'local-agent',
    details: { disconnectReason: 'CUSTOMER_DISCONNECT', initiationMethod: 'INBOUND' },
  });
  // The seeded history (dated before the call) follows, still newest first.
  const ats = history.items.map((i) => i.at);
  expect([...ats].sort().reverse()).toEqual(ats);
  expect(history.items.length).toBeGreaterThan(3);
});

test('a withheld caller is recorded under "anonymous", never on a customer', async () => {
  const call = await simulateRecordedCall(h.runtime(), h.store(), {
    from: 'anonymous',
    digits: '2',
    at: tokyo('2026-04-06T10:20', h.config()),
  });
  expect(call.ctr.CustomerEndpoint).toEqual({ Address: 'anonymous', Type: 'TELEPHONE_NUMBER' });
  expect(call.recorded).toMatchObject({ result: 'recorded', owner: { phone: 'anonymous' } });
});
