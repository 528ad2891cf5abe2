import { randomUUID } from 'node:crypto';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AGENT_METRICS as AGENT_METRIC_TYPES } from '../../lib/flows/action-types';
import { firstMatchingCondition, toNumber } from './conditions';
import { FlowDocumentError, UnsupportedActionError } from './errors';
import { isOpen } from './hours';
import { invokeWithTimeout, lambdaContext, MAX_LAMBDA_SECONDS, validateLambdaResult } from './lambda';
import { asText, evaluateText } from './references';
import type {
  Audience,
  ContactEnvironment,
  ContactOptions,
  ContactOutcome,
  ContactResult,
  FlowAction,
  FlowDefinition,
  FlowDocument,
  LambdaCall,
  SimulatedQueue,
  TraceEvent,
} from './types';

/** Action types the interpreter runs. Anything else stops the contact with {@link UnsupportedActionError}. */
export const SUPPORTED_ACTION_TYPES = [
  'CheckHoursOfOperation',
  'CheckMetricData',
  'Compare',
  'CreateCallbackContact',
  'DequeueContactAndTransferToQueue',
  'DisconnectParticipant',
  'DistributeByPercentage',
  'EndFlowExecution',
  'EndFlowModuleExecution',
  'GetMetricData',
  'GetParticipantInput',
  'InvokeFlowModule',
  'InvokeLambdaFunction',
  'Loop',
  'MessageParticipant',
  'MessageParticipantIteratively',
  'TransferContactToQueue',
  'TransferToFlow',
  'UpdateContactAttributes',
  'UpdateContactCallbackNumber',
  'UpdateContactData',
  'UpdateContactEventHooks',
  'UpdateContactRecordingBehavior',
  'UpdateContactTargetQueue',
  'UpdateContactTextToSpeechVoice',
  'UpdateFlowAttributes',
  'UpdateFlowLoggingBehavior',
] as const;

const DEFAULT_MAX_STEPS = 1000;
const DEFAULT_MAX_QUEUE_CYCLES = 3;
const DEFAULT_LAMBDA_SECONDS = 3;
const DEFAULT_INPUT_SECONDS = 5;
/** Contact attributes are limited to 32,768 UTF-8 bytes (keys and values) per contact. */
export const MAX_ATTRIBUTE_BYTES = 32 * 1024;
const AGENT_METRICS = new Set(AGENT_METRIC_TYPES);
const E164 = /^\+[1-9]\d{1,14}$/;

/** How a flow run ended. */
type Ending =
  | { kind: 'disconnected'; reason: string }
  | { kind: 'ended'; reason: string }
  | { kind: 'queued'; queue?: string; reason: string };

/** What an action asks the driver to do next. */
type Step =
  | { kind: 'next' }
  | { kind: 'goto'; to: string; value: string }
  | { kind: 'error'; errorType: string; detail?: string }
  | { kind: 'value'; value: string; noMatch: 'error' | 'next' }
  | { kind: 'end'; ending: Ending }
  | { kind: 'transfer'; flowKey: string };

/** Thrown inside the run to end the contact with an `error` outcome. */
class ContactFailed extends Error {}

interface Frame {
  key: string;
  definition: FlowDefinition;
  document: FlowDocument;
  actions: Map<string, FlowAction>;
  flowAttributes: Record<string, string>;
  /** Qualify path entries with the flow name (everything but the entry flow). */
  qualify: boolean;
  audience: Audience;
}

interface ContactState {
  env: ContactEnvironment;
  options: ContactOptions;
  contactId: string;
  channel: 'VOICE' | 'CHAT';
  customerEndpoint: { Address: string; Type: 'TELEPHONE_NUMBER' } | null;
  systemEndpoint: { Address: string; Type: 'TELEPHONE_NUMBER' } | null;
  attributes: Record<string, string>;
  external: Record<string, unknown>;
  storedInput?: string;
  metrics: Record<string, unknown>;
  languageCode: string;
  voice: string;
  targetQueue?: string;
  /** Key of the queue the contact waits in (it then counts in that queue's size). */
  waitingIn?: string;
  eventHooks: Record<string, string>;
  callbackNumber?: string;
  callback?: { queue: string; number: string };
  loopCounters: Map<string, number>;
  queueCycles: Map<string, number>;
  prompts: string[];
  path: string[];
  events: TraceEvent[];
  lambdaCalls: LambdaCall[];
  steps: number;
  parsedFlows: Map<string, FlowDocument>;
}

/**
 * Looks a reference up in an environment record: exact key, then by id (the last `/` segment of an ARN,
 * on either side), then by name.
 */
export function findEntry<T extends { name: string }>(
  record: Record<string, T>,
  ref: string,
): [key: string, value: T] | undefined {
  if (ref === '') return undefined;
  if (Object.hasOwn(record, ref)) return [ref, record[ref] as T];
  const id = ref.slice(ref.lastIndexOf('/') + 1);
  const entries = Object.entries(record);
  const found =
    entries.find(([k]) => k === id) ??
    entries.find(([k]) => k.slice(k.lastIndexOf('/') + 1) === id) ??
    entries.find(([, v]) => v.name === ref);
  return found ? [found[0], found[1]] : undefined;
}

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

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function attributeBytes(attributes: Record<string, string>): number {
  return Object.entries(attributes).reduce(
    (sum, [k, v]) => sum + Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8'),
    0,
  );
}

class Interpreter {
  constructor(private readonly s: ContactState) {}

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
    if (document.Version !== '2019-10-30') {
      throw new FlowDocumentError(`flow "${definition.name}" has Version "${document.Version}", expected "2019-10-30"`);
    }
    if (!Array.isArray(document.Actions)) throw new FlowDocumentError(`flow "${definition.name}" has no Actions array`);
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
          } else if (step.noMatch === 'next' && action.Transitions?.NextAction) {
            next = action.Transitions.NextAction;
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
    const p = action.Parameters ?? {};
    const id = action.Identifier;
    const unsupported = (detail?: string) =>
      new UnsupportedActionError(action.Type, action.Identifier, frame.definition.name, detail);
    switch (action.Type) {
      case 'MessageParticipant': {
        const prompt = this.promptText(p, frame);
        if ('error' in prompt) return { kind: 'error', errorType: 'NoMatchingError', detail: prompt.error };
        this.play(id, prompt.text, frame);
        return { kind: 'next' };
      }
      case 'MessageParticipantIteratively':
        return this.messageIteratively(action, frame);
      case 'GetParticipantInput':
        return this.getInput(action, frame);
      case 'InvokeLambdaFunction':
        if (asText(p.InvocationType).toUpperCase() === 'ASYNCHRONOUS') {
          throw unsupported('InvocationType ASYNCHRONOUS');
        }
        return this.invokeLambda(action, frame);
      case 'UpdateContactAttributes': {
        const target = asText(p.TargetContact);
        if (target !== '' && target !== 'Current') {
          return { kind: 'error', errorType: 'NoMatchingError', detail: `TargetContact "${target}" does not exist` };
        }
        const changed: Record<string, string> = {};
        for (const [k, v] of Object.entries(record(p.Attributes))) changed[k] = this.text(v, frame);
        const merged = { ...this.s.attributes, ...changed };
        const bytes = attributeBytes(merged);
        if (bytes > MAX_ATTRIBUTE_BYTES) {
          return {
            kind: 'error',
            errorType: 'NoMatchingError',
            detail: `attributes would take ${bytes} bytes, more than ${MAX_ATTRIBUTE_BYTES}`,
          };
        }
        this.s.attributes = merged;
        this.emit({ type: 'attributes', actionId: id, changed });
        return { kind: 'next' };
      }
      case 'UpdateFlowAttributes':
        for (const [k, v] of Object.entries(record(p.FlowAttributes))) {
          const value = v !== null && typeof v === 'object' ? record(v).Value : v;
          frame.flowAttributes[k] = this.text(value, frame);
        }
        return { kind: 'next' };
      case 'Compare':
        return { kind: 'value', value: this.text(p.ComparisonValue, frame), noMatch: 'error' };
      case 'CheckHoursOfOperation': {
        const ref =
          p.HoursOfOperationId !== undefined
            ? this.text(p.HoursOfOperationId, frame)
            : this.queueEntry(this.s.targetQueue)?.[1].hoursOfOperation;
        if (ref === undefined) {
          return { kind: 'error', errorType: 'NoMatchingError', detail: 'no HoursOfOperationId and no target queue' };
        }
        const hours = findEntry(this.s.env.hoursOfOperation, ref);
        if (!hours)
          return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown hours of operation "${ref}"` };
        const open = isOpen(hours[1], this.s.env.now, this.s.env.timeZone);
        this.emit({ type: 'setting', actionId: id, name: 'HoursOfOperation', value: `${hours[1].name}: ${open}` });
        return { kind: 'value', value: open ? 'True' : 'False', noMatch: 'error' };
      }
      case 'CheckMetricData':
      case 'GetMetricData': {
        if (p.AgentId !== undefined) throw unsupported('agent queues (AgentId)');
        const ref = p.QueueId !== undefined ? this.text(p.QueueId, frame) : this.s.targetQueue;
        const queue = this.queueEntry(ref);
        if (!queue) return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown queue "${ref ?? ''}"` };
        // The snapshot counts the other contacts; a contact waiting in the queue counts itself too.
        const q = { ...queue[1], contactsInQueue: queue[1].contactsInQueue + (this.s.waitingIn === queue[0] ? 1 : 0) };
        if (action.Type === 'GetMetricData') {
          this.s.metrics = {
            Queue: {
              Name: q.name,
              ARN: this.queueArn(queue[0]),
              Size: q.contactsInQueue,
              OldestContactAge: q.oldestContactAgeSeconds,
            },
            Agents: {
              Online: { Count: q.agentsOnline },
              Available: { Count: q.agentsAvailable },
              Staffed: { Count: q.agentsStaffed },
            },
          };
          return { kind: 'next' };
        }
        const metricType = asText(p.MetricType);
        const values: Record<string, number> = {
          NumberOfAgentsAvailable: q.agentsAvailable,
          NumberOfAgentsStaffed: q.agentsStaffed,
          NumberOfAgentsOnline: q.agentsOnline,
          OldestContactInQueueAgeSeconds: q.oldestContactAgeSeconds,
          NumberOfContactsInQueue: q.contactsInQueue,
        };
        const value = values[metricType];
        if (value === undefined) throw unsupported(`MetricType "${metricType}"`);
        // Agent counts have a True branch (NumberGreaterThan 0) and fall through to NextAction otherwise.
        return { kind: 'value', value: String(value), noMatch: AGENT_METRICS.has(metricType) ? 'next' : 'error' };
      }
      case 'DistributeByPercentage': {
        const draw = Math.min(100, Math.max(1, Math.floor((this.s.env.random ?? Math.random)() * 100) + 1));
        return { kind: 'value', value: String(draw), noMatch: 'error' };
      }
      case 'Loop': {
        const count = toNumber(this.text(p.LoopCount, frame));
        if (count === undefined || count < 0 || !Number.isInteger(count)) {
          return { kind: 'error', errorType: 'NoMatchingError', detail: `LoopCount "${asText(p.LoopCount)}"` };
        }
        const key = `${frame.key}\u0000${id}`;
        const done = this.s.loopCounters.get(key) ?? 0;
        if (done < count) {
          this.s.loopCounters.set(key, done + 1);
          return { kind: 'value', value: 'ContinueLooping', noMatch: 'error' };
        }
        this.s.loopCounters.delete(key);
        return { kind: 'value', value: 'DoneLooping', noMatch: 'error' };
      }
      case 'UpdateFlowLoggingBehavior':
        this.emit({ type: 'setting', actionId: id, name: 'FlowLoggingBehavior', value: asText(p.FlowLoggingBehavior) });
        return { kind: 'next' };
      case 'UpdateContactRecordingBehavior':
        this.emit({
          type: 'setting',
          actionId: id,
          name: 'RecordingBehavior',
          value: JSON.stringify({ RecordingBehavior: p.RecordingBehavior, AnalyticsBehavior: p.AnalyticsBehavior }),
        });
        return { kind: 'next' };
      case 'UpdateContactTextToSpeechVoice':
        this.s.voice = this.text(p.TextToSpeechVoice, frame);
        this.emit({ type: 'setting', actionId: id, name: 'TextToSpeechVoice', value: this.s.voice });
        if (p.TextToSpeechEngine !== undefined) {
          this.emit({ type: 'setting', actionId: id, name: 'TextToSpeechEngine', value: asText(p.TextToSpeechEngine) });
        }
        return { kind: 'next' };
      case 'UpdateContactData': {
        const target = asText(p.TargetContact);
        if (target !== '' && target !== 'Current') {
          return { kind: 'error', errorType: 'NoMatchingError', detail: `TargetContact "${target}" does not exist` };
        }
        for (const [k, v] of Object.entries(p)) {
          if (k === 'TargetContact') continue;
          const value = this.text(v, frame);
          if (k === 'LanguageCode') this.s.languageCode = value;
          this.emit({ type: 'setting', actionId: id, name: k, value });
        }
        return { kind: 'next' };
      }
      case 'UpdateContactTargetQueue': {
        if (p.AgentId !== undefined) throw unsupported('agent queues (AgentId)');
        const ref = this.text(p.QueueId, frame);
        const queue = this.queueEntry(ref);
        if (!queue) return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown queue "${ref}"` };
        this.s.targetQueue = queue[0];
        this.emit({ type: 'queue', actionId: id, event: 'target', queue: queue[1].name });
        return { kind: 'next' };
      }
      case 'TransferContactToQueue': {
        const queue = this.queueEntry(this.s.targetQueue);
        if (!queue) return { kind: 'error', errorType: 'NoMatchingError', detail: 'no target queue set' };
        return this.enqueue(id, queue, true);
      }
      case 'DequeueContactAndTransferToQueue': {
        if (p.AgentId !== undefined) throw unsupported('agent queues (AgentId)');
        const ref = this.text(p.QueueId, frame);
        const queue = this.queueEntry(ref);
        if (!queue) return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown queue "${ref}"` };
        this.s.targetQueue = queue[0];
        // Already inside the customer-queue flow: the new queue's wait is not simulated again.
        return this.enqueue(id, queue, false);
      }
      case 'UpdateContactEventHooks': {
        const hooks: Record<string, string> = {};
        for (const [hook, v] of Object.entries(record(p.EventHooks))) {
          const ref = this.text(v, frame);
          const flow = findEntry(this.s.env.flows, ref);
          if (!flow) return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown ${hook} flow "${ref}"` };
          hooks[hook] = flow[0];
        }
        for (const [hook, key] of Object.entries(hooks)) {
          this.s.eventHooks[hook] = key;
          this.emit({
            type: 'setting',
            actionId: id,
            name: `EventHook.${hook}`,
            value: this.s.env.flows[key]?.name ?? key,
          });
        }
        return { kind: 'next' };
      }
      case 'UpdateContactCallbackNumber': {
        const number = this.text(p.CallbackNumber, frame).trim();
        if (!E164.test(number)) {
          return { kind: 'error', errorType: 'InvalidCallbackNumber', detail: `"${number}" is not an E.164 number` };
        }
        this.s.callbackNumber = number;
        this.emit({ type: 'setting', actionId: id, name: 'CallbackNumber', value: number });
        return { kind: 'next' };
      }
      case 'CreateCallbackContact': {
        if (p.AgentId !== undefined) throw unsupported('agent queues (AgentId)');
        const ref = p.QueueId !== undefined ? this.text(p.QueueId, frame) : this.s.targetQueue;
        const queue = this.queueEntry(ref);
        if (!queue) return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown queue "${ref ?? ''}"` };
        const number = this.s.callbackNumber ?? this.s.customerEndpoint?.Address;
        if (!number || !E164.test(number)) {
          return { kind: 'error', errorType: 'NoMatchingError', detail: 'no callback number' };
        }
        this.s.callback = { queue: queue[1].name, number };
        this.emit({ type: 'callback', actionId: id, queue: queue[1].name, number });
        return { kind: 'next' };
      }
      case 'TransferToFlow': {
        const ref = this.text(p.ContactFlowId, frame);
        const flow = findEntry(this.s.env.flows, ref);
        if (!flow) return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown flow "${ref}"` };
        return { kind: 'transfer', flowKey: flow[0] };
      }
      case 'InvokeFlowModule': {
        const ref = this.text(p.FlowModuleId, frame);
        const module = this.frame(ref, frame.audience, true);
        if (!module) return { kind: 'error', errorType: 'NoMatchingError', detail: `unknown flow module "${ref}"` };
        this.emit({ type: 'flow', actionId: id, event: 'module', flow: module.definition.name });
        const ending = await this.runFlow(module);
        return ending.kind === 'ended' ? { kind: 'next' } : { kind: 'end', ending };
      }
      case 'DisconnectParticipant':
        return {
          kind: 'end',
          ending: { kind: 'disconnected', reason: `disconnected by ${this.label(frame, action)}` },
        };
      case 'EndFlowExecution':
      case 'EndFlowModuleExecution':
        return { kind: 'end', ending: { kind: 'ended', reason: `flow ended at ${this.label(frame, action)}` } };
      default:
        throw unsupported();
    }
  }

  async messageIteratively(action: FlowAction, frame: Frame): Promise<Step> {
    const messages = Array.isArray(action.Parameters?.Messages) ? (action.Parameters.Messages as unknown[]) : [];
    for (const message of messages) {
      const prompt = this.promptText(record(message), frame);
      if ('error' in prompt) return { kind: 'error', errorType: 'NoMatchingError', detail: prompt.error };
      this.play(action.Identifier, prompt.text, frame);
    }
    const key = `${frame.key}\u0000${action.Identifier}`;
    const cycles = (this.s.queueCycles.get(key) ?? 0) + 1;
    this.s.queueCycles.set(key, cycles);
    const interrupt = (action.Transitions?.Conditions ?? []).find(
      (c) => c.Condition.Operator === 'Equals' && asText(c.Condition.Operands[0]) === 'MessagesInterrupted',
    );
    const maxCycles = this.s.options.maxQueueCycles ?? DEFAULT_MAX_QUEUE_CYCLES;
    if (interrupt && cycles <= maxCycles) {
      return { kind: 'goto', to: interrupt.NextAction, value: 'MessagesInterrupted' };
    }
    const queue = this.queueEntry(this.s.targetQueue)?.[1].name;
    return {
      kind: 'end',
      ending: {
        kind: 'queued',
        queue,
        reason: `still waiting: ${this.label(frame, action)} kept looping its messages (${cycles} cycle${cycles > 1 ? 's' : ''} simulated)`,
      },
    };
  }

  async enqueue(actionId: string, [key, queue]: [string, SimulatedQueue], runQueueFlow: boolean): Promise<Step> {
    if (queue.maxContacts !== undefined && queue.contactsInQueue >= queue.maxContacts) {
      this.emit({ type: 'queue', actionId, event: 'capacity', queue: queue.name });
      return {
        kind: 'error',
        errorType: 'QueueAtCapacity',
        detail: `${queue.name} holds ${queue.contactsInQueue} of ${queue.maxContacts} contacts`,
      };
    }
    this.s.targetQueue = key;
    if (queue.agentsAvailable > 0) {
      this.emit({ type: 'queue', actionId, event: 'answered', queue: queue.name });
      await this.runHook('CustomerWhisper', actionId, 'customer');
      await this.runHook('AgentWhisper', actionId, 'agent');
      return { kind: 'end', ending: { kind: 'queued', queue: queue.name, reason: 'answered by an available agent' } };
    }
    this.emit({ type: 'queue', actionId, event: 'waiting', queue: queue.name });
    this.s.waitingIn = key;
    const ending = runQueueFlow ? await this.runHook('CustomerQueue', actionId, 'customer') : undefined;
    if (ending?.kind === 'disconnected') return { kind: 'end', ending };
    return {
      kind: 'end',
      ending: {
        kind: 'queued',
        queue: this.queueEntry(this.s.targetQueue)?.[1].name ?? queue.name,
        reason:
          ending === undefined
            ? 'waiting in queue, no agent available'
            : ending.kind === 'queued'
              ? ending.reason
              : `still waiting: the customer queue ${ending.reason}`,
      },
    };
  }

  async runHook(hook: string, actionId: string, audience: Audience): Promise<Ending | undefined> {
    const key = this.s.eventHooks[hook];
    if (key === undefined) return undefined;
    const frame = this.frame(key, audience, true);
    if (!frame) throw new FlowDocumentError(`${hook} flow "${key}" is not in the environment`);
    this.emit({ type: 'flow', actionId, event: 'hook', flow: frame.definition.name });
    return this.runFlow(frame);
  }

  async getInput(action: FlowAction, frame: Frame): Promise<Step> {
    const p = action.Parameters ?? {};
    const prompt = this.promptText(p, frame);
    if ('error' in prompt) return { kind: 'error', errorType: 'NoMatchingError', detail: prompt.error };
    if (this.s.channel !== 'VOICE') {
      return { kind: 'error', errorType: 'NoMatchingError', detail: `GetParticipantInput is voice only` };
    }
    this.play(action.Identifier, prompt.text, frame);
    const store = isTrue(p.StoreInput);
    const validation = record(p.InputValidation);
    const custom = record(validation.CustomValidation);
    const phone = validation.PhoneNumberValidation !== undefined ? record(validation.PhoneNumberValidation) : undefined;
    const maxDigits = store ? toNumber(custom.MaximumLength) : 1;
    const answer = await this.s.options.input({
      actionId: action.Identifier,
      prompt: prompt.text,
      timeoutSeconds: toNumber(p.InputTimeLimitSeconds) ?? DEFAULT_INPUT_SECONDS,
      ...(maxDigits !== undefined ? { maxDigits } : {}),
    });
    this.emit({
      type: 'input',
      actionId: action.Identifier,
      prompt: prompt.text,
      ...(answer !== undefined ? { value: answer } : {}),
    });
    if (answer === undefined || answer === '') {
      return { kind: 'error', errorType: 'InputTimeLimitExceeded', detail: 'no input before the time limit' };
    }
    if (!store) return { kind: 'value', value: answer.slice(0, 1), noMatch: 'error' };
    const terminator = asText(record(p.DTMFConfiguration).InputTerminationSequence) || '#';
    let value = answer.endsWith(terminator) ? answer.slice(0, -terminator.length) : answer;
    if (maxDigits !== undefined) value = value.slice(0, maxDigits);
    if (phone) {
      const format = asText(phone.NumberFormat);
      const candidate = format === 'E164' && !value.startsWith('+') ? `+${value}` : value;
      const parsed = parsePhoneNumberFromString(candidate, (asText(phone.CountryCode) || undefined) as never);
      if (!parsed?.isValid()) {
        return { kind: 'error', errorType: 'InvalidPhoneNumber', detail: `"${value}" is not a valid phone number` };
      }
      value = parsed.number;
    }
    this.s.storedInput = value;
    return { kind: 'next' };
  }

  contactEvent(parameters: Record<string, string>): ConnectContactFlowEvent {
    const s = this.s;
    const queue = this.queueEntry(s.targetQueue);
    return {
      Details: {
        ContactData: {
          Attributes: { ...s.attributes },
          Channel: s.channel,
          ContactId: s.contactId,
          CustomerEndpoint: s.customerEndpoint ? { ...s.customerEndpoint } : null,
          InitialContactId: s.contactId,
          InitiationMethod: 'INBOUND',
          InstanceARN: s.env.instanceArn,
          PreviousContactId: s.contactId,
          Queue: queue ? { ARN: this.queueArn(queue[0]), Name: queue[1].name } : null,
          SystemEndpoint: s.systemEndpoint ? { ...s.systemEndpoint } : null,
          MediaStreams: { Customer: { Audio: null } },
          // Present in real events though missing from @types/aws-lambda.
          ...({ LanguageCode: s.languageCode } as object),
        },
        Parameters: parameters,
      },
      Name: 'ContactFlowEvent',
    };
  }

  async invokeLambda(action: FlowAction, frame: Frame): Promise<Step> {
    const p = action.Parameters ?? {};
    const arn = this.text(p.LambdaFunctionARN, frame);
    const parameters: Record<string, string> = {};
    for (const [k, v] of Object.entries(record(p.LambdaInvocationAttributes))) parameters[k] = this.text(v, frame);
    const responseType = asText(record(p.ResponseValidation).ResponseType) === 'JSON' ? 'JSON' : 'STRING_MAP';
    const limit = Math.min(MAX_LAMBDA_SECONDS, toNumber(p.InvocationTimeLimitSeconds) ?? DEFAULT_LAMBDA_SECONDS);
    const fn = this.findLambda(arn);
    const started = Date.now();
    const fail = (name: string, error: string): Step => {
      this.s.external = {};
      this.s.lambdaCalls.push({ function: name, parameters, error });
      this.emit({
        type: 'lambda',
        actionId: action.Identifier,
        function: name,
        parameters,
        error,
        durationMs: Date.now() - started,
      });
      return { kind: 'error', errorType: 'NoMatchingError', detail: `Lambda ${name}: ${error}` };
    };
    if (!fn) return fail(arn, 'function not found in the environment');
    const [key, { name, handler }] = fn;
    const functionArn = key.startsWith('arn:') ? key : arn;
    try {
      const raw = await invokeWithTimeout(
        handler,
        this.contactEvent(parameters),
        lambdaContext(name, functionArn, started + limit * 1000),
        limit,
      );
      const result = validateLambdaResult(raw, responseType);
      this.s.external = result;
      this.s.lambdaCalls.push({ function: name, parameters, result });
      this.emit({
        type: 'lambda',
        actionId: action.Identifier,
        function: name,
        parameters,
        result,
        durationMs: Date.now() - started,
      });
      return { kind: 'next' };
    } catch (error) {
      return fail(name, error instanceof Error ? error.message : String(error));
    }
  }

  findLambda(arn: string): [string, ContactEnvironment['lambdas'][string]] | undefined {
    const lambdas = this.s.env.lambdas;
    if (Object.hasOwn(lambdas, arn)) return [arn, lambdas[arn] as ContactEnvironment['lambdas'][string]];
    const name = /:function:([^:]+)/.exec(arn)?.[1] ?? arn;
    return Object.entries(lambdas).find(
      ([k, v]) => v.name === name || k === name || /:function:([^:]+)/.exec(k)?.[1] === name,
    );
  }
}

function outcomeOf(state: ContactState, ending: Ending): ContactOutcome {
  if (ending.kind === 'queued') {
    return { type: 'queued', ...(ending.queue ? { queue: ending.queue } : {}), reason: ending.reason };
  }
  if (state.callback) return { type: 'callback', queue: state.callback.queue, reason: ending.reason };
  const reason = ending.kind === 'ended' ? `${ending.reason} before the contact was queued` : ending.reason;
  return { type: 'disconnected', reason };
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
  };
  const interpreter = new Interpreter(state);
  if (options.queue !== undefined) {
    const queue = findEntry(env.queues, options.queue);
    if (!queue) throw new FlowDocumentError(`queue "${options.queue}" is not in the environment`);
    state.targetQueue = queue[0];
  }
  const entry = interpreter.frame(flowIdOrArn, 'customer', false);
  if (!entry) throw new FlowDocumentError(`flow "${flowIdOrArn}" is not in the environment`);
  let outcome: ContactOutcome;
  try {
    outcome = outcomeOf(state, await interpreter.runFlow(entry));
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
