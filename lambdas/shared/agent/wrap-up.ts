import type { CustomerStore, InteractionOwner } from '../customer-data/customer-store';
import type { Customer, Interaction } from '../customer-data/model';
import { BadRequestError } from '../intake/requests';
import { normalizePhone } from '../phone';
import { toAgentCustomer } from './agent-customer';
import type { AgentPrincipal, Disposition, WrapUpRequest, WrapUpResponse } from './contract';
import { AgentNotFoundError, ConflictError, ForbiddenError } from './errors';
import { changeLatestInquiryStatus } from './inquiry-status';

/**
 * `PUT /contacts/{contactId}/wrap-up`: the agent's entry of one contact in the history.
 *
 * - One entry per contact: sourceId `agent-wrap-up:<contactId>`, recorded through the store's
 *   idempotent write, so the same wrap-up sent ten times at once is one entry (the first is 201, the
 *   others replace it: 200).
 * - Subject: the disposition's Japanese label (the history reads Japanese first); the disposition's id
 *   stays in `details.disposition` for reports, the note is the summary.
 * - A later wrap-up of the same contact replaces the entry (same agent, or a supervisor, who is then
 *   named in `details.updatedBy`); another agent gets 403. The entry keeps its time and its agent.
 * - Where: the customer's history (`customerId`, 404 when unknown), else the contact point's
 *   (`contactPoint`, a contact nobody owns yet). `customerId` wins when both are given; a replacement
 *   naming a customer moves an entry first kept under the contact point into that customer's history.
 * - `inquiryStatus` changes the customer's latest inquiry by the rules of inquiry-status.ts first; if
 *   that is refused, nothing is recorded.
 */

export const WRAP_UP_SOURCE_PREFIX = 'agent-wrap-up:';

/** A contact id from the path: Connect's are UUIDs; the local console's are bounded ids. */
export const CONTACT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function wrapUpSourceId(contactId: string): string {
  return `${WRAP_UP_SOURCE_PREFIX}${contactId}`;
}

export interface WrapUpDeps {
  store: CustomerStore;
  dispositions: readonly Disposition[];
  defaultCountry: string;
  now: () => Date;
}

function ownerOf(
  request: WrapUpRequest,
  defaultCountry: string,
): { customerId: string } | { phone: string } | { email: string } {
  if (request.customerId !== undefined) return { customerId: request.customerId };
  const point = request.contactPoint;
  if (point === undefined) {
    throw new BadRequestError([
      { field: 'customerId', reason: 'give customerId, or contactPoint for a contact nobody owns yet' },
    ]);
  }
  if ('phone' in point) {
    const phone = normalizePhone(point.phone, defaultCountry);
    if (!phone.ok) {
      throw new BadRequestError([
        { field: 'contactPoint.phone', reason: 'expected a phone number such as 03-1234-5678 or +81 3 1234 5678' },
      ]);
    }
    return { phone: phone.e164 };
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(point.email)) {
    throw new BadRequestError([{ field: 'contactPoint.email', reason: 'expected an email address' }]);
  }
  return { email: point.email.trim().toLowerCase() };
}

function mayReplace(existing: Interaction, principal: AgentPrincipal): boolean {
  return existing.agent === principal.username || principal.role === 'supervisor';
}

const MAX_ROUNDS = 3;

export async function wrapUp(
  deps: WrapUpDeps,
  principal: AgentPrincipal,
  contactId: string,
  request: WrapUpRequest,
): Promise<{ status: 200 | 201; body: WrapUpResponse }> {
  const disposition = deps.dispositions.find((d) => d.id === request.disposition);
  if (!disposition) {
    throw new BadRequestError([
      { field: 'disposition', reason: `expected one of ${deps.dispositions.map((d) => d.id).join(', ')}` },
    ]);
  }
  const owner: InteractionOwner = ownerOf(request, deps.defaultCountry);
  if (request.inquiryStatus !== undefined && !('customerId' in owner)) {
    throw new BadRequestError([
      { field: 'inquiryStatus', reason: 'needs customerId (a contact point has no inquiry)' },
    ]);
  }
  let customer: Customer | undefined;
  if ('customerId' in owner) {
    customer = await deps.store.getCustomer(owner.customerId);
    if (!customer) {
      throw new AgentNotFoundError(`no customer ${owner.customerId}`, [
        { field: 'customerId', reason: 'no such customer' },
      ]);
    }
  }
  const sourceId = wrapUpSourceId(contactId);
  const existing = await deps.store.findInteractionBySource(sourceId);
  if (existing && !mayReplace(existing, principal)) {
    throw new ForbiddenError(`the wrap-up of ${contactId} is ${existing.agent ?? 'another agent'}'s`, [
      { field: 'contactId', reason: "another agent's wrap-up: only that agent or a supervisor may replace it" },
    ]);
  }
  if (request.inquiryStatus !== undefined && customer) {
    if (!customer.latestInquiry) {
      throw new ConflictError(`customer ${customer.customerId} has no latest inquiry`, [
        { field: 'inquiryStatus', reason: 'the customer has no latest inquiry' },
      ]);
    }
    customer = await changeLatestInquiryStatus(
      deps.store,
      principal,
      customer.customerId,
      { inquiryId: customer.latestInquiry.id, status: request.inquiryStatus },
      { inquiryId: 'inquiryStatus', status: 'inquiryStatus' },
    );
  }
  const details: Record<string, string> = { contactId, disposition: disposition.id };
  if (request.inquiryStatus !== undefined && customer?.latestInquiry) {
    details.inquiryId = customer.latestInquiry.id;
    details.inquiryStatus = request.inquiryStatus;
  }
  const note = request.note?.trim();
  const withCustomer = (interaction: Interaction, replaced: boolean, status: 200 | 201) => ({
    status,
    body: {
      interaction,
      replaced,
      ...(customer ? { customer: toAgentCustomer(customer, deps.defaultCountry) } : {}),
    },
  });

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = round === 0 ? existing : await deps.store.findInteractionBySource(sourceId);
    if (!current) {
      const interaction: Interaction = {
        channel: request.channel,
        direction: 'INBOUND',
        at: deps.now().toISOString(),
        sourceId,
        subject: disposition.ja,
        ...(note ? { summary: note } : {}),
        agent: principal.username,
        details,
      };
      const { duplicate } = await deps.store.recordInteraction(owner, interaction);
      if (!duplicate) {
        const stored = await deps.store.findInteractionBySource(sourceId);
        return withCustomer(stored ?? interaction, false, 201);
      }
      continue; // a concurrent wrap-up of the same contact was first: replace it (if allowed)
    }
    if (!mayReplace(current, principal)) {
      throw new ForbiddenError(`the wrap-up of ${contactId} is ${current.agent ?? 'another agent'}'s`, [
        { field: 'contactId', reason: "another agent's wrap-up: only that agent or a supervisor may replace it" },
      ]);
    }
    // Wrapped up under the contact point first, and now for a customer (the agent linked or found them):
    // the entry follows into the customer's history.
    if ('customerId' in owner && current.customerId !== owner.customerId) {
      await deps.store.moveInteraction(sourceId, owner);
    }
    const replacedDetails: Record<string, string> = { ...details, updatedAt: deps.now().toISOString() };
    if (current.agent !== principal.username) replacedDetails.updatedBy = principal.username;
    const result = await deps.store.updateInteractionIf(
      sourceId,
      { subject: disposition.ja, details: replacedDetails, ...(note ? { summary: note } : { remove: ['summary'] }) },
      // Still the entry this request judged it may replace.
      current.agent !== undefined ? { agent: current.agent } : {},
    );
    if (result.outcome === 'updated') return withCustomer(result.interaction, true, 200);
  }
  throw new ConflictError(`the wrap-up of ${contactId} kept changing; retry`, [
    { field: 'contactId', reason: 'changed concurrently' },
  ]);
}
