import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Customer-managed key for the topic. CloudWatch alarms are allowed to use it to publish. */
  readonly encryptionKey: kms.IKey;
  /**
   * Address subscribed to the topic (the subscription must be confirmed from the email).
   * @default - no subscriber
   */
  readonly email?: string;
}

/**
 * The SNS topic every alarm of the contact center notifies: KMS-encrypted, publishing over TLS
 * only, with an optional email subscription.
 */
export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    if (props.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.email)) {
      throw new Error(`AlarmTopic ${id}: email "${props.email}" is not an email address`);
    }
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Contact center alarms',
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // CloudWatch alarms publish as the cloudwatch service: it needs the key to encrypt messages.
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    if (props.email !== undefined) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    }
  }
}
