import { MAX_SEARCH_RESULTS } from '../../../../lambdas/shared/agent/contract';
import { classifyQuery } from '../../../../lambdas/shared/agent/search';
import { aCustomer } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { accessTrailOf, agentApi } from '../../agent-api/support';

describe('classifyQuery', () => {
  it.each([
    ['090-1234-5678', { kind: 'phone', e164: '+819012345678' }],
    ['+81 3 1234 5678', { kind: 'phone', e164: '+81312345678' }],
    ['０３（１２３４）５６７８', { kind: 'phone', e164: '+81312345678' }],
    ['Taro.Yamada@Example.JP', { kind: 'email', email: 'taro.yamada@example.jp' }],
    ['山田', { kind: 'name', name: '山田' }],
    ['やまだ', { kind: 'name', name: 'やまだ' }],
    ['1234', { kind: 'name', name: '1234' }],
  ])('%s', (q, expected) => {
    expect(classifyQuery(q, 'JP')).toEqual(expected);
  });
});

describe('GET /search (store on dynalite)', () => {
  const db = useLocalDynamoDb();

  async function seed() {
    const store = db.store();
    await store.putCustomer(aCustomer({ customerId: 'C-1001', name: '山田 太郎', nameKana: 'ヤマダ タロウ' }));
    await store.putCustomer(
      aCustomer({
        customerId: 'C-1002',
        name: '山田 花子',
        nameKana: 'ヤマダ ハナコ',
        phones: ['+81312345678'],
        email: 'hanako@example.jp',
      }),
    );
    await store.putCustomer(
      aCustomer({ customerId: 'C-1003', name: '佐藤 一郎', phones: ['+819011112222'], email: 'ichiro@example.jp' }),
    );
    await store.putCustomer(
      aCustomer({ customerId: 'C-1004', name: 'Emily Johnson', phones: ['+818023456789'], email: 'emily@example.com' }),
    );
  }
  const ids = (body: { customers: Array<{ customerId: string }> }) => body.customers.map((c) => c.customerId);

  it('finds a household by a number written in any format, and records one trail entry per customer', async () => {
    await seed();
    const res = await agentApi(db)({ path: '/search', query: { q: '03-1234-5678', contactId: 'c-77' } });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('phone');
    expect(ids(res.body)).toEqual(['C-1001', 'C-1002']);
    expect(res.body.customers[0].phonesNational).toEqual(['03-1234-5678']);
    expect(res.body.truncated).toBe(false);
    for (const customerId of ['C-1001', 'C-1002']) {
      const trail = await accessTrailOf(db).list({ customerId });
      expect(trail.items).toEqual([
        expect.objectContaining({ action: 'search', contactId: 'c-77', agent: 'agent.suzuki' }),
      ]);
    }
    expect((await accessTrailOf(db).list({ customerId: 'C-1003' })).items).toEqual([]);
  });

  it('finds by email case-insensitively', async () => {
    await seed();
    const res = await agentApi(db)({ path: '/search', query: { q: 'Emily@Example.com' } });
    expect(res.body.kind).toBe('email');
    expect(ids(res.body)).toEqual(['C-1004']);
  });

  it.each([
    ['山田', ['C-1001', 'C-1002']],
    ['山田太郎', ['C-1001']],
    ['やまだ', ['C-1001', 'C-1002']],
    ['ヤマダ　ハナコ', ['C-1002']],
    ['ﾔﾏﾀﾞ', ['C-1001', 'C-1002']],
    ['たろう', ['C-1001']],
    ['ＥＭＩＬＹ', ['C-1004']],
    ['emily johnson', ['C-1004']],
    ['佐藤', ['C-1003']],
    ['さとう', []],
  ])('name %s', async (q, expected) => {
    await seed();
    const res = await agentApi(db)({ path: '/search', query: { q } });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('name');
    expect(ids(res.body)).toEqual(expected);
  });

  it(`caps results at ${MAX_SEARCH_RESULTS} and says the list is truncated`, async () => {
    const store = db.store();
    for (let n = 0; n < MAX_SEARCH_RESULTS + 3; n++) {
      await store.putCustomer(
        aCustomer({ customerId: `C-${2000 + n}`, name: `田中 ${n}`, phones: [], email: `t${n}@example.jp` }),
      );
    }
    const res = await agentApi(db)({ path: '/search', query: { q: 'たなか' } });
    expect(res.body.customers).toEqual([]);
    const byKanji = await agentApi(db)({ path: '/search', query: { q: '田中' } });
    expect(byKanji.body.customers).toHaveLength(MAX_SEARCH_RESULTS);
    expect(byKanji.body.truncated).toBe(true);
  });
});
