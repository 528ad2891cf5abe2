import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { allowCloudWatchLogs } from './project-function';

export interface ContactCenterKeyProps {
  /**
   * Alias of the key (without the `alias/` prefix).
   * @default - no alias
   */
  readonly alias?: string;
  /**
   * What happens to the key when the stack is deleted. The key protects retained data (recordings,
   * the customer table), so deleting it would make that data unreadable.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The customer-managed KMS key that encrypts everything in the contact center: recordings and
 * transcripts, the contact trace record stream, the customer table, log groups, Lambda
 * environments, secrets and the alarm topic. Yearly rotation is on.
 */
export class ContactCenterKey extends Construct {
  /** The key. Its policy already lets CloudWatch Logs of this account and region use it. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: ContactCenterKeyProps = {}) {
    super(scope, id);
    if (props.alias !== undefined && !/^[a-zA-Z0-9/_-]{1,250}$/.test(props.alias)) {
      throw new Error(
        `ContactCenterKey ${id}: alias "${props.alias}" may only contain letters, digits, "/", "_" and "-"`,
      );
    }
    this.key = new kms.Key(this, 'Key', {
      description: 'Contact center data key (recordings, customer data, logs, secrets, alarms)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      alias: props.alias,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    allowCloudWatchLogs(this.key);
  }
}
