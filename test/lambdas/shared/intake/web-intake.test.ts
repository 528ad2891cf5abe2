import type { CustomerStore } from '../../../../lambdas/shared/customer-data/customer-store';
import { IdempotencyKeyReusedError, requestDigest } from '../../../../lambdas/shared/intake/idempotency';
import { derivedInquiryId, INQUIRY_ID_PATTERN } from '../../../../lambdas/shared/intake/inquiry-id';
import type { InquiryRequest } from '../../../../lambdas/shared/intake/requests';
import { startChat, submitInquiry, type WebIntakeDeps } from '../../../../lambdas/shared/intake/web-intake';
import { aCustomer, anInteraction } from '../../../support/customers';
import { anIdentityToken, testIdentityVerifier } from '../../../support/identity-tokens';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { RecordingChannel, RecordingVocSink } from './fakes';

const NOW = new Date('2026-04-06T01:00:00.000Z');

describe('web intake (dynalite)', () => {
  const db = useLocalDynamoDb();

  it('starts a chat for a verified customer (identity token) with the screen-pop attributes and records it', async () => {
    // Prepare
    const store = db.store();
    await store.putCustomer(aCustomer());
    await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(5));
    const channel = new RecordingChannel();
    const identityToken = await anIdentityToken({}, { now: NOW });
    // Act
    const out = await startChat(
      {
        store,
        channel,
        now: () => NOW,
        newClientToken: () => 'token-1',
        identityTokens: testIdentityVerifier(() => NOW),
      },
      { displayName: '山田 太郎', identityToken, message: '配送について', locale: 'ja-JP' },
    );
    // Assess
    expect(out).toMatchObject({ contactId: 'chat-1', customerId: 'C-1001', newCustomer: false, identity: 'verified' });
    expect(channel.chats).toEqual([
      {
        displayName: '山田 太郎',
        language: 'ja-JP',
        initialMessage: '配送について',
        clientToken: 'token-1',
        attributes: {
          customerId: 'C-1001',
          displayName: '山田 太郎',
          tier: 'gold',
          language: 'ja-JP',
          priority: 'true',
          knownCustomer: 'true',
          latestInquiryId: 'INQ-1001',
          latestInquiryStatus: 'in_progress',
          lastContactChannel: 'VOICE',
          lastContactAt: '2026-04-01T00:05:00.000Z',
          identity: 'verified',
          verifiedBy: 'identity-token',
        },
      },
    ]);
    const history = await store.listInteractions({ customerId: 'C-1001' });
    expect(history.items[0]).toMatchObject({
      channel: 'CHAT',
      sourceId: 'chat-1',
      at: NOW.toISOString(),
      subject: '配送について',
      status: 'started',
      identity: 'verified',
      verifiedBy: 'identity-token',
    });
  });

  describe('a claim (what the visitor typed) reveals nothing and changes nothing', () => {
    it("a stranger chatting with a known customer's email sees nothing of that customer", async () => {
      const store = db.store();
      await store.putCustomer(aCustomer());
      await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(5));
      const channel = new RecordingChannel();
      const out = await startChat(
        { store, channel, now: () => NOW, newClientToken: () => 'token-1' },
        { displayName: 'Mallory', email: 'taro.yamada@example.jp', message: '住所を教えて', locale: 'ja-JP' },
      );
      expect(out).toMatchObject({
        customerId: null,
        newCustomer: false,
        identity: 'claimed',
        recordedUnder: { email: 'taro.yamada@example.jp' },
      });
      // Nothing of C-1001 reaches the flow (no name to greet with, no tier to route by, no inquiry).
      expect(channel.chats[0]!.attributes).toEqual({
        customerId: '',
        displayName: 'Mallory',
        tier: '',
        language: 'ja-JP',
        priority: 'false',
        knownCustomer: 'false',
        latestInquiryId: '',
        latestInquiryStatus: '',
        lastContactChannel: '',
        lastContactAt: '',
        claimedEmail: 'taro.yamada@example.jp',
        claimedPhone: '',
        identity: 'claimed',
        verifiedBy: '',
      });
      expect(JSON.stringify(channel.chats)).not.toMatch(/山田|C-1001|gold|INQ-1001/);
      // Recorded beside the customer, marked unverified, for an agent to confirm; the history is untouched.
      expect((await store.listInteractions({ customerId: 'C-1001' })).items.map((i) => i.sourceId)).toEqual([
        'contact-000005',
      ]);
      expect((await store.listInteractions({ email: 'taro.yamada@example.jp' })).items).toEqual([
        expect.objectContaining({ sourceId: 'chat-1', channel: 'CHAT', identity: 'claimed' }),
      ]);
    });

    it('a claimed phone number of a known customer is kept under that number', async () => {
      const store = db.store();
      await store.putCustomer(aCustomer());
      const channel = new RecordingChannel();
      const out = await startChat(
        { store, channel, now: () => NOW },
        { displayName: '山田 太郎', email: 'other@example.jp', phone: '+81312345678', locale: 'ja-JP' },
      );
      expect(out).toMatchObject({ customerId: null, recordedUnder: { phone: '+81312345678' } });
      expect(channel.chats[0]!.attributes).toMatchObject({ knownCustomer: 'false', tier: '', customerId: '' });
    });

    it('a claimed web form on a known email leaves the profile and latest inquiry untouched', async () => {
      const store = db.store();
      await store.putCustomer(aCustomer());
      const before = await store.getCustomer('C-1001');
      const channel = new RecordingChannel();
      const voc = new RecordingVocSink();
      const out = await submitInquiry(
        {
          store,
          channel,
          voc,
          now: () => NOW,
          newInquiryId: () => 'INQ-20260406-CLAIM1',
          historyApiUrl: 'https://api.example.com',
        },
        { name: 'Mallory', email: 'taro.yamada@example.jp', subject: '解約', message: '解約したい', locale: 'ja-JP' },
      );
      expect(out).toEqual({
        inquiryId: 'INQ-20260406-CLAIM1',
        customerId: null,
        newCustomer: false,
        identity: 'claimed',
        taskContactId: 'task-1',
        duplicate: false,
      });
      expect(await store.getCustomer('C-1001')).toEqual(before);
      expect(channel.tasks[0]!.attributes).toMatchObject({ customerId: '', tier: '', identity: 'claimed' });
      expect(channel.tasks[0]!.references).toEqual({
        inquiryId: { type: 'STRING', value: 'INQ-20260406-CLAIM1' },
        history: { type: 'URL', value: 'https://api.example.com/timeline?email=taro.yamada%40example.jp' },
      });
      expect(channel.tasks[0]!.description).toContain('本人確認なし');
      expect(voc.messages[0]).not.toHaveProperty('customerId');
      expect(voc.messages[0]).not.toHaveProperty('tier');
      expect((await store.listInteractions({ email: 'taro.yamada@example.jp' })).items).toEqual([
        expect.objectContaining({ sourceId: 'INQ-20260406-CLAIM1', identity: 'claimed' }),
      ]);
    });

    it('a claim from an unknown address makes its own customer but never its latest inquiry', async () => {
      const store = db.store();
      const out = await submitInquiry(
        { store, channel: new RecordingChannel(), now: () => NOW, resolve: { newCustomerId: () => 'C-NEW' } },
        { name: 'Ann', email: 'ann@example.org', subject: 'Hi', message: 'Hello', locale: 'en-US' },
      );
      expect(out).toMatchObject({ customerId: null, newCustomer: true, identity: 'claimed' });
      expect((await store.getCustomer('C-NEW'))?.latestInquiry).toBeUndefined();
      expect((await store.listInteractions({ customerId: 'C-NEW' })).items).toEqual([
        expect.objectContaining({ sourceId: out.inquiryId, identity: 'claimed' }),
      ]);
    });

    it('an identity token decides the contact points: a typed one that differs, a forged or expired token are refused', async () => {
      const store = db.store();
      await store.putCustomer(aCustomer());
      const deps = {
        store,
        channel: new RecordingChannel(),
        now: () => NOW,
        identityTokens: testIdentityVerifier(() => NOW),
      };
      const request = { displayName: 'A', locale: 'ja-JP' as const };
      const valid = await anIdentityToken({}, { now: NOW });
      await expect(
        startChat(deps, { ...request, email: 'mallory@example.jp', identityToken: valid }),
      ).rejects.toMatchObject({
        issues: [{ field: 'email', reason: 'does not match the identity token' }],
      });
      const forged = await anIdentityToken({}, { now: NOW, key: 'another-key-another-key-another-key!' });
      await expect(startChat(deps, { ...request, identityToken: forged })).rejects.toMatchObject({
        issues: [{ field: 'identityToken', reason: 'is not accepted: signature does not verify' }],
      });
      const old = await anIdentityToken({}, { now: new Date(NOW.getTime() - 3_600_000) });
      await expect(startChat(deps, { ...request, identityToken: old })).rejects.toMatchObject({
        issues: [{ field: 'identityToken', reason: 'is not accepted: expired' }],
      });
      await expect(
        startChat({ store, channel: new RecordingChannel() }, { ...request, identityToken: valid }),
      ).rejects.toMatchObject({ issues: [{ field: 'identityToken' }] });
      expect((await store.listInteractions({ customerId: 'C-1001' })).items).toEqual([]);
    });
  });

  it('submits a verified web form: interaction, task with references, latest inquiry, VOC message', async () => {
    const store = db.store();
    const channel = new RecordingChannel();
    const voc = new RecordingVocSink();
    const out = await submitInquiry(
      {
        store,
        channel,
        voc,
        now: () => NOW,
        newInquiryId: () => 'INQ-20260406-ABC123',
        resolve: { newCustomerId: () => 'C-NEW' },
        historyApiUrl: 'https://api.example.com/',
        identityTokens: testIdentityVerifier(() => NOW),
      },
      {
        name: 'John Smith',
        email: 'john@example.org',
        identityToken: await anIdentityToken({ email: 'john@example.org', subject: 'u-2' }, { now: NOW }),
        subject: 'Invoice',
        message: 'Please resend the invoice.',
        locale: 'en-US',
      },
    );
    expect(out).toEqual({
      inquiryId: 'INQ-20260406-ABC123',
      customerId: 'C-NEW',
      newCustomer: true,
      identity: 'verified',
      taskContactId: 'task-1',
      duplicate: false,
    });
    expect(channel.tasks[0]).toMatchObject({
      name: '[INQ-20260406-ABC123] Invoice',
      description: 'Please resend the invoice.\n\n— John Smith <john@example.org>',
      clientToken: 'INQ-20260406-ABC123',
      attributes: { customerId: 'C-NEW', latestInquiryId: 'INQ-20260406-ABC123', inquiryChannel: 'WEB_FORM' },
      references: {
        inquiryId: { type: 'STRING', value: 'INQ-20260406-ABC123' },
        customerId: { type: 'STRING', value: 'C-NEW' },
        history: { type: 'URL', value: 'https://api.example.com/customers/C-NEW/timeline' },
      },
    });
    expect(await store.findInteractionBySource('INQ-20260406-ABC123')).toMatchObject({
      channel: 'WEB_FORM',
      customerId: 'C-NEW',
      subject: 'Invoice',
      status: 'received',
      details: { inquiryId: 'INQ-20260406-ABC123', taskContactId: 'task-1' },
    });
    expect((await store.getCustomer('C-NEW'))?.latestInquiry).toEqual({
      id: 'INQ-20260406-ABC123',
      subject: 'Invoice',
      status: 'received',
    });
    expect(voc.messages).toEqual([
      {
        sourceId: 'INQ-20260406-ABC123',
        channel: 'WEB_FORM',
        customerId: 'C-NEW',
        at: NOW.toISOString(),
        language: 'en-US',
        text: 'Invoice\nPlease resend the invoice.',
        tier: 'standard',
        queue: 'web-form',
      },
    ]);
  });

  describe('idempotency key (at-least-once clients)', () => {
    const FORM: InquiryRequest = {
      name: 'John Smith',
      email: 'john@example.org',
      subject: 'Invoice',
      message: 'Please resend the invoice.',
      locale: 'en-US',
      clientToken: 'form-7f3a9c',
    };
    const deps = (
      store: CustomerStore,
      channel: RecordingChannel,
      voc: RecordingVocSink,
      now = NOW,
    ): WebIntakeDeps => ({
      store,
      channel,
      voc,
      now: () => now,
    });
    const interactionsOf = async (store: CustomerStore, customerId: string) =>
      (await store.listInteractions({ customerId })).items;
    /** The customer a claimed form created (the public answer names none). */
    const johnsId = async (store: CustomerStore) => (await store.findByEmail('john@example.org'))[0]!.customerId;

    it('a chat request repeated with its key is one chat (same ClientToken) and one interaction', async () => {
      const store = db.store();
      await store.putCustomer(aCustomer());
      const channel = new RecordingChannel();
      const request = {
        displayName: '山田 太郎',
        email: 'taro.yamada@example.jp',
        message: '配送について',
        locale: 'ja-JP' as const,
        clientToken: 'chat-key-1',
      };
      const first = await startChat({ store, channel, now: () => NOW }, request);
      const again = await startChat({ store, channel, now: () => new Date(NOW.getTime() + 5000) }, request);
      expect(first).toMatchObject({ contactId: 'chat-1', customerId: null, duplicate: false });
      expect(again).toMatchObject({ contactId: 'chat-1', customerId: null, duplicate: true, newCustomer: false });
      expect(channel.chats).toHaveLength(2);
      expect(channel.chats[0]!.clientToken).toBe(`chat-${requestDigest('chat', 'chat-key-1', request)}`);
      expect(channel.chats[1]!.clientToken).toBe(channel.chats[0]!.clientToken);
      expect((await store.listInteractions({ email: 'taro.yamada@example.jp' })).items.map((i) => i.sourceId)).toEqual([
        'chat-1',
      ]);
    });

    it('a new visitor retrying a chat stays one customer', async () => {
      const store = db.store();
      const channel = new RecordingChannel();
      const request = { displayName: 'Ann', phone: '+81312345000', locale: 'en-US' as const, clientToken: 'k' };
      const first = await startChat({ store, channel }, request);
      const again = await startChat({ store, channel }, request);
      expect(first.newCustomer).toBe(true);
      expect(again).toMatchObject({ customerId: first.customerId, duplicate: true });
      expect((await store.listCustomers()).items).toHaveLength(1);
    });

    it('chats without a key stay separate requests (random ClientToken)', async () => {
      const store = db.store();
      const channel = new RecordingChannel();
      const request = { displayName: 'Ann', email: 'ann@example.org', locale: 'en-US' as const };
      await startChat({ store, channel }, request);
      const again = await startChat({ store, channel }, request);
      expect(channel.chats[0]!.clientToken).not.toBe(channel.chats[1]!.clientToken);
      expect(again).toMatchObject({ contactId: 'chat-2', duplicate: false });
    });

    it('a web form repeated with its key is one inquiry, one interaction, one task, one VOC message', async () => {
      const store = db.store();
      const channel = new RecordingChannel();
      const voc = new RecordingVocSink();
      const first = await submitInquiry(deps(store, channel, voc), FORM);
      const again = await submitInquiry(deps(store, channel, voc, new Date(NOW.getTime() + 60_000)), FORM);
      const digest = requestDigest('inquiry', FORM.clientToken!, FORM);
      expect(first).toMatchObject({ inquiryId: derivedInquiryId(NOW, digest), duplicate: false, newCustomer: true });
      expect(first.inquiryId).toMatch(INQUIRY_ID_PATTERN);
      expect(again).toEqual({ ...first, newCustomer: false, duplicate: true });
      expect(channel.tasks.map((t) => t.clientToken)).toEqual([first.inquiryId]);
      expect(voc.messages.map((m) => m.sourceId)).toEqual([first.inquiryId]);
      expect((await interactionsOf(store, await johnsId(store))).map((i) => i.sourceId)).toEqual([first.inquiryId]);
      expect((await store.listCustomers()).items).toHaveLength(1);
    });

    it('a retry after a failed task resumes: same inquiry and ClientToken, nothing recorded twice', async () => {
      const store = db.store();
      const channel = new RecordingChannel();
      const voc = new RecordingVocSink();
      channel.failTasks = 1;
      await expect(submitInquiry(deps(store, channel, voc), FORM)).rejects.toThrow('ThrottlingException');
      expect(voc.messages).toEqual([]);
      const retried = await submitInquiry(deps(store, channel, voc), FORM);
      expect(retried).toMatchObject({ taskContactId: 'task-1', duplicate: true });
      expect(channel.tasks.map((t) => t.clientToken)).toEqual([retried.inquiryId]);
      expect(voc.messages).toHaveLength(1);
      expect(await store.findInteractionBySource(retried.inquiryId)).toMatchObject({
        details: { taskContactId: 'task-1', vocSent: 'true' },
      });
      expect(await interactionsOf(store, await johnsId(store))).toHaveLength(1);
    });

    it('a retry after midnight (UTC) finds the inquiry of the day before', async () => {
      const store = db.store();
      const channel = new RecordingChannel();
      const voc = new RecordingVocSink();
      const before = new Date('2026-04-05T23:59:50Z');
      const first = await submitInquiry(deps(store, channel, voc, before), FORM);
      const again = await submitInquiry(deps(store, channel, voc, new Date('2026-04-06T00:00:20Z')), FORM);
      expect(first.inquiryId).toMatch(/^INQ-20260405-/);
      expect(again).toMatchObject({ inquiryId: first.inquiryId, duplicate: true });
      expect(channel.tasks).toHaveLength(1);
    });

    it('the same key with another body is refused, naming the key, and records nothing', async () => {
      const store = db.store();
      const channel = new RecordingChannel();
      const voc = new RecordingVocSink();
      const first = await submitInquiry(deps(store, channel, voc), FORM);
      const other = submitInquiry(deps(store, channel, voc), { ...FORM, subject: 'Receipt' });
      await expect(other).rejects.toThrow(IdempotencyKeyReusedError);
      await expect(other).rejects.toThrow(`Idempotency-Key "${FORM.clientToken}" was already used`);
      expect(channel.tasks).toHaveLength(1);
      expect(voc.messages).toHaveLength(1);
      // A claimed form's answer names no customer: the interaction is found by its source id.
      expect((await store.findInteractionBySource(first.inquiryId))?.sourceId).toBe(first.inquiryId);
      // The key still replays its own request.
      expect(await submitInquiry(deps(store, channel, voc), FORM)).toMatchObject({ duplicate: true });
    });

    it('an inquiry id already held by another request is never merged: the next derived id is used', async () => {
      const store = db.store();
      const channel = new RecordingChannel();
      const voc = new RecordingVocSink();
      const digest = requestDigest('inquiry', FORM.clientToken!, FORM);
      await store.recordInteraction(
        { customerId: 'C-OTHER' },
        {
          channel: 'WEB_FORM',
          direction: 'INBOUND',
          at: NOW.toISOString(),
          sourceId: derivedInquiryId(NOW, digest, 0),
          details: { inquiryId: derivedInquiryId(NOW, digest, 0), requestDigest: 'someone-else' },
        },
      );
      const first = await submitInquiry(deps(store, channel, voc), FORM);
      const again = await submitInquiry(deps(store, channel, voc), FORM);
      expect(first).toMatchObject({ inquiryId: derivedInquiryId(NOW, digest, 1), duplicate: false });
      expect(again).toMatchObject({ inquiryId: first.inquiryId, duplicate: true });
      expect(voc.messages).toHaveLength(1);
    });
  });
});
