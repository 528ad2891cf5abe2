import { testCondition } from '../../../local/interpreter';

describe('condition operators', () => {
  it.each([
    ['Equals', '1', '1', true],
    ['Equals', 'Gold', 'gold', false],
    ['TextStartsWith', '+81', '+81312345678', true],
    ['TextStartsWith', '+1', '+81312345678', false],
    ['TextEndsWith', '678', '+81312345678', true],
    ['TextContains', 'old', 'gold', true],
    ['TextContains', 'x', 'gold', false],
    ['NumberGreaterThan', '0', '1', true],
    ['NumberGreaterThan', '1', '1', false],
    ['NumberGreaterOrEqualTo', '1', '1', true],
    ['NumberLessThan', '50', '49.5', true],
    ['NumberLessThan', '50', '50', false],
    ['NumberLessOrEqualTo', '50', '50', true],
    ['NumberGreaterThan', '0', 'abc', false],
    ['NumberLessThan', '0', 'abc', false],
    ['NumberLessOrEqualTo', 'x', '1', false],
    ['NumberGreaterOrEqualTo', '0', '', false],
  ])('%s %s on "%s" is %s', (operator, operand, value, expected) => {
    expect(testCondition(operator, operand, value)).toBe(expected);
  });

  it('rejects an unknown operator instead of guessing', () => {
    expect(() => testCondition('Matches', 'x', 'x')).toThrow('unknown condition operator "Matches"');
  });
});
