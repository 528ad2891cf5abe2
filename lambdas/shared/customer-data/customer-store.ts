import type { Customer, InquiryStatus, Interaction } from './model';

/**
 * Port to the customer store (customers, contact points, interactions). Domain code and handlers
 * depend on this interface only; `dynamodb-customer-store.ts` implements it with the DynamoDB API
 * (AWS, or dynalite locally through AWS_ENDPOINT_URL_DYNAMODB).
 */

/** A customer owning a contact point (phone number or email address). */
export interface CustomerMatch {
  customerId: string;
}

/** Who an interaction belongs to: a known customer, or the contact point of an unmatched contact. */
export type InteractionOwner = { customerId: string } | { phone: string } | { email: string };

/** A customer as written by callers of {@link CustomerStore.putCustomer}; timestamps are maintained by the store. */
export type CustomerInput = Omit<Customer, 'createdAt' | 'updatedAt'> & { createdAt?: string; updatedAt?: string };

/** The profile of a customer created from a contact; the store chooses the id unless one is given. */
export type NewCustomerInput = Omit<CustomerInput, 'customerId' | 'createdAt' | 'updatedAt'>;

/** A contact point a new customer is created for. */
export type ContactPoint = { phone: string } | { email: string };

/** Who holds a source lease: this caller ('claimed'), another live worker ('in_progress'), or nobody any more ('done'). */
export type SourceClaim = 'claimed' | 'in_progress' | 'done';

/** Fields of a recorded interaction that later stages may change (sentiment analysis, status updates). */
export type InteractionPatch = Partial<
  Pick<Interaction, 'subject' | 'summary' | 'status' | 'queue' | 'agent' | 'sentiment' | 'details'>
>;

/**
 * A patch applied only if a condition holds ({@link CustomerStore.updateInteractionIf}); `remove` names
 * fields to delete (a wrap-up replaced without a note loses the old one).
 */
export type ConditionalInteractionPatch = InteractionPatch &
  Partial<Pick<Interaction, 'identity' | 'verifiedBy'>> & { remove?: Array<'summary' | 'status'> };

export interface InteractionCondition {
  /** The interaction's `agent` is this one (nobody else took the entry over meanwhile). */
  agent?: string;
  /** The interaction is not `verified` yet (a claim is confirmed once). */
  notVerified?: boolean;
}

export type ConditionalUpdate =
  | { outcome: 'updated'; interaction: Interaction }
  | { outcome: 'missing' }
  | { outcome: 'condition_failed'; interaction: Interaction };

/** What {@link CustomerStore.setLatestInquiryStatus} did. */
export type LatestInquiryUpdate =
  | { outcome: 'updated'; customer: Customer }
  | { outcome: 'not_found' }
  /** The customer's latest inquiry is another one now (or none): nothing changed. */
  | { outcome: 'inquiry_changed'; customer: Customer }
  /** The inquiry is `resolved` and this change would reopen it without `allowReopen`. */
  | { outcome: 'reopen_forbidden'; customer: Customer };

export interface PageOptions {
  /** Maximum items per page (default 20 interactions / 50 customers). */
  limit?: number;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when more items may follow. */
  cursor?: string;
}

export interface CustomerStore {
  /** Customers owning an E.164 number, at most `limit` of them (one Query). Limit 2 tells unique from shared. */
  findByPhone(e164: string, options?: { limit?: number }): Promise<CustomerMatch[]>;
  /** Customers owning an email address (case-insensitive), at most `limit` of them (one Query). */
  findByEmail(email: string, options?: { limit?: number }): Promise<CustomerMatch[]>;
  getCustomer(customerId: string): Promise<Customer | undefined>;
  /** The profile and the newest interaction in ONE request, whatever the size of the history. */
  getCustomerWithLatestInteraction(
    customerId: string,
  ): Promise<{ customer?: Customer; latestInteraction?: Interaction }>;
  /**
   * Upserts a profile and its contact points; contact points of phones/emails no longer listed are
   * removed. Idempotent on customerId; keeps the original createdAt.
   */
  putCustomer(customer: CustomerInput): Promise<{ created: boolean; customer: Customer }>;
  /**
   * Creates the customer of a contact point nobody owns yet — once, however many contacts try at the same
   * time: the first claims the contact point with a conditional write and creates the customer (a new
   * `C-<n>` id from {@link CustomerStore.allocateCustomerId}, or `customerId` when given); every other
   * caller, concurrent or later, gets that customer with `created: false`. A claim whose customer no
   * longer owns the contact point (an import moved it) is replaced. A claim left by a caller that died
   * before writing the profile is completed by the next one.
   */
  createCustomerFor(
    contactPoint: ContactPoint,
    profile: NewCustomerInput,
    options?: { customerId?: string },
  ): Promise<{ created: boolean; customer: Customer }>;
  /** The next free customer id, `C-<n>`, from one atomic counter; ids already taken (imports) are skipped. */
  allocateCustomerId(): Promise<string>;
  /**
   * Takes the lease on a source (an email's Message-ID) for `leaseMs`, so one worker at a time does the
   * work of a delivery. 'in_progress' while another holder's lease runs; an expired lease is taken over.
   */
  claimSource(sourceId: string, options: { now: Date; leaseMs: number }): Promise<SourceClaim>;
  /** Marks the work on a source done: later claims answer 'done'. */
  completeSource(sourceId: string, now: Date): Promise<void>;
  /** Gives a lease back after a failed attempt (not once done), so a retry need not wait for it to run out. */
  releaseSource(sourceId: string): Promise<void>;
  /**
   * Remembers which request an idempotency key was first used for (`digest` of its body) until
   * `expiresAt`: 'first' for a new key, 'same' when it comes back with the same request, 'different' when
   * it comes back with another one (the caller answers 422).
   */
  rememberIdempotencyKey(
    scope: string,
    key: string,
    digest: string,
    options: { now: Date; retainMs: number },
  ): Promise<'first' | 'same' | 'different'>;
  /** Records an interaction once per sourceId; a second delivery of the same source is reported as duplicate. */
  recordInteraction(owner: InteractionOwner, interaction: Interaction): Promise<{ duplicate: boolean }>;
  findInteractionBySource(sourceId: string): Promise<Interaction | undefined>;
  /** Applies a patch to the interaction recorded for sourceId; undefined when there is none. */
  updateInteraction(sourceId: string, patch: InteractionPatch): Promise<Interaction | undefined>;
  /**
   * Moves the interactions kept under a contact point (contacts that arrived before anyone owned the
   * number or address) into the customer's history, if that customer is now its only owner.
   * putCustomer does this for every contact point it adds. Idempotent; returns how many moved.
   */
  attachUnmatchedInteractions(customerId: string, contactPoint: { phone: string } | { email: string }): Promise<number>;
  /** Interactions of an owner, newest first. */
  listInteractions(owner: InteractionOwner, options?: PageOptions): Promise<Page<Interaction>>;
  /**
   * Customers whose name or reading (nameKana) contains `query`, compared after folding width, case,
   * hiragana/katakana and spaces (kana.ts, nameSearchKey). At most `limit` (default 20) in customer id
   * order; `truncated` when more matched. A scan of the profiles: for agents' searches, not hot paths.
   */
  searchCustomersByName(
    query: string,
    options?: { limit?: number },
  ): Promise<{ customers: Customer[]; truncated: boolean }>;
  /**
   * Sets the status of the customer's latest inquiry — only if it is still `inquiryId` and, unless
   * `allowReopen`, only if that does not move a `resolved` inquiry back to an open status. One
   * conditional UpdateItem: a concurrent import that replaced the inquiry wins, never a stale status.
   */
  setLatestInquiryStatus(
    customerId: string,
    change: { inquiryId: string; status: InquiryStatus; allowReopen: boolean },
  ): Promise<LatestInquiryUpdate>;
  /** An interaction by source id and the history (customer or contact point) it is kept in. */
  locateInteraction(sourceId: string): Promise<{ owner: InteractionOwner; interaction: Interaction } | undefined>;
  /**
   * Moves the interaction of `sourceId` into a customer's history (same time, same sort key). Idempotent
   * and safe to run concurrently: the copy is conditional, the source marker is repointed only from where
   * it was read, the original deleted last. Returns where the interaction is afterwards (another
   * customer's when a concurrent move won), undefined when there is no such interaction.
   */
  moveInteraction(
    sourceId: string,
    to: { customerId: string },
  ): Promise<{ owner: InteractionOwner; interaction: Interaction } | undefined>;
  /** Applies a patch to the interaction of sourceId only if `condition` holds (one conditional UpdateItem). */
  updateInteractionIf(
    sourceId: string,
    patch: ConditionalInteractionPatch,
    condition: InteractionCondition,
  ): Promise<ConditionalUpdate>;
  /**
   * Customers, optionally filtered by a substring of name, phone number or email (for consoles, not hot
   * paths). Each page is in customer id order; pages follow the table scan, whose order is the engine's.
   */
  listCustomers(options?: PageOptions & { query?: string }): Promise<Page<Customer>>;
}

/** Thrown for a request the store cannot serve as asked (bad cursor, invalid timestamp…). */
export class CustomerStoreInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CustomerStoreInputError';
  }
}
