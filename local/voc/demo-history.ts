import type { VocChannel, VocMessage, VocTier } from '../../lambdas/shared/voc/message';

/**
 * Demo VOC history for the local console seed: `days` days ending today (UTC), `perDay` messages a
 * day over several channels, Japanese (most) and English, from customers `C-0001`… (C-0001–C-0003
 * gold/platinum) and anonymous senders. Deterministic for a given seed. Customer C-0001 is happy
 * until their last three contacts, which are unhappy, so the declining-customers report and the
 * gold/platinum alerts have something to show.
 */
export interface DemoVocOptions {
  /** @default 28 */
  days?: number;
  /** @default 20 */
  perDay?: number;
  /** @default 1 */
  seed?: number;
  /** Last day (UTC). @default today */
  until?: Date;
}

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
const TIERS: Record<string, VocTier> = { 'C-0001': 'gold', 'C-0002': 'platinum', 'C-0003': 'gold' };

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
  const random = rng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const until = options.until ?? new Date();
  const lastDay = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
  const messages: VocMessage[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = lastDay - d * 86_400_000;
    const day = new Date(dayStart).toISOString().slice(0, 10);
    for (let n = 0; n < perDay; n++) {
      const customerNo = random() < 0.25 ? undefined : 1 + Math.floor(random() * 12);
      const customerId = customerNo === undefined ? undefined : `C-${String(customerNo).padStart(4, '0')}`;
      const english = random() < 0.2;
      const mood = customerId === 'C-0001' ? 0 : random();
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
      const at = new Date(dayStart + Math.floor(((n + random()) / perDay) * 86_400_000)).toISOString();
      const message: VocMessage = {
        sourceId: `demo-${day}-${String(n).padStart(4, '0')}`,
        channel: pick(CHANNELS),
        at,
        text: pick(texts),
        queue: pick(QUEUES),
        ...(random() < 0.85 ? { language: english ? 'en-US' : 'ja-JP' } : {}),
        ...(customerId ? { customerId, tier: TIERS[customerId] ?? 'standard' } : {}),
      };
      messages.push(message);
    }
  }
  const c1 = messages.filter((m) => m.customerId === 'C-0001');
  c1.slice(-3).forEach((m, i) => {
    m.text = m.language === 'en-US' ? (EN_NEGATIVE[i % EN_NEGATIVE.length] as string) : (JA_NEGATIVE[i] as string);
  });
  return messages;
}
