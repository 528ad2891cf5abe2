import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CUSTOMER_TABLE_KEYS } from '../../lambdas/shared/customer-data/table-schema';

export interface CustomerDataProps {
  /** Customer-managed key for server-side encryption. */
  readonly encryptionKey: kms.IKey;
  /**
   * What happens to the table when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Refuse DeleteTable while this is on.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The single customer table (customers, contact points, interactions, source markers), with the
 * key layout of lambdas/shared/customer-data/table-schema.ts — the same one the local engine uses.
 * On-demand billing, point-in-time recovery, deletion protection, encrypted with the project key.
 */
export class CustomerData extends Construct {
  public readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: CustomerDataProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const deletionProtection = props.deletionProtection ?? true;
    if (deletionProtection && removalPolicy === RemovalPolicy.DESTROY) {
      throw new Error(
        `CustomerData ${id}: removalPolicy DESTROY cannot delete a table with deletionProtection on; turn one of them off`,
      );
    }
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: CUSTOMER_TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: CUSTOMER_TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(props.encryptionKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection,
      removalPolicy,
    });
  }
}
