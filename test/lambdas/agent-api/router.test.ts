import type { AccessTrail } from '../../../lambdas/shared/agent/access-trail';
import { aCustomer, anInteraction } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { AGENT, accessTrailOf, agentApi, NOW, SUPERVISOR } from './support';

describe('agent API router (store on dynalite)', () => {
  const db = useLocalDynamoDb();

  it('answers 401 without a principal, and for a principal of the wrong shape', async () => {
    const call = agentApi(db);
    expect((await call({ path: '/me', principal: undefined })).status).toBe(401);
    const bad = await call({ path: '/me', principal: { username: '', role: 'agent' } });
    expect(bad.status).toBe(401);
    const role = await call({ path: '/me', principal: { username: 'x', role: 'admin' } as never });
    expect(role.status).toBe(401);
  });

  it('GET /me tells who is signed in, the dispositions and the time zone', async () => {
    const res = await agentApi(db)({ path: '/me', principal: SUPERVISOR });
    expect(res.status).toBe(200);
    expect(res.body.agent).toEqual(SUPERVISOR);
    expect(res.body.timeZone).toBe('Asia/Tokyo');
    expect(res.body.dispositions[0]).toEqual({ id: 'resolved', ja: '解決済み', en: 'Resolved' });
  });

  it('answers 404 for an unknown route and 405 for a known one with another method', async () => {
    const call = agentApi(db);
    expect((await call({ path: '/nothing' })).status).toBe(404);
    expect((await call({ path: '/customers/C-1/timeline/extra' })).status).toBe(404);
    expect((await call({ path: '/me', method: 'DELETE' })).status).toBe(405);
  });

  it('GET /customers/{id} returns the profile with national phone numbers, after recording the read', async () => {
    await db.store().putCustomer(aCustomer({ nameKana: 'ヤマダ タロウ' }));
    const res = await agentApi(db)({ path: '/customers/C-1001', query: { contactId: 'contact-42' } });
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({
      customerId: 'C-1001',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      phonesNational: ['03-1234-5678'],
    });
    const trail = await accessTrailOf(db).list({ customerId: 'C-1001' });
    expect(trail.items).toEqual([
      {
        agent: 'agent.suzuki',
        role: 'agent',
        at: NOW.toISOString(),
        subject: { customerId: 'C-1001' },
        action: 'view-customer',
        contactId: 'contact-42',
      },
    ]);
  });

  it('GET /customers/{id}/timeline pages newest first and records each page read', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer());
    for (let n = 0; n < 3; n++) await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(n));
    const call = agentApi(db);
    const first = await call({ path: '/customers/C-1001/timeline', query: { limit: '2' } });
    expect(first.status).toBe(200);
    expect(first.body.owner).toEqual({ customerId: 'C-1001' });
    expect(first.body.interactions.map((i: { sourceId: string }) => i.sourceId)).toEqual([
      'contact-000002',
      'contact-000001',
    ]);
    const second = await call({
      path: '/customers/C-1001/timeline',
      query: { limit: '2', cursor: first.body.cursor },
    });
    expect(second.body.interactions.map((i: { sourceId: string }) => i.sourceId)).toEqual(['contact-000000']);
    expect(second.body.cursor).toBeUndefined();
    const trail = await accessTrailOf(db).list({ customerId: 'C-1001' });
    expect(trail.items.map((e) => e.action)).toEqual(['view-timeline', 'view-timeline']);
  });

  it('GET /contact-points/timeline shows contacts kept under a number and records the contact point', async () => {
    await db.store().recordInteraction({ phone: '+81355556666' }, anInteraction(1, { identity: 'claimed' }));
    const res = await agentApi(db)({ path: '/contact-points/timeline', query: { phone: '03-5555-6666' } });
    expect(res.status).toBe(200);
    expect(res.body.owner).toEqual({ phone: '+81355556666' });
    expect(res.body.interactions).toHaveLength(1);
    const trail = await accessTrailOf(db).list({ phone: '+81355556666' });
    expect(trail.items[0]).toMatchObject({ action: 'view-contact-point-timeline', agent: 'agent.suzuki' });
  });

  it('fails closed: no access-trail entry, no data (503)', async () => {
    await db.store().putCustomer(aCustomer());
    const broken: AccessTrail = {
      record: async () => {
        throw new Error('throttled');
      },
      list: async () => ({ items: [] }),
    };
    const call = agentApi(db, { accessTrail: broken });
    for (const req of [
      { path: '/customers/C-1001' },
      { path: '/customers/C-1001/timeline' },
      { path: '/search', query: { q: '山田' } },
      { path: '/contact-points/timeline', query: { phone: '03-1234-5678' } },
    ]) {
      const res = await call(req);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        error: 'AccessTrailUnavailable',
        message: expect.any(String),
      });
    }
  });

  it('answers 404 naming the id for an unknown customer', async () => {
    const call = agentApi(db);
    const res = await call({ path: '/customers/C-404' });
    expect(res.status).toBe(404);
    expect(res.body.issues).toEqual([{ field: 'id', reason: 'no such customer' }]);
    expect((await call({ path: '/customers/C-404/timeline' })).status).toBe(404);
  });

  describe('hostile input never makes a 500', () => {
    const hostile: Array<{ name: string; req: Record<string, unknown>; field?: string }> = [
      { name: 'a long customer id', req: { path: `/customers/${'C'.repeat(900)}` }, field: 'id' },
      { name: 'an id of 129 characters', req: { path: `/customers/${'x'.repeat(129)}` }, field: 'id' },
      { name: 'a malformed escape', req: { path: '/customers/%E0%A4%A' }, field: 'id' },
      { name: 'an encoded "#"', req: { path: '/customers/C%231001' }, field: 'id' },
      { name: 'an encoded newline', req: { path: '/customers/C-1%0A' }, field: 'id' },
      { name: 'a control character', req: { path: '/customers/C-1%01' }, field: 'id' },
      {
        name: 'a garbage cursor',
        req: { path: '/customers/C-1001/timeline', query: { cursor: '!!!' } },
        field: 'cursor',
      },
      {
        name: "another history's cursor",
        req: {
          path: '/customers/C-1001/timeline',
          query: {
            cursor: Buffer.from(JSON.stringify({ pk: 'CUSTOMER#C-2', sk: 'INTERACTION#x' })).toString('base64url'),
          },
        },
        field: 'cursor',
      },
      {
        name: 'a limit of 10^9',
        req: { path: '/customers/C-1001/timeline', query: { limit: '1000000000' } },
        field: 'limit',
      },
      { name: 'an unknown query field', req: { path: '/customers/C-1001', query: { admin: 'true' } }, field: 'admin' },
      {
        name: 'a hostile contactId',
        req: { path: '/customers/C-1001', query: { contactId: '../../etc' } },
        field: 'contactId',
      },
      {
        name: 'an email of 10,000 characters',
        req: { path: '/contact-points/timeline', query: { email: `${'a'.repeat(10_000)}@example.jp` } },
        field: 'email',
      },
      { name: 'an empty search', req: { path: '/search', query: { q: '  ' } }, field: 'q' },
      {
        name: 'a search of 10,000 characters',
        req: { path: '/search', query: { q: '山'.repeat(10_000) } },
        field: 'q',
      },
      { name: 'a search of only dots', req: { path: '/search', query: { q: '・・・' } }, field: 'q' },
      {
        name: 'both phone and email',
        req: { path: '/contact-points/timeline', query: { phone: '0312345678', email: 'a@b.jp' } },
        field: 'phone',
      },
      {
        name: 'a wrap-up body that is an array',
        req: { method: 'PUT', path: '/contacts/c-1/wrap-up', body: [] },
        field: 'body',
      },
      { name: 'a wrap-up without body', req: { method: 'PUT', path: '/contacts/c-1/wrap-up' }, field: 'body' },
      {
        name: 'a wrap-up body that is a string',
        req: { method: 'PUT', path: '/contacts/c-1/wrap-up', body: 'resolved' },
        field: 'body',
      },
      {
        name: 'a wrap-up with an unknown disposition',
        req: {
          method: 'PUT',
          path: '/contacts/c-1/wrap-up',
          body: { customerId: 'C-1001', channel: 'VOICE', disposition: 'fired' },
        },
        field: 'disposition',
      },
      {
        name: 'a wrap-up with a note of 2,001 characters',
        req: {
          method: 'PUT',
          path: '/contacts/c-1/wrap-up',
          body: { customerId: 'C-1001', channel: 'VOICE', disposition: 'resolved', note: 'あ'.repeat(2001) },
        },
        field: 'note',
      },
      {
        name: 'a wrap-up with an object as disposition',
        req: {
          method: 'PUT',
          path: '/contacts/c-1/wrap-up',
          body: { customerId: 'C-1001', channel: 'VOICE', disposition: { $ne: 1 } },
        },
        field: 'disposition',
      },
      {
        name: 'a wrap-up with a contact id of 300 characters',
        req: { method: 'PUT', path: `/contacts/${'a'.repeat(300)}/wrap-up`, body: {} },
        field: 'contactId',
      },
      {
        name: 'a wrap-up of a contact point that is no phone number',
        req: {
          method: 'PUT',
          path: '/contacts/c-1/wrap-up',
          body: { contactPoint: { phone: 'abc' }, channel: 'CHAT', disposition: 'resolved' },
        },
        field: 'contactPoint.phone',
      },
      {
        name: 'a wrap-up for nobody',
        req: { method: 'PUT', path: '/contacts/c-1/wrap-up', body: { channel: 'CHAT', disposition: 'resolved' } },
        field: 'customerId',
      },
      {
        name: 'a status change with a bad status',
        req: {
          method: 'PUT',
          path: '/customers/C-1001/latest-inquiry',
          body: { inquiryId: 'INQ-1001', status: 'closed' },
        },
        field: 'status',
      },
      {
        name: 'a status change with extra fields',
        req: {
          method: 'PUT',
          path: '/customers/C-1001/latest-inquiry',
          body: { inquiryId: 'INQ-1001', status: 'resolved', tier: 'platinum' },
        },
        field: 'tier',
      },
      {
        name: 'a link without verification',
        req: { method: 'POST', path: '/interactions/link', body: { sourceId: 's', target: { customerId: 'C-1001' } } },
        field: 'verification',
      },
      {
        name: 'a link to both targets',
        req: {
          method: 'POST',
          path: '/interactions/link',
          body: { sourceId: 's', target: { customerId: 'C-1', newCustomer: { name: 'x' } }, verification: 'v' },
        },
        field: 'target',
      },
    ];
    it.each(hostile)('$name → 400 naming the field', async ({ req, field }) => {
      await db.store().putCustomer(aCustomer());
      const res = await agentApi(db)(req as never);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('BadRequest');
      expect(res.body.issues.map((i: { field: string }) => i.field)).toContain(field);
    });

    it('a path longer than any route can be is a 404 before anything is read', async () => {
      const res = await agentApi(db)({ path: `/customers/${'C'.repeat(5000)}` });
      expect(res.status).toBe(404);
    });

    it('a query value that is not a string (a console passing arrays) is a 400, not a 500', async () => {
      const res = await agentApi(db)({ path: '/search', query: { q: ['a', 'b'] as unknown as string } });
      expect(res.status).toBe(400);
    });

    it('unicode ids and searches that match nothing are fine', async () => {
      const call = agentApi(db);
      expect((await call({ path: `/customers/${encodeURIComponent('顧客-🙂')}` })).status).toBe(404);
      const search = await call({ path: '/search', query: { q: '🙂𠮷' } });
      expect(search.status).toBe(200);
      expect(search.body).toEqual({ kind: 'name', customers: [], truncated: false });
    });
  });

  it('an unexpected store failure is a 500 that reveals nothing', async () => {
    const errors: unknown[] = [];
    const { createAgentApi } = await import('../../../lambdas/agent-api/router');
    const api = createAgentApi({
      store: { ...db.store(), getCustomer: async () => Promise.reject(new Error('secret table detail')) },
      accessTrail: accessTrailOf(db),
      dispositions: [],
      timeZone: 'Asia/Tokyo',
      defaultCountry: 'JP',
      onError: (err) => errors.push(err),
    });
    const res = await api({ method: 'GET', path: '/customers/C-1001', query: {}, principal: AGENT });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(errors).toHaveLength(1);
  });
});
