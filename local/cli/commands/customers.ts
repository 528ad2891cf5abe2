import { statSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { CustomerBatchWriter } from '../../../lambdas/shared/customer-data/customer-batch-writer';
import {
  csvImportRecords,
  ImportFileError,
  ImportInterruptedError,
  type ImportIssue,
  type ImportSummary,
  importCustomers,
  isJsonImport,
  jsonImportRecords,
} from '../../../lambdas/shared/customer-data/customer-import';
import { type CustomerStore, CustomerStoreInputError } from '../../../lambdas/shared/customer-data/customer-store';
import { createDynamoDbCustomerBatchWriter } from '../../../lambdas/shared/customer-data/dynamodb-customer-batch-writer';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../engines/local-dynamodb';
import { loadLocalConfig } from '../../runtime/config';
import { type CommandIo, processIo } from '../io';
import { withLocalStore } from '../local-runtime';
import { parseEncodingOption, readTextFile, resolveEncoding, TextEncodingError } from '../text-file';

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

/**
 * The exit status of a paged store command (history, access-trail) for the errors a user can fix: wrong
 * usage (2) or a cursor the store cannot read (2, naming --cursor); anything else is rethrown.
 */
export function pagedCommandError(err: unknown, io: CommandIo): number {
  if (err instanceof UsageError) {
    io.stderr(`${err.message}\n`);
    return 2;
  }
  if (err instanceof CustomerStoreInputError) {
    io.stderr(`--cursor: ${err.message}\n`);
    return 2;
  }
  throw err;
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
  /** utf-8, cp932 (Shift_JIS) or auto (default: detected). */
  encoding?: string;
  /** false (`--no-progress`) hides the progress bar, which shows only on a terminal and never with --json. */
  progress?: boolean;
}

/** Runs `fn` with a batch writer on the store chosen by `--stage` (patient timeouts for bulk writes). */
async function withBatchWriter<T>(
  options: StoreOptions,
  fn: (writer: CustomerBatchWriter, where: { stage: 'local' | 'aws'; table: string }) => Promise<T>,
): Promise<T> {
  const stage = options.stage ?? 'local';
  const bulk = { maxAttempts: 5, requestTimeoutMs: 30_000, connectionTimeoutMs: 3000 };
  if (stage === 'aws') {
    if (!options.table) throw new UsageError('--table: required with --stage aws (the deployed customer table name)');
    // Real SDK, the user's credentials and region.
    const client = createStoreDocumentClient(bulk);
    try {
      const writer = await createDynamoDbCustomerBatchWriter({ tableName: options.table, client });
      return await fn(writer, { stage: 'aws', table: options.table });
    } finally {
      client.destroy();
    }
  }
  if (stage !== 'local') throw new UsageError(`--stage: expected "local" or "aws", got "${stage}"`);
  if (options.table) throw new UsageError('--table: only with --stage aws (the local table name is fixed)');
  return withLocalStore(
    async (ctx) => {
      const client = createStoreDocumentClient({
        ...bulk,
        clientConfig: { endpoint: ctx.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
      });
      try {
        const writer = await createDynamoDbCustomerBatchWriter({ tableName: ctx.tableName, client });
        return await fn(writer, { stage: 'local', table: ctx.tableName });
      } finally {
        client.destroy();
      }
    },
    // Without a running `npm start`, the engine gets a process (and a core) of its own.
    { home: options.home, engineProcess: 'child' },
  );
}

/** Rows read / file size on stderr while an import runs (only when someone is watching a terminal). */
function progressBar(fileSize: number, show: boolean) {
  if (!show)
    return { bytes: (_n: number) => undefined, update: (_s: ImportSummary) => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format:
        '{bar} {percentage}% | {imported} imported, {rejectedRecords} rejected | {rate} rows/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let read = 0;
  bar.start(Math.max(fileSize, 1), 0, { imported: 0, rejectedRecords: 0, rate: 0 });
  return {
    bytes: (n: number) => {
      read += n;
    },
    update: (s: ImportSummary) => {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(Math.min(read, fileSize), {
        imported: s.imported,
        rejectedRecords: new Set(s.rejected.map((i) => i.record)).size,
        rate: Math.round((s.imported + s.rejected.length) / seconds),
      });
    },
    stop: () => bar.stop(),
  };
}

/**
 * `customers import FILE`; returns the exit code: 0 all imported, 1 some records rejected, 2 unusable
 * input, 3 stopped part-way (store failure or Ctrl-C: the summary says what was written; run the same
 * command again to finish, without duplicates).
 */
export async function runCustomersImport(file: string, options: ImportOptions, io: CommandIo = processIo) {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    io.stderr(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`);
    return 2;
  }
  const wantedEncoding = parseEncodingOption(options.encoding);
  if (!wantedEncoding) {
    io.stderr(`--encoding: expected utf-8 or cp932 (Shift_JIS), got "${options.encoding}"\n`);
    return 2;
  }
  const show = options.progress !== false && io === processIo && !options.json && Boolean(process.stderr.isTTY);
  const bar = progressBar(size, show);
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  if (io === processIo) process.once('SIGINT', onSigint);
  try {
    const encoding = await resolveEncoding(file, wantedEncoding);
    const country = options.country ?? loadLocalConfig().defaultCountry;
    const text = readTextFile(file, encoding, bar.bytes);
    const first = await text.next();
    const head = first.done ? '' : first.value;
    async function* all() {
      if (head !== '') yield head;
      yield* text;
    }
    const records = isJsonImport(file, head) ? jsonImportRecords(await collect(all())) : csvImportRecords(all());
    const result = await withBatchWriter(options, async (writer, where) => ({
      where,
      summary: await importCustomers({
        records,
        writer,
        defaultCountry: country,
        onProgress: bar.update,
        signal: interrupt.signal,
      }),
    }));
    bar.stop();
    const stopped = interrupt.signal.aborted;
    report(file, result.where, result.summary, options, io, { encoding, stopped });
    if (stopped) return 3;
    return result.summary.rejected.length > 0 ? 1 : 0;
  } catch (err) {
    bar.stop();
    if (err instanceof ImportFileError || err instanceof TextEncodingError) {
      io.stderr(`${file}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    if (err instanceof ImportInterruptedError) {
      report(file, undefined, err.summary, options, io, { stopped: true });
      io.stderr(`${file}: ${err.message}\n`);
      return 3;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function collect(parts: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const part of parts) text += part;
  return text;
}

function report(
  file: string,
  where: { stage: string; table: string } | undefined,
  summary: ImportSummary,
  options: ImportOptions,
  io: CommandIo,
  run: { encoding?: string; stopped: boolean },
): void {
  for (const issue of summary.rejected) io.stderr(`${describeIssue(file, issue)}\n`);
  const rejectedRecords = new Set(summary.rejected.map((i) => i.record)).size;
  const stage = where?.stage ?? options.stage ?? 'local';
  const table = where?.table ?? options.table;
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          file,
          stage,
          table,
          encoding: run.encoding,
          complete: !run.stopped,
          total: summary.total,
          imported: summary.imported,
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
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
    `${run.stopped ? 'Stopped part-way: imported' : 'Imported'} ${summary.imported} of ${summary.total} customers read ` +
      `into ${stage} table ${table ?? ''} (${summary.created} new, ${summary.updated - summary.unchanged} updated, ` +
      `${summary.unchanged} unchanged)` +
      (rejectedRecords > 0 ? `; ${rejectedRecords} rejected (see above)` : '') +
      (run.stopped ? '. Run the same command again to finish: rows already imported are not duplicated.' : '') +
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
      .option('--country <code>', 'ISO country for national phone numbers (default: configured defaultCountry)')
      .option('--encoding <encoding>', 'utf-8 (with or without BOM) or cp932 (Shift_JIS, Excel); default: detected')
      .option('--no-progress', 'no progress bar (it shows only on a terminal, never with --json)'),
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
