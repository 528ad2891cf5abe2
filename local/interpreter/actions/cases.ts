import { asText } from '../references';
import { type ActionFamily, type Frame, fail, isTrue, type RunContext, record, type Step } from '../run-context';
import type { CaseRecord, FlowAction } from '../types';

/**
 * Amazon Connect Cases against the environment's case store (a local in-memory domain by default).
 * A found or created case fills `$.Case` with its fields (CaseResponseFields, and case_id always).
 */

function requestFields(p: Record<string, unknown>, frame: Frame, run: RunContext): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(p.CaseRequestFields))) fields[k] = run.text(v, frame);
  return fields;
}

function fillCase(
  run: RunContext,
  found: CaseRecord,
  names: readonly string[],
  actionId: string,
  operation: string,
): void {
  const fields: Record<string, string> = { case_id: found.caseId };
  for (const name of names) {
    const value = found.fields[name];
    if (value !== undefined) fields[name] = value;
  }
  run.s.caseFields = fields;
  run.emit({ type: 'service', actionId, service: 'Cases', operation, detail: found.caseId });
}

function getCase(action: FlowAction, frame: Frame, run: RunContext): Step {
  const p = action.Parameters ?? {};
  const fields = requestFields(p, frame, run);
  if (p.CustomerId !== undefined) fields.customer_id = run.text(p.CustomerId, frame);
  if (Object.keys(fields).length === 0) return fail('GetCase needs CustomerId or CaseRequestFields to search by');
  const empty = Object.entries(fields).find(([, v]) => v === '');
  if (empty) return fail(`case field "${empty[0]}" to search by is empty`);
  const found = run.s.cases.search(fields);
  const described = Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  if (found.length === 0) return { kind: 'error', errorType: 'NoneFound', detail: `no case with ${described}` };
  if (found.length > 1 && !isTrue(p.GetLastUpdatedCase)) {
    return { kind: 'error', errorType: 'MultipleFound', detail: `${found.length} cases with ${described}` };
  }
  const chosen = found[0] as CaseRecord;
  if (isTrue(p.LinkContactToCase)) run.s.cases.link(chosen.caseId, run.s.contactId);
  const names = Array.isArray(p.CaseResponseFields) ? p.CaseResponseFields.map((f) => asText(f)) : [];
  fillCase(run, chosen, names, action.Identifier, 'get');
  return { kind: 'next' };
}

function createCase(action: FlowAction, frame: Frame, run: RunContext): Step {
  const p = action.Parameters ?? {};
  const templateId = run.text(p.CaseTemplateId, frame);
  if (templateId === '') return fail('CaseTemplateId is required');
  const fields = requestFields(p, frame, run);
  // Cases requires every case to belong to a customer profile.
  if (!fields.customer_id) return fail('customer_id is required: a case belongs to a customer profile');
  const created = run.s.cases.create(templateId, fields);
  if (isTrue(p.LinkContactToCase)) run.s.cases.link(created.caseId, run.s.contactId);
  fillCase(run, created, Object.keys(fields), action.Identifier, 'create');
  return { kind: 'next' };
}

export const caseActions: ActionFamily = { GetCase: getCase, CreateCase: createCase };
