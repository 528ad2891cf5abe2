import type { ConnectContactFlowEvent, Context } from 'aws-lambda';
import type { Day } from '../../lib/config';

/** Flow types of `AWS::Connect::ContactFlow`, plus `CONTACT_FLOW_MODULE` for `AWS::Connect::ContactFlowModule`. */
export type FlowType =
  | 'CONTACT_FLOW'
  | 'CUSTOMER_QUEUE'
  | 'CUSTOMER_HOLD'
  | 'CUSTOMER_WHISPER'
  | 'AGENT_HOLD'
  | 'AGENT_WHISPER'
  | 'OUTBOUND_WHISPER'
  | 'AGENT_TRANSFER'
  | 'QUEUE_TRANSFER'
  | 'CAMPAIGN'
  | 'CONTACT_FLOW_MODULE';

/** Days as Connect's hours of operation name them (the config's type). */
export type { Day };

export interface FlowCondition {
  NextAction: string;
  Condition: { Operator: string; Operands: unknown[] };
}

export interface FlowErrorTransition {
  NextAction: string;
  ErrorType: string;
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters?: Record<string, unknown>;
  Transitions?: {
    NextAction?: string;
    Conditions?: FlowCondition[];
    Errors?: FlowErrorTransition[];
  };
}

/** A flow-language document (the API format, `Version` 2019-10-30). */
export interface FlowDocument {
  Version: string;
  StartAction: string;
  Metadata?: unknown;
  Actions: FlowAction[];
}

export interface HoursOfOperation {
  name: string;
  /** IANA zone; falls back to {@link ContactEnvironment.timeZone}. */
  timeZone?: string;
  /** Days not listed are closed. An interval whose end is before its start runs past midnight. */
  schedule: Partial<Record<Day, { start: string; end: string }>>;
}

/** A queue and its simulated real-time state at the moment of the contact. */
export interface SimulatedQueue {
  name: string;
  /** Key (ARN, id or name) of an entry of {@link ContactEnvironment.hoursOfOperation}. */
  hoursOfOperation?: string;
  /** Contacts allowed in the queue; at or above it, TransferContactToQueue takes QueueAtCapacity. */
  maxContacts?: number;
  agentsAvailable: number;
  agentsStaffed: number;
  agentsOnline: number;
  contactsInQueue: number;
  oldestContactAgeSeconds: number;
}

export interface FlowDefinition {
  name: string;
  type: FlowType;
  /** The document, or its JSON text (CloudFormation `Content`). */
  content: FlowDocument | string;
}

export type LambdaHandler = (event: ConnectContactFlowEvent, context: Context) => Promise<unknown>;

/**
 * Everything a contact can see of the instance. Record keys are how flows name things: an ARN or an
 * id. A reference is looked up by exact key, then by id (the last `/` segment of an ARN, on either
 * side), then by name.
 */
export interface ContactEnvironment {
  instanceArn: string;
  region: string;
  /** Instance default time zone (hours without their own zone use it). */
  timeZone: string;
  /** The instant the contact happens; hours are evaluated at it. */
  now: Date;
  hoursOfOperation: Record<string, HoursOfOperation>;
  queues: Record<string, SimulatedQueue>;
  /** Flows: entry flows, transfer targets, event-hook flows and modules. */
  flows: Record<string, FlowDefinition>;
  /** Lambda functions by function ARN (a function name works too). */
  lambdas: Record<string, { name: string; handler: LambdaHandler }>;
  /** @default 'en-US' (Connect's default) */
  defaultLanguageCode?: string;
  /** @default 'Joanna' (Connect's default) */
  defaultVoice?: string;
  /** Source of randomness for DistributeByPercentage, in [0, 1). @default Math.random */
  random?: () => number;
}

export interface InputRequest {
  actionId: string;
  /** Transcript of the prompt played before listening. */
  prompt: string;
  timeoutSeconds: number;
  /** Most keys accepted (1 when the input is not stored). */
  maxDigits?: number;
}

export interface ContactOptions {
  /** @default 'VOICE' */
  channel?: 'VOICE' | 'CHAT';
  /** `null` = caller id withheld. @default null */
  customerEndpoint?: { Address: string; Type: 'TELEPHONE_NUMBER' } | null;
  systemEndpoint?: { Address: string; Type: 'TELEPHONE_NUMBER' };
  /** @default a random UUID */
  contactId?: string;
  /** Contact attributes present when the flow starts. */
  attributes?: Record<string, string>;
  /** Target queue already set when the flow starts (to run queue, whisper or transfer flows alone). */
  queue?: string;
  /** Answers GetParticipantInput; `undefined` means no input before the timeout. */
  input: (request: InputRequest) => Promise<string | undefined>;
  /** Called for each trace event as it happens (step-by-step UIs). */
  onEvent?: (event: TraceEvent) => void;
  /** Actions executed before the contact is stopped as an endless loop. @default 1000 */
  maxSteps?: number;
  /**
   * How many times a MessageParticipantIteratively with a MessagesInterrupted branch interrupts (per
   * action); its next run ends the simulation with the caller still waiting (outcome queued). @default 3
   */
  maxQueueCycles?: number;
}

export type OutcomeType = 'queued' | 'callback' | 'disconnected' | 'error';

export interface ContactOutcome {
  type: OutcomeType;
  /** Queue name (queued, callback). */
  queue?: string;
  /** Why: for errors, which action and error; for queued, whether an agent answered. */
  reason?: string;
}

export interface LambdaCall {
  /** Function name. */
  function: string;
  parameters: Record<string, string>;
  result?: Record<string, unknown>;
  error?: string;
}

export type Audience = 'customer' | 'agent';

export type TraceEvent =
  | { type: 'action'; flow: string; identifier: string; actionType: string }
  | { type: 'prompt'; actionId: string; text: string; audience: Audience }
  | { type: 'input'; actionId: string; prompt: string; value?: string }
  | {
      type: 'lambda';
      actionId: string;
      function: string;
      parameters: Record<string, string>;
      result?: Record<string, unknown>;
      error?: string;
      durationMs: number;
    }
  | { type: 'attributes'; actionId: string; changed: Record<string, string> }
  | { type: 'branch'; actionId: string; via: 'condition' | 'error'; value: string }
  | { type: 'setting'; actionId: string; name: string; value: string }
  | {
      type: 'queue';
      actionId: string;
      event: 'target' | 'capacity' | 'answered' | 'waiting';
      queue: string;
    }
  | { type: 'callback'; actionId: string; queue: string; number: string }
  | { type: 'flow'; actionId: string; event: 'transfer' | 'module' | 'hook'; flow: string }
  | { type: 'end'; outcome: ContactOutcome };

export interface ContactResult {
  outcome: ContactOutcome;
  /** What the caller heard (or the chat customer read), in order. SSML is reduced to its text. */
  prompts: string[];
  /** Contact attributes at the end. */
  attributes: Record<string, string>;
  lambdaCalls: LambdaCall[];
  /** Action identifiers visited; outside the entry flow they read `<flow name>/<identifier>`. */
  path: string[];
  events: TraceEvent[];
  languageCode: string;
  voice: string;
  callback?: { queue: string; number: string };
}
