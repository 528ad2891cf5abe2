import type { ContactPoint, CustomerStore, InteractionOwner } from '../customer-data/customer-store';
import { normalizeKana } from '../customer-data/kana';
import type { Customer, Interaction } from '../customer-data/model';
import { sameName } from '../intake/resolve-customer';
import { toAgentCustomer } from './agent-customer';
import type { AgentPrincipal, LinkRequest, LinkResponse } from './contract';
import { AgentNotFoundError, ConflictError } from './errors';

/**
 * `POST /interactions/link`: an agent confirms a claimed contact after verifying the caller verbally.
 *
 * Claimed contacts live where intake put them (identity.ts): under the contact point they claimed
 * (`PHONE#` / `EMAIL#` partitions, when somebody already owned it) or in the customer created from the
 * claim. Calls from unknown numbers (no identity at all) are kept under the number the same way and may
 * be linked too; a `verified` contact never is (409): its identity is settled.
 *
 * - `target.customerId`: the interaction moves into that customer's history (store.moveInteraction:
 *   idempotent, safe when five agents click at once) and becomes `verified` by `agent`, with
 *   details `linkedBy`, `linkedAt`, `verification` — written once (a conditional update: the first
 *   confirmation's who and when stay; a repeat answers with it).
 * - `target.newCustomer`: a new customer owning the claimed contact point (createCustomerFor: once,
 *   whatever the concurrency), then as above. If the contact point already has an owner, 409 naming
 *   `target.newCustomer` — never a second customer silently sharing a number or address.
 */

export interface LinkDeps {
  store: CustomerStore;
  defaultCountry: string;
  now: () => Date;
}

function isAgentLink(interaction: Interaction, customerId: string, owner: InteractionOwner): boolean {
  return (
    interaction.identity === 'verified' &&
    interaction.verifiedBy === 'agent' &&
    'customerId' in owner &&
    owner.customerId === customerId
  );
}

type NewCustomerProfile = Extract<LinkRequest['target'], { newCustomer: unknown }>['newCustomer'];

/**
 * The customer a `newCustomer` link ends in. A contact already kept in a customer's history of the same
 * name (the customer intake created from this very claim, or the one a concurrent identical link just
 * created) is confirmed there — no second customer; a different name there is a conflict.
 */
async function newCustomerFor(
  deps: LinkDeps,
  sourceId: string,
  owner: InteractionOwner,
  profile: NewCustomerProfile,
): Promise<{ customer: Customer; created: boolean }> {
  const joinExisting = async (customerId: string): Promise<Customer | undefined> => {
    const existing = await deps.store.getCustomer(customerId);
    return existing && sameName(existing.name, profile.name) ? existing : undefined;
  };
  if ('customerId' in owner) {
    const existing = await joinExisting(owner.customerId);
    if (existing) return { customer: existing, created: false };
    throw new ConflictError(`the contact is in the history of customer ${owner.customerId} already`, [
      {
        field: 'target.newCustomer',
        reason: `the contact is kept in customer ${owner.customerId}'s history: confirm it with target.customerId`,
      },
    ]);
  }
  const contactPoint: ContactPoint = owner;
  const taken = (customerId: string | undefined) =>
    new ConflictError('the contact point already belongs to a customer', [
      {
        field: 'target.newCustomer',
        reason: `${'phone' in contactPoint ? 'the phone number' : 'the email address'} already belongs to customer ${customerId ?? '(another)'}: link to that customer instead`,
      },
    ]);
  const owners =
    'phone' in contactPoint
      ? await deps.store.findByPhone(contactPoint.phone, { limit: 2 })
      : await deps.store.findByEmail(contactPoint.email, { limit: 2 });
  if (owners.length > 0) {
    // A concurrent identical link made the customer and took the contact into its history meanwhile.
    const now = await deps.store.locateInteraction(sourceId);
    if (
      now &&
      'customerId' in now.owner &&
      owners.some((o) => o.customerId === (now.owner as { customerId: string }).customerId)
    ) {
      const existing = await joinExisting(now.owner.customerId);
      if (existing) return { customer: existing, created: false };
    }
    throw taken(owners[0]?.customerId);
  }
  const nameKana = profile.nameKana !== undefined ? normalizeKana(profile.nameKana) : '';
  const { customer, created } = await deps.store.createCustomerFor(contactPoint, {
    name: profile.name,
    ...(nameKana !== '' ? { nameKana } : {}),
    phones: 'phone' in contactPoint ? [contactPoint.phone] : [],
    ...('email' in contactPoint ? { email: contactPoint.email } : {}),
    tier: profile.tier ?? 'standard',
    language: profile.language ?? 'ja-JP',
  });
  // Not created: a concurrent request made the customer first. The same link repeated (same name) joins
  // it; anything else is somebody else's customer now.
  if (!created && !sameName(customer.name, profile.name)) throw taken(customer.customerId);
  return { customer, created };
}

export async function linkClaimedContact(
  deps: LinkDeps,
  principal: AgentPrincipal,
  request: LinkRequest,
): Promise<{ status: 200 | 201; body: LinkResponse }> {
  const located = await deps.store.locateInteraction(request.sourceId);
  if (!located) {
    throw new AgentNotFoundError(`no contact ${request.sourceId}`, [
      { field: 'sourceId', reason: 'no contact with this source id' },
    ]);
  }
  const targetId = 'customerId' in request.target ? request.target.customerId : undefined;
  if (located.interaction.identity === 'verified') {
    // The same confirmation repeated (a retry, a double click): answer with the first one.
    const linkedTo = 'customerId' in located.owner ? located.owner.customerId : undefined;
    const sameTarget =
      linkedTo !== undefined &&
      isAgentLink(located.interaction, linkedTo, located.owner) &&
      (targetId === linkedTo || targetId === undefined);
    const customer = sameTarget ? await deps.store.getCustomer(linkedTo) : undefined;
    const repeated =
      customer !== undefined &&
      ('newCustomer' in request.target ? sameName(customer.name, request.target.newCustomer.name) : true);
    if (customer && repeated) {
      return {
        status: 200,
        body: {
          customer: toAgentCustomer(customer, deps.defaultCountry),
          interaction: located.interaction,
          newCustomer: false,
        },
      };
    }
    throw new ConflictError('only a claimed contact can be linked', [
      { field: 'sourceId', reason: 'the contact is verified already' },
    ]);
  }

  let customer: Customer;
  let newCustomer = false;
  if ('customerId' in request.target) {
    const found = await deps.store.getCustomer(request.target.customerId);
    if (!found) {
      throw new AgentNotFoundError(`no customer ${request.target.customerId}`, [
        { field: 'target.customerId', reason: 'no such customer' },
      ]);
    }
    customer = found;
  } else {
    const made = await newCustomerFor(deps, request.sourceId, located.owner, request.target.newCustomer);
    customer = made.customer;
    newCustomer = made.created;
  }

  const moved = await deps.store.moveInteraction(request.sourceId, { customerId: customer.customerId });
  if (!moved || !('customerId' in moved.owner) || moved.owner.customerId !== customer.customerId) {
    throw new ConflictError('the contact was linked to another customer meanwhile', [
      { field: 'sourceId', reason: 'linked to another customer concurrently: reload' },
    ]);
  }
  const linkedAt = deps.now().toISOString();
  const result = await deps.store.updateInteractionIf(
    request.sourceId,
    {
      identity: 'verified',
      verifiedBy: 'agent',
      details: {
        ...moved.interaction.details,
        linkedBy: principal.username,
        linkedAt,
        verification: request.verification,
      },
    },
    { notVerified: true },
  );
  let interaction: Interaction;
  if (result.outcome === 'updated') interaction = result.interaction;
  else if (result.outcome === 'condition_failed' && isAgentLink(result.interaction, customer.customerId, moved.owner))
    interaction = result.interaction; // a concurrent identical link confirmed it first
  else
    throw new ConflictError('the contact changed meanwhile', [
      { field: 'sourceId', reason: 'changed concurrently: reload' },
    ]);
  return {
    status: newCustomer ? 201 : 200,
    body: { customer: toAgentCustomer(customer, deps.defaultCountry), interaction, newCustomer },
  };
}
