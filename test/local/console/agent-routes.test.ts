import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { agentAppContentSecurityPolicy } from '../../../agent-app/content-security-policy';
import type { LocalContactEventsResponse } from '../../../agent-app/src/contact/contact-provider';
import { DEMO_AGENTS } from '../../../local/agent/local-agents';
import type { CallView } from '../../../local/console/call-sessions';
import { type RunningContactCenter, startLocalContactCenter } from '../../../local/runtime/local-contact-center';

/** The agent app on the local console: its files, its runtime config, and the contact feed the console's calls and chats fill. */

let home: string;
let cc: RunningContactCenter;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cc-agent-routes-'));
  cc = await startLocalContactCenter({ home, port: 0 });
});
afterAll(async () => {
  await cc?.close();
  rmSync(home, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several shapes; each test asserts what it reads.
type Json = any;

async function api(method: string, route: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${cc.url}${route}`, {
    method,
    headers: {
      // The feed is for a signed-in local agent; the console's own routes ignore the header.
      'x-local-agent': 'sato',
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

/** Reads the feed from `after` until an event satisfies `until`. */
async function feedUntil(after: number, until: (r: LocalContactEventsResponse) => boolean) {
  const seen: LocalContactEventsResponse = { events: [], next: after };
  for (let i = 0; i < 20; i++) {
    const { status, json } = await api('GET', `/agent/local/contacts?after=${seen.next}&wait=2000`);
    expect(status).toBe(200);
    seen.events.push(...(json as LocalContactEventsResponse).events);
    seen.next = json.next;
    if (until(seen)) return seen;
  }
  throw new Error(`the feed never got there: ${JSON.stringify(seen)}`);
}

/** Polls a call (long poll, from where the last answer ended) until `until` holds for its latest view. */
async function followCall(id: string, until: (view: CallView) => boolean): Promise<CallView> {
  let after = 0;
  for (let i = 0; i < 50; i++) {
    const { json } = await api('GET', `/api/calls/${id}?after=${after}&wait=2000`);
    after = json.next;
    if (until(json)) return json;
  }
  throw new Error(`call ${id} never got there`);
}

async function feedNext(): Promise<number> {
  return (await api('GET', '/agent/local/contacts')).json.next;
}

test('/agent redirects to /agent/, which is the built app with the CSP CloudFront sends', async () => {
  const redirect = await fetch(`${cc.url}/agent?lang=en`, { redirect: 'manual' });
  expect(redirect.status).toBe(308);
  expect(redirect.headers.get('location')).toBe('/agent/?lang=en');

  const res = await fetch(`${cc.url}/agent/`);
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-security-policy')).toBe(
    agentAppContentSecurityPolicy({ frameAncestors: ["'self'"] }),
  );
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('cache-control')).toBe('no-cache');
  // Built once, on the first request; how long it took is in the page's Server-Timing.
  expect(res.headers.get('server-timing')).toMatch(/^build;dur=\d+;desc="agent app build \(once\)"$/);
  expect(html).toContain('<div id="root">');

  // Every script and stylesheet the page names is served, typed, and cached for good (content-hashed names).
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
  for (const asset of assets) {
    const a = await fetch(`${cc.url}/agent/${asset}`);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe(
      asset.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
    );
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    await a.arrayBuffer();
  }

  // Cognito's redirect page exists locally too (same build), under the same policy.
  const signedIn = await fetch(`${cc.url}/agent/signed-in.html`);
  expect(signedIn.status).toBe(200);
  expect(signedIn.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(signedIn.headers.get('content-security-policy')).toBe(res.headers.get('content-security-policy'));
  expect(await signedIn.text()).toMatch(/<script type="module" src="\.\/assets\/signed-in-[^"]+\.js"><\/script>/);

  // Unchanged since last time: 304 without a body.
  const again = await fetch(`${cc.url}/agent/`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
  expect(again.status).toBe(304);
});

test('config.json: the local API base, time zone, Japanese first, local contacts and the agents to sign in as', async () => {
  const { status, json } = await api('GET', '/agent/config.json');
  expect(status).toBe(200);
  expect(json).toEqual({
    apiBase: '/agent/api',
    timeZone: 'Asia/Tokyo',
    defaultLocale: 'ja-JP',
    contactSource: 'local',
    auth: { mode: 'local', agents: DEMO_AGENTS },
  });
});

test('unknown files are 404, pages are read-only, the feed names a bad parameter', async () => {
  expect((await fetch(`${cc.url}/agent/assets/nope.js`)).status).toBe(404);
  expect((await api('POST', '/agent/config.json', {})).status).toBe(405);
  const bad = await api('GET', '/agent/local/contacts?after=-1');
  expect(bad.status).toBe(400);
  expect(bad.json.error).toMatch(/^after: /);
  expect((await api('GET', '/agent/local/contacts?wait=soon')).json.error).toMatch(/^wait: /);
  // Contacts carry customers' names and numbers: nobody or an unknown agent gets none.
  expect((await fetch(`${cc.url}/agent/local/contacts`)).status).toBe(401);
  expect((await fetch(`${cc.url}/agent/local/contacts`, { headers: { 'x-local-agent': 'mallory' } })).status).toBe(401);
});

test('a call answered by an agent pops on the feed with the IVR attributes, and ends when the caller hangs up', async () => {
  const after = await feedNext();
  const { json: call } = await api('POST', '/api/calls', { from: '03-1234-5678', at: '2026-04-06T10:00' });
  // The menu asks for a key: 2 = an agent.
  await followCall(call.id, (v) => v.waiting !== null);
  expect((await api('POST', `/api/calls/${call.id}/input`, { digits: '2' })).status).toBe(200);

  const connected = await feedUntil(after, (r) => r.events.some((e) => e.type === 'connected'));
  const event = connected.events.find((e) => e.type === 'connected');
  expect(event).toMatchObject({
    type: 'connected',
    contact: {
      contactId: call.id,
      channel: 'VOICE',
      queue: 'Priority',
      customerEndpoint: '+81312345678',
      // What the caller did in the IVR, as the flows record it (menu choice 2 = an agent).
      attributes: { customerId: 'C-1001', displayName: '山田 太郎', tier: 'gold', ivrMenu: 'agent' },
    },
  });
  // On the call's own clock (the console dialed at 10:00 in Tokyo).
  expect(event?.type === 'connected' && event.contact.connectedAt).toMatch(/^2026-04-06T01:00:/);

  // The flows are done, the caller is still on the line with the agent.
  expect(await followCall(call.id, (v) => v.done)).toMatchObject({ done: true, withAgent: true });

  expect((await api('POST', `/api/calls/${call.id}/hangup`)).json).toEqual({ hungUp: true });
  const ended = await feedUntil(connected.next, (r) => r.events.length > 0);
  expect(ended.events).toEqual([{ type: 'ended', contactId: call.id, seq: connected.next + 1 }]);
  expect((await api('GET', `/api/calls/${call.id}?after=0`)).json.withAgent).toBe(false);
  expect((await api('POST', `/api/calls/${call.id}/hangup`)).json).toEqual({ hungUp: false });
});

test('a call that ends in the IVR never reaches the agent app', async () => {
  const after = await feedNext();
  const { json: call } = await api('POST', '/api/calls', { from: '03-1234-5678', at: '2026-04-06T10:00' });
  await followCall(call.id, (v) => v.waiting !== null);
  expect((await api('POST', `/api/calls/${call.id}/hangup`)).json).toEqual({ hungUp: true });
  expect(await followCall(call.id, (v) => v.done)).toMatchObject({ done: true, withAgent: false });
  expect(await api('GET', `/agent/local/contacts?after=${after}`)).toEqual({
    status: 200,
    json: { events: [], next: after },
  });
});

test('a queued claimed chat pops with its claim on the feed; the visitor leaving ends it', async () => {
  const after = await feedNext();
  const { status, json: chat } = await api('POST', '/api/chat', {
    name: '山田 太郎',
    email: 'taro.yamada@example.jp',
    message: '請求書が届きません',
    at: '2026-04-06T10:00',
  });
  expect(status).toBe(200);
  expect(chat).toMatchObject({ identity: 'claimed', outcome: { type: 'queued' } });

  const connected = await feedUntil(after, (r) => r.events.length > 0);
  expect(connected.events).toEqual([
    {
      type: 'connected',
      seq: after + 1,
      contact: {
        contactId: chat.contactId,
        channel: 'CHAT',
        queue: chat.outcome.queue,
        customerEndpoint: 'taro.yamada@example.jp',
        connectedAt: '2026-04-06T01:00:00.000Z',
        attributes: expect.objectContaining({
          customerId: '',
          displayName: '山田 太郎',
          knownCustomer: 'false',
          claimedEmail: 'taro.yamada@example.jp',
        }),
      },
    },
  ]);

  expect((await api('POST', `/api/chat/${chat.contactId}/end`)).json).toEqual({ ended: true });
  expect((await api('POST', `/api/chat/${chat.contactId}/end`)).json).toEqual({ ended: false });
  const ended = await feedUntil(connected.next, (r) => r.events.length > 0);
  expect(ended.events).toEqual([{ type: 'ended', contactId: chat.contactId, seq: connected.next + 1 }]);
});

test('the agent API takes JSON only, from the console origin only', async () => {
  const form = await fetch(`${cc.url}/agent/api/interactions/link`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: '{}',
  });
  expect(form.status).toBe(415);
  const foreign = await fetch(`${cc.url}/agent/api/interactions/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    body: '{}',
  });
  expect(foreign.status).toBe(403);
});

async function asAgent(agent: string | undefined, method: string, route: string, body?: unknown) {
  const res = await fetch(`${cc.url}/agent/api${route}`, {
    method,
    headers: {
      ...(agent !== undefined && { 'x-local-agent': agent }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

test('the agent API answers only a configured local agent, with their role and the dispositions', async () => {
  expect((await asAgent(undefined, 'GET', '/me')).status).toBe(401);
  expect((await asAgent('mallory', 'GET', '/me')).status).toBe(401);
  const me = await asAgent('suzuki', 'GET', '/me');
  expect(me.status).toBe(200);
  expect(me.json.agent).toEqual({ username: 'suzuki', role: 'supervisor', displayName: '鈴木 大輔' });
  expect(me.json.timeZone).toBe('Asia/Tokyo');
  expect(me.json.dispositions.map((d: { id: string }) => d.id)).toContain('resolved');
});

test('through the same router: a timeline read, then a wrap-up written into the local history', async () => {
  const timeline = await asAgent('sato', 'GET', '/customers/C-1001/timeline?limit=5');
  expect(timeline.status).toBe(200);
  expect(timeline.json.customer).toMatchObject({ customerId: 'C-1001', name: '山田 太郎' });
  expect(timeline.json.interactions.length).toBeGreaterThan(0);

  const wrapUp = await asAgent('sato', 'PUT', '/contacts/local-wrap-up-1/wrap-up', {
    customerId: 'C-1001',
    channel: 'VOICE',
    disposition: 'resolved',
    note: '請求書を再発行しました。',
  });
  expect(wrapUp.status).toBe(201);
  const history = await cc.store.listInteractions({ customerId: 'C-1001' }, { limit: 50 });
  expect(history.items.map((i) => i.sourceId)).toContain('agent-wrap-up:local-wrap-up-1');

  // Bad input is the router's 400 naming the field, never a 500.
  const bad = await asAgent('sato', 'PUT', '/contacts/local-wrap-up-2/wrap-up', { channel: 'VOICE' });
  expect(bad.status).toBe(400);
  expect(bad.json.issues.map((i: { field: string }) => i.field)).toContain('disposition');
  const notJson = await fetch(`${cc.url}/agent/api/interactions/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-agent': 'sato' },
    body: '{',
  });
  expect(notJson.status).toBe(400);
});
