import type { Inquiry, InquiryStatus, Language } from '../shared/customer-data/model';

/** Sentences the flow reads to the caller (Polly text-to-speech), per language. */
const STATUS_SENTENCES: Record<Language, Record<InquiryStatus, (id: string) => string>> = {
  'ja-JP': {
    received: (id) => `お問い合わせ（番号 ${id}）は受け付け済みです。担当者より順次ご連絡いたします。`,
    in_progress: (id) => `お問い合わせ（番号 ${id}）は現在対応中です。`,
    waiting_for_customer: (id) => `お問い合わせ（番号 ${id}）は、お客様からのご返信をお待ちしております。`,
    resolved: (id) => `お問い合わせ（番号 ${id}）は解決済みです。`,
  },
  'en-US': {
    received: (id) => `Your inquiry, number ${id}, has been received. We will contact you shortly.`,
    in_progress: (id) => `Your inquiry, number ${id}, is currently being handled.`,
    waiting_for_customer: (id) => `Your inquiry, number ${id}, is waiting for your reply.`,
    resolved: (id) => `Your inquiry, number ${id}, has been resolved.`,
  },
};

const NO_INQUIRY: Record<Language, string> = {
  'ja-JP': '現在、お問い合わせの記録はございません。',
  'en-US': 'We have no open inquiry on record for you.',
};

const UNIDENTIFIED: Record<Language, string> = {
  'ja-JP':
    'お客様を確認できなかったため、お問い合わせの状況をご案内できません。ご登録のお電話番号からおかけいただくか、オペレーターにおたずねください。',
  'en-US':
    'We could not identify you, so we cannot read out an inquiry status. Please call from your registered number or ask an agent.',
};

/** What a caller the flow could not identify hears when asking for the inquiry status. */
export function unidentifiedCallerMessage(language: Language): string {
  return UNIDENTIFIED[language];
}

/**
 * The whole greeting sentence for a known caller, in their language: 「山田様、お電話ありがとうございます。…」.
 * Built here rather than in the flow because a flow's dynamic text cannot glue 様 to a `$.` reference
 * reliably (where a reference ends before non-ASCII text is not documented), so the flow speaks this
 * one reference as its whole text.
 */
export function greetingSentence(name: string, language: Language): string {
  const who = greetingName(name, language);
  return language === 'ja-JP'
    ? `${who}様、お電話ありがとうございます。いつもご利用いただきありがとうございます。`
    : `Hello ${who}, thank you for calling.`;
}

/** Languages the IVR speaks (kept free of the zod model schemas so the Lambda bundle stays small). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(NO_INQUIRY, value);
}

/** A sentence about the status of the latest inquiry, or that there is none, in `language`. */
export function inquiryStatusMessage(language: Language, inquiry: Inquiry | undefined): string {
  if (!inquiry) return NO_INQUIRY[language];
  return STATUS_SENTENCES[language][inquiry.status](inquiry.id);
}

/**
 * The name to greet with: in Japanese the family name (the part before the first half- or full-width
 * space of the stored name, 「山田 太郎」→「山田」, read with 様 by the flow); in English the full name.
 */
export function greetingName(name: string, language: Language): string {
  const trimmed = name.trim();
  if (language !== 'ja-JP') return trimmed;
  const family = trimmed.split(/[ \u3000]/)[0];
  return family && family.length > 0 ? family : trimmed;
}
