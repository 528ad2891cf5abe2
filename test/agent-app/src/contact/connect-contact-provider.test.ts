import type { ContactEvent } from '../../../../agent-app/src/contact/contact-provider';

// The SDK talks to the agent workspace through postMessage; here it is a stand-in that records the
// handlers the provider registers and answers the reads it makes.
type Handler = (e: { contactId: string; type: string }) => Promise<void>;
const handlers: Record<string, Handler[]> = {};
const reads: string[] = [];
jest.mock('@amazon-connect/app', () => ({
  AmazonConnectApp: { init: jest.fn(() => ({ provider: { id: 'fake' } })) },
}));
jest.mock('@amazon-connect/contact', () => {
  const on = (name: string) => (h: Handler) => {
    handlers[name] = [...(handlers[name] ?? []), h];
  };
  const off = (name: string) => (h: Handler) => {
    handlers[name] = (handlers[name] ?? []).filter((x) => x !== h);
  };
  return {
    ContactClient: jest.fn(() => ({
      onConnected: on('connected'),
      offConnected: off('connected'),
      onCleared: on('cleared'),
      offCleared: off('cleared'),
      onDestroyed: on('destroyed'),
      offDestroyed: off('destroyed'),
      getChannelType: async (id: string) => {
        reads.push(`channel ${id}`);
        return { type: 'chat', subtype: 'connect:Chat' };
      },
      getQueue: async (id: string) => {
        reads.push(`queue ${id}`);
        return { name: 'Priority', queueARN: 'arn', queueId: 'q' };
      },
      getAttributes: async (id: string, filter: string) => {
        reads.push(`attributes ${id} ${filter}`);
        return { customerId: 'C-1', identity: 'claimed', claimedEmail: 'hanako@example.jp' };
      },
    })),
    AgentClient: jest.fn(() => ({ getName: async () => 'Sato' })),
  };
});

import { ConnectContactProvider, channelOf } from '../../../../agent-app/src/contact/connect-contact-provider';

describe('ConnectContactProvider', () => {
  it('describes a connected contact from the SDK: channel, queue and every attribute', async () => {
    // Prepare
    const provider = new ConnectContactProvider();
    const seen: ContactEvent[] = [];
    const unsubscribe = provider.subscribe((e) => seen.push(e));
    // Act
    await handlers.connected![0]!({ contactId: 'ct-1', type: 'chat' });
    await handlers.cleared![0]!({ contactId: 'ct-1', type: 'chat' });
    // Assess
    expect(reads.sort()).toEqual(['attributes ct-1 *', 'channel ct-1', 'queue ct-1']);
    expect(seen).toEqual([
      {
        type: 'connected',
        contact: expect.objectContaining({
          contactId: 'ct-1',
          channel: 'CHAT',
          queue: 'Priority',
          customerEndpoint: 'hanako@example.jp',
          attributes: { customerId: 'C-1', identity: 'claimed', claimedEmail: 'hanako@example.jp' },
        }),
      },
      { type: 'ended', contactId: 'ct-1' },
    ]);
    await expect(provider.agentName()).resolves.toBe('Sato');
    // Unsubscribing removes every handler it registered.
    unsubscribe();
    expect(handlers.connected).toEqual([]);
    expect(handlers.cleared).toEqual([]);
    expect(handlers.destroyed).toEqual([]);
  });

  it('maps the SDK’s channel types to the history’s channels', () => {
    expect(channelOf('voice')).toBe('VOICE');
    expect(channelOf('queue_callback')).toBe('VOICE');
    expect(channelOf('chat')).toBe('CHAT');
    expect(channelOf('email')).toBe('EMAIL');
    expect(channelOf('task')).toBe('TASK');
  });
});
