import type { InteractionOwner } from '../customer-data/customer-store';
import type { Customer, IdentityLevel, Interaction, VerificationMethod } from '../customer-data/model';
import type { ContactAttributes } from './contact-channel';
import type { ContactDetails, ResolvedCustomer } from './resolve-customer';

/**
 * Verified versus claimed identity (architecture.md, Identity; docs/intake.md, "Identity").
 *
 * A contact is `verified` when something an attacker cannot type vouches for its contact point (an
 * identity token, a one-time code, SES's authentication verdicts); otherwise what the visitor typed
 * is only a `claim`. Where a contact goes and what it may reveal follows from that alone:
 *
 * | resolved customer                 | verified                   | claimed                                   |
 * |-----------------------------------|----------------------------|-------------------------------------------|
 * | existing (matched)                | customer's history, screen pop, latest inquiry | under the contact point it claims; nothing of the customer |
 * | created by this contact           | customer's history          | customer's history (its own words); never a latest inquiry |
 */

export interface ContactIdentity {
  level: IdentityLevel;
  /** Set when level is `verified`. */
  method?: VerificationMethod;
}

export const CLAIMED: ContactIdentity = { level: 'claimed' };

/** Where a resolved contact is recorded and which customer (if any) it may show or change. */
export interface PlacedContact {
  identity: ContactIdentity;
  /** The history the interaction is recorded in. */
  owner: InteractionOwner;
  /**
   * The customer this contact may read (screen pop, tier routing, greeting): verified, or created
   * from this very contact. Undefined for a claim on somebody's existing contact point.
   */
  customer?: Customer;
  /** Whether the contact may change the customer's profile (its latest inquiry): verified only. */
  mayUpdateProfile: boolean;
  /** Whether the contact created the customer. */
  newCustomer: boolean;
}

export function placeContact(
  resolved: ResolvedCustomer,
  details: ContactDetails,
  identity: ContactIdentity,
): PlacedContact {
  const base = { identity, newCustomer: resolved.newCustomer };
  if (identity.level === 'verified') {
    return {
      ...base,
      owner: { customerId: resolved.customer.customerId },
      customer: resolved.customer,
      mayUpdateProfile: true,
    };
  }
  if (resolved.newCustomer) {
    return {
      ...base,
      owner: { customerId: resolved.customer.customerId },
      customer: resolved.customer,
      mayUpdateProfile: false,
    };
  }
  // A claim on a contact point somebody already owns: kept beside that customer, never in its history.
  const via = resolved.via ?? (details.email !== undefined ? 'email' : 'phone');
  const owner: InteractionOwner =
    via === 'email' && details.email !== undefined ? { email: details.email } : { phone: details.phone! };
  return { ...base, owner, mayUpdateProfile: false };
}

/** The identity fields of an interaction recorded for a placed contact. */
export function identityFields(identity: ContactIdentity): Pick<Interaction, 'identity' | 'verifiedBy'> {
  return identity.level === 'verified' && identity.method
    ? { identity: 'verified', verifiedBy: identity.method }
    : { identity: 'claimed' };
}

/** Identity attributes every chat and task carries, so the agent sees how far to trust the contact. */
export function identityAttributes(identity: ContactIdentity): ContactAttributes {
  return { identity: identity.level, verifiedBy: identity.method ?? '' };
}

/**
 * Screen-pop attributes of a contact whose claim matched somebody else's contact point: the same keys
 * as customerAttributes (flows read them) with nothing of the customer. The flow then greets it as a
 * new visitor and routes it by no tier; the agent gets the claimed contact points to confirm.
 */
export function claimedAttributes(details: ContactDetails): ContactAttributes {
  return {
    customerId: '',
    displayName: details.name,
    tier: '',
    language: details.language,
    priority: 'false',
    latestInquiryId: '',
    latestInquiryStatus: '',
    lastContactChannel: '',
    lastContactAt: '',
    knownCustomer: 'false',
    claimedEmail: details.email ?? '',
    claimedPhone: details.phone ?? '',
  };
}
