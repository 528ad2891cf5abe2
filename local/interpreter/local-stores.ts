import { randomUUID } from 'node:crypto';
import type { CaseRecord, CaseStore, CustomerProfile, CustomerProfileStore } from './types';

/**
 * In-memory Customer Profiles and Cases domains for the interpreter: the same searches and writes the
 * flow blocks make, kept in the process. Share one instance across contacts (ContactEnvironment) so a
 * profile created by one contact is found by the next.
 */

/** Search keys of Customer Profiles (`_phone`…) and the standard fields each one searches. */
const SEARCH_KEYS: Readonly<Record<string, readonly string[]>> = {
  _phone: ['PhoneNumber', 'MobilePhoneNumber', 'HomePhoneNumber', 'BusinessPhoneNumber'],
  _email: ['EmailAddress', 'PersonalEmailAddress', 'BusinessEmailAddress'],
  _account: ['AccountNumber'],
  _profileId: ['ProfileId'],
};

export class LocalCustomerProfiles implements CustomerProfileStore {
  private readonly profiles: CustomerProfile[] = [];

  search(criteria: readonly { name: string; value: string }[], operator: 'AND' | 'OR'): CustomerProfile[] {
    if (criteria.length === 0) return [];
    const matches = (profile: CustomerProfile, { name, value }: { name: string; value: string }) => {
      const fields = SEARCH_KEYS[name] ?? [name];
      return fields.some((f) => (f === 'ProfileId' ? profile.ProfileId : profile.fields[f]) === value);
    };
    return this.profiles
      .filter((p) => (operator === 'AND' ? criteria.every((c) => matches(p, c)) : criteria.some((c) => matches(p, c))))
      .map((p) => ({ ProfileId: p.ProfileId, fields: { ...p.fields } }));
  }

  create(fields: Record<string, string>): CustomerProfile {
    const profile = { ProfileId: randomUUID().replaceAll('-', ''), fields: { ...fields } };
    this.profiles.push(profile);
    return { ProfileId: profile.ProfileId, fields: { ...profile.fields } };
  }
}

export class LocalCases implements CaseStore {
  private readonly cases: CaseRecord[] = [];
  private clock = 0;

  search(fields: Record<string, string>): CaseRecord[] {
    return this.cases
      .filter((c) => Object.entries(fields).every(([k, v]) => (k === 'case_id' ? c.caseId : c.fields[k]) === v))
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((c) => structuredClone(c));
  }

  create(templateId: string, fields: Record<string, string>): CaseRecord {
    this.clock += 1;
    const caseId = randomUUID();
    const record: CaseRecord = {
      caseId,
      templateId,
      fields: { ...fields, case_id: caseId },
      contactIds: [],
      updatedAt: this.clock,
    };
    this.cases.push(record);
    return structuredClone(record);
  }

  link(caseId: string, contactId: string): void {
    const found = this.cases.find((c) => c.caseId === caseId);
    if (!found || found.contactIds.includes(contactId)) return;
    found.contactIds.push(contactId);
    this.clock += 1;
    found.updatedAt = this.clock;
  }
}
