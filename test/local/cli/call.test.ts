import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startLocalContactCenter } from '../../../local/runtime/local-contact-center';

/**
 * `contact-center call` as an operator runs it: a separate process through bin/contact-center.js,
 * against a temporary CONTACT_CENTER_HOME (its own dynalite data, or a running local contact center's).
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'contact-center.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], home: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, CONTACT_CENTER_HOME: home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        timeout: 50_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'cc-call-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

test('call --json prints the contract object for a known gold caller on a fresh home (seeded on first use)', async () => {
  const run = await cli(
    ['call', '--from', '03-1234-5678', '--at', '2026-04-06T10:00', '--digits', '2', '--json'],
    home,
  );

  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout);
  expect(Object.keys(json)).toEqual([
    'contactId',
    'outcome',
    'prompts',
    'attributes',
    'lambdaCalls',
    'path',
    'languageCode',
    'voice',
  ]);
  expect(json.contactId).toMatch(/^[0-9a-f-]{36}$/);
  expect(json.outcome).toMatchObject({ type: 'queued', queue: 'Priority' });
  expect(json.prompts[0]).toContain('山田様');
  expect(json.attributes).toMatchObject({ customerId: 'C-1001', tier: 'gold' });
  expect(json.lambdaCalls[0]).toMatchObject({ function: 'ivr-lookup', parameters: { action: 'lookup' } });
  expect(json.path).toContain('transfer');
});

test('call prints a human transcript; --at is read in the configured time zone (20:00 Tokyo is closed)', async () => {
  const run = await cli(['call', '--from', '+81 3 1234 5678', '--at', '2026-04-06T20:00', '--digits', '1'], home);

  expect(run.code).toBe(0);
  expect(run.stdout).toContain('at 2026-04-06 20:00 (Asia/Tokyo, Mon)');
  expect(run.stdout).toContain('IVR     誠に申し訳ございません。ただいま営業時間外のため');
  expect(run.stdout).toContain('keys    1');
  expect(run.stdout).toMatch(/Outcome: +callback booked in General/);
});

test('call uses the running local contact center (server.json) instead of opening its data a second time', async () => {
  const running = await startLocalContactCenter({ home, port: 0 });
  try {
    const run = await cli(
      ['call', '--from', '090-1234-5678', '--at', '2026-04-06T10:00', '--digits', '2', '--json'],
      home,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: { type: 'queued', queue: 'Priority' },
      attributes: { customerId: 'C-1002', displayName: '佐藤 花子' },
    });
  } finally {
    await running.close();
  }
});

test('the call is recorded in the customer history (as its CTR through the ctr-processor); --no-record leaves none', async () => {
  const recorded = await cli(['call', '--from', '03-1234-5678', '--at', '2026-04-06T10:00', '--digits', '2'], home);
  expect(recorded.code).toBe(0);
  const contactId = /Contact: +([0-9a-f-]{36}) \(recorded in the history of C-1001\)/.exec(recorded.stdout)?.[1];
  expect(contactId).toBeDefined();
  const skipped = await cli(
    ['call', '--from', '03-1234-5678', '--at', '2026-04-06T11:00', '--digits', '2', '--no-record', '--json'],
    home,
  );
  expect(skipped.code).toBe(0);

  const history = await cli(['history', 'C-1001', '--json'], home);
  expect(history.code).toBe(0);
  const interactions = JSON.parse(history.stdout).interactions as { channel: string; sourceId: string }[];
  const calls = interactions.filter(
    (i) => i.sourceId === contactId || i.sourceId === JSON.parse(skipped.stdout).contactId,
  );
  expect(calls).toEqual([
    expect.objectContaining({
      channel: 'VOICE',
      sourceId: contactId,
      at: '2026-04-06T01:00:00.000Z',
      queue: 'Priority',
      agent: 'local-agent',
      status: 'completed',
    }),
  ]);
});

test.each([
  [['--from', 'abc'], '--from: "abc" is not a phone number'],
  [['--from', '03-1234-5678', '--at', 'tomorrow'], '--at: "tomorrow" is not an ISO 8601 time'],
  [['--from', '03-1234-5678', '--digits', '12x'], '--digits: "12x" may only contain'],
  [['--from', '03-1234-5678', '--agents-available', 'two'], '--agents-available: "two" is not a whole number'],
  [['--from', '03-1234-5678', '--queue-at-capacity', 'Nope'], '--queue-at-capacity: unknown queue "Nope"'],
])('bad input %j exits non-zero and names the input on stderr', async (args, message) => {
  const run = await cli(['call', ...args], home);

  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(message);
  expect(run.stdout).toBe('');
});
