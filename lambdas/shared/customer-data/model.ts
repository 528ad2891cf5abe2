import { z } from 'zod';

/** Domain model of customers and their cross-channel history (see architecture.md, Data invariants). */

export const TIERS = ['standard', 'gold', 'platinum'] as const;
export type Tier = (typeof TIERS)[number];

export const LANGUAGES = ['ja-JP', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

export const INQUIRY_STATUSES = ['received', 'in_progress', 'waiting_for_customer', 'resolved'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const CHANNELS = ['VOICE', 'CHAT', 'EMAIL', 'WEB_FORM', 'TASK', 'SURVEY'] as const;
export type Channel = (typeof CHANNELS)[number];

export const InquirySchema = z.object({
  id: z.string().min(1).max(128),
  subject: z.string().min(1).max(1000),
  status: z.enum(INQUIRY_STATUSES),
});
export type Inquiry = z.infer<typeof InquirySchema>;

/** A stored customer (phones already normalized to E.164). */
export interface Customer {
  customerId: string;
  name: string;
  phones: string[];
  email?: string;
  tier: Tier;
  language: Language;
  latestInquiry?: Inquiry;
  createdAt: string;
  updatedAt: string;
}

export interface Interaction {
  /** Customer partition owner; for unmatched contacts the contact point it came from. */
  customerId?: string;
  channel: Channel;
  direction: 'INBOUND' | 'OUTBOUND';
  /** ISO-8601 UTC. */
  at: string;
  /** Idempotency key: contact id, email Message-ID, S3 key, inquiry id… */
  sourceId: string;
  subject?: string;
  summary?: string;
  status?: string;
  queue?: string;
  agent?: string;
  sentiment?: string;
  details?: Record<string, string>;
}
