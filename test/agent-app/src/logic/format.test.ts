import {
  countCharacters,
  formatDateTime,
  MAX_NOTE_CHARS,
  MAX_SEARCH_RESULTS,
  noteFits,
} from '../../../../agent-app/src/logic/format';
import {
  MAX_NOTE_CHARS as CONTRACT_MAX_NOTE,
  MAX_SEARCH_RESULTS as CONTRACT_MAX_SEARCH,
} from '../../../../lambdas/shared/agent/contract';

describe('formatDateTime', () => {
  it('shows UTC instants in the center’s time zone, Japanese style', () => {
    expect(formatDateTime('2026-11-30T11:05:00Z', 'Asia/Tokyo', 'ja-JP')).toBe('2026/11/30 20:05');
  });

  it('moves to the next day (and year) across the Tokyo date boundary', () => {
    expect(formatDateTime('2026-11-30T14:59:00Z', 'Asia/Tokyo', 'ja-JP')).toBe('2026/11/30 23:59');
    expect(formatDateTime('2026-11-30T15:00:00Z', 'Asia/Tokyo', 'ja-JP')).toBe('2026/12/01 00:00');
    expect(formatDateTime('2026-12-31T15:30:00.000Z', 'Asia/Tokyo', 'ja-JP')).toBe('2027/01/01 00:30');
  });

  it('writes English dates month first, 24-hour clock, and follows another zone', () => {
    expect(formatDateTime('2026-11-30T15:00:00Z', 'Asia/Tokyo', 'en-US')).toBe('12/01/2026, 00:00');
    expect(formatDateTime('2026-11-30T15:00:00Z', 'America/New_York', 'ja-JP')).toBe('2026/11/30 10:00');
  });

  it('shows a value it cannot read as given', () => {
    expect(formatDateTime('yesterday', 'Asia/Tokyo', 'ja-JP')).toBe('yesterday');
  });
});

describe('note length', () => {
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(countCharacters('お支払い')).toBe(4);
    expect(countCharacters('𠮷野家')).toBe(3);
    expect(new TextEncoder().encode('お支払い').length).toBe(12);
  });

  it('fits the API’s limit, which counts UTF-16 units', () => {
    expect(noteFits('あ'.repeat(MAX_NOTE_CHARS), MAX_NOTE_CHARS)).toBe(true);
    expect(noteFits('あ'.repeat(MAX_NOTE_CHARS + 1), MAX_NOTE_CHARS)).toBe(false);
    expect(noteFits('𠮷'.repeat(MAX_NOTE_CHARS / 2 + 1), MAX_NOTE_CHARS)).toBe(false);
  });

  it('uses the contract’s limits (copied so zod stays out of the bundle)', () => {
    expect(MAX_NOTE_CHARS).toBe(CONTRACT_MAX_NOTE);
    expect(MAX_SEARCH_RESULTS).toBe(CONTRACT_MAX_SEARCH);
  });
});
