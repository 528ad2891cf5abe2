import type { AgentCustomer } from '../../../lambdas/shared/agent/contract';
import type {
  Channel,
  IdentityLevel,
  InquiryStatus,
  Language,
  Tier,
  VerificationMethod,
} from '../../../lambdas/shared/customer-data/model';
import type { MessageKey, Translate } from '../i18n';

/**
 * Codes of the history and the contact attributes turned into words. A code this table does not know
 * (a newer status, a channel added later) is shown as the code itself rather than hidden.
 */

const CHANNEL: Record<Channel, MessageKey> = {
  VOICE: 'channelVOICE',
  CHAT: 'channelCHAT',
  EMAIL: 'channelEMAIL',
  WEB_FORM: 'channelWEB_FORM',
  TASK: 'channelTASK',
  SURVEY: 'channelSURVEY',
};

const TIER: Record<Tier, MessageKey> = { standard: 'tierStandard', gold: 'tierGold', platinum: 'tierPlatinum' };
const LANGUAGE: Record<Language, MessageKey> = { 'ja-JP': 'langJa', 'en-US': 'langEn' };

export const INQUIRY_STATUS_CODES: readonly InquiryStatus[] = [
  'received',
  'in_progress',
  'waiting_for_customer',
  'resolved',
];

const INQUIRY_STATUS: Record<InquiryStatus, MessageKey> = {
  received: 'inquiryReceived',
  in_progress: 'inquiryInProgress',
  waiting_for_customer: 'inquiryWaitingForCustomer',
  resolved: 'inquiryResolved',
};

/** Interaction statuses: the inquiry statuses plus what contact records and intake write. */
const INTERACTION_STATUS: Record<string, MessageKey> = {
  ...INQUIRY_STATUS,
  completed: 'interactionCompleted',
  abandoned: 'interactionAbandoned',
  self_service: 'interactionSelfService',
  started: 'interactionStarted',
  linked: 'interactionLinked',
};

const SENTIMENT: Record<string, MessageKey> = {
  POSITIVE: 'sentimentPositive',
  NEGATIVE: 'sentimentNegative',
  NEUTRAL: 'sentimentNeutral',
  MIXED: 'sentimentMixed',
};

// Every method of the model must be worded (the `satisfies`); `agent` (a claimed contact an agent
// confirmed) is worded ahead of the model naming it.
const VERIFIED_BY: Record<string, MessageKey> = {
  'identity-token': 'verifiedByIdentityToken',
  'one-time-code': 'verifiedByOneTimeCode',
  'ses-authentication': 'verifiedBySesAuthentication',
  agent: 'verifiedByAgent',
} satisfies Record<VerificationMethod, MessageKey> & Record<string, MessageKey>;

function lookup(table: Record<string, MessageKey>, t: Translate, code: string | undefined): string | undefined {
  if (code === undefined || code === '') return undefined;
  const key = Object.hasOwn(table, code) ? table[code] : undefined;
  return key ? t(key) : code;
}

export const channelWord = (t: Translate, code: string | undefined) => lookup(CHANNEL, t, code);
export const tierWord = (t: Translate, code: string | undefined) => lookup(TIER, t, code);
export const languageWord = (t: Translate, code: string | undefined) => lookup(LANGUAGE, t, code);
export const inquiryStatusWord = (t: Translate, code: string | undefined) => lookup(INQUIRY_STATUS, t, code);
export const interactionStatusWord = (t: Translate, code: string | undefined) => lookup(INTERACTION_STATUS, t, code);
export const sentimentWord = (t: Translate, code: string | undefined) => lookup(SENTIMENT, t, code?.toUpperCase());
export const verifiedByWord = (t: Translate, code: string | undefined) => lookup(VERIFIED_BY, t, code);

export function isInquiryStatus(code: string | undefined): code is InquiryStatus {
  return code !== undefined && (INQUIRY_STATUS_CODES as readonly string[]).includes(code);
}

/** A history entry's identity in words (nothing for entries recorded before identity was tracked). */
export function identityWord(
  t: Translate,
  identity: IdentityLevel | undefined,
  verifiedBy: string | undefined,
  /** Who confirmed it, for a claimed contact an agent linked (`details.linkedBy`). */
  linkedBy?: string,
): string | undefined {
  if (identity === 'claimed') return t('identityClaimed');
  if (identity === 'verified') {
    const method =
      verifiedBy === 'agent' && linkedBy
        ? t('verifiedByAgentNamed', { agent: linkedBy })
        : verifiedByWord(t, verifiedBy);
    return method ? t('identityVerified', { method }) : t('identityVerifiedPlain');
  }
  return undefined;
}

/**
 * The furigana of a customer (`nameKana`), which the API sends once the customer model has it; read
 * defensively so the screen works with records from before.
 */
export function nameKanaOf(customer: AgentCustomer): string | undefined {
  const kana = (customer as { nameKana?: unknown }).nameKana;
  return typeof kana === 'string' && kana !== '' ? kana : undefined;
}
