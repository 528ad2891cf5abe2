import { formatInstant, parseInstant } from '../../../local/runtime/instant';
import { CallInputError, callerEndpoint, digitsInput } from '../../../local/runtime/simulate-call';

/** How `call` reads --at, --from and --digits. */

describe('--at', () => {
  test.each([
    ['2026-04-06T20:00', '2026-04-06T11:00:00.000Z'],
    ['2026-04-06 20:00:30', '2026-04-06T11:00:30.000Z'],
    ['2026-04-06', '2026-04-05T15:00:00.000Z'],
    ['2026-04-06T20:00:00+09:00', '2026-04-06T11:00:00.000Z'],
    ['2026-04-06T11:00Z', '2026-04-06T11:00:00.000Z'],
  ])('%s in Asia/Tokyo is %s', (text, iso) => {
    expect(parseInstant(text, 'Asia/Tokyo')?.toISOString()).toBe(iso);
  });

  test('a wall-clock time follows daylight saving time of the zone', () => {
    expect(parseInstant('2026-01-15T09:00', 'America/New_York')?.toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(parseInstant('2026-07-15T09:00', 'America/New_York')?.toISOString()).toBe('2026-07-15T13:00:00.000Z');
  });

  test.each([
    'tomorrow',
    '2026-13-01T10:00',
    '2026-02-30T10:00',
    '2026-02-30T10:00+09:00',
    '2026-04-06T24:00',
    '2026-04-06+09:00',
    '',
  ])('%j is rejected', (text) => {
    expect(parseInstant(text, 'Asia/Tokyo')).toBeUndefined();
  });

  test('transcripts show the instant in the zone with the weekday', () => {
    expect(formatInstant(new Date('2026-04-06T11:00:00Z'), 'Asia/Tokyo')).toBe('2026-04-06 20:00 (Asia/Tokyo, Mon)');
  });
});

describe('--from', () => {
  test('national and international formats reach the flow as E.164', () => {
    expect(callerEndpoint('03-1234-5678', 'JP')).toEqual({ Address: '+81312345678', Type: 'TELEPHONE_NUMBER' });
    expect(callerEndpoint('+81 90 1234 5678', 'JP')).toEqual({ Address: '+819012345678', Type: 'TELEPHONE_NUMBER' });
  });

  test('withheld markers are delivered as the carrier sends them; null is no caller id', () => {
    expect(callerEndpoint('anonymous', 'JP')).toEqual({ Address: 'anonymous', Type: 'TELEPHONE_NUMBER' });
    expect(callerEndpoint(null, 'JP')).toBeNull();
    expect(callerEndpoint('  ', 'JP')).toBeNull();
  });

  test('anything else is a CallInputError naming --from', () => {
    expect(() => callerEndpoint('03-12', 'JP')).toThrow(CallInputError);
    expect(() => callerEndpoint('hello', 'JP')).toThrow('--from: "hello" is not a phone number');
  });
});

describe('--digits', () => {
  const request = { actionId: 'menu', prompt: '', timeoutSeconds: 5 };

  test('answers one prompt per key, "_" as a timeout, [..] as one entry, then times out', async () => {
    const input = digitsInput('1_[0312345678#]2');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await input(request));
    expect(answers).toEqual(['1', undefined, '0312345678#', '2', undefined]);
  });

  test.each([
    ['12a', 'may only contain'],
    ['[123', 'is not closed'],
  ])('%j is a CallInputError naming --digits', (digits, reason) => {
    expect(() => digitsInput(digits)).toThrow(CallInputError);
    expect(() => digitsInput(digits)).toThrow(new RegExp(`^--digits: .*${reason}`));
  });
});
