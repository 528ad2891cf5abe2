import { z } from 'zod';
import { type CustomerStore, CustomerStoreInputError, type InteractionOwner } from '../customer-data/customer-store';
import type { Customer, Interaction } from '../customer-data/model';
import { BadRequestError, e164Phone, fieldIssues } from './requests';

/**
 * The agents' history API (IAM-authorized, never public):
 * - `GET /customers/{id}/timeline?limit&cursor` → the profile and its interactions, newest first.
 * - `GET /customers?phone=…` or `?email=…` → every customer owning the contact point (agents may see
 *   all members of a household) and the first page of contacts kept under the contact point itself.
 * - `GET /timeline?phone=…|email=…&limit&cursor` → contacts of a number/address no customer owns.
 */

export const MAX_PAGE = 100;

const pageSchema = {
  limit: z.coerce
    .number()
    .int('expected an integer')
    .min(1, 'at least 1')
    .max(MAX_PAGE, `at most ${MAX_PAGE}`)
    .default(20),
  cursor: z.string().min(1).max(2048).optional(),
};

export const timelineQuerySchema = z.strictObject(pageSchema);

export function contactPointQuerySchema(defaultCountry: string) {
  return z
    .strictObject({
      phone: e164Phone(
        z.string(),
        defaultCountry,
        'expected a phone number such as 03-1234-5678 or +81312345678',
      ).optional(),
      email: z
        .string()
        .max(254, 'at most 254 characters')
        .pipe(z.email('expected an email address'))
        .transform((e) => e.toLowerCase())
        .optional(),
      ...pageSchema,
    })
    .superRefine((q, ctx) => {
      if ((q.phone === undefined) === (q.email === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['phone'], message: 'give exactly one of phone or email' });
      }
    });
}

export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, string | undefined> | undefined,
): z.output<T> {
  const input = Object.fromEntries(Object.entries(query ?? {}).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(input);
  if (!result.success) throw new BadRequestError(fieldIssues(result.error, input));
  return result.data;
}

/** A customer id from the path: what the store writes (no `#`, bounded). */
export function parseCustomerId(raw: string | undefined): string {
  const id = raw === undefined ? '' : decodeURIComponent(raw).trim();
  if (!/^[^#\s]{1,128}$/.test(id)) {
    throw new BadRequestError([{ field: 'id', reason: 'expected a customer id (1–128 characters, no spaces or "#")' }]);
  }
  return id;
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

async function page(store: CustomerStore, owner: InteractionOwner, limit: number, cursor: string | undefined) {
  try {
    return await store.listInteractions(owner, { limit, ...(cursor ? { cursor } : {}) });
  } catch (err) {
    if (err instanceof CustomerStoreInputError) throw new BadRequestError([{ field: 'cursor', reason: err.message }]);
    throw err;
  }
}

export interface Timeline {
  customer?: Customer;
  owner: InteractionOwner;
  interactions: Interaction[];
  cursor?: string;
}

export async function customerTimeline(
  store: CustomerStore,
  customerId: string,
  query: { limit: number; cursor?: string },
): Promise<Timeline> {
  const customer = await store.getCustomer(customerId);
  if (!customer) throw new NotFoundError(`no customer ${customerId}`);
  const owner = { customerId };
  const { items, cursor } = await page(store, owner, query.limit, query.cursor);
  return { customer, owner, interactions: items, ...(cursor ? { cursor } : {}) };
}

export async function contactPointTimeline(
  store: CustomerStore,
  query: { phone?: string; email?: string; limit: number; cursor?: string },
): Promise<Timeline> {
  const owner: InteractionOwner = query.phone !== undefined ? { phone: query.phone } : { email: query.email! };
  const { items, cursor } = await page(store, owner, query.limit, query.cursor);
  return { owner, interactions: items, ...(cursor ? { cursor } : {}) };
}

export async function lookupCustomers(
  store: CustomerStore,
  query: { phone?: string; email?: string; limit: number },
): Promise<{ customers: Customer[]; unmatched: Timeline }> {
  const matches =
    query.phone !== undefined
      ? await store.findByPhone(query.phone, { limit: query.limit })
      : await store.findByEmail(query.email!, { limit: query.limit });
  const customers = (await Promise.all(matches.map((m) => store.getCustomer(m.customerId)))).filter(
    (c): c is Customer => c !== undefined,
  );
  const unmatched = await contactPointTimeline(store, { ...query, limit: 20 });
  return { customers, unmatched };
}
