import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type ClaimResult, DEFAULT_CLAIM_LEASE_MS, type VocLedger } from './voc-ledger';

/** Ledger item in the customer table: `pk = VOC#<sourceId>`, `sk = VOC` (no other item uses this prefix). */
export const vocLedgerKey = (sourceId: string) => ({ pk: `VOC#${sourceId}`, sk: 'VOC' });

/** {@link VocLedger} with conditional writes in DynamoDB (works on dynalite too: no transactions). */
export class DynamoDbVocLedger implements VocLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly leaseMs = DEFAULT_CLAIM_LEASE_MS,
  ) {}

  async claim(sourceId: string, now: Date): Promise<ClaimResult> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...vocLedgerKey(sourceId), status: 'IN_PROGRESS', leaseUntil: now.getTime() + this.leaseMs },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :inProgress AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': now.getTime() },
        }),
      );
      return 'claimed';
    } catch (err) {
      if (
        !(err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException')
      )
        throw err;
      const existing = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: vocLedgerKey(sourceId), ConsistentRead: true }),
      );
      return existing.Item?.status === 'DONE' ? 'duplicate' : 'in_progress';
    }
  }

  async complete(sourceId: string, now: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: vocLedgerKey(sourceId),
        UpdateExpression: 'SET #status = :done, doneAt = :at REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'DONE', ':at': now.toISOString() },
      }),
    );
  }

  async release(sourceId: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: vocLedgerKey(sourceId),
          ConditionExpression: '#status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS' },
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }
}
