import { randomUUID } from 'node:crypto';
import { actionHandler } from './actions';
import { firstMatchingCondition } from './conditions';
import { FlowDocumentError, UnsupportedActionError } from './errors';
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
    const handler = actionHandler(action.Type);
    if (!handler) throw unsupported(action, frame);
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
