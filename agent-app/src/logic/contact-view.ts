import type { Interaction } from '../../../lambdas/shared/customer-data/model';
import type { AgentContact } from '../contact/contact-provider';
import type { Translate } from '../i18n';
import { classifySearch } from './search-input';
import { inquiryStatusWord, verifiedByWord } from './words';

/**
 * What the screen makes of a connected contact's attributes (set by ivr-lookup, chat and task intake,
 * and the voice flow): whose contact it is, how sure we are, and what the caller did in the IVR.
 */
export type ContactOwner =
  /** A customer the flow identified (attributes.customerId). */
  | { kind: 'customer'; customerId: string; claimed: boolean }
  /** Only a claim (chat/form/email): kept under the contact point it claims. */
  | { kind: 'contact-point'; contactPoint: { email: string } | { phone: string } }
  | { kind: 'unknown' };

const attr = (c: AgentContact, name: string): string | undefined => {
  const v = c.attributes[name];
  return v === undefined || v === '' ? undefined : v;
};

export function contactOwner(c: AgentContact): ContactOwner {
  const claimed = attr(c, 'identity') === 'claimed';
  const customerId = attr(c, 'customerId');
  if (customerId) return { kind: 'customer', customerId, claimed };
  const point = contactPointOf(c);
  if (point) return { kind: 'contact-point', contactPoint: point };
  return { kind: 'unknown' };
}

/** The contact point a contact nobody owns is kept under: the claimed one, else the caller's address. */
export function contactPointOf(c: AgentContact): { email: string } | { phone: string } | undefined {
  const email = attr(c, 'claimedEmail');
  if (email) return { email };
  const phone = attr(c, 'claimedPhone');
  if (phone) return { phone };
  if (c.customerEndpoint) {
    const q = classifySearch(c.customerEndpoint);
    if (q.kind === 'email') return { email: q.q };
    if (q.kind === 'phone') return { phone: c.customerEndpoint };
  }
  return undefined;
}

export function isClaimed(c: AgentContact): boolean {
  return attr(c, 'identity') === 'claimed';
}

/** How sure we are who this is, in words. */
export function contactIdentityWord(t: Translate, c: AgentContact): string {
  const identity = attr(c, 'identity');
  if (identity === 'verified') {
    const method = verifiedByWord(t, attr(c, 'verifiedBy'));
    return method ? t('identityVerified', { method }) : t('identityVerifiedPlain');
  }
  if (identity === 'claimed') return t('identityClaimed');
  // A call carries no identity level: the network's caller id matched one customer, which anybody who
  // spoofs the number would too, so it is shown as not verified.
  const lookup = attr(c, 'lookupResult');
  if (lookup === 'shared') return t('identitySharedNumber');
  if (attr(c, 'customerId')) return t('identityCallerId');
  return t('identityUnknown');
}

/** What the caller did in the IVR, one line each, from the voice flow's attributes. */
export function ivrSteps(t: Translate, c: AgentContact): string[] {
  const steps: string[] = [];
  const menu = attr(c, 'ivrMenu');
  if (menu) {
    for (const choice of menu.split(/[,\s>]+/).filter(Boolean)) steps.push(ivrMenuWord(t, choice));
  }
  // The voice flow stores the status code it read out (ivrStatusHeard=in_progress), absent when none was.
  const heard = attr(c, 'ivrStatusHeard');
  if (heard) {
    const status = isTrue(heard) ? inquiryStatusWord(t, attr(c, 'latestInquiryStatus')) : inquiryStatusWord(t, heard);
    steps.push(status ? t('ivrStatusHeardWith', { status }) : t('ivrStatusHeard'));
  }
  if (isTrue(attr(c, 'callbackRequested'))) steps.push(t('ivrCallbackRequested'));
  return steps;
}

function ivrMenuWord(t: Translate, choice: string): string {
  switch (choice.toLowerCase()) {
    case '1':
    case 'status':
    case 'inquiry-status':
      return t('ivrMenuStatus');
    case '2':
    case 'agent':
      return t('ivrMenuAgent');
    case '9':
    case 'english':
    case 'en':
      return t('ivrMenuEnglish');
    case 'callback':
      return t('ivrMenuCallback');
    case 'no_choice':
      return t('ivrMenuNoChoice');
    default:
      return t('ivrMenuOther', { value: choice });
  }
}

function isTrue(v: string | undefined): boolean {
  return v === 'true' || v === 'yes' || v === '1';
}

/**
 * The history entry a claimed contact made (what POST /interactions/link confirms): the contact's own id
 * for chats, the inquiry id for web forms, else what the attributes name; when the shown history holds
 * no entry of that id, its newest claimed entry.
 */
export function claimedSourceId(c: AgentContact, shown: readonly Interaction[]): string | undefined {
  const explicit = attr(c, 'sourceId') ?? attr(c, 'messageId');
  const candidate =
    explicit ?? (attr(c, 'inquiryChannel') === 'WEB_FORM' ? attr(c, 'latestInquiryId') : undefined) ?? c.contactId;
  if (shown.length === 0 || shown.some((i) => i.sourceId === candidate)) return candidate;
  return shown.find((i) => i.identity === 'claimed')?.sourceId ?? candidate;
}

/** What to pre-fill the search with for a caller nobody matched. */
export function searchPrefill(c: AgentContact): string {
  return attr(c, 'claimedEmail') ?? attr(c, 'claimedPhone') ?? c.customerEndpoint ?? '';
}

export function displayName(c: AgentContact): string | undefined {
  return attr(c, 'displayName');
}

/**
 * The contact's number as people write it (03-1234-5678) when it is one of the shown customer's phones
 * (the API formats those); anything else as the channel gave it.
 */
export function shownEndpoint(
  endpoint: string,
  customer: { phones: readonly string[]; phonesNational: readonly string[] } | undefined,
): string {
  const i = customer?.phones.indexOf(endpoint) ?? -1;
  return (i >= 0 ? customer?.phonesNational[i] : undefined) ?? endpoint;
}
