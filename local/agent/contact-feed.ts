import type {
  AgentContact,
  LocalContactEvent,
  LocalContactEventsResponse,
} from '../../agent-app/src/contact/contact-provider';

/**
 * The local stand-in of the agent workspace's contact events: what the agent app's local provider reads
 * at `GET /agent/local/contacts?after=N&wait=MS`. The console's simulated calls and chats report here when
 * they reach an agent (`connected`) and when the customer leaves (`ended`); the app long-polls, as the
 * console's own call page does, so a card pops as soon as the contact connects.
 *
 * Memory is bounded whatever runs for how long: the buffer keeps the last {@link LocalContactFeedOptions.maxEvents}
 * events (a poller that fell further behind gets what is left, numbered, so it can tell), and the set of
 * open contacts the last `maxOpenContacts` (an older one silently stops being endable: the app keeps its card
 * until the agent closes it).
 */

export interface LocalContactFeedOptions {
  /** @default 500 */
  maxEvents?: number;
  /** @default 200 */
  maxOpenContacts?: number;
}

export class LocalContactFeed {
  private readonly events: LocalContactEvent[] = [];
  private readonly open = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  private readonly maxEvents: number;
  private readonly maxOpen: number;

  constructor(options: LocalContactFeedOptions = {}) {
    this.maxEvents = options.maxEvents ?? 500;
    this.maxOpen = options.maxOpenContacts ?? 200;
  }

  /** A contact reached an agent. A second report of the same contact is ignored (a contact connects once). */
  connected(contact: AgentContact): boolean {
    if (this.open.has(contact.contactId)) return false;
    this.open.add(contact.contactId);
    if (this.open.size > this.maxOpen) this.open.delete(this.open.values().next().value as string);
    this.push({ type: 'connected', contact, seq: ++this.seq });
    return true;
  }

  /** The customer left a connected contact; false when it is not connected (never was, or already ended). */
  ended(contactId: string): boolean {
    if (!this.open.delete(contactId)) return false;
    this.push({ type: 'ended', contactId, seq: ++this.seq });
    return true;
  }

  isConnected(contactId: string): boolean {
    return this.open.has(contactId);
  }

  /** The number of the last event (0 before any): `after` for a poller that wants only what comes next. */
  get last(): number {
    return this.seq;
  }

  /** Events numbered above `after`; waits up to `waitMs` for one when there are none yet (long polling). */
  async read(after: number, waitMs: number): Promise<LocalContactEventsResponse> {
    // A poller ahead of the feed (it kept `next` across a restart of the console) starts again from 0.
    const from = after > this.seq ? 0 : Math.max(0, after);
    if (this.seq === from && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        this.listeners.add(done);
      });
    }
    return { events: this.events.filter((e) => e.seq > from), next: this.seq };
  }

  /** Releases every waiting poller (server shutdown). */
  close(): void {
    for (const l of [...this.listeners]) l();
  }

  private push(event: LocalContactEvent): void {
    this.events.push(event);
    if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents);
    for (const l of [...this.listeners]) l();
  }
}
