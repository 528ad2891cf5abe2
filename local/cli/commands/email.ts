import type { Command } from 'commander';
import { runLocalEmail } from '../../intake/run';
import { loadLocalConfig } from '../../runtime/config';
import { contactCenterHome, withLocalStore } from '../local-runtime';

/**
 * `contact-center email --file F.eml [--json]`: processes a raw message as if SES had received it —
 * parsed, customer resolved or created by sender, recorded in the history (idempotent by Message-ID),
 * a local task, a VOC message and an acknowledgement in `<home>/intake/`.
 * JSON: `{ messageId, customerId, newCustomer, duplicate, skipped, identity, subject, text, attachments, … }`; a
 * message SES marked as spam or virus is not processed: `customerId: null`, `newCustomer: false`,
 * `skipped: "spam"|"virus"`. Only SES's own block of headers verifies the sender (`identity: "verified"`);
 * other mail is `claimed`: `customerId: null`, never acknowledged. A message over a MIME limit is
 * `status: "unusable"` with `unusable: "<reason>"`, recorded, never an error.
 */

export function register(program: Command): void {
  program
    .command('email')
    .description('Process an .eml file as if SES delivered it to the support address (local store)')
    .requiredOption('--file <path>', 'raw RFC 5322 message (.eml)')
    .option('--json', 'print the contract JSON object')
    .action(async (opts: { file: string; json?: boolean }) => {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const config = loadLocalConfig();
      const home = contactCenterHome();
      const out = await withLocalStore(({ store }) => runLocalEmail({ store, home, config }, opts.file));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const lines = [
        `Message   ${out.messageId}`,
        out.status === 'skipped'
          ? `Skipped:  SES marked it as ${out.skipped}`
          : out.status === 'unusable'
            ? `Unusable: ${out.unusable}`
            : out.customerId === null
              ? `Sender:   claimed, not verified by SES (no acknowledgement)${out.duplicate ? '  — duplicate, already processed' : ''}`
              : `Customer: ${out.customerId}${out.newCustomer ? ' (new)' : ''}, verified by SES${out.duplicate ? '  — duplicate, already processed' : ''}`,
        `Subject:  ${out.subject ?? '(none)'}`,
        ...(out.inquiryId
          ? [`Inquiry:  ${out.inquiryId}  task ${out.taskContactId ?? '-'}  ack ${out.acknowledged ? 'sent' : 'no'}`]
          : []),
        ...out.attachments.map((a) => `Attached: ${a.filename} (${a.contentType}, ${a.size} B)`),
        '',
        out.text,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
