import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alerts, VocAlert } from './alerts';

/** {@link Alerts} on an SNS topic: JSON message, subject readable in an email subscription. */
export class SnsAlerts implements Alerts {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: VocAlert): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: `VOC alert: ${alert.tier} customer ${alert.customerId} is unhappy (${alert.channel})`.slice(0, 99),
        Message: JSON.stringify(alert),
        MessageAttributes: {
          tier: { DataType: 'String', StringValue: alert.tier },
          channel: { DataType: 'String', StringValue: alert.channel },
        },
      }),
    );
  }
}
