import type { Command } from 'commander';
import type { AccessEntry, AccessSubject } from '../../../lambdas/shared/agent/access-trail';
import { createDynamoDbAccessTrail } from '../../../lambdas/shared/agent/dynamodb-access-trail';
import { createStoreDocumentClient } from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import { normalizePhone } from '../../../lambdas/shared/phone';
import { loadLocalConfig } from '../../runtime/config';
import { type CommandIo, processIo } from '../io';
import { withLocalStore } from '../local-runtime';
import { pagedCommandError, type StoreOptions, UsageError } from './customers';

/**
 * `contact-center access-trail CUSTOMER_ID [--json]` (or `--phone N` / `--email E` for contacts kept
 * under a contact point) — who read this customer's data through the agent API, newest first: for an
 * auditor. JSON: `{ subject, entries: [ { agent, role, at, subject, action, contactId? } ], nextCursor? }`.
 */

export interface AccessTrailOptions extends StoreOptions {
  json?: boolean;
  limit?: string;
  cursor?: string;
  phone?: string;
  email?: string;
}

export interface AccessTrailOutput {
  subject: AccessSubject;
  entries: AccessEntry[];
  nextCursor?: string;
}

function subjectOf(customerId: string | undefined, options: AccessTrailOptions): AccessSubject {
  const given = [customerId, options.phone, options.email].filter((v) => v !== undefined);
  if (given.length !== 1) throw new UsageError('give exactly one of CUSTOMER_ID, --phone or --email');
  if (options.phone !== undefined) {
    const phone = normalizePhone(options.phone, loadLocalConfig().defaultCountry);
    if (!phone.ok)
      throw new UsageError(`--phone: expected a phone number such as 03-1234-5678, got "${options.phone}"`);
    return { phone: phone.e164 };
  }
  if (options.email !== undefined) return { email: options.email.trim().toLowerCase() };
  return { customerId: customerId! };
}

function describe(subject: AccessSubject): string {
  return 'customerId' in subject ? subject.customerId : 'phone' in subject ? subject.phone : subject.email;
}

function human(out: AccessTrailOutput, timeZone: string): string {
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' });
  const lines = [`Access trail of ${describe(out.subject)} (newest first, ${timeZone}):`];
  if (out.entries.length === 0) lines.push('  (no reads recorded)');
  for (const e of out.entries) {
    lines.push(
      `  ${time.format(new Date(e.at))}  ${e.agent} (${e.role})  ${e.action}${e.contactId ? `  contact ${e.contactId}` : ''}`,
    );
  }
  if (out.nextCursor) lines.push(`  … older entries: --cursor ${out.nextCursor}`);
  return `${lines.join('\n')}\n`;
}

async function withTrail<T>(
  options: StoreOptions,
  fn: (trail: ReturnType<typeof createDynamoDbAccessTrail>) => Promise<T>,
): Promise<T> {
  const stage = options.stage ?? 'local';
  if (stage === 'aws') {
    if (!options.table) throw new UsageError('--table: required with --stage aws (the deployed customer table name)');
    const client = createStoreDocumentClient({ maxAttempts: 5, requestTimeoutMs: 5000, connectionTimeoutMs: 3000 });
    try {
      return await fn(createDynamoDbAccessTrail({ tableName: options.table, client }));
    } finally {
      client.destroy();
    }
  }
  if (stage !== 'local') throw new UsageError(`--stage: expected "local" or "aws", got "${stage}"`);
  if (options.table) throw new UsageError('--table: only with --stage aws (the local table name is fixed)');
  return withLocalStore(
    (ctx) => fn(createDynamoDbAccessTrail({ tableName: ctx.tableName, client: ctx.documentClient })),
    { home: options.home },
  );
}

/** Returns the exit code: 0, or 2 for unusable options. */
export async function runAccessTrail(
  customerId: string | undefined,
  options: AccessTrailOptions,
  io: CommandIo = processIo,
): Promise<number> {
  const limit = options.limit === undefined ? 50 : Number(options.limit);
  try {
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new UsageError(`--limit: expected a whole number from 1 to 200, got "${options.limit}"`);
    }
    const subject = subjectOf(customerId, options);
    const page = await withTrail(options, (trail) =>
      trail.list(subject, { limit, ...(options.cursor ? { cursor: options.cursor } : {}) }),
    );
    const out: AccessTrailOutput = {
      subject,
      entries: page.items,
      ...(page.cursor ? { nextCursor: page.cursor } : {}),
    };
    if (options.json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    else io.stdout(human(out, loadLocalConfig().timeZone));
    return 0;
  } catch (err) {
    return pagedCommandError(err, io);
  }
}

export function register(program: Command): void {
  program
    .command('access-trail')
    .description("Show who read a customer's data through the agent API, newest first (audit)")
    .argument('[customerId]', 'customer id, e.g. C-1001')
    .option('--phone <number>', 'contacts kept under this phone number instead of a customer')
    .option('--email <address>', 'contacts kept under this email address instead of a customer')
    .option('--json', 'print JSON on stdout: { subject, entries, nextCursor? }')
    .option('--limit <n>', 'at most this many entries (1–200)', '50')
    .option('--cursor <cursor>', 'continue after a previous page (nextCursor)')
    .option('--stage <stage>', 'local (default) or aws', 'local')
    .option('--table <name>', 'customer table name (with --stage aws)')
    .action(async (customerId: string | undefined, opts: AccessTrailOptions) => {
      process.exitCode = await runAccessTrail(customerId, opts);
    });
}
