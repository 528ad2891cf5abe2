import type { ContactEvent, LocalContactEventsResponse } from '../../../../agent-app/src/contact/contact-provider';
import { LocalContactProvider } from '../../../../agent-app/src/contact/local-contact-provider';

const contact = (contactId: string) => ({
  contactId,
  channel: 'VOICE' as const,
  attributes: { customerId: 'C-1' },
  connectedAt: '2026-11-30T11:00:00.000Z',
});

/** A feed that answers each poll from a script, then holds the poll open until aborted. */
function scriptedFeed(script: Array<LocalContactEventsResponse | 'fail'>) {
  const urls: string[] = [];
  const headers: Array<Record<string, string>> = [];
  let polled: () => void = () => {};
  const fetchFn = ((url: string, init: RequestInit) => {
    urls.push(url);
    headers.push(init.headers as Record<string, string>);
    polled();
    const next = script.shift();
    if (next === 'fail') return Promise.resolve(new Response('', { status: 503 }));
    if (next) return Promise.resolve(new Response(JSON.stringify(next), { status: 200 }));
    return new Promise((_, reject) =>
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
    );
  }) as unknown as typeof fetch;
  const waitForPolls = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (urls.length >= n ? resolve() : undefined);
      polled = () => queueMicrotask(check);
      check();
    });
  return { fetchFn, urls, headers, waitForPolls };
}

describe('LocalContactProvider', () => {
  it('hands events over in order and asks for those after the last one', async () => {
    // Prepare
    const feed = scriptedFeed([
      {
        events: [
          { seq: 2, type: 'ended', contactId: 'a' },
          { seq: 1, type: 'connected', contact: contact('a') },
        ],
        next: 2,
      },
      { events: [{ seq: 3, type: 'connected', contact: contact('b') }], next: 3 },
    ]);
    const provider = new LocalContactProvider({
      url: '/agent/local/contacts',
      fetch: feed.fetchFn,
      headers: () => ({ 'X-Local-Agent': 'sato' }),
    });
    const seen: ContactEvent[] = [];
    // Act
    const unsubscribe = provider.subscribe((e) => seen.push(e));
    await feed.waitForPolls(3);
    unsubscribe();
    // Assess
    expect(seen).toEqual([
      { type: 'connected', contact: contact('a') },
      { type: 'ended', contactId: 'a' },
      { type: 'connected', contact: contact('b') },
    ]);
    expect(feed.urls).toEqual([
      '/agent/local/contacts?after=0&wait=20000',
      '/agent/local/contacts?after=2&wait=20000',
      '/agent/local/contacts?after=3&wait=20000',
    ]);
    expect(feed.headers[0]).toMatchObject({ 'X-Local-Agent': 'sato' });
    expect(provider.position).toBe(3);
  });

  it('never repeats an event it already handed out, and follows `next` past a gap', async () => {
    const feed = scriptedFeed([
      { events: [{ seq: 1, type: 'connected', contact: contact('a') }], next: 1 },
      { events: [{ seq: 1, type: 'connected', contact: contact('a') }], next: 7 },
    ]);
    const provider = new LocalContactProvider({ url: '/f', fetch: feed.fetchFn });
    const seen: ContactEvent[] = [];
    const unsubscribe = provider.subscribe((e) => seen.push(e));
    await feed.waitForPolls(3);
    unsubscribe();
    expect(seen).toHaveLength(1);
    expect(feed.urls[2]).toBe('/f?after=7&wait=20000');
  });

  it('backs off longer after each error and carries on', async () => {
    const feed = scriptedFeed(['fail', 'fail', { events: [{ seq: 1, type: 'ended', contactId: 'x' }], next: 1 }]);
    const waits: number[] = [];
    const provider = new LocalContactProvider({
      url: '/f',
      fetch: feed.fetchFn,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const seen: ContactEvent[] = [];
    const unsubscribe = provider.subscribe((e) => seen.push(e));
    await feed.waitForPolls(4);
    unsubscribe();
    expect(waits).toEqual([1000, 2000]);
    expect(seen).toEqual([{ type: 'ended', contactId: 'x' }]);
  });

  it('stops polling when the last listener unsubscribes, aborting the open poll', async () => {
    // Prepare: a feed that always has an event ready, so a loop that did not stop would poll again.
    const urls: string[] = [];
    const signals: AbortSignal[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      urls.push(url);
      signals.push(init.signal!);
      return new Response(
        JSON.stringify({
          events: [{ seq: urls.length, type: 'ended', contactId: `c${urls.length}` }],
          next: urls.length,
        }),
      );
    }) as unknown as typeof fetch;
    const provider = new LocalContactProvider({ url: '/f', fetch: fetchFn });
    const seen: ContactEvent[] = [];
    const other = provider.subscribe(() => {});
    // Act: the second listener leaves on its first event, the first one right after.
    const unsubscribe: () => void = provider.subscribe((e) => {
      seen.push(e);
      unsubscribe();
      other();
    });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    // Assess
    expect(seen).toEqual([{ type: 'ended', contactId: 'c1' }]);
    expect(urls).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
  });

  it('aborts a poll still waiting on the console', async () => {
    const feed = scriptedFeed([]);
    let signal: AbortSignal | undefined;
    const provider = new LocalContactProvider({
      url: '/f',
      fetch: ((url: string, init: RequestInit) => {
        signal = init.signal ?? undefined;
        return feed.fetchFn(url, init);
      }) as unknown as typeof fetch,
    });
    const unsubscribe = provider.subscribe(() => {});
    await feed.waitForPolls(1);
    expect(signal?.aborted).toBe(false);
    unsubscribe();
    expect(signal?.aborted).toBe(true);
  });
});
