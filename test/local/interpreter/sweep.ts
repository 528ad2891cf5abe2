import type {
  ContactEnvironment,
  ContactOptions,
  FlowAction,
  FlowDocument,
  HoursOfOperation,
  SimulatedQueue,
  TraceEvent,
} from '../../../local/interpreter';
import {
  FlowDocumentError,
  REFUSED_ACTION_TYPES,
  runContact,
  scriptedInput,
  UnsupportedActionError,
} from '../../../local/interpreter';
import { environment, queue } from './builders';
import type { CorpusFlow } from './corpus';

/**
 * The interpreter sweep: every exported flow run once as the contact its type says, in an environment
 * standing in for the instance it was exported from. Every queue, hours of operation and Lambda the
 * flows of its repository name statically exists there (a queue with one agent available, hours open
 * around the clock, a Lambda answering an empty map); flow references resolve only between files of the
 * same repository. The caller stays silent; a view or the Lex stand-in answers with the block's first
 * condition the first time it is reached, and times out after, so the branches the export draws are
 * followed without looping for ever.
 */

export const SWEEP_QUEUE = 'sweep-queue';
/** One agent staffed, online and available in every queue. */
const STAFFED = { agentsAvailable: 1, agentsStaffed: 1, agentsOnline: 1 };
const ALWAYS_OPEN: HoursOfOperation = {
  name: 'Always open',
  schedule: Object.fromEntries(
    ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => [
      d,
      { start: '00:00', end: '00:00' },
    ]),
  ),
};

function parse(flow: CorpusFlow): FlowDocument | undefined {
  try {
    return JSON.parse(flow.text) as FlowDocument;
  } catch {
    return undefined;
  }
}

/** Static string values (no `$.` reference; a repository's deploy-time placeholder counts) of a parameter anywhere in the actions. */
function staticValues(documents: readonly FlowDocument[], key: string): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === key && typeof v === 'string' && v !== '' && !v.includes('$.')) found.add(v);
        else visit(v);
      }
    }
  };
  for (const d of documents) visit(d.Actions);
  return [...found];
}

/** The repository a flow belongs to: acme, or the real-world folder. */
export function repositoryOf(flow: CorpusFlow): string {
  return flow.corpus === 'acme' ? 'acme' : (flow.file.split('/')[0] as string);
}

/** acme flows name each other by `${F:name:F}` / `${M:name:M}` tokens; real-world flows by ARN (unresolvable here). */
function flowKey(flow: CorpusFlow): string {
  if (flow.corpus !== 'acme') return flow.file;
  const kind = flow.type === 'CONTACT_FLOW_MODULE' ? 'M' : 'F';
  return `\${${kind}:${flow.name}:${kind}}`;
}

export function sweepEnvironment(repository: readonly CorpusFlow[]): ContactEnvironment {
  const documents = repository.map(parse).filter((d): d is FlowDocument => d !== undefined);
  const queues: Record<string, SimulatedQueue> = { [SWEEP_QUEUE]: queue({ name: 'Sweep', ...STAFFED }) };
  for (const ref of staticValues(documents, 'QueueId')) {
    queues[ref] = queue({ name: ref.slice(ref.lastIndexOf('/') + 1), ...STAFFED });
  }
  // acme's own queue tokens.
  for (const name of ['sales', 'finance']) queues[`\${Q:${name}:Q}`] = queue({ name, ...STAFFED });
  const hoursOfOperation: Record<string, HoursOfOperation> = {};
  for (const ref of staticValues(documents, 'HoursOfOperationId')) hoursOfOperation[ref] = ALWAYS_OPEN;
  for (const key of Object.keys(queues)) (queues[key] as SimulatedQueue).hoursOfOperation = 'always-open';
  hoursOfOperation['always-open'] = ALWAYS_OPEN;
  const lambdas: ContactEnvironment['lambdas'] = {};
  for (const arn of staticValues(documents, 'LambdaFunctionARN')) {
    lambdas[arn] = { name: /:function:([^:]+)/.exec(arn)?.[1] ?? arn, handler: async () => ({}) };
  }
  const flows: ContactEnvironment['flows'] = {};
  for (const f of repository) flows[flowKey(f)] = { name: f.file, type: f.type, content: f.text };
  return environment({ queues, hoursOfOperation, lambdas, flows, random: () => 0.5 });
}

/** A view or Lex answerer that picks the block's first condition the first time, then gives nothing. */
function firstConditionOnce<T>(documents: readonly FlowDocument[], answer: (operand: string) => T) {
  const actions = new Map<string, FlowAction>();
  for (const d of documents) for (const a of d.Actions) actions.set(a.Identifier, a);
  const seen = new Set<string>();
  return async (request: { actionId: string }): Promise<T | undefined> => {
    if (seen.has(request.actionId)) return undefined;
    seen.add(request.actionId);
    const operand = actions.get(request.actionId)?.Transitions?.Conditions?.[0]?.Condition.Operands[0];
    return typeof operand === 'string' ? answer(operand) : undefined;
  };
}

export type SweepOutcome =
  | { kind: 'outcome'; type: string; reason: string }
  | { kind: 'refused'; actionType: string; reason: string }
  | { kind: 'invalid'; reason: string };

export interface SweepRow {
  flow: CorpusFlow;
  channel: 'VOICE' | 'CHAT';
  outcome: SweepOutcome;
  /** What happened (the trace of a refused contact up to the refusal). */
  events: readonly TraceEvent[];
}

/** Runs one flow of a repository; anything but a result, a named refusal or an unreadable document is rethrown. */
export async function sweep(flow: CorpusFlow, repository: readonly CorpusFlow[]): Promise<SweepRow> {
  const documents = repository.map(parse).filter((d): d is FlowDocument => d !== undefined);
  const own = parse(flow);
  // Agent guides (ShowView) and waits run on chat contacts; everything else as a call.
  const chat = own?.Actions.some((a) => a.Type === 'ShowView' || a.Type === 'Wait') ?? false;
  const channel = chat ? 'CHAT' : 'VOICE';
  const options: ContactOptions = {
    channel,
    customerEndpoint: { Address: '+81312345678', Type: 'TELEPHONE_NUMBER' },
    input: scriptedInput(''),
    queue: SWEEP_QUEUE,
    views: firstConditionOnce(documents, (action) => ({ action, data: {} })),
    scriptedLexIntents: firstConditionOnce(documents, (intent) => ({ intent })),
  };
  try {
    const result = await runContact(sweepEnvironment(repository), flowKey(flow), options);
    return {
      flow,
      channel,
      outcome: { kind: 'outcome', type: result.outcome.type, reason: result.outcome.reason ?? '' },
      events: result.events,
    };
  } catch (error) {
    if (error instanceof UnsupportedActionError) {
      const named = Object.hasOwn(REFUSED_ACTION_TYPES, error.actionType) || /\(.+\)$/.test(error.message);
      if (named) {
        const outcome = { kind: 'refused', actionType: error.actionType, reason: error.message } as const;
        return { flow, channel, outcome, events: error.result?.events ?? [] };
      }
    }
    if (error instanceof FlowDocumentError) {
      return { flow, channel, outcome: { kind: 'invalid', reason: error.message }, events: [] };
    }
    throw error;
  }
}

/** One line of the outcomes table: `queued`, `refused CheckVoiceId`, `invalid`. */
export function summary(row: SweepRow): string {
  const o = row.outcome;
  return o.kind === 'outcome' ? o.type : o.kind === 'refused' ? `refused ${o.actionType}` : 'invalid';
}
