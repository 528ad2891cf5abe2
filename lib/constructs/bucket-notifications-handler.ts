import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Id of the stack-wide singleton function aws-cdk-lib creates to write S3 bucket notification configurations. */
const HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

const acknowledged = new WeakSet<IConstruct>();

/**
 * Acknowledges cdk-nag's finding on that handler's role (the AWS managed AWSLambdaBasicExecutionRole),
 * once per stack. Call after `bucket.addEventNotification`, which creates the handler.
 */
export function acknowledgeBucketNotificationsHandler(scope: IConstruct): void {
  const role = Stack.of(scope).node.tryFindChild(HANDLER_ID)?.node.tryFindChild('Role');
  if (!role || acknowledged.has(role)) return;
  acknowledged.add(role);
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'CDK-provided handler that sets S3 bucket notifications at deploy time; the managed policy only lets it write its own logs.',
  });
}
