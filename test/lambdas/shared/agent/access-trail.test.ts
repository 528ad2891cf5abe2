import { type AccessEntry, recordAccess } from '../../../../lambdas/shared/agent/access-trail';
import { CustomerStoreInputError } from '../../../../lambdas/shared/customer-data/customer-store';
import { aCustomer } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { AGENT, accessTrailOf, NOW } from '../../agent-api/support';

describe('DynamoDB access trail (dynalite)', () => {
  const db = useLocalDynamoDb();
  const entry = (at: string, overrides: Partial<AccessEntry> = {}): AccessEntry => ({
    agent: 'agent.suzuki',
    role: 'agent',
    at,
    subject: { customerId: 'C-1001' },
    action: 'view-timeline',
    ...overrides,
  });

  it('keeps two reads of the same agent in the same millisecond as two entries, newest first', async () => {
    const trail = accessTrailOf(db);
    await trail.record([entry('2026-04-06T01:00:00.000Z'), entry('2026-04-06T01:00:00.000Z')]);
    await trail.record([entry('2026-04-06T02:00:00.000Z', { agent: 'sv.sato', role: 'supervisor' })]);
    const page = await trail.list({ customerId: 'C-1001' });
    expect(page.items.map((e) => [e.at, e.agent])).toEqual([
      ['2026-04-06T02:00:00.000Z', 'sv.sato'],
      ['2026-04-06T01:00:00.000Z', 'agent.suzuki'],
      ['2026-04-06T01:00:00.000Z', 'agent.suzuki'],
    ]);
  });

  it('keeps the trail out of the customer partition: the profile and history read as before', async () => {
    await db.store().putCustomer(aCustomer());
    await recordAccess(accessTrailOf(db), AGENT, {
      subjects: [{ customerId: 'C-1001' }],
      action: 'view-customer',
      at: NOW,
    });
    const latest = await db.store().getCustomerWithLatestInteraction('C-1001');
    expect(latest.customer?.customerId).toBe('C-1001');
    expect(latest.latestInteraction).toBeUndefined();
    expect((await db.store().listInteractions({ customerId: 'C-1001' })).items).toEqual([]);
    expect((await db.store().listCustomers()).items.map((c) => c.customerId)).toEqual(['C-1001']);
  });

  it('pages with a cursor bound to its subject', async () => {
    const trail = accessTrailOf(db);
    await trail.record([entry('2026-04-06T01:00:00.000Z'), entry('2026-04-06T01:01:00.000Z')]);
    const first = await trail.list({ customerId: 'C-1001' }, { limit: 1 });
    expect(first.cursor).toBeDefined();
    const second = await trail.list({ customerId: 'C-1001' }, { limit: 1, cursor: first.cursor });
    expect(second.items[0]?.at).toBe('2026-04-06T01:00:00.000Z');
    await expect(trail.list({ customerId: 'C-2' }, { cursor: first.cursor })).rejects.toBeInstanceOf(
      CustomerStoreInputError,
    );
  });
});
