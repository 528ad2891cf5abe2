import { asText } from '../references';
import { type ActionFamily, type Frame, fail, type RunContext, record, type Step } from '../run-context';
import type { CustomerProfile, FlowAction } from '../types';

/**
 * Customer Profiles against the environment's profile store (a local in-memory domain by default).
 * A found or created profile fills `$.Customer`: ProfileId, ProfileARN and the ProfileResponseData fields.
 */

function responseFields(p: Record<string, unknown>): string[] {
  const fields = p.ProfileResponseData;
  if (Array.isArray(fields)) return fields.map((f) => asText(f));
  return Object.keys(record(fields));
}

function profileArn(run: RunContext, profileId: string): string {
  const [, , , region, account] = run.s.env.instanceArn.split(':');
  return `arn:aws:profile:${region ?? run.s.env.region}:${account ?? ''}:domains/local/profiles/${profileId}`;
}

function fillCustomer(run: RunContext, profile: CustomerProfile, fields: readonly string[], actionId: string): void {
  const customer: Record<string, string> = {
    ProfileId: profile.ProfileId,
    ProfileARN: profileArn(run, profile.ProfileId),
  };
  for (const f of fields) {
    const value = profile.fields[f];
    if (value !== undefined) customer[f] = value;
  }
  run.s.customer = customer;
  run.emit({ type: 'service', actionId, service: 'CustomerProfiles', operation: 'profile', detail: profile.ProfileId });
}

/** The search criteria of a ProfileRequestData: IdentifierName/Value, SearchCriteria, or field: value pairs as exports write them. */
function searchCriteria(
  request: Record<string, unknown>,
  frame: Frame,
  run: RunContext,
): { criteria: { name: string; value: string }[]; operator: 'AND' | 'OR' } {
  const operator = asText(request.LogicalOperator).toUpperCase() === 'OR' ? 'OR' : 'AND';
  if (Array.isArray(request.SearchCriteria)) {
    const criteria = request.SearchCriteria.map((c) => ({
      name: asText(record(c).IdentifierName),
      value: run.text(record(c).IdentifierValue, frame),
    }));
    return { criteria, operator };
  }
  if (request.IdentifierName !== undefined) {
    // The reference page spells it IdentiferValue once; accept both spellings.
    const value = request.IdentifierValue ?? request.IdentiferValue;
    return { criteria: [{ name: asText(request.IdentifierName), value: run.text(value, frame) }], operator };
  }
  const criteria = Object.entries(request)
    .filter(([k]) => k !== 'LogicalOperator')
    .map(([name, v]) => ({ name, value: run.text(v, frame) }));
  return { criteria, operator };
}

function getProfile(action: FlowAction, frame: Frame, run: RunContext): Step {
  const p = action.Parameters ?? {};
  const { criteria, operator } = searchCriteria(record(p.ProfileRequestData), frame, run);
  if (criteria.length === 0) return fail('ProfileRequestData has no search identifier');
  const empty = criteria.find((c) => c.name === '' || c.value === '');
  if (empty) return fail(`search identifier "${empty.name}" has an empty value`);
  const found = run.s.customerProfiles.search(criteria, operator);
  const described = criteria.map((c) => `${c.name}=${c.value}`).join(` ${operator} `);
  if (found.length === 0) return { kind: 'error', errorType: 'NoneFoundError', detail: `no profile with ${described}` };
  if (found.length > 1) {
    return { kind: 'error', errorType: 'MultipleFoundError', detail: `${found.length} profiles with ${described}` };
  }
  fillCustomer(run, found[0] as CustomerProfile, responseFields(p), action.Identifier);
  return { kind: 'next' };
}

function createProfile(action: FlowAction, frame: Frame, run: RunContext): Step {
  const p = action.Parameters ?? {};
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(p.ProfileRequestData))) {
    const value = run.text(v, frame);
    if (value !== '') fields[k] = value;
  }
  const profile = run.s.customerProfiles.create(fields);
  fillCustomer(run, profile, responseFields(p), action.Identifier);
  return { kind: 'next' };
}

export const customerProfileActions: ActionFamily = {
  GetCustomerProfile: getProfile,
  CreateCustomerProfile: createProfile,
};
