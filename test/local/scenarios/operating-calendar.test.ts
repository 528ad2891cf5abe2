import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLocalChat } from '../../../local/intake/run';
import { tokyo, useScenarioHarness } from './harness';

/**
 * The operating calendar through the shipped flows: on 元日 and on a 振替休日 callers and chat visitors
 * are told the center is closed for a holiday (not "after hours"); the next business day routes as usual.
 */

const h = useScenarioHarness();

const HOLIDAY_JA = '誠に申し訳ございません。本日は祝日・休業日のため、オペレーターにおつなぎできません。';
const AFTER_HOURS_JA = '誠に申し訳ございません。ただいま営業時間外のため、オペレーターにおつなぎできません。';
const CHAT_HOLIDAY_JA = '本日は祝日・休業日のため、担当者がお返事できません。';
const CHAT_AFTER_HOURS_JA = 'ただいま営業時間外（平日 9:00〜18:00）のため';

let home: string;
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-calendar-'));
});
afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

describe('voice on closure days', () => {
  test.each([
    ['元日 (Friday 2027-01-01, also 年末年始)', '2027-01-01T10:00'],
    ['春分の日 振替休日 (Monday 2027-03-22)', '2027-03-22T10:00'],
  ])('a caller on %s during business hours hears the holiday message, not after hours', async (_day, at) => {
    const result = await h.call({ from: '03-9999-0000', at: tokyo(at, h.config()) });

    expect(result.prompts).toContain(HOLIDAY_JA);
    expect(result.prompts).not.toContain(AFTER_HOURS_JA);
    expect(result.path).toContain('holiday-closed');
    expect(result.outcome.type).not.toBe('queued');
  });

  test('a known caller on the 振替休日 still hears the inquiry status and may book a callback', async () => {
    const result = await h.call({ from: '03-1234-5678', digits: '1', at: tokyo('2027-03-22T11:00', h.config()) });

    expect(result.prompts.slice(1, 3)).toEqual([HOLIDAY_JA, 'お問い合わせ（番号 INQ-2001）は現在対応中です。']);
    expect(result.outcome).toMatchObject({ type: 'callback', queue: 'General' });
  });

  test('the day after the 振替休日 routes normally (menu, then the queue)', async () => {
    const result = await h.call({ from: '03-9999-0000', digits: '2', at: tokyo('2027-03-23T10:00', h.config()) });

    expect(result.prompts).not.toContain(HOLIDAY_JA);
    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test('the first business day after 年末年始 (Monday 2027-01-04) routes normally', async () => {
    const result = await h.call({ from: '03-9999-0000', digits: '2', at: tokyo('2027-01-04T10:00', h.config()) });

    expect(result.outcome).toMatchObject({ type: 'queued', queue: 'General' });
  });

  test('an ordinary evening is still after hours, not a holiday', async () => {
    const result = await h.call({ from: '03-9999-0000', at: tokyo('2027-03-23T20:00', h.config()) });

    expect(result.prompts).toContain(AFTER_HOURS_JA);
    expect(result.prompts).not.toContain(HOLIDAY_JA);
  });

  test('an English caller hears the holiday message in English', async () => {
    const result = await h.call({ from: '080-2345-6789', at: tokyo('2027-01-01T10:00', h.config()) });

    expect(result.prompts).toContain(
      'We are sorry, our contact center is closed today for a holiday, and no agent is available.',
    );
  });
});

describe('chat on closure days', () => {
  const chat = (at: string) =>
    runLocalChat(
      { store: h.store(), home, config: h.config(), now: () => tokyo(at, h.config()) },
      { name: '佐藤 花子', phone: '03-5555-0101', message: '営業日を教えてください' },
    );

  test.each([
    ['元日', '2027-01-01T10:00'],
    ['振替休日', '2027-03-22T10:00'],
  ])('a visitor on %s is told the center is closed for a holiday', async (_day, at) => {
    const result = await chat(at);

    expect(result.messages.join('\n')).toContain(CHAT_HOLIDAY_JA);
    expect(result.messages.join('\n')).not.toContain(CHAT_AFTER_HOURS_JA);
    expect(result.outcome.type).not.toBe('queued');
  });

  test('a visitor the day after is connected to an agent', async () => {
    const result = await chat('2027-03-23T10:00');

    expect(result.messages.join('\n')).not.toContain(CHAT_HOLIDAY_JA);
    expect(result.outcome).toMatchObject({ type: 'queued' });
  });
});
