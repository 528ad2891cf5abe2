import { randomUUID } from 'node:crypto';
import { actionHandler, refusalReason } from './actions';
import { firstMatchingCondition } from './conditions';
import { FlowDocumentError, UnsupportedActionError } from './errors';
import { LocalCases, LocalCustomerProfiles } from './local-stores';
import { findEntry } from './lookup';
import { asText, evaluateText } from './references';
import {
  ContactFailed,
  type ContactState,
  type Ending,
  type Frame,
  type RunContext,
  record,
  type Step,
  unsupported,
} from './run-context';
import type {
  Audience,
  ContactEnvironment,
  ContactOptions,
  ContactOutcome,
  ContactResult,
  FlowAction,
  FlowDefinition,
  FlowDocument,
  FlowType,
  SimulatedQueue,
  TraceEvent,
} from './types';

const DEFAULT_MAX_STEPS = 1000;

/** Reduces SSML to the words a caller hears, for the transcript. */
export function ssmlToText(ssml: string): string {
  return ssml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What makes an action unwalkable (the linter reports the rest), or undefined. */
function actionShapeProblem(a: unknown): string | undefined {
  if (!isObject(a) || typeof a.Identifier !== 'string' || typeof a.Type !== 'string') {
    return 'has no string Identifier and Type';
  }
  if (a.Parameters !== undefined && !isObject(a.Parameters)) return 'has Parameters that are not an object';
  const t = a.Transitions;
  if (t === undefined) return undefined;
  if (!isObject(t)) return 'has Transitions that are not an object';
  if (t.NextAction !== undefined && typeof t.NextAction !== 'string') return 'has a NextAction that is not a string';
  const conditions = t.Conditions ?? [];
  const errors = t.Errors ?? [];
  if (
    !Array.isArray(conditions) ||
    !conditions.every(
      (c) =>
        isObject(c) &&
        typeof c.NextAction === 'string' &&
        isObject(c.Condition) &&
        typeof c.Condition.Operator === 'string' &&
        Array.isArray(c.Condition.Operands),
    )
  ) {
    return 'has malformed Transitions.Conditions';
  }
  if (
    !Array.isArray(errors) ||
    !errors.every((e) => isObject(e) && typeof e.NextAction === 'string' && typeof e.ErrorType === 'string')
  ) {
    return 'has malformed Transitions.Errors';
  }
  return undefined;
}

class Interpreter implements RunContext {
  constructor(readonly s: ContactState) {}

  emit(event: TraceEvent): void {
    this.s.events.push(event);
    this.s.options.onEvent?.(event);
  }

  // ---------------------------------------------------------------- flows

  flowDocument(key: string, definition: FlowDefinition): FlowDocument {
    const cached = this.s.parsedFlows.get(key);
    if (cached) return cached;
    let document: FlowDocument;
    if (typeof definition.content === 'string') {
      try {
        document = JSON.parse(definition.content) as FlowDocument;
      } catch (cause) {
        throw new FlowDocumentError(`flow "${definition.name}" is not valid JSON`, { cause });
      }
    } else {
      document = definition.content;
    }
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      throw new FlowDocumentError(`flow "${definition.name}" is not a flow document (a JSON object)`);
    }
    if (document.Version !== '2019-10-30') {
      throw new FlowDocumentError(`flow "${definition.name}" has Version "${document.Version}", expected "2019-10-30"`);
    }
    if (!Array.isArray(document.Actions)) throw new FlowDocumentError(`flow "${definition.name}" has no Actions array`);
    document.Actions.forEach((a: unknown, i) => {
      const problem = actionShapeProblem(a);
      if (problem) throw new FlowDocumentError(`flow "${definition.name}": Actions[${i}] ${problem}`);
    });
    this.s.parsedFlows.set(key, document);
    return document;
  }

  frame(ref: string, audience: Audience, qualify: boolean): Frame | undefined {
    const entry = findEntry(this.s.env.flows, ref);
    if (!entry) return undefined;
    const [key, definition] = entry;
    const document = this.flowDocument(key, definition);
    const actions = new Map(document.Actions.map((a) => [a.Identifier, a]));
    if (!actions.has(document.StartAction)) {
      throw new FlowDocumentError(`flow "${definition.name}": StartAction "${document.StartAction}" names no action`);
    }
    return { key, definition, document, actions, flowAttributes: {}, qualify, audience };
  }

  /** Runs a flow from its start until it ends; TransferToFlow continues in the target flow. */
  async runFlow(start: Frame): Promise<Ending> {
    let frame = start;
    let action = frame.actions.get(frame.document.StartAction) as FlowAction;
    const maxSteps = this.s.options.maxSteps ?? DEFAULT_MAX_STEPS;
    for (;;) {
      this.s.steps += 1;
      if (this.s.steps > maxSteps) {
        throw new ContactFailed(
          `stopped after ${maxSteps} actions at "${this.label(frame, action)}": the flow appears to loop forever (maxSteps)`,
        );
      }
      this.s.path.push(frame.qualify ? `${frame.definition.name}/${action.Identifier}` : action.Identifier);
      this.emit({
        type: 'action',
        flow: frame.definition.name,
        identifier: action.Identifier,
        actionType: action.Type,
      });
      const step = await this.execute(action, frame);
      let next: string | undefined;
      switch (step.kind) {
        case 'end':
          return step.ending;
        case 'transfer': {
          const target = this.frame(step.flowKey, frame.audience, true) as Frame;
          this.emit({ type: 'flow', actionId: action.Identifier, event: 'transfer', flow: target.definition.name });
          frame = target;
          action = frame.actions.get(frame.document.StartAction) as FlowAction;
          continue;
        }
        case 'next':
          next = action.Transitions?.NextAction;
          if (!next) {
            throw new ContactFailed(`"${this.label(frame, action)}" (${action.Type}) has no NextAction`);
          }
          break;
        case 'goto':
          this.emit({ type: 'branch', actionId: action.Identifier, via: 'condition', value: step.value });
          next = step.to;
          break;
        case 'value': {
          const matched = firstMatchingCondition(action.Transitions?.Conditions ?? [], step.value, (operand) =>
            asText(operand),
          );
          if (matched) {
            this.emit({ type: 'branch', actionId: action.Identifier, via: 'condition', value: step.value });
            next = matched.NextAction;
          } else {
            next = this.errorBranch(frame, action, 'NoMatchingCondition', `no condition matches "${step.value}"`);
          }
          break;
        }
        case 'error':
          next = this.errorBranch(frame, action, step.errorType, step.detail);
          break;
      }
      const found = frame.actions.get(next);
      if (!found) {
        throw new FlowDocumentError(
          `flow "${frame.definition.name}": "${action.Identifier}" leads to "${next}", which names no action`,
        );
      }
      action = found;
    }
  }

  /**
   * The branch for an error: its own ErrorType, else NoMatchingError. With neither, the contact ends
   * (outcome `error`, naming the action and the error) — the interpreter's reading of what Connect does.
   */
  errorBranch(frame: Frame, action: FlowAction, errorType: string, detail?: string): string {
    const errors = action.Transitions?.Errors ?? [];
    const branch =
      errors.find((e) => e.ErrorType === errorType) ?? errors.find((e) => e.ErrorType === 'NoMatchingError');
    const described = `${errorType}${detail ? `: ${detail}` : ''}`;
    if (!branch) {
      throw new ContactFailed(
        `"${this.label(frame, action)}" (${action.Type}) failed with ${described} and has no error branch for it`,
      );
    }
    this.emit({ type: 'branch', actionId: action.Identifier, via: 'error', value: described });
    return branch.NextAction;
  }

  label(frame: Frame, action: FlowAction): string {
    return `${frame.definition.name}/${action.Identifier}`;
  }

  // ---------------------------------------------------------------- references

  queueEntry(ref: string | undefined): [string, SimulatedQueue] | undefined {
    return ref === undefined ? undefined : findEntry(this.s.env.queues, ref);
  }

  queueArn(key: string): string {
    return key.startsWith('arn:') ? key : `${this.s.env.instanceArn}/queue/${key}`;
  }

  root(frame: Frame): Record<string, unknown> {
    const s = this.s;
    const queue = this.queueEntry(s.targetQueue);
    return {
      CustomerEndpoint: s.customerEndpoint ?? undefined,
      SystemEndpoint: s.systemEndpoint ?? undefined,
      ContactId: s.contactId,
      InitialContactId: s.contactId,
      PreviousContactId: s.contactId,
      Channel: s.channel,
      InitiationMethod: 'INBOUND',
      InstanceARN: s.env.instanceArn,
      AwsRegion: s.env.region,
      LanguageCode: s.languageCode,
      TextToSpeechVoiceId: s.voice,
      Queue: queue ? { Name: queue[1].name, ARN: this.queueArn(queue[0]) } : undefined,
      StoredCustomerInput: s.storedInput,
      Attributes: s.attributes,
      External: s.external,
      FlowAttributes: frame.flowAttributes,
      Metrics: s.metrics,
      Views: s.views,
      Lex: s.lex,
      Customer: s.customer,
      Case: s.caseFields,
    };
  }

  text(value: unknown, frame: Frame): string {
    return evaluateText(value, this.root(frame));
  }

  /** Transcript of a prompt parameter set (Text, SSML, PromptId or Media), or an error step. */
  promptText(parameters: Record<string, unknown>, frame: Frame): { text: string } | { error: string } {
    if (parameters.Text !== undefined) return { text: this.text(parameters.Text, frame) };
    if (parameters.SSML !== undefined) {
      if (this.s.channel === 'CHAT') return { error: 'SSML cannot be sent to a chat' };
      return { text: ssmlToText(this.text(parameters.SSML, frame)) };
    }
    if (parameters.PromptId !== undefined) {
      if (this.s.channel === 'CHAT') return { error: 'audio prompts cannot be sent to a chat' };
      const id = this.text(parameters.PromptId, frame);
      return { text: `[prompt: ${id.slice(id.lastIndexOf('/') + 1)}]` };
    }
    if (parameters.Media !== undefined) {
      const media = record(parameters.Media);
      return { text: `[media: ${this.text(media.Uri ?? media.SourceType ?? '', frame)}]` };
    }
    return { text: '' };
  }

  play(actionId: string, text: string, frame: Frame): void {
    if (frame.audience === 'customer') this.s.prompts.push(text);
    this.emit({ type: 'prompt', actionId, text, audience: frame.audience });
  }

  // ---------------------------------------------------------------- actions

  async execute(action: FlowAction, frame: Frame): Promise<Step> {
    const handler = actionHandler(action.Type);
    if (!handler) throw unsupported(action, frame, refusalReason(action.Type) ?? 'not an action type it knows');
    return handler(action, frame, this);
  }

  async runHook(hook: string, actionId: string, audience: Audience): Promise<Ending | undefined> {
    const key = this.s.eventHooks[hook];
    if (key === undefined) return undefined;
    const frame = this.frame(key, audience, true);
    if (!frame) throw new FlowDocumentError(`${hook} flow "${key}" is not in the environment`);
    this.emit({ type: 'flow', actionId, event: 'hook', flow: frame.definition.name });
    return this.runFlow(frame);
  }
}

/**
 * What a flow type is for, when it is the flow a contact is run through: who hears its prompts, and
 * what its end means (an inbound flow that ends has not queued the contact; a customer-queue flow that
 * ends leaves the contact in queue; a whisper that ends connects the agent; a hold flow that ends
 * leaves the contact on hold).
 */
type EntryRole = 'inbound' | 'queue' | 'whisper' | 'hold';

const ENTRY: Readonly<Record<FlowType, { role: EntryRole; audience: Audience }>> = {
  CONTACT_FLOW: { role: 'inbound', audience: 'customer' },
  CAMPAIGN: { role: 'inbound', audience: 'customer' },
  CONTACT_FLOW_MODULE: { role: 'inbound', audience: 'customer' },
  // A transfer flow runs for the agent who transfers; the customer hears the hold flow meanwhile
  // (admin guide: "Default queue transfer flow", "Quick connect scenarios").
  AGENT_TRANSFER: { role: 'inbound', audience: 'agent' },
  QUEUE_TRANSFER: { role: 'inbound', audience: 'agent' },
  CUSTOMER_QUEUE: { role: 'queue', audience: 'customer' },
  CUSTOMER_WHISPER: { role: 'whisper', audience: 'customer' },
  // Outbound whisper runs on the customer's leg of an outbound call, before the agent is connected.
  OUTBOUND_WHISPER: { role: 'whisper', audience: 'customer' },
  AGENT_WHISPER: { role: 'whisper', audience: 'agent' },
  CUSTOMER_HOLD: { role: 'hold', audience: 'customer' },
  AGENT_HOLD: { role: 'hold', audience: 'agent' },
};

function entryOf(type: FlowType): { role: EntryRole; audience: Audience } {
  return ENTRY[type] ?? { role: 'inbound', audience: 'customer' };
}

function outcomeOf(state: ContactState, ending: Ending, role: EntryRole, queueName?: string): ContactOutcome {
  const withQueue = queueName ? { queue: queueName } : {};
  if (ending.kind === 'transferred') return { type: 'transferred', number: ending.number, reason: ending.reason };
  if (ending.kind === 'disconnected') {
    if (state.callback) return { type: 'callback', queue: state.callback.queue, reason: ending.reason };
    return { type: 'disconnected', reason: ending.reason };
  }
  switch (role) {
    case 'queue':
      if (state.callback) return { type: 'callback', queue: state.callback.queue, reason: ending.reason };
      if (ending.kind === 'queued') {
        return { type: 'queued', ...(ending.queue ? { queue: ending.queue } : withQueue), reason: ending.reason };
      }
      return { type: 'queued', ...withQueue, reason: `still waiting in queue: the customer queue ${ending.reason}` };
    case 'whisper':
      if (ending.kind === 'queued') break;
      return {
        type: 'connected',
        ...withQueue,
        reason: `whisper ${ending.reason}; the agent and the customer are connected`,
      };
    case 'hold':
      return {
        type: 'held',
        reason:
          ending.kind === 'queued'
            ? ending.reason.replace(/^still waiting/, 'still on hold')
            : `on hold: the hold ${ending.reason}`,
      };
    case 'inbound':
      break;
  }
  if (ending.kind === 'queued') {
    return { type: 'queued', ...(ending.queue ? { queue: ending.queue } : {}), reason: ending.reason };
  }
  if (state.callback) return { type: 'callback', queue: state.callback.queue, reason: ending.reason };
  return { type: 'disconnected', reason: `${ending.reason} before the contact was queued` };
}

function resultOf(state: ContactState, outcome: ContactOutcome): ContactResult {
  return {
    outcome,
    prompts: state.prompts,
    attributes: state.attributes,
    lambdaCalls: state.lambdaCalls,
    path: state.path,
    events: state.events,
    languageCode: state.languageCode,
    voice: state.voice,
    ...(state.callback ? { callback: state.callback } : {}),
    ...(Object.keys(state.tags).length > 0 ? { tags: state.tags } : {}),
    ...(state.tasks.length > 0 ? { tasks: state.tasks } : {}),
  };
}

/**
 * Runs one contact through a flow as Amazon Connect would, calling Lambda handlers in-process.
 *
 * Resolves with the outcome (queued, callback, disconnected, or error when an action failed with no
 * branch for it or the step limit was reached). Rejects with {@link UnsupportedActionError} (carrying
 * the partial result) when the flow reaches an action the interpreter cannot run, and with
 * {@link FlowDocumentError} when a flow cannot be read.
 */
export async function runContact(
  env: ContactEnvironment,
  flowIdOrArn: string,
  options: ContactOptions,
): Promise<ContactResult> {
  const state: ContactState = {
    env,
    options,
    contactId: options.contactId ?? randomUUID(),
    channel: options.channel ?? 'VOICE',
    customerEndpoint: options.customerEndpoint ?? null,
    systemEndpoint: options.systemEndpoint ?? null,
    attributes: { ...(options.attributes ?? {}) },
    external: {},
    metrics: {},
    languageCode: env.defaultLanguageCode ?? 'en-US',
    voice: env.defaultVoice ?? 'Joanna',
    eventHooks: {},
    loopCounters: new Map(),
    queueCycles: new Map(),
    prompts: [],
    path: [],
    events: [],
    lambdaCalls: [],
    steps: 0,
    parsedFlows: new Map(),
    views: {},
    lex: {},
    customer: {},
    caseFields: {},
    customerProfiles: env.customerProfiles ?? new LocalCustomerProfiles(),
    cases: env.cases ?? new LocalCases(),
    tags: {},
    tasks: [],
  };
  const interpreter = new Interpreter(state);
  if (options.queue !== undefined) {
    const queue = findEntry(env.queues, options.queue);
    if (!queue) throw new FlowDocumentError(`queue "${options.queue}" is not in the environment`);
    state.targetQueue = queue[0];
  }
  const found = findEntry(env.flows, flowIdOrArn);
  if (!found) throw new FlowDocumentError(`flow "${flowIdOrArn}" is not in the environment`);
  // The flow's type says how the contact reached it: who hears it and what its end means.
  const { role, audience } = entryOf(found[1].type);
  const entry = interpreter.frame(found[0], audience, false) as Frame;
  // A contact running its customer-queue flow is already waiting in the target queue.
  if (role === 'queue' && state.targetQueue !== undefined) state.waitingIn = state.targetQueue;
  let outcome: ContactOutcome;
  try {
    const ending = await interpreter.runFlow(entry);
    outcome = outcomeOf(state, ending, role, interpreter.queueEntry(state.targetQueue)?.[1].name);
  } catch (error) {
    if (error instanceof ContactFailed) {
      outcome = { type: 'error', reason: error.message };
    } else {
      if (error instanceof UnsupportedActionError) {
        error.result = resultOf(state, { type: 'error', reason: error.message });
      }
      throw error;
    }
  }
  interpreter.emit({ type: 'end', outcome });
  return resultOf(state, outcome);
}
