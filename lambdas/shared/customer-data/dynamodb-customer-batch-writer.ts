import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CustomerBatchWriter, CustomerWriteOutcome } from './customer-batch-writer';
import type { CustomerInput, CustomerStore } from './customer-store';
import {
  contactPointKeys,
  createDynamoDbCustomerStore,
  ITEM_TYPE,
  type Item,
  sameProfile,
  storedCustomer,
  toCustomer,
} from './dynamodb-customer-store';
import type { Customer } from './model';
import { INTERACTION_PREFIX, keys, PROFILE_SK } from './table-schema';

const CUSTOMER_PK_PREFIX = 'CUSTOMER#';

/**
 * DynamoDB adapter of {@link CustomerBatchWriter} on the layout of table-schema.ts, writing exactly the
 * items putCustomer writes. Per batch: one BatchGetItem for the existing profiles, then BatchWriteItem
 * (25 items a request, in parallel) in the order that keeps lookups safe if the import stops part-way:
 *
 * 1. new contact points (a contact point whose profile is missing or older is treated as unknown);
 * 2. stale contact points deleted (only `CUSTOMER#<id>` keys: never an unmatched contact's interaction);
 * 3. the profiles — last, so a profile never lists a number whose contact point is not written yet.
 *
 * A customer whose stored profile already lists a contact point does not have it written again, so a
 * re-run after an interruption costs one read per row for what was done.
 *
 * ONE keys-only scan when the writer is created finds the customers that exist and the unmatched
 * contacts (kept under a number or address before anyone owned it, see table-schema.ts), instead of a
 * read per row and a query per contact point: a new customer costs no read, and a contact point of the
 * import that holds unmatched contacts is handed to putCustomer's own attach step. A customer created
 * by someone else between the scan and the write (intake uses ids of its own, never an import's) would
 * be overwritten as if new; its contact points stay consistent either way.
 */

const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;
const MAX_ATTEMPTS = 10;

export interface DynamoDbCustomerBatchWriterOptions {
  tableName: string;
  client: DynamoDBDocumentClient;
  /** Clock for createdAt/updatedAt (tests). */
  now?: () => Date;
  /** Wait between retries of unprocessed items (tests shorten it). @default exponential from 50 ms */
  backoffMs?: (attempt: number) => number;
  /** Parallel segments of the scan for unmatched contacts. @default 4 */
  scanSegments?: number;
}

/** Thrown when DynamoDB keeps returning unprocessed items (throttling) after every retry. */
export class BatchWriteExhaustedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchWriteExhaustedError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const defaultBackoff = (attempt: number) => Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What one scan of the table tells an import before it writes. */
export interface TableSurvey {
  /** Contact-point partitions holding interactions of contacts nobody owned when they came. */
  unmatchedContactPoints: Set<string>;
  /** Customers that have a profile (only these need their stored profile read before a write). */
  existingCustomers: Set<string>;
}

/**
 * One parallel scan, keys only: the unmatched contacts and the customers that exist. An import into an
 * empty or new table then reads nothing per row; one into a full table reads the profiles it may change.
 */
export async function surveyTable(doc: DynamoDBDocumentClient, tableName: string, segments = 4): Promise<TableSurvey> {
  const survey: TableSurvey = { unmatchedContactPoints: new Set(), existingCustomers: new Set() };
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            ProjectionExpression: 'pk, sk',
            FilterExpression:
              'sk = :profile OR (begins_with(sk, :interaction) AND (begins_with(pk, :phone) OR begins_with(pk, :email)))',
            ExpressionAttributeValues: {
              ':profile': PROFILE_SK,
              ':interaction': INTERACTION_PREFIX,
              ':phone': 'PHONE#',
              ':email': 'EMAIL#',
            },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          const pk = item.pk as string;
          if (item.sk === PROFILE_SK) survey.existingCustomers.add(pk.slice(CUSTOMER_PK_PREFIX.length));
          else survey.unmatchedContactPoints.add(pk);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return survey;
}

/** Creates the writer after one scan of the table (see the file comment). */
export async function createDynamoDbCustomerBatchWriter(
  options: DynamoDbCustomerBatchWriterOptions,
): Promise<CustomerBatchWriter> {
  return new DynamoDbCustomerBatchWriter(
    options,
    await surveyTable(options.client, options.tableName, options.scanSegments ?? 4),
  );
}

export class DynamoDbCustomerBatchWriter implements CustomerBatchWriter {
  private readonly store: CustomerStore;
  private readonly now: () => Date;
  private readonly backoffMs: (attempt: number) => number;

  private readonly unmatched: ReadonlySet<string>;
  private readonly existing?: Set<string>;

  /** Without a survey every batch reads its profiles first (and nothing is attached). */
  constructor(
    private readonly options: DynamoDbCustomerBatchWriterOptions,
    survey?: TableSurvey,
  ) {
    this.unmatched = survey?.unmatchedContactPoints ?? new Set();
    this.existing = survey?.existingCustomers;
    this.store = createDynamoDbCustomerStore({
      tableName: options.tableName,
      client: options.client,
      now: options.now,
    });
    this.now = options.now ?? (() => new Date());
    this.backoffMs = options.backoffMs ?? defaultBackoff;
  }

  async writeCustomers(inputs: readonly CustomerInput[]): Promise<CustomerWriteOutcome[]> {
    const ids = inputs.map((c) => c.customerId);
    if (new Set(ids).size !== ids.length) throw new Error('writeCustomers: customerIds must be distinct in a batch');
    // Customers this writer created are known too: a file never names one twice, but callers may.
    const existing = await this.getProfiles(this.existing ? ids.filter((id) => this.existing?.has(id)) : ids);
    const now = this.now().toISOString();
    const puts: Item[] = [];
    const deletes: { pk: string; sk: string }[] = [];
    const profiles: Item[] = [];
    const attach: { customerId: string; contactPoint: { phone: string } | { email: string } }[] = [];
    const outcomes = inputs.map((input): CustomerWriteOutcome => {
      const before = existing.get(input.customerId);
      const customer = storedCustomer(input, before, now);
      const had = new Set(before ? contactPointKeys(before).map((k) => k.pk) : []);
      const wanted = contactPointKeys(customer);
      for (const key of wanted) {
        if (!had.has(key.pk)) puts.push(contactPointItem(key, customer.customerId));
      }
      const keep = new Set(wanted.map((k) => k.pk));
      for (const key of before ? contactPointKeys(before) : []) if (!keep.has(key.pk)) deletes.push(key);
      for (const phone of customer.phones) {
        if (this.unmatched.has(keys.phonePartition(phone)))
          attach.push({ customerId: customer.customerId, contactPoint: { phone } });
      }
      if (customer.email && this.unmatched.has(keys.emailPartition(customer.email))) {
        attach.push({ customerId: customer.customerId, contactPoint: { email: customer.email } });
      }
      if (before && sameProfile(before, input)) return 'unchanged';
      profiles.push({ ...keys.customer(customer.customerId), type: ITEM_TYPE.customer, ...customer });
      return before ? 'updated' : 'created';
    });
    await Promise.all([
      this.batchWrite(puts.map((Item) => ({ PutRequest: { Item } }))),
      this.batchWrite(deletes.map((Key) => ({ DeleteRequest: { Key } }))),
    ]);
    await this.batchWrite(profiles.map((Item) => ({ PutRequest: { Item } })));
    for (const id of ids) this.existing?.add(id);
    // Rare (contacts from a number before it was imported): the store's own idempotent move.
    for (const { customerId, contactPoint } of attach) {
      await this.store.attachUnmatchedInteractions(customerId, contactPoint);
    }
    return outcomes;
  }

  private async getProfiles(customerIds: readonly string[]): Promise<Map<string, Customer>> {
    const found = new Map<string, Customer>();
    await Promise.all(
      chunks(customerIds, BATCH_GET_LIMIT).map(async (part) => {
        let pending: Record<string, unknown>[] = part.map((id) => keys.customer(id));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt >= MAX_ATTEMPTS) {
            throw new BatchWriteExhaustedError(`BatchGetItem: ${pending.length} keys still unprocessed after retries`);
          }
          if (attempt > 0) await sleep(this.backoffMs(attempt));
          const out: BatchGetCommandOutput = await this.options.client.send(
            new BatchGetCommand({
              RequestItems: { [this.options.tableName]: { Keys: pending, ConsistentRead: true } },
            }),
          );
          for (const item of out.Responses?.[this.options.tableName] ?? []) {
            const customer = toCustomer(item);
            found.set(customer.customerId, customer);
          }
          pending = out.UnprocessedKeys?.[this.options.tableName]?.Keys ?? [];
        }
      }),
    );
    return found;
  }

  private async batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    await Promise.all(
      chunks(requests, BATCH_WRITE_LIMIT).map(async (part) => {
        let pending = part;
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt >= MAX_ATTEMPTS) {
            throw new BatchWriteExhaustedError(
              `BatchWriteItem: ${pending.length} items still unprocessed after ${MAX_ATTEMPTS} attempts (throttled?)`,
            );
          }
          if (attempt > 0) await sleep(this.backoffMs(attempt));
          const out = await this.options.client.send(
            new BatchWriteCommand({ RequestItems: { [this.options.tableName]: pending } }),
          );
          pending = (out.UnprocessedItems?.[this.options.tableName] ?? []) as Record<string, unknown>[];
        }
      }),
    );
  }
}

function contactPointItem(key: { pk: string; sk: string }, customerId: string): Item {
  return {
    ...key,
    type: ITEM_TYPE.contactPoint,
    customerId,
    kind: key.pk.startsWith('PHONE#') ? 'phone' : 'email',
  };
}
