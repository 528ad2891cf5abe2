import { aLambdaContext } from '../../support/connect-events';
import { aCustomer, anInteraction } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { anHttpEvent } from '../shared/intake/events';

let createHandler: typeof import('../../../lambdas/history-api/handler').createHandler;
beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.CUSTOMER_TABLE_NAME = 'unused';
  ({ createHandler } = require('../../../lambdas/history-api/handler'));
});

describe('history-api handler (store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const call = async (options: Parameters<typeof anHttpEvent>[0]) => {
    const res = await createHandler({ store: db.store(), defaultCountry: 'JP' })(
      anHttpEvent(options),
      aLambdaContext('history-api'),
    );
    return { status: res.statusCode, body: JSON.parse(res.body as string) };
  };

  it('pages through a timeline of every channel, newest first, with an opaque cursor', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer());
    const channels = ['VOICE', 'CHAT', 'EMAIL', 'WEB_FORM', 'VOICE'] as const;
    for (const [n, channel] of channels.entries()) {
      await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(n, { channel }));
    }
    const first = await call({
      routeKey: 'GET /customers/{id}/timeline',
      pathParameters: { id: 'C-1001' },
      query: { limit: '3' },
    });
    expect(first.status).toBe(200);
    expect(first.body.customer).toMatchObject({ customerId: 'C-1001', name: '山田 太郎', tier: 'gold' });
    expect(first.body.interactions.map((i: { channel: string }) => i.channel)).toEqual(['VOICE', 'WEB_FORM', 'EMAIL']);
    const second = await call({
      routeKey: 'GET /customers/{id}/timeline',
      pathParameters: { id: 'C-1001' },
      query: { limit: '3', cursor: first.body.cursor },
    });
    expect(second.body.interactions.map((i: { channel: string }) => i.channel)).toEqual(['CHAT', 'VOICE']);
    expect(second.body.cursor).toBeUndefined();
  });

  it('looks customers up by phone (all household members) and shows unmatched contacts of the number', async () => {
    const store = db.store();
    await store.putCustomer(
      aCustomer({ customerId: 'H-1', name: '山田 太郎', phones: ['+81355556666'], email: undefined }),
    );
    await store.putCustomer(
      aCustomer({ customerId: 'H-2', name: '山田 花子', phones: ['+81355556666'], email: undefined }),
    );
    await store.recordInteraction({ phone: '+81355556666' }, anInteraction(1));
    const res = await call({ routeKey: 'GET /customers', query: { phone: '03-5555-6666' } });
    expect(res.status).toBe(200);
    expect(res.body.customers.map((c: { customerId: string }) => c.customerId).sort()).toEqual(['H-1', 'H-2']);
    expect(res.body.unmatched.interactions).toHaveLength(1);
    const byEmail = await call({ routeKey: 'GET /customers', query: { email: 'nobody@example.jp' } });
    expect(byEmail.body).toEqual({ customers: [], unmatched: { interactions: [] } });
    const timeline = await call({ routeKey: 'GET /timeline', query: { phone: '+81355556666' } });
    expect(timeline.body).toMatchObject({
      owner: { phone: '+81355556666' },
      interactions: [{ sourceId: 'contact-000001' }],
    });
  });

  it.each([
    [
      { routeKey: 'GET /customers/{id}/timeline', pathParameters: { id: 'C-1001' }, query: { limit: '0' } },
      'limit',
      'at least 1',
    ],
    [
      { routeKey: 'GET /customers/{id}/timeline', pathParameters: { id: 'C-1001' }, query: { limit: '1000' } },
      'limit',
      'at most 100',
    ],
    [
      { routeKey: 'GET /customers/{id}/timeline', pathParameters: { id: 'C-1001' }, query: { cursor: 'forged' } },
      'cursor',
      'invalid cursor: not a cursor returned by this store',
    ],
    [
      { routeKey: 'GET /customers/{id}/timeline', pathParameters: { id: 'a#b' } },
      'id',
      'expected a customer id (1–128 characters, no spaces or "#")',
    ],
    [{ routeKey: 'GET /customers', query: {} }, 'phone', 'give exactly one of phone or email'],
    [
      { routeKey: 'GET /customers', query: { phone: '1', email: 'a@example.jp' } },
      'phone',
      'expected a phone number such as 03-1234-5678 or +81312345678',
    ],
    [{ routeKey: 'GET /customers', query: { email: 'nope' } }, 'email', 'expected an email address'],
    [{ routeKey: 'GET /customers', query: { email: 'a@example.jp', name: 'x' } }, 'name', 'unknown field'],
  ])('answers 400 for %j', async (options, field, reason) => {
    await db.store().putCustomer(aCustomer());
    const res = await call(options);
    expect(res.status).toBe(400);
    expect(res.body.issues).toContainEqual({ field, reason });
  });

  it('answers 404 for an unknown customer', async () => {
    const res = await call({ routeKey: 'GET /customers/{id}/timeline', pathParameters: { id: 'C-404' } });
    expect(res).toEqual({ status: 404, body: { error: 'NotFound', message: 'no customer C-404' } });
  });
});
