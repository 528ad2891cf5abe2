import type { CustomerInput, CustomerStore } from '../../lambdas/shared/customer-data/customer-store';
import type { Channel, Interaction } from '../../lambdas/shared/customer-data/model';

/**
 * Demo customers of the local contact center: seeded on the first `npm start` (an empty store) so a
 * person can dial every caller experience from the console keypad or `contact-center call`.
 * Phone numbers are written as callers write them; the store holds them normalized to E.164 (JP).
 */

export interface DemoInteraction {
  daysAgo: number;
  channel: Channel;
  direction: Interaction['direction'];
  subject: string;
  summary?: string;
  status?: string;
  queue?: string;
}

export interface DemoCustomer {
  customer: CustomerInput;
  interactions: DemoInteraction[];
}

/** A number worth dialing in the demo, and what the caller should experience. */
export interface DemoNumber {
  number: string;
  e164: string | null;
  label: string;
  expect: string;
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    customer: {
      customerId: 'C-1001',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      phones: ['+81312345678'],
      email: 'taro.yamada@example.jp',
      tier: 'gold',
      language: 'ja-JP',
      latestInquiry: { id: 'INQ-2001', subject: '請求書の再発行', status: 'in_progress' },
    },
    interactions: [
      {
        daysAgo: 2,
        channel: 'EMAIL',
        direction: 'INBOUND',
        subject: '4月分の請求書を再発行してください',
        summary: '請求書を紛失したため再発行の依頼。',
        status: 'in_progress',
      },
      {
        daysAgo: 9,
        channel: 'VOICE',
        direction: 'INBOUND',
        subject: '支払い方法の変更',
        summary: 'クレジットカードから口座振替への変更を案内。',
        status: 'resolved',
        queue: 'Priority',
      },
      {
        daysAgo: 40,
        channel: 'CHAT',
        direction: 'INBOUND',
        subject: 'ポイントの有効期限',
        status: 'resolved',
      },
    ],
  },
  {
    customer: {
      customerId: 'C-1002',
      name: '佐藤 花子',
      nameKana: 'サトウ ハナコ',
      phones: ['+819012345678'],
      email: 'hanako.sato@example.jp',
      tier: 'platinum',
      language: 'ja-JP',
      latestInquiry: { id: 'INQ-2002', subject: '配送日の変更', status: 'waiting_for_customer' },
    },
    interactions: [
      {
        daysAgo: 1,
        channel: 'WEB_FORM',
        direction: 'INBOUND',
        subject: '配送日を来週に変更したい',
        summary: 'ご希望の日時をお客様に確認中。',
        status: 'waiting_for_customer',
      },
      {
        daysAgo: 15,
        channel: 'VOICE',
        direction: 'OUTBOUND',
        subject: 'プラチナ会員特典のご案内',
        status: 'resolved',
        queue: 'Priority',
      },
    ],
  },
  {
    customer: {
      customerId: 'C-1003',
      name: '鈴木 一郎',
      nameKana: 'スズキ イチロウ',
      phones: ['+81661234567'],
      email: 'ichiro.suzuki@example.jp',
      tier: 'standard',
      language: 'ja-JP',
      latestInquiry: { id: 'INQ-2003', subject: 'マイページにログインできない', status: 'received' },
    },
    interactions: [
      {
        daysAgo: 0,
        channel: 'CHAT',
        direction: 'INBOUND',
        subject: 'マイページにログインできない',
        summary: 'パスワード再設定メールが届かない。',
        status: 'received',
      },
    ],
  },
  {
    customer: {
      customerId: 'C-1004',
      name: 'Emily Johnson',
      phones: ['+818023456789'],
      email: 'emily.johnson@example.com',
      tier: 'standard',
      language: 'en-US',
      latestInquiry: { id: 'INQ-2004', subject: 'Change of delivery address', status: 'in_progress' },
    },
    interactions: [
      {
        daysAgo: 3,
        channel: 'EMAIL',
        direction: 'INBOUND',
        subject: 'Please send my order to my new address',
        summary: 'Moved from Shibuya to Meguro; wants pending orders redirected.',
        status: 'in_progress',
      },
      {
        daysAgo: 20,
        channel: 'VOICE',
        direction: 'INBOUND',
        subject: 'English support hours',
        status: 'resolved',
        queue: 'General',
      },
    ],
  },
  {
    customer: {
      customerId: 'C-1005',
      name: '田中 健',
      nameKana: 'タナカ ケン',
      phones: ['+81452345678', '+817034567890'],
      email: 'ken.tanaka@example.jp',
      tier: 'standard',
      language: 'ja-JP',
      latestInquiry: { id: 'INQ-2005', subject: '家族割の適用', status: 'in_progress' },
    },
    interactions: [
      {
        daysAgo: 5,
        channel: 'VOICE',
        direction: 'INBOUND',
        subject: '家族割の適用について',
        summary: '奥様の契約と合わせて家族割を申請。',
        status: 'in_progress',
        queue: 'General',
      },
    ],
  },
  {
    customer: {
      customerId: 'C-1006',
      name: '田中 美咲',
      nameKana: 'タナカ ミサキ',
      phones: ['+81452345678'],
      email: 'misaki.tanaka@example.jp',
      tier: 'gold',
      language: 'ja-JP',
      latestInquiry: { id: 'INQ-2006', subject: '契約名義の変更', status: 'resolved' },
    },
    interactions: [
      {
        daysAgo: 12,
        channel: 'WEB_FORM',
        direction: 'INBOUND',
        subject: '契約名義の変更',
        status: 'resolved',
      },
    ],
  },
  {
    customer: {
      customerId: 'C-1007',
      name: '高橋 優子',
      nameKana: 'タカハシ ユウコ',
      phones: ['+81921234567'],
      email: 'yuko.takahashi@example.jp',
      tier: 'standard',
      language: 'ja-JP',
    },
    interactions: [],
  },
  {
    customer: {
      customerId: 'C-1008',
      name: 'David Miller',
      phones: ['+81112345678'],
      email: 'david.miller@example.com',
      tier: 'platinum',
      language: 'en-US',
      latestInquiry: { id: 'INQ-2008', subject: 'Invoice in English', status: 'received' },
    },
    interactions: [
      {
        daysAgo: 1,
        channel: 'EMAIL',
        direction: 'INBOUND',
        subject: 'Could you issue the March invoice in English?',
        status: 'received',
      },
    ],
  },
];

/** Numbers to dial, as printed at start-up and listed on the console. */
export const DEMO_NUMBERS: DemoNumber[] = [
  { number: '03-1234-5678', e164: '+81312345678', label: '山田 太郎', expect: 'ja-JP, gold → 名前で挨拶, Priority' },
  {
    number: '090-1234-5678',
    e164: '+819012345678',
    label: '佐藤 花子',
    expect: 'ja-JP, platinum → 名前で挨拶, Priority',
  },
  { number: '06-6123-4567', e164: '+81661234567', label: '鈴木 一郎', expect: 'ja-JP, standard → General' },
  { number: '080-2345-6789', e164: '+818023456789', label: 'Emily Johnson', expect: 'en-US → English, General' },
  { number: '011-234-5678', e164: '+81112345678', label: 'David Miller', expect: 'en-US, platinum → Priority' },
  { number: '070-3456-7890', e164: '+817034567890', label: '田中 健 (携帯)', expect: 'ja-JP, standard → General' },
  {
    number: '045-234-5678',
    e164: '+81452345678',
    label: '田中家 (共有番号)',
    expect: 'shared number → generic greeting, no name',
  },
  { number: '092-123-4567', e164: '+81921234567', label: '高橋 優子', expect: 'ja-JP, standard, no inquiry → General' },
  { number: '03-9999-0000', e164: '+81399990000', label: '未登録の番号', expect: 'unknown caller → generic' },
  { number: 'anonymous', e164: null, label: '非通知', expect: 'withheld caller id → generic' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Writes the demo customers and their history. Idempotent: interactions are keyed by a stable source id. */
export async function seedDemoData(
  store: CustomerStore,
  options: { now?: Date } = {},
): Promise<{ customers: number; interactions: number }> {
  const now = options.now ?? new Date();
  let interactions = 0;
  for (const demo of DEMO_CUSTOMERS) {
    await store.putCustomer(demo.customer);
    for (const [i, it] of demo.interactions.entries()) {
      // Spread interactions of the same day over the morning so "newest first" is well defined.
      const at = new Date(now.getTime() - it.daysAgo * DAY_MS - (i + 1) * 60 * 60 * 1000).toISOString();
      const interaction: Interaction = {
        customerId: demo.customer.customerId,
        channel: it.channel,
        direction: it.direction,
        at,
        sourceId: `seed-${demo.customer.customerId}-${i + 1}`,
        subject: it.subject,
        ...(it.summary !== undefined && { summary: it.summary }),
        ...(it.status !== undefined && { status: it.status }),
        ...(it.queue !== undefined && { queue: it.queue }),
      };
      const { duplicate } = await store.recordInteraction({ customerId: demo.customer.customerId }, interaction);
      if (!duplicate) interactions++;
    }
  }
  return { customers: DEMO_CUSTOMERS.length, interactions };
}

/** Seeds the demo data when the store holds no customer yet (first start). */
export async function seedIfEmpty(
  store: CustomerStore,
  options: { now?: Date } = {},
): Promise<{ seeded: boolean; customers: number; interactions: number }> {
  const page = await store.listCustomers({ limit: 1 });
  if (page.items.length > 0) return { seeded: false, customers: 0, interactions: 0 };
  return { seeded: true, ...(await seedDemoData(store, options)) };
}
