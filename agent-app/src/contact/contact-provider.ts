import type { Channel } from '../../../lambdas/shared/customer-data/model';

/**
 * Where the app learns which contact the agent is on. Two implementations behind this one interface:
 * `connect-contact-provider.ts` (the Amazon Connect SDK, `@amazon-connect/app` + `@amazon-connect/contact`,
 * inside the agent workspace) and `local-contact-provider.ts` (the local console's simulated contacts,
 * `GET /agent/local/contacts`, see {@link LocalContactEventsResponse}).
 */

export interface AgentContact {
  contactId: string;
  channel: Channel;
  queue?: string;
  /** Contact attributes at connection (customerId, displayName, tier, identity, claimedEmail, ivr…). */
  attributes: Record<string, string>;
  /** The customer's address as the network or the channel gave it (caller id in E.164, chat email), when known. */
  customerEndpoint?: string;
  /** ISO-8601 UTC. */
  connectedAt: string;
}

export type ContactEvent = { type: 'connected'; contact: AgentContact } | { type: 'ended'; contactId: string };

export interface ContactProvider {
  /** Calls `listener` for every contact event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: ContactEvent) => void): () => void;
  /** The agent's language as the workspace knows it (BCP 47), when it does. */
  agentLocale(): Promise<string | undefined>;
}

/** One event of the local console's feed (`GET /agent/local/contacts?after=N&wait=MS`), numbered from 1. */
export type LocalContactEvent = ContactEvent & { seq: number };

export interface LocalContactEventsResponse {
  events: LocalContactEvent[];
  /** Pass back as `after` to get the events that follow. */
  next: number;
}
