import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { AcknowledgementSender } from './email-intake';

/** {@link AcknowledgementSender} with SESv2 SendEmail (simple content, UTF-8, threaded by In-Reply-To). */
export class SesAcknowledgementSender implements AcknowledgementSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly options: { fromAddress: string; configurationSetName?: string },
  ) {}

  async send(message: {
    to: string;
    subject: string;
    text: string;
    inReplyTo?: string;
  }): Promise<{ messageId?: string }> {
    const out = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.fromAddress,
        Destination: { ToAddresses: [message.to] },
        ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            Headers: [
              { Name: 'Auto-Submitted', Value: 'auto-replied' },
              ...(message.inReplyTo
                ? [
                    { Name: 'In-Reply-To', Value: `<${message.inReplyTo}>` },
                    { Name: 'References', Value: `<${message.inReplyTo}>` },
                  ]
                : []),
            ],
          },
        },
      }),
    );
    return out.MessageId ? { messageId: out.MessageId } : {};
  }
}
