import type { Customer, Interaction } from '../customer-data/model';
import type { ContactAttributes } from './contact-channel';

/**
 * The customer fields of every screen pop, voice (ivr-lookup) as well as chat and task, so the agent
 * workspace shows the same fields whatever the channel. Values are strings; unknown ones are ''.
 */
export function customerAttributes(customer: Customer, latestInteraction: Interaction | undefined): ContactAttributes {
  return {
    customerId: customer.customerId,
    displayName: customer.name,
    tier: customer.tier,
    language: customer.language,
    priority: customer.tier === 'gold' || customer.tier === 'platinum' ? 'true' : 'false',
    latestInquiryId: customer.latestInquiry?.id ?? '',
    latestInquiryStatus: customer.latestInquiry?.status ?? '',
    lastContactChannel: latestInteraction?.channel ?? '',
    lastContactAt: latestInteraction?.at ?? '',
  };
}

/** Contact attributes of a chat or task: {@link customerAttributes} and whether the customer was known. */
export function screenPopAttributes(
  customer: Customer,
  latestInteraction: Interaction | undefined,
  extra: { knownCustomer: boolean },
): ContactAttributes {
  return { ...customerAttributes(customer, latestInteraction), knownCustomer: extra.knownCustomer ? 'true' : 'false' };
}
