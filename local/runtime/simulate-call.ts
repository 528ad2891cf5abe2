import { randomUUID } from 'node:crypto';
import { normalizePhone } from '../../lambdas/shared/phone';
import type { ContactCenterConfig } from '../../lib/config';
import { parseInputScript, runContact, scriptedInput } from '../interpreter';
import type { ContactResult, InputRequest, LambdaHandler, TraceEvent } from '../interpreter/types';
import {
  buildContactEnvironment,
  buildLocalContactCenter,
  type LocalContactCenter,
  lambdaMap,
  type QueueState,
} from './environment';

/**
 * One simulated inbound call: the shipped flows walked by the interpreter, with the REAL ivr-lookup
 * handler (reading the local store through AWS_ENDPOINT_URL_DYNAMODB). Shared by `contact-center call`,
 * the HTTP console, the scenario tests and the bench.
 */

export interface LocalRuntime {
  contactCenter: LocalContactCenter;
  /** The ivr-lookup Lambda handler (the real one; tests may wrap it to inject failures). */
  ivrLookup: LambdaHandler;
}

export function createLocalRuntime(
  config: ContactCenterConfig,
  ivrLookup: LambdaHandler,
  options: { flowsDir?: string } = {},
): LocalRuntime {
  return { contactCenter: buildLocalContactCenter(config, options), ivrLookup };
}

export interface SimulateCallOptions {
  /**
   * The caller id as dialed from: any common format (03-1234-5678, +81 3 1234 5678), reaching the flow
   * as E.164 like the carrier delivers it; a withheld marker (`anonymous`, `非通知`…) is delivered as is;
   * `null` means no caller id at all.
   */
  from: string | null;
  /** Keys pressed (see {@link digitsInput}); ignored when `input` is given. */
  digits?: string;
  /** Interactive answers (the console awaits the browser's key press). */
  input?: (request: InputRequest) => Promise<string | undefined>;
  /** The instant of the call. @default now */
  at?: Date;
  /** Agents available in every queue. @default 1 */
  agentsAvailable?: number;
  /** Per queue name state overrides (capacity, contacts waiting…). */
  queues?: Record<string, QueueState>;
  /** Names of queues that are full (contacts in queue = max contacts): TransferContactToQueue takes QueueAtCapacity. */
  queuesAtCapacity?: string[];
  onEvent?: (event: TraceEvent) => void;
  contactId?: string;
}

export class CallInputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`${input}: ${message}`);
    this.name = 'CallInputError';
  }
}

/** Turns a caller id as typed into what Connect delivers as `CustomerEndpoint`. */
export function callerEndpoint(
  from: string | null,
  defaultCountry: string,
): { Address: string; Type: 'TELEPHONE_NUMBER' } | null {
  if (from === null) return null;
  const n = normalizePhone(from, defaultCountry);
  if (n.ok) return { Address: n.e164, Type: 'TELEPHONE_NUMBER' };
  if (n.reason === 'anonymous') return from.trim() === '' ? null : { Address: from.trim(), Type: 'TELEPHONE_NUMBER' };
  throw new CallInputError('--from', `"${from}" is not a phone number (expected e.g. 03-1234-5678 or +81312345678)`);
}

/**
 * The caller's keys as an input script: one key per prompt (`12` answers two menus), `_` lets a prompt
 * time out, `[0312345678#]` is one multi-key entry for a stored input.
 */
export function digitsInput(digits: string): (request: InputRequest) => Promise<string | undefined> {
  if (!/^[0-9*#_[\] ]*$/.test(digits)) {
    throw new CallInputError(
      '--digits',
      `"${digits}" may only contain keypad keys 0-9 * #, "_" (no input) and [ ] around a multi-key entry`,
    );
  }
  try {
    parseInputScript(digits);
  } catch (err) {
    throw new CallInputError('--digits', (err as Error).message);
  }
  return scriptedInput(digits);
}

export async function simulateCall(runtime: LocalRuntime, options: SimulateCallOptions): Promise<ContactResult> {
  const cc = runtime.contactCenter;
  const queues: Record<string, QueueState> = { ...options.queues };
  for (const name of options.queuesAtCapacity ?? []) {
    if (!(name in cc.queueArns)) {
      throw new CallInputError('queue', `unknown queue "${name}" (known: ${Object.keys(cc.queueArns).join(', ')})`);
    }
    const max = cc.config.queues.find((q) => q.name === name)?.maxContacts ?? queues[name]?.maxContacts ?? 10;
    queues[name] = { ...queues[name], maxContacts: max, contactsInQueue: max };
  }
  const agentsAvailable = options.agentsAvailable ?? 1;
  if (!Number.isInteger(agentsAvailable) || agentsAvailable < 0) {
    throw new CallInputError('--agents-available', `${agentsAvailable} is not a whole number ≥ 0`);
  }
  const env = buildContactEnvironment(cc, {
    now: options.at ?? new Date(),
    agentsAvailable,
    queues,
    lambdas: lambdaMap(cc, runtime.ivrLookup),
  });
  const customerEndpoint = callerEndpoint(options.from, cc.config.defaultCountry);
  return runContact(env, cc.entryFlowArn, {
    channel: 'VOICE',
    customerEndpoint,
    contactId: options.contactId ?? randomUUID(),
    input: options.input ?? digitsInput(options.digits ?? ''),
    ...(options.onEvent && { onEvent: options.onEvent }),
  });
}

/** The `call --json` contract object (architecture.md, "Operator CLI contract"), extended with language and voice. */
export function toCallJson(result: ContactResult) {
  return {
    outcome: {
      type: result.outcome.type,
      ...(result.outcome.queue !== undefined && { queue: result.outcome.queue }),
      ...(result.outcome.reason !== undefined && { reason: result.outcome.reason }),
    },
    prompts: result.prompts,
    attributes: result.attributes,
    lambdaCalls: result.lambdaCalls.map((c) => ({
      function: c.function,
      parameters: c.parameters,
      result: c.result ?? null,
      ...(c.error !== undefined && { error: c.error }),
    })),
    path: result.path,
    languageCode: result.languageCode,
    voice: result.voice,
    ...(result.callback && { callback: result.callback }),
  };
}
export type CallJson = ReturnType<typeof toCallJson>;
