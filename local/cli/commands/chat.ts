import type { Command } from 'commander';
import { DynamoDbOneTimeCodeStore } from '../../../lambdas/shared/intake/dynamodb-one-time-code-store';
import { IntakeInputError, requestLocalCode, runLocalChat } from '../../intake/run';
import { loadLocalConfig } from '../../runtime/config';
import { formatInstant, parseInstant } from '../../runtime/instant';
import { contactCenterHome, withLocalStore } from '../local-runtime';

/**
 * `contact-center chat --name N (--email E | --phone P) [--message M] [--locale ja-JP|en-US] [--at ISO_TIME]
 *   [--agents-available N] [--idempotency-key K] [--verified | --identity-token JWT] [--json]`:
 * a web chat as `POST /chat` starts it — customer resolved or created in the local store, the inbound
 * chat flow run by the local interpreter at `--at` (hours of operation). `--idempotency-key` is the
 * `Idempotency-Key` header: the same key and options again answer the same chat and record nothing.
 * What was typed is only a claim (no name, tier or id of a customer is used); `--verified` plays the
 * embedding website and signs an identity token for the typed contact points with the local key,
 * `--identity-token` sends one a site issued, `--request-code` sends a one-time code to --email (into
 * `<home>/intake/outbox.jsonl`; prints `{ codeSentTo, outbox }` and starts no chat) and `--code` sends it
 * back with the chat (docs/intake.md, "Identity").
 * JSON: `{ contactId, customerId (null when claimed), newCustomer, identity, duplicate, messages, outcome }`.
 */

interface ChatCliOptions {
  name: string;
  email?: string;
  phone?: string;
  message?: string;
  locale?: string;
  at?: string;
  agentsAvailable: string;
  idempotencyKey?: string;
  identityToken?: string;
  verified?: boolean;
  requestCode?: boolean;
  code?: string;
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
    .option('--at <iso-time>', 'when the chat starts; without an offset, a time in the configured time zone')
    .option('--agents-available <n>', 'agents available in every queue', '1')
    .option('--idempotency-key <key>', 'as the Idempotency-Key header: repeating it replays the same chat')
    .option('--verified', 'act as the embedding website: sign an identity token for --email/--phone (local key)')
    .option('--identity-token <jwt>', 'identity token a website issued for its signed-in visitor')
    .option('--request-code', 'send a one-time code to --email (local outbox) instead of chatting')
    .option('--code <digits>', 'the one-time code sent to --email: verifies the address')
    .option('--json', 'print the contract JSON object')
    .action(async (opts: ChatCliOptions) => {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      if (!/^\d+$/.test(opts.agentsAvailable)) {
        throw new IntakeInputError('--agents-available', `"${opts.agentsAvailable}" is not a whole number ≥ 0`);
      }
      const config = loadLocalConfig();
      let at = new Date();
      if (opts.at !== undefined) {
        const parsed = parseInstant(opts.at, config.timeZone);
        if (!parsed) {
          throw new IntakeInputError('--at', `"${opts.at}" is not an ISO 8601 time such as 2026-04-06T20:00`);
        }
        at = parsed;
      }
      const home = contactCenterHome();
      if (opts.requestCode) {
        if (opts.email === undefined) throw new IntakeInputError('--email', 'is required with --request-code');
        const email = opts.email;
        const sent = await withLocalStore(({ documentClient, tableName }) =>
          requestLocalCode(
            { home, now: () => at, oneTimeCodes: new DynamoDbOneTimeCodeStore(documentClient, tableName) },
            { email, ...(opts.locale !== undefined ? { locale: opts.locale } : {}) },
          ),
        );
        process.stdout.write(
          opts.json ? `${JSON.stringify(sent, null, 2)}\n` : `Code sent to ${sent.codeSentTo}: see ${sent.outbox}\n`,
        );
        return;
      }
      const out = await withLocalStore(({ store, documentClient, tableName }) =>
        runLocalChat(
          {
            store,
            home,
            config,
            now: () => at,
            oneTimeCodes: new DynamoDbOneTimeCodeStore(documentClient, tableName),
          },
          {
            name: opts.name,
            ...(opts.email !== undefined ? { email: opts.email } : {}),
            ...(opts.phone !== undefined ? { phone: opts.phone } : {}),
            ...(opts.message !== undefined ? { message: opts.message } : {}),
            ...(opts.locale !== undefined ? { locale: opts.locale } : {}),
            agentsAvailable: Number(opts.agentsAvailable),
            ...(opts.idempotencyKey !== undefined ? { idempotencyKey: opts.idempotencyKey } : {}),
            ...(opts.identityToken !== undefined ? { identityToken: opts.identityToken } : {}),
            ...(opts.verified ? { verified: true } : {}),
            ...(opts.code !== undefined ? { oneTimeCode: opts.code } : {}),
          },
        ),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const lines = [
        `Chat ${out.contactId} at ${formatInstant(at, config.timeZone)}${out.duplicate ? '  — replayed, nothing recorded' : ''}`,
        out.customerId === null
          ? `Identity:  claimed (unverified: nothing of a customer shown)${out.newCustomer ? ', new customer' : ''}`
          : `Customer:  ${out.customerId}${out.newCustomer ? ' (new)' : ''}, verified`,
        ...out.messages.map((m) => `  bot     ${m}`),
        `Outcome:   ${out.outcome.type}${out.outcome.queue ? ` in ${out.outcome.queue}` : ''}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
