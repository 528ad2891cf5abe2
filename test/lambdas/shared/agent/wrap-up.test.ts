import { wrapUpSourceId } from '../../../../lambdas/shared/agent/wrap-up';
import { aCustomer } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { AGENT, agentApi, OTHER_AGENT, SUPERVISOR } from '../../agent-api/support';

describe('PUT /contacts/{contactId}/wrap-up (store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const wrapUp = (contactId: string, body: unknown, principal = AGENT) =>
    agentApi(db)({ method: 'PUT', path: `/contacts/${contactId}/wrap-up`, body, principal });
  const body = {
    customerId: 'C-1001',
    channel: 'VOICE',
    disposition: 'follow-up',
    note: '請求書を本日再送。明日確認の電話。',
  };

  it("records the contact's agent entry in the customer's history (201), in Japanese with the disposition id kept", async () => {
    await db.store().putCustomer(aCustomer());
    const res = await wrapUp('contact-1', body);
    expect(res.status).toBe(201);
    expect(res.body.replaced).toBe(false);
    expect(res.body.interaction).toMatchObject({
      customerId: 'C-1001',
      channel: 'VOICE',
      direction: 'INBOUND',
      sourceId: 'agent-wrap-up:contact-1',
      subject: '要フォローアップ',
      summary: '請求書を本日再送。明日確認の電話。',
      agent: 'agent.suzuki',
      details: { contactId: 'contact-1', disposition: 'follow-up' },
    });
    const history = await db.store().listInteractions({ customerId: 'C-1001' });
    expect(history.items.map((i) => i.sourceId)).toEqual(['agent-wrap-up:contact-1']);
  });

  it('10 identical wrap-ups at once are one entry: one 201, the others replace it', async () => {
    await db.store().putCustomer(aCustomer());
    const results = await Promise.all(Array.from({ length: 10 }, () => wrapUp('contact-2', body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const history = await db.store().listInteractions({ customerId: 'C-1001' });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ sourceId: wrapUpSourceId('contact-2'), subject: '要フォローアップ' });
  });

  it('a second wrap-up by the same agent replaces the entry (200); a note left out removes the old one', async () => {
    await db.store().putCustomer(aCustomer());
    await wrapUp('contact-3', body);
    const again = await wrapUp('contact-3', { customerId: 'C-1001', channel: 'VOICE', disposition: 'resolved' });
    expect(again.status).toBe(200);
    expect(again.body.replaced).toBe(true);
    expect(again.body.interaction.subject).toBe('解決済み');
    expect(again.body.interaction.summary).toBeUndefined();
    expect(again.body.interaction.details.disposition).toBe('resolved');
    expect((await db.store().listInteractions({ customerId: 'C-1001' })).items).toHaveLength(1);
  });

  it('another agent may not replace it (403); a supervisor may, and is named', async () => {
    await db.store().putCustomer(aCustomer());
    await wrapUp('contact-4', body);
    const other = await wrapUp('contact-4', { ...body, disposition: 'resolved' }, OTHER_AGENT);
    expect(other.status).toBe(403);
    expect(other.body.issues[0].field).toBe('contactId');
    const sv = await wrapUp('contact-4', { ...body, disposition: 'escalated' }, SUPERVISOR);
    expect(sv.status).toBe(200);
    expect(sv.body.interaction).toMatchObject({ agent: 'agent.suzuki', subject: 'エスカレーション' });
    expect(sv.body.interaction.details.updatedBy).toBe('sv.sato');
  });

  it('concurrent wrap-ups of one contact by two agents: one wins, the other is refused', async () => {
    await db.store().putCustomer(aCustomer());
    const [a, b] = await Promise.all([wrapUp('contact-5', body), wrapUp('contact-5', body, OTHER_AGENT)]);
    expect([a.status, b.status].sort()).toEqual([201, 403]);
    expect((await db.store().listInteractions({ customerId: 'C-1001' })).items).toHaveLength(1);
  });

  it('an unknown customer is 404 naming customerId; nothing is recorded', async () => {
    const res = await wrapUp('contact-6', { ...body, customerId: 'C-404' });
    expect(res.status).toBe(404);
    expect(res.body.issues).toEqual([{ field: 'customerId', reason: 'no such customer' }]);
    expect(await db.store().findInteractionBySource(wrapUpSourceId('contact-6'))).toBeUndefined();
  });

  it('a contact nobody owns is recorded under its contact point', async () => {
    const res = await wrapUp('chat-7', {
      contactPoint: { phone: '090-5555-0000' },
      channel: 'CHAT',
      disposition: 'information',
    });
    expect(res.status).toBe(201);
    expect(res.body.customer).toBeUndefined();
    const kept = await db.store().listInteractions({ phone: '+819055550000' });
    expect(kept.items.map((i) => i.sourceId)).toEqual(['agent-wrap-up:chat-7']);
  });

  it('a wrap-up first kept under the contact point follows the customer named by its replacement', async () => {
    await db.store().putCustomer(aCustomer());
    await wrapUp('chat-12', {
      contactPoint: { email: 'taro.yamada@example.jp' },
      channel: 'CHAT',
      disposition: 'information',
    });
    const again = await wrapUp('chat-12', { customerId: 'C-1001', channel: 'CHAT', disposition: 'resolved' });
    expect(again.status).toBe(200);
    expect(again.body.interaction.customerId).toBe('C-1001');
    expect((await db.store().listInteractions({ email: 'taro.yamada@example.jp' })).items).toEqual([]);
    expect((await db.store().listInteractions({ customerId: 'C-1001' })).items.map((i) => i.subject)).toEqual([
      '解決済み',
    ]);
  });

  it("sets the latest inquiry's status with the wrap-up and keeps it in details", async () => {
    await db.store().putCustomer(aCustomer());
    const res = await wrapUp('contact-8', { ...body, disposition: 'resolved', inquiryStatus: 'resolved' });
    expect(res.status).toBe(201);
    expect(res.body.customer.latestInquiry).toMatchObject({ id: 'INQ-1001', status: 'resolved' });
    expect(res.body.interaction.details).toMatchObject({ inquiryId: 'INQ-1001', inquiryStatus: 'resolved' });
    // Reopening by the wrap-up is a supervisor's decision too: refused, and nothing recorded.
    const reopen = await wrapUp('contact-9', { ...body, inquiryStatus: 'in_progress' });
    expect(reopen.status).toBe(403);
    expect(reopen.body.issues[0].field).toBe('inquiryStatus');
    expect(await db.store().findInteractionBySource(wrapUpSourceId('contact-9'))).toBeUndefined();
  });

  it('inquiryStatus needs a customer, and a customer without inquiry is a 409', async () => {
    const noCustomer = await wrapUp('c-10', {
      contactPoint: { email: 'x@example.jp' },
      channel: 'EMAIL',
      disposition: 'resolved',
      inquiryStatus: 'resolved',
    });
    expect(noCustomer.status).toBe(400);
    expect(noCustomer.body.issues[0].field).toBe('inquiryStatus');
    await db.store().putCustomer(aCustomer({ latestInquiry: undefined }));
    const none = await wrapUp('c-11', { ...body, inquiryStatus: 'resolved' });
    expect(none.status).toBe(409);
    expect(none.body.issues[0].field).toBe('inquiryStatus');
  });
});
