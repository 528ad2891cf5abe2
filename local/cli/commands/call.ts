import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { ContactRecordOutcome } from '../../../lambdas/shared/intake/contact-records';
import type { ContactOutcome, ContactResult, TraceEvent } from '../../interpreter/types';
import { loadLocalConfig } from '../../runtime/config';
import { simulateRecordedCall } from '../../runtime/contact-trace-record';
import { formatInstant, parseInstant } from '../../runtime/instant';
import { loadIvrLookupHandler } from '../../runtime/lambda-env';
import {
  CallInputError,
  callerEndpoint,
  createLocalRuntime,
  digitsInput,
  simulateCall,
  toCallJson,
} from '../../runtime/simulate-call';
import { seedIfEmpty } from '../../seed/demo-data';
import { withLocalStore } from '../local-runtime';

/**
 * `contact-center call --from NUMBER [--digits KEYS] [--at ISO_TIME] [--agents-available N] [--no-record] [--json]`:
 * one inbound call through the shipped flows (contact-flows/) with the real ivr-lookup handler against
 * the local store (the running `npm start`'s engine, else the data under CONTACT_CENTER_HOME). The
 * call's contact trace record then goes through the ctr-processor's code, so it is in the history.
 */

interface CallOptions {
  from: string;
  digits: string;
  at?: string;
  agentsAvailable: string;
  queueAtCapacity: string[];
  /** `--no-record` sets it to false. */
  record: boolean;
  json?: boolean;
}

/** Where the call went in the history, for the transcript. */
export function describeRecording(contactId: string, recorded: ContactRecordOutcome | undefined): string {
  if (!recorded) return `${contactId} (not recorded)`;
  if (recorded.result === 'skipped') return `${contactId} (not recorded: ${recorded.reason})`;
  const o = recorded.owner;
  const owner = 'customerId' in o ? o.customerId : 'phone' in o ? o.phone : o.email;
  return `${contactId} (${recorded.result} in the history of ${owner})`;
}

function describe(event: TraceEvent): string | undefined {
  switch (event.type) {
    case 'prompt':
      return event.audience === 'customer' ? `  IVR     ${event.text}` : `  agent   ${event.text}`;
    case 'input':
      return `  keys    ${event.value === undefined ? '(no input: time limit)' : event.value}`;
    case 'lambda': {
      const params = Object.entries(event.parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const result = event.error
        ? `ERROR ${event.error}`
        : Object.entries(event.result ?? {})
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join(' ');
      return `  lambda  ${event.function}(${params}) → ${result} [${event.durationMs} ms]`;
    }
    case 'queue':
      return event.event === 'target' ? `  queue   target ${event.queue}` : `  queue   ${event.queue}: ${event.event}`;
    case 'callback':
      return `  queue   callback to ${event.number} in ${event.queue}`;
    case 'flow':
      return `  flow    ${event.event} → ${event.flow}`;
    case 'setting':
      return event.name === 'HoursOfOperation' ? `  hours   ${event.value}` : undefined;
    default:
      return undefined;
  }
}

export function formatTranscript(
  result: ContactResult,
  header: { from: string; delivered: string; at: string; agentsAvailable: number },
): string {
  const lines = [
    `Call from ${header.from}${header.delivered !== header.from ? ` (${header.delivered})` : ''} at ${header.at}, ` +
      `${header.agentsAvailable} agent(s) available`,
  ];
  for (const event of result.events) {
    const line = describe(event);
    if (line) lines.push(line);
  }
  const o = result.outcome;
  const outcome = describeOutcome(o);
  lines.push('', `Outcome:    ${outcome}${o.type !== 'error' && o.reason ? ` — ${o.reason}` : ''}`);
  lines.push(`Language:   ${result.languageCode} (voice ${result.voice})`);
  const attrs = Object.entries(result.attributes);
  lines.push(`Attributes: ${attrs.length ? attrs.map(([k, v]) => `${k}=${v}`).join(', ') : '(none)'}`);
  lines.push(`Path:       ${result.path.join(' → ')}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('call')
    .description('Simulate an inbound call through contact-flows/ with the real ivr-lookup Lambda on the local store')
    .requiredOption('--from <number>', 'caller id (03-1234-5678, +81312345678, or "anonymous")')
    .option('--digits <keys>', 'keys the caller presses, one per prompt ("_" = no input, [..#] = one entry)', '')
    .option('--at <iso-time>', 'when the call happens; without an offset, a time in the configured time zone')
    .option('--agents-available <n>', 'agents available in every queue', '1')
    .option(
      '--queue-at-capacity <queue>',
      'a queue that is full (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--no-record', "do not record the call in the customer's history")
    .option('--json', 'print the contract JSON object')
    .action(async (opts: CallOptions) => {
      // A notice about future SDK releases, printed on every run, is noise in a transcript.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const config = loadLocalConfig();
      let at = new Date();
      if (opts.at !== undefined) {
        const parsed = parseInstant(opts.at, config.timeZone);
        if (!parsed) throw new CallInputError('--at', `"${opts.at}" is not an ISO 8601 time such as 2026-04-06T20:00`);
        at = parsed;
      }
      if (!/^\d+$/.test(opts.agentsAvailable)) {
        throw new CallInputError('--agents-available', `"${opts.agentsAvailable}" is not a whole number ≥ 0`);
      }
      const agentsAvailable = Number(opts.agentsAvailable);
      const endpoint = callerEndpoint(opts.from, config.defaultCountry);
      digitsInput(opts.digits); // validates --digits before the store is opened
      for (const q of opts.queueAtCapacity) {
        if (!config.queues.some((c) => c.name === q)) {
          throw new CallInputError(
            '--queue-at-capacity',
            `unknown queue "${q}" (known: ${config.queues.map((c) => c.name).join(', ')})`,
          );
        }
      }
      const outcome = await withLocalStore(async ({ store }) => {
        // The demo data is seeded by whichever local command opens an empty store first.
        await seedIfEmpty(store);
        process.env.DEFAULT_COUNTRY = config.defaultCountry;
        const runtime = createLocalRuntime(config, loadIvrLookupHandler(opts.json ? 'SILENT' : 'WARN'));
        const call = {
          from: opts.from,
          digits: opts.digits,
          at,
          agentsAvailable,
          queuesAtCapacity: opts.queueAtCapacity,
        };
        if (opts.record === false) {
          const contactId = randomUUID();
          return { contactId, result: await simulateCall(runtime, { ...call, contactId }), recorded: undefined };
        }
        return simulateRecordedCall(runtime, store, call);
      });
      const { contactId, result, recorded } = outcome;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ contactId, ...toCallJson(result) }, null, 2)}\n`);
      } else {
        process.stdout.write(
          `${formatTranscript(result, {
            from: opts.from,
            delivered: endpoint?.Address ?? '(no caller id)',
            at: formatInstant(at, config.timeZone),
            agentsAvailable,
          })}\nContact:    ${describeRecording(contactId, recorded)}\n`,
        );
      }
    });
}

export function describeOutcome(o: ContactOutcome): string {
  switch (o.type) {
    case 'queued':
      return `queued in ${o.queue ?? '(no queue)'}`;
    case 'callback':
      return `callback booked in ${o.queue ?? '(no queue)'}`;
    case 'disconnected':
      return 'disconnected (goodbye)';
    case 'connected':
      return `connected to an agent${o.queue ? ` of ${o.queue}` : ''}`;
    case 'held':
      return 'held (the contact stays on hold)';
    case 'transferred':
      return `transferred to ${o.number ?? '(no number)'}`;
    case 'error':
      return `error: ${o.reason ?? ''}`;
  }
}
