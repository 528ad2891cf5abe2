import { z } from 'zod';

/**
 * A voice-of-the-customer message: one piece of customer text (a chat transcript, an email, a
 * web form, a survey answer, a call transcript) sent to the VOC queue by any producer.
 * The schema is the contract between producers (intake, S3 notifications, `voc ingest`) and the
 * analyzer; keep it backward compatible (add optional fields, never rename).
 */

export const VOC_CHANNELS = ['VOICE', 'CHAT', 'EMAIL', 'WEB_FORM', 'TASK', 'SURVEY'] as const;
export type VocChannel = (typeof VOC_CHANNELS)[number];

export const VOC_TIERS = ['standard', 'gold', 'platinum'] as const;
export type VocTier = (typeof VOC_TIERS)[number];

/** Languages producers may state; both short (`ja`) and locale (`ja-JP`) forms are accepted. */
export const VOC_LANGUAGES = ['ja', 'en', 'ja-JP', 'en-US'] as const;

/** Largest text accepted on the queue (SQS allows 256 KiB per message including the JSON envelope). */
export const MAX_VOC_TEXT_CHARS = 60_000;

const isoInstant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO-8601 date-time such as "2025-04-01T09:30:00Z"',
});

export const VocMessageSchema = z
  .object({
    /** Idempotency key: contact id, email Message-ID, S3 key, survey answer id… */
    sourceId: z.string().min(1).max(512),
    channel: z.enum(VOC_CHANNELS),
    customerId: z.string().min(1).max(128).optional(),
    /** When the customer said it (ISO-8601; stored normalized to UTC). */
    at: isoInstant,
    /** Omit when unknown: the analyzer then detects the dominant language. */
    language: z.enum(VOC_LANGUAGES).optional(),
    text: z.string().trim().min(1, 'text must not be empty').max(MAX_VOC_TEXT_CHARS),
    tier: z.enum(VOC_TIERS).optional(),
    /** Connect queue name (or intake route) the contact went through. */
    queue: z.string().min(1).max(256).optional(),
  })
  .strict();

export type VocMessage = z.infer<typeof VocMessageSchema>;

/** `ja-JP` → `ja`, `en-US` → `en`; undefined stays undefined (to be detected). */
export function shortLanguage(language: VocMessage['language']): 'ja' | 'en' | undefined {
  if (language === undefined) return undefined;
  return language.startsWith('ja') ? 'ja' : 'en';
}

/** Human-readable reasons of a failed parse: `field: message; field: message`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(message)'}: ${i.message}`).join('; ');
}
