import type { CustomerStore } from '../customer-data/customer-store';
import { nameSearchKey } from '../customer-data/kana';
import type { Customer } from '../customer-data/model';
import { BadRequestError } from '../intake/requests';
import { normalizePhone } from '../phone';
import { type AccessTrail, recordAccess } from './access-trail';
import { toAgentCustomer } from './agent-customer';
import { type AgentPrincipal, MAX_SEARCH_RESULTS, type SearchResponse } from './contract';

/**
 * `GET /search?q=`: how the agent typed it decides what it is —
 * - digits and separators that libphonenumber accepts (090-1234-5678, +81 3 1234 5678, ０３…) → the
 *   customers owning that number (a household gives several);
 * - anything with `@` → the customers owning that address;
 * - anything else → a name, in kanji or in kana (やまだ, ヤマダ, ﾔﾏﾀﾞ find 山田 太郎 via his reading).
 * Results are capped at {@link MAX_SEARCH_RESULTS}; each customer returned is one access-trail entry.
 */

export const MAX_QUERY_CHARS = 200;

export type SearchKind = SearchResponse['kind'];

export function classifyQuery(
  q: string,
  defaultCountry: string,
): { kind: 'phone'; e164: string } | { kind: 'email'; email: string } | { kind: 'name'; name: string } {
  const text = q.normalize('NFKC').trim();
  if (text.includes('@')) return { kind: 'email', email: text.toLowerCase() };
  const phone = normalizePhone(text, defaultCountry);
  if (phone.ok) return { kind: 'phone', e164: phone.e164 };
  return { kind: 'name', name: text };
}

async function profiles(store: CustomerStore, matches: Array<{ customerId: string }>): Promise<Customer[]> {
  const found = await Promise.all(matches.map((m) => store.getCustomer(m.customerId)));
  return found.filter((c): c is Customer => c !== undefined);
}

export async function searchCustomers(
  deps: { store: CustomerStore; accessTrail: AccessTrail; defaultCountry: string; now: () => Date },
  principal: AgentPrincipal,
  q: string,
  options: { contactId?: string } = {},
): Promise<SearchResponse> {
  const query = classifyQuery(q, deps.defaultCountry);
  let customers: Customer[];
  let truncated: boolean;
  if (query.kind === 'name') {
    if (nameSearchKey(query.name) === '') {
      throw new BadRequestError([{ field: 'q', reason: 'expected a phone number, an email address or a name' }]);
    }
    ({ customers, truncated } = await deps.store.searchCustomersByName(query.name, { limit: MAX_SEARCH_RESULTS }));
  } else {
    // One more than the cap tells a household larger than the cap from one that fits.
    const options = { limit: MAX_SEARCH_RESULTS + 1 };
    const matches =
      query.kind === 'phone'
        ? await deps.store.findByPhone(query.e164, options)
        : await deps.store.findByEmail(query.email, options);
    truncated = matches.length > MAX_SEARCH_RESULTS;
    customers = (await profiles(deps.store, matches.slice(0, MAX_SEARCH_RESULTS))).sort((a, b) =>
      a.customerId.localeCompare(b.customerId),
    );
  }
  await recordAccess(deps.accessTrail, principal, {
    subjects: customers.map((c) => ({ customerId: c.customerId })),
    action: 'search',
    at: deps.now(),
    ...(options.contactId !== undefined ? { contactId: options.contactId } : {}),
  });
  return { kind: query.kind, customers: customers.map((c) => toAgentCustomer(c, deps.defaultCountry)), truncated };
}
