import { randomUUID } from 'node:crypto';
import type { CustomerStore } from '../../lambdas/shared/customer-data/customer-store';
import {
  ANONYMOUS_PHONE,
  type ContactRecordOutcome,
  type ContactTraceRecord,
  recordContact,
} from '../../lambdas/shared/intake/contact-records';
import type { ContactOutcome, ContactResult, TraceEvent } from '../interpreter/types';
import { LOCAL_ACCOUNT, type LocalContactCenter } from './environment';
import { callerEndpoint, type LocalRuntime, type SimulateCallOptions, simulateCall } from './simulate-call';

/**
 * The contact trace record Amazon Connect would emit for a simulated inbound call, and its recording
 * through `recordContact` — the code the ctr-processor Lambda runs on the CTR stream — so local calls
 * reach the customer's history (`contact-center history`, the console's screen pop) as in AWS.
 */

/** The agent who answers whenever the simulation has an available agent. */
export const LOCAL_AGENT_USERNAME = 'local-agent';

export interface SimulatedCall {
  contactId: string;
  /** The caller id as dialed (see `SimulateCallOptions.from`); `null` = no caller id. */
  from: string | null;
  /** The instant of the call (`--at`, or when it was dialed). */
  initiatedAt: Date;
  /** When it ended; at least `initiatedAt`. */
  disconnectedAt: Date;
  /** The trace of the call (for the queue the caller waited in, and whether an agent answered). */
  events: readonly TraceEvent[];
  /** How the flows ended it; `undefined` when the caller hung up first. */
  outcome?: ContactOutcome;
  /** Contact attributes at the end; by default those set along `events`. */
  attributes?: Record<string, string>;
}

export type DisconnectReason = 'CUSTOMER_DISCONNECT' | 'CONTACT_FLOW_DISCONNECT';

function disconnectReason(outcome: ContactOutcome | undefined): DisconnectReason {
  // The caller hangs up: in the IVR, while waiting in queue, or after talking to the agent.
  if (outcome === undefined || outcome.type === 'queued') return 'CUSTOMER_DISCONNECT';
  // Goodbye, callback booked, or a flow error: the flow disconnects the contact.
  return 'CONTACT_FLOW_DISCONNECT';
}

function attributesOf(events: readonly TraceEvent[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const e of events) if (e.type === 'attributes') Object.assign(attributes, e.changed);
  return attributes;
}

/** The queue the contact was placed in (queued outcome, or hung up while waiting in a queue). */
function queueOf(call: SimulatedCall): string | undefined {
  if (call.outcome?.type === 'queued') return call.outcome.queue;
  if (call.outcome !== undefined) return undefined;
  let queue: string | undefined;
  for (const e of call.events) if (e.type === 'queue' && e.event === 'waiting') queue = e.queue;
  return queue;
}

/** The CTR of a simulated inbound call (the fields the ctr-processor reads, plus a few Connect always sends). */
export function voiceContactTraceRecord(cc: LocalContactCenter, call: SimulatedCall): ContactTraceRecord {
  const endpoint = callerEndpoint(call.from, cc.config.defaultCountry);
  // Connect reports a withheld or missing caller id as "anonymous".
  const address = endpoint && /^\+\d+$/.test(endpoint.Address) ? endpoint.Address : ANONYMOUS_PHONE;
  const disconnected = new Date(Math.max(call.disconnectedAt.getTime(), call.initiatedAt.getTime()));
  const queue = queueOf(call);
  const answered =
    call.outcome?.type === 'queued' &&
    call.events.some((e) => e.type === 'queue' && e.event === 'answered' && e.queue === queue);
  return {
    AWSAccountId: LOCAL_ACCOUNT,
    InstanceARN: cc.instanceArn,
    ContactId: call.contactId,
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: call.initiatedAt.toISOString(),
    DisconnectTimestamp: disconnected.toISOString(),
    LastUpdateTimestamp: disconnected.toISOString(),
    DisconnectReason: disconnectReason(call.outcome),
    CustomerEndpoint: { Address: address, Type: 'TELEPHONE_NUMBER' },
    Queue: queue ? { Name: queue, ARN: cc.queueArns[queue] ?? null } : null,
    Agent: answered ? { Username: LOCAL_AGENT_USERNAME } : null,
    Attributes: { ...(call.attributes ?? attributesOf(call.events)) },
  };
}

export interface RecordCallDeps {
  store: CustomerStore;
  contactCenter: LocalContactCenter;
}

/** Builds the call's CTR and records it as the ctr-processor would (idempotent by ContactId). */
export async function recordSimulatedCall(
  deps: RecordCallDeps,
  call: SimulatedCall,
): Promise<{ ctr: ContactTraceRecord; outcome: ContactRecordOutcome }> {
  const ctr = voiceContactTraceRecord(deps.contactCenter, call);
  const outcome = await recordContact(
    { store: deps.store, defaultCountry: deps.contactCenter.config.defaultCountry },
    ctr,
  );
  return { ctr, outcome };
}

export interface RecordedCall {
  contactId: string;
  result: ContactResult;
  ctr: ContactTraceRecord;
  recorded: ContactRecordOutcome;
}

/**
 * {@link simulateCall}, then its CTR through the ctr-processor's code: what `contact-center call` does.
 * The call lasts as long as the simulation took, from `at`.
 */
export async function simulateRecordedCall(
  runtime: LocalRuntime,
  store: CustomerStore,
  options: SimulateCallOptions,
): Promise<RecordedCall> {
  const contactId = options.contactId ?? randomUUID();
  const initiatedAt = options.at ?? new Date();
  const started = Date.now();
  const result = await simulateCall(runtime, { ...options, contactId, at: initiatedAt });
  const { ctr, outcome } = await recordSimulatedCall(
    { store, contactCenter: runtime.contactCenter },
    {
      contactId,
      from: options.from,
      initiatedAt,
      disconnectedAt: new Date(initiatedAt.getTime() + (Date.now() - started)),
      events: result.events,
      outcome: result.outcome,
      attributes: result.attributes,
    },
  );
  return { contactId, result, ctr, recorded: outcome };
}
