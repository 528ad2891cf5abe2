import type { FieldIssue } from '../intake/requests';

/**
 * What the agent API answers besides 400 (BadRequestError, shared with intake) — one class per status,
 * each naming the field concerned where there is one, so the agent app can point at it.
 */

/** 403: the signed-in role may not do this (an agent reopening a resolved inquiry…). */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** 404 for a thing the request names (a customer, a contact's interaction). */
export class AgentNotFoundError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AgentNotFoundError';
  }
}

/** 409: the data changed under the request (another inquiry is the latest now, a contact is verified already…). */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}
