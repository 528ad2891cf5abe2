import { DEFAULT_CENTER_TIME_ZONE, localDay } from '../../lambdas/shared/local-day';
import type { VocChannel, VocMessage, VocTier } from '../../lambdas/shared/voc/message';
import { parseInstant } from '../runtime/instant';
import { DEMO_CUSTOMERS } from '../seed/demo-data';

/**
 * Demo VOC history for the local console seed: `days` days in the center's time zone ending with
 * `until` (nothing after it), about `perDay` messages a day over several channels, from the seeded
 * demo customers (in their language and tier) and anonymous senders (Japanese, some English).
 * Deterministic for a given seed and `until`. {@link DECLINING_DEMO_CUSTOMER} is happy until their
 * last three contacts, which are unhappy, so the declining-customers report and the gold/platinum
 * alerts have something to show.
 */
export interface DemoVocOptions {
  /** @default 28 */
  days?: number;
  /** @default 20 */
  perDay?: number;
  /** @default 1 */
  seed?: number;
  /** The last instant (messages are never later). @default now */
  until?: Date;
  /** The center's time zone: days start at its midnight. @default 'Asia/Tokyo' */
  timeZone?: string;
}

/** 佐藤 花子 (platinum): the customer whose sentiment declines in the demo history. */
export const DECLINING_DEMO_CUSTOMER = 'C-1002';

const JA_POSITIVE = [
  '迅速で丁寧な対応をありがとうございました。とても助かりました。',
  'オペレーターの方が親切で、説明も分かりやすかったです。',
  'アプリの使い方を教えていただき、すぐに解決しました。感謝しています。',
  '配送が早くて満足しています。',
];
const JA_NEGATIVE = [
  '注文した商品が届かないので本当に困っています。配送状況を確認してください。',
  '電話がつながらない状態が続いていて不満です。',
  '請求金額が間違っていました。返金の手続きをお願いします。',
  'アプリのログインでエラーが出て使えません。最悪です。',
  '配送の遅延について何度も問い合わせていますが、対応が遅いです。',
];
const JA_NEUTRAL = [
  '登録している住所を変更したいです。',
  '契約プランの内容について確認したいことがあります。',
  '請求書の再発行は可能でしょうか。',
];
const EN_POSITIVE = ['Thanks, the agent was very helpful and quick.', 'Great support, my issue was resolved.'];
const EN_NEGATIVE = [
  'My order is late again and nobody answered my email. Very disappointed.',
  'The app login is broken and the chat support was useless.',
];
const EN_NEUTRAL = ['I would like to update my billing address.', 'Can you tell me the status of my inquiry?'];

const CHANNELS: VocChannel[] = ['CHAT', 'EMAIL', 'VOICE', 'WEB_FORM', 'SURVEY'];
const QUEUES = ['General', 'Billing', 'Technical', 'Priority'];
const CUSTOMERS = DEMO_CUSTOMERS.map(({ customer }) => ({
  customerId: customer.customerId as string,
  tier: (customer.tier ?? 'standard') as VocTier,
  english: customer.language === 'en-US',
}));

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDemoVocHistory(options: DemoVocOptions = {}): VocMessage[] {
  const days = options.days ?? 28;
  const perDay = options.perDay ?? 20;
  const timeZone = options.timeZone ?? DEFAULT_CENTER_TIME_ZONE;
  const random = rng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const until = options.until ?? new Date();
  const [y, m, d] = localDay(until, timeZone).split('-').map(Number) as [number, number, number];
  const messages: VocMessage[] = [];
  for (let back = days - 1; back >= 0; back--) {
    // Local midnights, so a day is the center's business day (23 or 25 hours long across DST).
    const day = new Date(Date.UTC(y, m - 1, d - back)).toISOString().slice(0, 10);
    const next = new Date(Date.UTC(y, m - 1, d - back + 1)).toISOString().slice(0, 10);
    const dayStart = (parseInstant(day, timeZone) as Date).getTime();
    const dayLength = (parseInstant(next, timeZone) as Date).getTime() - dayStart;
    for (let n = 0; n < perDay; n++) {
      const customer = random() < 0.25 ? undefined : pick(CUSTOMERS);
      const english = customer ? customer.english : random() < 0.2;
      const mood = customer?.customerId === DECLINING_DEMO_CUSTOMER ? 0 : random();
      const texts = english
        ? mood > 0.65
          ? EN_NEGATIVE
          : mood > 0.35
            ? EN_NEUTRAL
            : EN_POSITIVE
        : mood > 0.6
          ? JA_NEGATIVE
          : mood > 0.3
            ? JA_NEUTRAL
            : JA_POSITIVE;
      const at = dayStart + Math.floor(((n + random()) / perDay) * dayLength);
      const message: VocMessage = {
        sourceId: `demo-${day}-${String(n).padStart(4, '0')}`,
        channel: pick(CHANNELS),
        at: new Date(at).toISOString(),
        text: pick(texts),
        queue: pick(QUEUES),
        ...(random() < 0.85 ? { language: english ? 'en-US' : 'ja-JP' } : {}),
        ...(customer ? { customerId: customer.customerId, tier: customer.tier } : {}),
      };
      // Today only up to now: a demo never holds a contact from the future.
      if (at <= until.getTime()) messages.push(message);
    }
  }
  const declining = messages.filter((m) => m.customerId === DECLINING_DEMO_CUSTOMER);
  declining.slice(-3).forEach((m, i) => {
    m.text = m.language === 'en-US' ? (EN_NEGATIVE[i % EN_NEGATIVE.length] as string) : (JA_NEGATIVE[i] as string);
  });
  return messages;
}
