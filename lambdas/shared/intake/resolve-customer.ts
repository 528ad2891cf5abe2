import type { CustomerStore } from '../customer-data/customer-store';
import type { Customer, Language } from '../customer-data/model';

/**
 * "Resolve or create" the customer behind a chat, web form or email, from what the visitor typed.
 *
 * Rules (the data invariants of architecture.md):
 * 1. An email address owned by exactly one customer wins (an address is personal).
 * 2. Otherwise a phone number owned by exactly one customer.
 * 3. A shared number (household) or a shared address is ambiguous: it never picks a customer by
 *    itself. The one candidate whose stored name equals the given name (ignoring width, case and
 *    spaces) is taken; with none or several, a new customer is created.
 * 4. Nothing known: a new customer (tier standard, id `C-<n>`) with the given contact points, created
 *    once per contact point (`CustomerStore.createCustomerFor`).
 *
 * Contact points given by the visitor are never added to an existing customer: an unverified web form
 * must not be able to attach its phone number or address to somebody else's profile. Resolving is not
 * trusting: whether the contact may see or change the customer found is decided by identity.ts.
 */

export interface ContactDetails {
  name: string;
  /** Lower-cased address. */
  email?: string;
  /** E.164. */
  phone?: string;
  language: Language;
}

export interface ResolvedCustomer {
  customer: Customer;
  newCustomer: boolean;
  /** How the customer was found. */
  matchedBy: 'email' | 'phone' | 'name-in-household' | 'created';
  /** Which contact point found an existing customer (a claim is kept under it: identity.ts). */
  via?: 'email' | 'phone';
}

export interface ResolveOptions {
  /** Id of a customer this call creates. @default the store allocates the next `C-<n>` */
  newCustomerId?: () => string;
}

/** How many candidates a lookup asks for: enough to tell unique from shared and to match a household name. */
const HOUSEHOLD_LIMIT = 10;

export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return norm(a) === norm(b);
}

async function unique(
  store: CustomerStore,
  matches: Array<{ customerId: string }>,
  name: string,
): Promise<{ customer: Customer; byName: boolean } | undefined> {
  if (matches.length === 1) {
    const customer = await store.getCustomer(matches[0]!.customerId);
    return customer ? { customer, byName: false } : undefined;
  }
  if (matches.length > 1) {
    const candidates = await Promise.all(matches.map((m) => store.getCustomer(m.customerId)));
    const named = candidates.filter((c): c is Customer => c !== undefined && sameName(c.name, name));
    if (named.length === 1) return { customer: named[0]!, byName: true };
  }
  return undefined;
}

export async function resolveCustomer(
  store: CustomerStore,
  details: ContactDetails,
  options: ResolveOptions = {},
): Promise<ResolvedCustomer> {
  if (details.email === undefined && details.phone === undefined) {
    throw new Error('resolveCustomer: an email address or a phone number is required');
  }
  if (details.email !== undefined) {
    const found = await unique(store, await store.findByEmail(details.email, { limit: HOUSEHOLD_LIMIT }), details.name);
    if (found)
      return {
        customer: found.customer,
        newCustomer: false,
        matchedBy: found.byName ? 'name-in-household' : 'email',
        via: 'email',
      };
  }
  if (details.phone !== undefined) {
    const found = await unique(store, await store.findByPhone(details.phone, { limit: HOUSEHOLD_LIMIT }), details.name);
    if (found)
      return {
        customer: found.customer,
        newCustomer: false,
        matchedBy: found.byName ? 'name-in-household' : 'phone',
        via: 'phone',
      };
  }
  // Once per contact point, however many first contacts arrive at the same time: the address (else the
  // number) is claimed with a conditional write, and whoever loses joins the winner's customer.
  const contactPoint = details.email !== undefined ? { email: details.email } : { phone: details.phone! };
  const { customer, created } = await store.createCustomerFor(
    contactPoint,
    {
      name: details.name,
      phones: details.phone === undefined ? [] : [details.phone],
      ...(details.email === undefined ? {} : { email: details.email }),
      tier: 'standard',
      language: details.language,
    },
    options.newCustomerId ? { customerId: options.newCustomerId() } : {},
  );
  if (created) return { customer, newCustomer: true, matchedBy: 'created' };
  return { customer, newCustomer: false, matchedBy: 'email' in contactPoint ? 'email' : 'phone' };
}
