import { ConditionalCheckFailedException, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type ConditionalInteractionPatch,
  type ConditionalUpdate,
  type ContactPoint,
  type CustomerInput,
  type CustomerMatch,
  type CustomerStore,
  CustomerStoreInputError,
  type InteractionCondition,
  type InteractionOwner,
  type InteractionPatch,
  type LatestInquiryUpdate,
  type NewCustomerInput,
  type Page,
  type PageOptions,
  type SourceClaim,
} from './customer-store';
import {
  type AgentWriteOps,
  locateInteraction,
  moveInteraction,
  setLatestInquiryStatus,
  updateInteractionIf,
} from './dynamodb-agent-writes';
import {
  allocateCustomerId,
  type ClaimStoreOps,
  claimSource,
  completeSource,
  createCustomerFor,
  releaseSource,
  rememberIdempotencyKey,
} from './dynamodb-claims';
import { searchCustomersByName } from './dynamodb-customer-search';
import type { Customer, InquiryStatus, Interaction } from './model';
import { INTERACTION_PREFIX, keys, PROFILE_SK } from './table-schema';

/**
 * Timeouts of the store's SDK client. A lookup makes at most two requests in sequence; with these
 * bounds one request gives up after at most maxAttempts × (connection + request timeout) plus the
 * SDK's retry backoff, and callers on the IVR path add an overall deadline (see ivr-lookup).
 */
export const STORE_CLIENT_DEFAULTS = {
  connectionTimeoutMs: 500,
  requestTimeoutMs: 1000,
  maxAttempts: 2,
} as const;

export interface StoreClientOptions {
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** Extra SDK client config (region, credentials, endpoint); AWS_ENDPOINT_URL_DYNAMODB is honoured by the SDK. */
  clientConfig?: DynamoDBClientConfig;
}

/** A DynamoDB document client with bounded timeouts and retries, for the customer store. */
export function createStoreDocumentClient(options: StoreClientOptions = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    maxAttempts: options.maxAttempts ?? STORE_CLIENT_DEFAULTS.maxAttempts,
    // Options of the SDK's own NodeHttpHandler (@smithy/node-http-handler), which the client builds
    // from them: the same handler without bundling a second copy of it and @smithy/core (~120 KiB)
    // into every Lambda next to the runtime's SDK.
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? STORE_CLIENT_DEFAULTS.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? STORE_CLIENT_DEFAULTS.requestTimeoutMs,
      // Without it a request timeout is only a logged warning.
      throwOnRequestTimeout: true,
    },
    ...options.clientConfig,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export type Item = Record<string, unknown>;

export const ITEM_TYPE = {
  customer: 'CUSTOMER',
  contactPoint: 'CONTACT_POINT',
  interaction: 'INTERACTION',
  source: 'SOURCE',
};

const CUSTOMER_PK_PREFIX = 'CUSTOMER#';

function ownerPartition(owner: InteractionOwner): string {
  if ('customerId' in owner) return keys.customerPartition(owner.customerId);
  if ('phone' in owner) return keys.phonePartition(owner.phone);
  return keys.emailPartition(owner.email);
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  if (!key) return undefined;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): { pk: string; sk: string } | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as Item).pk === 'string' &&
      typeof (value as Item).sk === 'string' &&
      Object.keys(value).length === 2
    ) {
      return value as { pk: string; sk: string };
    }
  } catch (err) {
    throw new CustomerStoreInputError('invalid cursor: not a cursor returned by this store', { cause: err });
  }
  throw new CustomerStoreInputError('invalid cursor: not a cursor returned by this store');
}

function isoTimestamp(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CustomerStoreInputError(`${field}: expected an ISO-8601 time, got "${value}"`);
  return new Date(ms).toISOString();
}

export function toCustomer(item: Item): Customer {
  const customer: Customer = {
    customerId: item.customerId as string,
    name: item.name as string,
    phones: (item.phones as string[] | undefined) ?? [],
    tier: item.tier as Customer['tier'],
    language: item.language as Customer['language'],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
  if (typeof item.nameKana === 'string') customer.nameKana = item.nameKana;
  if (typeof item.email === 'string') customer.email = item.email;
  if (item.latestInquiry) customer.latestInquiry = item.latestInquiry as Customer['latestInquiry'];
  return customer;
}

const INTERACTION_FIELDS = [
  'customerId',
  'channel',
  'direction',
  'at',
  'sourceId',
  'subject',
  'summary',
  'status',
  'queue',
  'agent',
  'sentiment',
  'identity',
  'verifiedBy',
  'details',
] as const;

export function toInteraction(item: Item): Interaction {
  const out: Record<string, unknown> = {};
  for (const field of INTERACTION_FIELDS) if (item[field] !== undefined) out[field] = item[field];
  return out as unknown as Interaction;
}

/** Profile fields compared to decide whether an upsert changes anything. */
export function sameProfile(a: Customer, b: CustomerInput): boolean {
  const norm = (c: CustomerInput) =>
    JSON.stringify([
      c.name,
      c.nameKana ?? null,
      [...c.phones].sort(),
      c.email ?? null,
      c.tier,
      c.language,
      c.latestInquiry ? [c.latestInquiry.id, c.latestInquiry.subject, c.latestInquiry.status] : null,
    ]);
  return norm(a) === norm(b);
}

/**
 * The profile as the store keeps it: deduplicated phones, a trimmed email, `createdAt` kept, `updatedAt`
 * kept when nothing changed. One definition for putCustomer and the bulk import's batch writer.
 */
export function storedCustomer(input: CustomerInput, existing: Customer | undefined, now: string): Customer {
  const unchanged = existing !== undefined && sameProfile(existing, input);
  const customer: Customer = {
    ...input,
    phones: [...new Set(input.phones)],
    email: input.email?.trim() || undefined,
    createdAt: existing?.createdAt ?? input.createdAt ?? now,
    updatedAt: existing && unchanged ? existing.updatedAt : (input.updatedAt ?? now),
  };
  if (customer.email === undefined) delete customer.email;
  if (customer.nameKana === undefined) delete customer.nameKana;
  if (customer.latestInquiry === undefined) delete customer.latestInquiry;
  return customer;
}

export function contactPointKeys(
  customer: Pick<Customer, 'customerId' | 'phones' | 'email'>,
): { pk: string; sk: string }[] {
  const sk = keys.contactPointSk(customer.customerId);
  const out = customer.phones.map((p) => ({ pk: keys.phonePartition(p), sk }));
  if (customer.email) out.push({ pk: keys.emailPartition(customer.email), sk });
  return out;
}

export interface DynamoDbCustomerStoreOptions {
  tableName: string;
  /** Defaults to {@link createStoreDocumentClient}(). */
  client?: DynamoDBDocumentClient;
  /** Clock for createdAt/updatedAt (tests). */
  now?: () => Date;
}

/** Creates the DynamoDB adapter of {@link CustomerStore} on the single-table layout of table-schema.ts. */
export function createDynamoDbCustomerStore(options: DynamoDbCustomerStoreOptions): CustomerStore {
  return new DynamoDbCustomerStore(options.tableName, options.client ?? createStoreDocumentClient(), options.now);
}

export class DynamoDbCustomerStore implements CustomerStore {
  /** What the conditional-write helpers (dynamodb-claims.ts) use of this store. */
  private readonly claims: ClaimStoreOps;
  /** What the agent API's writes (dynamodb-agent-writes.ts) use of this store. */
  private readonly agentWrites: AgentWriteOps;

  constructor(
    readonly tableName: string,
    private readonly doc: DynamoDBDocumentClient,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.claims = {
      doc,
      tableName,
      now,
      readCustomer: async (customerId) => {
        const out = await doc.send(
          new GetCommand({ TableName: tableName, Key: keys.customer(customerId), ConsistentRead: true }),
        );
        return out.Item ? toCustomer(out.Item) : undefined;
      },
      putCustomer: (input) => this.putCustomer(input),
    };
    this.agentWrites = { doc, tableName, now, toCustomer, toInteraction };
  }

  searchCustomersByName(
    query: string,
    options: { limit?: number } = {},
  ): Promise<{ customers: Customer[]; truncated: boolean }> {
    return searchCustomersByName(this.agentWrites, query, options.limit ?? 20);
  }

  setLatestInquiryStatus(
    customerId: string,
    change: { inquiryId: string; status: InquiryStatus; allowReopen: boolean },
  ): Promise<LatestInquiryUpdate> {
    return setLatestInquiryStatus(this.agentWrites, customerId, change);
  }

  locateInteraction(sourceId: string): Promise<{ owner: InteractionOwner; interaction: Interaction } | undefined> {
    return locateInteraction(this.agentWrites, sourceId);
  }

  moveInteraction(
    sourceId: string,
    to: { customerId: string },
  ): Promise<{ owner: InteractionOwner; interaction: Interaction } | undefined> {
    return moveInteraction(this.agentWrites, sourceId, to);
  }

  updateInteractionIf(
    sourceId: string,
    patch: ConditionalInteractionPatch,
    condition: InteractionCondition,
  ): Promise<ConditionalUpdate> {
    return updateInteractionIf(this.agentWrites, sourceId, patch, condition);
  }

  createCustomerFor(
    contactPoint: ContactPoint,
    profile: NewCustomerInput,
    options?: { customerId?: string },
  ): Promise<{ created: boolean; customer: Customer }> {
    return createCustomerFor(this.claims, contactPoint, profile, options);
  }

  allocateCustomerId(): Promise<string> {
    return allocateCustomerId(this.claims);
  }

  claimSource(sourceId: string, options: { now: Date; leaseMs: number }): Promise<SourceClaim> {
    return claimSource(this.claims, sourceId, options);
  }

  completeSource(sourceId: string, now: Date): Promise<void> {
    return completeSource(this.claims, sourceId, now);
  }

  releaseSource(sourceId: string): Promise<void> {
    return releaseSource(this.claims, sourceId);
  }

  rememberIdempotencyKey(
    scope: string,
    key: string,
    digest: string,
    options: { now: Date; retainMs: number },
  ): Promise<'first' | 'same' | 'different'> {
    return rememberIdempotencyKey(this.claims, scope, key, digest, options);
  }

  private async findContactPoint(pk: string, limit: number): Promise<CustomerMatch[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': CUSTOMER_PK_PREFIX },
        ProjectionExpression: 'customerId',
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ customerId: i.customerId as string }));
  }

  findByPhone(e164: string, options: { limit?: number } = {}): Promise<CustomerMatch[]> {
    return this.findContactPoint(keys.phonePartition(e164), options.limit ?? 2);
  }

  findByEmail(email: string, options: { limit?: number } = {}): Promise<CustomerMatch[]> {
    return this.findContactPoint(keys.emailPartition(email), options.limit ?? 2);
  }

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.customer(customerId) }));
    return out.Item ? toCustomer(out.Item) : undefined;
  }

  async getCustomerWithLatestInteraction(
    customerId: string,
  ): Promise<{ customer?: Customer; latestInteraction?: Interaction }> {
    // PROFILE sorts after every INTERACTION#… key: newest-first with Limit 2 yields the profile and the
    // newest interaction, whatever the size of the history (see table-schema.ts).
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk <= :profile',
        ExpressionAttributeValues: { ':pk': keys.customerPartition(customerId), ':profile': PROFILE_SK },
        ScanIndexForward: false,
        Limit: 2,
      }),
    );
    const result: { customer?: Customer; latestInteraction?: Interaction } = {};
    for (const item of out.Items ?? []) {
      const sk = item.sk as string;
      if (sk === PROFILE_SK) result.customer = toCustomer(item);
      else if (sk.startsWith(INTERACTION_PREFIX) && !result.latestInteraction)
        result.latestInteraction = toInteraction(item);
    }
    return result;
  }

  async putCustomer(input: CustomerInput): Promise<{ created: boolean; customer: Customer }> {
    const existing = await this.getCustomer(input.customerId);
    const unchanged = existing !== undefined && sameProfile(existing, input);
    const customer = storedCustomer(input, existing, this.now().toISOString());

    const wanted = contactPointKeys(customer);
    // Contact points first: a crash part-way leaves at worst a contact point whose profile is
    // missing or older, which lookups treat as unknown, never a profile that cannot be found.
    await Promise.all(
      wanted.map((key) =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...key,
              type: ITEM_TYPE.contactPoint,
              customerId: customer.customerId,
              kind: key.pk.startsWith('PHONE#') ? 'phone' : 'email',
            },
          }),
        ),
      ),
    );
    if (!unchanged) {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.customer(customer.customerId), type: ITEM_TYPE.customer, ...customer },
        }),
      );
    }
    // Contacts that came from a number or address before it had an owner join this history now.
    const previous = existing ? contactPointKeys(existing) : [];
    const before = new Set(previous.map((k) => k.pk));
    for (const phone of customer.phones) {
      if (!before.has(keys.phonePartition(phone)))
        await this.attachUnmatchedInteractions(customer.customerId, { phone });
    }
    if (customer.email && !before.has(keys.emailPartition(customer.email))) {
      await this.attachUnmatchedInteractions(customer.customerId, { email: customer.email });
    }
    const keep = new Set(wanted.map((k) => k.pk));
    const stale = previous.filter((k) => !keep.has(k.pk));
    await Promise.all(
      stale.map((key) =>
        this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            // sk CUSTOMER#<id>: only this customer's contact point, never an unmatched contact's interaction.
            Key: key,
          }),
        ),
      ),
    );
    return { created: !existing, customer };
  }

  async recordInteraction(owner: InteractionOwner, interaction: Interaction): Promise<{ duplicate: boolean }> {
    if (!interaction.sourceId) throw new CustomerStoreInputError('sourceId: required for idempotent writes');
    const at = isoTimestamp(interaction.at, 'at');
    const targetPk = ownerPartition(owner);
    const targetSk = keys.interactionSk(at, interaction.sourceId);
    const item = {
      ...interaction,
      ...('customerId' in owner ? { customerId: owner.customerId } : {}),
      at,
      pk: targetPk,
      sk: targetSk,
      type: ITEM_TYPE.interaction,
    };
    let marker: Item = { targetPk, targetSk };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.source(interaction.sourceId),
            type: ITEM_TYPE.source,
            sourceId: interaction.sourceId,
            targetPk,
            targetSk,
            recordedAt: this.now().toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      // DynamoDB returns the existing marker (dynalite ignores the parameter: read it then). The document
      // client leaves an exception's Item marshalled (aws-sdk-js-v3#6723): unmarshall it here.
      marker = err.Item ? unmarshall(err.Item) : ((await this.getMarker(interaction.sourceId)) ?? marker);
      // The marker exists. If a previous delivery died before writing the interaction, finish its work.
      const target = { pk: marker.targetPk as string, sk: marker.targetSk as string };
      const present = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: target, ProjectionExpression: 'pk' }),
      );
      if (present.Item) return { duplicate: true };
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...item, ...target } }));
      return { duplicate: false };
    }
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
    return { duplicate: false };
  }

  private async getMarker(sourceId: string): Promise<Item | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.source(sourceId) }));
    return out.Item;
  }

  async findInteractionBySource(sourceId: string): Promise<Interaction | undefined> {
    const marker = await this.getMarker(sourceId);
    if (!marker) return undefined;
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: marker.targetPk, sk: marker.targetSk } }),
    );
    return out.Item ? toInteraction(out.Item) : undefined;
  }

  async updateInteraction(sourceId: string, patch: InteractionPatch): Promise<Interaction | undefined> {
    const marker = await this.getMarker(sourceId);
    if (!marker) return undefined;
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return this.findInteractionBySource(sourceId);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = entries.map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: marker.targetPk, sk: marker.targetSk },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toInteraction(out.Attributes) : undefined;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  async attachUnmatchedInteractions(
    customerId: string,
    contactPoint: { phone: string } | { email: string },
  ): Promise<number> {
    const from = ownerPartition(contactPoint);
    // A shared number or address stays ambiguous: its contacts are nobody's in particular.
    const owners = await this.findContactPoint(from, 2);
    if (owners.length !== 1 || owners[0]!.customerId !== customerId) return 0;
    const to = keys.customerPartition(customerId);
    let moved = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': from, ':prefix': INTERACTION_PREFIX },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        // Copy, repoint the source marker, then delete: a crash part-way is finished by the next call,
        // and the marker always names a copy that exists.
        await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...item, pk: to, customerId } }));
        if (typeof item.sourceId === 'string') {
          await this.doc
            .send(
              new UpdateCommand({
                TableName: this.tableName,
                Key: keys.source(item.sourceId),
                UpdateExpression: 'SET targetPk = :to',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':to': to },
              }),
            )
            .catch((err: unknown) => {
              if (!(err instanceof ConditionalCheckFailedException)) throw err;
            });
        }
        await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }));
        moved++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return moved;
  }

  async listInteractions(owner: InteractionOwner, options: PageOptions = {}): Promise<Page<Interaction>> {
    const pk = ownerPartition(owner);
    const start = decodeCursor(options.cursor);
    if (start && (start.pk !== pk || !start.sk.startsWith(INTERACTION_PREFIX))) {
      throw new CustomerStoreInputError('invalid cursor: it belongs to another history');
    }
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': INTERACTION_PREFIX },
        ScanIndexForward: false,
        Limit: options.limit ?? 20,
        ExclusiveStartKey: start,
      }),
    );
    const page: Page<Interaction> = { items: (out.Items ?? []).map(toInteraction) };
    const cursor = encodeCursor(out.LastEvaluatedKey);
    if (cursor) page.cursor = cursor;
    return page;
  }

  async listCustomers(options: PageOptions & { query?: string } = {}): Promise<Page<Customer>> {
    const limit = options.limit ?? 50;
    const matches = customerQueryMatcher(options.query);
    const items: Customer[] = [];
    let start: Record<string, unknown> | undefined = decodeCursor(options.cursor);
    while (items.length < limit) {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :profile',
          ExpressionAttributeValues: { ':profile': PROFILE_SK },
          ExclusiveStartKey: start,
          Limit: 500,
        }),
      );
      for (const item of out.Items ?? []) {
        const customer = toCustomer(item);
        if (!matches(customer)) continue;
        items.push(customer);
        if (items.length === limit) {
          // Resume after this item: Scan accepts any item key as ExclusiveStartKey.
          const more = item !== out.Items?.[out.Items.length - 1] || out.LastEvaluatedKey !== undefined;
          return more
            ? { items: byCustomerId(items), cursor: encodeCursor({ pk: item.pk, sk: item.sk }) }
            : { items: byCustomerId(items) };
        }
      }
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return { items: byCustomerId(items) };
  }
}

/**
 * A page in customer id order. Scan order is the engine's own (dynalite and DynamoDB differ, and neither
 * promises one): within a page the console shows the same order on every engine; pages follow the scan.
 */
function byCustomerId(customers: Customer[]): Customer[] {
  return customers.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
}

/** Case-insensitive substring match on name, email and phone numbers (digits compared without separators). */
function customerQueryMatcher(query: string | undefined): (c: Customer) => boolean {
  const q = query?.normalize('NFKC').trim().toLowerCase();
  if (!q) return () => true;
  const digits = q.replace(/[\s\-().+]/g, '');
  const phoneQuery = /^\d+$/.test(digits) ? digits : undefined;
  // A national number typed with its trunk 0 (090…) also matches the E.164 form (+8190…).
  const nationalQuery = phoneQuery?.startsWith('0') ? phoneQuery.slice(1) : undefined;
  return (c) =>
    c.name.normalize('NFKC').toLowerCase().includes(q) ||
    (c.email?.toLowerCase().includes(q) ?? false) ||
    c.customerId.toLowerCase().includes(q) ||
    (phoneQuery !== undefined &&
      c.phones.some((p) => p.includes(phoneQuery) || (nationalQuery !== undefined && p.includes(nationalQuery))));
}
