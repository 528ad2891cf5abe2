import { z } from 'zod';

/**
 * The Amazon Connect flow language document (API format, `Version` 2019-10-30), as accepted by
 * `CreateContactFlow` and `AWS::Connect::ContactFlow` `Content`.
 *
 * The schema is deliberately tolerant of what real exports contain (Metadata with layout data,
 * extra top-level keys such as a module's `Settings`, numbers and booleans written as strings,
 * empty `Errors`/`Conditions` arrays): the linter, not the schema, decides what is valid.
 */

/** `AWS::Connect::ContactFlow` `Type` values, plus the flow module pseudo-type. */
export const FLOW_TYPES = [
  'CONTACT_FLOW',
  'CUSTOMER_QUEUE',
  'CUSTOMER_HOLD',
  'CUSTOMER_WHISPER',
  'AGENT_HOLD',
  'AGENT_WHISPER',
  'OUTBOUND_WHISPER',
  'AGENT_TRANSFER',
  'QUEUE_TRANSFER',
  'CAMPAIGN',
  /** `AWS::Connect::ContactFlowModule` (same document language). */
  'CONTACT_FLOW_MODULE',
] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

export function isFlowType(value: string): value is FlowType {
  return (FLOW_TYPES as readonly string[]).includes(value);
}

export const FLOW_VERSION = '2019-10-30';

/** Limits from the flow language reference and the CloudFormation resource schema. */
export const LIMITS = {
  maxActions: 250,
  maxContentChars: 256_000,
  maxIdentifierLength: 50,
} as const;

export const ConditionSchema = z.looseObject({
  Operator: z.string(),
  Operands: z.array(z.unknown()),
});

export const ConditionTransitionSchema = z.looseObject({
  NextAction: z.string(),
  Condition: ConditionSchema,
});

export const ErrorTransitionSchema = z.looseObject({
  NextAction: z.string(),
  ErrorType: z.string(),
});

export const TransitionsSchema = z.looseObject({
  NextAction: z.string().optional(),
  Conditions: z.array(ConditionTransitionSchema).optional(),
  Errors: z.array(ErrorTransitionSchema).optional(),
});

export const ActionSchema = z.looseObject({
  Identifier: z.string(),
  Type: z.string(),
  Parameters: z.record(z.string(), z.unknown()).default({}),
  Transitions: TransitionsSchema,
});

export const FlowDocumentSchema = z.looseObject({
  Version: z.string(),
  StartAction: z.string(),
  Metadata: z.record(z.string(), z.unknown()).optional(),
  Actions: z.array(ActionSchema),
});

export type FlowCondition = z.output<typeof ConditionTransitionSchema>;
export type FlowErrorTransition = z.output<typeof ErrorTransitionSchema>;
export type FlowTransitions = z.output<typeof TransitionsSchema>;
export type FlowAction = z.output<typeof ActionSchema>;
export type FlowDocument = z.output<typeof FlowDocumentSchema>;

/** Every action identifier an action can go to next, with where it comes from. */
export function transitionTargets(action: FlowAction): { target: string; via: string }[] {
  const t = action.Transitions;
  const out: { target: string; via: string }[] = [];
  if (t.NextAction !== undefined) out.push({ target: t.NextAction, via: 'NextAction' });
  for (const c of t.Conditions ?? []) {
    out.push({
      target: c.NextAction,
      via: `condition ${c.Condition.Operator} ${JSON.stringify(c.Condition.Operands)}`,
    });
  }
  for (const e of t.Errors ?? []) out.push({ target: e.NextAction, via: `error ${e.ErrorType}` });
  return out;
}
