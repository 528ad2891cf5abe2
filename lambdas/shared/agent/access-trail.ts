import type { Page, PageOptions } from '../customer-data/customer-store';
import type { AgentPrincipal, AgentRole } from './contract';

/**
 * The access trail (issue 14: the outsourcing-security concern of the seeds): every read of a customer's
 * profile or history by an agent leaves an entry — who, in which role, when, whose data, how, and for
 * which contact — BEFORE the data is returned. It fails closed: when the entry cannot be written the
 * agent gets 503 and no data ({@link AccessTrailUnavailableError}), because an unaudited read is what
 * the trail exists to rule out.
 */

export const ACCESS_ACTIONS = ['view-customer', 'view-timeline', 'view-contact-point-timeline', 'search'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** Whose data was read: a customer, or the contacts kept under a phone number or email address. */
export type AccessSubject = { customerId: string } | { phone: string } | { email: string };

export interface AccessEntry {
  agent: string;
  role: AgentRole;
  /** ISO-8601 UTC. */
  at: string;
  subject: AccessSubject;
  action: AccessAction;
  /** The contact the agent was handling (`?contactId=`), when the app said. */
  contactId?: string;
}

/** Port: where access entries are kept (dynamodb-access-trail.ts: the customer table). */
export interface AccessTrail {
  /** Writes every entry; rejects if any could not be written. */
  record(entries: readonly AccessEntry[]): Promise<void>;
  /** A subject's entries, newest first. */
  list(subject: AccessSubject, options?: PageOptions): Promise<Page<AccessEntry>>;
}

/** 503: the trail could not be written, so no data is returned. */
export class AccessTrailUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The access trail could not be written; no customer data was returned.', options);
    this.name = 'AccessTrailUnavailableError';
  }
}

/** Records the reads of `subjects` by `principal` (fail closed). Nothing is recorded for no subject. */
export async function recordAccess(
  trail: AccessTrail,
  principal: AgentPrincipal,
  read: { subjects: readonly AccessSubject[]; action: AccessAction; contactId?: string; at: Date },
): Promise<void> {
  if (read.subjects.length === 0) return;
  const at = read.at.toISOString();
  const entries = read.subjects.map(
    (subject): AccessEntry => ({
      agent: principal.username,
      role: principal.role,
      at,
      subject,
      action: read.action,
      ...(read.contactId !== undefined ? { contactId: read.contactId } : {}),
    }),
  );
  try {
    await trail.record(entries);
  } catch (err) {
    throw new AccessTrailUnavailableError({ cause: err });
  }
}
