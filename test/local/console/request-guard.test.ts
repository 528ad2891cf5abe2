import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allowedHosts, MAX_PATH_SEGMENT_BYTES } from '../../../local/console/request-guard';
import { type RunningContactCenter, startLocalContactCenter } from '../../../local/runtime/local-contact-center';

/**
 * The local console as a hostile web page or a broken client would reach it: raw HTTP requests
 * (node:http, so Host and Origin are ours to write) to a real local contact center.
 */

let home: string;
let cc: RunningContactCenter;
let port: number;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cc-guard-'));
  cc = await startLocalContactCenter({ home, port: 0 });
  port = Number(new URL(cc.url).port);
});
afterAll(async () => {
  await cc?.close();
  rmSync(home, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  body: string;
}

/** One request exactly as given (node:http sends our Host, Origin and Content-Type unchanged). */
function raw(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: target,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Hangs up a call the test placed and waits until it is recorded, so nothing runs after the suite. */
async function hangUp(created: RawResponse): Promise<void> {
  const { id } = JSON.parse(created.body) as { id: string };
  expect((await raw('POST', `/api/calls/${id}/hangup`)).status).toBe(200);
  // Long polling from the last event seen: each answer waits for news instead of repeating the first ones.
  let after = 0;
  for (let i = 0; i < 50; i++) {
    const view = JSON.parse((await raw('GET', `/api/calls/${id}?after=${after}&wait=2000`)).body) as {
      done: boolean;
      events: unknown[];
    };
    if (view.done) return;
    after += view.events.length;
  }
  throw new Error(`call ${id} did not end`);
}

const json = { 'content-type': 'application/json' };
const CALL = JSON.stringify({ from: '03-1234-5678', at: '2026-04-06T10:00' });

describe('Host: no DNS rebinding', () => {
  test('a page whose name was re-pointed at 127.0.0.1 reads nothing', async () => {
    const res = await raw('GET', '/api/customers/C-1001', { host: `attacker.example:${port}` });

    expect(res.status).toBe(403);
    expect(res.body).not.toContain('山田');
    expect(JSON.parse(res.body).error).toMatch(/^Host: "attacker\.example:\d+" is not this console/);
  });

  test('…nor gets the page, nor a loopback name on another port', async () => {
    expect((await raw('GET', '/', { host: 'attacker.example' })).status).toBe(403);
    expect((await raw('GET', '/api/info', { host: `localhost:${port + 1}` })).status).toBe(403);
  });

  test('localhost, 127.0.0.1 and [::1] with the console’s port are served', async () => {
    expect(allowedHosts(port)).toEqual([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
    for (const host of allowedHosts(port)) {
      const res = await raw('GET', '/api/customers/C-1001', { host });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).customer.name).toBe('山田 太郎');
    }
  });
});

describe('Origin: no cross-site POST', () => {
  test('a POST from another site places no call', async () => {
    const res = await raw('POST', '/api/calls', { ...json, origin: 'https://attacker.example' }, CALL);

    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toContain('Origin: "https://attacker.example"');
  });

  test('nor does one whose browser says it is cross-site, or from an opaque origin', async () => {
    expect((await raw('POST', '/api/calls', { ...json, 'sec-fetch-site': 'cross-site' }, CALL)).status).toBe(403);
    expect((await raw('POST', '/api/calls', { ...json, origin: 'null' }, CALL)).status).toBe(403);
  });

  test('the console’s own page (same origin) and clients without Origin (curl, CLI) still place calls', async () => {
    const own = await raw('POST', '/api/calls', { ...json, origin: `http://127.0.0.1:${port}` }, CALL);
    const viaLocalhost = await raw(
      'POST',
      '/api/calls',
      { ...json, host: `localhost:${port}`, origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin' },
      CALL,
    );
    const curl = await raw('POST', '/api/calls', json, CALL);

    for (const res of [own, viaLocalhost, curl]) {
      expect(res.status).toBe(201);
      await hangUp(res);
    }
  });
});

describe('JSON endpoints take JSON only', () => {
  test('a text/plain POST (what an HTML form can send without asking) is 415 and starts no chat', async () => {
    const body = JSON.stringify({ name: '山田 太郎', phone: '03-1234-5678', at: '2026-04-06T10:00' });
    const res = await raw('POST', '/api/chat', { 'content-type': 'text/plain' }, body);

    expect(res.status).toBe(415);
    expect(JSON.parse(res.body).error).toBe('Content-Type: expected application/json, got "text/plain"');
  });

  test('form encodings and a body without a type are refused; application/json with a charset is fine', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await raw('POST', '/api/calls', form, 'from=03-1234-5678')).status).toBe(415);
    expect((await raw('POST', '/api/calls', {}, CALL)).status).toBe(415);
    const ok = await raw('POST', '/api/calls', { 'content-type': 'application/json; charset=utf-8' }, CALL);
    expect(ok.status).toBe(201);
    await hangUp(ok);
  });

  test('the raw email upload is not a JSON endpoint: message/rfc822 reaches it', async () => {
    const res = await raw('POST', '/api/email', { 'content-type': 'message/rfc822' }, 'not a message');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/^email: not an RFC 5322 message/);
  });
});

describe('hostile URLs are 400, never 500', () => {
  test('malformed percent-encoding in the path', async () => {
    const res = await raw('GET', '/api/customers/%E0%A4%A');

    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toBe('path: "%E0%A4%A" is not valid percent-encoding (UTF-8)');
  });

  test('malformed percent-encoding in a call id and in the query', async () => {
    expect((await raw('POST', '/api/calls/%FF/hangup')).status).toBe(400);
    const q = await raw('GET', '/api/customers?q=%E3%81');
    expect(q.status).toBe(400);
    expect(JSON.parse(q.body).error).toMatch(/^query: "q=%E3%81" is not valid percent-encoding/);
  });

  test('a 10 KB customer id, in the path or as screen-pop’s customerId', async () => {
    const id = 'C'.repeat(10 * 1024);
    const inPath = await raw('GET', `/api/customers/${id}`);
    const inQuery = await raw('GET', `/api/screen-pop?customerId=${id}`);

    expect(inPath.status).toBe(400);
    expect(JSON.parse(inPath.body).error).toBe(`path: a segment is longer than ${MAX_PATH_SEGMENT_BYTES} bytes`);
    expect(inQuery.status).toBe(400);
    expect(JSON.parse(inQuery.body).error).toBe(`customerId: longer than ${MAX_PATH_SEGMENT_BYTES} bytes`);
  });

  test('a 10 KB search text is refused by name; an id at the limit is looked up (404)', async () => {
    const search = await raw('GET', `/api/customers?q=${encodeURIComponent('あ'.repeat(1200))}`);
    expect(search.status).toBe(400);
    expect(JSON.parse(search.body).error).toBe('q: longer than 2048 bytes');
    expect((await raw('GET', `/api/customers/${'C'.repeat(MAX_PATH_SEGMENT_BYTES)}`)).status).toBe(404);
  });
});
