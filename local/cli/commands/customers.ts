import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  ImportFileError,
  type ImportIssue,
  type ImportSummary,
  importCustomers,
  parseImportText,
} from '../../../lambdas/shared/customer-data/customer-import';
import type { CustomerStore } from '../../../lambdas/shared/customer-data/customer-store';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import { loadLocalConfig } from '../../runtime/config';
import { type CommandIo, processIo } from '../io';
import { withLocalStore } from '../local-runtime';

/**
 * `contact-center customers import FILE` — customers from JSON (array) or CSV into the local store
 * (default) or a deployed table (`--stage aws --table NAME`, with the user's AWS credentials).
 * `contact-center customers list [--query Q]` — the customers of the store.
 */

export interface StoreOptions {
  stage?: string;
  table?: string;
  /** Local state directory (tests); defaults to CONTACT_CENTER_HOME or .contact-center/. */
  home?: string;
}

/** Thrown for command-line input the command cannot act on (exit 2, message on stderr). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Runs `fn` against the store chosen by `--stage` (local, or aws with `--table`). */
export async function withStore<T>(
  options: StoreOptions,
  fn: (store: CustomerStore, where: { stage: 'local' | 'aws'; table: string }) => Promise<T>,
): Promise<T> {
  const stage = options.stage ?? 'local';
  if (stage === 'aws') {
    if (!options.table) throw new UsageError('--table: required with --stage aws (the deployed customer table name)');
    // Real SDK, the user's credentials and region; patient timeouts for bulk writes.
    const client = createStoreDocumentClient({ maxAttempts: 5, requestTimeoutMs: 5000, connectionTimeoutMs: 3000 });
    try {
      return await fn(createDynamoDbCustomerStore({ tableName: options.table, client }), {
        stage: 'aws',
        table: options.table,
      });
    } finally {
      client.destroy();
    }
  }
  if (stage !== 'local') throw new UsageError(`--stage: expected "local" or "aws", got "${stage}"`);
  if (options.table) throw new UsageError('--table: only with --stage aws (the local table name is fixed)');
  return withLocalStore((ctx) => fn(ctx.store, { stage: 'local', table: ctx.tableName }), { home: options.home });
}

function describeIssue(file: string, issue: ImportIssue): string {
  const where = issue.line !== undefined ? `line ${issue.line}` : `record ${issue.record}`;
  return `${file}: ${where}: ${issue.field}: ${issue.reason}`;
}

export interface ImportOptions extends StoreOptions {
  json?: boolean;
  /** ISO country for national phone numbers; defaults to the configured defaultCountry. */
  country?: string;
}

/** `customers import FILE`; returns the exit code (0 all imported, 1 some records rejected, 2 unusable input). */
export async function runCustomersImport(file: string, options: ImportOptions, io: CommandIo = processIo) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    io.stderr(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`);
    return 2;
  }
  try {
    const country = options.country ?? loadLocalConfig().defaultCountry;
    const parsed = parseImportText(text, file, country);
    const result = await withStore(options, async (store, where) => ({
      where,
      summary: await importCustomers(store, parsed),
    }));
    report(file, result.where, result.summary, options, io);
    return result.summary.rejected.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof ImportFileError) {
      io.stderr(`${file}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function report(
  file: string,
  where: { stage: string; table: string },
  summary: ImportSummary,
  options: ImportOptions,
  io: CommandIo,
): void {
  for (const issue of summary.rejected) io.stderr(`${describeIssue(file, issue)}\n`);
  const rejectedRecords = new Set(summary.rejected.map((i) => i.record)).size;
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          file,
          stage: where.stage,
          table: where.table,
          total: summary.total,
          imported: summary.imported,
          created: summary.created,
          updated: summary.updated,
          rejectedRecords,
          rejected: summary.rejected,
          customers: summary.customers,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  io.stdout(
    `Imported ${summary.imported} of ${summary.total} customers into ${where.stage} table ${where.table} ` +
      `(${summary.created} new, ${summary.updated} updated)` +
      (rejectedRecords > 0 ? `; ${rejectedRecords} rejected (see above)` : '') +
      '\n',
  );
}

export interface ListOptions extends StoreOptions {
  json?: boolean;
  query?: string;
  limit?: string;
}

/** `customers list`; returns the exit code. */
export async function runCustomersList(options: ListOptions, io: CommandIo = processIo): Promise<number> {
  const limit = options.limit === undefined ? 50 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    io.stderr(`--limit: expected a whole number from 1 to 1000, got "${options.limit}"\n`);
    return 2;
  }
  try {
    const page = await withStore(options, (store) => store.listCustomers({ limit, query: options.query }));
    if (options.json) {
      io.stdout(`${JSON.stringify({ customers: page.items, nextCursor: page.cursor }, null, 2)}\n`);
    } else {
      for (const c of page.items) {
        io.stdout(`${c.customerId}\t${c.name}\t${c.tier}\t${c.language}\t${c.phones.join(' ')}\t${c.email ?? ''}\n`);
      }
      if (page.items.length === 0) io.stdout('No customers.\n');
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

export function register(program: Command): void {
  const customers = program.command('customers').description('Import and list customers (local store or AWS)');
  const stageOptions = (cmd: Command) =>
    cmd
      .option('--stage <stage>', 'local (default: the local contact center) or aws (a deployed table)', 'local')
      .option('--table <name>', 'customer table name (with --stage aws)');

  stageOptions(
    customers
      .command('import')
      .description(
        'Import customers from a JSON array or a CSV file (columns: customerId,name,phones,email,tier,language,' +
          'latestInquiry.id,latestInquiry.subject,latestInquiry.status; phones separated by ";")',
      )
      .argument('<file>', 'customers.json or customers.csv')
      .option('--json', 'print a JSON summary on stdout')
      .option('--country <code>', 'ISO country for national phone numbers (default: configured defaultCountry)'),
  ).action(async (file: string, opts: ImportOptions) => {
    process.exitCode = await runCustomersImport(file, opts);
  });

  stageOptions(
    customers
      .command('list')
      .description('List customers, optionally filtered by part of a name, phone number or email')
      .option('--query <text>', 'substring of name, phone number or email')
      .option('--limit <n>', 'at most this many customers', '50')
      .option('--json', 'print JSON on stdout'),
  ).action(async (opts: ListOptions) => {
    process.exitCode = await runCustomersList(opts);
  });
}
