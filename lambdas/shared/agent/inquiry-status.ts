import type { CustomerStore } from '../customer-data/customer-store';
import type { Customer, InquiryStatus } from '../customer-data/model';
import type { AgentPrincipal } from './contract';
import { AgentNotFoundError, ConflictError, ForbiddenError } from './errors';

/**
 * The latest inquiry's status, as agents change it (`PUT /customers/{id}/latest-inquiry`, and a wrap-up
 * with `inquiryStatus`). Rules:
 * - the change names the inquiry it means (`inquiryId`); if another inquiry is the latest by the time it
 *   lands (an import, a new web form), nothing changes and the answer is 409 — never a status moved
 *   onto an inquiry the agent did not see;
 * - agents move freely between received, in_progress, waiting_for_customer and resolved, but only a
 *   supervisor reopens a `resolved` inquiry (403 for an agent), checked in the same conditional write.
 */

export async function changeLatestInquiryStatus(
  store: CustomerStore,
  principal: AgentPrincipal,
  customerId: string,
  change: { inquiryId: string; status: InquiryStatus },
  fields: { inquiryId: string; status: string } = { inquiryId: 'inquiryId', status: 'status' },
): Promise<Customer> {
  const result = await store.setLatestInquiryStatus(customerId, {
    ...change,
    allowReopen: principal.role === 'supervisor',
  });
  switch (result.outcome) {
    case 'updated':
      return result.customer;
    case 'not_found':
      throw new AgentNotFoundError(`no customer ${customerId}`, [{ field: 'id', reason: 'no such customer' }]);
    case 'inquiry_changed':
      throw new ConflictError(`the latest inquiry of ${customerId} is not ${change.inquiryId}`, [
        {
          field: fields.inquiryId,
          reason: result.customer.latestInquiry
            ? `the latest inquiry is now ${result.customer.latestInquiry.id}: reload the customer`
            : 'the customer has no latest inquiry',
        },
      ]);
    case 'reopen_forbidden':
      throw new ForbiddenError('only a supervisor may reopen a resolved inquiry', [
        { field: fields.status, reason: 'the inquiry is resolved: only a supervisor may reopen it' },
      ]);
  }
}
