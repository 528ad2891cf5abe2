import type {
  ContactEnvironment,
  ContactOptions,
  ContactResult,
  FlowAction,
  FlowDocument,
  SimulatedQueue,
} from '../../../local/interpreter';
import { runContact, scriptedInput } from '../../../local/interpreter';

/** One action; `next` is the NextAction, `errors` maps ErrorType → target, `conditions` are [operator, operand, target]. */
export function act(
  Identifier: string,
  Type: string,
  Parameters: Record<string, unknown> = {},
  t: { next?: string; errors?: Record<string, string>; conditions?: [string, string, string][] } = {},
): FlowAction {
  const Transitions: NonNullable<FlowAction['Transitions']> = {};
  if (t.next) Transitions.NextAction = t.next;
  if (t.conditions) {
    Transitions.Conditions = t.conditions.map(([Operator, operand, NextAction]) => ({
      NextAction,
      Condition: { Operator, Operands: [operand] },
    }));
  }
  if (t.errors) {
    Transitions.Errors = Object.entries(t.errors).map(([ErrorType, NextAction]) => ({ ErrorType, NextAction }));
  }
  return { Identifier, Type, Parameters, Transitions };
}

/** A flow starting at its first action, with terminal `hangup` (DisconnectParticipant) appended. */
export function flow(...actions: FlowAction[]): FlowDocument {
  return {
    Version: '2019-10-30',
    StartAction: actions[0]?.Identifier ?? 'hangup',
    Metadata: {},
    Actions: [...actions, { Identifier: 'hangup', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
  };
}

/** Shorthand: a MessageParticipant that says `text` then goes to `next`. */
export function say(id: string, text: string, next = 'hangup'): FlowAction {
  return act(id, 'MessageParticipant', { Text: text }, { next, errors: { NoMatchingError: 'hangup' } });
}

export const INSTANCE_ARN = 'arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-3333-4444-555555555555';
export const GENERAL_QUEUE_ARN = `${INSTANCE_ARN}/queue/q-general`;

export function queue(overrides: Partial<SimulatedQueue> = {}): SimulatedQueue {
  return {
    name: 'General',
    hoursOfOperation: 'hours-weekdays',
    agentsAvailable: 0,
    agentsStaffed: 0,
    agentsOnline: 0,
    contactsInQueue: 0,
    oldestContactAgeSeconds: 0,
    ...overrides,
  };
}

export function environment(overrides: Partial<ContactEnvironment> = {}): ContactEnvironment {
  return {
    instanceArn: INSTANCE_ARN,
    region: 'ap-northeast-1',
    timeZone: 'Asia/Tokyo',
    // Tuesday 2025-06-10 10:00 in Tokyo.
    now: new Date('2025-06-10T01:00:00Z'),
    hoursOfOperation: {
      'hours-weekdays': {
        name: 'Weekdays',
        schedule: {
          MONDAY: { start: '09:00', end: '18:00' },
          TUESDAY: { start: '09:00', end: '18:00' },
          WEDNESDAY: { start: '09:00', end: '18:00' },
          THURSDAY: { start: '09:00', end: '18:00' },
          FRIDAY: { start: '09:00', end: '18:00' },
        },
      },
    },
    queues: { [GENERAL_QUEUE_ARN]: queue() },
    flows: {},
    lambdas: {},
    defaultLanguageCode: 'ja-JP',
    defaultVoice: 'Kazuha',
    ...overrides,
  };
}

/** Runs `main` (a flow document) in an environment, with optional keys answered by `digits`. */
export function run(
  main: FlowDocument,
  options: Partial<ContactOptions> & { digits?: string } = {},
  env: Partial<ContactEnvironment> = {},
): Promise<ContactResult> {
  const { digits, ...rest } = options;
  const base = environment(env);
  return runContact(
    { ...base, flows: { main: { name: 'Main', type: 'CONTACT_FLOW', content: main }, ...base.flows } },
    'main',
    {
      input: scriptedInput(digits ?? ''),
      customerEndpoint: { Address: '+819012345678', Type: 'TELEPHONE_NUMBER' },
      ...rest,
    },
  );
}
