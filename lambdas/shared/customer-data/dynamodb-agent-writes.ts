import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  ConditionalInteractionPatch,
  ConditionalUpdate,
  InteractionCondition,
  InteractionOwner,
  LatestInquiryUpdate,
} from './customer-store';
import type { Customer, InquiryStatus, Interaction } from './model';
import { keys } from './table-schema';

/**
 * The customer store's writes for the agent API (split from dynamodb-customer-store.ts by concern):
 * the latest inquiry's status, moving a claimed contact into a customer's history, and conditional
 * interaction patches. Every one is a single conditional write (no TransactWriteItems: dynalite lacks
 * them), and whoever loses a condition reads the item again with a strongly consistent GetItem rather
 * than relying on ReturnValuesOnConditionCheckFailure, which dynalite ignores.
 */

type Item = Record<string, unknown>;

export interface AgentWriteOps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  now(): Date;
  toCustomer(item: Item): Customer;
  toInteraction(item: Item): Interaction;
}

/** Rounds of a status change that lost a race it may still win (the item changed in between). */
const MAX_STATUS_ROUNDS = 3;

function isConditionFailure(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException;
}

async function consistentGet(ops: AgentWriteOps, key: { pk: unknown; sk: unknown }): Promise<Item | undefined> {
  const out = await ops.doc.send(new GetCommand({ TableName: ops.tableName, Key: key, ConsistentRead: true }));
  return out.Item;
}

export async function setLatestInquiryStatus(
  ops: AgentWriteOps,
  customerId: string,
  change: { inquiryId: string; status: InquiryStatus; allowReopen: boolean },
): Promise<LatestInquiryUpdate> {
  // Moving to `resolved` is always allowed; moving anywhere else must not start from `resolved` unless allowed.
  const guardReopen = !change.allowReopen && change.status !== 'resolved';
  for (let round = 0; round < MAX_STATUS_ROUNDS; round++) {
    try {
      const out = await ops.doc.send(
        new UpdateCommand({
          TableName: ops.tableName,
          Key: keys.customer(customerId),
          UpdateExpression: 'SET #li.#status = :status, #updatedAt = :now',
          ConditionExpression: `attribute_exists(pk) AND #li.#id = :inquiryId${guardReopen ? ' AND #li.#status <> :resolved' : ''}`,
          ExpressionAttributeNames: {
            '#li': 'latestInquiry',
            '#status': 'status',
            '#id': 'id',
            '#updatedAt': 'updatedAt',
          },
          ExpressionAttributeValues: {
            ':status': change.status,
            ':now': ops.now().toISOString(),
            ':inquiryId': change.inquiryId,
            ...(guardReopen ? { ':resolved': 'resolved' } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!out.Attributes) throw new Error('UpdateItem returned no attributes');
      return { outcome: 'updated', customer: ops.toCustomer(out.Attributes) };
    } catch (err) {
      // A customer without latestInquiry: DynamoDB may reject the nested path as invalid for update
      // (ValidationException) where dynalite reports the failed condition. Both mean "no such inquiry".
      const invalidPath = (err as { name?: string }).name === 'ValidationException';
      if (!isConditionFailure(err) && !invalidPath) throw err;
      if (invalidPath) {
        const item = await consistentGet(ops, keys.customer(customerId));
        if (item && ops.toCustomer(item).latestInquiry !== undefined) throw err;
      }
    }
    // Why the condition failed, from the item as it is now.
    const item = await consistentGet(ops, keys.customer(customerId));
    if (!item) return { outcome: 'not_found' };
    const customer = ops.toCustomer(item);
    if (customer.latestInquiry?.id !== change.inquiryId) return { outcome: 'inquiry_changed', customer };
    if (guardReopen && customer.latestInquiry.status === 'resolved') return { outcome: 'reopen_forbidden', customer };
    // It changed back in between (another writer): try again.
  }
  throw new Error(`latest inquiry of ${customerId}: too much contention`);
}

function ownerOf(pk: string): InteractionOwner {
  if (pk.startsWith('PHONE#')) return { phone: pk.slice('PHONE#'.length) };
  if (pk.startsWith('EMAIL#')) return { email: pk.slice('EMAIL#'.length) };
  return { customerId: pk.slice('CUSTOMER#'.length) };
}

async function marker(ops: AgentWriteOps, sourceId: string): Promise<{ pk: string; sk: string } | undefined> {
  const item = await consistentGet(ops, keys.source(sourceId));
  if (!item || typeof item.targetPk !== 'string' || typeof item.targetSk !== 'string') return undefined;
  return { pk: item.targetPk, sk: item.targetSk };
}

export async function locateInteraction(
  ops: AgentWriteOps,
  sourceId: string,
): Promise<{ owner: InteractionOwner; interaction: Interaction } | undefined> {
  const target = await marker(ops, sourceId);
  if (!target) return undefined;
  const item = await consistentGet(ops, target);
  return item ? { owner: ownerOf(target.pk), interaction: ops.toInteraction(item) } : undefined;
}

export async function moveInteraction(
  ops: AgentWriteOps,
  sourceId: string,
  to: { customerId: string },
): Promise<{ owner: InteractionOwner; interaction: Interaction } | undefined> {
  const toPk = keys.customerPartition(to.customerId);
  const from = await marker(ops, sourceId);
  if (!from) return undefined;
  if (from.pk === toPk) return locateInteraction(ops, sourceId);
  const item = await consistentGet(ops, from);
  // A concurrent move deleted the original after repointing the marker: report where it is now.
  if (!item) return locateInteraction(ops, sourceId);

  // 1. Copy, unless a copy is there already (a concurrent or interrupted move): never overwrite a copy
  //    another request may have patched since (an agent's confirmation).
  let copied = false;
  try {
    await ops.doc.send(
      new PutCommand({
        TableName: ops.tableName,
        Item: { ...item, pk: toPk, customerId: to.customerId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    copied = true;
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
  // 2. Repoint the marker only from where this move found it (or if it already points here).
  try {
    await ops.doc.send(
      new UpdateCommand({
        TableName: ops.tableName,
        Key: keys.source(sourceId),
        UpdateExpression: 'SET targetPk = :to',
        ConditionExpression: 'targetPk = :from OR targetPk = :to',
        ExpressionAttributeValues: { ':to': toPk, ':from': from.pk },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    // Another move took it elsewhere first: take back the copy this one made, and say where it went.
    if (copied) await ops.doc.send(new DeleteCommand({ TableName: ops.tableName, Key: { pk: toPk, sk: from.sk } }));
    return locateInteraction(ops, sourceId);
  }
  // 3. The original goes last: the marker always names a copy that exists.
  await ops.doc.send(new DeleteCommand({ TableName: ops.tableName, Key: { pk: from.pk, sk: from.sk } }));
  return locateInteraction(ops, sourceId);
}

export async function updateInteractionIf(
  ops: AgentWriteOps,
  sourceId: string,
  patch: ConditionalInteractionPatch,
  condition: InteractionCondition,
): Promise<ConditionalUpdate> {
  const first = await updateInteractionOnce(ops, sourceId, patch, condition);
  // The interaction moved (a link) between reading its marker and the update: try once where it is now.
  if (first.result.outcome === 'condition_failed' && first.moved) {
    return (await updateInteractionOnce(ops, sourceId, patch, condition)).result;
  }
  return first.result;
}

async function updateInteractionOnce(
  ops: AgentWriteOps,
  sourceId: string,
  patch: ConditionalInteractionPatch,
  condition: InteractionCondition,
): Promise<{ result: ConditionalUpdate; moved?: boolean }> {
  const target = await marker(ops, sourceId);
  if (!target) return { result: { outcome: 'missing' } };
  const { remove = [], ...fields } = patch;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
  const removes = remove.map((field, i) => {
    names[`#r${i}`] = field;
    return `#r${i}`;
  });
  const conditions = ['attribute_exists(pk)'];
  if (condition.agent !== undefined) {
    names['#agent'] = 'agent';
    values[':agent'] = condition.agent;
    conditions.push('#agent = :agent');
  }
  if (condition.notVerified) {
    names['#identity'] = 'identity';
    values[':verified'] = 'verified';
    conditions.push('(attribute_not_exists(#identity) OR #identity <> :verified)');
  }
  const update = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  if (update === '') {
    const item = await consistentGet(ops, target);
    return { result: item ? { outcome: 'updated', interaction: ops.toInteraction(item) } : { outcome: 'missing' } };
  }
  try {
    const out = await ops.doc.send(
      new UpdateCommand({
        TableName: ops.tableName,
        Key: target,
        UpdateExpression: update,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (!out.Attributes) throw new Error('UpdateItem returned no attributes');
    return { result: { outcome: 'updated', interaction: ops.toInteraction(out.Attributes) } };
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
  const now = await marker(ops, sourceId);
  const item = now ? await consistentGet(ops, now) : undefined;
  if (!now || !item) return { result: { outcome: 'missing' } };
  return {
    result: { outcome: 'condition_failed', interaction: ops.toInteraction(item) },
    moved: now.pk !== target.pk,
  };
}
