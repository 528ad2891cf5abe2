import { SQSClient } from '@aws-sdk/client-sqs';
import type { Command } from 'commander';
import { DeadLetterQueueError, type DeadLetterQueues, type RedriveResult } from '../../ops/dead-letters';
import { LocalDeadLetterQueues } from '../../ops/local-dead-letters';
import { SqsDeadLetterQueues } from '../../ops/sqs-dead-letter-queues';
import { type CommandIo, processIo } from '../io';
import { contactCenterHome } from '../local-runtime';
import { vocRedriveHandler } from './voc';

/**
 * `contact-center ops dlq list` and `ops dlq redrive QUEUE`: dead letters of the local contact center
 * (journals under `<home>/dead-letters/`) or, with `--stage aws`, the deployed stack's SQS dead-letter
 * queues (found by their tags; redriven with an SQS message move task). Counts before and after.
 */

export interface DlqOptions {
  stage?: string;
  json?: boolean;
  /** AWS: only queues whose name starts with this (the stack name). */
  prefix?: string;
  /** Local state directory (tests); defaults to CONTACT_CENTER_HOME or .contact-center/. */
  home?: string;
  /** The dead-letter queues to act on (tests); default from --stage. */
  queues?: DeadLetterQueues;
}

function deadLetterQueues(options: DlqOptions): { stage: 'local' | 'aws'; queues: DeadLetterQueues } | string {
  const stage = options.stage ?? 'local';
  if (stage === 'aws') {
    return {
      stage,
      // The user's credentials and region, as every `--stage aws` command.
      queues: options.queues ?? new SqsDeadLetterQueues(new SQSClient({}), { queueNamePrefix: options.prefix }),
    };
  }
  if (stage !== 'local') return `--stage: expected "local" or "aws", got "${stage}"`;
  if (options.prefix) return '--prefix: only with --stage aws';
  const home = options.home ?? contactCenterHome();
  return { stage, queues: options.queues ?? new LocalDeadLetterQueues(home, { voc: vocRedriveHandler(home) }) };
}

/** `ops dlq list`; returns the exit code. */
export async function runDlqList(options: DlqOptions, io: CommandIo = processIo): Promise<number> {
  const chosen = deadLetterQueues(options);
  if (typeof chosen === 'string') {
    io.stderr(`${chosen}\n`);
    return 2;
  }
  const queues = await chosen.queues.list();
  if (options.json) {
    io.stdout(`${JSON.stringify({ stage: chosen.stage, queues }, null, 2)}\n`);
    return 0;
  }
  if (queues.length === 0) io.stdout(`No dead-letter queues (${chosen.stage}).\n`);
  for (const q of queues) {
    const stageFlag = chosen.stage === 'aws' ? ' --stage aws' : '';
    const how = q.redrivable
      ? `redrive: contact-center ops dlq redrive ${q.name}${stageFlag}`
      : 'not redrivable (see docs/operations.md#dead-letters)';
    const inFlight = q.inFlight > 0 ? ` (+${q.inFlight} in flight)` : '';
    io.stdout(`${q.name}\t${q.messages} message(s)${inFlight}\t${how}\t${q.location}\n`);
  }
  return 0;
}

/** `ops dlq redrive QUEUE`; 0 when nothing is left, 1 when messages failed again or the task did not complete, 2 for bad input. */
export async function runDlqRedrive(name: string, options: DlqOptions, io: CommandIo = processIo): Promise<number> {
  const chosen = deadLetterQueues(options);
  if (typeof chosen === 'string') {
    io.stderr(`${chosen}\n`);
    return 2;
  }
  let result: RedriveResult;
  try {
    result = await chosen.queues.redrive(name);
  } catch (err) {
    if (err instanceof DeadLetterQueueError) {
      io.stderr(`ops dlq redrive: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  for (const failure of result.failures) io.stderr(`ops dlq redrive ${name}: ${failure}\n`);
  if (options.json) io.stdout(`${JSON.stringify({ stage: chosen.stage, ...result }, null, 2)}\n`);
  else {
    io.stdout(
      `${name}: ${result.before} before, ${result.moved} ${chosen.stage === 'aws' ? 'moved back' : 'processed'}, ` +
        `${result.after} after (${result.status}${result.taskHandle ? `, task ${result.taskHandle}` : ''})\n`,
    );
  }
  return result.status === 'COMPLETED' && result.failures.length === 0 ? 0 : 1;
}

export function register(program: Command): void {
  const ops = program.command('ops').description('Operate the contact center day to day');
  const dlq = ops.command('dlq').description('Dead letters: what failed every retry, and sending it back');
  const common = (cmd: Command) =>
    cmd
      .option('--stage <stage>', 'local (default: the local journals) or aws (the deployed SQS queues)', 'local')
      .option('--prefix <name>', 'with --stage aws: only queues whose name starts with this (the stack name)')
      .option('--json', 'print JSON on stdout');
  common(dlq.command('list').description('Every dead-letter queue and how many messages wait in it')).action(
    async (opts: DlqOptions) => {
      process.exitCode = await runDlqList(opts);
    },
  );
  common(
    dlq
      .command('redrive')
      .description('Send the messages of a dead-letter queue back to be processed again (counts before and after)')
      .argument('<queue>', 'the name `ops dlq list` shows, e.g. voc'),
  ).action(async (name: string, opts: DlqOptions) => {
    process.exitCode = await runDlqRedrive(name, opts);
  });
}
