import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { nameSearchKey } from './kana';
import type { Customer } from './model';
import { PROFILE_SK } from './table-schema';

/**
 * Name search for agents (kanji or kana): a scan of the profiles compared in {@link nameSearchKey} form.
 * DynamoDB has no substring index, so this reads every profile in the worst case (one Scan page per
 * 1,000 items, stopping as soon as one more than `limit` matched); at CRM scale an index service
 * (OpenSearch) would take its place behind the same port method.
 */
export async function searchCustomersByName(
  ops: { doc: DynamoDBDocumentClient; tableName: string; toCustomer(item: Record<string, unknown>): Customer },
  query: string,
  limit: number,
): Promise<{ customers: Customer[]; truncated: boolean }> {
  const wanted = nameSearchKey(query);
  if (wanted === '') return { customers: [], truncated: false };
  const found: Customer[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ops.doc.send(
      new ScanCommand({
        TableName: ops.tableName,
        FilterExpression: 'sk = :profile',
        ExpressionAttributeValues: { ':profile': PROFILE_SK },
        ExclusiveStartKey: start,
        Limit: 1000,
      }),
    );
    for (const item of out.Items ?? []) {
      const customer = ops.toCustomer(item);
      const matches =
        nameSearchKey(customer.name).includes(wanted) ||
        (customer.nameKana !== undefined && nameSearchKey(customer.nameKana).includes(wanted));
      if (matches) found.push(customer);
    }
    start = out.LastEvaluatedKey;
  } while (start && found.length <= limit);
  found.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return { customers: found.slice(0, limit), truncated: found.length > limit };
}
