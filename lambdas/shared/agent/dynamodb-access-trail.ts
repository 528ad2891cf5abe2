import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CustomerStoreInputError, type Page, type PageOptions } from '../customer-data/customer-store';
import { keys } from '../customer-data/table-schema';
import { ACCESS_ACTIONS, type AccessEntry, type AccessSubject, type AccessTrail } from './access-trail';
import { AGENT_ROLES } from './contract';

/**
 * {@link AccessTrail} in the customer table: one item per read, `pk` `ACCESS#<customerId>` (or
 * `ACCESS#PHONE#<E.164>` / `ACCESS#EMAIL#<address>`), `sk` `<at>#<agent>#<random>` so entries sort by
 * time and two reads in the same millisecond never overwrite each other. Items are only ever put, never
 * updated: the trail is append-only for the API (the Lambda's grant cannot tell, the code never does).
 */

const MAX_PAGE = 200;

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined, pk: string): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (err) {
    throw new CustomerStoreInputError('invalid cursor: not a cursor of this access trail', { cause: err });
  }
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || v.pk !== pk || typeof v.sk !== 'string' || Object.keys(v).length !== 2) {
    throw new CustomerStoreInputError('invalid cursor: not a cursor of this access trail');
  }
  return v;
}

function toEntry(item: Record<string, unknown>): AccessEntry {
  const subject: AccessSubject =
    typeof item.customerId === 'string'
      ? { customerId: item.customerId }
      : typeof item.phone === 'string'
        ? { phone: item.phone }
        : { email: String(item.email) };
  const entry: AccessEntry = {
    agent: String(item.agent),
    role: (AGENT_ROLES as readonly unknown[]).includes(item.role) ? (item.role as AccessEntry['role']) : 'agent',
    at: String(item.at),
    subject,
    action: (ACCESS_ACTIONS as readonly unknown[]).includes(item.action)
      ? (item.action as AccessEntry['action'])
      : 'view-customer',
  };
  if (typeof item.contactId === 'string') entry.contactId = item.contactId;
  return entry;
}

export function createDynamoDbAccessTrail(options: { tableName: string; client: DynamoDBDocumentClient }): AccessTrail {
  const { tableName, client } = options;
  return {
    async record(entries) {
      await Promise.all(
        entries.map((entry) =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                pk: keys.accessTrailPartition(entry.subject),
                sk: `${entry.at}#${entry.agent}#${randomBytes(6).toString('hex')}`,
                type: 'ACCESS',
                agent: entry.agent,
                role: entry.role,
                at: entry.at,
                action: entry.action,
                ...entry.subject,
                ...(entry.contactId !== undefined ? { contactId: entry.contactId } : {}),
              },
              // The random suffix makes a collision practically impossible; never overwrite one anyway.
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        ),
      );
    },
    async list(subject: AccessSubject, page: PageOptions = {}): Promise<Page<AccessEntry>> {
      const pk = keys.accessTrailPartition(subject);
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ScanIndexForward: false,
          Limit: Math.min(Math.max(page.limit ?? 50, 1), MAX_PAGE),
          ExclusiveStartKey: decodeCursor(page.cursor, pk),
        }),
      );
      const result: Page<AccessEntry> = { items: (out.Items ?? []).map(toEntry) };
      const cursor = encodeCursor(out.LastEvaluatedKey);
      if (cursor) result.cursor = cursor;
      return result;
    },
  };
}
