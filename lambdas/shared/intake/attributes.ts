import type { Customer, Interaction } from '../customer-data/model';
import type { ContactAttributes } from './contact-channel';

/**
 * Contact attributes of a chat or task, with the names the voice screen pop uses (ivr-lookup), so the
 * agent workspace shows the same fields whatever the channel. Values are strings; unknown ones are ''.
 */
export function screenPopAttributes(
  customer: Customer,
  latestInteraction: Interaction | undefined,
  extra: { knownCustomer: boolean },
): ContactAttributes {
  return {
    customerId: customer.customerId,
    displayName: customer.name,
    tier: customer.tier,
    language: customer.language,
    priority: customer.tier === 'gold' || customer.tier === 'platinum' ? 'true' : 'false',
    knownCustomer: extra.knownCustomer ? 'true' : 'false',
    latestInquiryId: customer.latestInquiry?.id ?? '',
    latestInquiryStatus: customer.latestInquiry?.status ?? '',
    lastContactChannel: latestInteraction?.channel ?? '',
    lastContactAt: latestInteraction?.at ?? '',
  };
}
