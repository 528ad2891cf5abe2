import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoDbAccessTrail } from '../../../lambdas/shared/agent/dynamodb-access-trail';
import { runAccessTrail } from '../../../local/cli/commands/access-trail';
import { withLocalStore } from '../../../local/cli/local-runtime';
import { captureIo } from '../../support/capture-io';

/** `access-trail` against the local store (embedded dynalite on a temporary CONTACT_CENTER_HOME). */

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function recordReads() {
  await withLocalStore(
    async (ctx) => {
      const trail = createDynamoDbAccessTrail({ tableName: ctx.tableName, client: ctx.documentClient });
      await trail.record([
        {
          agent: 'agent.suzuki',
          role: 'agent',
          at: '2026-04-06T01:00:00.000Z',
          subject: { customerId: 'C-1001' },
          action: 'view-customer',
          contactId: 'contact-1',
        },
      ]);
      await trail.record([
        {
          agent: 'sv.sato',
          role: 'supervisor',
          at: '2026-04-06T02:30:00.000Z',
          subject: { customerId: 'C-1001' },
          action: 'view-timeline',
        },
        {
          agent: 'agent.suzuki',
          role: 'agent',
          at: '2026-04-06T02:31:00.000Z',
          subject: { phone: '+81312345678' },
          action: 'view-contact-point-timeline',
        },
      ]);
    },
    { home },
  );
}

describe('access-trail (local store)', () => {
  it('prints the JSON trail of a customer, newest first', async () => {
    await recordReads();
    const { io, out } = captureIo();
    expect(await runAccessTrail('C-1001', { json: true, home }, io)).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.subject).toEqual({ customerId: 'C-1001' });
    expect(json.entries).toEqual([
      {
        agent: 'sv.sato',
        role: 'supervisor',
        at: '2026-04-06T02:30:00.000Z',
        subject: { customerId: 'C-1001' },
        action: 'view-timeline',
      },
      {
        agent: 'agent.suzuki',
        role: 'agent',
        at: '2026-04-06T01:00:00.000Z',
        subject: { customerId: 'C-1001' },
        action: 'view-customer',
        contactId: 'contact-1',
      },
    ]);
  });

  it('prints times in the center time zone for people, and a contact point by --phone in any format', async () => {
    await recordReads();
    const { io, out } = captureIo();
    expect(await runAccessTrail(undefined, { phone: '03-1234-5678', home }, io)).toBe(0);
    expect(out.stdout).toContain('Access trail of +81312345678');
    expect(out.stdout).toContain('2026-04-06 11:31:00  agent.suzuki (agent)  view-contact-point-timeline');
  });

  it('pages with --limit and --cursor', async () => {
    await recordReads();
    const first = captureIo();
    await runAccessTrail('C-1001', { json: true, limit: '1', home }, first.io);
    const page1 = JSON.parse(first.out.stdout);
    expect(page1.entries).toHaveLength(1);
    const second = captureIo();
    await runAccessTrail('C-1001', { json: true, limit: '1', cursor: page1.nextCursor, home }, second.io);
    expect(JSON.parse(second.out.stdout).entries[0].at).toBe('2026-04-06T01:00:00.000Z');
  });

  it('exits 2 naming the bad input', async () => {
    const cases: Array<[string | undefined, Record<string, string>, RegExp]> = [
      [undefined, {}, /exactly one of CUSTOMER_ID/],
      ['C-1', { email: 'a@b.jp' }, /exactly one of CUSTOMER_ID/],
      [undefined, { phone: 'abc' }, /--phone/],
      ['C-1', { limit: '0' }, /--limit/],
      ['C-1', { cursor: 'garbage' }, /--cursor/],
      ['C-1', { stage: 'aws' }, /--table/],
    ];
    for (const [id, options, message] of cases) {
      const { io, out } = captureIo();
      expect(await runAccessTrail(id, { ...options, home }, io)).toBe(2);
      expect(out.stderr).toMatch(message);
    }
  });
});
