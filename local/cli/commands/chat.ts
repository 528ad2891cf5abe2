import type { Command } from 'commander';
import { IntakeInputError, runLocalChat } from '../../intake/run';
import { loadLocalConfig } from '../../runtime/config';
import { contactCenterHome, withLocalStore } from '../local-runtime';

/**
 * `contact-center chat --name N (--email E | --phone P) [--message M] [--locale ja-JP|en-US] [--json]`:
 * a web chat as `POST /chat` starts it — customer resolved or created in the local store, the inbound
 * chat flow run by the local interpreter. JSON: `{ contactId, customerId, newCustomer, messages, outcome }`.
 */

interface ChatCliOptions {
  name: string;
  email?: string;
  phone?: string;
  message?: string;
  locale?: string;
  agentsAvailable: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('chat')
    .description('Start a web chat through contact-flows/inbound-chat.json on the local store')
    .requiredOption('--name <name>', 'display name the visitor typed')
    .option('--email <address>', 'visitor email address')
    .option('--phone <number>', 'visitor phone number (03-1234-5678, +81312345678)')
    .option('--message <text>', 'first message')
    .option('--locale <locale>', 'ja-JP or en-US', 'ja-JP')
    .option('--agents-available <n>', 'agents available in every queue', '1')
    .option('--json', 'print the contract JSON object')
    .action(async (opts: ChatCliOptions) => {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      if (!/^\d+$/.test(opts.agentsAvailable)) {
        throw new IntakeInputError('--agents-available', `"${opts.agentsAvailable}" is not a whole number ≥ 0`);
      }
      const config = loadLocalConfig();
      const home = contactCenterHome();
      const out = await withLocalStore(({ store }) =>
        runLocalChat(
          { store, home, config },
          {
            name: opts.name,
            ...(opts.email !== undefined ? { email: opts.email } : {}),
            ...(opts.phone !== undefined ? { phone: opts.phone } : {}),
            ...(opts.message !== undefined ? { message: opts.message } : {}),
            ...(opts.locale !== undefined ? { locale: opts.locale } : {}),
            agentsAvailable: Number(opts.agentsAvailable),
          },
        ),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const lines = [
        `Chat ${out.contactId}`,
        `Customer:  ${out.customerId}${out.newCustomer ? ' (new)' : ''}`,
        ...out.messages.map((m) => `  bot     ${m}`),
        `Outcome:   ${out.outcome.type}${out.outcome.queue ? ` in ${out.outcome.queue}` : ''}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
