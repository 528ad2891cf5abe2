import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readServerInfo } from '../../../local/cli/local-runtime';
import type { CallView, ConsoleEvent } from '../../../local/console/call-sessions';
import { type RunningContactCenter, startLocalContactCenter } from '../../../local/runtime/local-contact-center';
import { sesHeaders } from '../../fixtures/email/generate';

/** The HTTP console's API as the page uses it, on a real local contact center (dynalite, seeded data). */

let home: string;
let cc: RunningContactCenter;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cc-console-'));
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
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

/** Polls a call until `until` holds for its accumulated view. */
async function follow(id: string, until: (view: CallView) => boolean): Promise<CallView> {
  let after = 0;
  const events: ConsoleEvent[] = [];
  for (let i = 0; i < 50; i++) {
    const { json } = await api('GET', `/api/calls/${id}?after=${after}&wait=2000`);
    events.push(...json.events);
    after = json.next;
    const view: CallView = { ...json, events };
    if (until(view)) return view;
  }
  throw new Error('the call did not reach the expected state');
}

test('the page is one self-contained document: no external scripts, styles or fonts', async () => {
  const res = await fetch(cc.url);
  const html = await res.text();

  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(html).toContain('<title>ローカル コンタクトセンター</title>');
  expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
});

test('first start seeds the demo customers and publishes server.json for CLI commands', async () => {
  expect(cc.seeded).toEqual({ seeded: true, customers: 8, interactions: 11 });
  expect(readServerInfo(home)).toMatchObject({ pid: process.pid, consoleUrl: cc.url, tableName: cc.tableName });
  const { json } = await api('GET', '/api/info');
  expect(json.numbers.map((n: { number: string }) => n.number)).toContain('045-234-5678');
  expect(json.timeZone).toBe('Asia/Tokyo');
});

test('an interactive call: prompts step by step, keys from the browser, outcome and screen pop', async () => {
  const { status, json } = await api('POST', '/api/calls', { from: '03-1234-5678', at: '2026-04-06T10:00' });
  expect(status).toBe(201);

  const waiting = await follow(json.id, (v) => v.waiting !== null);
  const prompts = waiting.events.flatMap((e) => (e.type === 'prompt' ? [e.text] : []));
  expect(prompts[0]).toBe('山田様、お電話ありがとうございます。いつもご利用いただきありがとうございます。');
  expect(waiting.waiting).toMatchObject({ actionId: 'menu', maxDigits: 1, timeoutSeconds: 5 });
  expect(waiting.done).toBe(false);

  expect((await api('POST', `/api/calls/${json.id}/input`, { digits: '2' })).status).toBe(200);
  const done = await follow(json.id, (v) => v.done);
  expect(done.result?.outcome).toMatchObject({ type: 'queued', queue: 'Priority' });
  expect(done.result?.attributes).toMatchObject({ customerId: 'C-1001', displayName: '山田 太郎' });

  // The call's CTR went through the ctr-processor's code before the call was reported done.
  expect(done.events).toContainEqual({
    type: 'recorded',
    contactId: json.id,
    result: 'recorded',
    owner: { customerId: 'C-1001' },
  });
  const pop = await api('GET', '/api/screen-pop?customerId=C-1001');
  expect(pop.json.customer).toMatchObject({ name: '山田 太郎', tier: 'gold' });
  expect(pop.json.interactions.map((i: Json) => i.subject ?? i.sourceId)).toEqual([
    '4月分の請求書を再発行してください',
    '支払い方法の変更',
    'ポイントの有効期限',
    json.id, // 2026-04-06, before the demo history (dated relative to the first start)
  ]);
  expect(pop.json.interactions[3]).toMatchObject({
    channel: 'VOICE',
    at: '2026-04-06T01:00:00.000Z',
    queue: 'Priority',
    agent: 'local-agent',
    status: 'completed',
  });
});

test('no keys before the time limit (digits null) takes the timeout branch; hanging up ends the call', async () => {
  const { json } = await api('POST', '/api/calls', { from: null, at: '2026-04-06T20:00' });
  const offer = await follow(json.id, (v) => v.waiting !== null);
  expect(offer.waiting?.actionId).toBe('callback-offer');
  await api('POST', `/api/calls/${json.id}/input`, { digits: null });
  const done = await follow(json.id, (v) => v.done);
  expect(done.result?.outcome.type).toBe('disconnected');
  expect(done.events).toContainEqual(expect.objectContaining({ type: 'input', actionId: 'callback-offer' }));

  const second = (await api('POST', '/api/calls', { from: '06-6123-4567', at: '2026-04-06T10:00' })).json.id;
  await follow(second, (v) => v.waiting !== null);
  expect((await api('POST', `/api/calls/${second}/hangup`)).json).toEqual({ hungUp: true });
  const ended = await follow(second, (v) => v.done);
  expect(ended.result).toBeUndefined();
  expect(ended.events.at(-1)).toEqual({ type: 'hangup' });
});

test('bad requests are answered 4xx naming the field', async () => {
  expect(await api('POST', '/api/calls', { from: 'abc' })).toMatchObject({
    status: 400,
    json: { error: expect.stringContaining('from: "abc" is not a phone number') },
  });
  expect(await api('POST', '/api/calls', { from: '03-1234-5678', at: 'soon' })).toMatchObject({
    status: 400,
    json: { error: expect.stringContaining('at:') },
  });
  expect(await api('POST', '/api/calls', { from: '03-1234-5678', queuesAtCapacity: ['Nope'] })).toMatchObject({
    status: 400,
    json: { error: 'queuesAtCapacity: unknown queue "Nope"' },
  });
  expect((await api('GET', '/api/calls/no-such-call')).status).toBe(404);
  expect((await api('GET', '/api/customers/C-9999')).status).toBe(404);
});

test('the VOC report page is served from the demo history analyzed into the local lake on first start', async () => {
  expect(cc.vocSeeded).toBeGreaterThan(0);
  const res = await fetch(`${cc.url}/voc`);
  const html = await res.text();

  expect(res.status).toBe(200);
  expect(html).toContain('<h1>お客様の声（VOC）</h1>');
  expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  expect((await api('GET', '/api/info')).json.vocReport).toBe(true);
});

test('the VOC page: Japanese by default, English on request, charts before tables, tables in pages, a link back', async () => {
  const section = (html: string, name: string) =>
    new RegExp(`<section id="${name}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  const ja = await (await fetch(`${cc.url}/voc`)).text();
  expect(ja).toContain('<html lang="ja">');
  expect(ja.indexOf('<svg')).toBeLessThan(ja.indexOf('<table'));
  expect(ja).toContain('href="/?lang=ja"');
  // Weeks of history by channel and day: 20 rows a page, and a link to the next page.
  expect(section(ja, 'sentiment-by-channel-day').match(/<tr>/g)).toHaveLength(21);
  expect(section(ja, 'sentiment-by-channel-day')).toContain('page.sentiment-by-channel-day=2');

  const en = await (await fetch(`${cc.url}/voc?lang=en&page.sentiment-by-channel-day=2`)).text();
  expect(en).toContain('<h1>Voice of the customer</h1>');
  expect(section(en, 'sentiment-by-channel-day')).toMatch(/rows 21–40 of \d+/);
  expect(en).toContain('href="/?lang=en"');
  // A page past the end shows the last one; a nonsense page number is ignored.
  expect((await fetch(`${cc.url}/voc?page.sentiment-by-channel-day=-3&lang=xx`)).status).toBe(200);
});

test('customers can be browsed and searched by name or number', async () => {
  const all = await api('GET', '/api/customers');
  expect(all.json.items).toHaveLength(8);

  const tanaka = await api('GET', `/api/customers?q=${encodeURIComponent('田中')}`);
  expect(tanaka.json.items.map((c: Json) => c.customerId).sort()).toEqual(['C-1005', 'C-1006']);

  const detail = await api('GET', '/api/customers/C-1004');
  expect(detail.json.customer.name).toBe('Emily Johnson');
  // Phones as stored (E.164) and as people write them.
  expect(detail.json.customer.phones).toEqual(['+818023456789']);
  expect(detail.json.customer.phonesNational).toEqual(['080-2345-6789']);
  expect(detail.json.interactions[0].channel).toBe('EMAIL');
});

const EMAIL_FIXTURE = path.resolve(__dirname, '../../fixtures/email/iso-2022-jp.eml');

async function postEmail(body: Buffer | string, query = ''): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${cc.url}/api/email${query}`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, json: await res.json() };
}

test('a verified chat through the chat flow: the bot greets a known customer by name and queues the chat', async () => {
  const { status, json } = await api('POST', '/api/chat', {
    name: '山田 太郎',
    phone: '03-1234-5678',
    message: '配送について',
    at: '2026-04-06T10:00',
    verified: true,
  });

  expect(status).toBe(200);
  expect(json).toMatchObject({
    customerId: 'C-1001',
    newCustomer: false,
    outcome: { type: 'queued', queue: 'Priority' },
  });
  expect(json.contactId).toEqual(expect.any(String));
  expect(json.messages[0]).toContain('山田 太郎 様');
});

test('a claimed chat (nothing verified) greets nobody by name, routes by no tier and names no customer', async () => {
  const { status, json } = await api('POST', '/api/chat', {
    name: 'Mallory',
    phone: '03-1234-5678',
    at: '2026-04-06T10:00',
  });
  expect(status).toBe(200);
  expect(json).toMatchObject({ customerId: null, identity: 'claimed', outcome: { queue: 'General' } });
  expect(JSON.stringify(json.messages)).not.toContain('山田');
});

test('a one-time code from POST /api/identity/codes (outbox) verifies the chat; a wrong one is a 400', async () => {
  const requested = await api('POST', '/api/identity/codes', { email: 'taro.yamada@example.jp' });
  expect(requested).toMatchObject({ status: 202, json: { accepted: true } });
  const lines = readFileSync(requested.json.outbox, 'utf8').trim().split('\n');
  const mail = JSON.parse(lines.at(-1)!) as { to: string; subject: string };
  expect(mail.to).toBe('taro.yamada@example.jp');
  const code = /(\d{6})/.exec(mail.subject)![1]!;
  const chat = { name: '山田 太郎', email: 'taro.yamada@example.jp', at: '2026-04-06T10:00' };
  expect(
    (await api('POST', '/api/chat', { ...chat, oneTimeCode: code === '000000' ? '111111' : '000000' })).status,
  ).toBe(400);
  const { json } = await api('POST', '/api/chat', { ...chat, oneTimeCode: code });
  expect(json).toMatchObject({ customerId: 'C-1001', identity: 'verified', outcome: { queue: 'Priority' } });
});

test('an email dropped as raw bytes is received as SES would deliver it, once', async () => {
  const raw = readFileSync(EMAIL_FIXTURE);
  const first = await postEmail(raw, '?at=2026-04-06T10:02');
  const again = await postEmail(raw);

  expect(first.status).toBe(200);
  expect(first.json).toMatchObject({
    messageId: '20260406100200.iso2022@mail.example.jp',
    customerId: 'C-1001',
    newCustomer: false,
    duplicate: false,
    attachments: [],
  });
  expect(first.json.subject).toEqual(expect.any(String));
  expect(first.json.text.length).toBeGreaterThan(0);
  expect(again.json).toMatchObject({ duplicate: true, customerId: 'C-1001' });
});

test('bad chat and email input is answered 400 (413 when too large) with the reason', async () => {
  expect(await api('POST', '/api/chat', {})).toMatchObject({ status: 400, json: { error: 'name: required' } });
  expect(await api('POST', '/api/chat', { name: 'A' })).toMatchObject({
    status: 400,
    json: { error: 'email: email or phone is required' },
  });
  expect(await api('POST', '/api/chat', { name: 'A', email: 'bad' })).toMatchObject({
    status: 400,
    json: { error: expect.stringContaining('email: expected an email address') },
  });
  expect(await api('POST', '/api/chat', { name: 'A', email: 'a@example.jp', agentsAvailable: -1 })).toMatchObject({
    status: 400,
    json: { error: expect.stringContaining('agentsAvailable') },
  });
  expect(await postEmail('')).toMatchObject({ status: 400, json: { error: expect.stringContaining('empty') } });
  expect(await postEmail('\u0000\u0001 not a message')).toMatchObject({
    status: 400,
    json: { error: expect.stringContaining('not an RFC 5322 message') },
  });
  expect((await postEmail(Buffer.alloc(10 * 1024 * 1024 + 1, 'a'))).status).toBe(413);
  expect(await postEmail(readFileSync(EMAIL_FIXTURE), '?at=later')).toMatchObject({
    status: 400,
    json: { error: expect.stringContaining('at:') },
  });
});

test('a call (hung up in the IVR), a chat and an email are one timeline, newest first', async () => {
  const call = (await api('POST', '/api/calls', { from: '090-1234-5678' })).json.id;
  await follow(call, (v) => v.waiting !== null || v.done);
  await api('POST', `/api/calls/${call}/hangup`);
  const ended = await follow(call, (v) => v.done);
  expect(ended.events.at(-1)).toEqual({ type: 'hangup' });
  expect(ended.events).toContainEqual(expect.objectContaining({ type: 'recorded', result: 'recorded' }));

  const chat = (
    await api('POST', '/api/chat', {
      name: '佐藤 花子',
      phone: '090-1234-5678',
      message: '解約について',
      verified: true,
    })
  ).json;
  expect(chat.customerId).toBe('C-1002');
  const mail = [
    // As SES stores it: its own block first, here with DMARC passing for example.jp.
    ...sesHeaders('example.jp').map(([k, v]) => `${k}: ${v}`),
    'From: =?UTF-8?B?5L2Q6Jek?= <hanako.sato@example.jp>',
    'To: support@example.jp',
    'Subject: =?UTF-8?B?6Kej57SE44Gr44Gk44GE44Gm?=',
    'Message-ID: <timeline-1@example.jp>',
    'Date: Mon, 6 Apr 2026 10:10:00 +0900',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    '電話がつながらなかったのでメールします。',
    '',
  ].join('\r\n');
  const email = await postEmail(mail);
  expect(email.json).toMatchObject({ customerId: 'C-1002', duplicate: false });

  const detail = await api('GET', '/api/customers/C-1002');
  expect(detail.json.interactions.slice(0, 3).map((i: Json) => [i.channel, i.sourceId])).toEqual([
    ['EMAIL', 'timeline-1@example.jp'],
    ['CHAT', chat.contactId],
    ['VOICE', call],
  ]);
  expect(detail.json.interactions[2]).toMatchObject({
    details: { disconnectReason: 'CUSTOMER_DISCONNECT' },
  });
});

test('data persists across a restart and is not seeded twice', async () => {
  const before = (await api('GET', '/api/customers')).json.items.length;
  await cc.close();
  expect(readServerInfo(home)).toBeUndefined();

  cc = await startLocalContactCenter({ home, port: 0 });
  expect(cc.seeded.seeded).toBe(false);
  expect(cc.vocSeeded).toBe(0);
  expect((await api('GET', '/api/customers')).json.items).toHaveLength(before);
});
