import { aCustomer, anInteraction } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { AGENT, agentApi, NOW } from '../../agent-api/support';

describe('POST /interactions/link (store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const link = (body: unknown, principal = AGENT) =>
    agentApi(db)({ method: 'POST', path: '/interactions/link', body, principal });
  const verification = '生年月日と登録住所を確認';

  /** 山田 太郎 owns 03-1234-5678; a chat claimed his number, so intake kept it under the number. */
  async function claimedChatOnHisNumber() {
    const store = db.store();
    await store.putCustomer(aCustomer());
    await store.recordInteraction(
      { phone: '+81312345678' },
      anInteraction(1, { channel: 'CHAT', sourceId: 'chat-1', identity: 'claimed', subject: '請求書について' }),
    );
  }

  it("confirms a claimed chat as the customer's: moved into the history, verified by the agent, with who, when and how", async () => {
    await claimedChatOnHisNumber();
    const res = await link({ sourceId: 'chat-1', target: { customerId: 'C-1001' }, verification });
    expect(res.status).toBe(200);
    expect(res.body.newCustomer).toBe(false);
    expect(res.body.customer.customerId).toBe('C-1001');
    expect(res.body.interaction).toMatchObject({
      customerId: 'C-1001',
      sourceId: 'chat-1',
      identity: 'verified',
      verifiedBy: 'agent',
      details: { linkedBy: 'agent.suzuki', linkedAt: NOW.toISOString(), verification },
    });
    expect((await db.store().listInteractions({ phone: '+81312345678' })).items).toEqual([]);
    const history = await db.store().listInteractions({ customerId: 'C-1001' });
    expect(history.items.map((i) => i.sourceId)).toEqual(['chat-1']);
    expect((await db.store().findInteractionBySource('chat-1'))?.customerId).toBe('C-1001');
  });

  it('5 links at once: one interaction in the history, verified once, every answer the same customer', async () => {
    await claimedChatOnHisNumber();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => link({ sourceId: 'chat-1', target: { customerId: 'C-1001' }, verification })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const history = await db.store().listInteractions({ customerId: 'C-1001' });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ identity: 'verified', verifiedBy: 'agent' });
    expect((await db.store().listInteractions({ phone: '+81312345678' })).items).toEqual([]);
  });

  it('a repeat later answers with the first confirmation; a verified contact is never re-linked elsewhere (409)', async () => {
    await claimedChatOnHisNumber();
    await db
      .store()
      .putCustomer(aCustomer({ customerId: 'C-2002', name: '別人', phones: [], email: 'other@example.jp' }));
    await link({ sourceId: 'chat-1', target: { customerId: 'C-1001' }, verification });
    const repeat = await link({ sourceId: 'chat-1', target: { customerId: 'C-1001' }, verification: '再確認' });
    expect(repeat.status).toBe(200);
    expect(repeat.body.interaction.details.verification).toBe(verification);
    const elsewhere = await link({ sourceId: 'chat-1', target: { customerId: 'C-2002' }, verification });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.issues[0].field).toBe('sourceId');
  });

  it('a contact verified by intake cannot be linked (409)', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer());
    await store.recordInteraction(
      { customerId: 'C-1001' },
      anInteraction(2, { sourceId: 'form-1', identity: 'verified', verifiedBy: 'identity-token' }),
    );
    const res = await link({ sourceId: 'form-1', target: { customerId: 'C-1001' }, verification });
    expect(res.status).toBe(409);
  });

  it('404 naming sourceId or target.customerId', async () => {
    await claimedChatOnHisNumber();
    const noContact = await link({ sourceId: 'nope', target: { customerId: 'C-1001' }, verification });
    expect(noContact.status).toBe(404);
    expect(noContact.body.issues[0].field).toBe('sourceId');
    const noCustomer = await link({ sourceId: 'chat-1', target: { customerId: 'C-404' }, verification });
    expect(noCustomer.status).toBe(404);
    expect(noCustomer.body.issues[0].field).toBe('target.customerId');
  });

  it('makes a new customer of a contact whose number nobody owns (201), 5 times at once: one customer', async () => {
    const store = db.store();
    await store.recordInteraction(
      { phone: '+819077778888' },
      anInteraction(3, { channel: 'VOICE', sourceId: 'call-1', subject: '新規のお問い合わせ' }),
    );
    const body = {
      sourceId: 'call-1',
      target: { newCustomer: { name: '伊藤 花', nameKana: 'いとう はな' } },
      verification: 'お名前と電話番号を確認',
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => link(body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(results.map((r) => r.body.customer.customerId));
    expect(ids.size).toBe(1);
    const [customerId] = [...ids] as string[];
    const customer = await store.getCustomer(customerId!);
    expect(customer).toMatchObject({
      name: '伊藤 花',
      nameKana: 'イトウ ハナ',
      phones: ['+819077778888'],
      tier: 'standard',
    });
    expect(await store.findByPhone('+819077778888', { limit: 5 })).toEqual([{ customerId }]);
    const history = await store.listInteractions({ customerId: customerId! });
    expect(history.items).toEqual([
      expect.objectContaining({ sourceId: 'call-1', identity: 'verified', verifiedBy: 'agent' }),
    ]);
  });

  it('refuses a new customer for a contact point that already has an owner (409 naming target.newCustomer)', async () => {
    await claimedChatOnHisNumber();
    const res = await link({ sourceId: 'chat-1', target: { newCustomer: { name: '山田 次郎' } }, verification });
    expect(res.status).toBe(409);
    expect(res.body.issues[0].field).toBe('target.newCustomer');
    expect(await db.store().findByPhone('+81312345678', { limit: 5 })).toEqual([{ customerId: 'C-1001' }]);
  });

  it('confirms a claim kept in the customer intake created from it', async () => {
    const store = db.store();
    const { customer } = await store.createCustomerFor(
      { email: 'new.visitor@example.jp' },
      { name: '木村 拓', phones: [], email: 'new.visitor@example.jp', tier: 'standard', language: 'ja-JP' },
    );
    await store.recordInteraction(
      { customerId: customer.customerId },
      anInteraction(4, { channel: 'WEB_FORM', sourceId: 'form-2', identity: 'claimed' }),
    );
    const res = await link({ sourceId: 'form-2', target: { customerId: customer.customerId }, verification });
    expect(res.status).toBe(200);
    expect(res.body.interaction).toMatchObject({ customerId: customer.customerId, identity: 'verified' });
  });
});
