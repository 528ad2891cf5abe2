import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Customer } from '../customer-data/model';
import type { AgentCustomer } from './contract';

/**
 * A number as people of the center's country write it (03-1234-5678); a foreign one in international
 * form (+1 212 555 0100), so an agent never mistakes it for a domestic number.
 */
export function nationalPhone(e164: string, defaultCountry: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === (defaultCountry as CountryCode) ? parsed.formatNational() : parsed.formatInternational();
}

export function toAgentCustomer(customer: Customer, defaultCountry: string): AgentCustomer {
  return { ...customer, phonesNational: customer.phones.map((p) => nationalPhone(p, defaultCountry)) };
}
