import { resolveCustomer, sameName } from '../../../../lambdas/shared/intake/resolve-customer';
import { aCustomer } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';

describe('resolveCustomer (dynalite)', () => {
  const db = useLocalDynamoDb();
  const ids = () => {
    let n = 0;
    return { newCustomerId: () => `NEW-${++n}` };
  };

  it('finds a customer by email before phone', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer({ customerId: 'C-1', email: 'taro@example.jp', phones: ['+81311112222'] }));
    await store.putCustomer(aCustomer({ customerId: 'C-2', email: 'other@example.jp', phones: ['+81333334444'] }));
    const out = await resolveCustomer(
      store,
      { name: '誰か', email: 'taro@example.jp', phone: '+81333334444', language: 'ja-JP' },
      ids(),
    );
    expect(out).toMatchObject({ newCustomer: false, matchedBy: 'email', customer: { customerId: 'C-1' } });
  });

  it('falls back to a unique phone number and never adds the visitor contact points to it', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer({ customerId: 'C-1', email: 'taro@example.jp', phones: ['+81311112222'] }));
    const out = await resolveCustomer(
      store,
      { name: '山田', email: 'attacker@example.net', phone: '+81311112222', language: 'ja-JP' },
      ids(),
    );
    expect(out).toMatchObject({ matchedBy: 'phone', customer: { customerId: 'C-1' } });
    expect(await store.findByEmail('attacker@example.net')).toEqual([]);
  });

  it('on a shared household number picks only the one member with the same name, else creates', async () => {
    const store = db.store();
    await store.putCustomer(
      aCustomer({ customerId: 'C-1', name: '山田 太郎', email: undefined, phones: ['+81355556666'] }),
    );
    await store.putCustomer(
      aCustomer({ customerId: 'C-2', name: '山田 花子', email: undefined, phones: ['+81355556666'] }),
    );
    const hanako = await resolveCustomer(
      store,
      { name: '山田　花子', phone: '+81355556666', language: 'ja-JP' },
      ids(),
    );
    expect(hanako).toMatchObject({ matchedBy: 'name-in-household', customer: { customerId: 'C-2' } });

    const stranger = await resolveCustomer(store, { name: '鈴木', phone: '+81355556666', language: 'en-US' }, ids());
    expect(stranger).toMatchObject({
      newCustomer: true,
      matchedBy: 'created',
      customer: { customerId: 'NEW-1', name: '鈴木', phones: ['+81355556666'], tier: 'standard', language: 'en-US' },
    });
  });

  it('creates an unknown visitor who is then found by email', async () => {
    const store = db.store();
    const first = await resolveCustomer(store, { name: 'John', email: 'john@example.org', language: 'en-US' }, ids());
    expect(first).toMatchObject({ newCustomer: true, customer: { customerId: 'NEW-1', email: 'john@example.org' } });
    const again = await resolveCustomer(store, { name: 'John', email: 'john@example.org', language: 'en-US' }, ids());
    expect(again).toMatchObject({ newCustomer: false, matchedBy: 'email', customer: { customerId: 'NEW-1' } });
  });

  it('compares names ignoring width, case and spaces', () => {
    expect(sameName('ＹＡＭＡＤＡ　Taro', 'yamada taro')).toBe(true);
    expect(sameName('山田 太郎', '山田 花子')).toBe(false);
  });
});
