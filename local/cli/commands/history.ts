import type { Command } from 'commander';
import type { Customer, Interaction } from '../../../lambdas/shared/customer-data/model';
import { loadLocalConfig } from '../../runtime/config';
import { type CommandIo, processIo } from '../io';
import { pagedCommandError, type StoreOptions, withStore } from './customers';

/**
 * `contact-center history CUSTOMER_ID [--json]` — a customer's profile and cross-channel history,
 * newest first. JSON: `{ customer, interactions: [...], nextCursor? }` (architecture.md).
 */

export interface HistoryOptions extends StoreOptions {
  json?: boolean;
  limit?: string;
  cursor?: string;
}

export interface HistoryOutput {
  customer: Customer;
  interactions: Interaction[];
  /** Present when older interactions remain: pass it to --cursor. */
  nextCursor?: string;
}

function formatTime(iso: string, format: Intl.DateTimeFormat): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : format.format(d);
}

function human(out: HistoryOutput, timeZone: string): string {
  // sv-SE formats as "YYYY-MM-DD HH:MM"; one formatter for every line (creating one is the dear part).
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  const c = out.customer;
  const lines = [
    `${c.name} (${c.customerId})  tier: ${c.tier}  language: ${c.language}`,
    `  phones: ${c.phones.length > 0 ? c.phones.join(', ') : '-'}  email: ${c.email ?? '-'}`,
  ];
  if (c.latestInquiry) {
    lines.push(`  latest inquiry: ${c.latestInquiry.id} ${c.latestInquiry.subject} [${c.latestInquiry.status}]`);
  }
  lines.push('', `History (newest first, ${timeZone}):`);
  if (out.interactions.length === 0) lines.push('  (no interactions)');
  for (const i of out.interactions) {
    const extras = [i.status, i.sentiment && `sentiment ${i.sentiment}`, i.queue && `queue ${i.queue}`].filter(Boolean);
    lines.push(
      `  ${formatTime(i.at, time)}  ${i.channel.padEnd(8)} ${i.direction.padEnd(8)} ${i.subject ?? i.summary ?? ''}` +
        (extras.length > 0 ? `  [${extras.join(', ')}]` : '') +
        `  (${i.sourceId})`,
    );
  }
  if (out.nextCursor) lines.push(`  … older interactions: --cursor ${out.nextCursor}`);
  return `${lines.join('\n')}\n`;
}

/** Returns the exit code: 0, 1 when the customer does not exist, 2 for unusable options. */
export async function runHistory(customerId: string, options: HistoryOptions, io: CommandIo = processIo) {
  const limit = options.limit === undefined ? 50 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    io.stderr(`--limit: expected a whole number from 1 to 1000, got "${options.limit}"\n`);
    return 2;
  }
  try {
    const out = await withStore(options, async (store): Promise<HistoryOutput | undefined> => {
      const customer = await store.getCustomer(customerId);
      if (!customer) return undefined;
      const page = await store.listInteractions({ customerId }, { limit, cursor: options.cursor });
      return page.cursor
        ? { customer, interactions: page.items, nextCursor: page.cursor }
        : { customer, interactions: page.items };
    });
    if (!out) {
      io.stderr(`CUSTOMER_ID: no customer "${customerId}" in the store\n`);
      return 1;
    }
    if (options.json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    else io.stdout(human(out, loadLocalConfig().timeZone));
    return 0;
  } catch (err) {
    return pagedCommandError(err, io);
  }
}

export function register(program: Command): void {
  program
    .command('history')
    .description("Show a customer's profile and cross-channel history, newest first")
    .argument('<customerId>', 'customer id, e.g. C-1001')
    .option('--json', 'print JSON on stdout: { customer, interactions, nextCursor? }')
    .option('--limit <n>', 'at most this many interactions', '50')
    .option('--cursor <cursor>', 'continue after a previous page (nextCursor)')
    .option('--stage <stage>', 'local (default) or aws', 'local')
    .option('--table <name>', 'customer table name (with --stage aws)')
    .action(async (customerId: string, opts: HistoryOptions) => {
      process.exitCode = await runHistory(customerId, opts);
    });
}
