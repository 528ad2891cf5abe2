import type { AgentContact } from '../../../agent-app/src/contact/contact-provider';
import { LocalContactFeed } from '../../../local/agent/contact-feed';

const contact = (contactId: string): AgentContact => ({
  contactId,
  channel: 'VOICE',
  queue: 'Priority',
  attributes: { customerId: 'C-1001' },
  customerEndpoint: '+81312345678',
  connectedAt: '2026-04-06T01:00:00.000Z',
});

test('events are numbered from 1; `next` is passed back as `after` to read only what follows', async () => {
  const feed = new LocalContactFeed();
  expect(await feed.read(0, 0)).toEqual({ events: [], next: 0 });

  feed.connected(contact('a'));
  feed.connected(contact('b'));
  feed.ended('a');

  const all = await feed.read(0, 0);
  expect(all.events.map((e) => [e.seq, e.type])).toEqual([
    [1, 'connected'],
    [2, 'connected'],
    [3, 'ended'],
  ]);
  expect(all.events[0]).toEqual({ type: 'connected', contact: contact('a'), seq: 1 });
  expect(all.events[2]).toEqual({ type: 'ended', contactId: 'a', seq: 3 });
  expect(all.next).toBe(3);
  expect((await feed.read(2, 0)).events.map((e) => e.seq)).toEqual([3]);
  expect(await feed.read(3, 0)).toEqual({ events: [], next: 3 });
});

test('a contact connects once and ends once; ending an unknown contact reports nothing', async () => {
  const feed = new LocalContactFeed();
  expect(feed.ended('nobody')).toBe(false);
  expect(feed.connected(contact('a'))).toBe(true);
  expect(feed.connected(contact('a'))).toBe(false);
  expect(feed.isConnected('a')).toBe(true);
  expect(feed.ended('a')).toBe(true);
  expect(feed.ended('a')).toBe(false);
  expect(feed.isConnected('a')).toBe(false);
  expect((await feed.read(0, 0)).events.map((e) => e.type)).toEqual(['connected', 'ended']);
});

test('a waiting reader is answered as soon as a contact connects (long polling)', async () => {
  const feed = new LocalContactFeed();
  const reading = feed.read(0, 20_000);
  feed.connected(contact('a'));
  const answer = await reading;
  expect(answer.events.map((e) => e.type)).toEqual(['connected']);
  expect(answer.next).toBe(1);
});

test('a reader with nothing new is answered empty when its wait is over, and close() releases it at once', async () => {
  const feed = new LocalContactFeed();
  feed.connected(contact('a'));
  expect(await feed.read(1, 5)).toEqual({ events: [], next: 1 });
  const reading = feed.read(1, 60_000);
  feed.close();
  expect(await reading).toEqual({ events: [], next: 1 });
});

test('the buffer keeps the latest events only; a reader that fell behind gets what is left', async () => {
  const feed = new LocalContactFeed({ maxEvents: 3 });
  for (const id of ['a', 'b', 'c', 'd', 'e']) feed.connected(contact(id));
  const answer = await feed.read(0, 0);
  expect(answer.events.map((e) => e.seq)).toEqual([3, 4, 5]);
  expect(answer.next).toBe(5);
});

test('open contacts are bounded: the oldest stops being endable', () => {
  const feed = new LocalContactFeed({ maxOpenContacts: 2 });
  for (const id of ['a', 'b', 'c']) feed.connected(contact(id));
  expect(feed.isConnected('a')).toBe(false);
  expect(feed.ended('a')).toBe(false);
  expect(feed.ended('c')).toBe(true);
});

test('a reader ahead of the feed (it kept `next` across a console restart) reads from the start', async () => {
  const feed = new LocalContactFeed();
  feed.connected(contact('a'));
  expect((await feed.read(42, 0)).events.map((e) => e.seq)).toEqual([1]);
});
