import { type LintOptions, lintFlow } from '../../../lib/flows/lint';
import type { FlowType } from '../../../lib/flows/model';

/** Builders for small flow documents used by the linter tests. */

export type Json = Record<string, unknown>;

export function action(Identifier: string, Type: string, Parameters: Json = {}, Transitions: Json = {}): Json {
  return { Identifier, Type, Parameters, Transitions };
}

export function say(id: string, next: string, text = 'こんにちは'): Json {
  return action(
    id,
    'MessageParticipant',
    { Text: text },
    { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] },
  );
}

export function end(id = 'end'): Json {
  return action(id, 'DisconnectParticipant');
}

export function doc(actions: Json[], start?: string): Json {
  return {
    Version: '2019-10-30',
    StartAction: start ?? String(actions[0]?.Identifier),
    Metadata: {},
    Actions: actions,
  };
}

/** One action between a start and a disconnect: `first` → target action → `end`. */
export function around(target: Json): Json {
  return doc([say('first', String(target.Identifier)), target, end()]);
}

export function lint(input: unknown, options: Partial<LintOptions> & { flowType?: FlowType } = {}) {
  return lintFlow(input, { file: 't.json', flowType: 'CONTACT_FLOW', ...options });
}

export function rules(input: unknown, options: Partial<LintOptions> = {}): string[] {
  return lint(input, options).map((d) => d.rule);
}

export function errorsOf(input: unknown, options: Partial<LintOptions> = {}): string[] {
  return lint(input, options)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.actionId ?? '-'} [${d.rule}] ${d.message}`);
}

export const ok = (next: string) => ({
  NextAction: next,
  Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }],
});
export const cond = (operand: string, next: string, Operator = 'Equals') => ({
  NextAction: next,
  Condition: { Operator, Operands: [operand] },
});
