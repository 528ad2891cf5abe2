import { startChat, submitInquiry } from '../../../../lambdas/shared/intake/web-intake';
import { aCustomer, anInteraction } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { RecordingChannel, RecordingVocSink } from './fakes';

const NOW = new Date('2026-04-06T01:00:00.000Z');

describe('web intake (dynalite)', () => {
  const db = useLocalDynamoDb();

  it('starts a chat for a known customer with the screen-pop attributes and records it', async () => {
    // Prepare
    const store = db.store();
    await store.putCustomer(aCustomer());
    await store.recordInteraction({ customerId: 'C-1001' }, anInteraction(5));
    const channel = new RecordingChannel();
    // Act
    const out = await startChat(
      { store, channel, now: () => NOW, newClientToken: () => 'token-1' },
      { displayName: '山田 太郎', email: 'taro.yamada@example.jp', message: '配送について', locale: 'ja-JP' },
    );
    // Assess
    expect(out).toMatchObject({ contactId: 'chat-1', customerId: 'C-1001', newCustomer: false });
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
    });
  });

  it('submits a web form: interaction, task with references, latest inquiry, VOC message', async () => {
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
      },
      {
        name: 'John Smith',
        email: 'john@example.org',
        subject: 'Invoice',
        message: 'Please resend the invoice.',
        locale: 'en-US',
      },
    );
    expect(out).toEqual({
      inquiryId: 'INQ-20260406-ABC123',
      customerId: 'C-NEW',
      newCustomer: true,
      taskContactId: 'task-1',
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
});
