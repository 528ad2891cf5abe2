import type { FlowAction, FlowType } from './model';

/**
 * What the linter knows about each action type of the flow language: where it may be used, which
 * conditions and errors it supports, and how its parameters are written. Sources: the per-action pages
 * of the Amazon Connect administrator guide ("Flow language" → Actions) and flows exported by real
 * instances (test fixtures). See docs/flows.md for what was verified.
 */

export const CONDITION_OPERATORS = [
  'Equals',
  'TextStartsWith',
  'TextEndsWith',
  'TextContains',
  'NumberGreaterThan',
  'NumberGreaterOrEqualTo',
  'NumberLessThan',
  'NumberLessOrEqualTo',
] as const;
const NUMBER_OPERATORS = [
  'Equals',
  'NumberGreaterThan',
  'NumberGreaterOrEqualTo',
  'NumberLessThan',
  'NumberLessOrEqualTo',
];

// Flow type groups used by the restrictions of the action pages.
const INBOUND: readonly FlowType[] = ['CONTACT_FLOW', 'CAMPAIGN', 'CONTACT_FLOW_MODULE'];
const TRANSFER: readonly FlowType[] = ['AGENT_TRANSFER', 'QUEUE_TRANSFER'];
const QUEUE: readonly FlowType[] = ['CUSTOMER_QUEUE'];
const WHISPER: readonly FlowType[] = ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];
const HOLD: readonly FlowType[] = ['CUSTOMER_HOLD', 'AGENT_HOLD'];
const ALL: readonly FlowType[] = [...INBOUND, ...TRANSFER, ...QUEUE, ...WHISPER, ...HOLD];
const INBOUND_TRANSFER: readonly FlowType[] = [...INBOUND, ...TRANSFER];
const INBOUND_TRANSFER_QUEUE: readonly FlowType[] = [...INBOUND_TRANSFER, ...QUEUE];

/** Parameter checks an action type runs; implemented by the linter. */
export interface ParameterChecker {
  readonly action: FlowAction;
  /** The parameter at a dotted path (`AnalyticsBehavior.Enabled`). */
  get(path: string): unknown;
  has(path: string): boolean;
  /** Error `required-parameter` when absent. */
  required(path: string): boolean;
  /** No `$.` reference (rule `static-field`). */
  static(path: string): void;
  /** Exactly one known-root reference (rule `single-reference`). */
  singleReference(path: string): void;
  /** Either static, or exactly one known-root reference (rule `single-reference`). */
  staticOrSingleReference(path: string): void;
  /** Free text; every embedded reference has a known root (rule `reference-root`). */
  dynamic(path: string): void;
  /** Every value of an object parameter as dynamic text. */
  dynamicValues(path: string): void;
  /** A static integer within [min, max] (rule `numeric-range`); a single reference is allowed when `allowReference`. */
  integer(path: string, min: number, max: number, options?: { allowReference?: boolean }): void;
  /** One of the given static values (rule `parameter-value`). */
  oneOf(path: string, values: readonly string[]): void;
  /** At most one of the paths, and at least one when `required` (rule `prompt-exclusive` / `queue-or-agent`). */
  exclusive(rule: 'prompt-exclusive' | 'queue-or-agent', paths: readonly string[], required: boolean): void;
  error(rule: string, message: string): void;
}

export interface ConditionSpec {
  /** Operators allowed. */
  operators: readonly string[];
  /** Checks one operand; returns a problem or undefined. */
  operand?: (operand: string) => string | undefined;
  /** Operands (with Equals) that must each have a condition, no other condition allowed. */
  exactly?: readonly string[];
}

export interface ActionTypeSpec {
  /** Ends the flow; `Transitions` must be `{}`. */
  terminal?: boolean;
  /** Success ends this flow (transfer); NextAction is optional. */
  endsFlowOnSuccess?: boolean;
  /** May have empty Transitions (loops prompts until the contact leaves the queue / hold). */
  mayHaveNoTransitions?: boolean;
  /** Flow types where the action may be used. */
  flowTypes: readonly FlowType[];
  /** Conditions supported for this action (undefined: none). */
  conditions?: (action: FlowAction, get: (path: string) => unknown) => ConditionSpec | undefined;
  /** ErrorTypes besides the generic NoMatchingError (and NoMatchingCondition where conditions are supported). */
  errors?: readonly string[] | ((action: FlowAction, get: (path: string) => unknown) => readonly string[]);
  /** The page documents a NoMatchingError branch: warn when it is missing. */
  catchAll?: boolean;
  /**
   * The console's own block for this type is exported without an Error branch (real exports in
   * ../shared/fixtures, docs/flows.md): the missing-branch warning is opt-in (`strict`) for it.
   */
  catchAllOptIn?: boolean;
  /** NoMatchingCondition is allowed (default: when conditions are supported). */
  noMatchingCondition?: boolean | ((action: FlowAction, get: (path: string) => unknown) => boolean);
  checkParameters?: (p: ParameterChecker) => void;
  /** Known type whose parameters and branches the linter does not model (structural rules only). */
  generic?: boolean;
}

const PROMPT_FIELDS = ['Text', 'SSML', 'PromptId'] as const;

function checkPrompt(p: ParameterChecker, required: boolean): void {
  const present = PROMPT_FIELDS.filter((f) => p.has(f));
  if (present.length > 1) {
    p.error('prompt-exclusive', `only one of Text, SSML and PromptId may be given (found ${present.join(', ')})`);
  } else if (required && present.length === 0 && !p.has('Media')) {
    p.error('prompt-exclusive', 'a message needs one of Text, SSML, PromptId (or Media)');
  }
  if (p.has('Text')) p.dynamic('Text');
  if (p.has('SSML')) p.dynamic('SSML');
  if (p.has('PromptId')) p.staticOrSingleReference('PromptId');
}

/** QueueId or AgentId, each static or one reference: at most one of them, exactly one when `required`. */
function checkQueueOrAgent(p: ParameterChecker, required: boolean): void {
  p.exclusive('queue-or-agent', ['QueueId', 'AgentId'], required);
  if (p.has('QueueId')) p.staticOrSingleReference('QueueId');
  if (p.has('AgentId')) p.staticOrSingleReference('AgentId');
}

/** Metric types that count agents (Check staffing): their conditions are only NumberGreaterThan 0. */
export const AGENT_METRICS: readonly string[] = [
  'NumberOfAgentsAvailable',
  'NumberOfAgentsStaffed',
  'NumberOfAgentsOnline',
];
const QUEUE_METRICS = ['OldestContactInQueueAgeSeconds', 'NumberOfContactsInQueue'];

const isDigitKey = (o: string) => (/^[0-9*#]$/.test(o) ? undefined : 'expected one DTMF key: 0-9, * or #');

function truthy(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function storeInput(get: (path: string) => unknown): boolean {
  return truthy(get('StoreInput')) === true;
}

/** Action types whose parameters are checked in detail. */
const MODELLED: Record<string, ActionTypeSpec> = {
  MessageParticipant: {
    flowTypes: ALL.filter((t) => !HOLD.includes(t)),
    catchAll: true,
    catchAllOptIn: true,
    checkParameters: (p) => checkPrompt(p, true),
  },
  GetParticipantInput: {
    flowTypes: INBOUND_TRANSFER_QUEUE,
    catchAll: true,
    conditions: (_a, get) => (storeInput(get) ? undefined : { operators: ['Equals'], operand: isDigitKey }),
    noMatchingCondition: (_a, get) => !storeInput(get),
    errors: (_a, get) => [
      'InputTimeLimitExceeded',
      ...(storeInput(get) && get('InputValidation.PhoneNumberValidation') !== undefined ? ['InvalidPhoneNumber'] : []),
    ],
    checkParameters: (p) => {
      checkPrompt(p, false);
      if (p.required('InputTimeLimitSeconds')) p.integer('InputTimeLimitSeconds', 1, Number.MAX_SAFE_INTEGER);
      if (p.has('StoreInput')) p.oneOf('StoreInput', ['True', 'False', 'true', 'false']);
      const store = storeInput(p.get);
      const validation = p.has('InputValidation');
      if (store && !validation) p.error('get-input', 'StoreInput "True" requires InputValidation');
      if (!store && validation) p.error('get-input', 'InputValidation is only allowed with StoreInput "True"');
      if (validation) {
        p.exclusive(
          'prompt-exclusive',
          ['InputValidation.PhoneNumberValidation', 'InputValidation.CustomValidation'],
          true,
        );
        if (p.has('InputValidation.PhoneNumberValidation')) {
          p.oneOf('InputValidation.PhoneNumberValidation.NumberFormat', ['Local', 'E164']);
          if (p.get('InputValidation.PhoneNumberValidation.NumberFormat') === 'Local') {
            p.required('InputValidation.PhoneNumberValidation.CountryCode');
          }
        }
        if (p.has('InputValidation.CustomValidation')) {
          p.integer('InputValidation.CustomValidation.MaximumLength', 1, Number.MAX_SAFE_INTEGER);
        }
      }
      const errors = p.action.Transitions.Errors ?? [];
      if (!errors.some((e) => e.ErrorType === 'NoMatchingError')) {
        p.error('get-input', 'GetParticipantInput must always have a NoMatchingError branch');
      }
      if (store && (p.action.Transitions.Conditions ?? []).length > 0) {
        p.error('get-input', 'conditions are not supported when StoreInput is "True"');
      }
    },
  },
  InvokeLambdaFunction: {
    flowTypes: ALL,
    catchAll: true,
    checkParameters: (p) => {
      if (p.required('LambdaFunctionARN')) p.dynamic('LambdaFunctionARN');
      if (p.required('InvocationTimeLimitSeconds')) p.integer('InvocationTimeLimitSeconds', 1, 8);
      if (p.has('InvocationType')) p.oneOf('InvocationType', ['SYNCHRONOUS', 'ASYNCHRONOUS']);
      if (p.has('LambdaInvocationAttributes')) p.dynamicValues('LambdaInvocationAttributes');
      if (p.has('ResponseValidation.ResponseType')) p.oneOf('ResponseValidation.ResponseType', ['STRING_MAP', 'JSON']);
    },
  },
  UpdateContactAttributes: {
    flowTypes: ALL,
    catchAll: true,
    checkParameters: (p) => {
      if (p.required('Attributes')) p.dynamicValues('Attributes');
      if (p.has('TargetContact')) p.oneOf('TargetContact', ['Current', 'Related']);
    },
  },
  UpdateFlowAttributes: {
    flowTypes: ALL,
    checkParameters: (p) => {
      if (!p.required('FlowAttributes')) return;
      const attrs = p.get('FlowAttributes');
      if (typeof attrs !== 'object' || attrs === null) return;
      for (const name of Object.keys(attrs)) {
        if (p.required(`FlowAttributes.${name}.Value`)) p.dynamic(`FlowAttributes.${name}.Value`);
      }
    },
  },
  Compare: {
    flowTypes: ALL,
    conditions: () => ({ operators: CONDITION_OPERATORS }),
    checkParameters: (p) => {
      if (p.required('ComparisonValue')) p.singleReference('ComparisonValue');
    },
  },
  CheckHoursOfOperation: {
    flowTypes: INBOUND_TRANSFER_QUEUE,
    catchAll: true,
    noMatchingCondition: false,
    conditions: () => ({ operators: ['Equals'], exactly: ['True', 'False'] }),
    checkParameters: (p) => {
      if (p.has('HoursOfOperationId')) p.staticOrSingleReference('HoursOfOperationId');
    },
  },
  UpdateContactTargetQueue: {
    flowTypes: INBOUND_TRANSFER,
    catchAll: true,
    checkParameters: (p) => {
      checkQueueOrAgent(p, true);
    },
  },
  TransferContactToQueue: {
    flowTypes: INBOUND_TRANSFER,
    endsFlowOnSuccess: true,
    catchAll: true,
    errors: ['QueueAtCapacity'],
  },
  CheckMetricData: {
    flowTypes: INBOUND_TRANSFER_QUEUE,
    catchAll: true,
    conditions: (_a, get) =>
      AGENT_METRICS.includes(String(get('MetricType')))
        ? {
            operators: ['NumberGreaterThan'],
            operand: (o) => (o === '0' ? undefined : 'agent metrics compare only with "0"'),
          }
        : { operators: NUMBER_OPERATORS },
    // The API reference lists NoMatchingCondition for the queue metrics only, but the console's Check
    // staffing block exports it for the agent metrics too (amazon-connect-salesforce-scv
    // AWS_Sample_SCV_Queue_Transfer.json): it is where a failed agent-count condition goes.
    noMatchingCondition: true,
    checkParameters: (p) => {
      if (p.required('MetricType')) p.oneOf('MetricType', [...AGENT_METRICS, ...QUEUE_METRICS]);
      checkQueueOrAgent(p, false);
    },
  },
  GetMetricData: {
    flowTypes: ALL,
    catchAll: true,
    checkParameters: (p) => {
      checkQueueOrAgent(p, false);
      if (p.has('QueueChannel')) p.dynamic('QueueChannel');
    },
  },
  DistributeByPercentage: {
    flowTypes: ALL,
    conditions: () => ({
      operators: ['NumberLessThan'],
      operand: (o) =>
        /^\d+$/.test(o) && Number(o) >= 1 && Number(o) <= 100 ? undefined : 'expected a whole percentage 1–100',
    }),
    checkParameters: (p) => {
      let previous = 0;
      for (const c of p.action.Transitions.Conditions ?? []) {
        const n = Number(c.Condition.Operands[0]);
        if (Number.isFinite(n) && n <= previous) {
          p.error('numeric-range', `percentage thresholds must increase (${n} after ${previous})`);
        }
        if (Number.isFinite(n)) previous = n;
      }
    },
  },
  Loop: {
    flowTypes: ALL,
    noMatchingCondition: false,
    conditions: () => ({ operators: ['Equals'], exactly: ['ContinueLooping', 'DoneLooping'] }),
    checkParameters: (p) => {
      if (p.required('LoopCount')) p.integer('LoopCount', 0, 100, { allowReference: true });
    },
  },
  UpdateFlowLoggingBehavior: {
    flowTypes: ALL,
    checkParameters: (p) => {
      if (p.required('FlowLoggingBehavior')) p.oneOf('FlowLoggingBehavior', ['Enabled', 'Disabled']);
    },
  },
  UpdateContactTextToSpeechVoice: {
    flowTypes: ALL,
    // "Results in error if voice or engine are invalid … NoMatchingError: Must always be defined"
    // (flow language reference, UpdateContactTextToSpeechVoice). The console's Set voice block is
    // exported without one (3 of 4 real exports), so the warning is opt-in.
    catchAll: true,
    catchAllOptIn: true,
    checkParameters: (p) => {
      if (p.required('TextToSpeechVoice')) p.static('TextToSpeechVoice');
      if (p.has('TextToSpeechEngine')) p.static('TextToSpeechEngine');
      if (p.has('TextToSpeechStyle')) p.static('TextToSpeechStyle');
    },
  },
  UpdateContactData: {
    flowTypes: ALL,
    catchAll: true,
    checkParameters: (p) => {
      if (p.has('LanguageCode')) p.static('LanguageCode');
    },
  },
  UpdateContactRecordingBehavior: {
    flowTypes: [...INBOUND_TRANSFER_QUEUE, 'OUTBOUND_WHISPER'],
    checkParameters: (p) => {
      if (p.has('RecordingBehavior.RecordedParticipants')) p.static('RecordingBehavior.RecordedParticipants');
      if (p.has('AnalyticsBehavior')) {
        const recorded = p.get('RecordingBehavior.RecordedParticipants');
        if (!Array.isArray(recorded) || !recorded.includes('Agent') || !recorded.includes('Customer')) {
          p.error('parameter-value', 'AnalyticsBehavior needs RecordedParticipants with both Agent and Customer');
        }
        if (p.required('AnalyticsBehavior.Enabled'))
          p.oneOf('AnalyticsBehavior.Enabled', ['True', 'False', 'true', 'false']);
        if (truthy(p.get('AnalyticsBehavior.Enabled')) && p.required('AnalyticsBehavior.AnalyticsLanguage')) {
          p.static('AnalyticsBehavior.AnalyticsLanguage');
        }
        if (p.has('AnalyticsBehavior.AnalyticsRedactionBehavior')) {
          p.oneOf('AnalyticsBehavior.AnalyticsRedactionBehavior', ['Enabled', 'Disabled']);
        }
      }
    },
  },
  UpdateContactEventHooks: {
    flowTypes: ALL,
    catchAll: true,
    checkParameters: (p) => {
      if (!p.required('EventHooks')) return;
      const hooks = p.get('EventHooks');
      const keys = typeof hooks === 'object' && hooks !== null ? Object.keys(hooks) : [];
      if (keys.length !== 1)
        p.error('parameter-value', `EventHooks must hold exactly one entry (found ${keys.length})`);
      for (const k of keys) p.staticOrSingleReference(`EventHooks.${k}`);
    },
  },
  UpdateContactCallbackNumber: {
    flowTypes: INBOUND_TRANSFER_QUEUE,
    // Its page documents exactly these two errors and no NoMatchingError: nothing to suggest.
    errors: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'],
    checkParameters: (p) => {
      if (p.required('CallbackNumber')) p.singleReference('CallbackNumber');
    },
  },
  CreateCallbackContact: {
    flowTypes: INBOUND_TRANSFER_QUEUE,
    catchAll: true,
    checkParameters: (p) => {
      checkQueueOrAgent(p, false);
      if (p.required('InitialCallDelaySeconds')) p.integer('InitialCallDelaySeconds', 1, 259_200);
      if (p.required('MaximumConnectionAttempts')) p.integer('MaximumConnectionAttempts', 1, Number.MAX_SAFE_INTEGER);
      if (p.required('RetryDelaySeconds')) p.integer('RetryDelaySeconds', 1, 259_200);
    },
  },
  MessageParticipantIteratively: {
    flowTypes: ['CUSTOMER_QUEUE', ...HOLD],
    mayHaveNoTransitions: true,
    catchAll: true,
    catchAllOptIn: true,
    noMatchingCondition: false,
    conditions: () => ({
      operators: ['Equals'],
      operand: (o) => (o === 'MessagesInterrupted' ? undefined : 'the only result is "MessagesInterrupted"'),
    }),
    checkParameters: (p) => {
      const messages = p.get('Messages');
      if (!Array.isArray(messages) || messages.length === 0) {
        p.error('required-parameter', 'Messages must be a non-empty list');
      } else {
        messages.forEach((m, i) => {
          const present = PROMPT_FIELDS.filter((f) => typeof m === 'object' && m !== null && f in m);
          if (present.length > 1) {
            p.error('prompt-exclusive', `Messages[${i}] has more than one of ${present.join(', ')}`);
          }
          for (const f of ['Text', 'SSML'] as const) if (present.includes(f)) p.dynamic(`Messages.${i}.${f}`);
        });
      }
      if (p.has('InterruptFrequencySeconds')) p.integer('InterruptFrequencySeconds', 1, Number.MAX_SAFE_INTEGER);
    },
  },
  DequeueContactAndTransferToQueue: {
    flowTypes: QUEUE,
    endsFlowOnSuccess: true,
    catchAll: true,
    errors: ['QueueAtCapacity'],
    checkParameters: (p) => {
      checkQueueOrAgent(p, true);
    },
  },
  TransferToFlow: {
    flowTypes: INBOUND_TRANSFER,
    endsFlowOnSuccess: true,
    catchAll: true,
    checkParameters: (p) => {
      if (p.required('ContactFlowId')) p.staticOrSingleReference('ContactFlowId');
    },
  },
  InvokeFlowModule: {
    flowTypes: ['CONTACT_FLOW', 'CAMPAIGN'],
    catchAll: true,
    checkParameters: (p) => {
      if (p.required('FlowModuleId')) p.staticOrSingleReference('FlowModuleId');
    },
  },
  ConnectParticipantWithLexBot: {
    flowTypes: INBOUND_TRANSFER_QUEUE,
    catchAll: true,
    conditions: () => ({ operators: ['Equals'] }),
    checkParameters: (p) => {
      checkPrompt(p, false);
      if (p.has('LexV2Bot.AliasArn')) p.staticOrSingleReference('LexV2Bot.AliasArn');
      else if (!p.has('LexBot')) p.error('required-parameter', 'LexV2Bot.AliasArn (or a classic LexBot) is required');
      if (p.has('LexSessionAttributes')) p.dynamicValues('LexSessionAttributes');
    },
  },
  Wait: {
    flowTypes: ALL,
    catchAll: true,
    errors: ['ParticipantNotFound'],
    conditions: () => ({ operators: ['Equals'] }),
    checkParameters: (p) => {
      if (p.has('TimeoutSeconds')) p.integer('TimeoutSeconds', 1, Number.MAX_SAFE_INTEGER);
    },
  },
  // Contact tags block; all flow types, all channels; NoMatchingError only (flow language reference,
  // TagContact / UnTagContact). Values may be dynamic, keys are static.
  TagContact: {
    flowTypes: ALL,
    catchAll: true,
    checkParameters: (p) => {
      if (p.required('Tags')) p.dynamicValues('Tags');
    },
  },
  UnTagContact: {
    flowTypes: ALL,
    catchAll: true,
    checkParameters: (p) => {
      const keys = p.get('TagKeys');
      if (!Array.isArray(keys) || keys.length === 0) p.error('required-parameter', 'TagKeys must be a non-empty list');
      else for (let i = 0; i < keys.length; i++) p.static(`TagKeys.${i}`);
    },
  },
  DisconnectParticipant: { flowTypes: ALL, terminal: true },
  EndFlowExecution: { flowTypes: ALL, terminal: true },
  EndFlowModuleExecution: { flowTypes: ['CONTACT_FLOW_MODULE'], terminal: true },
};

/** Documented types the linter knows but does not model: structural rules only. */
const GENERIC_TYPES = [
  'CompleteOutboundCall',
  'TransferContactToAgent',
  'TransferParticipantToThirdParty',
  'UpdateContactMediaStreamingBehavior',
  'UpdateContactRoutingBehavior',
  'UpdatePreviousContactParticipantState',
  'CheckOutboundCallStatus',
  'CheckVoiceId',
  'StartVoiceIdStream',
  'CreateTask',
  'CreateCustomerProfile',
  'GetCustomerProfile',
  'UpdateCustomerProfile',
  'AssociateContactToCustomerProfile',
  'CreateCase',
  'GetCase',
  'UpdateCase',
  'CreateWisdomSession',
  'ShowView',
  'UpdateContactRoutingCriteria',
  'UpdateRoutingCriteria',
] as const;

const GENERIC: ActionTypeSpec = {
  flowTypes: ALL,
  generic: true,
  conditions: () => ({ operators: CONDITION_OPERATORS }),
};

export const ACTION_TYPES: Readonly<Record<string, ActionTypeSpec>> = {
  ...MODELLED,
  ...Object.fromEntries(GENERIC_TYPES.map((t) => [t, GENERIC])),
};

export function actionTypeSpec(type: string): ActionTypeSpec | undefined {
  return Object.hasOwn(ACTION_TYPES, type) ? ACTION_TYPES[type] : undefined;
}
