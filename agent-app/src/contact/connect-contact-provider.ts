import { AmazonConnectApp } from '@amazon-connect/app';
import { AgentClient, ContactClient } from '@amazon-connect/contact';
import type { Channel } from '../../../lambdas/shared/customer-data/model';
import type { AgentContact, ContactEvent, ContactProvider } from './contact-provider';

/**
 * Contacts from the Amazon Connect agent workspace, through the Amazon Connect SDK: the app registers
 * with the workspace (`AmazonConnectApp.init`), and on each connected contact reads its channel, queue
 * and every attribute (the app's permissions include Contact.Details.View and Contact.Attributes.View).
 * Loaded lazily: only the workspace build path imports it.
 */
export class ConnectContactProvider implements ContactProvider {
  private readonly contacts: ContactClient;
  private readonly agent: AgentClient;

  constructor() {
    const { provider } = AmazonConnectApp.init({ onCreate: async () => {} });
    // @amazon-connect/app 1.0.11 and /contact 1.0.12 pin different copies of @amazon-connect/core, whose
    // class types do not match though the client only duck-types the provider (isAmazonConnectProvider).
    const sdkProvider = provider as unknown as ConstructorParameters<typeof ContactClient>[0];
    this.contacts = new ContactClient(sdkProvider);
    this.agent = new AgentClient(sdkProvider);
  }

  subscribe(listener: (event: ContactEvent) => void): () => void {
    let active = true;
    const onConnected = async (e: { contactId: string; type: string }) => {
      const contact = await this.describe(e.contactId, e.type);
      if (active) listener({ type: 'connected', contact });
    };
    const onEnded = async (e: { contactId: string }) => {
      if (active) listener({ type: 'ended', contactId: e.contactId });
    };
    this.contacts.onConnected(onConnected);
    this.contacts.onCleared(onEnded);
    this.contacts.onDestroyed(onEnded);
    return () => {
      active = false;
      this.contacts.offConnected(onConnected);
      this.contacts.offCleared(onEnded);
      this.contacts.offDestroyed(onEnded);
    };
  }

  /**
   * The SDK exposes no language setting of the agent; the workspace's own language is that of the
   * browser it runs in, so the browser's is the best guess (the center's default applies otherwise).
   */
  async agentLocale(): Promise<string | undefined> {
    return typeof navigator === 'undefined' ? undefined : navigator.language;
  }

  /** The agent's name in Connect (for the header), when the workspace tells it. */
  async agentName(): Promise<string | undefined> {
    return this.agent.getName().catch(() => undefined);
  }

  private async describe(contactId: string, eventType: string): Promise<AgentContact> {
    const [channelType, queue, attributes] = await Promise.all([
      this.contacts.getChannelType(contactId).catch(() => undefined),
      this.contacts.getQueue(contactId).catch(() => undefined),
      this.contacts.getAttributes(contactId, '*').catch(() => ({}) as Record<string, string>),
    ]);
    const contact: AgentContact = {
      contactId,
      channel: channelOf(channelType?.type ?? eventType),
      attributes,
      connectedAt: new Date().toISOString(),
    };
    if (queue?.name) contact.queue = queue.name;
    // Flows copy the caller's address into attributes (ivr-lookup, chat intake); the SDK gives none.
    const endpoint = attributes.customerEndpoint || attributes.claimedPhone || attributes.claimedEmail;
    if (endpoint) contact.customerEndpoint = endpoint;
    return contact;
  }
}

export function channelOf(sdkType: string): Channel {
  switch (sdkType) {
    case 'voice':
    case 'queue_callback':
      return 'VOICE';
    case 'chat':
      return 'CHAT';
    case 'email':
      return 'EMAIL';
    default:
      return 'TASK';
  }
}
