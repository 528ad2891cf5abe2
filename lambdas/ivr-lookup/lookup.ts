import type { CustomerStore } from '../shared/customer-data/customer-store';
import type { Language } from '../shared/customer-data/model';
import { customerAttributes } from '../shared/intake/attributes';
import { normalizePhone } from '../shared/phone';
import {
  greetingName,
  greetingSentence,
  inquiryStatusMessage,
  isLanguage,
  unidentifiedCallerMessage,
} from './messages';

/**
 * IVR lookup domain: who is calling, and what is the status of their latest inquiry. Pure domain code
 * behind the CustomerStore port; the handler only parses the Connect event and calls it.
 *
 * Results are flat string maps (Connect STRING_MAP). Only a number owned by exactly one customer
 * yields names and customer fields; shared (household) numbers behave like unknown callers.
 */

export type LookupResult = 'known' | 'unknown' | 'shared' | 'anonymous' | 'invalid' | 'error';
export type StatusResult = 'found' | 'none' | 'error';
export type FlowAttributes = Record<string, string>;

/** Overall budget of one lookup: the caller hears silence meanwhile, so answer within 3 s (the flow allows 5 s, Connect 8 s). */
export const LOOKUP_DEADLINE_MS = 2500;

export interface LookupDeps {
  store: CustomerStore;
  /** ISO country used to read national caller numbers (03-…). */
  defaultCountry: string;
  /** @default LOOKUP_DEADLINE_MS */
  deadlineMs?: number;
  /** Where failures are reported (the handler passes its Powertools logger). */
  onError?: (message: string, error: unknown) => void;
  /**
   * The emergency announcement, read beside the caller lookup (see announcement.ts).
   * @default - no announcement attributes
   */
  announcements?: { attributes(): Promise<FlowAttributes> };
}

export class LookupDeadlineError extends Error {
  constructor(deadlineMs: number) {
    super(`customer store did not answer within ${deadlineMs} ms`);
    this.name = 'LookupDeadlineError';
  }
}

/** Rejects when `work` takes longer than `ms`; the SDK's own timeouts end the request itself. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LookupDeadlineError(ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function errorReason(err: unknown): string {
  return err instanceof LookupDeadlineError ? 'timeout' : 'store-unavailable';
}

/**
 * Who is calling from `rawAddress` (Details.ContactData.CustomerEndpoint.Address), with the emergency
 * announcement read at the same time (its own shorter deadline, so never slower than the lookup
 * alone). At most two customer store requests.
 */
export async function lookupCaller(deps: LookupDeps, rawAddress: string | null | undefined): Promise<FlowAttributes> {
  const [caller, announcement] = await Promise.all([
    identifyCaller(deps, rawAddress),
    deps.announcements?.attributes() ?? Promise.resolve({}),
  ]);
  return { ...caller, ...announcement };
}

async function identifyCaller(deps: LookupDeps, rawAddress: string | null | undefined): Promise<FlowAttributes> {
  const phone = normalizePhone(rawAddress, deps.defaultCountry);
  if (!phone.ok) return { lookupResult: phone.reason };
  try {
    return await withDeadline(lookupKnownNumber(deps, phone.e164), deps.deadlineMs ?? LOOKUP_DEADLINE_MS);
  } catch (err) {
    deps.onError?.('customer lookup failed', err);
    return { lookupResult: 'error', errorReason: errorReason(err) };
  }
}

async function lookupKnownNumber(deps: LookupDeps, e164: string): Promise<FlowAttributes> {
  const matches = await deps.store.findByPhone(e164, { limit: 2 });
  if (matches.length === 0) return { lookupResult: 'unknown' };
  if (matches.length > 1) return { lookupResult: 'shared' };
  const { customer, latestInteraction } = await deps.store.getCustomerWithLatestInteraction(matches[0]!.customerId);
  // A contact point without its profile (interrupted write): never guess, treat as unknown.
  if (!customer) return { lookupResult: 'unknown' };
  return {
    lookupResult: 'known',
    // The fields chats and tasks carry too (customerId, displayName, tier, priority, latest inquiry, last contact).
    ...customerAttributes(customer, latestInteraction),
    greetingName: greetingName(customer.name, customer.language),
    greeting: greetingSentence(customer.name, customer.language),
    hasInquiry: customer.latestInquiry ? 'true' : 'false',
    inquiryStatusMessage: inquiryStatusMessage(customer.language, customer.latestInquiry),
  };
}

/**
 * Status of the latest inquiry of a customer identified earlier in the flow, worded in `language`
 * (falls back to the customer's language, then Japanese). One store request.
 */
export async function inquiryStatus(
  deps: LookupDeps,
  customerId: string | undefined,
  language: string | undefined,
): Promise<FlowAttributes> {
  // Unknown, shared or withheld numbers reach the menu with no customer id: tell them why there is
  // nothing to read out (not an error: the flow speaks it like any other status).
  if (!customerId) {
    return {
      statusResult: 'none',
      inquiryStatusMessage: unidentifiedCallerMessage(isLanguage(language) ? language : 'ja-JP'),
      latestInquiryId: '',
      latestInquiryStatus: '',
    };
  }
  try {
    const customer = await withDeadline(deps.store.getCustomer(customerId), deps.deadlineMs ?? LOOKUP_DEADLINE_MS);
    const lang: Language = isLanguage(language) ? language : (customer?.language ?? 'ja-JP');
    const inquiry = customer?.latestInquiry;
    return {
      statusResult: inquiry ? 'found' : 'none',
      inquiryStatusMessage: inquiryStatusMessage(lang, inquiry),
      latestInquiryId: inquiry?.id ?? '',
      latestInquiryStatus: inquiry?.status ?? '',
    };
  } catch (err) {
    deps.onError?.('inquiry status lookup failed', err);
    return { statusResult: 'error', errorReason: errorReason(err) };
  }
}
