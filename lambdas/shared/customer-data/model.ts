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

/**
 * How sure intake is of who a contact came from (architecture.md, Identity):
 * - `verified`: proven by something an attacker cannot type (see {@link VerificationMethod});
 * - `claimed`: only what the visitor or sender wrote. A claim reveals nothing of a customer and
 *   never changes a profile or a latest inquiry; it is kept under the contact point it claims (or in
 *   the history of the customer it created) until an agent confirms it.
 * Interactions recorded before this field existed, and calls (the network's caller id), carry none.
 */
export const IDENTITY_LEVELS = ['verified', 'claimed'] as const;
export type IdentityLevel = (typeof IDENTITY_LEVELS)[number];

/**
 * What verified a contact: a JWT from the website that embeds chat or form (`identity-token`), a
 * one-time code sent to the claimed address (`one-time-code`), SES's own SPF/DKIM/DMARC verdicts
 * aligned with the From domain of an email (`ses-authentication`), or an agent who confirmed a claimed
 * contact after verifying the customer verbally (`agent`; who, when and how are in the interaction's
 * details: `linkedBy`, `linkedAt`, `verification`).
 */
export const VERIFICATION_METHODS = ['identity-token', 'one-time-code', 'ses-authentication', 'agent'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

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
  /** Furigana in katakana (ヤマダ タロウ), when the CRM gave one; searched like the name. */
  nameKana?: string;
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
  /** Verified or only claimed identity (absent: recorded before intake told them apart, or a call). */
  identity?: IdentityLevel;
  /** How a `verified` contact was verified. */
  verifiedBy?: VerificationMethod;
  details?: Record<string, string>;
}
