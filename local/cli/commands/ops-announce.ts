import type { Command } from 'commander';
import { createStoreDocumentClient } from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import {
  type Announcement,
  type AnnouncementStore,
  createDynamoDbAnnouncementStore,
  MAX_ANNOUNCEMENT_CHARS,
} from '../../../lambdas/shared/operations/announcement-store';
import { loadLocalConfig } from '../../runtime/config';
import { formatInstant } from '../../runtime/instant';
import { type CommandIo, processIo } from '../io';
import { withLocalStore } from '../local-runtime';

/**
 * `contact-center ops announce --ja TEXT --en TEXT [--close-queues]` puts up the emergency
 * announcement; `ops announce clear` takes it down; `ops announce show` prints it. Local (default) or
 * `--stage aws --table NAME` (the deployed customer table, with the user's AWS credentials). The
 * inbound voice and chat flows play it first (ivr-lookup reads it; docs/operations.md).
 */

export interface AnnounceOptions {
  ja?: string;
  en?: string;
  closeQueues?: boolean;
  stage?: string;
  table?: string;
  json?: boolean;
  /** Local state directory (tests); defaults to CONTACT_CENTER_HOME or .contact-center/. */
  home?: string;
  /** The instant recorded as updatedAt (tests). */
  now?: () => Date;
}

class AnnounceInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnounceInputError';
  }
}

/** Control characters other than a line break would be read out or shown as garbage. */
const CONTROL = /(?!\n)\p{Cc}/u;

function text(flag: string, value: string | undefined): string {
  const t = value?.trim() ?? '';
  if (t === '') throw new AnnounceInputError(`${flag}: required, the announcement text (both --ja and --en)`);
  if ([...t].length > MAX_ANNOUNCEMENT_CHARS) {
    throw new AnnounceInputError(`${flag}: at most ${MAX_ANNOUNCEMENT_CHARS} characters (got ${[...t].length})`);
  }
  if (CONTROL.test(t)) throw new AnnounceInputError(`${flag}: control characters are not allowed`);
  return t;
}

async function withAnnouncementStore<T>(
  options: AnnounceOptions,
  fn: (store: AnnouncementStore, where: { stage: 'local' | 'aws'; table: string }) => Promise<T>,
): Promise<T> {
  const stage = options.stage ?? 'local';
  if (stage === 'aws') {
    if (!options.table) {
      throw new AnnounceInputError('--table: required with --stage aws (the deployed customer table name)');
    }
    const client = createStoreDocumentClient({ maxAttempts: 5, requestTimeoutMs: 5000, connectionTimeoutMs: 3000 });
    try {
      return await fn(createDynamoDbAnnouncementStore({ tableName: options.table, client }), {
        stage: 'aws',
        table: options.table,
      });
    } finally {
      client.destroy();
    }
  }
  if (stage !== 'local') throw new AnnounceInputError(`--stage: expected "local" or "aws", got "${stage}"`);
  if (options.table) throw new AnnounceInputError('--table: only with --stage aws (the local table name is fixed)');
  return withLocalStore(
    (ctx) =>
      fn(createDynamoDbAnnouncementStore({ tableName: ctx.tableName, client: ctx.documentClient }), {
        stage: 'local',
        table: ctx.tableName,
      }),
    { home: options.home },
  );
}

function describe(a: Announcement | undefined, timeZone: string): string {
  if (!a) return 'No announcement: callers and chat visitors are routed as usual.\n';
  return (
    `Announcement since ${formatInstant(new Date(a.updatedAt), timeZone)}${a.closeQueues ? ' (queues closed: contacts end after it)' : ''}:\n` +
    `  ja: ${a.ja}\n  en: ${a.en}\n`
  );
}

/** Runs `ops announce [clear|show]`; returns the exit code (2 for bad input). */
export async function runAnnounce(
  action: string | undefined,
  options: AnnounceOptions,
  io: CommandIo = processIo,
): Promise<number> {
  try {
    if (action !== undefined && action !== 'clear' && action !== 'show') {
      throw new AnnounceInputError(`action: expected "clear" or "show" (or none, to set), got "${action}"`);
    }
    if (action !== undefined && (options.ja !== undefined || options.en !== undefined || options.closeQueues)) {
      throw new AnnounceInputError(
        `--ja, --en and --close-queues: only when setting an announcement, not with "${action}"`,
      );
    }
    const next: Announcement | undefined =
      action === undefined
        ? {
            ja: text('--ja', options.ja),
            en: text('--en', options.en),
            closeQueues: options.closeQueues === true,
            updatedAt: (options.now ?? (() => new Date()))().toISOString(),
          }
        : undefined;
    const { announcement, where } = await withAnnouncementStore(options, async (store, where) => {
      if (action === 'clear') await store.clear();
      else if (next) await store.put(next);
      return { announcement: action === 'show' ? await store.get() : next, where };
    });
    if (options.json)
      io.stdout(`${JSON.stringify({ stage: where.stage, table: where.table, announcement: announcement ?? null })}\n`);
    else io.stdout(describe(announcement, loadLocalConfig().timeZone));
    return 0;
  } catch (err) {
    if (err instanceof AnnounceInputError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** The `ops` command group, created by whichever ops module registers first. */
export function opsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'ops') ??
    program.command('ops').description('Run the center day to day: announcements, dead-letter queues')
  );
}

export function register(program: Command): void {
  opsCommand(program)
    .command('announce')
    .description(
      'Put up an emergency announcement that voice and chat contacts get first (within a minute, no deploy); ' +
        '"clear" takes it down, "show" prints it',
    )
    .argument('[action]', 'clear | show (omit to set the announcement)')
    .option('--ja <text>', 'the announcement in Japanese')
    .option('--en <text>', 'the announcement in English')
    .option('--close-queues', 'end every contact after the announcement instead of routing it to a queue')
    .option('--stage <stage>', 'local (default: the local contact center) or aws (a deployed table)', 'local')
    .option('--table <name>', 'customer table name (with --stage aws)')
    .option('--json', 'print JSON on stdout')
    .action(async (action: string | undefined, opts: AnnounceOptions) => {
      process.exitCode = await runAnnounce(action, opts);
    });
}
