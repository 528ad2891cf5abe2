import type { CustomerInput } from '../../lambdas/shared/customer-data/customer-store';
import type { Interaction } from '../../lambdas/shared/customer-data/model';

/** A Japanese customer with one inquiry in progress; override any field. */
export function aCustomer(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    customerId: 'C-1001',
    name: '山田 太郎',
    phones: ['+81312345678'],
    email: 'taro.yamada@example.jp',
    tier: 'gold',
    language: 'ja-JP',
    latestInquiry: { id: 'INQ-1001', subject: '請求書の再発行', status: 'in_progress' },
    ...overrides,
  };
}

/** A voice interaction at minute `n` of 2026-04-01 (n up to 10,000 stays ordered by time). */
export function anInteraction(n: number, overrides: Partial<Interaction> = {}): Interaction {
  const at = new Date(Date.UTC(2026, 3, 1, 0, 0, 0) + n * 60_000).toISOString();
  return {
    channel: 'VOICE',
    direction: 'INBOUND',
    at,
    sourceId: `contact-${String(n).padStart(6, '0')}`,
    subject: `通話 ${n}`,
    status: 'completed',
    ...overrides,
  };
}
