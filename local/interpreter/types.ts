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
  /**
   * Whole-day CLOSED overrides (Connect's HoursOfOperationOverrides as the stack deploys them): closed
   * on every date from `from` to `till` (inclusive, `YYYY-MM-DD` in the hours' time zone).
   */
  overrides?: readonly HoursOverride[];
}

export interface HoursOverride {
  name: string;
  from: string;
  till: string;
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
  /**
   * Customer Profiles domain the flow searches and writes (Get/CreateCustomerProfile). Share one store
   * across contacts to keep what earlier contacts created. @default an empty store for this contact
   */
  customerProfiles?: CustomerProfileStore;
  /** Cases domain (Get/CreateCase). @default an empty store for this contact */
  cases?: CaseStore;
}

/** A Customer Profiles domain: profiles are flat maps of standard field names to text. */
export interface CustomerProfileStore {
  /** Profiles matching every (AND) or any (OR) criterion; a criterion names a profile field or a search key (`_phone`, `_email`, `_profileId`, `_account`). */
  search(criteria: readonly { name: string; value: string }[], operator: 'AND' | 'OR'): CustomerProfile[];
  create(fields: Record<string, string>): CustomerProfile;
}

export interface CustomerProfile {
  ProfileId: string;
  fields: Record<string, string>;
}

/** A Cases domain: cases are maps of field ids (`title`, `status`, `customer_id`…) to text. */
export interface CaseStore {
  /** Cases whose fields equal every given field, most recently updated first. */
  search(fields: Record<string, string>): CaseRecord[];
  create(templateId: string, fields: Record<string, string>): CaseRecord;
  /** Records that a contact is linked to a case (LinkContactToCase). */
  link(caseId: string, contactId: string): void;
}

export interface CaseRecord {
  caseId: string;
  templateId: string;
  fields: Record<string, string>;
  contactIds: string[];
  updatedAt: number;
}

/** What the flow asks the agent's Show view block; see {@link ContactOptions.views}. */
export interface ViewRequest {
  actionId: string;
  /** ViewResource.Id (an AWS managed view such as `form`, `detail`, `cards`, or a custom view). */
  viewId: string;
  /** ViewData with its references evaluated. */
  data: unknown;
  timeLimitSeconds?: number;
}

/** What the person at the view did: the action chosen (`Next`, `Back`, `ActionSelected`…) and the view's result data. */
export interface ViewResult {
  action: string;
  /** `$.Views.ViewResultData` (a form's `FormData`, a card's `actionName`…). */
  data?: Record<string, unknown>;
}

/** One turn with the Lex bot, asked of the scripted stand-in; see {@link ContactOptions.scriptedLexIntents}. */
export interface LexTurnRequest {
  actionId: string;
  botAliasArn: string;
  /** Transcript of the prompt played before the bot listens. */
  prompt: string;
  sessionAttributes: Record<string, string>;
}

/** The intent a scripted Lex stand-in returns for a turn (no language understanding takes place). */
export interface ScriptedLexIntent {
  intent: string;
  slots?: Record<string, string>;
  sessionAttributes?: Record<string, string>;
}

/** A task created by CreateTask (recorded; its flow is a separate contact and is not run here). */
export interface CreatedTask {
  name: string;
  description?: string;
  flow: string;
  attributes: Record<string, string>;
  references: Record<string, string>;
  delaySeconds?: number;
  scheduledTime?: string;
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
  /**
   * The agent's answers to ShowView blocks, in order; `undefined` means nobody acted before the time
   * limit (TimeLimitExceeded). @default every view times out
   */
  views?: (request: ViewRequest) => Promise<ViewResult | undefined>;
  /**
   * A STAND-IN for Amazon Lex: returns the intent of each ConnectParticipantWithLexBot turn from a
   * script. `undefined` (or no script) means the bot returned nothing usable: the NoMatchingError branch.
   */
  scriptedLexIntents?: (request: LexTurnRequest) => Promise<ScriptedLexIntent | undefined>;
}

/**
 * How the contact left the flows: `queued` (waiting or answered), `callback`, `disconnected`, `error`;
 * and for flows run alone by type: `connected` (a whisper ended: agent and customer talk), `held` (a hold
 * flow ended: the contact stays on hold), `transferred` (handed to a third-party number for good).
 */
export type OutcomeType = 'queued' | 'callback' | 'disconnected' | 'error' | 'connected' | 'held' | 'transferred';

export interface ContactOutcome {
  type: OutcomeType;
  /** Queue name (queued, callback, connected). */
  queue?: string;
  /** Number dialed (transferred). */
  number?: string;
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
  /** A call to another service (Customer Profiles, Cases, Tasks, a view, the Lex stand-in, a third-party number). */
  | { type: 'service'; actionId: string; service: string; operation: string; detail: string }
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
  /** Contact tags set by TagContact. */
  tags?: Record<string, string>;
  /** Tasks created by CreateTask. */
  tasks?: CreatedTask[];
}
