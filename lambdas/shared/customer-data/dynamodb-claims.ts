import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ContactPoint, CustomerInput, NewCustomerInput, SourceClaim } from './customer-store';
import type { Customer } from './model';
import { CUSTOMER_ID_COUNTER_BASE, keys } from './table-schema';

/**
 * The conditional writes that make the customer store safe under concurrency without transactions
 * (dynalite has no TransactWriteItems): the customer id counter, contact point claims and source leases.
 * Each is one conditional PutItem or UpdateItem; who lost a race reads the winner's item from the
 * exception (`ReturnValuesOnConditionCheckFailure`, which DynamoDB honours and dynalite ignores) or, when
 * it is absent, with a strongly consistent GetItem.
 */

type Item = Record<string, unknown>;

/** How many taken ids the allocator skips before it gives up (imports that used the counter's range). */
const MAX_ID_SKIPS = 1000;
/** Rounds of claim → replace a stale claim → claim again before giving up. */
const MAX_CLAIM_ROUNDS = 3;

export class CustomerClaimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomerClaimError';
  }
}

/** The table operations the claims need from the store (the store itself implements them). */
export interface ClaimStoreOps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  now(): Date;
  /** Strongly consistent read of a profile. */
  readCustomer(customerId: string): Promise<Customer | undefined>;
  putCustomer(input: CustomerInput): Promise<{ created: boolean; customer: Customer }>;
}

/** The item a failed conditional write collided with: from the exception, else read consistently. */
async function collidedItem(
  ops: ClaimStoreOps,
  err: ConditionalCheckFailedException,
  key: { pk: string; sk: string },
): Promise<Item | undefined> {
  // The document client leaves the exception's Item marshalled (aws-sdk-js-v3#6723).
  if (err.Item) return unmarshall(err.Item);
  const out = await ops.doc.send(new GetCommand({ TableName: ops.tableName, Key: key, ConsistentRead: true }));
  return out.Item;
}

export async function allocateCustomerId(ops: ClaimStoreOps): Promise<string> {
  for (let skipped = 0; skipped <= MAX_ID_SKIPS; skipped++) {
    const out = await ops.doc.send(
      new UpdateCommand({
        TableName: ops.tableName,
        Key: keys.customerIdCounter,
        UpdateExpression: 'SET #n = if_not_exists(#n, :base) + :one',
        ExpressionAttributeNames: { '#n': 'next' },
        ExpressionAttributeValues: { ':base': CUSTOMER_ID_COUNTER_BASE, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const n = out.Attributes?.next;
    if (typeof n !== 'number') throw new CustomerClaimError('the customer id counter returned no number');
    const customerId = `C-${n}`;
    // An import may have used this id already: skip it, never share it.
    if (!(await ops.readCustomer(customerId))) return customerId;
  }
  throw new CustomerClaimError(`no free customer id after skipping ${MAX_ID_SKIPS} taken ones`);
}

function owns(customer: Customer, contactPoint: ContactPoint): boolean {
  if ('phone' in contactPoint) return customer.phones.includes(contactPoint.phone);
  return customer.email?.trim().toLowerCase() === contactPoint.email.trim().toLowerCase();
}

interface ClaimItem {
  customerId: string;
  claimedAt: string;
  profile: NewCustomerInput;
}

function asClaim(item: Item | undefined): ClaimItem | undefined {
  if (!item || typeof item.customerId !== 'string' || typeof item.claimedAt !== 'string') return undefined;
  if (typeof item.profile !== 'object' || item.profile === null) return undefined;
  return item as unknown as ClaimItem;
}

/** Writes (or completes) the customer a claim names; the same input from every caller, so repeats are harmless. */
function createFromClaim(ops: ClaimStoreOps, claim: ClaimItem) {
  return ops.putCustomer({
    ...claim.profile,
    customerId: claim.customerId,
    createdAt: claim.claimedAt,
    updatedAt: claim.claimedAt,
  });
}

export async function createCustomerFor(
  ops: ClaimStoreOps,
  contactPoint: ContactPoint,
  profile: NewCustomerInput,
  options: { customerId?: string } = {},
): Promise<{ created: boolean; customer: Customer }> {
  const key = keys.contactPointClaim(contactPoint);
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
    // A claim already there (a creation in flight, or done): no id is allocated for nothing.
    const read = await ops.doc.send(new GetCommand({ TableName: ops.tableName, Key: key, ConsistentRead: true }));
    let winner = asClaim(read.Item);
    if (!winner) {
      const mine: ClaimItem = {
        customerId: options.customerId ?? (await allocateCustomerId(ops)),
        claimedAt: ops.now().toISOString(),
        profile,
      };
      let won = false;
      try {
        await ops.doc.send(
          new PutCommand({
            TableName: ops.tableName,
            Item: { ...key, type: 'CLAIM', ...mine },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        won = true;
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
        winner = asClaim(await collidedItem(ops, err, key));
      }
      if (won) return { created: true, customer: (await createFromClaim(ops, mine)).customer };
      if (!winner) continue; // deleted in between (a stale claim being replaced): claim again
    }

    const existing = await ops.readCustomer(winner.customerId);
    // The winner has not written the profile yet, or died before it did: finish its work.
    if (!existing) return { created: false, customer: (await createFromClaim(ops, winner)).customer };
    if (owns(existing, contactPoint)) return { created: false, customer: existing };
    // The claim's customer gave the contact point up since (an import moved it): the claim is stale.
    await ops.doc
      .send(
        new DeleteCommand({
          TableName: ops.tableName,
          Key: key,
          ConditionExpression: 'customerId = :stale',
          ExpressionAttributeValues: { ':stale': winner.customerId },
        }),
      )
      .catch((err: unknown) => {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      });
  }
  throw new CustomerClaimError(`could not claim ${key.pk} for a new customer (contended)`);
}

export async function claimSource(
  ops: ClaimStoreOps,
  sourceId: string,
  options: { now: Date; leaseMs: number },
): Promise<SourceClaim> {
  const key = keys.sourceLease(sourceId);
  const now = options.now.getTime();
  try {
    await ops.doc.send(
      new PutCommand({
        TableName: ops.tableName,
        Item: { ...key, type: 'LEASE', sourceId, status: 'IN_PROGRESS', leaseUntil: now + options.leaseMs },
        // Free, or held by a worker whose lease ran out (it died): take it.
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :inProgress AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'claimed';
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const held = await collidedItem(ops, err, key);
    return held?.status === 'DONE' ? 'done' : 'in_progress';
  }
}

export async function completeSource(ops: ClaimStoreOps, sourceId: string, now: Date): Promise<void> {
  await ops.doc.send(
    new UpdateCommand({
      TableName: ops.tableName,
      Key: keys.sourceLease(sourceId),
      UpdateExpression: 'SET #status = :done, doneAt = :at, sourceId = :sourceId, #type = :lease REMOVE leaseUntil',
      ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
      ExpressionAttributeValues: {
        ':done': 'DONE',
        ':at': now.toISOString(),
        ':sourceId': sourceId,
        ':lease': 'LEASE',
      },
    }),
  );
}

export async function releaseSource(ops: ClaimStoreOps, sourceId: string): Promise<void> {
  try {
    await ops.doc.send(
      new DeleteCommand({
        TableName: ops.tableName,
        Key: keys.sourceLease(sourceId),
        ConditionExpression: '#status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS' },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

export async function rememberIdempotencyKey(
  ops: ClaimStoreOps,
  scope: string,
  key: string,
  digest: string,
  options: { now: Date; retainMs: number },
): Promise<'first' | 'same' | 'different'> {
  const itemKey = keys.idempotencyKey(scope, key);
  const now = Math.floor(options.now.getTime() / 1000);
  try {
    await ops.doc.send(
      new PutCommand({
        TableName: ops.tableName,
        // expiresAt in epoch seconds, the form DynamoDB's time to live reads.
        Item: { ...itemKey, type: 'IDEMPOTENCY_KEY', digest, expiresAt: now + Math.ceil(options.retainMs / 1000) },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'first';
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const held = await collidedItem(ops, err, itemKey);
    return held?.digest === digest ? 'same' : 'different';
  }
}
