import type { FlowCondition } from './types';

// The linter's list: a flow the linter accepts never names an operator the interpreter lacks.
export { CONDITION_OPERATORS } from '../../lib/flows/action-types';

/** A number written as text (`"8"`, `" 2.5 "`), or undefined when it is not one. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Whether `value` satisfies a condition. Text operators compare exactly (case-sensitive); Number
 * operators are false when either side is not numeric. An unknown operator is a defect in the flow.
 */
export function testCondition(operator: string, operand: string, value: string): boolean {
  switch (operator) {
    case 'Equals':
      return value === operand;
    case 'TextStartsWith':
      return value.startsWith(operand);
    case 'TextEndsWith':
      return value.endsWith(operand);
    case 'TextContains':
      return value.includes(operand);
    case 'NumberGreaterThan':
    case 'NumberGreaterOrEqualTo':
    case 'NumberLessThan':
    case 'NumberLessOrEqualTo': {
      const left = toNumber(value);
      const right = toNumber(operand);
      if (left === undefined || right === undefined) return false;
      if (operator === 'NumberGreaterThan') return left > right;
      if (operator === 'NumberGreaterOrEqualTo') return left >= right;
      if (operator === 'NumberLessThan') return left < right;
      return left <= right;
    }
    default:
      throw new Error(`unknown condition operator "${operator}"`);
  }
}

/** The first condition the value satisfies, in order, or undefined (NoMatchingCondition). */
export function firstMatchingCondition(
  conditions: readonly FlowCondition[],
  value: string,
  evaluateOperand: (operand: unknown) => string,
): FlowCondition | undefined {
  return conditions.find((c) => testCondition(c.Condition.Operator, evaluateOperand(c.Condition.Operands[0]), value));
}
