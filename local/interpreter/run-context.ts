import { UnsupportedActionError } from './errors';
import type {
  Audience,
  CaseStore,
  ContactEnvironment,
  ContactOptions,
  CreatedTask,
  CustomerProfileStore,
  FlowAction,
  FlowDefinition,
  FlowDocument,
  LambdaCall,
  SimulatedQueue,
  TraceEvent,
} from './types';

/**
 * What an action module sees of a running contact. The driver (interpreter.ts) owns the walk from
 * action to action; each module under actions/ turns one action into a {@link Step}.
 */

/** How a flow run ended. */
export type Ending =
  | { kind: 'disconnected'; reason: string }
  | { kind: 'ended'; reason: string }
  | { kind: 'queued'; queue?: string; reason: string }
  | { kind: 'transferred'; number: string; reason: string };

/** What an action asks the driver to do next. */
export type Step =
  | { kind: 'next' }
  | { kind: 'goto'; to: string; value: string }
  | { kind: 'error'; errorType: string; detail?: string }
  | { kind: 'value'; value: string }
  | { kind: 'end'; ending: Ending }
  | { kind: 'transfer'; flowKey: string };

/** Thrown inside the run to end the contact with an `error` outcome. */
export class ContactFailed extends Error {}

export interface Frame {
  key: string;
  definition: FlowDefinition;
  document: FlowDocument;
  actions: Map<string, FlowAction>;
  flowAttributes: Record<string, string>;
  /** Qualify path entries with the flow name (everything but the entry flow). */
  qualify: boolean;
  audience: Audience;
}

export interface ContactState {
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
  /** `$.Views`: the last ShowView result. */
  views: Record<string, unknown>;
  /** `$.Lex`: the last Lex turn (IntentName, Slots, SessionAttributes). */
  lex: Record<string, unknown>;
  /** `$.Customer`: the profile found or created (ProfileId, ProfileARN and the response fields). */
  customer: Record<string, string>;
  /** `$.Case`: the case found or created (its response fields). */
  caseFields: Record<string, string>;
  customerProfiles: CustomerProfileStore;
  cases: CaseStore;
  tags: Record<string, string>;
  tasks: CreatedTask[];
}

/** The driver's services an action module may use. */
export interface RunContext {
  readonly s: ContactState;
  emit(event: TraceEvent): void;
  /** Opens a flow of the environment (or undefined when it is not there). */
  frame(ref: string, audience: Audience, qualify: boolean): Frame | undefined;
  /** Runs a flow from its start until it ends. */
  runFlow(start: Frame): Promise<Ending>;
  /** Runs the flow set for an event hook (CustomerQueue, CustomerWhisper…), if any. */
  runHook(hook: string, actionId: string, audience: Audience): Promise<Ending | undefined>;
  label(frame: Frame, action: FlowAction): string;
  queueEntry(ref: string | undefined): [string, SimulatedQueue] | undefined;
  queueArn(key: string): string;
  /** Dynamic text evaluated against the contact. */
  text(value: unknown, frame: Frame): string;
  /** Transcript of a prompt parameter set (Text, SSML, PromptId or Media), or an error. */
  promptText(parameters: Record<string, unknown>, frame: Frame): { text: string } | { error: string };
  /** Plays a prompt to the frame's audience. */
  play(actionId: string, text: string, frame: Frame): void;
}

/** Runs one action of a type; registered by type name in actions/index.ts. */
export type ActionHandler = (action: FlowAction, frame: Frame, run: RunContext) => Step | Promise<Step>;

/** An action family: the handlers of the types it runs, keyed by action type name. */
export type ActionFamily = Readonly<Record<string, ActionHandler>>;

export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The NoMatchingError step most failures take. */
export function fail(detail: string): Step {
  return { kind: 'error', errorType: 'NoMatchingError', detail };
}

/** The action's type or variant cannot be run faithfully here: stop, naming it. */
export function unsupported(action: FlowAction, frame: Frame, detail?: string): UnsupportedActionError {
  return new UnsupportedActionError(action.Type, action.Identifier, frame.definition.name, detail);
}
