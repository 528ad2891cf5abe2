import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OneTimeCodeStore } from './one-time-code';

/**
 * One-time code hashes in the customer table: pk `OTP#<lower-cased address>`, sk `CODE`, with
 * `codeHash`, `expiresAt`, `requestedAt` (epoch seconds), `attempts` and, once a keyed request used it,
 * `usedBy` (that request's digest). Attempts are counted by a conditional update,
 * so concurrent guesses cannot share one attempt. An expired item is ignored and replaced by the next
 * request; it never lives past its address's next code.
 */
export class DynamoDbOneTimeCodeStore implements OneTimeCodeStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(address: string) {
    return { pk: `OTP#${address.toLowerCase()}`, sk: 'CODE' };
  }

  async save(
    address: string,
    record: { codeHash: string; expiresAt: number; requestedAt: number },
    notBefore: number,
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(address), type: 'ONE_TIME_CODE', ...record, attempts: 0 },
          ConditionExpression: 'attribute_not_exists(pk) OR requestedAt <= :notBefore',
          ExpressionAttributeValues: { ':notBefore': notBefore },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async attempt(
    address: string,
    now: number,
    maxAttempts: number,
  ): Promise<{ codeHash: string; usedBy?: string } | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(address),
          UpdateExpression: 'SET attempts = attempts + :one',
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now AND attempts < :max',
          ExpressionAttributeValues: { ':one': 1, ':now': now, ':max': maxAttempts },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const codeHash = out.Attributes?.codeHash;
      const usedBy = out.Attributes?.usedBy;
      if (typeof codeHash !== 'string') return undefined;
      return typeof usedBy === 'string' ? { codeHash, usedBy } : { codeHash };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  async markUsed(address: string, requestDigest: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(address),
          UpdateExpression: 'SET usedBy = :digest',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(usedBy) OR usedBy = :digest)',
          ExpressionAttributeValues: { ':digest': requestDigest },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async remove(address: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(address) }));
  }
}
