import type { CustomerInput } from './customer-store';

/**
 * Port for bulk customer writes (CRM-scale imports). Same result as {@link CustomerStore.putCustomer}
 * for each customer — profile upserted by customerId, contact points added and removed, contacts that
 * came from a number or address before anyone owned it moved into the new owner's history — in a few
 * requests per batch instead of several per customer.
 */

/** What a write did to one customer: new profile, changed profile, or nothing to change. */
export type CustomerWriteOutcome = 'created' | 'updated' | 'unchanged';

export interface CustomerBatchWriter {
  /**
   * Upserts the customers (distinct customerIds) and returns one outcome per customer, in order.
   * Idempotent: running the same batch again after an interruption finishes it, never duplicates.
   */
  writeCustomers(customers: readonly CustomerInput[]): Promise<CustomerWriteOutcome[]>;
}
